"""What covers her screen: the professional's unlock panel, and the idle cover that hides
her answers until she touches the screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.dialog_parts import column
from ui.selfreport.labels import text_label
from ui.selfreport.text import t


class LockPanel(QWidget):
    """Asks for the professional's PIN or passphrase. In her language, with the Dutch line
    under it for the professional."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        card = QFrame(self)
        card.setObjectName("srCard")
        card.setFixedWidth(900)
        layout = column(card, (36, 28, 36, 28), 12)
        self.title = text_label("", "srTitle", card)
        self.body = text_label("", "srBody", card)
        self.dutch = text_label("", "srSmall", card)
        self.field = QLineEdit(card)
        self.field.setObjectName("srPin")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.returnPressed.connect(self._submit)
        self.error = text_label("", "srError", card)
        self.error.hide()
        self.waiting = text_label("", "srWait", card)  # calm, not the error style
        self.waiting.hide()
        row = QHBoxLayout()
        self.cancel_button = QPushButton("", card)
        self.cancel_button.setObjectName("srBack")
        self.ok_button = QPushButton("", card)
        self.ok_button.setObjectName("srPrimary")
        self.cancel_button.clicked.connect(self.cancelled)
        self.ok_button.clicked.connect(self._submit)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        row.addWidget(self.ok_button)
        for widget in (self.title, self.body, self.dutch, self.field, self.error, self.waiting):
            layout.addWidget(widget)
        layout.addLayout(row)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.lang = "nl"

    def prepare(self, lang: str) -> None:
        """Show the panel afresh: empty field, no error."""
        self.lang = lang
        self.title.setText(t("lock.title", lang))
        self.body.setText(t("lock.body", lang))
        self.dutch.setText(t("lock.body", "nl"))
        self.dutch.setVisible(lang != "nl")
        self.field.setPlaceholderText(t("lock.field", lang))
        self.field.clear()
        self.ok_button.setText(t("lock.ok", lang))
        self.cancel_button.setText(t("lock.cancel", lang))
        self.set_busy(False)
        self.error.hide()

    def set_busy(self, busy: bool) -> None:
        self.field.setEnabled(not busy)
        self.ok_button.setEnabled(not busy)
        self.waiting.setText(t("lock.checking", self.lang))
        self.waiting.setVisible(busy)
        if busy:
            self.error.hide()

    def refuse(self) -> None:
        self.set_busy(False)
        self.field.clear()
        self.error.setText(t("lock.wrong", self.lang))
        self.error.show()
        self.field.setFocus()

    def _submit(self) -> None:
        if self.field.isEnabled() and self.field.text():
            self.submitted.emit(self.field.text())


class IdleCover(QWidget):
    """Covers the whole screen after a long idle time; any touch, click or key brings her
    back to where she was."""

    touched = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("srCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = column(self, (80, 60, 80, 60), 24)
        layout.addStretch(1)
        self.title = text_label("", "srTitle", self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = text_label("", "srBody", self)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton("", self)
        self.button.setObjectName("srCoverButton")
        self.button.clicked.connect(self.touched)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def prepare(self, lang: str) -> None:
        self.title.setText(t("idle.title", lang))
        self.body.setText(t("idle.body", lang))
        self.button.setText(t("idle.continue", lang))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        self.touched.emit()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self.touched.emit()
        event.accept()
