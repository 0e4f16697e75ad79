"""The closing page and completing a session, on real widgets and a real store: the professional
weighs first and sees the app's suggestion only when she asks for it (remembered per
professional), "Uw oordeel" starts empty, an incomplete result says so, and completing needs a
confirmation that lists what is open and a second, explicit action."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from instruments.model import localize
from instruments.safety import safety_items
from storage.store import Store
from ui.session.closing_page import ClosingPage
from ui.session.view import SessionView
from ui.settings import SuggestionPreference
from ui_session_support import ROOT, focused, new_store, open_view, start

LEVEL_WORDS = ("laag risico", "verhoogd risico", "hoog risico")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = new_store(tmp_path)
    yield store
    store.close()


def answer_all(view: SessionView, professional_health: int = 5) -> None:
    """Every counted item of the mini form; the professional sees a need in 'Gezondheid'."""
    for domain in ("health", "home", "support"):
        view.controller.set_answer(f"{domain}.concern", 1)
        view.controller.set_answer(f"{domain}.professional", 1)
    view.controller.set_answer("health.professional", professional_health)


def to_closing(qtbot: QtBot, view: SessionView) -> ClosingPage:
    qtbot.keyClick(focused(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    closing = view.current_page()
    assert isinstance(closing, ClosingPage)
    return closing


def shown_texts(root: QWidget) -> str:
    """Every label's text that is on screen under `root` (not the level choices)."""
    return "\n".join(label.text() for label in root.findChildren(QLabel) if label.isVisible())


def decide_suggested(qtbot: QtBot, view: SessionView) -> None:
    panel = view.closing.panels[0]
    panel.radios[view.controller.result().outcome("risk").suggested].click()
    assert panel.confirm is not None
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    assert view.controller.missing_decisions() == []


