"""Screen-reader facts of the answer cards (radio buttons in a group, the chosen one checked,
named in the UI language) and proof that the audit finds what it looks for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from a11y_audit import audit, invisible_focus
from ui.session.answer_cards import ChoiceEditor, Option


def test_answer_cards_are_radio_buttons_in_a_group_and_the_saved_one_is_checked(
        qtbot: QtBot) -> None:
    editor = ChoiceEditor([Option(1, "1", "geen zorgen"), Option(2, "2", "wat zorgen")], "nl")
    qtbot.addWidget(editor)
    group = QAccessible.queryAccessibleInterface(editor)
    assert group.role() == QAccessible.Role.Grouping
    assert group.text(QAccessible.Text.Description).startswith("Kies één antwoord")
    cards = [QAccessible.queryAccessibleInterface(card) for card in editor.cards]
    assert [c.role() for c in cards] == [QAccessible.Role.RadioButton] * 2
    assert [c.text(QAccessible.Text.Name) for c in cards[:2]] == ["1 geen zorgen",
                                                                  "2 wat zorgen"]
    editor.saved(2)
    assert [bool(c.state().checked) for c in cards[:2]] == [False, True]
    assert cards[1].text(QAccessible.Text.Description) == "✓ gekozen"


def test_the_audit_finds_an_unnamed_a_tiny_and_a_clipped_control(qtbot: QtBot) -> None:
    root = QWidget()
    layout = QVBoxLayout(root)
    unnamed = QPushButton()
    unnamed.setObjectName("unnamed")
    unnamed.setFixedSize(40, 40)
    tiny = QPushButton("x")
    tiny.setObjectName("tiny")
    tiny.setFixedSize(16, 16)
    clipped = QLabel("Elk antwoord wordt direct opgeslagen")
    clipped.setObjectName("clipped")
    clipped.setFixedWidth(60)
    for widget in (unnamed, tiny, clipped):
        layout.addWidget(widget)
    qtbot.addWidget(root)
    root.show()
    qtbot.waitExposed(root)
    problems = audit(root, focus=False)
    assert any("no accessible name" in p and "#unnamed" in p for p in problems)
    assert any("target 16×16" in p and "#tiny" in p for p in problems)
    assert any("wider than its label" in p and "#clipped" in p for p in problems)


def test_the_audit_finds_a_control_whose_focus_does_not_show(qtbot: QtBot) -> None:
    root = QWidget()
    layout = QVBoxLayout(root)
    plain = QPushButton("Geen focusrand")
    plain.setObjectName("plain")
    plain.setStyleSheet("QPushButton { border: 1px solid #888; background: white; }"
                        "QPushButton:focus { border: 1px solid #888; outline: none; }")
    layout.addWidget(plain)
    qtbot.addWidget(root)
    root.show()
    qtbot.waitExposed(root)
    root.activateWindow()
    qtbot.waitUntil(root.isActiveWindow)
    plain.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    assert any("#plain" in p for p in invisible_focus(root))
