"""Forms and answer files named on the command line: a form by path, id or id@version, and an
answers file (YAML or JSON) checked against its form, every problem printed with its line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from instruments.answers import AnswerError, AnswerValue, check_answers
from instruments.i18n import tr
from instruments.loader import FormError, LoadedForm, load_catalog, load_form_file
from instruments.model import Form
from instruments.yaml_source import MAX_BYTES, SourceError, YamlDocument, decode_source, read_yaml
from ui.cli.main import CliError


def _print_problems(lines: list[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def find_form(ref: str, forms_dir: str | None = None) -> LoadedForm:
    """A form by file path, or by id (latest version) or `id@version` from the catalog."""
    path = Path(ref)
    if path.is_file() or ref.endswith((".yaml", ".yml")):
        try:
            return load_form_file(path)
        except FormError as exc:
            _print_problems([str(p) for p in exc.problems])
            raise CliError(tr("cli.session.form_invalid", form=ref,
                              count=len(exc.problems))) from None
    form_id, _, version = ref.partition("@")
    catalog, _problems = load_catalog(forms_dir)
    if form_id not in catalog.ids():
        raise CliError(tr("cli.session.unknown_form", form=form_id,
                          known=", ".join(catalog.ids()) or "-"))
    found = catalog.get(form_id, version) if version else catalog.latest(form_id)
    if found is None:
        raise CliError(tr("cli.session.unknown_version", form=form_id, version=version,
                          versions=", ".join(catalog.versions(form_id))))
    return found


def read_answers(path: Path) -> tuple[dict[str, Any], YamlDocument]:
    """The raw mapping of item id -> value in a YAML or JSON answers file."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        doc = read_yaml(decode_source(raw))
    except OSError as exc:
        raise CliError(tr("cli.session.answers_unreadable", path=str(path),
                          reason=exc.strerror or str(exc))) from None
    except SourceError as exc:
        _print_problems([f"{path}:{i.line}:{i.col}: {i.message}" for i in exc.issues])
        raise CliError(tr("cli.session.answers_unreadable", path=str(path),
                          reason=exc.issues[0].message)) from None
    if not isinstance(doc.data, dict):
        raise CliError(tr("cli.session.answers_not_mapping", path=str(path)))
    return doc.data, doc


def check_answer_file(form: Form, path: Path) -> dict[str, AnswerValue]:
    """The answers checked against the form; every problem printed with its line."""
    data, doc = read_answers(path)
    try:
        return check_answers(form, data)
    except AnswerError as exc:
        lines = str(exc).splitlines()
        out = []
        for line in lines:
            item_id = line.split(": ", 1)[0]
            pos = doc.key_marks.get((item_id,))
            out.append(f"{path}:{pos.line}:{pos.col}: {line}" if pos else f"{path}: {line}")
        _print_problems(out)
        raise CliError(tr("cli.session.answers_invalid", count=len(lines), form=form.id,
                          version=form.version)) from None
