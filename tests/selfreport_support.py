"""Helpers for the self-report tests: a real store with a self-report session, an answer plan
for a whole form, and driving the self-report window's real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QPushButton

from conftest import FORMS_DIR
from instruments.answers import DECLINED, AnswerValue
from instruments.loader import load_form_file
from instruments.model import Form, ItemType
from services.opened_session import open_session
from storage.store import Store
from store_testing import new_store
from ui.selfreport.window import SelfReportWindow

PIN = "4821"


def make_session(folder: Path, form_file: str = "alpha-nl-1.1.0.yaml") -> tuple[Store, str]:
    """A new store (cheap KDF) with one client and a draft self-report session."""
    store = new_store(folder)
    client = store.add_client("Fictieve Cliënt")
    session = store.start_session(client.id, load_form_file(FORMS_DIR / form_file))
    return store, session.id


def planned_value(form: Form, item_id: str, n: int, *, partner: bool = True) -> AnswerValue:
    """A deterministic answer for the n-th question: declines every seventh where allowed,
    otherwise walks through the scale (yes/no alternates; `partner` answers has_partner)."""
    _domain, item = form.item_index()[item_id]
    if item_id.endswith(".has_partner"):
        return partner
    if item.allow_decline and n % 7 == 6:
        return DECLINED
    if item.type == ItemType.YES_NO:
        return n % 2 == 0
    if item.type in (ItemType.SCALE, ItemType.CHOICE) and item.scale:
        values = form.scale(item.scale).values()
        return values[n % len(values)]
    return f"antwoord {n}"


def answer_button(window: SelfReportWindow, value: AnswerValue) -> QPushButton:
    """The on-screen button that gives `value` on the current question."""
    page = window.question_page
    if value == DECLINED:
        return page.decline_button
    for button in page.answer_buttons:
        option = button.property("answer")
        if option == value and type(option) is type(value):
            return button
    raise AssertionError(f"no button for {value!r} on {window.current}")


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_window(store: Store, session_id: str, **kwargs) -> SelfReportWindow:  # type: ignore[no-untyped-def]
    window = SelfReportWindow(open_session(store, session_id), unlock_check=lambda s: s == PIN, **kwargs)
    window.resize(1366, 768)
    window.show()
    return window


def dispose(window: SelfReportWindow) -> None:
    """End of a test: let the window go (as the app does at shutdown) and close it."""
    window.release()
    window.close()
    window.deleteLater()
    # Delete it now: a hidden but living window stays the "active" one offscreen and would
    # keep the keyboard focus away from the next test's widgets.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
