"""Pydantic models of a versioned form definition (the YAML files in forms/)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
IDENT = re.compile(r"^[a-z][a-z0-9_-]*$")

# A text in several languages: {"nl": "...", "en": "..."}.
LocalizedText = dict[str, str]


def localize(text: LocalizedText | None, lang: str, fallback: str = "nl") -> str:
    """Return the text in `lang`, else the fallback language, else any language."""
    if not text:
        return ""
    if lang in text:
        return text[lang]
    if fallback in text:
        return text[fallback]
    return next(iter(text.values()))


class Strict(BaseModel):
    """Base for every form model: unknown keys are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Respondent(StrEnum):
    """Who answers a step."""

    PARENT = "parent"
    PROFESSIONAL = "professional"
    TOGETHER = "together"


class ItemType(StrEnum):
    """The kinds of item a form can hold."""

    SCALE = "scale"
    YES_NO = "yes_no"
    TEXT = "text"
    ACTIONS = "actions"
    CHOICE = "choice"  # one of the labels of a scale, not ordered (e.g. the risk decision)
    NUMBER = "number"  # a number in a declared range, with a unit (weeks, cigarettes a day)
    MULTI_CHOICE = "multi_choice"  # any of the labels of a scale (a list of its values)


class DomainKind(StrEnum):
    """A domain proper (counted, walked one by one) or a section around the domains."""

    DOMAIN = "domain"
    INTRO = "intro"
    CLOSING = "closing"


class ScalePoint(Strict):
    """One point on a scale: the stored value and its label per language."""

    value: int
    label: LocalizedText
    # Optional short explanation, shown on a large answer card under the label.
    hint: LocalizedText | None = None
    pictogram: str | None = None


class Scale(Strict):
    """An ordered set of points, e.g. the 5-point concern scale or the 6-point need scale."""

    id: str
    title: LocalizedText | None = None
    points: Annotated[list[ScalePoint], Field(min_length=2)]

    @field_validator("points")
    @classmethod
    def _values_unique_and_ascending(cls, points: list[ScalePoint]) -> list[ScalePoint]:
        values = [p.value for p in points]
        if len(set(values)) != len(values):
            raise ValueError("scale point values must be unique")
        if values != sorted(values):
            raise ValueError("scale point values must be in ascending order")
        return points

    def values(self) -> list[int]:
        return [p.value for p in self.points]

    def point(self, value: int) -> ScalePoint | None:
        return next((p for p in self.points if p.value == value), None)


class Role(Strict):
    """A declared respondent beyond the three base ones (a partner, the young person), who
    answers steps the way a base respondent does (`answers_as`)."""

    id: str
    title: LocalizedText
    answers_as: Respondent

    @field_validator("id")
    @classmethod
    def _id_is_identifier(cls, value: str) -> str:
        if not IDENT.match(value):
            raise ValueError(f"role id '{value}' must be lower case letters, digits, _ or -")
        if value in {r.value for r in Respondent}:
            raise ValueError(f"role id '{value}' is a base respondent; declare only other roles")
        return value


class AgeRange(Strict):
    """The ages a form is meant for, in months; negative months are the pregnancy (-9 is the
    start of pregnancy, 0 the birth). Both ends are included."""

    from_months: int
    to_months: int

    @model_validator(mode="after")
    def _ordered(self) -> AgeRange:
        if self.from_months < -10:
            raise ValueError("an age range starts at -10 months (early pregnancy) or later")
        if self.to_months < self.from_months:
            raise ValueError("an age range must end at or after its start")
        return self

    def fits(self, age_months: int) -> bool:
        return self.from_months <= age_months <= self.to_months


class Step(Strict):
    """A step of the conversation and who answers it. `role` names a declared role (see
    Form.roles) that answers this step as `answered_by` does."""

    id: str
    answered_by: Respondent
    title: LocalizedText
    description: LocalizedText | None = None
    role: str | None = None


