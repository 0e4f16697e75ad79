"""Reopening a completed session for a correction: the professional says why (kept with the
completed version, audited); 'cancel' is the default, reopening needs the reason and a click."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QWidget

from ui.dialog_parts import dialog_column, heading_label, side_by_side
from ui.session.text import t


class ReopenDialog(QDialog):
    """Asks for the reason; `reason_given(text)` only from the reopen button with a reason."""

    reason_given = Signal(str)

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reopenDialog")
        self.setWindowTitle(t("reopen.title", lang))
        self.setModal(True)
        self.setMinimumWidth(560)
        heading = heading_label(t("reopen.title", lang), self)
        explain = QLabel(t("reopen.explain", lang), self)
        explain.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reopenReason")
        self.reason.setPlaceholderText(t("reopen.reason", lang))
        self.reason.setMaxLength(500)
        self.cancel_button = QPushButton(t("reopen.cancel", lang), self)
        self.cancel_button.setObjectName("primary")
        self.cancel_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.reopen_button = QPushButton(t("reopen.confirm", lang), self)
        self.reopen_button.setAutoDefault(False)
        self.reopen_button.setEnabled(False)
        self.reopen_button.clicked.connect(self._reopen)
        self.reason.textChanged.connect(
            lambda text: self.reopen_button.setEnabled(bool(text.strip())))
        layout = dialog_column(self)
        for widget in (heading, explain, self.reason):
            layout.addWidget(widget)
        layout.addLayout(side_by_side(self.cancel_button, None, self.reopen_button))
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _reopen(self) -> None:
        text = self.reason.text().strip()
        if not text:
            return
        self.reason_given.emit(text)
        self.accept()


def ask_to_reopen(parent: QWidget, lang: str, on_reason: Callable[[str], object]) -> ReopenDialog:
    """Open the dialog over `parent` (not blocking); deleted once closed."""
    dialog = ReopenDialog(lang, parent)
    dialog.reason_given.connect(on_reason)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    dialog.reason.setFocus(Qt.FocusReason.OtherFocusReason)
    return dialog
