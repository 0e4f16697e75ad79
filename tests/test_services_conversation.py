"""The session controller (no widgets): answers go through the store at once, conditions hide
items without losing answers, hidden answers are not scored, decisions and completion."""

from __future__ import annotations

from pathlib import Path

import pytest

from instruments.scoring import DecisionError
from services.conversation import CompletionRefused, SaveFailed, SessionController
from services.session_writer import SessionWriter
from services_support import new_store, reopen, start
from storage.errors import StoreError


def controller_for(tmp_path: Path) -> tuple[SessionController, str]:
    store = new_store(tmp_path)
    session_id, loaded = start(store)
    return SessionController(SessionWriter(store, store.get_session(session_id), loaded.form)), session_id


def test_an_answer_is_in_the_store_as_soon_as_it_is_given(tmp_path: Path) -> None:
    c, session_id = controller_for(tmp_path)
    c.set_answer("health.concern", 4)
    c.set_answer("health.actions", ["Folder meegeven"])
    c.store.close()
    with reopen(tmp_path) as store:
        answers = store.get_session(session_id).answers
    assert answers == {"health.concern": 4, "health.actions": ["Folder meegeven"]}


def test_a_condition_hides_an_item_and_its_kept_answer_is_not_scored(tmp_path: Path) -> None:
    c, session_id = controller_for(tmp_path)
    assert not c.is_visible("health.help_needed")
    assert c.set_answer("health.concern", 3) == {"health.help_needed"}
    c.set_answer("health.help_needed", True)
    assert c.is_visible("health.help_enough")
    changed = c.set_answer("health.concern", 1)
    assert changed == {"health.help_needed", "health.help_enough"}
    assert c.store.get_session(session_id).answers["health.help_needed"] is True
    assert "health.help_needed" in c.result().hidden_answers_ignored
    assert c.visible_answer("health.help_needed") is None


def test_an_override_without_a_reason_is_refused_and_not_stored(tmp_path: Path) -> None:
    c, session_id = controller_for(tmp_path)
    for domain in ("health", "home", "support"):  # complete: the app shows a suggestion
        c.set_answer(f"{domain}.concern", 1)
        c.set_answer(f"{domain}.professional", 1)
    c.set_answer("health.professional", 5)
    assert c.result().outcome("risk").suggested == "verhoogd"
    with pytest.raises(DecisionError):
        c.decide("risk", None, "laag", "  ")
    assert c.store.get_session(session_id).decisions == []
    decision = c.decide("risk", None, "laag", "Goed netwerk, hulp loopt al")
    assert decision.overridden
    assert c.store.get_session(session_id).decisions[-1].decided == "laag"


def test_a_refused_save_keeps_nothing_and_says_why(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    c, session_id = controller_for(tmp_path)

    def refuse(*_args: object, **_kw: object) -> None:
        raise StoreError(key="store.error.database", kind="OperationalError")

    monkeypatch.setattr(c.store, "save_answer", refuse)
    with pytest.raises(SaveFailed) as caught:
        c.set_answer("health.concern", 3)
    assert str(caught.value)
    assert c.answer("health.concern") is None
    assert not c.is_visible("health.help_needed")


def test_completion_waits_for_the_decision(tmp_path: Path) -> None:
    c, session_id = controller_for(tmp_path)
    with pytest.raises(CompletionRefused):
        c.complete()
    c.decide("risk", None, c.result().outcome("risk").suggested)
    c.complete()
    assert c.store.get_session(session_id).state == "completed"
    with pytest.raises(SaveFailed):
        c.set_answer("health.concern", 2)


def test_the_position_is_stored_as_a_domain_id_and_resumed(tmp_path: Path) -> None:
    c, session_id = controller_for(tmp_path)
    c.go_to(2)
    record = c.store.get_session(session_id)
    assert record.position == "support"
    assert SessionController(SessionWriter(c.store, record, c.form)).position == 2
    c.go_to(c.closing_index)
    record = c.store.get_session(session_id)
    assert SessionController(SessionWriter(c.store, record, c.form)).position == c.closing_index
