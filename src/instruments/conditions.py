"""Conditions: which items are visible given the answers so far.

Each form is compiled once (per form object) into a plan: its items in form order with their
conditions' item references already resolved, so `visibility` over many sessions of one form
does no string building and no model walking per session."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from instruments.answers import DECLINED, AnswerValue
from instruments.model import Comparison, Condition, Domain, Form


def compare(actual: AnswerValue | None, op: str, expected: object) -> bool:
    """Apply one comparison operator; a missing or declined answer satisfies only 'unanswered'."""
    missing = actual is None or actual == DECLINED
    if op == "answered":
        return not missing
    if op == "unanswered":
        return missing
    if missing:
        return False
    if isinstance(actual, list):  # a multi-choice answer: tests on what was chosen
        chosen = [v for v in actual if not isinstance(v, bool)]
        if op == "eq":
            return any(_same(v, expected) for v in chosen)
        if op == "ne":
            return not any(_same(v, expected) for v in chosen)
        if op == "in":
            return isinstance(expected, list) and any(_same(v, e) for v in chosen for e in expected)
        return False
    if op == "eq":
        return _same(actual, expected)
    if op == "ne":
        return not _same(actual, expected)
    if op == "in":
        return isinstance(expected, list) and any(_same(actual, e) for e in expected)
    if (isinstance(actual, bool) or not isinstance(actual, int | float)
            or isinstance(expected, bool) or not isinstance(expected, int | float)):
        return False
    if op == "gt":
        return actual > expected
    if op == "ge":
        return actual >= expected
    if op == "lt":
        return actual < expected
    if op == "le":
        return actual <= expected
    raise ValueError(f"unknown operator {op}")


def _same(a: object, b: object) -> bool:
    """Equality that keeps yes/no apart from scale values (in Python True == 1)."""
    return isinstance(a, bool) == isinstance(b, bool) and a == b


def visibility(form: Form, answers: Mapping[str, AnswerValue]) -> dict[str, bool]:
    """Visible or hidden, per full item id. The loader guarantees conditions only refer to
    earlier items, so one pass in form order settles chains of conditions."""
    return _settle(_plan(form).items, answers)


def visible_answers(form: Form, answers: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
    """The answers that count: those to visible items, in form order. Hidden answers stay in
    the draft but are never scored, summarised or exported."""
    shown = visibility(form, answers)
    return {k: answers[k] for k, _ in _plan(form).items if shown[k] and k in answers}


def needed_items(form: Form, item_ids: Collection[str]) -> tuple[str, ...]:
    """The items of `item_ids` that the form has, with every item their conditions read
    (transitively), in form order: all the answers needed to tell which of them count."""
    return tuple(k for k, _ in _plan(form).subset(item_ids).items)


def visible_subset(form: Form, answers: Mapping[str, AnswerValue],
                   item_ids: Collection[str]) -> dict[str, AnswerValue]:
    """`visible_answers(form, answers)` restricted to `item_ids`, computed from those items
    and the items their conditions read only (answers to other items are not looked at)."""
    part = _plan(form).subset(item_ids)
    if part.unconditional:  # nothing to settle: every one of them is shown
        return {k: answers[k] for k, _ in part.items if k in answers}
    shown = _settle(part.items, answers)
    return {k: answers[k] for k, _ in part.items
            if k in part.wanted and shown[k] and k in answers}


# ----- the compiled plan ------------------------------------------------------------------------

# One comparison with its item reference resolved: (full item id, operator, expected value).
_Check = tuple[str, str, object]
# A condition as (all, any, not_any) checks.
_Compiled = tuple[tuple[_Check, ...], tuple[_Check, ...], tuple[_Check, ...]]
_Items = tuple[tuple[str, "_Compiled | None"], ...]


_MAX_PARTS = 64


@dataclass(frozen=True)
class _Part:
    """Some items of a form (with what their conditions read), in form order."""

    items: _Items
    wanted: frozenset[str]
    # No item here has a condition (so they are exactly the wanted items of the form).
    unconditional: bool


@dataclass
class _Plan:
    """A form's items in form order with their compiled conditions."""

    items: _Items
    parts: dict[frozenset[str], _Part] = field(default_factory=dict)

    def subset(self, item_ids: Collection[str]) -> _Part:
        wanted = item_ids if isinstance(item_ids, frozenset) else frozenset(item_ids)
        part = self.parts.get(wanted)
        if part is None:
            conditions = dict(self.items)
            keep = {k for k in wanted if k in conditions}
            todo = list(keep)
            while todo:
                compiled = conditions.get(todo.pop())
                for checks in compiled or ():
                    for target, _op, _value in checks:
                        if target in conditions and target not in keep:
                            keep.add(target)
                            todo.append(target)
            items = tuple(entry for entry in self.items if entry[0] in keep)
            part = _Part(items, wanted, all(compiled is None for _, compiled in items))
            if len(self.parts) >= _MAX_PARTS:  # callers ask for a few fixed sets; stay small
                self.parts.clear()
            self.parts[wanted] = part
        return part


def _compile(form: Form, domain: Domain, cond: Condition) -> _Compiled:
    def checks(comparisons: list[Comparison]) -> tuple[_Check, ...]:
        return tuple((form.resolve(domain, c.item), c.op, c.value) for c in comparisons)

    return checks(cond.all), checks(cond.any), checks(cond.not_any)


_PLANS: dict[int, tuple[weakref.ref[Form], _Plan]] = {}
_PLANS_LOCK = threading.RLock()  # re-entrant: a weakref callback may run inside it (GC)


def _plan(form: Form) -> _Plan:
    """The form's plan, compiled on first use and kept while the form object lives."""
    key = id(form)
    entry = _PLANS.get(key)
    if entry is not None and entry[0]() is form:
        return entry[1]
    plan = _Plan(tuple(
        (full_id, None if item.show_if is None else _compile(form, domain, item.show_if))
        for full_id, domain, item in form.all_items()
    ))

    def forget(ref: weakref.ref[Form], key: int = key) -> None:
        with _PLANS_LOCK:
            if (current := _PLANS.get(key)) is not None and current[0] is ref:
                del _PLANS[key]

    with _PLANS_LOCK:
        _PLANS[key] = (weakref.ref(form, forget), plan)
    return plan


def _settle(items: _Items, answers: Mapping[str, AnswerValue]) -> dict[str, bool]:
    """Visibility of `items` in order: each condition over its resolved refs, an answer to a
    hidden item counting as no answer."""
    visible: dict[str, bool] = {}
    for full_id, compiled in items:
        visible[full_id] = compiled is None or _compiled_holds(compiled, answers, visible)
    return visible


def _compiled_holds(compiled: _Compiled, answers: Mapping[str, AnswerValue],
                    visible: Mapping[str, bool]) -> bool:
    all_checks, any_checks, not_any_checks = compiled
    for check in all_checks:
        if not _check_holds(check, answers, visible):
            return False
    if any_checks and not any(_check_holds(c, answers, visible) for c in any_checks):
        return False
    return not any(_check_holds(c, answers, visible) for c in not_any_checks)


def _check_holds(check: _Check, answers: Mapping[str, AnswerValue],
                 visible: Mapping[str, bool]) -> bool:
    target, op, expected = check
    # An answer to an item that is itself hidden counts as no answer.
    value = answers.get(target) if visible.get(target, True) else None
    return compare(value, op, expected)
