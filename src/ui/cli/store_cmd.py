"""The `samenspraak store init|check|passwd|backup|restore` commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from instruments.i18n import tr
from storage.store import Store
from ui.cli.groups import add_command_group
from ui.cli.main import CliError
from ui.cli.store_args import (
    BACKUP_PASSPHRASE_ENV,
    NEW_PASSPHRASE_ENV,
    add_store_arguments,
    opened_store,
    passphrase,
    read_secret,
    store_errors,
    store_folder,
)


def register(subparsers: Any) -> None:
    commands = add_command_group(subparsers, "store", tr("cli.store.help"))

    init = commands.add_parser("init", help=tr("cli.store.init.help"))
    add_store_arguments(init)
    init.set_defaults(handler=run_init)

    check = commands.add_parser("check", help=tr("cli.store.check.help"))
    add_store_arguments(check)
    check.set_defaults(handler=run_check)

    passwd = commands.add_parser("passwd", help=tr("cli.store.passwd.help"))
    add_store_arguments(passwd)
    passwd.add_argument("--new-passphrase-file", metavar="FILE",
                        help=tr("cli.store.arg.new_passphrase_file"))
    passwd.set_defaults(handler=run_passwd)

    backup = commands.add_parser("backup", help=tr("cli.store.backup.help"))
    backup.add_argument("out", metavar="OUT", help=tr("cli.store.backup.out"))
    _add_backup_arguments(backup)
    backup.set_defaults(handler=run_backup)

    restore = commands.add_parser("restore", help=tr("cli.store.restore.help"))
    restore.add_argument("backup_file", metavar="IN", help=tr("cli.store.restore.in"))
    _add_backup_arguments(restore)
    restore.set_defaults(handler=run_restore)


def _add_backup_arguments(parser: argparse.ArgumentParser) -> None:
    """The store's arguments and where the backup's own passphrase comes from."""
    add_store_arguments(parser)
    parser.add_argument("--backup-passphrase-file", metavar="FILE",
                        help=tr("cli.store.arg.backup_passphrase_file"))


def _backup_passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    return read_secret(file=args.backup_passphrase_file, env=BACKUP_PASSPHRASE_ENV,
                       prompt=tr("cli.store.prompt.backup_passphrase"), confirm=confirm)


def run_init(args: argparse.Namespace) -> int:
    folder = store_folder(args)
    if Store.exists(folder):
        raise CliError(tr("store.error.exists"))
    secret = passphrase(args, confirm=True)
    with store_errors():
        Store.create(folder, secret).close()
    print(tr("cli.store.init.done", folder=str(folder)))
    return 0


def run_check(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        problems = store.check()
    for problem in problems:
        print(problem)
    if problems:
        print(tr("cli.store.check.problems", count=len(problems)), file=sys.stderr)
        return 1
    print(tr("cli.store.check.ok"))
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        new = read_secret(file=args.new_passphrase_file, env=NEW_PASSPHRASE_ENV,
                          prompt=tr("cli.store.prompt.new_passphrase"), confirm=True)
        store.change_passphrase(new)
    print(tr("cli.store.passwd.done"))
    return 0


def run_backup(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists():
        raise CliError(tr("store.error.file_exists", file=str(out)))
    with opened_store(args) as store:
        store.backup(out, _backup_passphrase(args, confirm=True))
    print(tr("cli.store.backup.done", file=str(out)))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    folder = store_folder(args)
    backup_secret = _backup_passphrase(args, confirm=False)
    new_secret = passphrase(args, confirm=True)
    with store_errors():
        restored = Store.restore(Path(args.backup_file), backup_secret, folder, new_secret)
        restored.close()
    print(tr("cli.store.restore.done", folder=str(folder)))
    if restored.reapplied_erasures:
        print(tr("cli.store.restore.reapplied", count=restored.reapplied_erasures))
    return 0
