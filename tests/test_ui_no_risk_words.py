"""What the parent sees never labels her: the together view (on the table between parent and
professional) and the self-report on her own screen show no risk level, no suggestion and no
verdict, even when the app's suggestion is the highest level."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from instruments.answers import AnswerValue
from instruments.model import Form, ItemType, localize
from instruments.scoring import score
from selfreport_support import answer_button, click, dispose, make_session, open_window
from services.opened_session import open_session
from ui.session.view import SessionView
from ui_session_support import PRESPARK_FORM, new_store, show_for_keyboard, start


def risk_words(form: Form) -> list[str]:
    """Every level label of the form's outcomes, and the words that announce a suggestion."""
    words = ["risico", "suggestie", "Suggestion", "risk"]
    for outcome in form.outcomes:
        for label in outcome.level_labels.values():
            words += [localize(label, "nl"), localize(label, "en")]
    return words


def labels_in(root: QWidget) -> list[str]:
    return [label.text() for label in root.findChildren(QLabel) if label.isVisible()]


def carries_risk_words(texts: list[str], words: list[str]) -> list[str]:
    return [t for t in texts if any(w.casefold() in t.casefold() for w in words)]


def test_the_together_view_shows_no_risk_words_even_at_the_highest_suggestion(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = new_store(tmp_path)
    session_id, loaded = start(store, PRESPARK_FORM)
    view = SessionView(open_session(store, session_id), "nl")
    show_for_keyboard(qtbot, view)
    form = view.controller.form
    for item_id, _domain, item in form.all_items():
        if _domain in form.counted_domains() and item.type == ItemType.SCALE and item.scale:
            view.controller.set_answer(item_id, max(form.scale(item.scale).values()))
    assert view.controller.result().outcome("risk").suggestion == "hoog"
    view.show_together()
    together = view.together
    assert together.isVisible()
    model = together.model
    texts = labels_in(together)
    for column in range(model.columnCount()):
        texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
        for row in range(model.rowCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                texts.append(str(model.index(row, column).data(role) or ""))
    assert len(texts) > 13 * 5
    assert carries_risk_words(texts, risk_words(form)) == []
    view.shutdown()
    store.close()


def test_the_balansmeter_self_report_shows_her_no_level_and_no_verdict(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, session_id = make_session(tmp_path / "store", "balansmeter-1.1.0.yaml")
    window = open_window(store, session_id)
    try:
        form = window.form
        click(qtbot, window.language_page.buttons["nl"])
        seen = labels_in(window)
        click(qtbot, window.intro_page.start_button)
        while window.stack.currentWidget() is window.question_page:
            item_id = window.current
            assert item_id is not None
            item = window.flow.question(item_id).item
            value: AnswerValue = True if item.type == ItemType.YES_NO else \
                max(form.scale(item.scale).values()) if item.scale else "tekst"
            click(qtbot, answer_button(window, value))
            seen += labels_in(window)
            click(qtbot, window.question_page.next_button)
        seen += labels_in(window)
        assert window.stack.currentWidget() is window.handback_page
    finally:
        dispose(window)
    record = store.get_session(session_id)
    result = score(form, record.answers).outcome("balans")
    assert result.suggestion == "steun_nodig"  # the heaviest level, on her screen nowhere
    assert len(seen) > 10
    assert carries_risk_words(seen, risk_words(form)) == []
    store.close()
