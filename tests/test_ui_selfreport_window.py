"""Self-report mode driven through its real widgets: a whole ALPHA-NL in Dutch and in Arabic
(right to left), leaving only with the professional's PIN, the idle cover, reading aloud."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QWidget

from instruments.answers import AnswerValue
from instruments.conditions import visible_answers
from instruments.loader import load_form_text
from instruments.model import localize
from selfreport_support import (
    PIN,
    answer_button,
    click,
    dispose,
    make_session,
    open_window,
    planned_value,
)
from services.read_aloud import Voice
from storage.store import Store
from ui.selfreport import speech as speech_module
from ui.selfreport.text import RLM
from ui.selfreport.window import SelfReportWindow


@pytest.fixture
def alpha(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    store, session_id = make_session(tmp_path / "store")
    yield store, session_id
    store.close()


@pytest.fixture
def window(qtbot, alpha: tuple[Store, str]) -> Iterator[SelfReportWindow]:  # type: ignore[no-untyped-def]
    store, session_id = alpha
    win = open_window(store, session_id)
    yield win
    dispose(win)


def plain(text: str) -> str:
    return text.replace(RLM, "")


def fill_in_whole_form(qtbot, window: SelfReportWindow, lang: str, *,  # type: ignore[no-untyped-def]
                       partner: bool) -> dict[str, AnswerValue]:
    """Pick the language, read the introduction, answer every question on screen with the
    planned answer, and arrive at the hand-back screen. Returns what was given."""
    click(qtbot, window.language_page.buttons[lang])
    assert window.stack.currentWidget() is window.intro_page
    assert plain(window.intro_page.body.text()) == localize(window.form.introduction, lang)
    click(qtbot, window.intro_page.start_button)
    given: dict[str, AnswerValue] = {}
    n = 0
    while window.stack.currentWidget() is window.question_page:
        item_id = window.current
        assert item_id is not None
        question = window.flow.question(item_id)
        page = window.question_page
        assert plain(page.question_text.text()) == localize(question.item.text, lang)
        shown_n, total = window.flow.progress(item_id)
        assert shown_n == n + 1
        assert str(total) in page.progress_label.text()
        assert (page.progress_bar.value(), page.progress_bar.maximum()) == (n + 1, total)
        assert not page.next_button.isEnabled()  # answer or "rather not say" first
        value = planned_value(window.form, item_id, n, partner=partner)
        click(qtbot, answer_button(window, value))
        assert page.next_button.isEnabled()
        given[item_id] = value
        n += 1
        click(qtbot, page.next_button)
    assert window.stack.currentWidget() is window.handback_page
    return given


@pytest.mark.parametrize(("lang", "partner"), [("nl", True), ("ar", False)])
def test_a_whole_alpha_nl_is_filled_in_and_every_answer_is_stored(
        qtbot, alpha: tuple[Store, str], window: SelfReportWindow,  # type: ignore[no-untyped-def]
        lang: str, partner: bool) -> None:
    store, session_id = alpha
    given = fill_in_whole_form(qtbot, window, lang, partner=partner)
    stored = store.get_session(session_id)
    assert stored.answers == given
    form = load_form_text(stored.form_text).form
    assert visible_answers(form, stored.answers) == given
    assert "__declined__" in given.values()
    partner_items = {"relationship.rel_worry", "relationship.rel_conflict"}
    assert (partner_items <= set(given)) is partner
    assert not any(k.startswith("discussion.") for k in given)  # professional items skipped
    assert plain(window.handback_page.title.text()) == \
        {"nl": "Dank u wel!", "ar": "شكرًا لك!"}[lang]


def test_arabic_mirrors_the_whole_window(qtbot, window: SelfReportWindow) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, window.language_page.buttons["ar"])
    click(qtbot, window.intro_page.start_button)
    page = window.question_page
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    for widget in page.findChildren(QWidget):
        assert widget.layoutDirection() == Qt.LayoutDirection.RightToLeft, widget.objectName()
    # Mirrored: "back" sits on the right, "next" on the left; the pictogram on the right.
    back = page.back_button.mapTo(window, QPoint(0, 0)).x()
    nxt = page.next_button.mapTo(window, QPoint(0, 0)).x()
    assert back > nxt
    assert page.pictogram.mapTo(window, QPoint(0, 0)).x() > window.width() // 2
    assert page.question_text.text().startswith(RLM)
    assert all(b.property("rtl") is True for b in page.answer_buttons)
    # Back to Dutch: left to right again.
    click(qtbot, page.back_button)
    click(qtbot, window.intro_page.back_button)
    click(qtbot, window.language_page.buttons["nl"])
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_back_shows_her_earlier_answer_and_she_can_change_it(
        qtbot, alpha: tuple[Store, str], window: SelfReportWindow) -> None:  # type: ignore[no-untyped-def]
    store, session_id = alpha
    click(qtbot, window.language_page.buttons["nl"])
    click(qtbot, window.intro_page.start_button)
    click(qtbot, answer_button(window, 2))
    click(qtbot, window.question_page.next_button)
    assert window.current == "childhood.childhood_memories"
    click(qtbot, window.question_page.back_button)
    assert window.current == "childhood.childhood_hard"
    chosen = [b for b in window.question_page.answer_buttons if b.isChecked()]
    assert [b.property("answer") for b in chosen] == [2]
    assert chosen[0].text().startswith("\u2713")
    click(qtbot, window.question_page.decline_button)
    assert store.get_session(session_id).answers["childhood.childhood_hard"] == "__declined__"


def test_closing_without_the_pin_is_refused(qtbot, window: SelfReportWindow) -> None:  # type: ignore[no-untyped-def]
    emitted: list[str] = []
    window.handed_back.connect(emitted.append)
    assert window.close() is False
    assert window.isVisible()
    assert window.top.currentWidget() is window.lock_panel
    # A wrong PIN is refused and cleared.
    qtbot.keyClicks(window.lock_panel.field, "0000")
    qtbot.keyClick(window.lock_panel.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.lock_panel.error.isVisible()
                    and window.lock_panel.field.isEnabled())
    assert window.lock_panel.field.text() == ""
    assert window.isVisible() and emitted == []
    # "Back to the questions" returns to her screen; Escape asks for the PIN again.
    click(qtbot, window.lock_panel.cancel_button)
    assert window.top.currentWidget() is window.stack
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.top.currentWidget() is window.lock_panel
    assert window.close() is False and window.isVisible() and emitted == []


def test_the_professional_pin_hands_the_session_back(
        qtbot, alpha: tuple[Store, str], window: SelfReportWindow) -> None:  # type: ignore[no-untyped-def]
    _store, session_id = alpha
    click(qtbot, window.language_page.buttons["tr"])
    click(qtbot, window.intro_page.start_button)
    window.show_hand_back()
    click(qtbot, window.handback_page.professional_button)
    assert window.top.currentWidget() is window.lock_panel
    qtbot.keyClicks(window.lock_panel.field, PIN)
    with qtbot.waitSignal(window.handed_back, timeout=5000) as signal:
        click(qtbot, window.lock_panel.ok_button)
    assert signal.args == [session_id]
    assert not window.isVisible()
    assert window.released


def test_after_long_idle_her_answers_are_hidden_until_she_touches_the_screen(
        qtbot, alpha: tuple[Store, str]) -> None:  # type: ignore[no-untyped-def]
    store, session_id = alpha
    window = open_window(store, session_id, idle_timeout_s=0.15)
    try:
        click(qtbot, window.language_page.buttons["pl"])
        click(qtbot, window.intro_page.start_button)
        click(qtbot, answer_button(window, 4))
        qtbot.waitUntil(lambda: window.covered, timeout=3000)
        assert not window.question_page.isVisible()
        assert window.isVisible()  # not thrown out
        assert window.cover.title.text() == "Odpowiedzi są ukryte"
        click(qtbot, window.cover)
        assert not window.covered
        assert window.question_page.isVisible()
        assert window.current == "childhood.childhood_hard"
        assert [b.property("answer") for b in window.question_page.answer_buttons
                if b.isChecked()] == [4]
        assert store.get_session(session_id).answers == {"childhood.childhood_hard": 4}
    finally:
        dispose(window)


class FakeEngine:
    """A speech engine that records what it would say (never real audio)."""

    def __init__(self, voices: list[Voice]) -> None:
        self._voices = voices
        self.said: list[tuple[str, str]] = []
        self.spoken = threading.Event()

    def voices(self) -> list[Voice]:
        return self._voices

    def say(self, text: str, voice_id: str) -> None:
        self.said.append((text, voice_id))
        self.spoken.set()

    def stop(self) -> None:
        pass


@pytest.fixture
def speech() -> Iterator[Callable[[list[Voice]], FakeEngine]]:
    def install(voices: list[Voice]) -> FakeEngine:
        engine = FakeEngine(voices)
        speech_module.reset(lambda: engine)
        return engine

    yield install
    speech_module.reset()


def test_read_aloud_is_hidden_without_a_speech_engine_and_a_note_says_why(
        qtbot, window: SelfReportWindow) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, window.language_page.buttons["nl"])
    assert window.intro_page.speech_note.isVisible()
    assert window.intro_page.speech_note.text() == (
        "Voorlezen kan hier niet: deze computer heeft geen spraak.")
    click(qtbot, window.intro_page.start_button)
    assert not window.question_page.speak_button.isVisible()


def test_without_a_voice_in_her_language_read_aloud_is_hidden_and_the_note_says_so(
        qtbot, window: SelfReportWindow, speech) -> None:  # type: ignore[no-untyped-def]
    speech([Voice("english-us", "English (America)", ("en-us",))])
    click(qtbot, window.language_page.buttons["nl"])
    assert window.intro_page.speech_note.text() == (
        "Voorlezen kan hier niet: deze computer heeft geen stem in deze taal.")
    click(qtbot, window.intro_page.start_button)
    assert not window.question_page.speak_button.isVisible()


def test_read_aloud_speaks_question_and_options_in_her_language(
        qtbot, window: SelfReportWindow, speech) -> None:  # type: ignore[no-untyped-def]
    engine = speech([Voice("english", "English", ("en",)),
                     Voice("ar-voice", "Arabic", ("ar",))])
    click(qtbot, window.language_page.buttons["ar"])
    click(qtbot, window.intro_page.start_button)
    page = window.question_page
    assert page.speak_button.isVisible()
    assert not window.intro_page.speech_note.isVisible()
    click(qtbot, page.speak_button)
    qtbot.waitUntil(engine.spoken.is_set, timeout=5000)
    spoken, voice = engine.said[0]
    assert voice == "ar-voice"
    assert "كانت طفولتي فترة صعبة." in spoken
    assert "صحيح تمامًا" in spoken and "أفضّل ألا أقول ذلك" in spoken


def test_any_self_report_form_works_also_with_text_and_conditional_questions(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from store_testing import mini_form, new_store

    store = new_store(tmp_path / "mini")
    try:
        client = store.add_client("Fictief")
        session_id = store.start_session(client.id, mini_form()).id
        window = open_window(store, session_id)
        try:
            assert sorted(window.language_page.buttons) == ["en", "nl"]  # the form's languages
            click(qtbot, window.language_page.buttons["en"])
            click(qtbot, window.intro_page.start_button)
            assert window.flow.progress(window.current or "") == (1, 3)  # "hulp" still hidden
            click(qtbot, answer_button(window, 2))
            assert window.flow.progress(window.current or "") == (1, 4)  # now shown
            click(qtbot, window.question_page.next_button)
            assert window.current == "gezondheid.hulp"
            click(qtbot, answer_button(window, True))
            click(qtbot, window.question_page.next_button)
            assert window.current == "gezondheid.toelichting"
            assert window.question_page.text_box.isVisible()
            qtbot.keyClicks(window.question_page.text_box, "Some notes")
            click(qtbot, window.question_page.next_button)
            assert window.current == "gezondheid.oud"
            click(qtbot, window.question_page.next_button)  # a text may stay empty
            assert window.stack.currentWidget() is window.handback_page
            assert store.get_session(session_id).answers == {
                "gezondheid.zorgen": 2, "gezondheid.hulp": True,
                "gezondheid.toelichting": "Some notes"}
        finally:
            dispose(window)
    finally:
        store.close()


def test_the_welcome_starts_on_the_start_button_and_shows_no_licence_notice(
        qtbot, window: SelfReportWindow) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, window.language_page.buttons["nl"])
    qtbot.waitUntil(window.intro_page.isVisible)
    assert window.intro_page.start_button.hasFocus() or \
        window.intro_page.focusWidget() is window.intro_page.start_button
    notice = localize(window.form.notice, "nl")
    assert notice
    shown = [w.text() for w in window.intro_page.findChildren(QLabel) if w.isVisible()]
    assert all(notice not in text for text in shown)
