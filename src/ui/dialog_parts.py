"""What the shell's small form dialogs share: their column layout, their labelled fields and
their accept/cancel buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QPushButton, QVBoxLayout

from ui.i18n_qt import tr


def dialog_column(dialog: QDialog) -> QVBoxLayout:
    """The dialog's main layout: one column with the shell's spacing and margins."""
    layout = QVBoxLayout(dialog)
    layout.setSpacing(14)
    layout.setContentsMargins(28, 24, 28, 24)
    return layout


def dialog_form(spacing: int) -> QFormLayout:
    """Labelled fields, one a row, the labels left-aligned and centred on their field."""
    form = QFormLayout()
    form.setVerticalSpacing(spacing)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return form


def accept_cancel_buttons(dialog: QDialog, accept_text: str,
                          lang: str) -> tuple[QDialogButtonBox, QPushButton]:
    """The primary (default) accept button and a cancel button, wired to the dialog's accept
    and reject; returns the box and the accept button."""
    buttons = QDialogButtonBox()
    accept = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
    accept.setObjectName("primary")
    accept.setDefault(True)
    cancel = buttons.addButton(tr("common.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole)
    cancel.setAutoDefault(False)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, accept
