"""The multidisciplinary GIZ factor panel shows each named participant's own view beside the
shared conclusion: two participants give different views on one factor by keyboard, both are
saved in their names and shown again after the store is reopened, and the conclusion (what the
triangle and the suggestion read) is independent of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from export_support import shipped_form_file
from instruments.loader import load_form_file
from instruments.participant_views import ParticipantView
from services.opened_session import open_session as read_session
from storage.store import Store
from ui.giz.view import GizView
from ui.session.answer_cards import ChoiceEditor
from ui_session_support import CHEAP_KDF, focused, show_for_keyboard

PASSPHRASE = "ieder zijn eigen kijk op de factor"
SANNE, PIETER = "Sanne Jansen (JGZ)", "Pieter Bakker (huisarts)"
FACTOR = "gezondheid"
STATUS = f"{FACTOR}.status"


def _session(tmp_path: Path) -> tuple[Store, str]:
    store = Store.create(tmp_path / "store", PASSPHRASE, user=SANNE, kdf=CHEAP_KDF)
    client = store.add_client("Gezin Fictief")
    sid = store.start_session(client.id, load_form_file(shipped_form_file(
        "giz-multidisciplinair"))).id
    store.save_answer(sid, "introductie.participants", f"{SANNE}\n{PIETER}", by=SANNE)
    return store, sid


def _view(qtbot: Any, store: Store, sid: str) -> GizView:
    view = GizView(read_session(store, sid), "nl")
    show_for_keyboard(qtbot, view)
    view.open_factor(FACTOR)
    qtbot.waitUntil(lambda: STATUS in view.factor_panel.view_boxes)
    return view


def _choose_by_keyboard(qtbot: Any, view: GizView, name: str, steps: int) -> None:
    """Focus the participant's status chooser and step down `steps` points with the arrow."""
    choice = view.factor_panel.view_boxes[STATUS].rows[name].choice
    choice.setFocus()
    qtbot.waitUntil(choice.hasFocus)
    for _ in range(steps):
        qtbot.keyClick(choice, Qt.Key.Key_Down)


def test_two_participants_views_are_saved_in_their_names_and_shown_after_reopening(
        qtbot: Any, tmp_path: Path) -> None:
    store, sid = _session(tmp_path)
    view = _view(qtbot, store, sid)
    box = view.factor_panel.view_boxes[STATUS]
    assert list(box.rows) == [SANNE, PIETER]
    assert box.rows[PIETER].choice.accessibleName() == f"Kijk van {PIETER}"
    assert box.rows[PIETER].note.accessibleName() == f"Toelichting van {PIETER}"

    _choose_by_keyboard(qtbot, view, SANNE, 1)  # Gaat goed
    qtbot.waitUntil(lambda: view.controller.views(STATUS).get(SANNE) == ParticipantView(1))
    note = box.rows[SANNE].note
    note.setFocus()
    qtbot.keyClicks(note, "eet en slaapt goed")
    qtbot.keyClick(note, Qt.Key.Key_Tab)  # leaving the note saves it
    qtbot.waitUntil(lambda: view.controller.views(STATUS).get(SANNE)
                    == ParticipantView(1, "eet en slaapt goed"))
    assert focused() is box.rows[PIETER].choice  # the keyboard goes on to the next person
    _choose_by_keyboard(qtbot, view, PIETER, 3)  # Zorg
    qtbot.waitUntil(lambda: view.controller.views(STATUS).get(PIETER) == ParticipantView(3))
    assert box.rows[PIETER].state.text() == "opgeslagen"
    # Nothing of this is the conclusion: the factor is still open on the triangle.
    assert view.controller.answer(STATUS) is None
    assert view.triangle.buttons[FACTOR].state == "open"

    # Tab from the last view reaches the shared conclusion, which is decided on its own.
    box.rows[PIETER].note.setFocus()
    qtbot.keyClick(box.rows[PIETER].note, Qt.Key.Key_Tab)
    conclusion = view.factor_panel.rows[STATUS].editor
    assert isinstance(conclusion, ChoiceEditor) and focused() is conclusion
    qtbot.keyClick(conclusion, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: view.controller.answer(STATUS) == 2)
    assert view.triangle.buttons[FACTOR].state == "attention"
    assert view.controller.views(STATUS) == {SANNE: ParticipantView(1, "eet en slaapt goed"),
                                             PIETER: ParticipantView(3)}
    view.shutdown()
    store.close()

    with Store.open(tmp_path / "store", PASSPHRASE, user=SANNE) as reopened:
        record = reopened.get_session(sid)
        assert record.participant_views == {STATUS: {
            SANNE: ParticipantView(1, "eet en slaapt goed"), PIETER: ParticipantView(3)}}
        assert record.answers[STATUS] == 2
        again = _view(qtbot, reopened, sid)
        rows = again.factor_panel.view_boxes[STATUS].rows
        assert rows[SANNE].choice.currentText() == "Gaat goed"
        assert rows[SANNE].note.text() == "eet en slaapt goed"
        assert rows[PIETER].choice.currentText() == "Zorg"
        assert again.factor_panel.rows[STATUS].editor.value() == 2  # type: ignore[attr-defined]
        again.shutdown()


def test_changing_the_conclusion_leaves_every_view_as_it_was(qtbot: Any,
                                                             tmp_path: Path) -> None:
    store, sid = _session(tmp_path)
    store.save_participant_view(sid, STATUS, PIETER, 3, "zorgen om groei")
    view = _view(qtbot, store, sid)
    conclusion = view.factor_panel.rows[STATUS].editor
    conclusion.setFocus()
    for digit in (Qt.Key.Key_1, Qt.Key.Key_3):
        qtbot.keyClick(conclusion, digit)
    qtbot.waitUntil(lambda: view.controller.answer(STATUS) == 3)
    view.shutdown()
    record = store.get_session(sid)
    store.close()
    assert record.participant_views == {STATUS: {PIETER: ParticipantView(3, "zorgen om groei")}}
    assert record.answers[STATUS] == 3


def test_taking_a_view_back_and_a_completed_session_shows_views_read_only(
        qtbot: Any, tmp_path: Path) -> None:
    store, sid = _session(tmp_path)
    store.save_participant_view(sid, STATUS, SANNE, 2, "")
    view = _view(qtbot, store, sid)
    _choose_by_keyboard(qtbot, view, SANNE, 0)
    choice = view.factor_panel.view_boxes[STATUS].rows[SANNE].choice
    qtbot.keyClick(choice, Qt.Key.Key_Home)  # back to "nog geen kijk"
    qtbot.waitUntil(lambda: SANNE not in view.controller.views(STATUS))
    view.shutdown()
    store.save_participant_view(sid, STATUS, PIETER, 1, "")
    store.complete_session(sid)
    done = _view(qtbot, store, sid)
    rows = done.factor_panel.view_boxes[STATUS].rows
    assert rows[PIETER].choice.currentText() == "Gaat goed"
    assert not rows[PIETER].choice.isEnabled() and rows[PIETER].note.isReadOnly()
    done.shutdown()
    store.close()
