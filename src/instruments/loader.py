"""Loading form files: safe YAML, pydantic validation and semantic checks, every problem as
`FILE:LINE:COL: message`; plus the catalog of all forms found in the form folders."""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from instruments.completeness import counted_items
from instruments.model import (
    Comparison,
    Condition,
    DomainKind,
    Form,
    Item,
    ItemType,
    Outcome,
    Respondent,
    Selector,
)
from instruments.paths import form_dirs
from instruments.yaml_source import (
    MAX_BYTES,
    DataPath,
    Position,
    SourceError,
    YamlDocument,
    decode_source,
    read_yaml,
)

FORM_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class FormProblem:
    """One problem in a form file, at a 1-based line and column."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class FormError(Exception):
    """A form that cannot be loaded; `problems` lists every problem found."""

    def __init__(self, problems: list[FormProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class LoadedFormLike(Protocol):
    """What the store and the exports need of a loaded form (LoadedForm fits it)."""

    @property
    def form(self) -> Form: ...

    @property
    def source(self) -> str: ...

    @property
    def content_hash(self) -> str: ...


@dataclass(frozen=True)
class LoadedForm:
    """A validated form with the exact text it came from and the hash that pins sessions."""

    form: Form
    source: str
    content_hash: str
    path: Path | None = None


def content_hash(source: str) -> str:
    """The sha256 hex digest of the UTF-8 bytes of a form's text."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def version_key(version: str) -> tuple[int, ...]:
    """A semantic version as a sortable tuple (`1.10.0` after `1.9.0`)."""
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (-1,)


# ----- loading one form -------------------------------------------------------------------------


def load_form_text(text: str, name: str = "<stored>", *, stored: bool = True) -> LoadedForm:
    """Load a form from its YAML text; raises FormError with every problem. A `stored` text
    (the form a session was taken with) may hold constructs that new form files may no longer
    use (a rule on a parent-professional difference), so old sessions still open."""
    if len(text) > MAX_BYTES or len(text.encode("utf-8", errors="surrogatepass")) > MAX_BYTES:
        raise FormError([FormProblem(name, 1, 1, f"form text is larger than "
                                                 f"{MAX_BYTES // (1024 * 1024)} MiB")])
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        col = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
        raise FormError([FormProblem(name, line, col, "text holds a character that is not "
                                                      "valid Unicode")]) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise FormError([FormProblem(name, line, col, "text contains NUL characters")])
    form = _validate(text, name, stored=stored)
    return LoadedForm(form=form, source=text, content_hash=content_hash(text), path=None)


