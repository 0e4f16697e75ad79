"""Every export kind in one place: what it is built from (one session or a period), how it is
built, its file suffix and the word the audit event uses for it. The command line and the
dialogs both go through this registry (builders import their libraries only when called)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from export.refusals import NO_CONSENT, LetterRefused

if TYPE_CHECKING:
    from export.inputs import SessionInput
    from export.management import ManagementRow
    from services.export_jobs import PeriodRequest, SessionExport


class ExportError(Exception):
    """An export that could not be made; `key` is the message for the user (exportui area).
    `refusal` names why a document was refused (e.g. "draft", "not_referrer"; "" when the
    export failed for another reason): the audit records it."""

    def __init__(self, key: str, *, refusal: str = "", **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.refusal = refusal
        self.values = values


def refused_letter(exc: LetterRefused) -> ExportError:
    """A refused letter as an ExportError: its message is the refusal's own reason (the
    missing consent keeps the dialogs' wording)."""
    reason = exc.key.rsplit(".", 1)[-1]
    key = "exportui.error.no_consent" if exc.key == NO_CONSENT else exc.key
    return ExportError(key, refusal=reason)


# write(tmp path): puts the finished export in the temp file beside the chosen path.
Writer = Callable[[Path], object]


# ----- the builders ----------------------------------------------------------------------------


def _letter(data: SessionExport, recipient: str | None, lang: str) -> bytes:
    from export.letter import build_letter

    if not recipient:
        raise ExportError("exportui.error.no_consent", refusal="no_recipient")
    try:
        return build_letter(data.session, data.client, data.consents, recipient=recipient,
                            lang=lang)
    except LetterRefused as exc:  # ConsentRequired is one; a draft, no decision, no signer
        raise refused_letter(exc) from None


def _report(data: SessionExport, _recipient: str | None, lang: str) -> bytes:
    from export.report import build_report

    return build_report(data.session, data.client, lang=lang)


def _fhir(data: SessionExport, _recipient: str | None, lang: str) -> bytes:
    from export.fhir import questionnaire_response, to_json

    return to_json(questionnaire_response(data.session, data.client, lang=lang)).encode("utf-8")


def _bds(data: SessionExport, _recipient: str | None, lang: str) -> bytes:
    from export.bds import bds_json

    return bds_json(data.session, data.client, lang=lang).encode("utf-8")


def _management(rows: list[ManagementRow], _sessions: list[SessionInput],
                request: PeriodRequest) -> Writer:
    from export.management import aggregate, build_management_report

    pdf = build_management_report(aggregate(rows), start=request.start, end=request.end,
                                  letterhead=request.letterhead, lang=request.lang)
    return lambda tmp: tmp.write_bytes(pdf)


def _csv(_rows: list[ManagementRow], sessions: list[SessionInput],
         request: PeriodRequest) -> Writer:
    from export.research import research_table, to_csv

    table = research_table(sessions, request.key, lang=request.lang,
                           forms=request.form_versions())
    data = to_csv(table, lang=request.lang, delimiter=request.delimiter)
    return lambda tmp: tmp.write_bytes(data)


def _spss(_rows: list[ManagementRow], sessions: list[SessionInput],
          request: PeriodRequest) -> Writer:
    from export.research import research_table, write_sav

    table = research_table(sessions, request.key, lang=request.lang,
                           forms=request.form_versions())
    return lambda tmp: write_sav(table, tmp)


SessionBuilder = Callable[["SessionExport", "str | None", str], bytes]
PeriodBuilder = Callable[["list[ManagementRow]", "list[SessionInput]", "PeriodRequest"], Writer]


@dataclass(frozen=True)
class ExportKind:
    """One kind of export: built from one session (`session_builder(data, recipient, lang)`
    gives the document) or from a period (`period_builder(rows, sessions, request)` gives the
    writer; `reads` says whether it needs full sessions or the summary rows)."""

    name: str
    suffix: str
    audit: str  # the kind as the audit event's detail names it
    session_builder: SessionBuilder | None = None
    period_builder: PeriodBuilder | None = None
    reads: Literal["sessions", "rows", ""] = ""

    @property
    def per(self) -> str:
        return "session" if self.session_builder is not None else "period"


EXPORTS: dict[str, ExportKind] = {kind.name: kind for kind in (
    ExportKind("letter", ".pdf", "letter", session_builder=_letter),
    ExportKind("report", ".pdf", "report", session_builder=_report),
    ExportKind("fhir", ".json", "fhir-questionnaire-response", session_builder=_fhir),
    ExportKind("bds", ".json", "bds", session_builder=_bds),
    ExportKind("csv", ".csv", "csv", period_builder=_csv, reads="sessions"),
    ExportKind("spss", ".sav", "spss", period_builder=_spss, reads="sessions"),
    ExportKind("management", ".pdf", "management", period_builder=_management, reads="rows"),
)}
SESSION_KINDS = tuple(k for k, kind in EXPORTS.items() if kind.per == "session")
PERIOD_KINDS = tuple(k for k, kind in EXPORTS.items() if kind.per == "period")
SUFFIXES = {k: kind.suffix for k, kind in EXPORTS.items()}


def export_kind(name: str) -> ExportKind:
    try:
        return EXPORTS[name]
    except KeyError:
        raise ValueError(f"unknown export kind {name!r}") from None
