"""Number and multi-choice questions on her own screen (self-report): typed and refused with a
reason, saved when she moves on, several answers ticked, read back when she returns; and the
example Positieve Gezondheid-style form's 0-10 marks fit the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from instruments.loader import load_form_file
from instruments.paths import example_forms_dir
from selfreport_support import click, dispose, open_window
from storage.store import Store
from store_testing import new_store
from ui.selfreport.window import SelfReportWindow

FORM = """\
id: tiny-self
version: 1.0.0
instrument: other
mode: self_report
languages: [nl]
title: {nl: Klein}
notice: {nl: Test}
scales:
  - id: topics
    points: [{value: 1, label: {nl: Slapen}}, {value: 2, label: {nl: Eten}},
             {value: 3, label: {nl: Geld}}]
steps:
  - {id: p, answered_by: parent, title: {nl: Ouder}}
domains:
  - id: d
    title: {nl: Over u}
    items:
      - {key: weeks, type: number, step: p, min: 4, max: 42, unit: {nl: weken},
         text: {nl: Hoeveel weken bent u zwanger?}}
      - {key: topics, type: multi_choice, scale: topics, step: p,
         text: {nl: Waar wilt u over praten?}}
      - {key: last, type: yes_no, step: p, text: {nl: Klaar?}}
"""


def session(tmp_path: Path) -> tuple[Store, str]:
    path = tmp_path / "form.yaml"
    path.write_text(FORM, encoding="utf-8")
    store = new_store(tmp_path / "store")
    client = store.add_client("Fictieve Cliënt")
    return store, store.start_session(client.id, load_form_file(path)).id


def begin(window: SelfReportWindow) -> None:
    window.choose_language("nl")
    window.begin()


def test_her_number_is_refused_with_a_reason_then_saved_when_she_goes_on(
        qtbot: QtBot, tmp_path: Path) -> None:
    store, session_id = session(tmp_path)
    window = open_window(store, session_id)
    try:
        begin(window)
        page = window.question_page
        assert window.current == "d.weeks" and page.number_box.isVisible()
        assert page.number_unit.text() == "weken"
        assert page.number_hint.text() == "Een getal van 4 tot en met 42 weken."
        page.number_box.setFocus()
        qtbot.keyClicks(page.number_box, "3")
        qtbot.keyClick(page.number_box, Qt.Key.Key_Return)  # Enter is 'Volgende'
        assert window.current == "d.weeks"  # refused: she stays
        assert page.status.text() == "Dit getal kan niet. Vul een getal in van 4 tot en met 42 weken."
        assert page.status.property("state") == "error"
        assert "d.weeks" not in store.get_session(session_id).answers
        page.number_box.selectAll()
        qtbot.keyClicks(page.number_box, "20")
        click(qtbot, page.next_button)
        assert window.current == "d.topics"
        assert store.get_session(session_id).answers["d.weeks"] == 20
        click(qtbot, page.back_button)
        assert window.current == "d.weeks" and page.number_box.text() == "20"
    finally:
        dispose(window)
        store.close()


def test_she_ticks_several_topics_and_unticking_all_leaves_the_question_open(
        qtbot: QtBot, tmp_path: Path) -> None:
    store, session_id = session(tmp_path)
    window = open_window(store, session_id)
    try:
        begin(window)
        window.go_next()  # the number may stay empty
        page = window.question_page
        assert window.current == "d.topics" and len(page.answer_buttons) == 3
        slapen, _eten, geld = page.answer_buttons
        click(qtbot, geld)
        click(qtbot, slapen)
        answers = store.get_session(session_id).answers
        assert answers["d.topics"] == [1, 3]
        assert slapen.isChecked() and geld.isChecked() and slapen.text().startswith("✓")
        window.go_next()
        window.go_back()
        assert [b.isChecked() for b in page.answer_buttons] == [True, False, True]
        slapen, _eten, geld = page.answer_buttons  # the screen was built anew
        click(qtbot, slapen)
        click(qtbot, geld)
        assert "d.topics" not in store.get_session(session_id).answers
        assert window.flow.first_unanswered() == "d.weeks"
        assert not any(b.isChecked() for b in page.answer_buttons)
    finally:
        dispose(window)
        store.close()


def test_the_example_forms_eleven_marks_lie_in_one_row(qtbot: QtBot, tmp_path: Path) -> None:
    store = new_store(tmp_path / "store")
    client = store.add_client("Fictieve Cliënt")
    loaded = load_form_file(example_forms_dir() / "voorbeeld-gezondheid-0.2.0.yaml")
    session_id = store.start_session(client.id, loaded).id
    window = open_window(store, session_id)
    try:
        begin(window)
        buttons = window.question_page.answer_buttons
        assert len(buttons) == 11
        assert len({b.y() for b in buttons}) == 1  # one row, not eleven
        assert all(b.geometry().bottom() < window.question_page.height() for b in buttons)
    finally:
        dispose(window)
        store.close()