Op = Literal["eq", "ne", "gt", "ge", "lt", "le", "in", "answered", "unanswered"]


class Comparison(Strict):
    """A test on one answer. `item` is a key in the same domain or a full `domain.key` id."""

    item: str
    op: Op = "eq"
    value: int | bool | str | list[int] | list[str] | None = None

    @model_validator(mode="after")
    def _value_fits_op(self) -> Comparison:
        if self.op in ("answered", "unanswered"):
            if self.value is not None:
                raise ValueError(f"op '{self.op}' takes no value")
        elif self.op == "in":
            if not isinstance(self.value, list):
                raise ValueError("op 'in' needs a list value")
        elif self.value is None or isinstance(self.value, list):
            raise ValueError(f"op '{self.op}' needs a single value")
        return self


class Condition(Strict):
    """A condition: all of `all`, at least one of `any`, none of `not_any`."""

    all: list[Comparison] = Field(default_factory=list)
    any: list[Comparison] = Field(default_factory=list)
    not_any: list[Comparison] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if not (self.all or self.any or self.not_any):
            raise ValueError("a condition needs at least one of all / any / not_any")
        return self

    def comparisons(self) -> list[Comparison]:
        return [*self.all, *self.any, *self.not_any]


class Item(Strict):
    """A question. Its full id is `<domain id>.<key>`; `key` is also the matrix column."""

    key: str
    type: ItemType
    step: str
    text: LocalizedText
    # A short label for a matrix column header (the together view, reports); else the text.
    short: LocalizedText | None = None
    help: LocalizedText | None = None
    scale: str | None = None  # required for scale and choice items
    required: bool = False
    allow_decline: bool = False  # "ik wil dit liever niet zeggen"
    show_if: Condition | None = None
    # Number items: the unit shown after the field, the allowed range (both ends included)
    # and how many decimals (0: whole numbers).
    unit: LocalizedText | None = None
    min: float | None = None
    max: float | None = None
    decimals: int = 0
    # A protected safety question (violence at home): asked only when the form's safety gate
    # is confirmed; a 'yes' is a separate safety flag for the professional, not a topic line.
    safety: bool = False
    # A multidisciplinary (attributed) form: each participant gives their own view on this
    # item beside the shared answer (the conclusion). Only the conclusion is scored.
    views: bool = False

    @field_validator("key")
    @classmethod
    def _key_is_identifier(cls, key: str) -> str:
        if not IDENT.match(key):
            raise ValueError(f"item key '{key}' must be lower case letters, digits, _ or -")
        return key

    @model_validator(mode="after")
    def _scale_given_when_needed(self) -> Item:
        scaled = (ItemType.SCALE, ItemType.CHOICE, ItemType.MULTI_CHOICE)
        if self.type in scaled and not self.scale:
            raise ValueError(f"a {self.type.value} item needs a 'scale'")
        if self.type not in scaled and self.scale:
            raise ValueError(f"a {self.type.value} item takes no 'scale'")
        if self.type == ItemType.NUMBER:
            if self.min is None or self.max is None:
                raise ValueError("a number item needs its range: 'min' and 'max'")
            if self.max < self.min:
                raise ValueError("a number item's 'max' must be at least its 'min'")
            if not 0 <= self.decimals <= 3:
                raise ValueError("a number item has 0 to 3 decimals")
        elif self.unit is not None or self.min is not None or self.max is not None:
            raise ValueError(f"a {self.type.value} item takes no 'unit', 'min' or 'max'")
        if self.views and self.type not in (ItemType.SCALE, ItemType.CHOICE):
            raise ValueError("only a scale or choice item takes 'views' (a view per participant)")
        return self