def test_the_closing_page_starts_with_the_weighing_and_keeps_the_suggestion_out_of_sight(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    answer_all(view)
    closing = to_closing(qtbot, view)
    panel = closing.panels[0]
    assert view.controller.result().outcome("risk").suggestion == "verhoogd"
    on_screen = shown_texts(closing)
    assert "Suggestie" not in on_screen
    assert not any(word in on_screen for word in LEVEL_WORDS)
    assert not panel.suggestion.isVisible() and not panel.why.isVisible()
    assert not closing.show_suggestion.isChecked()
    assert not any(radio.isChecked() for radio in panel.radios.values())
    assert closing.bodies[0].isAncestorOf(focused())  # the keyboard starts on the weighing


def test_show_suggestion_reveals_it_with_why_and_is_remembered_per_professional(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    view.use_suggestion_preference(SuggestionPreference(settings, "Anna de Vries"))
    answer_all(view)
    closing = to_closing(qtbot, view)
    panel = closing.panels[0]
    qtbot.mouseClick(closing.show_suggestion, Qt.MouseButton.LeftButton)
    assert panel.suggestion.isVisible() and "verhoogd risico" in panel.suggestion.text()
    assert panel.why.isVisible() and "Gezondheid" in panel.why.text()
    assert not any(radio.isChecked() for radio in panel.radios.values())  # still her choice
    view.shutdown()
    view.close()

    for professional, shown in (("Anna de Vries", True), ("Bert Smit", False)):
        again = open_view(qtbot, store, session_id)
        again.use_suggestion_preference(SuggestionPreference(settings, professional))
        again.show_closing()
        assert again.closing.show_suggestion.isChecked() is shown
        assert again.closing.panels[0].suggestion.isVisible() is shown
        again.shutdown()
        again.close()


def test_an_incomplete_result_says_no_suggestion_with_what_is_missing(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    view.controller.set_answer("health.concern", 5)
    view.controller.set_answer("health.professional", 5)
    closing = to_closing(qtbot, view)
    panel = closing.panels[0]
    assert panel.incomplete.isVisible()
    assert panel.incomplete.text() == "Geen suggestie: onvolledig (1 van 3 domeinen beantwoord)"
    assert closing.open_note.isVisible()
    assert closing.open_note.text() == "Nog niet (volledig) beantwoord: Wonen, Steun"
    qtbot.mouseClick(closing.show_suggestion, Qt.MouseButton.LeftButton)
    assert not panel.suggestion.isVisible() and not panel.why.isVisible()  # no level to show
    assert not any(word in shown_texts(closing) for word in LEVEL_WORDS)


def test_one_click_on_record_never_records_a_confirmed_suggestion(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    answer_all(view)
    closing = to_closing(qtbot, view)
    panel = closing.panels[0]
    assert panel.confirm is not None
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    assert panel.status.property("state") == "error"
    assert "Kies eerst" in panel.status.text()
    assert store.get_session(session_id).decisions == []


def test_a_stray_enter_or_space_on_the_closing_page_or_in_the_confirmation_cannot_complete(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    answer_all(view)
    to_closing(qtbot, view)
    decide_suggested(qtbot, view)
    finish = view.closing.finish
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
        view.activateWindow()
        finish.setFocus()
        qtbot.waitUntil(finish.hasFocus)
        qtbot.keyClick(finish, key)  # on the page: only asks
        dialog = view.finish_dialog
        assert dialog is not None and dialog.isVisible()
        assert store.get_session(session_id).state == "draft"
        qtbot.waitUntil(dialog.back_button.hasFocus)
        qtbot.keyClick(focused(), key)  # in the dialog: goes back
        assert not dialog.isVisible()
        assert store.get_session(session_id).state == "draft"
        assert not view.controller.completed
    assert finish.isEnabled()


def test_the_confirmation_lists_what_is_missing_and_refuses_without_a_decision(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    view.controller.set_answer("health.concern", 2)
    view.controller.set_answer("health.professional", 2)
    to_closing(qtbot, view)
    qtbot.mouseClick(view.closing.finish, Qt.MouseButton.LeftButton)
    dialog = view.finish_dialog
    assert dialog is not None and dialog.isVisible()
    missing = dialog.missing.text()
    assert "Niet (volledig) beantwoord: Wonen, Steun" in missing
    assert "Geen oordeel vastgelegd: Totaalrisico" in missing
    assert "verwijzer is niet vastgelegd" in missing
    assert "JGZ-dossier is niet vastgelegd" in missing
    assert not dialog.confirm_button.isEnabled()
    assert "oordeel" in dialog.explain.text()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)  # disabled: nothing
    assert store.get_session(session_id).state == "draft"
    dialog.reject()
    view.complete_now()  # the service refuses as well, and the page says why
    assert store.get_session(session_id).state == "draft"
    assert view.closing.finish_status.property("state") == "error"
    assert "oordeel" in view.closing.finish_status.text()


def test_after_the_decision_and_consent_only_the_explicit_button_completes(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    answer_all(view)
    to_closing(qtbot, view)
    decide_suggested(qtbot, view)
    consent = view.closing.consent
    consent.given_by.setText("Moeder")
    consent.to_referrer.setChecked(True)
    consent.to_record.setChecked(True)
    qtbot.mouseClick(consent.record_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.closing.finish, Qt.MouseButton.LeftButton)
    dialog = view.finish_dialog
    assert dialog is not None
    assert dialog.missing.text().startswith("Alles wat meetelt is beantwoord")
    assert dialog.confirm_button.isEnabled() and not dialog.confirm_button.isDefault()
    assert dialog.back_button.isDefault()
    with qtbot.waitSignal(view.completed, timeout=2000):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert store.get_session(session_id).state == "completed"
    assert not view.closing.finish.isEnabled()


SPARK18_FORM = ROOT / "forms" / "spark18-1.1.0.yaml"


def test_a_spark_safety_yes_is_a_note_for_the_professional_and_no_cell_of_the_together_view(
        qtbot: QtBot, store: Store) -> None:
    session_id, loaded = start(store, SPARK18_FORM)
    form = loaded.form
    [safety_item] = safety_items(form)
    assert form.safety is not None
    view = open_view(qtbot, store, session_id)
    view.controller.set_answer(form.safety.gate, True)
    view.controller.set_answer(safety_item, True)
    closing = to_closing(qtbot, view)
    assert closing.safety is not None and closing.safety.isVisible()
    assert closing.safety.property("flag") is True
    question = localize(form.item_index()[safety_item][1].text, "nl")
    texts = closing.safety.texts()
    assert any(question in t and "‘ja’" in t for t in texts)
    assert any("Meldcode" in t and "Veilig Thuis" in t for t in texts)
    view.show_together()
    model = view.together.model
    shown = [str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
             for c in range(model.columnCount())]
    assert question not in shown
    assert not any(item.safety for item in model.columns)
    view.shutdown()


def test_without_the_confirmation_the_spark_closing_says_the_safety_question_was_not_asked(
        qtbot: QtBot, store: Store) -> None:
    session_id, loaded = start(store, SPARK18_FORM)
    view = open_view(qtbot, store, session_id)
    assert loaded.form.safety is not None
    view.controller.set_answer(loaded.form.safety.gate, False)
    closing = to_closing(qtbot, view)
    assert closing.safety is not None and closing.safety.isVisible()
    assert closing.safety.property("flag") is False
    assert any("niet gesteld" in t for t in closing.safety.texts())
    assert any("aan het begin van het gesprek" in t for t in closing.safety.texts())
    assert not any("overdracht" in t or " zij " in t for t in closing.safety.texts())
    assert not any("Meldcode" in t for t in closing.safety.texts())
    view.shutdown()
