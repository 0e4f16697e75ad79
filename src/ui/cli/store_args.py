"""Opening a store from command-line arguments: --store, the passphrase sources, and the
mapping of store errors to one-line CLI errors."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from instruments.i18n import tr
from services.store_notices import store_notices
from storage.errors import StoreDamaged, StoreError, WrongPassphrase
from storage.location import default_store_folder
from storage.store import Store
from ui.cli.main import CliError

PASSPHRASE_ENV = "SAMENSPRAAK_PASSPHRASE"
NEW_PASSPHRASE_ENV = "SAMENSPRAAK_NEW_PASSPHRASE"
BACKUP_PASSPHRASE_ENV = "SAMENSPRAAK_BACKUP_PASSPHRASE"

# Exit codes beyond the generic 2: scripts can tell these apart.
EXIT_WRONG_PASSPHRASE = 3
EXIT_DAMAGED = 4


def add_store_arguments(parser: argparse.ArgumentParser) -> None:
    """--store DIR and --passphrase-file FILE."""
    parser.add_argument("--store", metavar="DIR", help=tr("cli.store.arg.store"))
    parser.add_argument("--passphrase-file", metavar="FILE", help=tr("cli.store.arg.passphrase_file"))


def store_folder(args: argparse.Namespace) -> Path:
    given = getattr(args, "store", None)
    return Path(given).expanduser() if given else default_store_folder()


def read_secret(*, file: str | None, env: str, prompt: str, confirm: bool = False) -> str:
    """A passphrase from a file, else an environment variable, else a tty prompt."""
    if file:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(tr("cli.store.passphrase_file_unreadable", file=file)) from exc
        secret = text.rstrip("\r\n")
        if not secret:
            raise CliError(tr("cli.store.passphrase_empty"))
        return secret
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(tr("cli.store.no_passphrase", env=env))
    secret = getpass.getpass(prompt)
    if not secret:
        raise CliError(tr("cli.store.passphrase_empty"))
    if confirm and getpass.getpass(tr("cli.store.prompt.again")) != secret:
        raise CliError(tr("cli.store.passphrase_mismatch"))
    return secret


def passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    return read_secret(file=getattr(args, "passphrase_file", None), env=PASSPHRASE_ENV,
                       prompt=tr("cli.store.prompt.passphrase"), confirm=confirm)


@contextmanager
def store_errors() -> Iterator[None]:
    """Turn store errors into one-line CLI errors (no traceback, no client data)."""
    try:
        yield
    except WrongPassphrase as exc:
        raise CliError(str(exc), EXIT_WRONG_PASSPHRASE) from None
    except StoreDamaged as exc:
        raise CliError(str(exc), EXIT_DAMAGED) from None
    except StoreError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(tr("cli.store.os_error", reason=exc.strerror or type(exc).__name__,
                          path=str(exc.filename or ""))) from None


@contextmanager
def opened_store(args: argparse.Namespace) -> Iterator[Store]:
    """The store named by the arguments, unlocked; errors as CliError."""
    folder = store_folder(args)
    with store_errors():
        store = Store.open(folder, passphrase(args), user=_user(args))
    try:
        for key, values in store_notices(store, str(folder)):
            print(tr(key, **values), file=sys.stderr)
        with store_errors():
            yield store
    finally:
        store.close()


def _user(args: argparse.Namespace) -> str:
    return str(getattr(args, "user", "") or "")


def print_json(data: Any) -> None:
    import json

    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_added(args: argparse.Namespace, record_id: str, data: Any) -> int:
    """Say what a command added: its JSON form with --json, else only its id; exit code 0."""
    if args.json:
        print_json(data)
    else:
        print(record_id)
    return 0
