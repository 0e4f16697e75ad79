"""Answer editors for number items (a line with the unit, checked against the item's range) and
multi-choice items (a group of check boxes). Like the answer cards they only propose a value;
the session view saves it through the one write path and reports back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from instruments.answers import DECLINED, AnswerValue
from instruments.model import Form, Item, localize
from instruments.number_input import number_hint, number_shown, parse_number
from ui.accessible import install as install_accessible
from ui.dialog_parts import column
from ui.session.answer_cards import ItemEditor
from ui.session.text import t
from ui.theme import repolish

MULTI_COLUMNS = 3


class _NumberLine(QLineEdit):
    """The number's line: Enter saves a valid number and then lets the session move on; on a
    number that cannot be saved Enter stays here. Up and Down move to the other questions."""

    def __init__(self, owner: NumberEditor) -> None:
        super().__init__(owner)
        self._owner = owner

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier \
            == Qt.KeyboardModifier.NoModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not self._owner.flush():
                event.accept()
                return
            event.ignore()  # saved (or empty): Enter goes on to the session (next domain)
            return
        if plain and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._owner.flush()
            (self.focusNextChild if key == Qt.Key.Key_Down else self.focusPreviousChild)()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._owner.flush()
        super().focusOutEvent(event)


class NumberEditor(ItemEditor):
    """A number with its unit after the field and its range under it. The typed text is read
    when she presses Enter, leaves the field or the page: a valid number is proposed, empty text
    clears the answer, anything else is refused with a plain message and kept in the field."""

    problem = Signal(str)  # why the typed text was not proposed ("" once it is fine again)

    def __init__(self, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("numberEditor")
        self.item = item
        self.lang = lang
        layout = column(self, (0, 0, 0, 0), 4)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.line = _NumberLine(self)
        self.line.setObjectName("numberBox")
        width = max(len(number_shown(item, v, lang)) for v in (item.min or 0, item.max or 0))
        self.line.setFixedWidth(max(110, 22 * (width + item.decimals + 2)))
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.unit = QLabel(localize(item.unit, lang), self)
        self.unit.setObjectName("numberUnit")
        self.unit.setVisible(bool(item.unit))
        row.addWidget(self.line)
        row.addWidget(self.unit)
        self.decline: QCheckBox | None = None
        if item.allow_decline:
            self.decline = QCheckBox(t("card.decline", lang), self)
            self.decline.setObjectName("numberDecline")
            self.decline.setAccessibleName(t("card.decline", lang))
            self.decline.toggled.connect(self._declined)
            row.addSpacing(16)
            row.addWidget(self.decline)
        row.addStretch(1)
        layout.addLayout(row)
        self.hint = QLabel(number_hint(item, lang), self)
        self.hint.setObjectName("numberHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.message = QLabel("", self)
        self.message.setObjectName("numberProblem")
        self.message.setWordWrap(True)
        self.message.setProperty("state", "error")
        self.message.hide()
        layout.addWidget(self.message)
        self.setFocusProxy(self.line)
        self._committed = ""
        self._name = ""

    def name_for_screen_readers(self, name: str) -> None:
        super().name_for_screen_readers(name)
        self._name = name
        unit = localize(self.item.unit, self.lang)
        self.line.setAccessibleName(f"{name} ({unit})" if unit else name)
        self._describe("")

    def _describe(self, problem: str) -> None:
        hint = self.hint.text()
        self.line.setAccessibleDescription(f"{problem} {hint}".strip())

    def text(self) -> str:
        return self.line.text()

    def set_value(self, value: AnswerValue | None) -> None:
        shown = ""
        if isinstance(value, int | float) and not isinstance(value, bool):
            shown = number_shown(self.item, value, self.lang)
        self._committed = shown
        self.line.setText(shown)
        self._show_problem("")
        self._show_declined(value == DECLINED)

    def saved(self, value: AnswerValue | None) -> None:
        """Keep what was typed ('12' stays '12') and remember it as the saved text."""
        if value == DECLINED or value is None:
            self.set_value(value)
            return
        self._committed = self.line.text()
        self._show_problem("")
        self._show_declined(False)

    def _show_declined(self, declined: bool) -> None:
        if self.decline is not None:
            self.decline.blockSignals(True)
            self.decline.setChecked(declined)
            self.decline.blockSignals(False)
        self.line.setEnabled(not declined)

    def _declined(self, checked: bool) -> None:
        if checked:
            self.chosen.emit(DECLINED)
            return
        self.line.setEnabled(True)
        self._committed = ""
        parsed = parse_number(self.item, self.line.text(), self.lang)
        self.chosen.emit(parsed.value)

    def _show_problem(self, problem: str) -> None:
        self.message.setText(problem)
        self.message.setVisible(bool(problem))
        self.line.setProperty("state", "error" if problem else "")
        repolish(self.line)
        self._describe(problem)

    def flush(self) -> bool:
        """Propose the typed number now; False when the text is not a number that can be
        saved (the message says why, the text stays)."""
        if self.decline is not None and self.decline.isChecked():
            return True
        text = self.line.text()
        parsed = parse_number(self.item, text, self.lang)
        if not parsed.ok:
            self._show_problem(parsed.problem)
            self.problem.emit(parsed.problem)
            return False
        if self.message.isVisible():
            self._show_problem("")
            self.problem.emit("")
        if text.strip() != self._committed.strip():
            self.chosen.emit(parsed.value)
        return True


class MultiChoiceEditor(ItemEditor):
    """Every point of the item's scale as a check box; the ticked ones are the answer (in
    scale order). No box ticked is no answer at all (the question stays open), never 'none of
    these': a form that needs that answer declares it as a point of the scale. Keyboard: Tab
    to a box and Space to tick it, or the digit of its number; Up/Down leave the group."""

    def __init__(self, form: Form, item: Item, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("multiChoiceEditor")
        install_accessible()  # the group is a Grouping for screen readers
        assert item.scale is not None
        self.lang = lang
        self.setAccessibleDescription(t("multi.group", lang))
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        self.boxes: dict[int, QCheckBox] = {}
        self._declined: QCheckBox | None = None
        points = form.scale(item.scale).points
        for n, point in enumerate(points):
            box = QCheckBox(f"{n + 1}. {localize(point.label, lang)}" if n < 9
                            else localize(point.label, lang), self)
            box.setObjectName("multiChoice")
            box.setAccessibleName(localize(point.label, lang))
            box.toggled.connect(self._propose)
            box.installEventFilter(self)
            grid.addWidget(box, n // MULTI_COLUMNS, n % MULTI_COLUMNS)
            self.boxes[point.value] = box
        if item.allow_decline:
            declined = QCheckBox(t("card.decline", lang), self)
            declined.setObjectName("multiDecline")
            declined.setAccessibleName(t("card.decline", lang))
            declined.toggled.connect(self._propose_declined)
            declined.installEventFilter(self)
            grid.addWidget(declined, len(points) // MULTI_COLUMNS + 1, 0, 1, MULTI_COLUMNS)
            self._declined = declined
        self._digits = {n + 1: box for n, box in enumerate(list(self.boxes.values())[:9])}
        first = next(iter(self.boxes.values()))
        self.setFocusProxy(first)
        self._saved: AnswerValue | None = None

    def name_for_screen_readers(self, name: str) -> None:
        super().name_for_screen_readers(name)
        for box in self.boxes.values():
            box.setAccessibleDescription(name)

    def values(self) -> list[int]:
        return [v for v, box in self.boxes.items() if box.isChecked()]

    def set_value(self, value: AnswerValue | None) -> None:
        self._saved = value
        chosen = value if isinstance(value, list) else []
        for v, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(v in chosen)
            box.blockSignals(False)
        if self._declined is not None:
            self._declined.blockSignals(True)
            self._declined.setChecked(value == DECLINED)
            self._declined.blockSignals(False)

    def refused(self) -> None:
        """The store refused the change: show the answer as it was saved."""
        self.set_value(self._saved)

    def _propose(self, _checked: bool = False) -> None:
        values = self.values()
        self.chosen.emit(values or None)

    def _propose_declined(self, checked: bool) -> None:
        self.chosen.emit(DECLINED if checked else (self.values() or None))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QCheckBox) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if mods == Qt.KeyboardModifier.NoModifier:
                if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and key - Qt.Key.Key_0 in self._digits:
                    box = self._digits[key - Qt.Key.Key_0]
                    box.setFocus(Qt.FocusReason.ShortcutFocusReason)
                    box.toggle()
                    return True
                if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                    boxes = [*self.boxes.values(), *([self._declined] if self._declined else [])]
                    if key == Qt.Key.Key_Down:
                        boxes[-1].setFocus(Qt.FocusReason.TabFocusReason)
                        self.focusNextChild()
                    else:
                        boxes[0].setFocus(Qt.FocusReason.BacktabFocusReason)
                        self.focusPreviousChild()
                    return True
        return super().eventFilter(watched, event)
