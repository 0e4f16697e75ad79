"""The `samenspraak consent add|withdraw|list` commands."""

from __future__ import annotations

import argparse
from typing import Any

from instruments.i18n import tr
from storage.records import ConsentRecord
from ui.cli.groups import add_command_group
from ui.cli.main import CliError
from ui.cli.store_args import add_store_arguments, opened_store, print_added, print_json


def register(subparsers: Any) -> None:
    commands = add_command_group(subparsers, "consent", tr("cli.consent.help"))

    add = commands.add_parser("add", help=tr("cli.consent.add.help"))
    add.add_argument("--session", required=True, metavar="ID")
    add.add_argument("--recipient", required=True, help=tr("cli.consent.arg.recipient"))
    add.add_argument("--scope", required=True, help=tr("cli.consent.arg.scope"))
    add.add_argument("--kind", choices=("verwijzer", "overig"), default="overig",
                     help=tr("cli.consent.arg.kind"))
    add.add_argument("--given-by", default=tr("cli.consent.default_given_by"),
                     help=tr("cli.consent.arg.given_by"))
    add.add_argument("--json", action="store_true", help=tr("cli.arg.json"))
    add_store_arguments(add)
    add.set_defaults(handler=run_add)

    withdraw = commands.add_parser("withdraw", help=tr("cli.consent.withdraw.help"))
    withdraw.add_argument("--id", dest="consent_id", metavar="CONSENT")
    withdraw.add_argument("--session", metavar="ID")
    withdraw.add_argument("--recipient", help=tr("cli.consent.arg.recipient"))
    withdraw.add_argument("--scope", help=tr("cli.consent.arg.scope"))
    withdraw.add_argument("--note", default="", help=tr("cli.consent.arg.note"))
    add_store_arguments(withdraw)
    withdraw.set_defaults(handler=run_withdraw)

    listing = commands.add_parser("list", help=tr("cli.consent.list.help"))
    listing.add_argument("--session", metavar="ID")
    listing.add_argument("--client", metavar="ID")
    listing.add_argument("--json", action="store_true", help=tr("cli.arg.json"))
    add_store_arguments(listing)
    listing.set_defaults(handler=run_list)


def consent_json(consent: ConsentRecord) -> dict[str, Any]:
    return {
        "id": consent.id,
        "session_id": consent.session_id,
        "client_id": consent.client_id,
        "given_by": consent.given_by,
        "recipient": consent.recipient,
        "scope": consent.scope,
        "given_at": consent.given_at.isoformat(),
        "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
        "withdrawal_note": consent.withdrawal_note,
        "active": consent.active,
        "kind": consent.kind,
    }


def run_add(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        consent = store.add_consent(args.session, given_by=args.given_by,
                                    recipient=args.recipient, scope=args.scope,
                                    kind="verwijzer" if args.kind == "verwijzer" else "")
    return print_added(args, consent.id, consent_json(consent))


def run_withdraw(args: argparse.Namespace) -> int:
    if not args.consent_id and not args.session:
        raise CliError(tr("cli.consent.withdraw.which"))
    with opened_store(args) as store:
        if args.consent_id:
            ids = [args.consent_id]
        else:
            ids = [
                c.id for c in store.consents(session_id=args.session)
                if c.active
                and (args.recipient is None or c.recipient == args.recipient)
                and (args.scope is None or c.scope == args.scope)
            ]
            if not ids:
                raise CliError(tr("cli.consent.withdraw.none"))
        for consent_id in ids:
            store.withdraw_consent(consent_id, note=args.note)
            print(consent_id)
    return 0


def run_list(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        consents = store.list_consents(session_id=args.session, client_id=args.client)
    if args.json:
        print_json([consent_json(c) for c in consents])
        return 0
    for c in consents:
        state = tr("cli.consent.active") if c.active else tr("cli.consent.withdrawn")
        print(f"{c.id}  {c.session_id}  {c.recipient}  {c.scope}  {c.kind or '-'}  {state}")
    return 0