class Domain(Strict):
    """A domain (or topic, or triangle factor) with its description and items."""

    id: str
    kind: DomainKind = DomainKind.DOMAIN
    title: LocalizedText
    description: LocalizedText | None = None
    examples: dict[str, list[str]] | None = None
    # Grouping: the CAF-triangle side for GIZ, the ALPHA group; used by per-group outcomes.
    group: str | None = None
    pictogram: str | None = None
    # When false, the form's matrix item templates are not added to this domain.
    use_matrix: bool = True
    items: list[Item] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_is_identifier(cls, value: str) -> str:
        if not IDENT.match(value):
            raise ValueError(f"domain id '{value}' must be lower case letters, digits, _ or -")
        return value


class Group(Strict):
    """A named group of domains (a side of the CAF triangle, an ALPHA-NL group)."""

    id: str
    title: LocalizedText
    description: LocalizedText | None = None


# ----- scoring and outcome rules -------------------------------------------------------------


class Selector(Strict):
    """Selects answered, visible items: by matrix column key, domain, group and item type.

    For a sum or mean: `weights` multiply an item key's value (default 1); `reverse` keys are
    reverse-scored (the lowest point counts as the highest of its scale and so on)."""

    keys: list[str] = Field(default_factory=list)  # item keys (matrix columns); empty = any
    domains: list[str] = Field(default_factory=list)  # empty = any domain of kind 'domain'
    groups: list[str] = Field(default_factory=list)  # empty = any group
    op: Op = "answered"
    value: int | bool | str | list[int] | list[str] | None = None
    weights: dict[str, float] = Field(default_factory=dict)
    reverse: list[str] = Field(default_factory=list)


class Predicate(Strict):
    """One test over the answers in a scope.

    - count: how many selected items match (`select.op`/`select.value`), compared with `at_least`
      (and `at_most` when given).
    - sum: the (weighted, reverse-scored where declared) sum of the selected scale values,
      compared by `op` with `value`.
    - mean: their weighted mean, compared by `op` with `value`; no selected answer, no mean.
    - difference: in how many domains |a - b| >= `at_least_diff` (a and b are item keys);
      compared with `at_least`.
    """

    count: Selector | None = None
    sum: Selector | None = None
    mean: Selector | None = None
    difference: tuple[str, str] | None = None
    at_least_diff: int = 2
    at_least: int | None = None
    at_most: int | None = None
    op: Op | None = None
    value: int | float | None = None

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> Predicate:
        kinds = [k for k in (self.count, self.sum, self.mean, self.difference) if k is not None]
        if len(kinds) != 1:
            raise ValueError("a predicate needs exactly one of count / sum / mean / difference")
        for name, sel in (("sum", self.sum), ("mean", self.mean)):
            if sel is not None and (self.op not in ("gt", "ge", "lt", "le", "eq")
                                    or self.value is None):
                raise ValueError(f"a {name} predicate needs 'op' (gt, ge, lt, le or eq) and "
                                 "'value'")
        if (self.count is not None or self.difference is not None) and (
            self.at_least is None and self.at_most is None
        ):
            raise ValueError("a count or difference predicate needs 'at_least' or 'at_most'")
        return self


class Rule(Strict):
    """When all predicates hold, the rule fires and suggests `level`."""

    id: str
    level: str
    when: Annotated[list[Predicate], Field(min_length=1)]
    explain: LocalizedText


class TableRow(Strict):
    """One row of a level table: when every named key's answer is one of its values, the
    domain gets `level`. A key the row does not name may have any answer, or none."""

    id: str
    when: dict[str, int | list[int]]
    level: str
    explain: LocalizedText

    def matches(self, values: dict[str, int]) -> bool:
        for key, wanted in self.when.items():
            allowed = wanted if isinstance(wanted, list) else [wanted]
            if key not in values or values[key] not in allowed:
                return False
        return True


