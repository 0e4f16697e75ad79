"""Creating the store and unlocking it through the UI (the KDF runs off the GUI thread)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt

from storage.store import Store
from ui.unlock import passphrase_acceptable, passphrase_strength
from ui_shell_support import (
    CHEAP_KDF,
    OPEN_TIMEOUT_MS,
    PASSPHRASE,
    create_store,
    make_window,
    unlock,
)


def test_passphrase_strength_grows_with_length_and_variety() -> None:
    levels = [passphrase_strength(p) for p in ("", "aaaa", "kat", "keukentafel", "rustige Keukentafel 42")]
    assert levels[0] == 0
    assert levels[1] <= levels[3] < levels[4]
    assert levels[4] >= 3
    assert not passphrase_acceptable("kort1")
    assert not passphrase_acceptable("aaaaaaaaaaaaaaaa")
    assert passphrase_acceptable(PASSPHRASE)


def test_first_start_shows_create_screen_whose_button_waits_for_a_strong_confirmed_passphrase(
    qtbot, tmp_path: Path
) -> None:
    window = make_window(qtbot, tmp_path)
    page = window.create_page
    assert window.current_screen() is page
    assert window.windowTitle() == "Samenspraak — Opslag aanmaken"
    assert not page.button.isEnabled()

    qtbot.keyClicks(page.passphrase, "kat")
    assert "te zwak" in page.strength_label.text()
    assert not page.button.isEnabled()

    page.passphrase.setText(PASSPHRASE)
    assert page.strength_bar.value() >= 3
    qtbot.keyClicks(page.confirm, "rustige")
    assert page.match_label.text() == "De wachtwoordzinnen zijn niet gelijk."
    assert not page.button.isEnabled()
    page.confirm.setText(PASSPHRASE)
    assert page.button.isEnabled()


def test_creating_the_store_by_keyboard_runs_the_kdf_off_the_gui_thread_and_opens_clients(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    threads: list[threading.Thread] = []
    real_create = Store.create.__func__  # type: ignore[attr-defined]

    def spying_create(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real_create(cls, *args, **kwargs)

    monkeypatch.setattr(Store, "create", classmethod(spying_create))
    window = make_window(qtbot, tmp_path)
    page = window.create_page
    page.passphrase.setFocus()
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert page.confirm.hasFocus() or window.focusWidget() is page.confirm
    qtbot.keyClicks(page.confirm, PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=OPEN_TIMEOUT_MS):
        qtbot.keyClick(page.confirm, Qt.Key.Key_Return)
        assert page.busy.isVisibleTo(page)  # busy indicator while the KDF runs
    assert threads and threads[0] is not threading.main_thread()
    assert window.current_screen() is window.list_page
    assert window.windowTitle() == "Samenspraak — Cliënten"
    assert Store.exists(tmp_path / "store")


def test_wrong_passphrase_is_refused_clearly_and_the_right_one_then_reports_failed_attempts(
    qtbot, tmp_path: Path
) -> None:
    folder = tmp_path / "store"
    Store.create(folder, PASSPHRASE, kdf=CHEAP_KDF).close()
    window = make_window(qtbot, tmp_path)
    page = window.unlock_page
    assert window.current_screen() is page
    assert window.windowTitle() == "Samenspraak"

    for attempt in ("verkeerde zin", "nog een verkeerde"):
        page.passphrase.setText(attempt)
        page.button.click()
        assert page.op is not None
        qtbot.waitUntil(lambda: not page.op.running, timeout=OPEN_TIMEOUT_MS)
        assert page.error.isVisible()
        assert page.error.text().startswith("Deze wachtwoordzin klopt niet")
        assert window.current_screen() is page
        assert window.is_locked
        assert page.passphrase.isEnabled()
        page.error.hide()

    unlock(qtbot, window)
    assert window.current_screen() is window.list_page
    banner = window.list_page.banner
    assert banner.isVisible()
    assert "2 keer een verkeerde wachtwoordzin" in banner.text()


def test_good_unlock_without_failed_attempts_shows_no_warning(qtbot, tmp_path: Path) -> None:
    Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF).close()
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    assert window.list_page is not None
    assert not window.list_page.banner.isVisible()


def test_create_then_lock_then_unlock_with_the_same_passphrase(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    create_store(qtbot, window)
    window.lock()
    assert window.current_screen() is window.unlock_page
    assert window.unlock_page.locked_note.isVisible()
    unlock(qtbot, window)
    assert not window.is_locked


def test_an_unlock_that_had_to_tighten_the_store_folder_says_so_in_the_app(
        qtbot, tmp_path: Path) -> None:
    import os

    Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF).close()
    os.chmod(tmp_path / "store", 0o755)  # someone loosened the folder since
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    banner = window.list_page.banner
    assert banner.isVisible() and "alleen u kunt ze nu lezen" in banner.text()
    assert os.stat(tmp_path / "store").st_mode & 0o777 == 0o700
