"""The export work behind the app's dialogs (no Qt): build, write atomically, audit.

Each job writes only to the path the user chose (through `export.atomic`, so nothing
half-written stays behind) and records one "export" event whose detail names the kind and
the period, never client data. Errors reach the dialog as `ExportError` with a message key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from export.atomic import atomic_path
from export.consent import ConsentRequired
from export.inputs import ClientInfo, ConsentInput, Letterhead, SessionInput
from services.export_inputs import (
    InvalidPeriod,
    Progress,
    active_recipients,
    client_info,
    consent_inputs,
    period_management_rows,
    period_sessions,
    session_input,
)

SESSION_KINDS = ("letter", "report", "fhir", "bds")
PERIOD_KINDS = ("csv", "spss", "management")
SUFFIXES = {"letter": ".pdf", "report": ".pdf", "fhir": ".json", "bds": ".json",
            "csv": ".csv", "spss": ".sav", "management": ".pdf"}
# What the audit detail calls a kind (the same words as the command line's events).
AUDIT_KINDS = {"fhir": "fhir-questionnaire-response"}
MIN_KEY_LENGTH = 16


class ExportError(Exception):
    """An export that could not be made; `key` is the message for the user (exportui area)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class ExportCancelled(Exception):
    """The user cancelled a long export before anything was written."""


@dataclass(frozen=True)
class SessionExport:
    """One session's export inputs, read from the store once for preview and writing."""

    session: SessionInput
    client: ClientInfo
    consents: list[ConsentInput]
    recipients: list[str]


def load_session_export(store: Any, session_id: str, letterhead: Letterhead) -> SessionExport:
    """Read the session, its client and its consents."""
    record = store.get_session(session_id)
    consents = store.consents(session_id=session_id)
    return SessionExport(
        session=session_input(store, record, letterhead),
        client=client_info(store.get_client(record.client_id)),
        consents=consent_inputs(consents),
        recipients=active_recipients(consents),
    )


def session_document(data: SessionExport, kind: str, *, recipient: str | None = None,
                     lang: str = "nl") -> bytes:
    """The export of one kind as bytes. A letter without consent raises ExportError."""
    session, client = data.session, data.client
    if kind == "letter":
        from export.letter import build_letter

        if not recipient:
            raise ExportError("exportui.error.no_consent")
        try:
            return build_letter(session, client, data.consents, recipient=recipient, lang=lang)
        except ConsentRequired:
            raise ExportError("exportui.error.no_consent") from None
    if kind == "report":
        from export.report import build_report

        return build_report(session, client, lang=lang)
    if kind == "fhir":
        from export.fhir import questionnaire_response, to_json

        return to_json(questionnaire_response(session, client, lang=lang)).encode("utf-8")
    if kind == "bds":
        from export.bds import bds_json

        return bds_json(session, client, lang=lang).encode("utf-8")
    raise ValueError(f"unknown session export kind {kind!r}")


def write_session_export(store: Any, data: SessionExport, kind: str, out: Path, *,
                         recipient: str | None = None, lang: str = "nl") -> None:
    """Build, write atomically to `out`, and audit one session export."""
    document = session_document(data, kind, recipient=recipient, lang=lang)

    def audit() -> None:
        store.record_event("export", client_id=data.session.client_id,
                           session_id=data.session.session_id,
                           detail=f"kind={AUDIT_KINDS.get(kind, kind)}")

    _write(out, lambda tmp: tmp.write_bytes(document), audit)


@dataclass(frozen=True)
class PeriodRequest:
    """What the period dialog asks for."""

    kind: str
    start: date
    end: date
    form_id: str | None
    letterhead: Letterhead
    key: bytes = b""
    lang: str = "nl"


def check_period_request(request: PeriodRequest) -> None:
    """Raise ExportError for a request that cannot run (checked before asking for a path)."""
    if request.end < request.start:
        raise ExportError("exportui.error.bad_period")
    if request.kind in ("csv", "spss"):
        if not request.form_id:
            raise ExportError("exportui.error.need_form")
        if len(request.key) < MIN_KEY_LENGTH:
            raise ExportError("exportui.error.key_short", length=MIN_KEY_LENGTH)


def write_period_export(store: Any, request: PeriodRequest, out: Path,
                        progress: Progress | None = None) -> int:
    """Build, write atomically and audit a period export; returns the number of sessions.

    `progress` may raise ExportCancelled; until the file is written nothing is on disk.
    """
    check_period_request(request)
    lang = request.lang
    rows: list[Any] = []
    sessions: list[SessionInput] = []
    try:
        if request.kind == "management":  # one bulk read of just what the rows need
            rows = period_management_rows(store, request.start, request.end,
                                          request.form_id, lang, progress=progress)
        else:
            sessions = period_sessions(
                store, request.letterhead, request.start, request.end, request.form_id,
                progress=progress,
                prepare=lambda s: s.visible)  # computed (and cached) while progress counts
    except InvalidPeriod:
        raise ExportError("exportui.error.bad_period") from None
    count = len(rows) if request.kind == "management" else len(sessions)
    if progress is not None:
        progress(count, count)  # the last chance to cancel before writing
    write: Callable[[Path], object]
    if request.kind == "management":
        from export.management import aggregate, build_management_report

        pdf = build_management_report(aggregate(rows), start=request.start, end=request.end,
                                      letterhead=request.letterhead, lang=lang)

        def write(tmp: Path) -> object:
            return tmp.write_bytes(pdf)
    else:
        from export.research import research_table, to_csv, write_sav

        table = research_table(sessions, request.key, lang=lang)
        if request.kind == "csv":
            data = to_csv(table)

            def write(tmp: Path) -> object:
                return tmp.write_bytes(data)
        else:
            def write(tmp: Path) -> object:
                write_sav(table, tmp)
                return None

    def audit() -> None:
        store.record_event("export", detail=f"kind={request.kind} form={request.form_id or '*'} "
                                            f"from={request.start} to={request.end} "
                                            f"sessions={count}")

    _write(out, write, audit)
    return count


def _write(out: Path, write: Callable[[Path], object], audit: Callable[[], None]) -> None:
    """Write through a temp file beside `out`; the audit event is recorded before the file
    takes its name, so no export exists without its event (a failed audit leaves no file)."""
    try:
        with atomic_path(out) as tmp:
            write(tmp)
            audit()
    except OSError:
        raise ExportError("exportui.error.write") from None