class LevelTable(Strict):
    """A mapping from a domain's answers to a level, as a table (the GIZ's Gezonde
    Ontwikkeling Matrix: status, severity and urgency of a factor to its outcome). Per counted
    domain in scope the first matching row gives the domain's level; the scope's suggestion is
    the highest of those and of the fired rules. The loader checks that every combination of
    the keys' scale values has a row."""

    keys: Annotated[list[str], Field(min_length=1)]
    rows: Annotated[list[TableRow], Field(min_length=1)]

    def row_for(self, values: dict[str, int]) -> TableRow | None:
        return next((row for row in self.rows if row.matches(values)), None)


class Minimum(Strict):
    """How much of what an outcome counts must be answered before it suggests a level.

    `domains`: how many of the counted domains in a scope must be answered (every counted item
    that is shown there has an answer that is not 'liever niet zeggen'); `all` by default.
    Below it the outcome gives no suggestion ("incomplete, N of M")."""

    domains: int | Literal["all"] = "all"

    @field_validator("domains")
    @classmethod
    def _positive(cls, value: int | str) -> int | str:
        if isinstance(value, int) and value < 1:
            raise ValueError("minimum domains must be 1 or more, or 'all'")
        return value


class Outcome(Strict):
    """A suggested outcome computed from rules, e.g. the overall risk or the GOM outcome.

    `per` says whether there is one outcome for the whole form, one per group or one per domain.
    The suggestion is the highest of the `levels` (ordered low to high) among fired rules,
    else `default`. The professional's decision on it is a separate record (scoring.Decision),
    not an item. Selectors inside a per-group or per-domain outcome see only that scope.
    """

    id: str
    title: LocalizedText
    per: Literal["form", "group", "domain"] = "form"
    levels: Annotated[list[str], Field(min_length=2)]
    level_labels: dict[str, LocalizedText] = Field(default_factory=dict)
    default: str
    rules: list[Rule] = Field(default_factory=list)
    # Whether a professional confirms or overrides the suggestion (risk, GOM); a self-report
    # flag (ALPHA-NL topic to discuss) is not decided.
    decision: bool = True
    demo_thresholds: bool = True  # thresholds are ours, not published: the UI says so
    # How much must be answered before a level is suggested (default: every counted domain).
    minimum: Minimum = Field(default_factory=Minimum)
    # A per-domain table of answers to levels, next to (or instead of) the rules.
    table: LevelTable | None = None

    @model_validator(mode="after")
    def _levels_known(self) -> Outcome:
        if len(set(self.levels)) != len(self.levels):
            raise ValueError("outcome levels must be unique")
        if self.default not in self.levels:
            raise ValueError(f"default level '{self.default}' is not one of the levels")
        for rule in self.rules:
            if rule.level not in self.levels:
                raise ValueError(f"rule '{rule.id}' suggests unknown level '{rule.level}'")
        for row in self.table.rows if self.table else []:
            if row.level not in self.levels:
                raise ValueError(f"table row '{row.id}' gives unknown level '{row.level}'")
        return self


class Profile(Strict):
    """The domain profile: which item keys are shown side by side per domain."""

    parent: str | None = None
    professional: str | None = None
    # A difference of at least this many points between the two is marked.
    mark_difference: int = 2


class Chart(Strict):
    """A profile chart of per-domain values for the report: `bars` or a `spider` web of the
    answers to the scale item `key` in each counted domain (or in `domains` only)."""

    id: str
    kind: Literal["bars", "spider"]
    title: LocalizedText
    key: str
    domains: list[str] = Field(default_factory=list)


class SafetyGate(Strict):
    """How a form's safety questions are protected: `gate` is the full id of the yes/no item
    in which the professional confirms at hand-over that the client is alone; every safety
    item is shown only when it is 'yes'. `guidance` is what the professional reads with a
    safety flag (our own words on the Meldcode)."""

    gate: str
    title: LocalizedText
    guidance: LocalizedText


