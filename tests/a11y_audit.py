"""The accessibility audit run over every screen: interactive widgets have an accessible name,
targets are at least 24×24 px, focus is visible (the widget looks different with the focus),
and no text is wider (or, wrapped, taller) than its widget. Contrast is checked from the theme's
colours in test_ui_accessibility.py (Qt-free)."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QTextEdit,
    QWidget,
)

from ui.session.answer_cards import Card

MIN_TARGET = 24
INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox,
               QAbstractSpinBox, QAbstractItemView, QSlider, Card)


def _label(widget: QWidget) -> str:
    name = widget.objectName() or "-"
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    return f"{type(widget).__name__}#{name} {shown[:40]!r}"


def shown(widget: QWidget, root: QWidget) -> bool:
    """Visible, and not scrolled out of its scroll area's view."""
    if not widget.isVisible():
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QScrollArea):
            top_left = widget.mapTo(parent.viewport(), widget.rect().topLeft())
            if not parent.viewport().rect().intersects(widget.rect().translated(top_left)):
                return False
        parent = parent.parentWidget()
    return True


def interactive(root: QWidget) -> list[QWidget]:
    found = [w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE)
             and not isinstance(w, QHeaderView)  # named by its sections' texts
             and shown(w, root) and w.isEnabled()]
    # The editor inside a spin box or combo box is named by its owner.
    return [w for w in found if not (isinstance(w, QLineEdit)
                                     and isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox))]


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def missing_names(root: QWidget) -> list[str]:
    return [f"no accessible name: {_label(w)}" for w in interactive(root)
            if not accessible_name(w)]


def small_targets(root: QWidget) -> list[str]:
    problems = []
    for w in interactive(root):
        if isinstance(w, QAbstractItemView):
            continue
        if w.width() < MIN_TARGET or w.height() < MIN_TARGET:
            problems.append(f"target {w.width()}×{w.height()} < 24×24: {_label(w)}")
    return problems


def clipped_texts(root: QWidget) -> list[str]:
    """Labels and buttons whose text needs more room than the widget has."""
    problems = []
    for w in root.findChildren(QWidget):
        if not shown(w, root):
            continue
        if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
            if w.textFormat() == w.textFormat().RichText or "<" in w.text():
                continue
            room = w.contentsRect().width() - 2 * max(0, w.indent()) - 2 * w.margin()
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > w.height() + 1:
                    problems.append(f"text cut at the bottom ({need} > {w.height()} px): "
                                    f"{_label(w)}")
            else:
                need = max(w.fontMetrics().horizontalAdvance(line)
                           for line in w.text().splitlines() or [""])
                if need > room + 1:
                    problems.append(f"text wider than its label ({need} > {room} px): "
                                    f"{_label(w)}")
        elif isinstance(w, Card):
            need = w.heightForWidth(w.width())
            if need > w.height() + 1:
                problems.append(f"card text cut at the bottom ({need} > {w.height()} px): "
                                f"{_label(w)}")
        elif isinstance(w, QPushButton) and w.text():
            need = w.sizeHint().width()
            if need > w.width() + 1:
                problems.append(f"button text cut ({need} > {w.width()} px): {_label(w)}")
    return problems


def _image(widget: QWidget) -> QImage:
    return widget.grab().toImage()


def invisible_focus(root: QWidget) -> list[str]:
    """Each kind of focusable widget (type and name) once: it must look different with the
    keyboard focus than without."""
    problems = []
    seen: set[tuple[str, str]] = set()
    before = QApplication.focusWidget()
    for w in interactive(root):
        kind = (type(w).__name__, w.objectName())
        from PySide6.QtCore import Qt

        if kind in seen or not (w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        seen.add(kind)
        if w.hasFocus():
            w.clearFocus()
        plain = _image(w)
        w.setFocus(Qt.FocusReason.TabFocusReason)
        if not w.hasFocus():
            continue  # not the active window: nothing to compare
        if _image(w) == plain:
            problems.append(f"focus not visible: {_label(w)}")
    if before is not None:
        before.setFocus()
    return problems


def audit(root: QWidget, *, focus: bool = True) -> list[str]:
    problems = missing_names(root) + small_targets(root) + clipped_texts(root)
    if focus:
        problems += invisible_focus(root)
    return problems
