"""Every self-report screen in each of the five languages at 1366x768: nothing cut off and
nothing pushed off the screen. With SAMENSPRAAK_SCREENSHOTS=DIR set, each screen is also saved
as DIR/<form>-<lang>-<nn>-<screen>.png (docs/screenshots/selfreport/ holds the reviewed set)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from instruments.model import localize
from selfreport_support import dispose, make_session, open_window
from ui.selfreport.window import SelfReportWindow

LANGUAGES = ["nl", "en", "ar", "tr", "pl"]
SIZE = (1366, 768)


def problems_on_screen(window: SelfReportWindow) -> list[str]:
    """Visible labels and buttons whose text does not fit, or that stick out of the window."""
    found: list[str] = []
    if window.stack.currentWidget() is window.question_page and window.top.currentWidget() \
            is window.stack:
        page = window.question_page
        found += [f"answer {b.text()!r} not shown" for b in page.answer_buttons
                  if not b.isVisible()]
    screen = QRect(0, 0, *SIZE)
    placed: list[tuple[str, QRect]] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
            continue
        text = widget.text()
        if not text:
            continue
        name = f"{type(widget).__name__}#{widget.objectName()} {text[:30]!r}"
        top_left = widget.mapTo(window, QPoint(0, 0))
        rect = QRect(top_left, widget.size())
        found += [f"{name} overlaps {other}" for other, r in placed if r.intersects(rect)]
        placed.append((name, rect))
        if not screen.contains(QRect(top_left, widget.size())):
            found.append(f"{name} sticks out of the screen at {top_left.x()},{top_left.y()}")
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 1:
                found.append(f"{name} needs {needed}px height, has {widget.height()}")
        else:
            hint = widget.sizeHint()
            if hint.width() > widget.width() + 1:
                found.append(f"{name} needs {hint.width()}px width, has {widget.width()}")
    return found


def longest_question(window: SelfReportWindow, lang: str) -> str:
    """The question that needs the most room: most answer buttons, then the longest text."""
    return max(window.flow.questions,
               key=lambda q: (q.item.scale is not None,
                              len(localize(q.item.text, lang) + localize(q.item.help, lang)))
               ).item_id


def screens(window: SelfReportWindow, lang: str) -> list[tuple[str, Callable[[], None]]]:
    """Every screen she can see, each as a step that puts it on screen."""
    flow = window.flow

    def question(item_id: str, answer: object = None) -> Callable[[], None]:
        def show() -> None:
            window.show_question(item_id)
            if answer is not None:
                window.question_page.mark(answer)  # shown as chosen (not saved)
        return show

    first = flow.questions[0]
    yes_no = next((q for q in flow.questions if q.item.type.value == "yes_no"), first)
    points = [p.value for p in window.form.scale(first.item.scale).points] \
        if first.item.scale else [True]
    return [
        ("language", lambda: window.stack.setCurrentWidget(window.language_page)),
        ("introduction", lambda: window.choose_language(lang)),
        ("question", question(first.item_id)),
        ("question-chosen", question(first.item_id, points[-1])),
        ("question-declined", question(first.item_id, "__declined__")),
        ("question-yes-no", question(yes_no.item_id) if yes_no.item.type.value == "yes_no"
         else question(first.item_id)),
        ("question-longest", question(longest_question(window, lang))),
        ("hand-back", window.show_hand_back),
        ("lock", window.request_leave),
        ("idle-cover", window.cover_answers),
    ]


@pytest.mark.parametrize("form_file", ["alpha-nl-1.1.0.yaml", "balansmeter-1.1.0.yaml"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_screen_fits_at_1366x768(qtbot, tmp_path: Path, lang: str,  # type: ignore[no-untyped-def]
                                       form_file: str) -> None:
    store, session_id = make_session(tmp_path / "store", form_file)
    window = open_window(store, session_id)
    out = os.environ.get("SAMENSPRAAK_SCREENSHOTS")
    try:
        window.choose_language(lang)
        trouble: list[str] = []
        for n, (name, show) in enumerate(screens(window, lang)):
            window.top.setCurrentWidget(window.stack)
            show()
            try:  # give the layout its posted re-layout first
                qtbot.waitUntil(lambda: not problems_on_screen(window), timeout=500)
            except qtbot.TimeoutError:
                trouble += [f"{name}: {p}" for p in problems_on_screen(window)]
            if out:
                Path(out).mkdir(parents=True, exist_ok=True)
                window.grab().save(str(Path(out) / f"{form_file.split('-1')[0]}-{lang}-"
                                                   f"{n:02d}-{name}.png"))
        assert trouble == []
    finally:
        dispose(window)
        store.close()
