"""What the shell's pages and small form dialogs share: their column and row layouts, their
labelled fields and their accept/cancel buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n_qt import tr

# A part of a row or column: a widget or layout, (it, stretch factor), or None for a stretch.
Part = QWidget | QLayout | tuple[QWidget | QLayout, int] | None
Box = TypeVar("Box", bound=QBoxLayout)


def _fill(layout: QBoxLayout, parts: tuple[Part, ...]) -> None:
    for part in parts:
        if part is None:
            layout.addStretch(1)
            continue
        item, stretch = part if isinstance(part, tuple) else (part, 0)
        if isinstance(item, QLayout):
            layout.addLayout(item, stretch)
        else:
            layout.addWidget(item, stretch)


def hint_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A word-wrapped line in the hint style."""
    label = QLabel(text, parent)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def heading_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A dialog's or form page's heading (the subtitle style)."""
    label = QLabel(text, parent)
    label.setObjectName("subtitle")
    return label


def add_fields(form: QFormLayout, lang: str, *fields: tuple[str, QWidget | QLayout]) -> None:
    """One labelled row a field: the label is the catalog text of its key."""
    for key, field in fields:
        form.addRow(tr(key, lang), field)


def dialog_button(text: str, slot: Callable[[], object], *, primary: bool = False
                  ) -> QPushButton:
    """A dialog's button: the primary one is the default (Enter), the others never are."""
    button = QPushButton(text)
    if primary:
        button.setObjectName("primary")
        button.setDefault(True)
    else:
        button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


def _spaced(layout: Box, margins: tuple[int, int, int, int], spacing: int,
            parts: tuple[Part, ...]) -> Box:
    layout.setContentsMargins(*margins)
    layout.setSpacing(spacing)
    _fill(layout, parts)
    return layout


def column(parent: QWidget, margins: tuple[int, int, int, int], spacing: int,
           *parts: Part) -> QVBoxLayout:
    """`parent`'s layout: `parts` top to bottom, with these margins and spacing."""
    return _spaced(QVBoxLayout(parent), margins, spacing, parts)


def row(parent: QWidget, margins: tuple[int, int, int, int], spacing: int,
        *parts: Part) -> QHBoxLayout:
    """`parent`'s layout: `parts` left to right, with these margins and spacing."""
    return _spaced(QHBoxLayout(parent), margins, spacing, parts)


def side_by_side(*parts: Part) -> QHBoxLayout:
    """`parts` left to right."""
    layout = QHBoxLayout()
    _fill(layout, parts)
    return layout


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