def load_form_file(path: str | os.PathLike[str], encoding: str | None = None) -> LoadedForm:
    """Load a form file (UTF-8 unless `encoding` is asked for); raises FormError."""
    file = Path(path)
    name = str(path)
    try:
        if file.is_dir():
            raise FormError([FormProblem(name, 1, 1, "is a folder, not a form file")])
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise FormError([FormProblem(name, 1, 1, f"file is larger than "
                                                     f"{MAX_BYTES // (1024 * 1024)} MiB ({size} "
                                                     "bytes); form files are small text files")])
        with file.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise FormError([FormProblem(name, 1, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    try:
        text = decode_source(raw, encoding)
    except SourceError as exc:
        raise FormError([FormProblem(name, i.line, i.col, i.message) for i in exc.issues]) from None
    form = _validate(text, name)
    return LoadedForm(form=form, source=text, content_hash=content_hash(text), path=file)


def _validate(text: str, name: str, stored: bool = False) -> Form:
    try:
        doc = read_yaml(text)
    except SourceError as exc:
        raise FormError([FormProblem(name, i.line, i.col, i.message) for i in exc.issues]) from None
    if doc.data is None:
        raise FormError([FormProblem(name, 1, 1, "the file is empty; a form is a YAML mapping")])
    try:
        form = Form.model_validate(doc.data)
    except ValidationError as exc:
        raise FormError(_validation_problems(exc, doc, name)) from None
    except (RecursionError, MemoryError):  # pragma: no cover - the reader's limits prevent these
        raise FormError([FormProblem(name, 1, 1, "form too large to validate")]) from None
    try:
        problems = _Checker(form, doc, name, stored).run()
    except (KeyError, ValueError, TypeError, AttributeError, IndexError) as exc:
        # A safety net: a combination of mistakes the checks did not foresee is still a
        # positioned problem, never a traceback.
        raise FormError([FormProblem(name, 1, 1, f"cannot check the form: {exc!r}")]) from None
    if problems:
        raise FormError(problems)
    return form


# ----- pydantic errors to positions -------------------------------------------------------------


def format_path(path: Iterable[str | int]) -> str:
    """`('domains', 2, 'items', 0, 'scale')` as `domains[2].items[0].scale`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(form)"


def _validation_problems(exc: ValidationError, doc: YamlDocument, name: str) -> list[FormProblem]:
    problems: list[FormProblem] = []
    # Errors from the members of a union (int | bool | str | ...) arrive one per member, with the
    # member's name in `loc` after the data path; they are merged into one problem per value.
    unions: dict[DataPath, list[str]] = {}
    order: list[tuple[str, DataPath, str, Position]] = []
    for error in exc.errors():
        loc: DataPath = tuple(error["loc"])
        kind = error["type"]
        message = str(error["msg"]).removeprefix("Value error, ")
        known = doc.known_prefix(loc)
        if kind == "missing" and len(loc) == len(known) + 1:
            order.append(("one", known, f"missing key '{loc[-1]}'", doc.position(known)))
        elif kind == "extra_forbidden" and loc == known:
            order.append(("one", loc, f"unknown key '{loc[-1]}'", doc.key_position(loc)))
        elif len(loc) > len(known) and kind != "missing":
            if known not in unions:
                unions[known] = []
                order.append(("union", known, message, doc.position(known)))
            unions[known].append(message)
        else:
            order.append(("one", loc, message, doc.position(known)))
    for what, loc, message, pos in order:
        if what == "union" and len(set(unions[loc])) > 1:
            message = _union_message(sorted(set(unions[loc])))
        problems.append(FormProblem(name, pos.line, pos.col, f"{format_path(loc)}: {message}"))
    return problems


def _union_message(messages: list[str]) -> str:
    prefix = "Input should be a valid "
    if all(m.startswith(prefix) for m in messages):
        kinds = sorted({m[len(prefix):].split(",")[0] for m in messages})
        return "expected a " + (", ".join(kinds[:-1]) + " or " + kinds[-1] if len(kinds) > 1
                                else kinds[0])
    return "value does not fit: " + "; or ".join(messages)


# ----- semantic checks --------------------------------------------------------------------------


_SCALAR_TYPES = (ItemType.SCALE, ItemType.CHOICE)


class _Checker:
    """The checks pydantic cannot do alone: references, uniqueness, order, languages."""

    def __init__(self, form: Form, doc: YamlDocument, name: str, stored: bool = False) -> None:
        self.form = form
        self.stored = stored
        self.doc = doc
        self.name = name
        self.problems: list[FormProblem] = []
        self._seen: set[tuple[DataPath, str]] = set()

    def add(self, path: DataPath, message: str, at_key: bool = False) -> None:
        if (path, message) in self._seen:
            return
        self._seen.add((path, message))
        pos = self.doc.key_position(path) if at_key else self.doc.position(path)
        self.problems.append(FormProblem(self.name, pos.line, pos.col, message))

    def run(self) -> list[FormProblem]:
        self._unique_ids()
        self._item_references()
        self._item_ids()
        self._conditions()
        self._groups()
        self._profile()
        self._outcomes()
        self._safety()
        self._roles()
        self._views()
        self._charts()
        self._migrations()
        self._languages()
        self.problems.sort(key=lambda p: (p.line, p.col))
        return self.problems

    def _unique(self, things: Iterable[tuple[DataPath, str]], what: str) -> None:
        first: dict[str, DataPath] = {}
        for path, ident in things:
            if ident in first:
                line = self.doc.position(first[ident]).line
                self.add(path, f"duplicate {what} '{ident}' (first at line {line})")
            else:
                first[ident] = path

    def _unique_ids(self) -> None:
        f = self.form
        self._unique(((("scales", i, "id"), s.id) for i, s in enumerate(f.scales)), "scale id")
        self._unique(((("steps", i, "id"), s.id) for i, s in enumerate(f.steps)), "step id")
        self._unique(((("groups", i, "id"), g.id) for i, g in enumerate(f.groups)), "group id")
        self._unique(((("domains", i, "id"), d.id) for i, d in enumerate(f.domains)), "domain id")
        self._unique(((("outcomes", i, "id"), o.id) for i, o in enumerate(f.outcomes)),
                     "outcome id")
        for o, outcome in enumerate(f.outcomes):
            self._unique(((("outcomes", o, "rules", r, "id"), rule.id)
                          for r, rule in enumerate(outcome.rules)), f"rule id in outcome '{outcome.id}'")
            for key in outcome.level_labels:
                if key not in outcome.levels:
                    self.add(("outcomes", o, "level_labels", key),
                             f"label for unknown level '{key}' (levels: {', '.join(outcome.levels)})",
                             at_key=True)

    def _declared_items(self) -> Iterator[tuple[DataPath, Item]]:
        for i, item in enumerate(self.form.matrix):
            yield ("matrix", i), item
        for d, domain in enumerate(self.form.domains):
            for i, item in enumerate(domain.items):
                yield ("domains", d, "items", i), item

    def _item_references(self) -> None:
        scales = {s.id for s in self.form.scales}
        steps = {s.id for s in self.form.steps}
        for path, item in self._declared_items():
            if item.scale is not None and item.scale not in scales:
                self.add((*path, "scale"), f"unknown scale '{item.scale}' "
                                           f"(scales: {', '.join(sorted(scales)) or 'none'})")
            if item.step not in steps:
                self.add((*path, "step"), f"unknown step '{item.step}' "
                                          f"(steps: {', '.join(sorted(steps)) or 'none'})")

    def _item_ids(self) -> None:
        matrix_keys: dict[str, DataPath] = {}
        for i, item in enumerate(self.form.matrix):
            if item.key in matrix_keys:
                line = self.doc.position(matrix_keys[item.key]).line
                self.add(("matrix", i, "key"),
                         f"duplicate matrix item key '{item.key}' (first at line {line})")
            else:
                matrix_keys[item.key] = ("matrix", i, "key")
        for d, domain in enumerate(self.form.domains):
            seen: dict[str, DataPath] = {}
            if domain.kind == DomainKind.DOMAIN and domain.use_matrix:
                seen.update(matrix_keys)
            for i, item in enumerate(domain.items):
                path = ("domains", d, "items", i, "key")
                if item.key in seen:
                    first = seen[item.key]
                    source = "a matrix item" if first[0] == "matrix" else "an item"
                    line = self.doc.position(first).line
                    self.add(path, f"duplicate item id '{domain.id}.{item.key}' "
                                   f"({source} at line {line} has the same key)")
                else:
                    seen[item.key] = path

    def _conditions(self) -> None:
        f = self.form
        order: dict[str, int] = {}
        for n, (full_id, _, _) in enumerate(f.all_items()):
            order.setdefault(full_id, n)
        index = f.item_index()
        template_paths = {id(item): ("matrix", i) for i, item in enumerate(f.matrix)}
        own_paths = {
            id(item): ("domains", d, "items", i)
            for d, domain in enumerate(f.domains)
            for i, item in enumerate(domain.items)
        }
        # Per comparison node: which domains fail which check (templates apply to many domains).
        failures: dict[tuple[DataPath, str], list[str]] = {}
        for n, (full_id, domain, item) in enumerate(f.all_items()):
            if item.show_if is None:
                continue
            base = template_paths.get(id(item)) or own_paths[id(item)]
            for part, k, cmp in _comparisons(item.show_if):
                path: DataPath = (*base, "show_if", part, k)
                target = f.resolve(domain, cmp.item)
                # A matrix template's message must not depend on the domain it is applied to.
                shown = cmp.item if base[0] == "matrix" else target
                if target not in index:
                    failures.setdefault(((*path, "item"),
                                         f"condition on unknown item '{cmp.item}'"), []).append(domain.id)
                elif target == full_id:
                    failures.setdefault(((*path, "item"),
                                         f"condition of item '{cmp.item}' on itself"), []).append(domain.id)
                elif order[target] > n:
                    failures.setdefault(((*path, "item"),
                                         f"condition on later item '{shown}': a condition may only "
                                         "refer to items before it"), []).append(domain.id)
                else:
                    for message in _value_fits(f, cmp.op, cmp.value, index[target][1], shown):
                        failures.setdefault(((*path, "value"), message), []).append(domain.id)
        for (path, message), domains in failures.items():
            if path[0] == "matrix":
                shown = ", ".join(dict.fromkeys(domains))
                message += f" (matrix item, in domain{'s' if len(set(domains)) > 1 else ''} {shown})"
            self.add(path, message)

    def _groups(self) -> None:
        groups = {g.id for g in self.form.groups}
        for d, domain in enumerate(self.form.domains):
            if domain.group is not None and domain.group not in groups:
                self.add(("domains", d, "group"), f"domain '{domain.id}' names unknown group "
                                                  f"'{domain.group}' (groups: "
                                                  f"{', '.join(sorted(groups)) or 'none declared'})")

    def _counted_keys(self) -> dict[str, list[Item]]:
        keys: dict[str, list[Item]] = {}
        for domain in self.form.counted_domains():
            for item in self.form.domain_items(domain):
                keys.setdefault(item.key, []).append(item)
        return keys

    def _profile(self) -> None:
        profile = self.form.profile
        if profile is None:
            return
        keys = self._counted_keys()
        for field in ("parent", "professional"):
            key = getattr(profile, field)
            if key is None:
                continue
            if key not in keys:
                self.add(("profile", field), f"profile names unknown item key '{key}'")
            elif any(item.type != ItemType.SCALE for item in keys[key]):
                self.add(("profile", field), f"profile item '{key}' must be a scale item")

    def _outcomes(self) -> None:
        keys = self._counted_keys()
        domains = {d.id for d in self.form.counted_domains()}
        groups = {g.id for g in self.form.groups}
        for o, outcome in enumerate(self.form.outcomes):
            if outcome.per == "group" and not groups:
                self.add(("outcomes", o, "per"), "an outcome per group needs declared groups")
            self._minimum(o, outcome)
            if outcome.table is not None:
                self._table(o, outcome, keys)
            for r, rule in enumerate(outcome.rules):
                for p, pred in enumerate(rule.when):
                    path: DataPath = ("outcomes", o, "rules", r, "when", p)
                    for kind, sel in (("count", pred.count), ("sum", pred.sum),
                                      ("mean", pred.mean)):
                        if sel is not None:
                            self._selector((*path, kind), sel, keys, domains, groups, outcome)
                    if pred.difference is not None and not self.stored:
                        self.add((*path, "difference"),
                                 "a difference between two ratings cannot raise a suggestion: "
                                 "differences between parent and professional are topics for the "
                                 "conversation (the profile marks them), never a risk raiser")
                        for i, key in enumerate(pred.difference):
                            if key not in keys:
                                self.add((*path, "difference", i),
                                         f"difference names unknown item key '{key}'")
                            elif any(item.type != ItemType.SCALE for item in keys[key]):
                                self.add((*path, "difference", i),
                                         f"difference item '{key}' must be a scale item")

    def _table(self, o: int, outcome: Outcome, keys: Mapping[str, list[Item]]) -> None:
        """A level table names scale items, values on their scales, and covers every
        combination of those values."""
        assert outcome.table is not None
        table = outcome.table
        path: DataPath = ("outcomes", o, "table")
        scales: dict[str, list[int]] = {}
        for i, key in enumerate(table.keys):
            items = keys.get(key, [])
            if not items:
                self.add((*path, "keys", i), f"table names unknown item key '{key}' "
                                             f"in outcome '{outcome.id}'")
            elif any(item.type not in _SCALAR_TYPES for item in items):
                self.add((*path, "keys", i), f"table item '{key}' must be a scale or choice item")
            else:
                scale = next((sc for sc in self.form.scales if sc.id == items[0].scale), None)
                if scale is not None:
                    scales[key] = scale.values()
        self._unique(((((*path, "rows", r, "id")), row.id) for r, row in enumerate(table.rows)),
                     f"table row id in outcome '{outcome.id}'")
        for r, row in enumerate(table.rows):
            for key, wanted in row.when.items():
                here: DataPath = (*path, "rows", r, "when", key)
                if key not in table.keys:
                    self.add(here, f"table row '{row.id}' names '{key}', which is not one of the "
                                   f"table's keys ({', '.join(table.keys)})", at_key=True)
                elif key in scales:
                    wrong = [v for v in (wanted if isinstance(wanted, list) else [wanted])
                             if v not in scales[key]]
                    if wrong:
                        self.add(here, f"table row '{row.id}': {', '.join(map(str, wrong))} is not "
                                       f"on the scale of '{key}' (values: "
                                       f"{', '.join(map(str, scales[key]))})")
        if len(scales) != len(table.keys) or self.problems:
            return
        combos = 1
        for points in scales.values():
            combos *= len(points)
        if combos > 100_000:
            self.add(path, f"table of outcome '{outcome.id}' has too many combinations to check")
            return
        for combo in itertools.product(*(scales[k] for k in table.keys)):
            cell = dict(zip(table.keys, combo, strict=True))
            if table.row_for(cell) is None:
                shown = ", ".join(f"{k} {v}" for k, v in cell.items())
                self.add(path, f"table of outcome '{outcome.id}' has no row for {shown}")
                return

    def _migrations(self) -> None:
        f = self.form
        self._unique(((("migrations", i, "from_version"), m.from_version)
                      for i, m in enumerate(f.migrations)), "migration from version")
        index = f.item_index()
        for i, migration in enumerate(f.migrations):
            path: DataPath = ("migrations", i)
            if version_key(migration.from_version) >= version_key(f.version):
                self.add((*path, "from_version"), f"a migration comes from an earlier version "
                                                  f"than {f.version}, not {migration.from_version}")
            for old, new in migration.renamed.items():
                if new not in index:
                    self.add((*path, "renamed", old), f"'{old}' is renamed to '{new}', which "
                                                      "this version does not have")
                if old in index:
                    self.add((*path, "renamed", old), f"'{old}' is renamed but this version still "
                                                      "has an item with that id", at_key=True)
            for r, old in enumerate(migration.removed):
                if old in index:
                    self.add((*path, "removed", r), f"'{old}' is listed as removed but this "
                                                    "version still has it")

    def _roles(self) -> None:
        f = self.form
        self._unique(((("roles", i, "id"), r.id) for i, r in enumerate(f.roles)), "role id")
        roles = {r.id: r for r in f.roles}
        for i, step in enumerate(f.steps):
            if step.role is None:
                continue
            role = roles.get(step.role)
            if role is None:
                self.add(("steps", i, "role"), f"step '{step.id}' names unknown role '{step.role}' "
                                               f"(roles: {', '.join(sorted(roles)) or 'none declared'})")
            elif role.answers_as != step.answered_by:
                self.add(("steps", i, "role"), f"role '{role.id}' answers as "
                                               f"{role.answers_as.value}, but step '{step.id}' is "
                                               f"answered by {step.answered_by.value}")

    def _views(self) -> None:
        """A view per participant needs named participants: an attributed form."""
        if self.form.attributed:
            return
        for path, item in self._declared_items():
            if item.views:
                self.add((*path, "views"), f"item '{item.key}' takes a view per participant, "
                                           "but the form is not 'attributed: true'")

    def _charts(self) -> None:
        f = self.form
        self._unique(((("charts", i, "id"), c.id) for i, c in enumerate(f.charts)), "chart id")
        keys = self._counted_keys()
        domains = {d.id for d in f.counted_domains()}
        for i, chart in enumerate(f.charts):
            items = keys.get(chart.key, [])
            if not items:
                self.add(("charts", i, "key"), f"chart names unknown item key '{chart.key}'")
            elif any(item.type != ItemType.SCALE for item in items):
                self.add(("charts", i, "key"), f"chart item '{chart.key}' must be a scale item")
            for d, domain_id in enumerate(chart.domains):
                if domain_id not in domains:
                    self.add(("charts", i, "domains", d), f"chart names unknown domain "
                                                          f"'{domain_id}'")
            shown = len(chart.domains) or sum(
                1 for d in f.counted_domains() if any(it.key == chart.key
                                                       for it in f.domain_items(d)))
            if chart.kind == "spider" and shown < 3:
                self.add(("charts", i, "kind"), "a spider chart needs at least three domains")

    def _safety(self) -> None:
        """Safety items need the form's gate: a professional's yes/no item before them, and
        each safety item is shown only when that gate is 'yes'."""
        f = self.form
        index = f.item_index()
        gate = f.safety.gate if f.safety else None
        if f.safety is not None:
            found = index.get(f.safety.gate)
            if found is None:
                self.add(("safety", "gate"), f"safety gate names unknown item '{f.safety.gate}' "
                                             "(use a full id: domain.key)")
                gate = None
            elif found[1].type != ItemType.YES_NO:
                self.add(("safety", "gate"), f"safety gate '{f.safety.gate}' must be a yes/no item")
            elif f.step(found[1].step).answered_by != Respondent.PROFESSIONAL:
                self.add(("safety", "gate"), f"safety gate '{f.safety.gate}' must be answered by "
                                             "the professional")
            elif found[1].safety:
                self.add(("safety", "gate"), "the safety gate cannot itself be a safety item")
        own_paths: dict[int, DataPath] = {
            id(item): ("domains", d, "items", i)
            for d, domain in enumerate(f.domains) for i, item in enumerate(domain.items)}
        own_paths.update({id(item): ("matrix", i) for i, item in enumerate(f.matrix)})
        for _full_id, domain, item in f.all_items():
            if not item.safety:
                continue
            path: DataPath = (*own_paths[id(item)], "safety")
            if item.type != ItemType.YES_NO:
                self.add(path, f"safety item '{item.key}' must be a yes/no question")
            if gate is None:
                if f.safety is None:
                    self.add(path, f"safety item '{item.key}' needs the form's 'safety' gate")
                continue
            gated = item.show_if is not None and any(
                f.resolve(domain, c.item) == gate and c.op == "eq" and c.value is True
                for c in item.show_if.all)
            if not gated:
                self.add(path, f"safety item '{item.key}' must be shown only when the gate is yes: "
                               f"show_if: {{all: [{{item: {gate}, op: eq, value: true}}]}}")
        for o, outcome in enumerate(f.outcomes):
            for _d in f.counted_domains():
                read = [i for i in counted_items(f, outcome, _d) if i.safety]
                if read:
                    self.add(("outcomes", o), f"outcome '{outcome.id}' reads safety item "
                                              f"'{_d.id}.{read[0].key}': a safety answer is its "
                                              "own flag for the professional, not a topic line")
                    break

    def _minimum(self, o: int, outcome: Outcome) -> None:
        """A declared minimum must be reachable in every scope of the outcome."""
        wanted = outcome.minimum.domains
        if wanted == "all":
            return
        counted = [d for d in self.form.counted_domains()
                   if counted_items(self.form, outcome, d)]
        if outcome.per == "form":
            sizes = {"the form": len(counted)}
        elif outcome.per == "domain":
            sizes = {d.id: 1 for d in counted}
        else:
            sizes = {g.id: sum(1 for d in counted if d.group == g.id) for g in self.form.groups}
        short = {scope: n for scope, n in sizes.items() if n < wanted}
        if short:
            shown = ", ".join(f"{scope} ({n})" for scope, n in sorted(short.items()))
            self.add(("outcomes", o, "minimum", "domains"),
                     f"minimum of {wanted} answered domains in outcome '{outcome.id}' cannot be "
                     f"met: fewer counted domains in {shown}")

    def _selector(self, path: DataPath, sel: Selector, keys: Mapping[str, list[Item]],
                  domains: set[str], groups: set[str], outcome: Outcome) -> None:
        for i, key in enumerate(sel.keys):
            if key not in keys:
                self.add((*path, "keys", i), f"selector names unknown item key '{key}' "
                                             f"in outcome '{outcome.id}'")
        for i, domain_id in enumerate(sel.domains):
            if domain_id not in domains:
                self.add((*path, "domains", i), f"selector names unknown domain '{domain_id}' "
                                                f"in outcome '{outcome.id}'")
        for i, group in enumerate(sel.groups):
            if group not in groups:
                self.add((*path, "groups", i), f"selector names unknown group '{group}' "
                                               f"in outcome '{outcome.id}'")
        for key in [*sel.weights, *sel.reverse]:
            if key not in keys or (sel.keys and key not in sel.keys):
                self.add((*path, "weights" if key in sel.weights else "reverse"),
                         f"weight or reverse scoring for '{key}', which the selector does not "
                         f"pick, in outcome '{outcome.id}'")
            elif key in sel.reverse and any(i.type != ItemType.SCALE for i in keys[key]):
                self.add((*path, "reverse"), f"reverse scoring needs a scale item; '{key}' "
                                             "is not one")
        problem = _op_value_problem(sel.op, sel.value)
        if problem:
            self.add(path, f"selector: {problem}")
        elif sel.keys and sel.op not in ("answered", "unanswered"):
            for key in sel.keys:
                for item in keys.get(key, [])[:1]:
                    for message in _value_fits(self.form, sel.op, sel.value, item, key):
                        self.add((*path, "value"), f"selector: {message}")

    def _languages(self) -> None:
        languages = self.form.languages
        for path, text in _localized_texts(self.form, ()):
            missing = [lang for lang in languages if lang not in text]
            if missing:
                self.add(path, f"{format_path(path)}: text has no {', '.join(missing)} "
                               f"(the form's languages: {', '.join(languages)})")


def _comparisons(cond: Condition) -> Iterator[tuple[str, int, Comparison]]:
    for part in ("all", "any", "not_any"):
        for k, cmp in enumerate(getattr(cond, part)):
            yield part, k, cmp


def _op_value_problem(op: str, value: object) -> str | None:
    if op in ("answered", "unanswered"):
        return f"op '{op}' takes no value" if value is not None else None
    if op == "in":
        return None if isinstance(value, list) else "op 'in' needs a list value"
    if value is None or isinstance(value, list):
        return f"op '{op}' needs a single value"
    return None


def _value_fits(form: Form, op: str, value: object, target: Item, target_id: str) -> list[str]:
    """Whether `op value` can be a test on the answer of `target`."""
    if op in ("answered", "unanswered"):
        return []
    values = value if isinstance(value, list) else [value]
    if target.type == ItemType.NUMBER:
        numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
        if not numeric:
            return [f"'{target_id}' is a number item: compare it with a number"]
        return []
    if target.type in (*_SCALAR_TYPES, ItemType.MULTI_CHOICE):
        scale = next((sc for sc in form.scales if sc.id == target.scale), None)
        if scale is None:  # the unknown scale is reported on its own
            return []
        allowed = scale.values()
        wrong = [v for v in values if isinstance(v, bool) or v not in allowed]
        if wrong:
            shown = ", ".join(repr(v) for v in wrong)
            return [f"condition value {shown} is not on the scale '{scale.id}' of "
                    f"'{target_id}' (values: {', '.join(map(str, allowed))})"]
        return []
    if target.type == ItemType.YES_NO:
        if op not in ("eq", "ne", "in") or not all(isinstance(v, bool) for v in values):
            return [f"'{target_id}' is a yes/no item: compare it with eq/ne true or false"]
        return []
    if op not in ("eq", "ne", "in") or not all(isinstance(v, str) for v in values):
        return [f"'{target_id}' is a {target.type.value} item: only answered/unanswered or "
                "eq/ne a text can test it"]
    return []


def _localized_texts(model: BaseModel, path: DataPath) -> Iterator[tuple[DataPath, Mapping[str, Any]]]:
    """Every per-language text in a form model, with its data path."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None:
            continue
        here = (*path, name)
        annotation = str(info.annotation)
        if isinstance(value, BaseModel):
            yield from _localized_texts(value, here)
        elif isinstance(value, list):
            for i, element in enumerate(value):
                if isinstance(element, BaseModel):
                    yield from _localized_texts(element, (*here, i))
        elif isinstance(value, dict):
            if name == "level_labels":
                for key, text in value.items():
                    yield (*here, key), text
            elif name == "renamed":  # item ids, not a text
                continue
            elif name == "examples" or annotation in ("dict[str, str]", "dict[str, str] | None"):
                yield here, value


# ----- many forms -------------------------------------------------------------------------------


def form_files(folder: Path) -> list[Path]:
    """The form files in a folder, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in FORM_SUFFIXES and p.is_file())


def load_forms(dirs: Iterable[Path]) -> tuple[list[LoadedForm], list[FormProblem]]:
    """Every form file in the folders; broken files give problems, the others still load.
    The same id and version twice is a problem naming both files (the first one is kept)."""
    return load_form_files(path for folder in dirs for path in form_files(Path(folder)))


def load_form_files(files: Iterable[Path]) -> tuple[list[LoadedForm], list[FormProblem]]:
    """Load the given form files as `load_forms` does for folders."""
    loaded: list[LoadedForm] = []
    problems: list[FormProblem] = []
    seen: dict[tuple[str, str], LoadedForm] = {}
    for path in files:
        try:
            result = load_form_file(path)
        except FormError as exc:
            problems.extend(exc.problems)
            continue
        key = (result.form.id, result.form.version)
        if key in seen:
            first = seen[key]
            pos = _version_position(result)
            problems.append(FormProblem(str(path), pos.line, pos.col,
                                        f"form '{key[0]}' version {key[1]} is also defined in "
                                        f"{first.path}"))
            continue
        seen[key] = result
        loaded.append(result)
    return loaded, problems


def _version_position(loaded: LoadedForm) -> Position:
    try:
        return read_yaml(loaded.source).position(("version",))
    except SourceError:  # pragma: no cover - it loaded before
        return Position(1, 1)


class FormCatalog:
    """The loaded forms by id and version."""

    def __init__(self, forms: Iterable[LoadedForm]) -> None:
        self._forms: dict[tuple[str, str], LoadedForm] = {}
        for loaded in forms:
            self._forms.setdefault((loaded.form.id, loaded.form.version), loaded)

    def __len__(self) -> int:
        return len(self._forms)

    def __iter__(self) -> Iterator[LoadedForm]:
        return iter(self.all())

    def all(self) -> list[LoadedForm]:
        """Every form, by id then version."""
        return sorted(self._forms.values(),
                      key=lambda lf: (lf.form.id, version_key(lf.form.version)))

    def get(self, form_id: str, version: str) -> LoadedForm | None:
        return self._forms.get((form_id, version))

    def versions(self, form_id: str) -> list[str]:
        """The versions of a form, oldest first."""
        return sorted((v for i, v in self._forms if i == form_id), key=version_key)

    def latest(self, form_id: str) -> LoadedForm | None:
        """The highest semantic version of a form."""
        versions = self.versions(form_id)
        return self._forms[(form_id, versions[-1])] if versions else None

    def ids(self) -> list[str]:
        """Every form id: the official forms first, then the example forms, each by id."""
        def example_last(form_id: str) -> tuple[bool, str]:
            latest = self.latest(form_id)
            return (latest is not None and latest.form.example, form_id)

        return sorted({i for i, _ in self._forms}, key=example_last)

    def for_age(self, age_months: int) -> tuple[list[LoadedForm], list[LoadedForm]]:
        """The latest version of every form, split into those whose age range fits the age
        and the others (a form without a range is among the others)."""
        fits: list[LoadedForm] = []
        others: list[LoadedForm] = []
        for form_id in self.ids():
            latest = self.latest(form_id)
            if latest is None:  # pragma: no cover - ids come from the forms
                continue
            age = latest.form.age_range
            (fits if age is not None and age.fits(age_months) else others).append(latest)
        return fits, others

    def by_hash(self, digest: str) -> LoadedForm | None:
        """The form whose text has this content hash, if it is still in the catalog."""
        return next((lf for lf in self._forms.values() if lf.content_hash == digest), None)


def load_catalog(extra_dir: str | os.PathLike[str] | None = None, *, examples: bool = False
                 ) -> tuple[FormCatalog, list[FormProblem]]:
    """All forms in the shipped folder and the organisation's folder (and the shipped example
    forms when `examples`), and the problems found."""
    forms, problems = load_forms(form_dirs(extra_dir, examples=examples))
    return FormCatalog(forms), problems