class Migration(Strict):
    """How a draft taken with an earlier version moves to this one. Items keep their ids
    unless `renamed` (old full id -> new full id); `removed` lists the earlier version's items
    this one no longer asks: their answers are kept and shown as answers to removed items."""

    from_version: str
    renamed: dict[str, str] = Field(default_factory=dict)
    removed: list[str] = Field(default_factory=list)

    @field_validator("from_version")
    @classmethod
    def _version_is_semver(cls, value: str) -> str:
        if not SEMVER.match(value):
            raise ValueError(f"version '{value}' is not a semantic version like 1.0.0")
        return value


class Form(Strict):
    """A whole versioned form definition."""

    id: str
    version: str
    instrument: Literal["prespark", "spark", "alpha-nl", "giz", "balansmeter", "other"]
    mode: Literal["conversation", "self_report", "triangle"] = "conversation"
    languages: Annotated[list[str], Field(min_length=1)]
    title: LocalizedText
    description: LocalizedText | None = None
    # Shown on every screen and document: "our own wording, not the official text".
    notice: LocalizedText
    # Shown before a self-report: why, who sees the answers, the parent decides what is shared.
    introduction: LocalizedText | None = None
    scales: list[Scale]
    steps: list[Step]
    groups: list[Group] = Field(default_factory=list)
    # Item templates added (as `<domain>.<key>`) to every domain of kind 'domain' with use_matrix.
    matrix: list[Item] = Field(default_factory=list)
    domains: Annotated[list[Domain], Field(min_length=1)]
    profile: Profile | None = None
    outcomes: list[Outcome] = Field(default_factory=list)
    # Multidisciplinary forms: answers carry the name of the professional who gave them.
    attributed: bool = False
    safety: SafetyGate | None = None
    # The ages the form is meant for (the new-session dialog offers the forms that fit).
    age_range: AgeRange | None = None
    # An example of the format, not an official instrument: offered only when the user asks
    # for example forms, and labelled as an example wherever it is offered.
    example: bool = False
    # Respondents beyond parent / professional / together (a partner, the young person).
    roles: list[Role] = Field(default_factory=list)
    # Charts a report draws of the form's answers (a profile as bars or a spider web).
    charts: list[Chart] = Field(default_factory=list)
    # How drafts of earlier versions move to this one (none declared: every id is kept).
    migrations: list[Migration] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_is_identifier(cls, value: str) -> str:
        if not IDENT.match(value):
            raise ValueError(f"form id '{value}' must be lower case letters, digits, _ or -")
        return value

    @field_validator("version")
    @classmethod
    def _version_is_semver(cls, value: str) -> str:
        if not SEMVER.match(value):
            raise ValueError(f"version '{value}' is not a semantic version like 1.0.0")
        return value

    # ----- derived views (the loader guarantees references resolve) -----

    def scale(self, scale_id: str) -> Scale:
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(scale_id)

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def counted_domains(self) -> list[Domain]:
        """The domains proper (what '13 domains' counts), in order."""
        return [d for d in self.domains if d.kind == DomainKind.DOMAIN]

    def domain_items(self, domain: Domain) -> list[Item]:
        """The items of a domain: matrix templates first (if used), then its own items."""
        if domain.kind == DomainKind.DOMAIN and domain.use_matrix:
            return [*self.matrix, *domain.items]
        return list(domain.items)

    def all_items(self) -> list[tuple[str, Domain, Item]]:
        """Every item with its full id, in form order."""
        return [
            (f"{d.id}.{item.key}", d, item) for d in self.domains for item in self.domain_items(d)
        ]

    def item_index(self) -> dict[str, tuple[Domain, Item]]:
        return {full_id: (domain, item) for full_id, domain, item in self.all_items()}

    def view_items(self) -> list[str]:
        """Full ids of the items that take a view per participant (attributed forms only)."""
        if not self.attributed:
            return []
        return [full_id for full_id, _, item in self.all_items() if item.views]

    def resolve(self, domain: Domain, ref: str) -> str:
        """A condition's item reference as a full id: `key` is in the same domain."""
        return ref if "." in ref else f"{domain.id}.{ref}"
