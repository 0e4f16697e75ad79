"""Scoring: domain profiles, parent-versus-professional differences (conversation topics, never a
risk raiser), and rule-based outcome suggestions (overall risk, topics to discuss, Balansmeter
outcome, GOM outcome) with the evidence that drove them and how complete that evidence is.
Below the form's minimum an outcome suggests nothing. The professional's decision on a
suggestion is a `Decision`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from instruments.answers import DECLINED, AnswerValue
from instruments.completeness import Completeness, Status, completeness
from instruments.conditions import compare, visibility
from instruments.decision import NO_SUGGESTION as NO_SUGGESTION
from instruments.decision import Decision as Decision
from instruments.decision import DecisionError as DecisionError
from instruments.model import Domain, Form, LocalizedText, Outcome, Predicate, Selector
from instruments.safety import SafetyResult, safety_result


@dataclass(frozen=True)
class Evidence:
    """One answer that made a rule fire."""

    item_id: str
    domain_id: str
    value: AnswerValue


@dataclass(frozen=True)
class FiredRule:
    rule_id: str
    level: str
    explain: LocalizedText
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class OutcomeResult:
    """The suggestion for one outcome in one scope (None: the whole form; else a group or
    domain id), with the rules that fired and how complete the counted answers are.

    `suggestion` is what to show: None when the counted answers are below the form's minimum
    ("no suggestion: incomplete, N of M"), never to be read as the lowest level. With status
    'partial' it is a lower bound: the missing answers could only raise it. `suggested` is the
    level the rules give on the answers present, whatever is missing; it is kept only for
    callers that still read it and must not be shown as the app's suggestion."""

    outcome_id: str
    scope: str | None
    suggested: str
    fired: tuple[FiredRule, ...]
    demo_thresholds: bool
    needs_decision: bool
    completeness: Completeness

    @property
    def suggestion(self) -> str | None:
        return self.suggested if self.completeness.met else None

    @property
    def status(self) -> Status:
        return self.completeness.status

    @property
    def incomplete(self) -> bool:
        return not self.completeness.met


@dataclass(frozen=True)
class DomainProfile:
    """Per domain: the parent's and the professional's rating side by side."""

    domain_id: str
    parent: int | None
    professional: int | None
    difference: int | None
    marked: bool


@dataclass(frozen=True)
class ScoreResult:
    form_id: str
    form_version: str
    profiles: tuple[DomainProfile, ...]
    outcomes: tuple[OutcomeResult, ...]
    answered: int
    hidden_answers_ignored: tuple[str, ...] = field(default=())
    # The protected safety questions (None: the form has none): a flag for the professional.
    safety: SafetyResult | None = None

    def outcome(self, outcome_id: str, scope: str | None = None) -> OutcomeResult:
        for result in self.outcomes:
            if result.outcome_id == outcome_id and result.scope == scope:
                return result
        raise KeyError((outcome_id, scope))

    def to_json(self) -> dict[str, Any]:
        """Plain data. Per outcome `suggested` is the suggestion (null when incomplete, with
        `no_suggestion` saying why); `status` and `completeness` give the counts."""
        data = asdict(self)
        for entry, result in zip(data["outcomes"], self.outcomes, strict=True):
            c = result.completeness
            entry["suggested"] = result.suggestion
            entry["status"] = c.status
            if result.suggestion is None:
                entry["no_suggestion"] = (f"incomplete ({c.domains_answered} of {c.domains} "
                                          "domains answered)")
        return data


