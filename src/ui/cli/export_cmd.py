"""The `samenspraak export ...` command group: letter, report, fhir, bds, csv, spss, management.

Reads the store, builds the plain inputs of the `export` package, writes the file atomically to
`--out` and records an audited "export" event. The helpers that turn store records into export
inputs live in `services.export_inputs` (shared with the app's export dialogs).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from export.atomic import write_bytes, write_text
from export.consent import ConsentRequired
from export.inputs import ClientInfo, Letterhead, SessionInput
from instruments.i18n import tr
from services import export_inputs
from services.export_inputs import client_info, consent_inputs, session_input
from ui.cli.main import CliError
from ui.cli.store_args import add_store_arguments, opened_store

SESSION_KINDS = ("letter", "report", "fhir", "bds")
PERIOD_KINDS = ("csv", "spss", "management")
KEY_ENV = "SAMENSPRAAK_RESEARCH_KEY"
__all__ = ["client_info", "consent_inputs", "period_sessions", "register", "session_input"]


# ----- the command -----------------------------------------------------------------------------


def register(subparsers: Any) -> None:
    """Create the `export` group and its subcommands."""
    group = subparsers.add_parser("export", help=tr("cli.export.help"))
    group.set_defaults(handler=lambda _args: _usage(group))
    commands = group.add_subparsers(dest="export_command", metavar="KIND")
    for kind in (*SESSION_KINDS, *PERIOD_KINDS):
        sub = commands.add_parser(kind, help=tr(f"cli.export.{kind}.help"))
        add_store_arguments(sub)
        sub.add_argument("--out", required=True, metavar="PATH", help=tr("cli.export.out"))
        sub.add_argument("--lang", default="nl", choices=("nl", "en"),
                         help=tr("cli.export.lang"))
        sub.add_argument("--organisation", default=os.environ.get("SAMENSPRAAK_ORGANISATION", ""),
                         help=tr("cli.export.organisation"))
        sub.add_argument("--professional", default=os.environ.get("SAMENSPRAAK_PROFESSIONAL", ""),
                         help=tr("cli.export.professional"))
        if kind in SESSION_KINDS:
            sub.add_argument("--session", required=kind != "fhir", metavar="ID",
                             help=tr("cli.export.session"))
        else:
            sub.add_argument("--form", required=kind != "management", metavar="F",
                             help=tr("cli.export.form"))
            sub.add_argument("--from", dest="start", required=True, type=_date, metavar="DATE",
                             help=tr("cli.export.from"))
            sub.add_argument("--to", dest="end", required=True, type=_date, metavar="DATE",
                             help=tr("cli.export.to"))
        if kind == "letter":
            sub.add_argument("--recipient", help=tr("cli.export.recipient"))
        if kind == "fhir":
            sub.add_argument("--form", metavar="F", help=tr("cli.export.fhir.form"))
            sub.add_argument("--forms-dir", metavar="DIR", help=tr("cli.forms.forms_dir"))
        if kind in ("csv", "spss"):
            sub.add_argument("--key-file", metavar="FILE", help=tr("cli.export.key_file"))
        sub.set_defaults(handler=_HANDLERS[kind])


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("cli.export.bad_date", value=text)) from None


def _letterhead(args: argparse.Namespace) -> Letterhead:
    return Letterhead(organisation=args.organisation.strip(),
                      professional=args.professional.strip())


def _out(args: argparse.Namespace) -> Path:
    out = Path(args.out).expanduser()
    if not out.parent.is_dir():
        raise CliError(tr("cli.export.no_folder", folder=str(out.parent)))
    return out


def _load_session(store: Any, args: argparse.Namespace) -> tuple[SessionInput, ClientInfo]:
    record = store.get_session(args.session)
    client = client_info(store.get_client(record.client_id))
    return session_input(store, record, _letterhead(args)), client


def _done(store: Any, args: argparse.Namespace, kind: str, *, session: SessionInput | None = None,
          detail: str = "") -> int:
    store.record_event(
        "export", client_id=session.client_id if session else None,
        session_id=session.session_id if session else None,
        detail=" ".join(x for x in (f"kind={kind}", detail) if x))
    print(tr("cli.export.written", path=str(args.out)))
    return 0


def _with_store(run: Callable[[Any, argparse.Namespace, Path], int]
                ) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        out = _out(args)
        if run is run_fhir and not args.session:
            return _form_questionnaire(args, out)  # no client data: no store needed
        with opened_store(args) as store:
            return run(store, args, out)

    return handler


def run_letter(store: Any, args: argparse.Namespace, out: Path) -> int:
    from export.letter import build_letter

    session, client = _load_session(store, args)
    consents = consent_inputs(store.consents(session_id=session.session_id))
    recipient = (args.recipient or client.referrer or "").strip()
    if not recipient:
        raise CliError(tr("cli.export.no_recipient"))
    try:
        pdf = build_letter(session, client, consents, recipient=recipient, lang=args.lang)
    except ConsentRequired:
        raise CliError(tr("cli.export.no_consent")) from None
    write_bytes(out, pdf)
    return _done(store, args, "letter", session=session)


def run_report(store: Any, args: argparse.Namespace, out: Path) -> int:
    from export.report import build_report

    session, client = _load_session(store, args)
    write_bytes(out, build_report(session, client, lang=args.lang))
    return _done(store, args, "report", session=session)


def run_fhir(store: Any, args: argparse.Namespace, out: Path) -> int:
    from export.fhir import questionnaire_response, to_json

    if args.session:
        session, client = _load_session(store, args)
        write_text(out, to_json(questionnaire_response(session, client, lang=args.lang)))
        return _done(store, args, "fhir-questionnaire-response", session=session)
    raise CliError(tr("cli.export.fhir.need"))


def _form_questionnaire(args: argparse.Namespace, out: Path) -> int:
    """A form as FHIR Questionnaire: form data only, so the store stays closed."""
    from export.fhir import questionnaire, to_json
    from ui.cli.session_cmd import find_form

    if not args.form:
        raise CliError(tr("cli.export.fhir.need"))
    write_text(out, to_json(questionnaire(find_form(args.form, args.forms_dir), lang=args.lang)))
    print(tr("cli.export.written", path=str(args.out)))
    return 0


def run_bds(store: Any, args: argparse.Namespace, out: Path) -> int:
    from export.bds import bds_json

    session, client = _load_session(store, args)
    write_text(out, bds_json(session, client, lang=args.lang))
    return _done(store, args, "bds", session=session)


def period_sessions(store: Any, letterhead: Letterhead, start: date, end: date,
                    form_id: str | None = None) -> list[SessionInput]:
    """Completed sessions (of one form, when given) that took place from start to end."""
    try:
        return export_inputs.period_sessions(store, letterhead, start, end, form_id)
    except export_inputs.InvalidPeriod:
        raise CliError(tr("cli.export.bad_period")) from None


def _research_key(args: argparse.Namespace) -> bytes:
    if args.key_file:
        try:
            key = Path(args.key_file).expanduser().read_bytes().strip()
        except OSError:
            raise CliError(tr("cli.export.key_unreadable")) from None
    else:
        key = os.environ.get(KEY_ENV, "").strip().encode("utf-8")
    if len(key) < 16:
        raise CliError(tr("cli.export.key_needed", env=KEY_ENV))
    return key


def _run_research(store: Any, args: argparse.Namespace, out: Path, kind: str) -> int:
    from export.research import research_table, to_csv, write_sav

    key = _research_key(args)
    sessions = period_sessions(store, _letterhead(args), args.start, args.end, args.form)
    table = research_table(sessions, key, lang=args.lang)
    if kind == "csv":
        write_bytes(out, to_csv(table))
    else:
        try:
            write_sav(table, out)
        except ImportError:  # a bundle built without pandas/pyreadstat
            raise CliError(tr("cli.export.spss_unavailable")) from None
    return _done(store, args, kind, detail=f"form={args.form} from={args.start} to={args.end} "
                                           f"sessions={len(table.rows)}")


def run_csv(store: Any, args: argparse.Namespace, out: Path) -> int:
    return _run_research(store, args, out, "csv")


def run_spss(store: Any, args: argparse.Namespace, out: Path) -> int:
    return _run_research(store, args, out, "spss")


def run_management(store: Any, args: argparse.Namespace, out: Path) -> int:
    from export.management import aggregate, build_management_report

    letterhead = _letterhead(args)
    try:  # one bulk read of just what the rows need (see services.export_inputs)
        rows = export_inputs.period_management_rows(store, args.start, args.end, args.form,
                                                    args.lang)
    except export_inputs.InvalidPeriod:
        raise CliError(tr("cli.export.bad_period")) from None
    summary = aggregate(rows)
    write_bytes(out, build_management_report(summary, start=args.start, end=args.end,
                                             letterhead=letterhead, lang=args.lang))
    return _done(store, args, "management",
                 detail=f"form={args.form or '*'} from={args.start} to={args.end} "
                        f"sessions={summary.total}")


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "letter": _with_store(run_letter),
    "report": _with_store(run_report),
    "fhir": _with_store(run_fhir),
    "bds": _with_store(run_bds),
    "csv": _with_store(run_csv),
    "spss": _with_store(run_spss),
    "management": _with_store(run_management),
}
