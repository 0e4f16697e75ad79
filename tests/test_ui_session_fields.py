"""Number and multi-choice questions in the conversation, driven on real widgets and a real
store (the example home-visit form): typed, refused with a reason, saved, read back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from pytestqt.qtbot import QtBot

from instruments.paths import example_forms_dir
from storage.store import Store
from ui.session.answer_fields import MultiChoiceEditor, NumberEditor
from ui.session.domain_page import DomainPage
from ui_session_support import focused, new_store, open_view, reopen, start

VISIT = example_forms_dir() / "voorbeeld-huisbezoek-0.2.0.yaml"
WEEKS = "zwangerschap.weeks"
CIGARETTES = "zwangerschap.cigarettes"
TOPICS = "onderwerpen.mother_topics"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = new_store(tmp_path)
    yield store
    store.close()


def number(view: object, item_id: str) -> NumberEditor:
    editor = view.rows[item_id].editor  # type: ignore[attr-defined]
    assert isinstance(editor, NumberEditor)
    return editor


def stored(store: Store, session_id: str) -> dict[str, object]:
    return dict(store.get_session(session_id).answers)


def test_a_typed_number_is_saved_on_enter_and_enter_then_moves_on(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store, VISIT)
    view = open_view(qtbot, store, session_id)
    weeks = number(view, WEEKS)
    assert focused() is weeks.line  # the first question of the page takes the keyboard
    qtbot.keyClicks(weeks.line, "24")
    qtbot.keyClick(weeks.line, Qt.Key.Key_Return)
    assert stored(store, session_id)[WEEKS] == 24
    assert view.rows[WEEKS].status.text() == "✓ opgeslagen"
    page = view.current_page()
    assert isinstance(page, DomainPage) and page.domain.id == "onderwerpen"
    view.shutdown()


def test_a_number_out_of_range_is_refused_with_a_dutch_reason_and_not_saved(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store, VISIT)
    view = open_view(qtbot, store, session_id)
    weeks = number(view, WEEKS)
    qtbot.keyClicks(weeks.line, "50")
    qtbot.keyClick(weeks.line, Qt.Key.Key_Return)
    assert WEEKS not in stored(store, session_id)
    assert weeks.message.isVisible()
    assert weeks.message.text() == "Dit getal kan niet. Vul een getal in van 4 tot en met 42 weken."
    assert "Niet opgeslagen" in view.rows[WEEKS].status.text()
    page = view.current_page()
    assert isinstance(page, DomainPage) and page.domain.id == "zwangerschap"  # Enter stayed
    assert focused() is weeks.line and weeks.text() == "50"  # what she typed is kept
    # Screen readers hear the reason with the field.
    iface = QAccessible.queryAccessibleInterface(weeks.line)
    assert "Dit getal kan niet" in iface.text(QAccessible.Text.Description)
    weeks.line.selectAll()
    qtbot.keyClicks(weeks.line, "12,5")
    qtbot.keyClick(weeks.line, Qt.Key.Key_Return)
    assert weeks.message.text().startswith("Vul een heel getal in")
    assert WEEKS not in stored(store, session_id)
    weeks.line.selectAll()
    qtbot.keyClicks(weeks.line, "12")
    qtbot.keyClick(weeks.line, Qt.Key.Key_Return)
    assert stored(store, session_id)[WEEKS] == 12
    assert not weeks.message.isVisible()
    view.shutdown()


def test_a_number_is_read_back_from_the_draft_with_its_unit_and_can_be_cleared(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    session_id, _ = start(store, VISIT)
    view = open_view(qtbot, store, session_id)
    cigarettes = number(view, CIGARETTES)
    cigarettes.line.setFocus()
    qtbot.keyClicks(cigarettes.line, "12")
    qtbot.keyClick(cigarettes.line, Qt.Key.Key_Up)  # leaving the field saves it
    assert focused() is number(view, WEEKS).line
    assert stored(store, session_id)[CIGARETTES] == 12
    view.shutdown()
    store.close()
    again = reopen(tmp_path)
    try:
        view = open_view(qtbot, again, session_id)
        cigarettes = number(view, CIGARETTES)
        assert cigarettes.text() == "12"
        assert cigarettes.unit.text() == "sigaretten per dag"
        assert view.rows[CIGARETTES].status.text() == "✓ opgeslagen"
        iface = QAccessible.queryAccessibleInterface(cigarettes.line)
        assert iface.text(QAccessible.Text.Name) == \
            "Hoeveel sigaretten rookt u op een dag? (sigaretten per dag)"
        cigarettes.line.setFocus()
        cigarettes.line.clear()
        qtbot.keyClick(cigarettes.line, Qt.Key.Key_Up)
        assert CIGARETTES not in stored(again, session_id)  # empty field: no answer
        view.shutdown()
    finally:
        again.close()


def test_rather_not_say_on_a_number_is_saved_as_declined(qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store, VISIT)
    view = open_view(qtbot, store, session_id)
    cigarettes = number(view, CIGARETTES)
    assert cigarettes.decline is not None
    qtbot.mouseClick(cigarettes.decline, Qt.MouseButton.LeftButton)
    assert stored(store, session_id)[CIGARETTES] == "__declined__"
    assert not cigarettes.line.isEnabled()
    view.shutdown()


def test_multi_choice_boxes_save_the_list_read_it_back_and_none_ticked_is_no_answer(
        qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    session_id, _ = start(store, VISIT)
    view = open_view(qtbot, store, session_id)
    view.go_next()
    editor = view.rows[TOPICS].editor
    assert isinstance(editor, MultiChoiceEditor)
    assert focused() is editor.boxes[1]  # the page's first question: its first box
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # Slapen
    qtbot.keyClick(focused(), Qt.Key.Key_4)  # Geld, by its number
    assert stored(store, session_id)[TOPICS] == [1, 4]
    assert editor.boxes[4].hasFocus()
    iface = QAccessible.queryAccessibleInterface(editor)
    assert iface.role() == QAccessible.Role.Grouping
    assert iface.text(QAccessible.Text.Name) == "Kies wat u wilt bespreken."
    box = QAccessible.queryAccessibleInterface(editor.boxes[4])
    assert box.role() == QAccessible.Role.CheckBox and box.state().checked
    view.shutdown()
    store.close()
    again = reopen(tmp_path)
    try:
        view = open_view(qtbot, again, session_id)
        editor = view.rows[TOPICS].editor
        assert isinstance(editor, MultiChoiceEditor)
        assert editor.values() == [1, 4]
        editor.boxes[1].setChecked(False)
        assert stored(again, session_id)[TOPICS] == [4]
        editor.boxes[4].setChecked(False)
        assert TOPICS not in stored(again, session_id)  # nothing ticked: the question is open
        assert view.rows[TOPICS].status.text() == ""
        view.show_together()
        view.shutdown()
    finally:
        again.close()


def test_the_closing_page_and_together_view_show_numbers_with_units_and_choices_by_label(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store, VISIT)
    view = open_view(qtbot, store, session_id)
    view.controller.set_answer(CIGARETTES, 12)
    view.controller.set_answer(TOPICS, [4, 1])
    model = view.together.model
    view.show_together()
    cells = [str(model.data(model.index(r, c))) for r in range(model.rowCount())
             for c in range(model.columnCount())]
    assert "12 sigaretten per dag" in cells
    assert "Slapen, Geld" in cells
    view.show_closing()
    view.shutdown()
