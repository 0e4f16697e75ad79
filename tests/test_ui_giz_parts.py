"""The Qt-free parts of the GIZ screen: who can speak, a factor's state from its status answer,
and where the triangle puts its factor buttons at the sizes a laptop gives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from instruments.loader import load_form_file
from ui.giz.agreements import agreement_text
from ui.giz.geometry import triangle_layout
from ui.giz.speakers import names_from_text, participants_item, speaker_names, with_name
from ui.giz.states import factor_state

FORMS = Path(__file__).resolve().parents[1] / "forms"


def test_speakers_are_the_named_participants_then_earlier_speakers_then_the_user() -> None:
    text = "Anna de Vries (JGZ)\n\n  Bert  Smit (school) \nanna de vries (jgz)"
    assert names_from_text(text) == ["Anna de Vries (JGZ)", "Bert Smit (school)"]
    assert speaker_names(text, ["Carla (huisarts)", None, "Bert Smit (school)"], "Dirk") == [
        "Anna de Vries (JGZ)", "Bert Smit (school)", "Carla (huisarts)", "Dirk"]
    assert speaker_names(None, [], "") == []


def test_adding_a_speaker_adds_one_line_once() -> None:
    assert with_name(None, " Anna ") == "Anna"
    assert with_name("Anna", "Bert") == "Anna\nBert"
    assert with_name("Anna\nBert", "bert") == "Anna\nBert"


def test_only_the_multidisciplinary_form_names_its_participants() -> None:
    multi = load_form_file(FORMS / "giz-multidisciplinair-1.2.0.yaml").form
    short = load_form_file(FORMS / "giz-signalering-1.1.0.yaml").form
    assert participants_item(multi) == "introductie.participants"
    assert participants_item(short) is None


def test_a_factor_state_follows_the_status_scale() -> None:
    form = load_form_file(FORMS / "giz-signalering-1.1.0.yaml").form
    health = next(d for d in form.domains if d.id == "gezondheid")
    assert [factor_state(form, health, v) for v in (None, 1, 2, 3, 9, True)] == [
        "open", "good", "attention", "concern", "open", "open"]


def test_an_agreement_reads_what_who_when() -> None:
    assert agreement_text(" Huisbezoek ", "Sanne", "") == "Huisbezoek — Sanne"
    assert agreement_text("Bellen", "ouder(s)", "vrijdag") == "Bellen — ouder(s) — vrijdag"


@pytest.mark.parametrize("size", [(786, 630), (786, 560), (1000, 700), (600, 520)])
@pytest.mark.parametrize("counts", [(3, 3, 3), (6, 6, 6)])
def test_factor_buttons_stay_inside_and_apart(size: tuple[int, int],
                                              counts: tuple[int, int, int]) -> None:
    width, height = size
    lay = triangle_layout(width, height, counts)
    rects = [r for side in lay.buttons for r in side]
    assert [len(side) for side in lay.buttons] == list(counts)
    for r in rects:
        assert r.x >= 0 and r.right <= width and r.y >= 0 and r.bottom <= height, (r, size)
    for i, a in enumerate(rects):
        assert not any(a.overlaps(b) for b in rects[i + 1:]), (a, size)
    # The side labels above do not run into the buttons or into each other.
    left, right, _base = lay.labels
    assert not left.overlaps(right)
    assert all(not left.overlaps(r) and not right.overlaps(r) for r in rects)
