"""The labels of the self-report screens: plain text (never markup), word-wrapped, styled by
their object name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def text_label(text: str, name: str, parent: QWidget | None = None) -> QLabel:
    """A plain-text, word-wrapped label whose object name `name` picks its style."""
    label = QLabel(text, parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
