"""The store side of `samenspraak session`: `session list` and `session import` (answers from a
paper form). Added to the `session` group by `add_store_subcommands`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from instruments.i18n import tr
from storage.records import Conductor, SessionRecord
from ui.cli.store_args import add_store_arguments, opened_store, print_json


def add_store_subcommands(commands: Any) -> None:
    listing = commands.add_parser("list", help=tr("cli.session.list.help"))
    listing.add_argument("--client", metavar="ID", help=tr("cli.session.list.client"))
    listing.add_argument("--json", action="store_true", help=tr("cli.arg.json"))
    add_store_arguments(listing)
    listing.set_defaults(handler=run_list)

    imp = commands.add_parser("import", help=tr("cli.session.import.help"))
    imp.add_argument("--client", required=True, metavar="ID")
    imp.add_argument("--form", required=True, metavar="F", help=tr("cli.session.score.form"))
    imp.add_argument("--answers", required=True, metavar="A",
                     help=tr("cli.session.score.answers"))
    imp.add_argument("--by", help=tr("cli.session.import.by"))
    imp.add_argument("--conductor", default=os.environ.get("SAMENSPRAAK_PROFESSIONAL", ""),
                     help=tr("cli.session.arg.conductor"))
    imp.add_argument("--role", default=os.environ.get("SAMENSPRAAK_ROLE", ""),
                     help=tr("cli.session.arg.role"))
    imp.add_argument("--organisation", default=os.environ.get("SAMENSPRAAK_ORGANISATION", ""),
                     help=tr("cli.session.arg.organisation"))
    imp.add_argument("--complete", action="store_true", help=tr("cli.session.import.complete"))
    imp.add_argument("--forms-dir", metavar="DIR", help=tr("cli.forms.forms_dir"))
    add_store_arguments(imp)
    imp.set_defaults(handler=run_import)


def session_json(session: SessionRecord, active_consents: int) -> dict[str, Any]:
    return {
        "id": session.id,
        "client_id": session.client_id,
        "form_id": session.form_id,
        "form_version": session.form_version,
        "state": session.state,
        "conductor": session.conductor.name if session.conductor else None,
        "corrected": session.corrected,
        "answers": len(session.answers),
        "consent": active_consents > 0,
        "active_consents": active_consents,
        "created_at": session.created_at.isoformat(),
        "completed_at": session.completed_at.isoformat() if session.completed_at else None,
    }


def run_list(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        sessions = store.list_sessions(args.client)
        active: dict[str, int] = {}
        for consent in store.consents(client_id=args.client):
            if consent.active:
                active[consent.session_id] = active.get(consent.session_id, 0) + 1
    rows = [session_json(s, active.get(s.id, 0)) for s in sessions]
    if args.json:
        print_json(rows)
        return 0
    yes, no = tr("cli.session.list.consent_yes"), tr("cli.session.list.consent_no")
    for row in rows:
        print(f"{row['id']}  {row['client_id']}  {row['form_id']} {row['form_version']}  "
              f"{row['state']}  {yes if row['consent'] else no}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ui.cli.form_files import check_answer_file, find_form

    loaded = find_form(args.form, args.forms_dir)
    answers = check_answer_file(loaded.form, Path(args.answers))
    with opened_store(args) as store:
        name = (args.conductor or args.by or "").strip()
        conductor = Conductor(name=name, role=args.role.strip(),
                              organisation=args.organisation.strip()) if name else None
        session = store.start_session(args.client, loaded, conductor)
        for item_id, value in answers.items():
            store.save_answer(session.id, item_id, value, by=args.by)
        if args.complete:
            store.complete_session(session.id)
    print(session.id)
    return 0
