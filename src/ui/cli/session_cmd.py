"""The `samenspraak session ...` command group; `session score` scores an answers file.

Other session subcommands (list, import) are added in `add_session_subcommands`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from instruments.i18n import tr
from instruments.model import Form, localize
from instruments.scoring import score
from ui.cli.form_files import check_answer_file, find_form
from ui.cli.groups import add_command_group
from ui.cli.session_store_cmd import add_store_subcommands


def register(subparsers: Any) -> None:
    """Create the `session` group and its subcommands."""
    commands = add_command_group(subparsers, "session", tr("cli.session.help"))
    add_session_subcommands(commands)


def add_session_subcommands(commands: Any) -> None:
    """Every `session` subcommand; add new ones here."""
    add_score_command(commands)
    add_store_subcommands(commands)  # list, import (the store)


def add_score_command(commands: Any) -> None:
    scoring = commands.add_parser("score", help=tr("cli.session.score.help"))
    scoring.add_argument("--form", required=True, metavar="F", help=tr("cli.session.score.form"))
    scoring.add_argument("--answers", required=True, metavar="A",
                         help=tr("cli.session.score.answers"))
    scoring.add_argument("--lang", default="nl", help=tr("cli.session.score.lang"))
    scoring.add_argument("--forms-dir", metavar="DIR", help=tr("cli.forms.forms_dir"))
    scoring.set_defaults(handler=run_score)


def _localized_result(form: Form, result: dict[str, Any], lang: str) -> dict[str, Any]:
    """Add the outcome titles, level labels and rule explanations in `lang`."""
    outcomes = {o.id: o for o in form.outcomes}
    for entry in result["outcomes"]:
        outcome = outcomes[entry["outcome_id"]]
        entry["title"] = localize(outcome.title, lang)
        label = outcome.level_labels.get(entry["suggested"])
        entry["suggested_label"] = localize(label, lang) if label else entry["suggested"]
        for fired in entry["fired"]:
            fired["explain_text"] = localize(fired["explain"], lang)
    return result


def run_score(args: argparse.Namespace) -> int:
    loaded = find_form(args.form, args.forms_dir)
    form = loaded.form
    answers = check_answer_file(form, Path(args.answers))
    result = _localized_result(form, score(form, answers).to_json(), args.lang)
    result["form_hash"] = loaded.content_hash
    result["form_title"] = localize(form.title, args.lang)
    result["lang"] = args.lang
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0
