"""'Who is speaking?': the professionals named for a multidisciplinary session, one chosen at a
time; every answer is recorded in that name. A new name can be added on the spot. The bar sits
beside the phase buttons when the header is wide enough, else on a row of its own."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.dialog_parts import row
from ui.giz.text import g


class _NameLine(QLineEdit):
    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SpeakerBar(QFrame):
    """The speaker selector. `speaker_changed(name)` when another name is chosen;
    `name_added(name)` when a new name is typed and added (the view records it)."""

    speaker_changed = Signal(str)
    name_added = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speakerBar")
        self.lang = lang
        label = QLabel(g("speaker.label", lang), self)
        label.setObjectName("speakerLabel")
        self.combo = QComboBox(self)
        self.combo.setObjectName("speaker")
        self.combo.setMinimumWidth(220)
        self.combo.setToolTip(g("speaker.tip", lang))
        self.combo.setAccessibleName(g("speaker.label", lang))
        label.setBuddy(self.combo)
        self.new_name = _NameLine(self)
        self.new_name.setObjectName("newSpeaker")
        self.new_name.setPlaceholderText(g("speaker.add_placeholder", lang))
        self.new_name.setAccessibleName(g("speaker.add_placeholder", lang))
        self.new_name.setMaximumWidth(220)
        self.new_name.submitted.connect(self._add)
        self.add = QPushButton(g("speaker.add", lang), self)
        self.add.setObjectName("addSpeaker")
        self.add.clicked.connect(self._add)
        row(self, (0, 0, 0, 0), 8, label, self.combo, self.new_name, self.add)
        self.combo.currentTextChanged.connect(self._changed)

    def names(self) -> list[str]:
        return [self.combo.itemText(i) for i in range(self.combo.count())]

    def current(self) -> str | None:
        return self.combo.currentText() or None

    def set_names(self, names: list[str], current: str | None = None) -> None:
        """Show `names`, keeping (or choosing) the current speaker, without a change signal
        unless the current speaker changes."""
        before = self.current()
        wanted = current or before
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems(names)
        if wanted in names:
            self.combo.setCurrentText(wanted)
        self.combo.blockSignals(False)
        if self.current() != before:
            self._changed(self.combo.currentText())

    def choose(self, name: str) -> None:
        self.combo.setCurrentText(name)

    def _changed(self, name: str) -> None:
        if name:
            self.speaker_changed.emit(name)

    def _add(self) -> None:
        name = " ".join(self.new_name.text().split())
        if not name:
            self.new_name.setFocus()
            return
        self.new_name.clear()
        self.name_added.emit(name)


class BesideOrBelow(QObject):
    """Keeps `bar` at the end of `beside` (after `others`) while the header is wide enough for
    both, else in `below` (a row of its own): on a 1024 px screen the phases keep their width."""

    def __init__(self, header: QWidget, bar: QWidget, others: list[QWidget],
                 beside: QBoxLayout, below: QBoxLayout) -> None:
        super().__init__(header)
        self.header, self.bar, self.others = header, bar, others
        self.beside, self.below = beside, below
        self.is_beside: bool | None = None
        header.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.header and event.type() == QEvent.Type.Resize:
            self.place(self.header.width())
        return False

    def place(self, width: int) -> None:
        margins = self.header.contentsMargins()
        spacing = max(self.beside.spacing(), 6) * (len(self.others) + 2)
        needed = (sum(w.sizeHint().width() for w in self.others)
                  + self.bar.minimumSizeHint().width() + spacing + margins.left() + margins.right() + 32)
        beside = width >= needed
        if beside == self.is_beside:
            return
        self.is_beside = beside
        (self.below if beside else self.beside).removeWidget(self.bar)
        if beside:
            self.beside.addWidget(self.bar)
        else:
            self.below.insertWidget(0, self.bar)
