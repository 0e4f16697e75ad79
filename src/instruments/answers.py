"""The answer model: one value per item, checked against the item's type and scale."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from instruments.answer_value import DECLINED as DECLINED
from instruments.answer_value import AnswerError as AnswerError
from instruments.answer_value import AnswerValue as AnswerValue
from instruments.model import Form, Item, ItemType


@dataclass(frozen=True)
class Answer:
    """One given answer. `by` names the professional in multidisciplinary forms."""

    item_id: str
    value: AnswerValue
    by: str | None = None

    @property
    def declined(self) -> bool:
        return self.value == DECLINED


def check_value(form: Form, item_id: str, item: Item, value: Any) -> AnswerValue:
    """Return `value` as the item's answer type, or raise AnswerError saying what is wrong."""
    if value == DECLINED:
        if not item.allow_decline:
            raise AnswerError(f"{item_id}: this item cannot be declined")
        return DECLINED
    if item.type in (ItemType.SCALE, ItemType.CHOICE):
        assert item.scale is not None
        scale = form.scale(item.scale)
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError(
                f"{item_id}: expected one of {scale.values()} (scale '{scale.id}'), got {value!r}"
            )
        if value not in scale.values():
            raise AnswerError(
                f"{item_id}: {value} is not on scale '{scale.id}' (allowed: {scale.values()})"
            )
        return value
    if item.type == ItemType.YES_NO:
        if not isinstance(value, bool):
            raise AnswerError(f"{item_id}: expected yes/no (true or false), got {value!r}")
        return value
    if item.type == ItemType.TEXT:
        if not isinstance(value, str):
            raise AnswerError(f"{item_id}: expected text, got {value!r}")
        return value
    if item.type == ItemType.NUMBER:
        return _number(item_id, item, value)
    if item.type == ItemType.MULTI_CHOICE:
        assert item.scale is not None
        allowed = form.scale(item.scale).values()
        if (not isinstance(value, list)
                or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
            raise AnswerError(f"{item_id}: expected a list of values of scale '{item.scale}' "
                              f"(allowed: {allowed}), got {value!r}")
        wrong = [v for v in value if v not in allowed]
        if wrong or len(set(value)) != len(value):
            raise AnswerError(f"{item_id}: {value!r} must be distinct values of scale "
                              f"'{item.scale}' (allowed: {allowed})")
        return [v for v in allowed if v in value]
    if item.type == ItemType.ACTIONS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise AnswerError(f"{item_id}: expected a list of agreed actions (texts), got {value!r}")
        return list(value)
    raise AnswerError(f"{item_id}: unsupported item type {item.type}")  # pragma: no cover


def _number(item_id: str, item: Item, value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AnswerError(f"{item_id}: expected a number, got {value!r}")
    assert item.min is not None and item.max is not None
    if not item.min <= value <= item.max:
        raise AnswerError(f"{item_id}: {value} is outside {item.min:g} to {item.max:g}")
    if item.decimals == 0:
        if value != int(value):
            raise AnswerError(f"{item_id}: expected a whole number, got {value!r}")
        return int(value)
    if round(value, item.decimals) != value:
        raise AnswerError(f"{item_id}: at most {item.decimals} decimals, got {value!r}")
    return float(value)


def check_answers(form: Form, raw: Mapping[str, Any]) -> dict[str, AnswerValue]:
    """Check a whole mapping of item id -> value; collect every problem into one AnswerError."""
    index = form.item_index()
    checked: dict[str, AnswerValue] = {}
    problems: list[str] = []
    for item_id, value in raw.items():
        if not isinstance(item_id, str) or item_id not in index:
            problems.append(f"{item_id}: unknown item id for form '{form.id}' {form.version}")
            continue
        if value is None:
            continue
        try:
            checked[item_id] = check_value(form, item_id, index[item_id][1], value)
        except AnswerError as exc:
            problems.append(str(exc))
    if problems:
        raise AnswerError("\n".join(problems))
    return checked
