"""The self-report walk without Qt: her questions only, conditions live, resume and progress."""

from __future__ import annotations

import pytest

from conftest import FORMS_DIR
from instruments.loader import load_form_file
from instruments.model import Form, Respondent
from services.selfreport_flow import SelfReportFlow, parent_questions


@pytest.fixture(scope="module")
def alpha() -> Form:
    return load_form_file(FORMS_DIR / "alpha-nl-1.1.0.yaml").form


def test_only_items_of_her_own_step_become_screens(alpha: Form) -> None:
    ids = [q.item_id for q in parent_questions(alpha)]
    parent_steps = {s.id for s in alpha.steps if s.answered_by == Respondent.PARENT}
    expected = [i for i, d, item in alpha.all_items()
                if item.step in parent_steps and d.kind.value != "closing"]
    assert ids == expected
    assert "discussion.notes" not in ids and "discussion.referral_jgz" not in ids
    assert ids[0] == "childhood.childhood_hard" and ids[-1] == "help.talk_midwife"


def test_the_partner_questions_follow_only_when_she_has_a_partner(alpha: Form) -> None:
    # the midwife confirmed at hand-over that she is alone, so the safety question is asked
    flow = SelfReportFlow(alpha, {"handover.alone": True})
    flow.set_answer("relationship.has_partner", False)
    without = flow.progress("childhood.childhood_hard")[1]
    assert flow.next_after("relationship.has_partner") == "relationship.rel_afraid"
    assert flow.previous_before("relationship.rel_afraid") == "relationship.has_partner"
    flow.set_answer("relationship.has_partner", True)
    assert flow.next_after("relationship.has_partner") == "relationship.rel_worry"
    assert flow.progress("childhood.childhood_hard")[1] == without + 2


def test_the_safety_question_is_skipped_unless_she_is_confirmed_alone(alpha: Form) -> None:
    for given in ({}, {"handover.alone": False}):
        flow = SelfReportFlow(alpha, given)
        flow.set_answer("relationship.has_partner", False)
        assert flow.next_after("relationship.has_partner") == "substances.alcohol"


def test_a_resumed_form_goes_on_at_the_first_unanswered_question(alpha: Form) -> None:
    flow = SelfReportFlow(alpha, {"childhood.childhood_hard": 2,
                                  "childhood.childhood_memories": "__declined__"})
    assert flow.first_unanswered() == "childhood.childhood_unsafe"
    assert flow.answered_count() == 2


def test_back_from_the_hand_back_screen_goes_to_the_last_visible_question(alpha: Form) -> None:
    flow = SelfReportFlow(alpha, {})
    assert flow.previous_before(None) == "help.talk_midwife"
    assert flow.next_after("help.talk_midwife") is None
    assert flow.previous_before(flow.first()) is None
