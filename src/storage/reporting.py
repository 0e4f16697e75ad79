"""Reporting: sessions read in bulk for a report over many of them (`session_rows`), with
their answers (only those asked for), decisions and summaries (help domains, and the decided
outcomes worked out on answers not all given)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from storage import summaries
from storage.access import Access, form_texts
from storage.columns import moment
from storage.session_parts import Chosen, read_answers, read_decisions

if TYPE_CHECKING:
    from instruments.answer_value import AnswerValue
    from instruments.decision import Decision
    from instruments.model import Form


class SessionRow(NamedTuple):
    """A session as read in bulk for a report (`Store.session_rows`): the parsed form it was
    taken with, its answers (only those asked for), its decisions and, when asked for, the
    domains needing help."""

    id: str
    client_id: str
    form_id: str
    form_version: str
    form_hash: str
    form: Form
    state: str
    created_at: datetime
    completed_at: datetime | None
    answers: dict[str, AnswerValue]
    decisions: list[Decision]
    # Ids of the domains needing help (asked for with `summaries`), else None.
    help_domains: tuple[str, ...] | None = None
    # (outcome id, scope) of the decided outcomes whose counted answers were not all given at
    # completion (asked for with `summaries`), else None.
    incomplete: tuple[tuple[str, str | None], ...] | None = None

    @property
    def when(self) -> datetime:
        """The moment the conversation took place: completion, else start."""
        return self.completed_at or self.created_at


@dataclass(frozen=True)
class _Head:
    client_id: str
    form_id: str
    form_version: str
    form_hash: str
    state: str
    created_at: datetime
    completed_at: datetime | None

    @property
    def when(self) -> datetime:
        return self.completed_at or self.created_at


def _chosen(start: date | None, end: date | None, form_id: str | None,
            state: str | None) -> tuple[str, tuple[str, ...]]:
    """The WHERE clause (over `sessions s`) that picks a report's sessions, and its values."""
    where, params = ["1 = 1"], []
    if state is not None:
        where.append("s.state = ?")
        params.append(state)
    if form_id is not None:
        where.append("s.form_id = ?")
        params.append(form_id)
    if start is not None:  # ISO text: its first ten characters are the date it names
        where.append("substr(coalesce(s.completed_at, s.created_at), 1, 10) >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("substr(coalesce(s.completed_at, s.created_at), 1, 10) <= ?")
        params.append(end.isoformat())
    return " AND ".join(where), tuple(params)


def session_rows(access: Access, *, start: date | None = None, end: date | None = None,
                 form_id: str | None = None, state: str | None = "completed",
                 items: Callable[[Form], Collection[str] | None] | None = None,
                 with_summaries: bool = False) -> list[SessionRow]:
    """See `Store.session_rows`."""
    where, params = _chosen(start, end, form_id, state)
    chosen = Chosen(f"SELECT s.id FROM sessions s WHERE {where}", params)
    with access.tx() as conn:
        heads: dict[str, _Head] = {}
        for row in conn.exec_driver_sql(
                "SELECT s.id, s.client_id, s.form_id, s.form_version, s.form_hash, s.state, "
                f"s.created_at, s.completed_at FROM sessions s WHERE {where}", params):
            col = row._mapping
            head = _Head(col["client_id"], col["form_id"], col["form_version"],
                         col["form_hash"], col["state"],
                         datetime.fromisoformat(col["created_at"]), moment(col["completed_at"]))
            day = head.when.date()
            if (start is None or start <= day) and (end is None or day <= end):
                heads[col["id"]] = head
        form_ids = {head.form_hash: head.form_id for head in heads.values()}
        forms = {h: access.form(h, text, form_ids[h])
                 for h, text in form_texts(conn, set(form_ids)).items()}
        wanted: set[str] | None = set()
        for form in forms.values():
            asked = items(form) if items is not None else None
            if asked is None or wanted is None:
                wanted = None
            else:
                wanted.update(asked)
        answers = read_answers(conn, chosen, heads, items=wanted).values
        kept: dict[str, summaries.Summary] = {}
        if with_summaries:
            rules = summaries.rules_fingerprint()
            kept = summaries.kept(conn, chosen.sql, chosen.params,
                                  {sid: head.form_hash for sid, head in heads.items()}, rules)
            stale = [sid for sid in heads if sid not in kept]
            full = read_answers(conn, Chosen.ids(stale), stale).values
            for sid in stale:
                head = heads[sid]
                kept[sid] = summaries.work_out(forms[head.form_hash], full[sid])
                if head.state == "completed":  # kept again, on today's rule
                    summaries.keep(conn, sid, head.form_hash, kept[sid], rules)
        decisions = read_decisions(conn, chosen, heads)
        access.append(conn, "list_sessions",
                      detail=f"state={state or '*'} form={form_id or '*'} "
                             f"from={start or ''} to={end or ''} results={len(heads)}")
    return [
        SessionRow(sid, head.client_id, head.form_id, head.form_version, head.form_hash,
                   forms[head.form_hash], head.state, head.created_at, head.completed_at,
                   answers[sid], decisions[sid],
                   kept[sid].help_domains if sid in kept else None,
                   kept[sid].incomplete if sid in kept else None)
        for sid, head in sorted(heads.items(), key=lambda kv: (kv[1].when, kv[0]))
    ]
