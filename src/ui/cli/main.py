"""Entry point of the `samenspraak` command: the app without arguments, else a subcommand."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

# Each module registers its subcommands with `register(subparsers)`; a handler gets the parsed
# arguments and returns the exit code. Modules are imported only when they exist, so command
# groups can land one by one.
COMMAND_MODULES = (
    "ui.cli.forms_cmd",
    "ui.cli.session_cmd",
    "ui.cli.store_cmd",
    "ui.cli.client_cmd",
    "ui.cli.consent_cmd",
    "ui.cli.audit_cmd",
    "ui.cli.demo_cmd",
    "ui.cli.export_cmd",
    "ui.cli.selfcheck_cmd",
)


class CliError(Exception):
    """A user-facing error: printed as one line, exit code 2 unless given."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def command_modules(args: Sequence[str]) -> tuple[str, ...]:
    """The command modules to register: only the named group's module when the first argument
    names one (`client` -> ui.cli.client_cmd), so a command imports only what it uses; all of
    them for the overall help or an unknown command."""
    if args:
        named = f"ui.cli.{args[0]}_cmd"
        if named in COMMAND_MODULES:
            return (named,)
    return COMMAND_MODULES


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="samenspraak",
        description="Samenspraak: structured conversation instruments, offline and encrypted.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    importlib.import_module("storage.process_guard").keep_out_of_core_dumps()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        from ui.app import run_app

        return run_app()
    parser = build_parser(command_modules(args_list))
    args = parser.parse_args(args_list)
    if args.version:
        from importlib.metadata import version

        print(f"samenspraak {version('samenspraak')}")
        return 0
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args) or 0)
    except CliError as exc:
        print(f"samenspraak: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head` that stopped reading: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
