"""Helpers for the app-shell GUI tests: a window on a temp store with cheap KDF and temp settings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QWidget

from store_testing import FAST_KDF as CHEAP_KDF
from ui.app import make_application, make_main_window
from ui.main_window import MainWindow
from ui.settings import SettingsStore

PASSPHRASE = "rustige Keukentafel 42"
OPEN_TIMEOUT_MS = 15000


def settings_store(tmp_path: Path) -> SettingsStore:
    """Settings in a temp INI file: tests never touch the user's real QSettings."""
    return SettingsStore(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


# A professional who has filled in the first start's details (fictional).
PROFILE = {"professional": "Test Professional", "role": "jeugdverpleegkundige",
           "organisation": "JGZ Teststad", "phone": "010 000 00 00"}


def make_window(qtbot: Any, tmp_path: Path, *, profile: bool = True,
                **kwargs: Any) -> MainWindow:
    """The main window on a temp store; with `profile` the settings already hold the
    professional's details (the first start then starts at the passphrase)."""
    make_application()
    settings = settings_store(tmp_path)
    if profile and not settings.load().profile_complete:
        settings.save(replace(settings.load(), **PROFILE))
    window = make_main_window(tmp_path / "store", settings, kdf=CHEAP_KDF, **kwargs)
    qtbot.addWidget(window)
    window.show()
    return window


def create_store(qtbot: Any, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase twice on the create screen and wait until the store is open."""
    page = window.create_page
    assert window.current_screen() is page
    page.passphrase.setText(passphrase)
    page.confirm.setText(passphrase)
    with qtbot.waitSignal(window.unlocked, timeout=OPEN_TIMEOUT_MS):
        page.button.click()


def unlock(qtbot: Any, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    page = window.unlock_page
    assert window.current_screen() is page
    page.passphrase.setText(passphrase)
    with qtbot.waitSignal(window.unlocked, timeout=OPEN_TIMEOUT_MS):
        page.button.click()


def visible_texts(root: QWidget) -> list[str]:
    """Every text a person could read in the visible widgets under `root` (tables included)."""
    texts = [root.windowTitle()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QLineEdit):
            texts.append(widget.text())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for r in range(model.rowCount()):
                for c in range(model.columnCount()):
                    texts.append(str(model.index(r, c).data() or ""))
    return texts
