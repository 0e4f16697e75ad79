"""Keyboard use everywhere, on the real window and a real store: leaving a conversation with
Escape / Alt+Left / Ctrl+W (the note being typed saved first), F6 between the page, the
session's header and the top bar, Enter on any focused button, Enter in a reason records it,
Enter on an empty action line stays put, and the keyboard map under F1."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from instruments.loader import load_form_file
from services_support import MINI_FORM
from storage.store import Store
from ui.keyboard import KEYMAP, KeyboardMapDialog
from ui.main_window import MainWindow
from ui.session.answer_cards import ActionsEditor, TextEditor
from ui.session.closing_page import ClosingPage
from ui.session.view import SessionView
from ui_shell_support import CHEAP_KDF, PASSPHRASE, make_window, unlock


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def window_in_session(qtbot: QtBot, tmp_path: Path, form: Path = MINI_FORM
                      ) -> tuple[MainWindow, SessionView]:
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Noor Visser")
        session = store.start_session(client.id, load_form_file(form))
    window = make_window(qtbot, tmp_path)
    window.resize(1366, 768)
    unlock(qtbot, window)
    window.activateWindow()
    window.open_session(session.id)
    view = window.current_screen()
    assert isinstance(view, SessionView)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and view.isAncestorOf(QApplication.focusWidget()), timeout=5000)
    return window, view


@pytest.mark.parametrize(("key", "modifier"), [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
])
def test_escape_alt_left_and_ctrl_w_leave_the_conversation_after_saving_the_note(
        qtbot: QtBot, tmp_path: Path, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    window, view = window_in_session(qtbot, tmp_path)
    session_id = view.session_id
    notes = view.rows["health.notes"].editor
    assert isinstance(notes, TextEditor)
    notes.box.setFocus()
    qtbot.keyClicks(notes.box, "Slaapt slecht")
    qtbot.keyClick(notes.box, key, modifier)
    assert window.current_screen() is window.client_page
    assert window.session_page is None
    assert window.store is not None
    assert window.store.get_session(session_id).answers["health.notes"] == "Slaapt slecht"


def test_escape_in_the_together_view_returns_to_the_domain_and_stays_in_the_conversation(
        qtbot: QtBot, tmp_path: Path) -> None:
    window, view = window_in_session(qtbot, tmp_path)
    view.show_together()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert window.current_screen() is view
    assert view.current_page() is not view.together


def test_f6_moves_between_the_page_the_close_button_and_the_top_bar(
        qtbot: QtBot, tmp_path: Path) -> None:
    window, view = window_in_session(qtbot, tmp_path)
    on_question = focused()
    qtbot.keyClick(on_question, Qt.Key.Key_F6)
    assert focused() is view.leave_button  # "Sluiten"
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert window.topbar.isAncestorOf(focused())
    assert focused() is window.topbar.clients_button  # "Cliënten"
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    assert focused() is on_question  # back where the page was left
    qtbot.keyClick(focused(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.topbar.isAncestorOf(focused())
    qtbot.keyClick(window.topbar.clients_button, Qt.Key.Key_Return)
    assert window.current_screen() is window.list_page


def test_enter_on_the_focused_close_button_leaves_the_conversation(
        qtbot: QtBot, tmp_path: Path) -> None:
    window, view = window_in_session(qtbot, tmp_path)
    qtbot.keyClick(focused(), Qt.Key.Key_F6)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert window.current_screen() is window.client_page


def test_enter_on_the_focused_new_session_button_opens_the_new_session_dialog(
        qtbot: QtBot, tmp_path: Path) -> None:
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Mila de Boer")
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    window.activateWindow()
    window.show_client(client.id)
    page = window.client_page
    assert page is not None
    page.new_button.setFocus()
    qtbot.keyClick(page.new_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.new_session_dialog is not None
                    and window.new_session_dialog.isVisible(), timeout=10000)


def test_enter_in_an_override_reason_records_the_decision(qtbot: QtBot, tmp_path: Path) -> None:
    _window, view = window_in_session(qtbot, tmp_path)
    view.show_closing()
    closing = view.current_page()
    assert isinstance(closing, ClosingPage)
    panel = closing.panels[0]
    suggested = view.controller.result().outcome("risk").suggested
    other = next(level for level in panel.radios if level != suggested)
    panel.radios[other].setChecked(True)
    assert panel.reason is not None
    panel.reason.setFocus()
    qtbot.keyClicks(panel.reason, "Zorgen over de thuissituatie")
    qtbot.keyClick(panel.reason, Qt.Key.Key_Return)
    decision = view.controller.decisions[panel.scope.key]
    assert (decision.decided, decision.reason) == (other, "Zorgen over de thuissituatie")


def test_enter_on_an_empty_action_line_never_skips_the_domain(
        qtbot: QtBot, tmp_path: Path) -> None:
    _window, view = window_in_session(qtbot, tmp_path)
    page = view.current_page()
    actions = next(row.editor for row in view.rows.values()
                   if isinstance(row.editor, ActionsEditor) and page.isAncestorOf(row))
    actions.line.setFocus()
    qtbot.keyClick(actions.line, Qt.Key.Key_Return)
    assert view.current_page() is page
    assert actions.values() == []
    qtbot.keyClicks(actions.line, "Kraamzorg bellen")
    qtbot.keyClick(actions.line, Qt.Key.Key_Return)
    assert view.current_page() is page
    assert actions.values() == ["Kraamzorg bellen"]


@pytest.mark.parametrize(("lang", "leave_text"), [("nl", "Gesprek verlaten"),
                                                  ("en", "Leave the conversation")])
def test_f1_shows_the_keyboard_map_in_the_ui_language(
        qtbot: QtBot, tmp_path: Path, lang: str, leave_text: str) -> None:
    window, view = window_in_session(qtbot, tmp_path)
    window.settings = replace(window.settings, language=lang)
    qtbot.keyClick(focused(), Qt.Key.Key_F1)
    dialog = window.keys.dialog
    assert isinstance(dialog, KeyboardMapDialog)
    qtbot.waitUntil(dialog.isVisible)
    rows = dialog.rows()
    assert len(rows) == len(KEYMAP)
    assert any(keys.startswith("Esc") and text.startswith(leave_text) for keys, text in rows)
    assert all(text and not text.startswith("keys.") for _keys, text in rows)
    assert all(keys and not keys.startswith("keys.") for keys, _text in rows)
    assert ("Spatie" if lang == "nl" else "Space") in [keys for keys, _text in rows]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.current_screen() is view  # Escape closed the map, not the conversation

