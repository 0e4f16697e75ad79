"""The export work behind the app's dialogs and the command line (no Qt): read, build through
the export registry, write atomically, audit.

Each job writes only to the path the user chose (through `export.atomic`, so nothing
half-written stays behind) and records one "export" event whose detail names the kind and
the period, never client data. Errors reach the caller as `ExportError` with a message key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from export.atomic import atomic_path
from export.consent import referrer_recipients
from export.inputs import ClientInfo, ConsentInput, Letterhead, SessionInput
from services.changes import Changes
from services.export_inputs import (
    InvalidPeriod,
    Progress,
    client_info,
    consent_inputs,
    period_management_rows,
    period_sessions,
    session_input,
)
from services.export_registry import (
    PERIOD_KINDS,
    SESSION_KINDS,
    SUFFIXES,
    ExportError,
    Writer,
    export_kind,
)

if TYPE_CHECKING:
    from export.management import ManagementRow
    from instruments.model import Form
    from storage.store import Store

__all__ = ["PERIOD_KINDS", "SESSION_KINDS", "SUFFIXES", "ExportCancelled", "ExportError",
           "PeriodRequest", "SessionExport", "SessionExporter", "check_period_request", "load_session_export",
           "session_document", "write_period_export", "write_session_export"]

MIN_KEY_LENGTH = 16


class ExportCancelled(Exception):
    """The user cancelled a long export before anything was written."""


@dataclass(frozen=True)
class SessionExport:
    """One session's export inputs, read from the store once for preview and writing."""

    session: SessionInput
    client: ClientInfo
    consents: list[ConsentInput]
    # Whom a referrer letter may go to: the recipients of the active referrer consents.
    recipients: list[str]

    def recipient_label(self, recipient: str) -> str:
        """The recipient as the letter addresses them: 'J. Bakker, verloskundige, Praktijk De
        Wieg' for the client's own referrer (role and practice as stored), else the name."""
        from export.letter import recipient_details

        return ", ".join((recipient, *recipient_details(self.client, recipient)))

    def consent_for(self, recipient: str | None) -> ConsentInput | None:
        """The active referrer consent a letter to `recipient` goes out under (the latest)."""
        from export.consent import is_referrer_consent, same_recipient

        for consent in reversed(self.consents):
            if (recipient and consent.active and same_recipient(consent.recipient, recipient)
                    and is_referrer_consent(consent, self.client.referrer)):
                return consent
        return None


def load_session_export(store: Store, session_id: str, letterhead: Letterhead, *,
                        consents: bool = True, exported_by: str = "") -> SessionExport:
    """Read the session, its client and (unless `consents` is false: no letter is made) its
    consents. `exported_by` names the exporter (default: the store's user)."""
    record = store.get_session(session_id)
    client = client_info(store.get_client(record.client_id))
    given = consent_inputs(store.consents(session_id=session_id) if consents else [])
    return SessionExport(
        session=session_input(store, record, letterhead, exported_by=exported_by),
        client=client, consents=given, recipients=referrer_recipients(given, client.referrer),
    )


def session_document(data: SessionExport, kind: str, *, recipient: str | None = None,
                     lang: str = "nl") -> bytes:
    """The export of one kind as bytes. A letter without consent raises ExportError."""
    builder = export_kind(kind).session_builder
    if builder is None:
        raise ValueError(f"unknown session export kind {kind!r}")
    return builder(data, recipient, lang)


def write_session_export(store: Store, data: SessionExport, kind: str, out: Path, *,
                         recipient: str | None = None, lang: str = "nl") -> Changes:
    """Build, write atomically to `out`, and audit one session export (a refused one too:
    an "export_refused" event naming the kind and the reason, and no file)."""
    detail = f"kind={export_kind(kind).audit}"
    if kind == "letter":
        consent = data.consent_for(recipient)
        # The recipient is a consent's recipient (an organisation or a practitioner), no
        # client data; the audit names whom the letter went to and under which consent.
        detail += f" recipient={_one_word(recipient or '')} consent={consent.consent_id if consent else ''}"
    try:
        document = session_document(data, kind, recipient=recipient, lang=lang)
    except ExportError as exc:
        store.record_event("export_refused", client_id=data.session.client_id,
                           session_id=data.session.session_id,
                           detail=f"{detail} reason={exc.refusal or exc.key}")
        raise

    def audit() -> None:
        store.record_event("export", client_id=data.session.client_id,
                           session_id=data.session.session_id, detail=detail)

    _write(out, lambda tmp: tmp.write_bytes(document), audit)
    return Changes(session_id=data.session.session_id, client_id=data.session.client_id,
                   exported=True)


