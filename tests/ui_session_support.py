"""Shared setup for the session UI tests: a real store with a cheap KDF, a started session, and
a conversation view shown for the keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

from instruments.loader import LoadedForm, load_form_file
from storage.store import Store
from store_testing import FAST_KDF as CHEAP_KDF

ROOT = Path(__file__).resolve().parents[1]
MINI_FORM = ROOT / "tests" / "data" / "session_mini.yaml"
PRESPARK_FORM = ROOT / "forms" / "prespark-1.0.0.yaml"
PASSPHRASE = "een lange testzin voor de kluis"


def new_store(folder: Path) -> Store:
    return Store.create(folder / "store", PASSPHRASE, user="tester", kdf=CHEAP_KDF)


def reopen(folder: Path) -> Store:
    return Store.open(folder / "store", PASSPHRASE, user="tester")


def start(store: Store, form_file: Path = MINI_FORM, referrer: str | None = "Verloskundige Test"
          ) -> tuple[str, LoadedForm]:
    """A new client (fictional) with a draft session of `form_file`; returns the session id."""
    client = store.add_client("Testcliënt Fictief", referrer=referrer)
    loaded = load_form_file(form_file)
    return store.start_session(client.id, loaded).id, loaded


def show_for_keyboard(qtbot: Any, view: QWidget) -> None:
    """Show `view` at laptop size as the active window and wait until the keyboard focus is in
    it (windows of earlier tests may still be around)."""
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.raise_()
    view.activateWindow()

    def focus_inside() -> bool:
        widget = QApplication.focusWidget()
        return widget is not None and view.isAncestorOf(widget)

    qtbot.waitUntil(focus_inside)


def focused() -> QWidget:
    """The widget with the keyboard focus (there must be one)."""
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget
