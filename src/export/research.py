"""Pseudonymised research data over a period and form: CSV and SPSS .sav with labels.

Rows are completed sessions; columns are the visible item values (scale, choice, yes/no and
number items, and one 0/1 column per option of a multi-choice item; free text and agreed actions
are left out because they can identify a person), then per
outcome the suggestion, the decision and whether it was overridden. The client id becomes a keyed
hash (HMAC-SHA256), so the same client gets the same pseudonym under the same key.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from export.atomic import atomic_path
from export.inputs import SessionInput
from export.summary import level_label
from instruments.answers import DECLINED
from instruments.i18n import tr
from instruments.loader import version_key
from instruments.model import Form, ItemType, localize

DECLINED_CODE = -1
COLUMN_TYPES = (ItemType.SCALE, ItemType.CHOICE, ItemType.YES_NO, ItemType.NUMBER,
                ItemType.MULTI_CHOICE)
RESERVED = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"}
Cell = int | float | str | None


@dataclass(frozen=True)
class Variable:
    name: str
    label: str
    numeric: bool = True
    value_labels: dict[int, str] = field(default_factory=dict)
    missing: tuple[int, ...] = ()
    ordinal: bool = False
    continuous: bool = False  # a measured number (SPSS measure "scale"), e.g. weeks

    @property
    def measure(self) -> str:
        return "scale" if self.continuous else "ordinal" if self.ordinal else "nominal"


@dataclass(frozen=True)
class ResearchTable:
    variables: list[Variable]
    rows: list[list[Cell]]

    @property
    def names(self) -> list[str]:
        return [v.name for v in self.variables]


def pseudonym(client_id: str, key: bytes) -> str:
    """A keyed hash of the client id: stable under one key, not reversible without it."""
    return hmac.new(key, client_id.encode("utf-8"), hashlib.sha256).hexdigest()[:20]


class _Names:
    """SPSS-safe, unique variable names."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, raw: str) -> str:
        name = re.sub(r"[^A-Za-z0-9_]", "_", raw).strip("_") or "v"
        if not name[0].isalpha():
            name = "v" + name
        name = name[:60]
        if name.upper() in RESERVED:
            name += "_"
        candidate, n = name, 2
        while candidate.lower() in self.used:
            candidate, n = f"{name[:57]}_{n}", n + 1
        self.used.add(candidate.lower())
        return candidate


def research_table(sessions: Iterable[SessionInput], key: bytes, lang: str = "nl", *,
                   forms: Sequence[Form] = ()) -> ResearchTable:
    """The table over the completed sessions of one form id (any of its versions).

    `forms`: the versions of that form whose items make the columns even when the period
    holds no session of them (pass every known version for a header that never changes with
    the period); the sessions' own form versions are added to them."""
    done = [s for s in sessions if s.state == "completed"]
    form_ids = {s.form.id for s in done} | {f.id for f in forms}
    if len(form_ids) > 1:
        raise ValueError("a research export covers one form; got " + ", ".join(sorted(form_ids)))
    by_version: dict[str, Form] = {f.version: f for f in forms}
    by_version.update({s.form.version: s.form for s in done})  # the text a session was taken with
    forms_in_order: dict[str, Form] = {}
    for version in sorted(by_version, key=version_key):
        forms_in_order[version] = by_version[version]
    names = _Names()
    fixed = [
        Variable(names("pseudonym"), tr("export.research.pseudonym", lang), numeric=False),
        Variable(names("form_version"), tr("export.research.version", lang), numeric=False),
        Variable(names("period"), tr("export.research.period", lang), numeric=False),
    ]
    # A column per item, or per option of a multi-choice item: key -> (item id, option).
    items: dict[str, Variable] = {}
    sources: dict[str, tuple[str, int | None]] = {}
    outcome_vars: dict[tuple[str, str | None, str], Variable] = {}
    yes_no = {1: tr("export.answer.yes", lang), 0: tr("export.answer.no", lang)}

    def column(key: str, source: tuple[str, int | None], raw_name: str, label: str,
               labels: dict[int, str], missing: tuple[int, ...], **kind: bool) -> None:
        """Add (or, for a later version of the form, relabel) the column `key`; a column keeps
        the name it got first, so every version's answers land in the same column."""
        name = items[key].name if key in items else names(raw_name)
        items[key] = Variable(name, label[:250], True, labels, missing, **kind)
        sources[key] = source

    for form in forms_in_order.values():  # ascending version: the newest labels win
        for full_id, domain, item in form.all_items():
            if item.type not in COLUMN_TYPES:
                continue
            label = f"{localize(domain.title, lang)}: {localize(item.text, lang)}"
            missing: tuple[int, ...] = (DECLINED_CODE,) if item.allow_decline else ()
            declined = {DECLINED_CODE: tr("export.answer.declined", lang)} if missing else {}
            if item.type == ItemType.MULTI_CHOICE:
                assert item.scale is not None
                for point in form.scale(item.scale).points:
                    column(f"{full_id}__{point.value}", (full_id, point.value),
                           f"{full_id}_{point.value}",
                           f"{label} – {localize(point.label, lang)}", {**yes_no, **declined},
                           missing)
            elif item.type == ItemType.NUMBER:
                unit = f" ({localize(item.unit, lang)})" if item.unit else ""
                column(full_id, (full_id, None), full_id, f"{label}{unit}", declined, missing,
                       continuous=True)
            else:
                if item.type == ItemType.YES_NO:
                    labels = dict(yes_no)
                else:
                    assert item.scale is not None
                    labels = {p.value: localize(p.label, lang)
                              for p in form.scale(item.scale).points}
                column(full_id, (full_id, None), full_id, label, {**labels, **declined},
                       missing, ordinal=item.type == ItemType.SCALE)
        for outcome in form.outcomes:
            scopes: list[str | None] = [None]
            if outcome.per == "domain":
                scopes = [d.id for d in form.counted_domains()]
            elif outcome.per == "group":
                groups = [g.id for g in form.groups] or sorted(
                    {d.group for d in form.counted_domains() if d.group})
                scopes = list(groups)
            levels = {i + 1: level_label(outcome, lv, lang) for i, lv in enumerate(outcome.levels)}
            title = localize(outcome.title, lang)
            for scope in scopes:
                base = outcome.id if scope is None else f"{outcome.id}_{scope}"
                shown = title if scope is None else f"{title} ({scope})"
                parts = [("suggested", levels, "sugg")]
                if outcome.decision:
                    parts += [("decided", levels, "dec"),
                              ("overridden", {1: tr("export.answer.yes", lang),
                                              0: tr("export.answer.no", lang)}, "ovr")]
                for kind, labels, suffix in parts:
                    k = (base, scope, kind)
                    name = outcome_vars[k].name if k in outcome_vars else names(f"{base}_{suffix}")
                    outcome_vars[k] = Variable(
                        name, tr(f"export.research.{kind}", lang, outcome=shown)[:250], True,
                        labels, ordinal=kind != "overridden")
    variables = [*fixed, *items.values(), *outcome_vars.values()]
    rows = [_row(s, key, list(sources.values()), outcome_vars) for s in done]
    return ResearchTable(variables, rows)


