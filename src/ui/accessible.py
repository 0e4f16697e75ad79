"""What screen readers are told about the custom-drawn answer cards: each card is a radio
button (checked when it is the saved answer) and the row of cards a group of them, as is the
group of check boxes of a multi-choice question."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

_INSTALLED = False


class _CardAccessible(QAccessibleWidget):
    def __init__(self, card: QWidget) -> None:
        super().__init__(card, QAccessible.Role.RadioButton)
        self._card = card

    def state(self) -> QAccessible.State:
        state = super().state()
        state.checkable = True
        state.checked = bool(self._card.property("selected"))
        return state


def _factory(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    from ui.session.answer_cards import Card, ChoiceEditor
    from ui.session.answer_fields import MultiChoiceEditor

    if isinstance(obj, Card):
        return _CardAccessible(obj)
    if isinstance(obj, ChoiceEditor | MultiChoiceEditor):
        return QAccessibleWidget(obj, QAccessible.Role.Grouping)
    return None


def install() -> None:
    """Install the factory once per process (before the first card is asked about)."""
    global _INSTALLED
    if not _INSTALLED:
        QAccessible.installFactory(_factory)
        _INSTALLED = True
