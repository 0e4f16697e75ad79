"""Shared setup for the session UI tests: a real store with a cheap KDF, a started session, and
a conversation view shown for the keyboard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QRadioButton, QWidget

from instruments.answers import AnswerValue
from instruments.model import ItemType
from services_support import (
    CHEAP_KDF,
    MINI_FORM,
    PASSPHRASE,
    PRESPARK_FORM,
    ROOT,
    new_store,
    reopen,
    start,
)
from ui.session.answer_cards import ActionsEditor, TextEditor
from ui.session.closing_page import ClosingPage
from ui.session.domain_page import DomainPage
from ui.session.view import SessionView

__all__ = ["CHEAP_KDF", "MINI_FORM", "PASSPHRASE", "PRESPARK_FORM", "ROOT", "complete_by_keyboard",
           "confirm_completion", "editor_item", "focused", "new_store", "open_view", "reopen", "show_for_keyboard", "start",
           "walk_prespark_by_keyboard"]


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


def open_view(qtbot: Any, store: Any, session_id: str) -> SessionView:
    """The session's conversation screen, opened once and shown for keyboard use."""
    from services.opened_session import open_session

    view = SessionView(open_session(store, session_id), "nl")
    show_for_keyboard(qtbot, view)
    return view


def focused() -> QWidget:
    """The widget with the keyboard focus (there must be one)."""
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def confirm_completion(qtbot: Any, view: Any, finish: QWidget) -> None:
    """Press the page's finish button, then the confirmation's explicit complete button."""
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    dialog = view.finish_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)


def complete_by_keyboard(qtbot: Any, view: Any) -> None:
    """From the focused finish button: Enter asks, Tab from 'back' to the explicit complete
    button, Space completes."""
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    dialog = view.finish_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.back_button.hasFocus)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.confirm_button
    qtbot.keyClick(focused(), Qt.Key.Key_Space)


DIGIT = {n: getattr(Qt.Key, f"Key_{n}") for n in range(10)}


def editor_item(view: SessionView, widget: QWidget) -> str:
    """The item id of the row whose editor holds `widget`."""
    for item_id, row in view.rows.items():
        if row.editor is widget or row.editor.isAncestorOf(widget):
            return item_id
    raise AssertionError(f"focus is not on an answer editor: {widget!r}")


def walk_prespark_by_keyboard(qtbot: Any, view: SessionView) -> tuple[dict[str, AnswerValue], str]:
    """Answer all 13 preSPARK domains and confirm the suggested risk, by keyboard alone.
    Returns the answers given and the suggestion; focus ends on the finish button."""
    form = view.controller.form
    expected: dict[str, AnswerValue] = {}
    counted = form.counted_domains()
    assert len(counted) == 13
    for n, domain in enumerate(counted):
        page = view.current_page()
        assert isinstance(page, DomainPage) and page.domain.id == domain.id
        assert view.progress_label.text() == f"Domein {n + 1} van 13"
        # Walk the visible items of the domain with the keyboard, answering each one.
        seen: set[str] = set()
        while True:
            item_id = editor_item(view, focused())
            if item_id in seen or not item_id.startswith(domain.id + "."):
                break
            seen.add(item_id)
            item = view.controller.index[item_id][1]
            widget = focused()
            if item.type == ItemType.SCALE:
                value = 1 + (n + len(seen)) % 5
                qtbot.keyClick(widget, DIGIT[value])
                expected[item_id] = value
            elif item.type == ItemType.YES_NO:
                qtbot.keyClick(widget, DIGIT[1])  # 1 = ja
                expected[item_id] = True
            elif item.type == ItemType.CHOICE:
                qtbot.keyClick(widget, DIGIT[2])
                assert isinstance(view.controller.answer(item_id), int)
                expected[item_id] = view.controller.answer(item_id)  # type: ignore[assignment]
            elif item.type == ItemType.ACTIONS:
                if n % 4 == 0:
                    qtbot.keyClicks(widget, f"Afspraak {n}")
                    qtbot.keyClick(widget, Qt.Key.Key_Return)
                    expected[item_id] = [f"Afspraak {n}"]
            elif item.type == ItemType.TEXT and n % 6 == 0:
                qtbot.keyClicks(widget, f"Notitie {n}")
                expected[item_id] = f"Notitie {n}"
            if item_id in expected:
                assert view.rows[item_id].status.property("state") == "saved" or \
                    item.type == ItemType.TEXT
            # Tab leaves a text box (and saves it); the other editors move on with Down.
            key = Qt.Key.Key_Tab if item.type in (ItemType.TEXT, ItemType.ACTIONS) \
                else Qt.Key.Key_Down
            before = focused()
            qtbot.keyClick(before, key)
            if item.type == ItemType.ACTIONS and isinstance(focused().parent(), ActionsEditor):
                qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # past the list of rows
            if focused() is before:
                break
        assert {f"{domain.id}.concern", f"{domain.id}.need_now",
                f"{domain.id}.professional"} <= seen
        qtbot.keyClick(focused(), Qt.Key.Key_PageDown)

    closing = view.current_page()
    assert isinstance(closing, ClosingPage)
    suggested = view.controller.result().outcome("risk").suggested
    # Focus starts on the weighing: type the first factor, Tab through the others (and past
    # "Toon suggestie") to the levels, none of them preselected; pick the suggested one with
    # Space and the arrow keys, Tab to the reason, Tab to the button, Enter.
    first = closing.bodies[0].first_editor()
    assert isinstance(first, TextEditor) and first.box.hasFocus()
    factor_id = editor_item(view, first)
    qtbot.keyClicks(first.box, "Steunende familie")
    expected[factor_id] = "Steunende familie"
    for _ in range(len(closing.bodies[0].rows) + 2):
        if isinstance(focused(), QRadioButton):
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    radios = closing.panels[0].radios
    assert isinstance(focused(), QRadioButton)
    assert not any(radio.isChecked() for radio in radios.values())
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    for _ in radios:
        if radios[suggested].isChecked():
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Right)
    assert focused() is radios[suggested] and radios[suggested].isChecked()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is closing.panels[0].confirm
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert focused() is closing.finish
    return expected, suggested