def _item_cell(value: object, option: int | None) -> Cell:
    """One item's cell: its code, or for a multi-choice option 1 when chosen, 0 when not."""
    if value is None:
        return None
    if value == DECLINED:
        return DECLINED_CODE
    if option is not None:
        return int(option in value) if isinstance(value, list) else None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    return None


def _row(session: SessionInput, key: bytes, sources: list[tuple[str, int | None]],
         outcome_vars: dict[tuple[str, str | None, str], Variable]) -> list[Cell]:
    when = session.when
    cells: list[Cell] = [pseudonym(session.client_id, key), session.form.version,
                         when.strftime("%Y-%m") if when else None]
    visible = session.visible
    cells += [_item_cell(visible.get(full_id), option) for full_id, option in sources]
    results = {(r.outcome_id if r.scope is None else f"{r.outcome_id}_{r.scope}", r.scope): r
               for r in session.scored.outcomes}
    definitions = {o.id: o for o in session.form.outcomes}
    for (base, scope, kind) in outcome_vars:
        result = results.get((base, scope))
        if result is None:
            cells.append(None)
            continue
        levels = definitions[result.outcome_id].levels
        decision = session.decision(result.outcome_id, scope)
        if kind == "suggested":  # empty (missing) when incomplete: no suggestion
            suggestion = result.suggestion
            cells.append(levels.index(suggestion) + 1 if suggestion in levels else None)
        elif decision is None:
            cells.append(None)
        elif kind == "decided":
            cells.append(levels.index(decision.decided) + 1 if decision.decided in levels else None)
        else:
            cells.append(int(decision.overridden))
    return cells


def to_csv(table: ResearchTable, *, lang: str | None = None, delimiter: str | None = None
           ) -> bytes:
    """The table as UTF-8 CSV (codes, not labels; empty = not answered or not shown).

    For Dutch spreadsheets (`lang="nl"`): `;` between fields and a UTF-8 byte order mark, so
    Excel with Dutch settings opens it in columns. Otherwise `,` without a mark (as before,
    for other tools); `delimiter` chooses the separator either way."""
    dutch = lang == "nl"
    sep = delimiter if delimiter is not None else (";" if dutch else ",")
    if len(sep) != 1 or sep in "\r\n\"":
        raise ValueError(f"a CSV delimiter is one character, not a quote or line break: {sep!r}")
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n" if dutch else "\n")
    writer.writerow(table.names)
    for row in table.rows:
        writer.writerow(["" if c is None else c for c in row])
    return ("\ufeff" if dutch else "").encode("utf-8") + out.getvalue().encode("utf-8")


def write_sav(table: ResearchTable, target: Path | str) -> None:
    """Write the table as an SPSS .sav with variable and value labels, atomically."""
    import pandas as pd
    import pyreadstat

    columns: dict[str, Sequence[object]] = {}
    for i, var in enumerate(table.variables):
        values = [row[i] for row in table.rows]
        if var.numeric:
            columns[var.name] = pd.Series(
                [math.nan if v is None else float(v) for v in values], dtype="float64")
        else:
            columns[var.name] = pd.Series(["" if v is None else str(v) for v in values],
                                          dtype="object")
    frame = pd.DataFrame(columns, columns=table.names)
    value_labels = {v.name: {float(k): lbl for k, lbl in v.value_labels.items()}
                    for v in table.variables if v.value_labels}
    missing: dict[str, list[Any]] = {
        v.name: [float(m) for m in v.missing] for v in table.variables if v.missing}
    measure = {v.name: v.measure for v in table.variables}
    with atomic_path(target) as tmp:
        pyreadstat.write_sav(
            frame, str(tmp), column_labels=[v.label for v in table.variables],
            variable_value_labels=value_labels, missing_ranges=missing,
            variable_measure=measure,
        )
