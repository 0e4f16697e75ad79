"""Store records turned into the plain inputs of the `export` package (no Qt: CLI and app)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from export.inputs import ClientInfo, ConsentInput, Letterhead, SessionInput
from instruments.loader import LoadedForm

if TYPE_CHECKING:  # the report's modules (ReportLab) load when a report is made
    from export.management import ManagementRow
    from storage.records import ClientRecord, ConsentRecord, SessionRecord
    from storage.store import Store

# progress(done, total): called while sessions are prepared; total 0 means "busy, not counted".
# It may raise (e.g. to cancel) and the exception travels out of the helper unchanged.
Progress = Callable[[int, int], None]


class InvalidPeriod(ValueError):
    """The period ends before it starts."""


def session_input(store: Store, record: SessionRecord, letterhead: Letterhead, *,
                  exported_by: str = "") -> SessionInput:
    """A stored session as export input, with the form text it was taken with, who held it
    (as recorded at its start, never whoever exports now), who gave each answer and each
    participant's own view.
    `exported_by` (default: the store's user) is only the exporter, for the audit and the
    document's metadata."""
    loaded = LoadedForm(form=store.session_form(record), source=record.form_text,
                        content_hash=record.form_hash)
    return SessionInput(
        session_id=record.id, client_id=record.client_id, loaded=loaded,
        answers=dict(record.answers), decisions=tuple(record.decisions), notes=record.notes,
        state=record.state, created_at=record.created_at, completed_at=record.completed_at,
        letterhead=letterhead, conductor=record.conductor,
        exported_by=(exported_by or store.user).strip(),
        answered_by=dict(record.answered_by), corrected=record.corrected,
        participant_views={item_id: dict(views)
                           for item_id, views in record.participant_views.items()},
    )


def client_info(record: ClientRecord) -> ClientInfo:
    """A stored client as identified on a document."""
    return ClientInfo(name=record.name, birth_date=record.birth_date, due_date=record.due_date,
                      referrer=record.referrer, bsn=record.bsn,
                      referrer_role=record.referrer_role or "",
                      referrer_practice=record.referrer_practice or "")


def consent_inputs(records: list[ConsentRecord]) -> list[ConsentInput]:
    """Stored consent records as export inputs (withdrawn ones stay, marked inactive)."""
    return [ConsentInput(recipient=c.recipient, scope=c.scope, given_by=c.given_by,
                         given_at=c.given_at, active=c.active, kind=c.kind, consent_id=c.id)
            for c in records]


def active_recipients(records: list[ConsentRecord]) -> list[str]:
    """The distinct recipients of a session's active consents, in the order they were given."""
    seen: dict[str, str] = {}
    for consent in records:
        if consent.active:
            seen.setdefault(" ".join(consent.recipient.split()).casefold(), consent.recipient)
    return list(seen.values())


def period_sessions(store: Store, letterhead: Letterhead, start: date, end: date,
                    form_id: str | None = None, *, progress: Progress | None = None,
                    prepare: Callable[[SessionInput], object] | None = None
                    ) -> list[SessionInput]:
    """Completed sessions (of one form, when given) that took place from start to end.

    `prepare` is called on each chosen session (e.g. to compute what the export needs) while
    `progress` counts them, so a long export can show how far it is and be cancelled.
    """
    if end < start:
        raise InvalidPeriod(f"{end} is before {start}")
    if progress is not None:
        progress(0, 0)
    chosen = []
    for record in store.list_sessions():
        when: datetime | None = record.completed_at or record.created_at
        if record.state != "completed" or when is None or not start <= when.date() <= end:
            continue
        if form_id is not None and record.form_id != form_id:
            continue
        chosen.append(record)
    found = []
    for number, record in enumerate(chosen, start=1):
        session = session_input(store, record, letterhead)
        if prepare is not None:
            prepare(session)
        found.append(session)
        if progress is not None:
            progress(number, len(chosen))
    return sorted(found, key=lambda s: (s.when or datetime.min, s.session_id))


# Sessions reduced between two progress reports (and chances to cancel) on the bulk path.
PROGRESS_STEP = 500


def _no_answers(_form: object) -> tuple[str, ...]:
    return ()


def period_management_rows(store: Store, start: date, end: date, form_id: str | None = None,
                           lang: str = "nl", *, progress: Progress | None = None
                           ) -> list[ManagementRow]:
    """The management rows of the completed sessions of a period (of one form, when given).

    The same sessions and rows as `period_sessions` + `management_row`, read in one bulk,
    audited store read of the sessions, their decisions and the help domains the store kept
    when each was completed (no answers: hidden answers never counted in those)."""
    from export.management import reduce_summary

    if end < start:
        raise InvalidPeriod(f"{end} is before {start}")
    if progress is not None:
        progress(0, 0)
    # No answers are read: each completed session's help domains were kept at completion.
    found = store.session_rows(start=start, end=end, form_id=form_id, items=_no_answers,
                               summaries=True)
    rows = []
    total = len(found)
    for number, record in enumerate(found, start=1):
        rows.append(reduce_summary(record.form, record.help_domains or (), record.decisions,
                                   lang, incomplete=record.incomplete or ()))
        if progress is not None and (number % PROGRESS_STEP == 0 or number == total):
            progress(number, total)
    return rows
