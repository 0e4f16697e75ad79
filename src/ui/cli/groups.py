"""A command group of the `samenspraak` command: `samenspraak <group> <subcommand>`, where the
group alone prints its usage."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def print_usage(parser: argparse.ArgumentParser) -> int:
    """Print the parser's help on stderr; the exit code of a call without a subcommand."""
    parser.print_help(sys.stderr)
    return 2


def add_command_group(subparsers: Any, name: str, help_text: str, *,
                      metavar: str = "SUBCOMMAND") -> Any:
    """Add the group `name` (its subcommand lands in `<name>_command`); returns the
    subparsers to add its subcommands to."""
    group = subparsers.add_parser(name, help=help_text)
    group.set_defaults(handler=lambda _args: print_usage(group))
    return group.add_subparsers(dest=f"{name}_command", metavar=metavar)
