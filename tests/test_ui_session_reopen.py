"""Reopening a completed conversation for a correction, on real widgets and a real store: it
needs a reason, is audited, keeps the completed version retrievable, and after completing again
the FHIR export says 'amended'."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from export.fhir import questionnaire_response, to_json
from export.inputs import Letterhead
from services.export_inputs import session_input
from services.session_writer import ReopenRefused
from storage.store import Store
from ui.session.view import SessionView
from ui_session_support import confirm_completion, new_store, open_view, start


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = new_store(tmp_path)
    yield store
    store.close()


def complete(qtbot: QtBot, view: SessionView, concern: int) -> None:
    for domain in ("health", "home", "support"):
        view.controller.set_answer(f"{domain}.concern", concern)
        view.controller.set_answer(f"{domain}.professional", 1)
    view.show_closing()
    panel = view.closing.panels[0]
    panel.radios[view.controller.result().outcome("risk").suggested].click()
    assert panel.confirm is not None
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.completed, timeout=2000):
        confirm_completion(qtbot, view, view.closing.finish)


def fhir_status(store: Store, session_id: str) -> str:
    record = store.get_session(session_id)
    data = json.loads(to_json(questionnaire_response(session_input(store, record, Letterhead("", "")))))
    return str(data["status"])


def test_reopening_for_a_correction_keeps_the_first_version_and_exports_as_amended(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    assert not view.closing.reopen_button.isVisible()  # a draft is corrected by just editing
    complete(qtbot, view, concern=2)
    first = store.get_session(session_id)
    assert fhir_status(store, session_id) == "completed"

    assert view.closing.reopen_button.isVisible()
    qtbot.mouseClick(view.closing.reopen_button, Qt.MouseButton.LeftButton)
    dialog = view.reopen_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.reopen_button.isEnabled()  # no reason, no reopening
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # Enter: the default is cancel
    assert store.get_session(session_id).state == "completed"
    qtbot.mouseClick(view.closing.reopen_button, Qt.MouseButton.LeftButton)
    dialog = view.reopen_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "Zorgen bij Wonen verkeerd ingevoerd")
    with qtbot.waitSignal(view.reopened, timeout=2000) as reopened:
        qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    assert reopened.args == [session_id]
    record = store.get_session(session_id)
    assert record.state == "draft" and record.corrected
    view.shutdown()
    view.close()

    again = open_view(qtbot, store, session_id)  # as the router builds it again: editable
    assert not again.controller.completed
    assert again.closing.versions_note.isVisibleTo(again.closing)
    assert "Zorgen bij Wonen verkeerd ingevoerd" in again.closing.versions_note.text()
    assert "versie 1" in again.closing.versions_note.text()
    complete(qtbot, again, concern=1)

    (kept,) = store.session_versions(session_id)
    assert kept.version == 1 and kept.reason == "Zorgen bij Wonen verkeerd ingevoerd"
    assert kept.answers == first.answers and kept.decisions == first.decisions
    assert kept.reopened_by == "tester"
    now = store.get_session(session_id)
    assert now.state == "completed" and now.answers["home.concern"] == 1
    assert fhir_status(store, session_id) == "amended"
    actions = [e.action for e in store.audit_events(now.client_id)]
    assert "reopen_session" in actions
    again.shutdown()


def test_a_draft_or_a_reopening_without_reason_is_refused(
        qtbot: QtBot, store: Store) -> None:
    session_id, _ = start(store)
    view = open_view(qtbot, store, session_id)
    with pytest.raises(ReopenRefused):
        view.controller.reopen_for_correction("Reden")  # still a draft
    complete(qtbot, view, concern=1)
    with pytest.raises(ReopenRefused):
        view.controller.reopen_for_correction("   ")
    assert store.get_session(session_id).state == "completed"
    assert store.session_versions(session_id) == []
    view.shutdown()
