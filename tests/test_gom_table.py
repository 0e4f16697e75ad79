"""The GIZ follows the Gezonde Ontwikkeling Matrix, written as a table in each GIZ form: urgency
decides urgent support, a concern without urgency is additional care, a side with no factor
scored has no suggestion. One test per cell, for all three variants; the loader checks tables."""

from __future__ import annotations

import pytest

from export_support import shipped_form_file
from instruments.answers import AnswerValue
from instruments.loader import FormError, load_form_file, load_form_text
from instruments.model import Form
from instruments.scoring import score
from tiny_forms import TINY_HEAD

VARIANTS = ["giz-signalering", "giz-uitgebreid", "giz-multidisciplinair"]
GOOD, ATTENTION, CONCERN = 1, 2, 3
NO_HURRY, SOON, RIGHT_AWAY = 1, 2, 3


def giz(variant: str) -> Form:
    return load_form_file(shipped_form_file(variant)).form


def expected(status: int, urgency: int | None) -> str:
    """The GOM as the issue states it, read independently of the form's table."""
    if status < CONCERN:
        return "positieve_bevestiging"
    return "acute_zorg" if urgency == RIGHT_AWAY else "aanvullende_zorg"


CELLS = [(s, None, None) for s in (GOOD, ATTENTION)] + [
    (CONCERN, severity, urgency) for severity in (1, 2, 3) for urgency in (1, 2, 3)]


def side_answers(form: Form, side: str, status: int, severity: int | None,
                 urgency: int | None) -> dict[str, AnswerValue]:
    """The first factor of `side` in the given cell, the side's other factors going well."""
    factors = [d.id for d in form.counted_domains() if d.group == side]
    answers: dict[str, AnswerValue] = {f"{f}.status": GOOD for f in factors}
    answers[f"{factors[0]}.status"] = status
    if severity is not None:
        answers[f"{factors[0]}.severity"] = severity
    if urgency is not None:
        answers[f"{factors[0]}.urgency"] = urgency
    return answers


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(("status", "severity", "urgency"), CELLS,
                         ids=[f"status{s}-severity{v}-urgency{u}" for s, v, u in CELLS])
def test_each_cell_of_the_matrix_gives_its_outcome(variant: str, status: int,
                                                   severity: int | None,
                                                   urgency: int | None) -> None:
    form = giz(variant)
    for side in (g.id for g in form.groups):
        result = score(form, side_answers(form, side, status, severity, urgency))
        gom = result.outcome("gom", side)
        assert gom.status == "complete"
        assert gom.suggestion == expected(status, urgency), (side, gom.fired)


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_serious_concern_without_hurry_is_additional_care_not_urgent_support(
        variant: str) -> None:
    form = giz(variant)
    gom = score(form, side_answers(form, "child", CONCERN, 3, NO_HURRY)).outcome("gom", "child")
    assert gom.suggestion == "aanvullende_zorg"
    assert [f.rule_id for f in gom.fired] == ["concern_not_urgent"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_side_with_no_factor_scored_has_no_suggestion(variant: str) -> None:
    form = giz(variant)
    answers = side_answers(form, "child", GOOD, None, None)
    result = score(form, answers)
    assert result.outcome("gom", "child").suggestion == "positieve_bevestiging"
    for side in ("parenting", "environment"):
        gom = result.outcome("gom", side)
        assert gom.suggestion is None and gom.completeness.domains_answered == 0


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_concern_whose_urgency_is_not_yet_given_is_not_read_as_going_well(
        variant: str) -> None:
    form = giz(variant)
    factors = [d.id for d in form.counted_domains() if d.group == "child"]
    gom = score(form, {f"{factors[0]}.status": CONCERN, f"{factors[0]}.severity": 3}
                ).outcome("gom", "child")
    assert gom.suggestion is None  # the one factor scored still lacks its urgency


TABLE_FORM = TINY_HEAD + """\
matrix:
  - {key: a, type: scale, scale: s, step: p, text: {nl: A}}
  - {key: b, type: scale, scale: s, step: p, text: {nl: B}}
domains:
  - {id: d1, title: {nl: D1}}
outcomes:
  - id: o
    title: {nl: O}
    levels: [laag, hoog]
    default: laag
    table:
      keys: [a, b]
      rows:
        - {id: low, when: {a: 1}, level: laag, explain: {nl: L}}
        - {id: high, when: {a: 2, b: [1, 2]}, level: hoog, explain: {nl: H}}
"""


def test_a_table_form_loads_and_scores() -> None:
    form = load_form_text(TABLE_FORM, stored=False).form
    assert score(form, {"d1.a": 2, "d1.b": 1}).outcome("o").suggestion == "hoog"
    assert score(form, {"d1.a": 1, "d1.b": 2}).outcome("o").suggestion == "laag"


@pytest.mark.parametrize(("change", "fragment"), [
    ("{a: 2, b: [1, 2]}", None),
    ("{a: 2, b: 1}", "has no row for a 2, b 2"),
    ("{a: 2, c: 1}", "names 'c', which is not one of the table's keys"),
    ("{a: 2, b: [1, 3]}", "3 is not on the scale of 'b'"),
])
def test_the_loader_checks_a_table_covers_every_cell_with_known_values(
        change: str, fragment: str | None) -> None:
    text = TABLE_FORM.replace("{a: 2, b: [1, 2]}", change)
    if fragment is None:
        load_form_text(text, stored=False)
        return
    with pytest.raises(FormError) as info:
        load_form_text(text, "t.yaml", stored=False)
    assert any(fragment in p.message for p in info.value.problems), info.value.problems


def test_a_table_row_with_an_unknown_level_or_key_is_refused() -> None:
    with pytest.raises(FormError) as info:
        load_form_text(TABLE_FORM.replace("level: hoog", "level: heel_hoog"), "t.yaml")
    assert "table row 'high' gives unknown level 'heel_hoog'" in str(info.value)
    with pytest.raises(FormError) as info:
        load_form_text(TABLE_FORM.replace("keys: [a, b]", "keys: [a, x]"), "t.yaml")
    assert "table names unknown item key 'x'" in str(info.value)


@pytest.mark.parametrize("variant", VARIANTS)
def test_giz_examples_span_pregnancy_to_young_adults(variant: str) -> None:
    form = giz(variant)
    texts = " ".join(e for d in form.counted_domains() for e in (d.examples or {}).get("nl", []))
    assert "zwangerschap" in texts and "baby" in texts
    assert "jongere" in texts and ("opleiding" in texts or "werk" in texts)
