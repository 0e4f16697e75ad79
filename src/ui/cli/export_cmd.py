"""The `samenspraak export ...` command group: letter, report, fhir, bds, csv, spss, management.

Every kind comes from the export registry (`services.export_registry`) and is made by the same
jobs as the app's dialogs (`services.export_jobs`): read the store, build, write atomically to
`--out` and record an audited "export" event.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from export.atomic import atomic_path, write_text
from export.inputs import Letterhead
from export.refusals import LetterRefused
from instruments.i18n import tr
from services.export_jobs import (
    PeriodRequest,
    load_session_export,
    write_period_export,
    write_session_export,
)
from services.export_registry import PERIOD_KINDS, SESSION_KINDS, ExportError, export_kind
from ui.cli.main import CliError
from ui.cli.store_args import add_store_arguments, opened_store

if TYPE_CHECKING:
    from storage.store import Store

KEY_ENV = "SAMENSPRAAK_RESEARCH_KEY"
# The command line's own words for the errors it has its own message for.
CLI_MESSAGES = {"exportui.error.bad_period": "cli.export.bad_period",
                "exportui.error.no_consent": "cli.export.no_consent"}


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
            sub.add_argument("--forms-dir", metavar="DIR", help=tr("cli.forms.forms_dir"))
        if kind == "csv":
            sub.add_argument("--delimiter", type=_delimiter, metavar="C",
                             help=tr("cli.export.delimiter"))
        sub.set_defaults(handler=_HANDLERS[kind])


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("cli.export.bad_date", value=text)) from None


def _delimiter(text: str) -> str:
    """One separator character; "tab" (or "\\t") for a tab."""
    chosen = "\t" if text in ("tab", "\\t") else text
    if len(chosen) != 1 or chosen in "\r\n\"":
        raise argparse.ArgumentTypeError(tr("cli.export.bad_delimiter", value=text))
    return chosen


def _letterhead(args: argparse.Namespace) -> Letterhead:
    return Letterhead(organisation=args.organisation.strip(),
                      professional=args.professional.strip())


def _out(args: argparse.Namespace) -> Path:
    out = Path(args.out).expanduser()
    if not out.parent.is_dir():
        raise CliError(tr("cli.export.no_folder", folder=str(out.parent)))
    return out


def _cli_error(exc: ExportError, lang: str | None = None) -> CliError:
    key = CLI_MESSAGES.get(exc.key)
    return CliError(tr(key) if key else tr(exc.key, lang or "nl", **exc.values))


def _done(args: argparse.Namespace) -> int:
    print(tr("cli.export.written", path=str(args.out)))
    return 0


def _with_store(kind: str) -> Callable[[argparse.Namespace], int]:
    run = run_session if export_kind(kind).per == "session" else run_period

    def handler(args: argparse.Namespace) -> int:
        out = _out(args)
        if kind == "fhir" and not args.session:
            return _form_questionnaire(args, out)  # no client data: no store needed
        with opened_store(args) as store:
            return run(kind, store, args, out)

    return handler


def run_session(kind: str, store: Store, args: argparse.Namespace, out: Path) -> int:
    """One session's document through the registry; a letter goes to `--recipient` or else the
    client's referrer, and needs their consent."""
    letter = kind == "letter"
    data = load_session_export(store, args.session, _letterhead(args), consents=letter)
    recipient = None
    if letter:
        # The only referrer consent's recipient, else the client's referrer.
        only = data.recipients[0] if len(data.recipients) == 1 else ""
        recipient = (args.recipient or only or data.client.referrer or "").strip()
        if not recipient:
            store.record_event("export_refused", client_id=data.session.client_id,
                               session_id=data.session.session_id,
                               detail="kind=letter reason=no_recipient")
            raise CliError(tr("cli.export.no_recipient"))
    try:
        write_session_export(store, data, kind, out, recipient=recipient, lang=args.lang)
    except ExportError as exc:
        raise _cli_error(exc, args.lang) from None
    except LetterRefused as exc:  # a refusal that did not pass through the registry
        raise CliError(exc.text(args.lang)) from None
    return _done(args)


def _form_questionnaire(args: argparse.Namespace, out: Path) -> int:
    """A form as FHIR Questionnaire: form data only, so the store stays closed."""
    from export.fhir import questionnaire, to_json
    from ui.cli.form_files import find_form

    if not args.form:
        raise CliError(tr("cli.export.fhir.need"))
    from storage.store import Store
    from ui.cli.store_args import store_folder

    loaded = find_form(args.form, args.forms_dir)
    text = to_json(questionnaire(loaded, lang=args.lang))
    if not Store.exists(store_folder(args)):  # no store to audit in: form data only
        write_text(out, text)
        return _done(args)
    # Every export is audited, this one too (it holds no client data): the event is
    # recorded before the file takes its name, as for the other exports.
    with opened_store(args) as store, atomic_path(out) as tmp:
        tmp.write_text(text, encoding="utf-8")
        store.record_event("export", detail=f"kind=fhir-questionnaire form={loaded.form.id} "
                                            f"version={loaded.form.version}")
    return _done(args)


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


def run_period(kind: str, store: Store, args: argparse.Namespace, out: Path) -> int:
    """A period export through the registry (research data needs the pseudonym key)."""
    key = _research_key(args) if export_kind(kind).reads == "sessions" else b""
    request = PeriodRequest(kind=kind, start=args.start, end=args.end, form_id=args.form,
                            letterhead=_letterhead(args), key=key, lang=args.lang,
                            delimiter=getattr(args, "delimiter", None),
                            forms_dir=getattr(args, "forms_dir", None))
    try:
        write_period_export(store, request, out)
    except ImportError:  # a bundle built without pandas/pyreadstat
        raise CliError(tr("cli.export.spss_unavailable")) from None
    except ExportError as exc:
        raise _cli_error(exc, args.lang) from None
    return _done(args)


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    kind: _with_store(kind) for kind in (*SESSION_KINDS, *PERIOD_KINDS)
}
