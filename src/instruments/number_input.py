"""Typed text to the value of a number item: a number in its range with at most its decimals,
or a plain-language reason why not (the editors show it; the store still checks the value)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from instruments.i18n import tr
from instruments.model import Item, localize

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


@dataclass(frozen=True)
class NumberInput:
    """What typed text means: `value` (None: nothing typed, or not valid) and `problem` (empty
    when the text is fine)."""

    value: int | float | None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


def number_shown(item: Item, value: float, lang: str = "nl") -> str:
    """A number as the person typed it: the item's decimals, a decimal comma in Dutch."""
    text = f"{value:.{item.decimals}f}" if item.decimals else f"{int(round(value))}"
    return text.replace(".", ",") if lang == "nl" else text


def number_text(item: Item, value: float, lang: str = "nl") -> str:
    """A number answer with its unit: '12 sigaretten per dag'."""
    unit = localize(item.unit, lang)
    shown = number_shown(item, value, lang)
    return f"{shown} {unit}" if unit else shown


def range_text(item: Item, lang: str = "nl") -> str:
    """The allowed range in words: 'van 4 tot en met 42 weken'."""
    assert item.min is not None and item.max is not None
    return tr("number.range", lang, min=number_shown(item, item.min, lang),
              max=number_shown(item, item.max, lang), unit=localize(item.unit, lang)).strip()


def number_hint(item: Item, lang: str = "nl") -> str:
    """What may be typed: 'Een getal van 4 tot en met 42 weken.'"""
    return tr("number.hint", lang, range=range_text(item, lang))


def parse_number(item: Item, text: str, lang: str = "nl") -> NumberInput:
    """Read typed text as the item's number. Empty text is no answer (no problem)."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        return NumberInput(None)
    if not _NUMBER.match(cleaned):
        key = "number.not_whole" if item.decimals == 0 else "number.not_a_number"
        return NumberInput(None, tr(key, lang, range=range_text(item, lang)))
    number = float(cleaned.replace(",", "."))
    assert item.min is not None and item.max is not None
    if item.decimals == 0 and number != int(number):
        return NumberInput(None, tr("number.not_whole", lang, range=range_text(item, lang)))
    if item.decimals and round(number, item.decimals) != number:
        return NumberInput(None, tr("number.decimals", lang, n=item.decimals))
    if not item.min <= number <= item.max:
        return NumberInput(None, tr("number.out_of_range", lang, range=range_text(item, lang)))
    return NumberInput(int(number) if item.decimals == 0 else number)
