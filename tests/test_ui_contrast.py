"""Text contrast of the theme, computed from its colours (WCAG 2 formula): every style-sheet
rule that sets a text colour reaches 4.5:1 on its own background, or, without one, on every
page background; the answer cards and the palette too. Disabled controls are exempt (WCAG)."""

from __future__ import annotations

import re

import pytest

from ui import theme
from ui.giz.style import GIZ_STYLE
from ui.selfreport.style import SELFREPORT_STYLE
from ui.selfreport_handover import CHOICE_STYLE
from ui.session.style import SESSION_STYLE
from ui.theme import contrast_ratio

PAGE_BACKGROUNDS = (theme.BACKGROUND, theme.SURFACE, "#f7f8fa")
SHEETS = {"theme": theme.STYLESHEET, "session": SESSION_STYLE, "giz": GIZ_STYLE,
          "selfreport": SELFREPORT_STYLE, "handover": CHOICE_STYLE}
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{3,6}|white|black)")
BACK = re.compile(r"background(?:-color)?:\s*(#[0-9a-fA-F]{3,6}|white|black)")
NAMED = {"white": "#ffffff", "black": "#000000"}


def text_pairs(sheet: str) -> list[tuple[str, str, str]]:
    """(selector, text colour, background) of every rule that sets a text colour; a rule
    without a background of its own is on its container's (`#box QLabel` on `#box`), else on
    every page background."""
    rules = [(" ".join(sel.split()), body)
             for sel, body in RULE.findall(sheet.replace("{{", "{").replace("}}", "}"))]
    own = {sel: BACK.search(body) for sel, body in rules}
    pairs = []
    for selector, body in rules:
        if ":disabled" in selector:
            continue
        colour = COLOUR.search(body)
        if colour is None:
            continue
        fg = NAMED.get(colour.group(1), colour.group(1))
        back = BACK.search(body) or (own.get(selector.split()[0]) if " " in selector else None)
        backgrounds = ([NAMED.get(back.group(1), back.group(1))] if back
                       else list(PAGE_BACKGROUNDS))
        pairs += [(selector, fg, bg) for bg in backgrounds]
    return pairs


def test_the_style_sheets_are_read_for_their_text_colours() -> None:
    assert len(text_pairs(SESSION_STYLE)) > 20
    assert ("#srCover QLabel", "#ffffff", "#1f4e79") in text_pairs(SELFREPORT_STYLE)


def test_the_contrast_formula_gives_the_known_extremes() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#fff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("name", sorted(SHEETS))
def test_every_text_colour_of_a_style_sheet_reaches_4_5_to_1(name: str) -> None:
    pairs = text_pairs(SHEETS[name])
    low = [f"{sel}: {fg} on {bg} = {contrast_ratio(fg, bg):.2f}" for sel, fg, bg in pairs
           if contrast_ratio(fg, bg) < 4.5]
    assert low == []


def test_answer_cards_and_the_palette_reach_4_5_to_1(qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.session.answer_cards import card_look

    look = card_look()
    pairs = {
        "card text": (look.text.name(), look.paper.name()),
        "card ink": (look.ink.name(), look.paper.name()),
        "card hint": (look.muted.name(), look.paper.name()),
        "chosen card": (look.text.name(), look.paper_selected.name()),
        "chosen card ink": (look.ink.name(), look.paper_selected.name()),
        "read-only card": (look.muted.name(), look.paper_disabled.name()),
        "text": (theme.INK, theme.BACKGROUND),
        "secondary": (theme.MUTED, theme.BACKGROUND),
        "selection": ("#ffffff", theme.ACCENT),
        "error": (theme.ERROR_INK, theme.BACKGROUND),
        "ok": (theme.OK_INK, theme.BACKGROUND),
        "warning": (theme.WARNING_INK, theme.WARNING_BG),
    }
    low = {k: round(contrast_ratio(*v), 2) for k, v in pairs.items()
           if contrast_ratio(*v) < 4.5}
    assert low == {}
