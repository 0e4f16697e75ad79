"""Suggestions are monotonic over every shipped form: raising a rating never lowers a suggested
level and lowering one never raises it; a parent-professional difference never raises one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FORMS_DIR
from instruments.answers import AnswerValue
from instruments.completeness import counted_items
from instruments.loader import FormError, load_form_file, load_form_text, load_forms
from instruments.model import Form, ItemType
from instruments.scoring import ScoreResult, score
from tiny_forms import TINY_HEAD


def shipped_forms() -> list[Form]:
    forms, problems = load_forms([FORMS_DIR])
    assert problems == []
    return [lf.form for lf in forms]


SHIPPED = shipped_forms()
BY_ID = {f.id: f for f in SHIPPED}


def ratings(form: Form) -> list[str]:
    """Ordered answers: every scale item, and the choice items an outcome reads."""
    read = {f"{d.id}.{item.key}" for o in form.outcomes for d in form.counted_domains()
            for item in counted_items(form, o, d)}
    return [full_id for full_id, _, item in form.all_items()
            if item.type == ItemType.SCALE
            or (item.type == ItemType.CHOICE and full_id in read)]


@st.composite
def raised_pair(draw: st.DrawFn) -> tuple[str, dict[str, AnswerValue], dict[str, AnswerValue], str]:
    """A shipped form's id, an answer to every item (hidden ones too, as a draft keeps them),
    and the same answers with one rating raised."""
    form = BY_ID[draw(st.sampled_from(sorted(BY_ID)))]
    answers: dict[str, AnswerValue] = {}
    for full_id, _, item in form.all_items():
        if item.type in (ItemType.SCALE, ItemType.CHOICE):
            answers[full_id] = draw(st.sampled_from(form.scale(item.scale or "").values()))
        elif item.type == ItemType.YES_NO:
            answers[full_id] = draw(st.booleans())
    index = form.item_index()
    candidates = [i for i in ratings(form)
                  if answers[i] != form.scale(index[i][1].scale or "").values()[-1]]
    if not candidates:
        candidates = ratings(form)
    item_id = draw(st.sampled_from(candidates))
    values = form.scale(index[item_id][1].scale or "").values()
    higher = [v for v in values if isinstance(answers[item_id], int) and v > answers[item_id]]
    raised = dict(answers)
    if higher:
        raised[item_id] = draw(st.sampled_from(higher))
    return form.id, answers, raised, item_id


def levels(form: Form, result: ScoreResult) -> dict[tuple[str, str | None], int]:
    """The rank of each suggestion; a scope whose counted items are all hidden (nothing of it
    was asked) has none and is left out."""
    ranks = {o.id: {level: i for i, level in enumerate(o.levels)} for o in form.outcomes}
    out = {}
    for r in result.outcomes:
        if r.suggestion is None:
            assert r.completeness.domains == 0, (r.outcome_id, r.scope, r.completeness)
            continue
        out[(r.outcome_id, r.scope)] = ranks[r.outcome_id][r.suggestion]
    return out


@settings(max_examples=600, deadline=None)
@given(raised_pair())
def test_raising_a_rating_never_lowers_and_lowering_never_raises_a_suggestion(
        case: tuple[str, dict[str, AnswerValue], dict[str, AnswerValue], str]) -> None:
    form_id, lower, higher, item_id = case
    form = BY_ID[form_id]
    before, after = levels(form, score(form, lower)), levels(form, score(form, higher))
    for key, rank in before.items():
        if key not in after:
            continue
        # raising `item_id` (lower -> higher) never lowers; lowering it (higher -> lower)
        # never raises: the same pair read both ways
        assert after[key] >= rank, (form.id, item_id, lower[item_id], higher[item_id], key)


@pytest.mark.parametrize("form_id", ["spark18", "spark36", "spark60", "prespark"])
@pytest.mark.parametrize("domains", [1, 3, 6])
def test_a_parent_asking_advice_gets_the_same_level_whether_the_professional_rates_1_or_2(
        form_id: str, domains: int) -> None:
    form = BY_ID[form_id]
    base: dict[str, Any] = {}
    for full_id, _, item in form.all_items():
        if item.type in (ItemType.SCALE, ItemType.CHOICE):
            base[full_id] = form.scale(item.scale or "").values()[0]
        elif item.type == ItemType.YES_NO:
            base[full_id] = False
    asked = [d.id for d in form.counted_domains()][:domains]
    results = []
    for professional in (1, 2):
        answers = dict(base)
        for domain_id in asked:
            answers[f"{domain_id}.need_now"] = 3  # "persoonlijk advies"
            answers[f"{domain_id}.professional"] = professional
        results.append(score(form, answers).outcome("risk"))
    assert results[0].suggestion == results[1].suggestion == "laag"
    assert results[0].fired == results[1].fired == ()


def test_no_shipped_rule_reads_a_parent_professional_difference() -> None:
    for form in SHIPPED:
        for outcome in form.outcomes:
            for rule in outcome.rules:
                assert all(p.difference is None for p in rule.when), (form.id, rule.id)


DIFFERENCE_RULE = TINY_HEAD + """\
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
    rules:
      - id: differ
        level: hoog
        explain: {nl: verschil}
        when: [{difference: [a, b], at_least: 1}]
"""


def test_the_loader_refuses_a_rule_on_a_difference_between_ratings(tmp_path: Path) -> None:
    path = tmp_path / "tiny-1.0.0.yaml"
    path.write_text(DIFFERENCE_RULE, encoding="utf-8")
    for load in (lambda: load_form_file(path), lambda: load_form_text(DIFFERENCE_RULE, stored=False)):
        with pytest.raises(FormError) as info:
            load()
        [problem] = info.value.problems
        assert problem.line == 26
        assert "topics for the conversation" in problem.message
        assert "never a risk raiser" in problem.message


def test_a_session_taken_with_a_difference_rule_still_opens() -> None:
    old = (FORMS_DIR / "superseded" / "prespark-1.0.0.yaml").read_text(encoding="utf-8")
    form = load_form_text(old).form  # the text stored with a 1.0.0 session
    assert any(p.difference for o in form.outcomes for r in o.rules for p in r.when)
