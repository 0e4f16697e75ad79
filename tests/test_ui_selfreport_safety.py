"""ALPHA-NL's protected safety question through real widgets: the midwife confirms at hand-over
that the woman is alone (saved, so it survives a restart); without that the question is skipped
and the discussion says it was not asked; a 'ja' raises a separate flag at the top of the
discussion for the professional only, never on her own screen and never as a topic line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from instruments.answers import AnswerValue
from instruments.model import localize
from selfreport_support import (
    answer_button,
    click,
    dispose,
    make_session,
    open_window,
    planned_value,
)
from services.opened_session import open_session
from storage.store import Store
from store_testing import PASS
from ui.selfreport.discussion import DiscussionView
from ui.selfreport.window import SelfReportWindow
from ui.selfreport_handover import SelfReportStartPage

SAFETY_ITEM = "relationship.rel_afraid"
GATE = "handover.alone"
# Words that belong to the professional: the flag, the Meldcode, the app's levels and verdicts.
PROFESSIONAL_WORDS = ("Veiligheid:", "Meldcode", "Veilig Thuis", "Geen bijzonderheden",
                      "risico", "Suggestie")


def shown_texts(root: QWidget) -> list[str]:
    return [label.text() for label in root.findChildren(QLabel) if label.isVisible()]


def her_walk(qtbot, window: SelfReportWindow, *, afraid: bool) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Fill in the whole self-report on her screen ('ja' on the safety question when asked).
    Returns the questions shown and every text she saw on the way."""
    seen: list[str] = []
    asked: list[str] = []
    click(qtbot, window.language_page.buttons["nl"])
    seen += shown_texts(window)
    click(qtbot, window.intro_page.start_button)
    n = 0
    while window.stack.currentWidget() is window.question_page:
        item_id = window.current
        assert item_id is not None
        asked.append(item_id)
        value: AnswerValue = afraid if item_id == SAFETY_ITEM else \
            planned_value(window.form, item_id, n)
        click(qtbot, answer_button(window, value))
        seen += shown_texts(window)
        n += 1
        click(qtbot, window.question_page.next_button)
    assert window.stack.currentWidget() is window.handback_page
    seen += shown_texts(window)
    return asked, seen


def start_page(qtbot, store: Store, session_id: str) -> SelfReportStartPage:  # type: ignore[no-untyped-def]
    page = SelfReportStartPage(open_session(store, session_id), "nl")
    qtbot.addWidget(page)
    page.show()
    return page


def discussion(qtbot, store: Store, session_id: str) -> DiscussionView:  # type: ignore[no-untyped-def]
    view = DiscussionView(open_session(store, session_id), "nl")
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    return view


def test_the_hand_over_confirmation_that_she_is_alone_is_saved_and_survives_a_restart(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, session_id = make_session(tmp_path / "store")
    page = start_page(qtbot, store, session_id)
    assert page.alone_yes is not None and page.alone_no is not None
    assert not page.alone_yes.isChecked() and not page.alone_no.isChecked()
    qtbot.mouseClick(page.alone_yes, Qt.MouseButton.LeftButton)
    assert store.get_session(session_id).answers[GATE] is True
    assert store.get_session(session_id).answered_by[GATE] == "tester"  # the professional
    page.close()
    store.close()

    with Store.open(tmp_path / "store", PASS) as again:
        page = start_page(qtbot, again, session_id)
        assert page.alone_yes is not None and page.alone_yes.isChecked()
        assert page.confirmed_alone
        window = open_window(again, session_id)
        try:
            assert SAFETY_ITEM in [q.item_id for q in window.flow.visible()]
        finally:
            dispose(window)
        page.close()


def test_without_the_confirmation_the_safety_question_is_skipped_and_said_not_asked(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, session_id = make_session(tmp_path / "store")
    page = start_page(qtbot, store, session_id)
    assert page.alone_no is not None
    qtbot.mouseClick(page.alone_no, Qt.MouseButton.LeftButton)
    assert store.get_session(session_id).answers[GATE] is False
    window = open_window(store, session_id)
    try:
        asked, _seen = her_walk(qtbot, window, afraid=True)
    finally:
        dispose(window)
    assert SAFETY_ITEM not in asked
    assert SAFETY_ITEM not in store.get_session(session_id).answers
    view = discussion(qtbot, store, session_id)
    texts = view.safety_texts()
    assert any("niet gesteld" in t and "niet bevestigd dat zij alleen was" in t for t in texts)
    assert view.safety_panel is not None and view.safety_panel.property("flag") is False
    assert not any("Meldcode" in t for t in texts)  # no flag, no pointer
    store.close()


def test_a_yes_raises_the_flag_at_the_top_of_the_discussion_and_never_on_her_screen(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, session_id = make_session(tmp_path / "store")
    page = start_page(qtbot, store, session_id)
    assert page.alone_yes is not None
    qtbot.mouseClick(page.alone_yes, Qt.MouseButton.LeftButton)
    window = open_window(store, session_id)
    try:
        asked, seen = her_walk(qtbot, window, afraid=True)
    finally:
        dispose(window)
    assert SAFETY_ITEM in asked
    assert store.get_session(session_id).answers[SAFETY_ITEM] is True
    assert not [t for t in seen if any(w in t for w in PROFESSIONAL_WORDS)]

    view = discussion(qtbot, store, session_id)
    question = localize(view.form.item_index()[SAFETY_ITEM][1].text, "nl")
    texts = view.safety_texts()
    assert texts[0] == "Veiligheid thuis"
    assert f"Veiligheid: zij antwoordde ‘ja’ op ‘{question}’" in texts
    pointer = next(t for t in texts if "Meldcode" in t)
    for step in ("zet de signalen op een rij", "Veilig Thuis", "praat met haar", "weeg",
                 "melding"):
        assert step in pointer
    assert view.safety_panel is not None and view.safety_panel.property("flag") is True
    layout = view.body_layout
    order = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert order.index(view.safety_panel) < order.index(view.flagged_section)
    # The flag is no topic line: the question is nowhere else in the view.
    elsewhere = [label.text() for label in view.findChildren(QLabel)
                 if not view.safety_panel.isAncestorOf(label)]
    assert not [t for t in elsewhere if question in t]
    store.close()


def test_the_reasons_in_the_discussion_quote_what_she_answered(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, session_id = make_session(tmp_path / "store")
    store.save_answer(session_id, "substances.alcohol", 1)
    store.save_answer(session_id, "substances.smoking", 2)
    view = discussion(qtbot, store, session_id)
    frame = view.topic_frames["substances"]
    lines = [label.text() for label in frame.findChildren(QLabel, "dvWhy")]
    quoted = [line for line in lines if line.startswith("– Zij antwoordde")]
    assert quoted, lines
    assert any("‘Bijna nooit’" in line or "‘bijna nooit’" in line for line in quoted), quoted
    assert not any("Zij drinkt" in line or "Zij rookt" in line for line in lines)
    store.close()