def decide(form: Form, result: OutcomeResult, decided: str, reason: str | None = None,
           decided_by: str | None = None) -> Decision:
    """Record a decision on what the app showed: its suggestion, or none when the answers are
    incomplete (kept as NO_SUGGESTION; the decision is then the professional's own and needs
    no reason). An override of a shown suggestion needs a non-empty reason. The one way a
    decision is made: a suggestion the app could not make is never recorded as one."""
    outcome = _outcome(form, result.outcome_id)
    if decided not in outcome.levels:
        raise DecisionError(
            f"'{decided}' is not a level of {outcome.id} (levels: {', '.join(outcome.levels)})"
        )
    cleaned = (reason or "").strip() or None
    shown = result.suggestion
    if shown is not None and decided != shown and cleaned is None:
        raise DecisionError("an override of the suggestion needs a reason")
    return Decision(result.outcome_id, result.scope, shown if shown is not None else NO_SUGGESTION,
                    decided, cleaned, decided_by)


def _outcome(form: Form, outcome_id: str) -> Outcome:
    for outcome in form.outcomes:
        if outcome.id == outcome_id:
            return outcome
    raise KeyError(outcome_id)


# ----- the engine ------------------------------------------------------------------------------


def _scopes(form: Form, outcome: Outcome) -> list[tuple[str | None, list[Domain]]]:
    counted = form.counted_domains()
    if outcome.per == "form":
        return [(None, counted)]
    if outcome.per == "domain":
        return [(d.id, [d]) for d in counted]
    groups = [g.id for g in form.groups] or sorted({d.group for d in counted if d.group})
    return [(g, [d for d in counted if d.group == g]) for g in groups]


def _selected(form: Form, domains: list[Domain], sel: Selector,
              answers: Mapping[str, AnswerValue]) -> list[Evidence]:
    """The visible answers in scope that the selector picks and whose value passes its test."""
    picked: list[Evidence] = []
    for domain in domains:
        if sel.domains and domain.id not in sel.domains:
            continue
        if sel.groups and domain.group not in sel.groups:
            continue
        for item in form.domain_items(domain):
            if sel.keys and item.key not in sel.keys:
                continue
            full_id = f"{domain.id}.{item.key}"
            value = answers.get(full_id)
            if value is None or value == DECLINED:
                continue
            if compare(value, sel.op, sel.value):
                picked.append(Evidence(full_id, domain.id, value))
    return picked


def _bounded(n: int, at_least: int | None, at_most: int | None) -> bool:
    return (at_least is None or n >= at_least) and (at_most is None or n <= at_most)


