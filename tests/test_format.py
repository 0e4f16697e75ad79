"""The form format carries the next instruments: number and multi-choice items, an age range on
every form, declared respondent roles, mean / weighted / reverse-scored outcomes and profile
charts; each checked by the loader with a positioned problem."""

from __future__ import annotations

import pytest

from conftest import FORMS_DIR
from instruments.answers import AnswerError, check_answers
from instruments.conditions import visibility
from instruments.loader import FormError, load_catalog, load_form_text, load_forms
from instruments.result_text import age_range_text, answer_text
from instruments.scoring import score

BASE = """\
id: visit
version: 1.0.0
instrument: other
languages: [nl]
title: {nl: Huisbezoek (voorbeeld)}
notice: {nl: Voorbeeld in eigen woorden}
age_range: {from_months: -9, to_months: 24}
roles:
  - {id: partner, title: {nl: Partner}, answers_as: parent}
scales:
  - id: s5
    points: [{value: 1, label: {nl: een}}, {value: 2, label: {nl: twee}}, {value: 3, label: {nl: drie}},
             {value: 4, label: {nl: vier}}, {value: 5, label: {nl: vijf}}]
  - id: topics
    points: [{value: 1, label: {nl: slapen}}, {value: 2, label: {nl: eten}}, {value: 3, label: {nl: huilen}}]
steps:
  - {id: mother, answered_by: parent, title: {nl: Moeder}}
  - {id: partner_step, answered_by: parent, role: partner, title: {nl: Partner}}
domains:
  - id: pregnancy
    title: {nl: Zwangerschap}
    items:
      - {key: weeks, type: number, step: mother, text: {nl: Hoeveel weken zwanger?},
         unit: {nl: weken}, min: 4, max: 42}
      - {key: cigarettes, type: number, step: mother, text: {nl: Sigaretten per dag},
         unit: {nl: per dag}, min: 0, max: 60, allow_decline: true}
      - {key: weight, type: number, step: mother, text: {nl: Gewicht}, unit: {nl: kg},
         min: 30, max: 200, decimals: 1}
      - {key: worries, type: multi_choice, scale: topics, step: partner_step,
         text: {nl: Waar maakt u zich zorgen over?}}
      - {key: cry_help, type: yes_no, step: partner_step, text: {nl: Hulp bij huilen?},
         show_if: {all: [{item: worries, op: eq, value: 3}]}}
      - {key: body, type: scale, scale: s5, step: mother, text: {nl: Lichaam}}
  - id: mind
    title: {nl: Gevoel}
    items:
      - {key: body, type: scale, scale: s5, step: mother, text: {nl: Gevoel}}
  - id: daily
    title: {nl: Dagelijks leven}
    items:
      - {key: body, type: scale, scale: s5, step: mother, text: {nl: Dagelijks}}
charts:
  - {id: web, kind: spider, title: {nl: Zo ervaart zij het}, key: body}
outcomes:
  - id: wellbeing
    title: {nl: Welbevinden}
    levels: [goed, aandacht]
    default: goed
    rules:
      - id: low_mean
        level: aandacht
        explain: {nl: Gemiddeld laag}
        when: [{mean: {keys: [body], weights: {body: 2}, reverse: [body]}, op: ge, value: 3.5}]
"""


def form(text: str = BASE):  # type: ignore[no-untyped-def]
    return load_form_text(text, "visit.yaml", stored=False).form


def problem(text: str) -> str:
    with pytest.raises(FormError) as info:
        load_form_text(text, "visit.yaml", stored=False)
    return str(info.value)


def test_number_items_take_numbers_in_their_range_with_their_decimals() -> None:
    f = form()
    assert check_answers(f, {"pregnancy.weeks": 12, "pregnancy.weight": 71.5}) == {
        "pregnancy.weeks": 12, "pregnancy.weight": 71.5}
    for bad, fragment in ((3, "outside 4 to 42"), (12.5, "whole number"), (True, "number"),
                          ("12", "number")):
        with pytest.raises(AnswerError, match=fragment):
            check_answers(f, {"pregnancy.weeks": bad})
    with pytest.raises(AnswerError, match="at most 1 decimals"):
        check_answers(f, {"pregnancy.weight": 71.25})
    assert check_answers(f, {"pregnancy.cigarettes": "__declined__"})
    assert answer_text(f, "pregnancy.weeks", 12, "nl") == "12 weken"


def test_multi_choice_items_take_distinct_points_and_conditions_test_what_was_chosen() -> None:
    f = form()
    assert check_answers(f, {"pregnancy.worries": [3, 1]}) == {"pregnancy.worries": [1, 3]}
    for bad in ([4], [1, 1], 2, ["slapen"]):
        with pytest.raises(AnswerError):
            check_answers(f, {"pregnancy.worries": bad})
    assert visibility(f, {"pregnancy.worries": [1, 3]})["pregnancy.cry_help"]
    assert not visibility(f, {"pregnancy.worries": [1, 2]})["pregnancy.cry_help"]
    assert answer_text(f, "pregnancy.worries", [1, 3], "nl") == "slapen, huilen"


def test_a_declared_role_answers_its_steps_as_a_base_respondent() -> None:
    f = form()
    step = f.step("partner_step")
    assert step.role == "partner" and step.answered_by.value == "parent"
    assert "names unknown role 'grandma'" in problem(BASE.replace("role: partner,", "role: grandma,"))
    assert "role 'partner' answers as parent, but step 'partner_step' is answered by professional" \
        in problem(BASE.replace("{id: partner_step, answered_by: parent",
                                "{id: partner_step, answered_by: professional"))
    assert "is a base respondent" in problem(BASE.replace("{id: partner, title", "{id: parent, title"))


