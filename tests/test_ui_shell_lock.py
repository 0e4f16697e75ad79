"""Locking: on demand (Ctrl+L) and after idle time; no client data stays visible."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from storage.store import Store
from ui_shell_support import CHEAP_KDF, PASSPHRASE, make_window, unlock, visible_texts

NAME = "Fenna Voorbeeld"


def _window_on_client_page(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "store"
    with Store.create(folder, PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client(NAME, referrer="Verloskundigenpraktijk De Linde")
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    window.show_client(client.id)
    assert any(NAME in text for text in visible_texts(window))
    return window, client.id


def _assert_no_client_data(window) -> None:  # type: ignore[no-untyped-def]
    texts = visible_texts(window)
    assert not any(NAME in t or "De Linde" in t for t in texts)
    assert window.windowTitle() == "Samenspraak"
    assert window.client_page is None and window.list_page is None
    assert window.session_page is None
    assert window.store is None


def test_ctrl_l_locks_at_once_and_hides_every_client_detail(qtbot, tmp_path: Path) -> None:
    window, _ = _window_on_client_page(qtbot, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow() or QApplication.focusWidget() is not None)
    with qtbot.waitSignal(window.locked, timeout=2000):
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() is window.unlock_page
    assert window.unlock_page.passphrase.hasFocus()
    _assert_no_client_data(window)


def test_idle_time_past_the_setting_locks_and_hides_client_data(qtbot, tmp_path: Path) -> None:
    window, _ = _window_on_client_page(qtbot, tmp_path)
    autolock = window.autolock
    assert autolock.timeout_s == 5 * 60  # the default setting
    assert not autolock.check_idle(now=autolock.last_activity + 4 * 60)
    assert not window.is_locked
    with qtbot.waitSignal(window.locked, timeout=2000):
        # one second past the setting (x + 300 - x can round to just under 300)
        assert autolock.check_idle(now=autolock.last_activity + 5 * 60 + 1)
    _assert_no_client_data(window)


def test_the_idle_timer_itself_locks_with_a_tiny_timeout(qtbot, tmp_path: Path) -> None:
    window, _ = _window_on_client_page(qtbot, tmp_path)
    with qtbot.waitSignal(window.locked, timeout=5000):
        window.autolock.set_timeout(0.05)
        window.autolock.arm()
    _assert_no_client_data(window)


def test_user_input_counts_as_activity(qtbot, tmp_path: Path) -> None:
    window, _ = _window_on_client_page(qtbot, tmp_path)
    autolock = window.autolock
    autolock.last_activity -= 10 * 60
    assert autolock.idle_seconds() >= 10 * 60
    qtbot.keyClick(window.client_page.sessions, Qt.Key.Key_Down)
    assert autolock.idle_seconds() < 60
    assert not autolock.check_idle()


def test_locking_closes_an_open_dialog_with_typed_client_data(qtbot, tmp_path: Path) -> None:
    window, _ = _window_on_client_page(qtbot, tmp_path)
    window.show_clients()
    window.list_page.new_client()
    dialog = window.list_page.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.name.setText("Nog Niet Opgeslagen")
    window.lock()
    assert not any(d.isVisible() for d in window.findChildren(QDialog))
    assert not any("Nog Niet Opgeslagen" in t for t in visible_texts(window))
    _assert_no_client_data(window)


def test_unlocking_after_a_lock_returns_to_the_same_client(qtbot, tmp_path: Path) -> None:
    window, client_id = _window_on_client_page(qtbot, tmp_path)
    window.lock()
    unlock(qtbot, window)
    assert window.client_page is not None
    assert window.client_page.client_id == client_id
    assert window.current_screen() is window.client_page
    assert NAME not in window.windowTitle()


def test_window_title_never_holds_the_client_name(qtbot, tmp_path: Path) -> None:
    window, _ = _window_on_client_page(qtbot, tmp_path)
    titles = [window.windowTitle()]
    window.show_clients()
    titles.append(window.windowTitle())
    assert titles == ["Samenspraak — Cliënt", "Samenspraak — Cliënten"]