def _holds(form: Form, domains: list[Domain], pred: Predicate,
           answers: Mapping[str, AnswerValue]) -> tuple[bool, list[Evidence]]:
    if pred.count is not None:
        picked = _selected(form, domains, pred.count, answers)
        return _bounded(len(picked), pred.at_least, pred.at_most), picked
    for sel, is_mean in ((pred.sum, False), (pred.mean, True)):
        if sel is not None:
            picked = [e for e in _selected(form, domains, sel, answers)
                      if _as_number(e.value) is not None]
            weighted = [_scored(form, sel, e) for e in picked]
            total = sum(value * weight for value, weight in weighted)
            if is_mean:
                weights = sum(weight for _, weight in weighted)
                if not weights:
                    return False, []
                total /= weights
            return _number_holds(total, pred.op or "ge", pred.value), picked
    assert pred.difference is not None
    key_a, key_b = pred.difference
    picked = []
    for domain in domains:
        id_a, id_b = f"{domain.id}.{key_a}", f"{domain.id}.{key_b}"
        a, b = _as_int(answers.get(id_a)), _as_int(answers.get(id_b))
        if a is not None and b is not None and abs(a - b) >= pred.at_least_diff:
            picked += [Evidence(id_a, domain.id, a), Evidence(id_b, domain.id, b)]
    return _bounded(len(picked) // 2, pred.at_least, pred.at_most), picked


def _as_number(value: object) -> float | None:
    """A scale or number answer as a number; None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _scored(form: Form, sel: Selector, evidence: Evidence) -> tuple[float, float]:
    """An answer's value (reverse-scored where declared) and its weight."""
    key = evidence.item_id.rsplit(".", 1)[1]
    value = _as_number(evidence.value) or 0.0
    if key in sel.reverse:
        item = form.item_index()[evidence.item_id][1]
        if item.scale:
            points = form.scale(item.scale).values()
            value = points[0] + points[-1] - value
    return value, sel.weights.get(key, 1.0)


def _number_holds(total: float, op: str, value: float | None) -> bool:
    if value is None:
        return False
    return {"gt": total > value, "ge": total >= value, "lt": total < value,
            "le": total <= value, "eq": total == value}.get(op, False)


def _as_int(value: object) -> int | None:
    """A scale value as int; None for a missing, declined, yes/no, text or list answer."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _profiles(form: Form, answers: Mapping[str, AnswerValue]) -> list[DomainProfile]:
    if form.profile is None:
        return []
    out = []
    for domain in form.counted_domains():
        p = _as_int(answers.get(f"{domain.id}.{form.profile.parent}"))
        q = _as_int(answers.get(f"{domain.id}.{form.profile.professional}"))
        diff = q - p if p is not None and q is not None else None
        marked = diff is not None and abs(diff) >= form.profile.mark_difference
        out.append(DomainProfile(domain.id, p, q, diff, marked))
    return out


def _table_rows(form: Form, outcome: Outcome, domains: list[Domain],
                answers: Mapping[str, AnswerValue], rank: Mapping[str, int]) -> list[FiredRule]:
    """The table rows that the domains in scope match, above the default level, each with the
    answers that matched it (domains matching one row are one entry)."""
    assert outcome.table is not None
    table = outcome.table
    hits: dict[str, list[Evidence]] = {}
    for domain in domains:
        values = {}
        evidence = []
        for key in table.keys:
            full_id = f"{domain.id}.{key}"
            value = _as_int(answers.get(full_id))
            if value is not None:
                values[key] = value
                evidence.append(Evidence(full_id, domain.id, value))
        row = table.row_for(values) if values else None
        if row is not None and rank[row.level] > rank[outcome.default]:
            hits.setdefault(row.id, []).extend(evidence)
    rows = {row.id: row for row in table.rows}
    return [FiredRule(row_id, rows[row_id].level, rows[row_id].explain, tuple(evidence))
            for row_id, evidence in hits.items()]


def score(form: Form, answers: Mapping[str, AnswerValue]) -> ScoreResult:
    """Score the visible answers of a session. Answers to hidden items are ignored; an
    outcome whose counted answers are below the form's minimum suggests nothing."""
    shown = visibility(form, answers)
    counted = {k: v for k, v in answers.items() if shown.get(k, False)}
    outcomes: list[OutcomeResult] = []
    for outcome in form.outcomes:
        rank = {level: i for i, level in enumerate(outcome.levels)}
        for scope, domains in _scopes(form, outcome):
            fired: list[FiredRule] = []
            for rule in outcome.rules:
                evidence: list[Evidence] = []
                ok = True
                for pred in rule.when:
                    holds, picked = _holds(form, domains, pred, counted)
                    if not holds:
                        ok = False
                        break
                    evidence += picked
                if ok:
                    fired.append(FiredRule(rule.id, rule.level, rule.explain, tuple(evidence)))
            if outcome.table is not None:
                fired += _table_rows(form, outcome, domains, counted, rank)
            level = max((f.level for f in fired), key=rank.__getitem__, default=outcome.default)
            if rank[level] < rank[outcome.default]:
                level = outcome.default
            done = completeness(form, outcome, domains, answers, shown)
            outcomes.append(OutcomeResult(outcome.id, scope, level, tuple(fired),
                                          outcome.demo_thresholds, outcome.decision, done))
    ignored = tuple(k for k in answers if k not in counted)
    return ScoreResult(
        form_id=form.id,
        form_version=form.version,
        profiles=tuple(_profiles(form, counted)),
        outcomes=tuple(outcomes),
        answered=len(counted),
        hidden_answers_ignored=ignored,
        safety=safety_result(form, answers) if form.safety is not None else None,
    )
