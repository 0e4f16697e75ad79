"""Completeness is part of every result: counts per outcome, no level below the form's minimum,
declined is not answered, and fewer answers never read as more reassuring than 'incomplete'."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FORMS_DIR
from instruments.answers import DECLINED, AnswerValue
from instruments.conditions import visibility
from instruments.loader import FormError, load_form_text, load_forms
from instruments.model import Form, ItemType
from instruments.scoring import score
from tiny_forms import TINY_HEAD


def shipped_forms() -> list[Form]:
    forms, problems = load_forms([FORMS_DIR])
    assert problems == []
    return [lf.form for lf in forms]


SHIPPED = shipped_forms()
BY_ID = {f.id: f for f in SHIPPED}


def full_answers(form: Form, pick: Any) -> dict[str, AnswerValue]:
    """A value for every scale, choice and yes/no item (hidden ones too): `pick(item)`."""
    out: dict[str, AnswerValue] = {}
    for full_id, _, item in form.all_items():
        if item.type in (ItemType.SCALE, ItemType.CHOICE, ItemType.YES_NO):
            out[full_id] = pick(full_id, item)
    return out


def lowest_value(form: Form) -> Any:
    def pick(_: str, item: Any) -> AnswerValue:
        if item.type == ItemType.YES_NO:
            return False
        return form.scale(item.scale).values()[0]
    return pick


# ----- the counts -------------------------------------------------------------------------------


def test_an_empty_prespark_gives_no_level_but_the_counts() -> None:
    risk = score(BY_ID["prespark"], {}).outcome("risk")
    assert risk.suggestion is None and risk.status == "incomplete"
    c = risk.completeness
    assert (c.domains, c.domains_answered, c.domains_missing) == (13, 0, 13)
    assert c.items == c.items_missing == 13 * 3  # concern, need now, professional per domain


def test_all_declined_balansmeter_gives_no_level_and_counts_them_declined() -> None:
    form = BY_ID["balansmeter"]
    answers = {i: DECLINED for i, _, item in form.all_items() if item.allow_decline}
    balans = score(form, answers).outcome("balans")
    assert balans.suggestion is None
    c = balans.completeness
    assert (c.domains, c.domains_answered, c.domains_declined) == (8, 0, 8)
    assert (c.items_answered, c.items_declined, c.items_missing) == (0, 8, 0)


def test_one_declined_answer_among_complete_ones_is_incomplete_by_default() -> None:
    form = BY_ID["balansmeter"]
    answers = {i: 1 for i, _, item in form.all_items() if item.type == ItemType.SCALE}
    assert score(form, answers).outcome("balans").suggestion == "goed_in_balans"
    first = next(iter(answers))
    answers[first] = DECLINED
    balans = score(form, answers).outcome("balans")
    assert balans.suggestion is None
    assert (balans.completeness.domains_answered, balans.completeness.domains) == (7, 8)


def test_items_hidden_by_a_condition_are_counted_hidden_not_missing() -> None:
    form = BY_ID["alpha-nl"]
    answers = full_answers(form, lowest_value(form))  # no partner: two partner items hidden
    shown = visibility(form, answers)
    relationship = score(form, {k: v for k, v in answers.items() if shown[k]}
                         ).outcome("discuss", "relationship")
    assert relationship.completeness.items_hidden >= 2
    assert relationship.completeness.items_missing == 0


def test_score_json_says_incomplete_with_the_counts() -> None:
    data = score(BY_ID["prespark"], {}).to_json()
    risk = next(o for o in data["outcomes"] if o["outcome_id"] == "risk")
    assert risk["suggested"] is None and risk["status"] == "incomplete"
    assert risk["no_suggestion"] == "incomplete (0 of 13 domains answered)"
    assert risk["completeness"]["domains_missing"] == 13
    json.dumps(data)  # plain data


# ----- the form's minimum -----------------------------------------------------------------------

FORM = TINY_HEAD + """\
matrix:
  - {key: a, type: scale, scale: s, step: p, text: {nl: A}, allow_decline: true}
domains:
  - {id: d1, title: {nl: D1}}
  - {id: d2, title: {nl: D2}}
  - {id: d3, title: {nl: D3}}
outcomes:
  - id: o
    title: {nl: O}
    levels: [laag, hoog]
    default: laag
    MINIMUM
    rules:
      - id: r
        level: hoog
        explain: {nl: R}
        when: [{count: {keys: [a], op: ge, value: 2}, at_least: 1}]
