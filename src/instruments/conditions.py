"""Conditions: which items are visible given the answers so far."""

from __future__ import annotations

from collections.abc import Mapping

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
    if op == "eq":
        return _same(actual, expected)
    if op == "ne":
        return not _same(actual, expected)
    if op == "in":
        return isinstance(expected, list) and any(_same(actual, e) for e in expected)
    if isinstance(actual, bool) or not isinstance(actual, int) or not isinstance(expected, int):
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


def _holds(form: Form, domain: Domain, cmp: Comparison, answers: Mapping[str, AnswerValue],
           visible: Mapping[str, bool]) -> bool:
    target = form.resolve(domain, cmp.item)
    # An answer to an item that is itself hidden counts as no answer.
    value = answers.get(target) if visible.get(target, True) else None
    return compare(value, cmp.op, cmp.value)


def condition_holds(form: Form, domain: Domain, cond: Condition,
                    answers: Mapping[str, AnswerValue], visible: Mapping[str, bool]) -> bool:
    if not all(_holds(form, domain, c, answers, visible) for c in cond.all):
        return False
    if cond.any and not any(_holds(form, domain, c, answers, visible) for c in cond.any):
        return False
    return not any(_holds(form, domain, c, answers, visible) for c in cond.not_any)


def visibility(form: Form, answers: Mapping[str, AnswerValue]) -> dict[str, bool]:
    """Visible or hidden, per full item id. The loader guarantees conditions only refer to
    earlier items, so one pass in form order settles chains of conditions."""
    visible: dict[str, bool] = {}
    for full_id, domain, item in form.all_items():
        visible[full_id] = item.show_if is None or condition_holds(
            form, domain, item.show_if, answers, visible
        )
    return visible


def visible_answers(form: Form, answers: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
    """The answers that count: those to visible items, in form order. Hidden answers stay in
    the draft but are never scored, summarised or exported."""
    shown = visibility(form, answers)
    return {k: answers[k] for k, _, _ in form.all_items() if shown[k] and k in answers}
