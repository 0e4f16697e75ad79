"""The one source of truth for a session's derived summary (the domains needing help): kept
with the basis it was worked out on (a fingerprint of the rule's code and the form's content
hash), and worked out again wherever that basis is not today's."""

from __future__ import annotations

import hashlib
import json
import marshal
from collections.abc import Mapping
from types import CodeType, ModuleType

from sqlalchemy import Connection

import instruments.conditions
import instruments.summary
from instruments.answers import AnswerValue
from instruments.model import Form

# The modules whose code decides the help domains (the rule and the visibility it relies on).
RULE_MODULES: tuple[ModuleType, ...] = (instruments.summary, instruments.conditions)

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
    digest = hashlib.sha256()
    for module in RULE_MODULES:
        for name, value in sorted(vars(module).items()):
            code = getattr(value, "__code__", None)
            if isinstance(code, CodeType):
                digest.update(name.encode("utf-8"))
                digest.update(_code_bytes(code))
    return digest.hexdigest()[:32]


def basis(form_hash: str, rules: str | None = None) -> str:
    """What a kept summary was worked out on: the rule's fingerprint and the form's hash."""
    return f"{rules or rules_fingerprint()}:{form_hash}"


def work_out(form: Form, answers: Mapping[str, AnswerValue]) -> tuple[str, ...]:
    """The help domains of a session, by the rule as it is now."""
    return tuple(instruments.summary.help_domains(form, answers))


def keep(conn: Connection, session_id: str, form_hash: str, domains: tuple[str, ...],
         rules: str | None = None) -> None:
    """Keep (or replace) a completed session's summary with its basis."""
    conn.exec_driver_sql(UPSERT, (session_id, json.dumps(list(domains)),
                                  basis(form_hash, rules)))


def kept(conn: Connection, chosen_sql: str, params: tuple[object, ...],
         form_hashes: Mapping[str, str], rules: str) -> dict[str, tuple[str, ...]]:
    """The kept summaries of the chosen sessions that are still current: worked out on
    today's rule and the session's own form (any other is left out, to be worked out again)."""
    rows = conn.exec_driver_sql(
        f"SELECT m.session_id, m.help_domains, m.basis FROM session_summaries m "
        f"WHERE m.session_id IN ({chosen_sql})", params)
    found: dict[str, tuple[str, ...]] = {}
    for row in rows:
        sid = row._mapping["session_id"]
        form_hash = form_hashes.get(sid)
        if form_hash is not None and row._mapping["basis"] == basis(form_hash, rules):
            found[sid] = tuple(json.loads(row._mapping["help_domains"]))
    return found
