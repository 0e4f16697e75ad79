"""The `samenspraak forms check|list` commands: validate form files and list the forms found."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from instruments.i18n import tr
from instruments.loader import LoadedForm, form_files, load_catalog, load_form_files
from instruments.model import localize
from instruments.paths import form_dirs
from instruments.result_text import age_range_text
from ui.cli.groups import add_command_group
from ui.cli.main import CliError


def register(subparsers: Any) -> None:
    commands = add_command_group(subparsers, "forms", tr("cli.forms.help"))

    check = commands.add_parser("check", help=tr("cli.forms.check.help"))
    check.add_argument("paths", nargs="*", metavar="PATH", help=tr("cli.forms.check.paths"))
    check.add_argument("--forms-dir", metavar="DIR", help=tr("cli.forms.forms_dir"))
    check.add_argument("--examples", action="store_true", help=tr("cli.forms.examples"))
    check.add_argument("--lang", default="nl", help=tr("cli.forms.lang"))
    check.set_defaults(handler=run_check)

    listing = commands.add_parser("list", help=tr("cli.forms.list.help"))
    listing.add_argument("--json", action="store_true", help=tr("cli.forms.list.json"))
    listing.add_argument("--forms-dir", metavar="DIR", help=tr("cli.forms.forms_dir"))
    listing.add_argument("--examples", action="store_true", help=tr("cli.forms.examples"))
    listing.add_argument("--lang", default="nl", help=tr("cli.forms.lang"))
    listing.set_defaults(handler=run_list)


def _files_to_check(paths: list[str], extra_dir: str | None, examples: bool = False
                    ) -> tuple[list[Path], list[Path]]:
    """The form files named (folders expanded) and the places looked in."""
    places = [Path(p) for p in paths] if paths else form_dirs(extra_dir, examples=examples)
    files: list[Path] = []
    for place in places:
        if place.is_dir():
            files.extend(form_files(place))
        elif place.is_file():
            files.append(place)
        elif paths:
            raise CliError(tr("cli.forms.no_such_path", path=str(place)))
    return files, places


def _summary(loaded: LoadedForm) -> dict[str, Any]:
    form = loaded.form
    return {
        "id": form.id,
        "version": form.version,
        "domains": len(form.counted_domains()),
        "items": len(form.all_items()),
        "languages": list(form.languages),
        "hash": loaded.content_hash,
        "path": str(loaded.path) if loaded.path else None,
    }


def run_check(args: argparse.Namespace) -> int:
    lang = args.lang
    files, places = _files_to_check(list(args.paths), args.forms_dir, args.examples)
    if not files:
        where = ", ".join(str(p) for p in places)
        print(tr("cli.forms.none_found", lang, where=where), file=sys.stderr)
        return 1
    loaded, problems = load_form_files(files)
    for problem in problems:
        print(problem, file=sys.stderr)
    for item in loaded:
        info = _summary(item)
        print(tr("cli.forms.ok", lang, path=info["path"], id=info["id"],
                 version=info["version"], domains=info["domains"], items=info["items"],
                 languages=", ".join(info["languages"])))
    if problems:
        print(tr("cli.forms.summary_bad", lang, problems=len(problems), count=len(loaded)),
              file=sys.stderr)
        return 1
    print(tr("cli.forms.summary_ok", lang, count=len(loaded)))
    return 0


def run_list(args: argparse.Namespace) -> int:
    lang = args.lang
    catalog, problems = load_catalog(args.forms_dir, examples=args.examples)
    rows = []
    for loaded in catalog.all():
        form = loaded.form
        rows.append({
            **_summary(loaded),
            "title": localize(form.title, lang),
            "instrument": form.instrument,
            "mode": form.mode,
            "example": form.example,
            "age_range": ({"from_months": form.age_range.from_months,
                           "to_months": form.age_range.to_months,
                           "text": age_range_text(form.age_range, lang)}
                          if form.age_range else None),
        })
    if args.json:
        keys = ("id", "version", "title", "instrument", "mode", "example", "age_range", "domains", "items",
                "languages", "hash", "path")
        print(json.dumps([{k: row[k] for k in keys} for row in rows], ensure_ascii=False,
                         indent=2))
    else:
        table = [[row["id"], row["version"], row["instrument"], row["mode"],
                  str(row["domains"]), str(row["items"]), ",".join(row["languages"]),
                  row["hash"][:12],
                  row["title"] + (f" ({row['age_range']['text']})" if row["age_range"] else "")
                  + (" — " + tr("cli.forms.example_mark", lang) if row["example"] else "")]
                 for row in rows]
        widths = [max((len(cells[i]) for cells in table), default=0) for i in range(8)]
        for cells in table:
            shown = [cell.rjust(w) if i in (4, 5) else cell.ljust(w)
                     for i, (cell, w) in enumerate(zip(cells, widths, strict=False))]
            print("  ".join([*shown, cells[8]]))
    if problems:
        broken = {p.file for p in problems}
        print(tr("cli.forms.list_problems", lang, count=len(broken)), file=sys.stderr)
    return 0

