"""The compiled condition plan decides visibility exactly as a plain reading of the conditions,
over every shipped form and random answers (hidden answers included), and a management row
made from just the needed answers equals the row of the whole session."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from export.inputs import SessionInput
from export.management import management_items, management_row, reduce_session
from instruments.answers import DECLINED, AnswerValue
from instruments.conditions import (
    compare,
    needed_items,
    visibility,
    visible_answers,
    visible_subset,
)
from instruments.loader import LoadedForm, load_catalog
from instruments.model import Comparison, Condition, Domain, Form, ItemType
from instruments.scoring import Decision


@cache
def shipped() -> dict[str, LoadedForm]:
    catalog, problems = load_catalog()
    assert not problems
    forms = {form_id: catalog.latest(form_id) for form_id in catalog.ids()}
    return {form_id: loaded for form_id, loaded in forms.items() if loaded is not None}


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


def reference_visibility(form: Form, answers: Mapping[str, AnswerValue]) -> dict[str, bool]:
    """The conditions read one by one in form order, item by item (no compiled plan)."""
    visible: dict[str, bool] = {}
    for full_id, domain, item in form.all_items():
        visible[full_id] = item.show_if is None or condition_holds(
            form, domain, item.show_if, answers, visible)
    return visible


@st.composite
def form_and_answers(draw: st.DrawFn) -> tuple[Form, dict[str, AnswerValue]]:
    """A shipped form with a random answer (or none, or declined) to each of its items."""
    form = shipped()[draw(st.sampled_from(sorted(shipped())))].form
    answers: dict[str, AnswerValue] = {}
    for full_id, _domain, item in form.all_items():
        if draw(st.integers(0, 4)) == 0:
            continue
        if draw(st.integers(0, 15)) == 0:
            answers[full_id] = DECLINED
        elif item.type in (ItemType.SCALE, ItemType.CHOICE) and item.scale:
            answers[full_id] = draw(st.sampled_from(form.scale(item.scale).values()))
        elif item.type == ItemType.YES_NO:
            answers[full_id] = draw(st.booleans())
        elif item.type == ItemType.ACTIONS:
            answers[full_id] = draw(st.lists(st.sampled_from(["a", "b"]), max_size=2))
        else:
            answers[full_id] = draw(st.sampled_from(["tekst", ""]))
    return form, answers


@settings(max_examples=150, deadline=None)
@given(form_and_answers(), st.data())
def test_compiled_visibility_equals_the_plain_reading(
        case: tuple[Form, dict[str, AnswerValue]], data: st.DataObject) -> None:
    form, answers = case
    assert visibility(form, answers) == reference_visibility(form, answers)
    full = visible_answers(form, answers)
    ids = [i for i, _, _ in form.all_items()]
    wanted = set(data.draw(st.lists(st.sampled_from(ids), max_size=12)))
    assert visible_subset(form, answers, wanted) == {k: v for k, v in full.items() if k in wanted}
    needed = needed_items(form, wanted)
    assert wanted <= set(needed)
    only = {k: v for k, v in answers.items() if k in needed}
    assert visible_subset(form, only, wanted) == visible_subset(form, answers, wanted)


@settings(max_examples=150, deadline=None)
@given(form_and_answers(), st.sampled_from(["nl", "en"]), st.integers(0, 3), st.booleans())
def test_a_row_from_the_needed_answers_equals_the_row_of_the_whole_session(
        case: tuple[Form, dict[str, AnswerValue]], lang: str, level: int,
        overridden: bool) -> None:
    form, answers = case
    loaded = next(lf for lf in shipped().values() if lf.form is form)
    decisions = []
    for outcome in form.outcomes:
        if outcome.decision:
            decided = (outcome.levels + ["onbekend"])[min(level, len(outcome.levels))]
            suggested = outcome.levels[0] if overridden else decided
            decisions.append(Decision(outcome.id, None, suggested, decided,
                                      "reden" if suggested != decided else None))
    when = datetime(2026, 3, 1, 9, 0)
    session = SessionInput(session_id="s", client_id="c", loaded=loaded, answers=answers,
                           decisions=tuple(decisions), created_at=when, completed_at=when)
    needed = set(management_items(form))
    only = {k: v for k, v in answers.items() if k in needed}
    assert reduce_session(form, only, decisions, lang) == management_row(session, lang)
