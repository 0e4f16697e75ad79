"""The session screen driven like a nurse would: by keyboard, on real widgets and a real store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from services.opened_session import open_session
from storage.errors import StoreError
from storage.store import Store
from ui.session.answer_cards import ActionsEditor, ChoiceEditor, TextEditor
from ui.session.closing_page import ClosingPage
from ui.session.domain_page import DomainPage
from ui.session.together_view import TogetherView
from ui.session.view import SessionView
from ui_session_support import (
    PRESPARK_FORM,
    confirm_completion,
    editor_item,
    focused,
    new_store,
    open_view,
    reopen,
    start,
    walk_prespark_by_keyboard,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = new_store(tmp_path)
    yield store
    store.close()


def type_notes(qtbot: QtBot, view: SessionView, text: str) -> None:
    """Type `text` into the mini form's notes box."""
    notes = view.rows["health.notes"].editor
    assert isinstance(notes, TextEditor)
    notes.box.setFocus()
    qtbot.keyClicks(notes.box, text)


def test_a_complete_prespark_by_keyboard_alone_is_all_in_the_store(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    session_id, _loaded = start(store, PRESPARK_FORM)
    view = open_view(qtbot, store, session_id)
    expected, suggested = walk_prespark_by_keyboard(qtbot, view)
    closing = view.current_page()
    assert isinstance(closing, ClosingPage)
    assert focused() is closing.finish
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # asks first
    dialog = view.finish_dialog
    assert dialog is not None and dialog.isVisible()
    assert store.get_session(session_id).state == "draft"
    qtbot.waitUntil(lambda: dialog.back_button.hasFocus())
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.confirm_button
    with qtbot.waitSignal(view.completed, timeout=2000) as done:
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert done.args == [session_id]
    view.shutdown()
    store.close()

    with reopen(tmp_path) as again:
        record = again.get_session(session_id)
    assert record.state == "completed"
    assert record.answers == expected
    assert [(d.outcome_id, d.suggested, d.decided) for d in record.decisions] == [
        ("risk", suggested, suggested)]


def test_a_draft_resumes_at_the_domain_where_it_stopped(qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    qtbot.keyClick(focused(), Qt.Key.Key_PageDown)
    qtbot.keyClick(focused(), Qt.Key.Key_PageDown)
    assert view.progress_label.text() == "Domein 3 van 3"
    qtbot.waitUntil(lambda: store.get_session(session_id).position == "support")
    view.shutdown()
    view.close()

    again = open_view(qtbot, store, session_id)
    page = again.current_page()
    assert isinstance(page, DomainPage) and page.domain.id == "support"
    assert again.progress_label.text() == "Domein 3 van 3"
    assert editor_item(again, focused()) == "support.concern"


def test_a_condition_shows_and_hides_an_item_live_and_the_hidden_answer_is_not_scored(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    help_row = view.rows["health.help_needed"]
    assert help_row.isHidden()
    qtbot.keyClick(focused(), Qt.Key.Key_4)  # much concern: 'help needed?' appears
    assert help_row.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    assert focused() is help_row.editor
    qtbot.keyClick(focused(), Qt.Key.Key_J)  # ja
    assert view.rows["health.help_enough"].isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Up)
    qtbot.keyClick(focused(), Qt.Key.Key_1)  # no concern after all: both disappear
    assert help_row.isHidden() and view.rows["health.help_enough"].isHidden()
    assert store.get_session(session_id).answers["health.help_needed"] is True
    result = view.controller.result()
    assert "health.help_needed" in result.hidden_answers_ignored
    view.show_together()
    model = view.together.model
    column = 1 + [i.key for i in model.columns].index("help_needed")
    assert model.index(0, column).data() == "n.v.t."


def test_a_refused_save_is_shown_and_the_answer_is_not_shown_as_saved(
        qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)

    def refuse(*_args: object, **_kw: object) -> None:
        raise StoreError(key="store.error.database", kind="OperationalError")

    monkeypatch.setattr(store, "save_answer", refuse)
    editor = focused()
    assert isinstance(editor, ChoiceEditor)
    qtbot.keyClick(editor, Qt.Key.Key_3)
    row = view.rows["health.concern"]
    assert row.status.property("state") == "error"
    assert "Niet opgeslagen" in row.status.text()
    assert view.saved_indicator.property("state") == "error"
    assert not any(card.is_selected() for card in editor.cards)
    monkeypatch.undo()
    qtbot.keyClick(editor, Qt.Key.Key_3)
    assert row.status.property("state") == "saved"
    assert [c.option.value for c in editor.cards if c.is_selected()] == [3]
    assert store.get_session(session_id).answers == {"health.concern": 3}


def test_typed_text_is_saved_after_a_pause_and_agreed_actions_by_enter_and_delete(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    type_notes(qtbot, view, "Slaapt slecht")
    qtbot.waitUntil(lambda: store.get_session(session_id).answers.get("health.notes")
                    == "Slaapt slecht", timeout=3000)
    assert view.rows["health.notes"].status.property("state") == "saved"
    actions = view.rows["health.actions"].editor
    assert isinstance(actions, ActionsEditor)
    actions.line.setFocus()
    for text in ("Folder", "Bellen"):
        qtbot.keyClicks(actions.line, text)
        qtbot.keyClick(actions.line, Qt.Key.Key_Return)
    assert store.get_session(session_id).answers["health.actions"] == ["Folder", "Bellen"]
    assert view.current_page().domain.id == "health"  # Enter on a typed row did not move on
    actions.rows.setFocus()
    actions.rows.setCurrentRow(0)
    qtbot.keyClick(actions.rows, Qt.Key.Key_Delete)
    assert store.get_session(session_id).answers["health.actions"] == ["Bellen"]


def test_the_together_view_marks_differences_and_a_row_opens_its_domain(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    c = view.controller
    for item_id, value in {"home.need_now": 1, "home.professional": 4,
                           "support.need_now": 2, "support.professional": 3}.items():
        c.set_answer(item_id, value)
    qtbot.keyClick(focused(), Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert view.current_page() is view.together
    model = view.together.model
    diff = model.columnCount() - 1
    assert model.index(1, diff).data() == "⚠ 3 punten"
    assert model.index(1, diff).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(2, diff).data() == "1 punt"
    assert model.index(2, diff).data(Qt.ItemDataRole.BackgroundRole) is None
    table = view.together.table
    rect = table.visualRect(model.index(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = view.current_page()
    assert isinstance(page, DomainPage) and page.domain.id == "home"
    assert isinstance(view.together, TogetherView)


def test_the_closing_page_refuses_an_override_without_a_reason(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    for domain in ("health", "home", "support"):  # complete: the app has a suggestion
        view.controller.set_answer(f"{domain}.concern", 1)
        view.controller.set_answer(f"{domain}.professional", 1)
    view.controller.set_answer("health.professional", 5)
    qtbot.keyClick(focused(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    closing = view.current_page()
    assert isinstance(closing, ClosingPage)
    panel = closing.panels[0]
    qtbot.mouseClick(closing.show_suggestion, Qt.MouseButton.LeftButton)
    assert "verhoogd" in panel.suggestion.text()
    assert "Demo-drempels" in panel.demo.text() and panel.demo.isVisible()
    assert "Gezondheid" in panel.why.text()
    assert not any(radio.isChecked() for radio in panel.radios.values())  # starts empty
    panel.radios["verhoogd"].setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # Space picks, arrow keys move the pick
    qtbot.keyClick(focused(), Qt.Key.Key_Left)  # arrow keys move between the levels
    assert panel.radios["laag"].isChecked() and panel.radios["laag"].hasFocus()
    assert panel.confirm is not None
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    assert panel.status.property("state") == "error"
    assert "reden" in panel.status.text()
    assert store.get_session(session_id).decisions == []
    qtbot.mouseClick(closing.finish, Qt.MouseButton.LeftButton)
    assert store.get_session(session_id).state == "draft"
    assert panel.reason is not None
    qtbot.keyClicks(panel.reason, "Ouders hebben al hulp geregeld")
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    decision = store.get_session(session_id).decisions[-1]
    assert (decision.suggested, decision.decided) == ("verhoogd", "laag")
    assert decision.reason == "Ouders hebben al hulp geregeld"


def test_consent_is_recorded_with_who_gave_it_for_whom_and_what(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    view.show_closing()
    panel = view.closing.consent
    assert panel.referrer.text() == "Verloskundige Test"
    panel.to_referrer.setChecked(True)
    panel.scopes["domeinen"].setChecked(False)
    panel.to_record.setChecked(True)
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert panel.status.property("state") == "error"  # who gave it is missing
    assert store.consents(session_id=session_id) == []
    qtbot.keyClicks(panel.given_by, "Moeder")
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    given = {(c.recipient, c.scope, c.given_by) for c in store.consents(session_id=session_id)}
    assert given == {("Verloskundige Test", "gesprek,uitkomst", "Moeder"),
                     ("JGZ-dossier", "gesprek,uitkomst,domeinen", "Moeder")}
    assert "Verloskundige Test" in panel.recorded.text()


def test_text_still_being_typed_is_saved_when_the_view_shuts_down(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    type_notes(qtbot, view, "Net getypt")
    assert "health.notes" not in store.get_session(session_id).answers  # pause not yet over
    view.shutdown()
    assert store.get_session(session_id).answers["health.notes"] == "Net getypt"


def test_a_completed_session_opens_read_only_with_its_decision(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    qtbot.keyClick(focused(), Qt.Key.Key_2)
    for item_id in ("health.professional", "home.concern", "home.professional",
                    "support.concern", "support.professional"):  # the app has a suggestion
        view.controller.set_answer(item_id, 1)
    view.show_closing()
    panel = view.closing.panels[0]
    assert panel.confirm is not None
    panel.radios[view.controller.result().outcome("risk").suggested].click()
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.completed, timeout=2000):
        confirm_completion(qtbot, view, view.closing.finish)
    view.shutdown()
    view.close()

    again = SessionView(open_session(store, session_id), "nl")
    qtbot.addWidget(again)
    again.show()
    again.go_to_domain("health")
    editor = again.rows["health.concern"].editor
    assert isinstance(editor, ChoiceEditor) and not editor.isEnabled()
    assert [c.option.value for c in editor.cards if c.is_selected()] == [2]
    assert again.saved_indicator.text() == "Afgerond: alleen lezen"
    again.show_closing()
    assert not again.closing.finish.isEnabled()
    assert "bevestigd" in again.closing.panels[0].status.text()
