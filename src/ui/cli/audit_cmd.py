"""The `samenspraak audit [--client ID]` command: the audit log, whole or per client."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from instruments.i18n import tr
from ui.cli.store_args import add_store_arguments, opened_store, print_json


def register(subparsers: Any) -> None:
    audit = subparsers.add_parser("audit", help=tr("cli.audit.help"))
    audit.add_argument("--client", metavar="ID", help=tr("cli.audit.arg.client"))
    audit.add_argument("--json", action="store_true", help=tr("cli.arg.json"))
    add_store_arguments(audit)
    audit.set_defaults(handler=run_audit)


def run_audit(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        events = store.read_audit(args.client)
        problems = store.verify_audit()
    if args.json:
        print_json({
            "events": [
                {"seq": e.seq, "at": e.at.isoformat(), "user": e.user, "action": e.action,
                 "client_id": e.client_id, "session_id": e.session_id, "detail": e.detail,
                 "hash": e.hash}
                for e in events
            ],
            "chain_intact": not problems,
            "problems": problems,
        })
    else:
        for e in events:
            print(f"{e.seq:>6}  {e.at.isoformat(timespec='seconds')}  {e.user or '-'}  "
                  f"{e.action}  {e.client_id or '-'}  {e.session_id or '-'}  {e.detail}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0