class SessionExporter:
    """One session's exports for a dialog: its inputs read once (for preview and writing), and
    each export written and audited through `write_session_export`."""

    def __init__(self, store: Store, session_id: str, letterhead: Letterhead) -> None:
        self._store = store
        self.data = load_session_export(store, session_id, letterhead)

    def document(self, kind: str, *, recipient: str | None = None, lang: str = "nl") -> bytes:
        return session_document(self.data, kind, recipient=recipient, lang=lang)

    def write(self, kind: str, out: Path, *, recipient: str | None = None,
              lang: str = "nl") -> Changes:
        return write_session_export(self._store, self.data, kind, out, recipient=recipient,
                                    lang=lang)


@dataclass(frozen=True)
class PeriodRequest:
    """What the period dialog (or the command line) asks for."""

    kind: str
    start: date
    end: date
    form_id: str | None
    letterhead: Letterhead
    key: bytes = b""
    lang: str = "nl"
    # The CSV's separator (None: ';' for Dutch, ',' otherwise; see `export.research.to_csv`).
    delimiter: str | None = None
    # The versions of the form whose items make the research columns (so the header does not
    # change with the period); empty: every version in the catalog (shipped + `forms_dir`).
    forms: tuple[Form, ...] = ()
    forms_dir: str | None = None

    def form_versions(self) -> tuple[Form, ...]:
        """`forms`, else every version of the request's form that the catalog holds."""
        if self.forms or not self.form_id:
            return self.forms
        from instruments.loader import load_catalog

        catalog, _problems = load_catalog(self.forms_dir)
        return tuple(found.form for version in catalog.versions(self.form_id)
                     if (found := catalog.get(self.form_id, version)) is not None)


def check_period_request(request: PeriodRequest) -> None:
    """Raise ExportError for a request that cannot run (checked before asking for a path)."""
    if request.end < request.start:
        raise ExportError("exportui.error.bad_period")
    if export_kind(request.kind).reads == "sessions":
        if not request.form_id:
            raise ExportError("exportui.error.need_form")
        if len(request.key) < MIN_KEY_LENGTH:
            raise ExportError("exportui.error.key_short", length=MIN_KEY_LENGTH)


def write_period_export(store: Store, request: PeriodRequest, out: Path,
                        progress: Progress | None = None) -> int:
    """Build, write atomically and audit a period export; returns the number of sessions.

    `progress` may raise ExportCancelled; until the file is written nothing is on disk.
    """
    try:
        check_period_request(request)
    except ExportError as exc:  # refused before anything is read: audited as refused
        store.record_event("export_refused",
                           detail=f"kind={export_kind(request.kind).audit} "
                                  f"form={request.form_id or '*'} reason={exc.key}")
        raise
    kind = export_kind(request.kind)
    assert kind.period_builder is not None
    rows: list[ManagementRow] = []
    sessions: list[SessionInput] = []
    try:
        if kind.reads == "rows":  # one bulk read of just what the rows need
            rows = period_management_rows(store, request.start, request.end,
                                          request.form_id, request.lang, progress=progress)
        else:
            sessions = period_sessions(
                store, request.letterhead, request.start, request.end, request.form_id,
                progress=progress,
                prepare=lambda s: s.visible)  # computed (and cached) while progress counts
    except InvalidPeriod:
        raise ExportError("exportui.error.bad_period") from None
    count = len(rows) if kind.reads == "rows" else len(sessions)
    if progress is not None:
        progress(count, count)  # the last chance to cancel before writing
    write = kind.period_builder(rows, sessions, request)

    def audit() -> None:
        store.record_event("export", detail=f"kind={kind.audit} form={request.form_id or '*'} "
                                            f"from={request.start} to={request.end} "
                                            f"sessions={count}")

    _write(out, write, audit)
    return count


def _one_word(text: str) -> str:
    """`text` as one token of an audit detail (spaces as '_', no '=')."""
    return "_".join(text.replace("=", " ").split())


def _write(out: Path, write: Writer, audit: Callable[[], None]) -> None:
    """Write through a temp file beside `out`; the audit event is recorded before the file
    takes its name, so no export exists without its event (a failed audit leaves no file)."""
    try:
        with atomic_path(out) as tmp:
            write(tmp)
            audit()
    except OSError:
        raise ExportError("exportui.error.write") from None
