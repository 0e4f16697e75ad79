"""What the confirmation before completing lists, without widgets: counted domains not
answered or declined, decisions not recorded, consent not recorded for the referrer and the
record; only a missing decision refuses completion."""

from __future__ import annotations

from pathlib import Path

import pytest

from export.consent import KIND_REFERRER
from instruments.answers import DECLINED, AnswerValue
from instruments.loader import load_form_file
from services.completion_check import JGZ_RECORD, open_domains
from services.conversation import CompletionRefused, SessionController
from services.session_writer import SessionWriter
from services_support import MINI_FORM, new_store, start


def controller_for(tmp_path: Path) -> SessionController:
    store = new_store(tmp_path)
    session_id, loaded = start(store)
    return SessionController(SessionWriter(store, store.get_session(session_id), loaded.form))


def domain_ids(domains: tuple) -> list[str]:  # type: ignore[type-arg]
    return [d.id for d in domains]


def test_an_empty_draft_lists_every_domain_the_decision_and_both_consents(
        tmp_path: Path) -> None:
    c = controller_for(tmp_path)
    check = c.completion_check()
    assert domain_ids(check.unanswered) == ["health", "home", "support"]
    assert check.undecided == (("risk", None),)
    assert check.no_referrer_consent and check.no_record_consent
    assert not check.may_complete and check.anything_missing


def test_a_declined_answer_is_listed_apart_and_texts_never_count() -> None:
    form = load_form_file(MINI_FORM).form
    answers: dict[str, AnswerValue] = {}
    for domain in ("health", "home", "support"):
        answers[f"{domain}.concern"] = 1
        answers[f"{domain}.professional"] = 1
    answers["home.concern"] = DECLINED  # as a form that allows it would store it
    unanswered, declined = open_domains(form, answers)
    assert [d.id for d in unanswered] == []  # notes and actions are left empty: not counted
    assert [d.id for d in declined] == ["home"]


def test_with_the_decision_and_both_consents_nothing_is_missing(tmp_path: Path) -> None:
    c = controller_for(tmp_path)
    for domain in ("health", "home", "support"):
        c.set_answer(f"{domain}.concern", 1)
        c.set_answer(f"{domain}.professional", 1)
    c.decide("risk", None, c.result().outcome("risk").suggested)
    c.add_consent("Moeder", "Verloskundige Test", "gesprek,uitkomst")
    assert c.completion_check().no_referrer_consent  # not recorded as the referrer's consent
    c.add_consent("Moeder", "Verloskundige Test", "gesprek,uitkomst", KIND_REFERRER)
    assert not c.completion_check().no_referrer_consent
    assert c.completion_check().no_record_consent
    c.add_consent("Moeder", JGZ_RECORD, "gesprek,uitkomst,domeinen")
    check = c.completion_check()
    assert check.may_complete and not check.anything_missing


def test_completion_without_the_professionals_decision_is_refused(tmp_path: Path) -> None:
    c = controller_for(tmp_path)
    for domain in ("health", "home", "support"):
        c.set_answer(f"{domain}.concern", 1)
        c.set_answer(f"{domain}.professional", 1)
    with pytest.raises(CompletionRefused):
        c.complete()
    assert c.store.get_session(c.session_id).state == "draft"
    assert not c.completion_check().may_complete
