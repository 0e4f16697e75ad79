"""The one source of truth for a session's derived summary (the domains needing help, and the
decided outcomes whose counted answers were not all given): kept with the basis it was worked
out on (a fingerprint of the rules' code, of the summary's shape and the form's content hash),
and worked out again wherever that basis is not today's.

The summary is kept as JSON text in `session_summaries.help_domains`:
`{"help": [domain ids], "incomplete": [[outcome id, scope or null], ...]}`."""

from __future__ import annotations

import hashlib
import json
import marshal
from collections.abc import Mapping
from types import CodeType, ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

from storage.database import Connection

if TYPE_CHECKING:
    from instruments.answer_value import AnswerValue
    from instruments.model import Form


def rule_modules() -> tuple[ModuleType, ...]:
    """The modules whose code decides the summary: the help-domain rule, the visibility it
    relies on, and the scoring and completeness that tell an outcome worked out on missing
    answers (imported when first needed: a command that reads no summary loads no rules)."""
    import instruments.completeness
    import instruments.conditions
    import instruments.scoring
    import instruments.summary

    return (instruments.summary, instruments.conditions, instruments.scoring,
            instruments.completeness)


# The shape of the kept text: a summary kept in another shape is worked out again.
SHAPE = "help+incomplete"


class Summary(NamedTuple):
    """A completed session in short: the domains needing help, and (outcome id, scope) of the
    decided outcomes whose counted answers were not all given at completion."""

    help_domains: tuple[str, ...]
    incomplete: tuple[tuple[str, str | None], ...] = ()


UPSERT = (
    "INSERT INTO session_summaries (session_id, help_domains, basis) VALUES (?, ?, ?) "
    "ON CONFLICT (session_id) DO UPDATE SET help_domains = excluded.help_domains, "
    "basis = excluded.basis"
)


def _const_text(value: object) -> str:
    """A constant as stable text (sets sorted: their order follows the hash seed)."""
    if isinstance(value, CodeType):
        return _code_bytes(value).hex()
    if isinstance(value, frozenset | set):
        return "{" + ",".join(sorted(_const_text(v) for v in value)) + "}"
    if isinstance(value, tuple):
        return "(" + ",".join(_const_text(v) for v in value) + ")"
    return repr(value)


def _code_bytes(code: CodeType) -> bytes:
    """A code object without where it lives (file, first line), nested ones included."""
    bare = code.replace(co_filename="", co_firstlineno=1, co_consts=())
    return marshal.dumps(bare) + _const_text(code.co_consts).encode("utf-8")


def rules_fingerprint() -> str:
    """A fingerprint of the code that works out help domains, read as it is now: a changed
    rule (or one replaced at run time) gives another fingerprint."""
    digest = hashlib.sha256(SHAPE.encode("utf-8"))
    for module in rule_modules():
        for name, value in sorted(vars(module).items()):
            code = getattr(value, "__code__", None)
            if isinstance(code, CodeType):
                digest.update(name.encode("utf-8"))
                digest.update(_code_bytes(code))
    return digest.hexdigest()[:32]


def basis(form_hash: str, rules: str | None = None) -> str:
    """What a kept summary was worked out on: the rule's fingerprint and the form's hash."""
    return f"{rules or rules_fingerprint()}:{form_hash}"


def work_out(form: Form, answers: Mapping[str, AnswerValue]) -> Summary:
    """The summary of a session, by the rules as they are now."""
    from instruments.summary import help_domains, incomplete_outcomes

    return Summary(tuple(help_domains(form, answers)), tuple(incomplete_outcomes(form, answers)))


def summary_text(summary: Summary) -> str:
    """The summary as the JSON text kept in the store."""
    return json.dumps({"help": list(summary.help_domains),
                       "incomplete": [list(key) for key in summary.incomplete]})


def parse(text: str) -> Summary | None:
    """A kept summary's text, or None when it is not of today's shape (read once per session
    on the bulk path: kept lean)."""
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None
    if type(data) is not dict:
        return None
    found, incomplete = data.get("help"), data.get("incomplete")
    if type(found) is not list or type(incomplete) is not list:
        return None
    if not incomplete:
        return Summary(tuple(map(str, found)))
    return Summary(tuple(map(str, found)),
                   tuple((str(pair[0]), None if pair[1] is None else str(pair[1]))
                         for pair in incomplete if type(pair) is list and len(pair) == 2))


def keep(conn: Connection, session_id: str, form_hash: str, summary: Summary,
         rules: str | None = None) -> None:
    """Keep (or replace) a completed session's summary with its basis."""
    conn.exec_driver_sql(UPSERT, (session_id, summary_text(summary), basis(form_hash, rules)))


def kept(conn: Connection, chosen_sql: str, params: tuple[object, ...],
         form_hashes: Mapping[str, str], rules: str) -> dict[str, Summary]:
    """The kept summaries of the chosen sessions that are still current: worked out on
    today's rules and the session's own form (any other is left out, to be worked out again)."""
    rows = conn.exec_driver_sql(
        f"SELECT m.session_id, m.help_domains, m.basis FROM session_summaries m "
        f"WHERE m.session_id IN ({chosen_sql})", params)
    found: dict[str, Summary] = {}
    for row in rows:
        sid = row._mapping["session_id"]
        form_hash = form_hashes.get(sid)
        if form_hash is not None and row._mapping["basis"] == basis(form_hash, rules):
            summary = parse(row._mapping["help_domains"])
            if summary is not None:
                found[sid] = summary
    return found