def test_a_mean_with_weights_and_reverse_scoring() -> None:
    f = form()
    # reverse-scored: 1 counts as 5; weights cancel out in a mean of one key
    low = {"pregnancy.body": 1, "mind.body": 2, "daily.body": 3}
    assert score(f, low).outcome("wellbeing").suggestion == "aandacht"  # (5+4+3)/3 = 4
    high = {"pregnancy.body": 4, "mind.body": 5, "daily.body": 3}
    assert score(f, high).outcome("wellbeing").suggestion == "goed"  # (2+1+3)/3 = 2
    assert "weight or reverse scoring for 'other'" in problem(
        BASE.replace("reverse: [body]", "reverse: [other]"))
    assert "a mean predicate needs 'op'" in problem(BASE.replace("op: ge, value: 3.5", "value: 3.5"))


def test_a_sum_may_weigh_its_items() -> None:
    text = BASE.replace("mean: {keys: [body], weights: {body: 2}, reverse: [body]}, op: ge, value: 3.5",
                        "sum: {keys: [body], weights: {body: 2}}, op: ge, value: 20")
    f = form(text)
    assert score(f, {"pregnancy.body": 4, "mind.body": 3, "daily.body": 3}
                 ).outcome("wellbeing").suggestion == "aandacht"  # 2 * 10
    assert score(f, {"pregnancy.body": 4, "mind.body": 3, "daily.body": 2}
                 ).outcome("wellbeing").suggestion == "goed"  # 2 * 9


def test_charts_name_a_scale_item_and_a_spider_needs_three_domains() -> None:
    f = form()
    assert [(c.id, c.kind, c.key) for c in f.charts] == [("web", "spider", "body")]
    assert "chart names unknown item key 'nope'" in problem(BASE.replace("key: body}", "key: nope}"))
    assert "chart item 'weeks' must be a scale item" in problem(
        BASE.replace("key: body}", "key: weeks}"))
    assert "a spider chart needs at least three domains" in problem(
        BASE.replace("key: body}", "key: body, domains: [mind, daily]}"))


def test_a_number_item_needs_its_range_and_other_items_take_none() -> None:
    assert "needs its range" in problem(
        BASE.replace("unit: {nl: weken}, min: 4, max: 42}", "unit: {nl: weken}, min: 4}"))
    assert "takes no 'unit', 'min' or 'max'" in problem(
        BASE.replace("text: {nl: Lichaam}}", "text: {nl: Lichaam}, min: 1}"))


def test_an_age_range_is_checked() -> None:
    assert "must end at or after its start" in problem(
        BASE.replace("{from_months: -9, to_months: 24}", "{from_months: 24, to_months: -9}"))


def test_every_shipped_form_declares_its_ages_and_the_giz_spans_pregnancy_to_23_years() -> None:
    forms, problems = load_forms([FORMS_DIR])
    assert problems == []
    for loaded in forms:
        assert loaded.form.age_range is not None, loaded.form.id
    giz = [lf.form for lf in forms if lf.form.instrument == "giz"]
    assert len(giz) == 3
    for f in giz:
        assert f.age_range is not None
        assert (f.age_range.from_months, f.age_range.to_months) == (-9, 23 * 12)
        assert age_range_text(f.age_range, "nl") == "van 9 maanden voor de geboorte tot 23 jaar"


def test_the_catalog_offers_the_forms_that_fit_an_age_first() -> None:
    catalog, _ = load_catalog()
    fits, others = catalog.for_age(-3)
    assert {lf.form.id for lf in fits} >= {"prespark", "alpha-nl", "giz-signalering"}
    assert "spark18" in {lf.form.id for lf in others}
    fits, others = catalog.for_age(18)
    assert "spark18" in {lf.form.id for lf in fits} and "prespark" not in {lf.form.id for lf in fits}
    assert len(fits) + len(others) == len(catalog.ids())


EXAMPLES = FORMS_DIR / "examples"


def test_the_two_example_forms_load_use_the_new_format_and_are_offered_only_when_asked() -> None:
    from instruments.loader import load_form_file

    health = load_form_file(EXAMPLES / "voorbeeld-gezondheid-0.2.0.yaml").form
    visit = load_form_file(EXAMPLES / "voorbeeld-huisbezoek-0.2.0.yaml").form
    for f in (health, visit):
        assert "geen officieel instrument" in f.notice["nl"]
    assert len(health.counted_domains()) == 6 and health.charts[0].kind == "spider"
    marks = {f"{d.id}.score": 3 for d in health.counted_domains()}
    assert score(health, marks).outcome("gesprek").suggestion == "bespreken"
    assert score(health, {k: 8 for k in marks}).outcome("gesprek").suggestion == "geen"
    kinds = {item.type.value for _, _, item in visit.all_items()}
    assert {"number", "multi_choice"} <= kinds
    assert visit.step("partner").role == "partner"
    assert health.example and visit.example
    catalog, _ = load_catalog()
    assert not {"voorbeeld-gezondheid", "voorbeeld-huisbezoek"} & set(catalog.ids())
    assert not any(lf.form.example for lf in catalog.all())  # no shipped form is an example
    with_examples, problems = load_catalog(examples=True)
    assert problems == []
    assert with_examples.ids()[-2:] == ["voorbeeld-gezondheid", "voorbeeld-huisbezoek"]
    fits, _others = with_examples.for_age(18)
    assert [lf.form.id for lf in fits][-1] == "voorbeeld-huisbezoek"  # official forms first