"""


def tiny(minimum: str) -> Form:
    return load_form_text(FORM.replace("MINIMUM", minimum)).form


def test_a_declared_minimum_of_domains_gives_a_partial_level_above_it() -> None:
    form = tiny("minimum: {domains: 2}")
    assert score(form, {"d1.a": 1}).outcome("o").suggestion is None
    partial = score(form, {"d1.a": 1, "d2.a": 2}).outcome("o")
    assert partial.suggestion == "hoog" and partial.status == "partial"
    declined = score(form, {"d1.a": 1, "d2.a": DECLINED}).outcome("o")
    assert declined.suggestion is None
    assert score(form, {"d1.a": 1, "d2.a": 1, "d3.a": 1}).outcome("o").status == "complete"


def test_the_default_minimum_is_every_counted_domain() -> None:
    form = tiny("")
    assert form.outcomes[0].minimum.domains == "all"
    assert score(form, {"d1.a": 2, "d2.a": 2}).outcome("o").suggestion is None


@pytest.mark.parametrize(("minimum", "fragment"), [
    ("minimum: {domains: 4}", "minimum of 4 answered domains in outcome 'o' cannot be met"),
    ("minimum: {domains: 0}", "minimum domains must be 1 or more"),
    ("minimum: {domains: some}", "minimum.domains"),
    ("minimum: {items: 2}", "unknown key 'items'"),
])
def test_the_loader_checks_the_declared_minimum(minimum: str, fragment: str) -> None:
    with pytest.raises(FormError) as info:
        load_form_text(FORM.replace("MINIMUM", minimum), "t.yaml")
    problems = info.value.problems
    assert len(problems) == 1 and fragment in problems[0].message, problems
    assert problems[0].line == 23  # the line of the minimum


# ----- fewer answers ----------------------------------------------------------------------------


def _ratings(form: Form) -> list[tuple[str, list[int]]]:
    return [(full_id, form.scale(item.scale).values()) for full_id, _, item in form.all_items()
            if item.type in (ItemType.SCALE, ItemType.CHOICE) and item.scale]


@st.composite
def answers_and_fewer(draw: st.DrawFn) -> tuple[str, dict[str, AnswerValue],
                                                dict[str, AnswerValue]]:
    """A shipped form's id, a full answer set, and the same set with some answers taken away
    or declined."""
    form = BY_ID[draw(st.sampled_from(sorted(BY_ID)))]
    full: dict[str, AnswerValue] = {}
    for full_id, _, item in form.all_items():
        if item.type in (ItemType.SCALE, ItemType.CHOICE):
            full[full_id] = draw(st.sampled_from(form.scale(item.scale or "").values()))
        elif item.type == ItemType.YES_NO:
            full[full_id] = draw(st.booleans())
    keys = sorted(full)
    gone = draw(st.sets(st.sampled_from(keys), min_size=1, max_size=len(keys)))
    declined = draw(st.booleans())
    fewer = dict(full)
    for key in gone:
        if declined and form.item_index()[key][1].allow_decline:
            fewer[key] = DECLINED
        else:
            del fewer[key]
    return form.id, full, fewer


@settings(max_examples=300, deadline=None)
@given(answers_and_fewer())
def test_fewer_answers_never_give_a_more_reassuring_result_than_incomplete(
        case: tuple[str, dict[str, AnswerValue], dict[str, AnswerValue]]) -> None:
    form_id, full, fewer = case
    form = BY_ID[form_id]
    before, after = score(form, full), score(form, fewer)
    for outcome in form.outcomes:
        rank = {level: i for i, level in enumerate(outcome.levels)}
        for b, a in zip([r for r in before.outcomes if r.outcome_id == outcome.id],
                        [r for r in after.outcomes if r.outcome_id == outcome.id], strict=True):
            c = a.completeness
            missing = c.items_missing + c.items_declined
            if a.suggestion is None:
                assert c.status == "incomplete"
                continue
            # A level on fewer answers: the minimum is met, what is missing is said, and it
            # is never lower than the level the missing answers could have given.
            assert c.domains_answered >= c.required > 0
            assert (c.status == "complete") == (missing == 0)
            if outcome.minimum.domains == "all":
                assert missing == 0
            assert b.suggestion is not None or b.completeness.domains == 0
            if b.suggestion is None:
                continue
            if c.status == "complete":
                # every counted answer that decides is still there: the same level
                assert a.suggestion == b.suggestion
            else:
                assert rank[a.suggestion] <= rank[b.suggestion]


# ----- how it reads -----------------------------------------------------------------------------


def test_an_incomplete_result_reads_as_no_suggestion_with_the_counts() -> None:
    from instruments.result_text import counts_text, suggestion_text

    form = BY_ID["prespark"]
    risk = score(form, {}).outcome("risk")
    assert suggestion_text(form, risk, "nl") == (
        "Geen suggestie: onvolledig (0 van 13 domeinen beantwoord)")
    assert suggestion_text(form, risk, "en") == (
        "No suggestion: incomplete (0 of 13 domains answered)")
    assert counts_text(risk, "nl").startswith("0 van 13 domeinen beantwoord, 0 liever niet")


def test_a_partial_level_reads_as_at_least() -> None:
    from instruments.result_text import suggestion_text

    form = tiny("minimum: {domains: 2}")
    result = score(form, {"d1.a": 1, "d2.a": 2}).outcome("o")
    assert suggestion_text(form, result, "nl") == "hoog (ten minste; 2 van 3 domeinen beantwoord)"
    complete = score(form, {"d1.a": 1, "d2.a": 1, "d3.a": 1}).outcome("o")
    assert suggestion_text(form, complete, "nl") == "laag"


# ----- deciding on what was shown ----------------------------------------------------------------


def test_a_decision_without_a_suggestion_is_the_professionals_own_and_needs_no_reason() -> None:
    from instruments.scoring import NO_SUGGESTION, DecisionError, decide

    form = BY_ID["prespark"]
    risk = score(form, {}).outcome("risk")
    decision = decide(form, risk, "verhoogd")
    assert decision.suggested == NO_SUGGESTION
    assert not decision.had_suggestion and not decision.overridden
    complete = score(form, full_answers(form, lowest_value(form))).outcome("risk")
    assert complete.suggestion == "laag"
    with pytest.raises(DecisionError):
        decide(form, complete, "hoog")
    overridden = decide(form, complete, "hoog", reason="Zorgen bij het huisbezoek gezien")
    assert overridden.overridden and overridden.suggested == "laag"
