"""What makes a page turn cheap must not change what a page shows: pages built ahead are laid
out at the size they are shown at, answer cards share drawn faces only where they look the
same, and the progress bar follows the domain."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from storage.store import Store
from ui.session.answer_cards import ChoiceEditor, Option
from ui_session_support import PRESPARK_FORM, new_store, open_view, start


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = new_store(tmp_path)
    yield store
    store.close()


def test_a_page_built_ahead_is_laid_out_at_the_size_it_is_shown_at(
        qtbot: QtBot, store: Store) -> None:
    session_id, _loaded = start(store, PRESPARK_FORM)
    view = open_view(qtbot, store, session_id)
    qtbot.waitUntil(lambda: None not in view.pages, timeout=10000)
    ahead = view.pages[3]
    assert ahead is not None and not ahead.isVisible()
    laid_out = (ahead.size(), ahead.body.width())
    view.go_to_domain(view.controller.pages[3].id)
    QApplication.sendPostedEvents()
    assert ahead.isVisible()
    assert (ahead.size(), ahead.body.width()) == laid_out
    view.shutdown()


def test_the_progress_bar_shows_the_domain_after_a_page_turn(qtbot: QtBot, store: Store) -> None:
    session_id, _loaded = start(store, PRESPARK_FORM)
    view = open_view(qtbot, store, session_id)
    first = view.progress.value()
    qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_PageDown)
    assert view.progress.value() == first + 1
    assert view.progress.updatesEnabled()
    view.shutdown()


def test_a_chosen_card_looks_chosen_and_its_neighbour_does_not(qtbot: QtBot) -> None:
    options = [Option(1, "1", "geen zorgen"), Option(2, "2", "wat zorgen")]
    editor = ChoiceEditor(options, "nl")
    twin = ChoiceEditor(options, "nl")  # same cards: drawn from the same cached faces
    for widget in (editor, twin):
        qtbot.addWidget(widget)
        widget.resize(400, 140)
        widget.show()
        qtbot.waitExposed(widget)
    plain = [card.grab().toImage() for card in editor.cards]
    editor.set_value(2)
    chosen = [card.grab().toImage() for card in editor.cards]
    assert chosen[0] == plain[0]
    assert chosen[1] != plain[1]
    assert [card.grab().toImage() for card in twin.cards] == plain
