"""The `samenspraak client add|edit|list|erase` commands."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from instruments.i18n import tr
from storage.records import ClientRecord
from storage.text_rules import shown
from ui.cli.groups import add_command_group
from ui.cli.main import CliError
from ui.cli.store_args import add_store_arguments, opened_store, print_added, print_json


def register(subparsers: Any) -> None:
    commands = add_command_group(subparsers, "client", tr("cli.client.help"))

    add = commands.add_parser("add", help=tr("cli.client.add.help"))
    add.add_argument("--name", required=True, help=tr("cli.client.arg.name"))
    dates = add.add_mutually_exclusive_group()
    dates.add_argument("--birth-date", metavar="YYYY-MM-DD", help=tr("cli.client.arg.birth_date"))
    dates.add_argument("--due-date", metavar="YYYY-MM-DD", help=tr("cli.client.arg.due_date"))
    add.add_argument("--bsn", help=tr("cli.client.arg.bsn"))
    _referrer_arguments(add)
    add.add_argument("--json", action="store_true", help=tr("cli.arg.json"))
    add_store_arguments(add)
    add.set_defaults(handler=run_add)

    edit = commands.add_parser("edit", help=tr("cli.client.edit.help"))
    edit.add_argument("client_id", metavar="ID")
    edit.add_argument("--name", help=tr("cli.client.arg.name"))
    edit.add_argument("--birth-date", metavar="YYYY-MM-DD", help=tr("cli.client.arg.birth_date"))
    edit.add_argument("--due-date", metavar="YYYY-MM-DD", help=tr("cli.client.arg.due_date"))
    edit.add_argument("--bsn", help=tr("cli.client.arg.bsn"))
    _referrer_arguments(edit)
    edit.add_argument("--json", action="store_true", help=tr("cli.arg.json"))
    add_store_arguments(edit)
    edit.set_defaults(handler=run_edit)

    listing = commands.add_parser("list", help=tr("cli.client.list.help"))
    listing.add_argument("--search", default="", metavar="TEXT", help=tr("cli.client.arg.search"))
    listing.add_argument("--limit", type=int, default=200, help=tr("cli.client.arg.limit"))
    listing.add_argument("--json", action="store_true", help=tr("cli.arg.json"))
    add_store_arguments(listing)
    listing.set_defaults(handler=run_list)

    erase = commands.add_parser("erase", help=tr("cli.client.erase.help"))
    erase.add_argument("client_id", metavar="ID")
    erase.add_argument("--yes", action="store_true", help=tr("cli.client.arg.yes"))
    add_store_arguments(erase)
    erase.set_defaults(handler=run_erase)


def _referrer_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--referrer", help=tr("cli.client.arg.referrer"))
    parser.add_argument("--referrer-role", metavar="ROLE", help=tr("cli.client.arg.referrer_role"))
    parser.add_argument("--referrer-practice", metavar="PRACTICE",
                        help=tr("cli.client.arg.referrer_practice"))


def parse_date(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(tr("cli.client.bad_date", option=option)) from None


def client_json(client: ClientRecord) -> dict[str, Any]:
    return {
        "id": client.id,
        "name": client.name,
        "birth_date": client.birth_date.isoformat() if client.birth_date else None,
        "due_date": client.due_date.isoformat() if client.due_date else None,
        "bsn": client.bsn,
        "referrer": client.referrer,
        "referrer_role": client.referrer_role,
        "referrer_practice": client.referrer_practice,
        "created_at": client.created_at.isoformat(),
        "updated_at": client.updated_at.isoformat(),
    }


def run_add(args: argparse.Namespace) -> int:
    birth = parse_date(args.birth_date, "--birth-date")
    due = parse_date(args.due_date, "--due-date")
    with opened_store(args) as store:
        client = store.add_client(args.name, birth_date=birth, due_date=due, bsn=args.bsn,
                                  referrer=args.referrer, referrer_role=args.referrer_role,
                                  referrer_practice=args.referrer_practice)
    return print_added(args, client.id, client_json(client))


# Options of `client edit` that may be cleared with an empty value ("" = no longer known).
_CLEARABLE = ("bsn", "referrer", "referrer_role", "referrer_practice")


def run_edit(args: argparse.Namespace) -> int:
    """Change only the given fields; an empty --bsn, --referrer, --referrer-role or
    --referrer-practice clears it, an empty date clears that date."""
    fields: dict[str, Any] = {}
    if args.name is not None:
        fields["name"] = args.name
    for key, option in (("birth_date", "--birth-date"), ("due_date", "--due-date")):
        text = getattr(args, key)
        if text is not None:
            fields[key] = parse_date(text, option)
    for key in _CLEARABLE:
        value = getattr(args, key)
        if value is not None:
            fields[key] = value if value.strip() else None
    if not fields:
        raise CliError(tr("cli.client.edit.nothing"))
    with opened_store(args) as store:
        client = store.update_client(args.client_id, **fields)
    if args.json:
        print_json(client_json(client))
    else:
        print(tr("cli.client.edit.done", id=client.id))
    return 0


def run_list(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        clients = store.search_clients(args.search, limit=args.limit)
    if args.json:
        print_json([client_json(c) for c in clients])
        return 0
    for client in clients:
        # Both dates, and the name escaped: a stored name can never drive the terminal.
        born = client.birth_date.isoformat() if client.birth_date else "-"
        due = client.due_date.isoformat() if client.due_date else "-"
        print(f"{client.id}  {shown(client.name)}  {born}  {due}")
    return 0


def run_erase(args: argparse.Namespace) -> int:
    if not args.yes:
        raise CliError(tr("cli.client.erase.confirm"))
    with opened_store(args) as store:
        store.erase_client(args.client_id)
    print(tr("cli.client.erase.done", id=args.client_id))
    return 0
