"""The main window hands a self-report (ALPHA-NL, Balansmeter) to the client: her own locked-down
window, no client data and no auto-lock behind it, back only with the store's passphrase, then
the discussion of the same session."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from conftest import FORMS_DIR
from instruments.loader import load_form_file
from selfreport_support import click, planned_value
from services.selfreport_flow import SelfReportFlow
from storage.header import read_header
from storage.store import HEADER_NAME, Store
from ui.main_window import MainWindow
from ui.selfreport.discussion import DiscussionView
from ui.selfreport.window import SelfReportWindow
from ui.selfreport_handover import HandedOutPage, SelfReportStartPage
from ui_shell_support import CHEAP_KDF, PASSPHRASE, make_window, unlock, visible_texts

CLIENT = "Yasmina Oukili"


@pytest.fixture
def client_id(tmp_path: Path) -> str:
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        return store.add_client(CLIENT).id


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, client_id: str) -> Iterator[MainWindow]:
    main = make_window(qtbot, tmp_path)
    main.activateWindow()
    unlock(qtbot, main)
    yield main
    main.shutdown()  # also lets a handed-out window go when a test failed half-way
    # Delete her window now: a hidden but living window stays the active one offscreen.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def start_by_dialog(qtbot: Any, window: MainWindow, client_id: str, form_id: str) -> None:
    window.show_client(client_id)
    window.client_page.new_button.click()
    qtbot.waitUntil(lambda: window.new_session_dialog is not None
                    and window.new_session_dialog.isVisible(), timeout=10000)
    window.new_session_dialog.select(form_id)
    window.new_session_dialog.start_button.click()


def hand_out_alpha(qtbot: Any, window: MainWindow, client_id: str) -> SelfReportWindow:
    start_by_dialog(qtbot, window, client_id, "alpha-nl")
    start = window.current_screen()
    assert isinstance(start, SelfReportStartPage)
    click(qtbot, start.give_button)
    qtbot.waitUntil(lambda: window.selfreport_window is not None
                    and window.selfreport_window.isVisible())
    return window.selfreport_window


def type_secret(qtbot: Any, her: SelfReportWindow, secret: str) -> None:
    her.request_leave()
    assert her.top.currentWidget() is her.lock_panel
    qtbot.keyClicks(her.lock_panel.field, secret)
    qtbot.keyClick(her.lock_panel.field, Qt.Key.Key_Return)


def test_hand_to_client_shows_her_window_hides_client_data_and_disarms_auto_lock(
        qtbot: Any, window: MainWindow, client_id: str) -> None:
    assert window.autolock.armed
    her = hand_out_alpha(qtbot, window, client_id)

    assert her.isModal() and her.isVisible()
    assert her.geometry().contains(window.screen().geometry())  # covers the whole screen
    assert her.stack.currentWidget() is her.language_page
    assert isinstance(window.current_screen(), HandedOutPage)
    assert window.client_page is None and window.session_page is None
    assert window.windowTitle() == "Samenspraak — Zelf invullen"
    assert not any(CLIENT in text or "Yasmina" in text for text in visible_texts(window))
    assert not window.topbar.clients_button.isVisible()
    assert not window.autolock.armed
    assert not window.autolock.check_idle(now=window.autolock.last_activity + 24 * 3600)
    assert window.store is not None


def test_locking_while_she_fills_it_in_keeps_her_window_and_her_store_open(
        qtbot: Any, window: MainWindow, client_id: str) -> None:
    her = hand_out_alpha(qtbot, window, client_id)
    her.choose_language("nl")
    her.begin()
    first = her.current
    assert first is not None
    click(qtbot, her.question_page.answer_buttons[0])

    window.lock()  # the lock button, Ctrl+L or a stray idle timer: she is not thrown out
    assert not window.is_locked
    assert window.selfreport_window is her and her.isVisible() and not her.released
    assert window.store is not None
    assert first in window.store.get_session(her.session_id).answers


def test_a_wrong_passphrase_does_not_hand_back_and_the_right_one_opens_the_discussion(
        qtbot: Any, window: MainWindow, client_id: str) -> None:
    her = hand_out_alpha(qtbot, window, client_id)
    session_id = her.session_id
    handed: list[str] = []
    her.handed_back.connect(handed.append)

    type_secret(qtbot, her, "verkeerde wachtwoordzin")
    qtbot.waitUntil(lambda: her.lock_panel.error.isVisible() and her.lock_panel.field.isEnabled(),
                    timeout=10000)
    assert handed == []
    assert her.isVisible() and window.selfreport_window is her
    assert isinstance(window.current_screen(), HandedOutPage)
    assert not window.autolock.armed

    with qtbot.waitSignal(her.handed_back, timeout=10000):
        type_secret(qtbot, her, PASSPHRASE)
    view = window.current_screen()
    assert isinstance(view, DiscussionView)
    assert view.session_id == session_id
    assert window.selfreport_window is None
    qtbot.waitUntil(lambda: not her.isVisible())
    assert window.autolock.armed
    assert window.client_page is not None and window.client_page.client_id == client_id
    assert window.topbar.clients_button.isVisible()


def test_the_passphrase_check_runs_off_the_gui_thread_without_touching_the_header(
        window: MainWindow, tmp_path: Path) -> None:
    store = window.store
    assert store is not None
    header_before = (tmp_path / "store" / HEADER_NAME).read_bytes()
    results: dict[str, bool] = {}

    def check(secret: str) -> None:
        results[secret] = store.verify_passphrase(secret)

    threads = [threading.Thread(target=check, args=(s,)) for s in (PASSPHRASE, "fout", "")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {PASSPHRASE: True, "fout": False, "": False}
    assert (tmp_path / "store" / HEADER_NAME).read_bytes() == header_before
    assert read_header(tmp_path / "store" / HEADER_NAME).failed_unlocks == 0


def test_discuss_opens_the_discussion_without_handing_over(
        qtbot: Any, window: MainWindow, client_id: str) -> None:
    start_by_dialog(qtbot, window, client_id, "balansmeter")
    start = window.current_screen()
    assert isinstance(start, SelfReportStartPage)
    assert start.give_button.isVisible() and start.discuss_button.isVisible()
    qtbot.waitUntil(lambda: start.give_button.hasFocus())  # once the dialog has gone
    qtbot.keyClick(start.give_button, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: start.discuss_button.hasFocus())
    qtbot.keyClick(start.discuss_button, Qt.Key.Key_Return)
    view = window.current_screen()
    assert isinstance(view, DiscussionView) and view.session_id == start.session_id
    assert window.selfreport_window is None and window.autolock.armed

    view.close_button.click()
    assert window.current_screen() is window.client_page


def test_reopening_a_self_report_goes_to_the_discussion_only_when_her_part_is_done(
        qtbot: Any, window: MainWindow, client_id: str) -> None:
    store = window.store
    assert store is not None
    loaded = load_form_file(FORMS_DIR / "alpha-nl-1.1.0.yaml")
    done = store.start_session(client_id, loaded)
    half = store.start_session(client_id, loaded)
    flow = SelfReportFlow(loaded.form, {})
    n = 0
    while (item_id := flow.first_unanswered()) is not None:
        value = planned_value(loaded.form, item_id, n)
        store.save_answer(done.id, item_id, value)
        flow.set_answer(item_id, value)
        if n < 3:
            store.save_answer(half.id, item_id, value)
        n += 1

    window.open_session(done.id)
    assert isinstance(window.current_screen(), DiscussionView)
    window.open_session(half.id)
    start = window.current_screen()
    assert isinstance(start, SelfReportStartPage)
    assert (start.answered, start.total) == (3, len(SelfReportFlow(
        loaded.form, store.get_session(half.id).answers).visible()))


def test_a_discussion_comes_back_as_the_discussion_after_a_lock(
        qtbot: Any, window: MainWindow, client_id: str) -> None:
    start_by_dialog(qtbot, window, client_id, "alpha-nl")
    click(qtbot, window.current_screen().discuss_button)
    session_id = window.current_screen().session_id
    window.lock()
    assert window.is_locked and window.session_page is None
    unlock(qtbot, window)
    view = window.current_screen()
    assert isinstance(view, DiscussionView) and view.session_id == session_id


def test_quitting_the_app_while_handed_out_lets_her_window_go_and_closes_the_store(
        qtbot: Any, window: MainWindow, client_id: str) -> None:
    her = hand_out_alpha(qtbot, window, client_id)
    store = window.store
    window.close()
    assert her.released and not her.isVisible()
    assert window.selfreport_window is None and window.store is None
    assert store is not None and store._closed
