"""The accessibility audit run over every screen: interactive widgets have an accessible name,
targets are at least 24×24 px, focus is visible (the widget looks different with the focus),
and no text is wider (or, wrapped, taller) than its widget. Contrast is checked from the theme's
colours in test_ui_accessibility.py (Qt-free)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QFont, QFontMetrics, QImage
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
    QStyleOptionViewItem,
    QTableView,
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


def metrics_font(font: object) -> QFont:
    return font if isinstance(font, QFont) else QFont()


def _cell_problems(view: QAbstractItemView, root: QWidget) -> list[str]:
    """Cells shown whose text needs more height than the row has, a word (or its part at a
    soft hyphen) wider than its cell (so it breaks anywhere), or more width than an unwrapped
    cell has."""
    from ui.hyphens import pieces
    from ui.table_fit import wrapped_height

    model = view.model()
    if model is None:
        return []
    problems = []
    area = view.viewport().rect()
    wrap = isinstance(view, QTableView) and view.wordWrap()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            rect = view.visualRect(index)
            text = index.data()
            if not text or not rect.isValid() or not area.intersects(rect):
                continue
            text = str(text)
            option = QStyleOptionViewItem()
            view.initViewItemOption(option)
            delegate = view.itemDelegateForIndex(index)
            free = delegate.sizeHint(option, index)  # unwrapped
            option.rect = rect
            need = delegate.sizeHint(option, index)
            model_font = index.data(Qt.ItemDataRole.FontRole)
            font = model_font.resolve(view.font()) if isinstance(model_font, QFont) \
                else view.font()  # as the delegate resolves it
            metrics = QFontMetrics(font)
            padding = free.width() - max(metrics.horizontalAdvance(line)
                                         for line in text.splitlines())
            where = f"{type(view).__name__}#{view.objectName()} cell {row},{column} {text[:30]!r}"
            if wrap:
                shown_text = QStyleOptionViewItem(option)
                delegate.initStyleOption(shown_text, index)  # as painted (soft hyphens)
                word = max(pieces(shown_text.text), key=metrics.horizontalAdvance, default="")
                if padding + metrics.horizontalAdvance(word) > rect.width() + 1:
                    problems.append(f"word broken inside its cell ({word!r}, "
                                    f"{padding + metrics.horizontalAdvance(word)} > "
                                    f"{rect.width()} px): {where}")
                # Measured here too, not only by the delegate (Qt's own measure leaves out
                # a style sheet's padding, which made rows a line short).
                lines = wrapped_height(metrics_font(font), shown_text.text, rect.width() - padding)
                own = lines + free.height() - metrics.height()  # (estimated padding)
                if need.height() > rect.height() + 1 or own > rect.height() + \
                        metrics.height() // 2:  # a line short
                    tallest = max(need.height(), own)
                    problems.append(f"cell text cut at the bottom ({tallest} > "
                                    f"{rect.height()} px): {where}")
            elif free.width() > rect.width() + 1:
                problems.append(f"cell text wider than its cell ({free.width()} > "
                                f"{rect.width()} px): {where}")
    return problems


def _header_problems(view: QTableView) -> list[str]:
    """Column headers cut (wider or taller than their section), a word broken inside a
    wrapped header, and columns wider than the table (a horizontal scroll bar)."""
    from ui.hyphens import pieces
    from ui.table_fit import PAD_X, WrappingHeader

    header = view.horizontalHeader()
    problems = []
    if view.horizontalScrollBar().maximum() > 0:
        problems.append(f"columns wider than the table ({view.horizontalScrollBar().maximum()}"
                        f" px behind a scroll bar): {type(view).__name__}#{view.objectName()}")
    if header.isHidden():
        return problems
    for section in range(header.count()):
        start = header.sectionViewportPosition(section)
        size = header.sectionSize(section)
        if header.isSectionHidden(section) or start + size <= 0 or start >= header.width():
            continue
        text = str(view.model().headerData(section, Qt.Orientation.Horizontal) or "")
        need = header.sectionSizeFromContents(section)
        where = f"{type(view).__name__}#{view.objectName()} header {text[:30]!r}"
        if isinstance(header, WrappingHeader):
            metrics = QFontMetrics(header.label_font())
            word = max(pieces(header.label(section)), key=metrics.horizontalAdvance, default="")
            if metrics.horizontalAdvance(word) + 2 * PAD_X > size + 1:
                problems.append(f"word broken inside its header ({word!r}): {where}")
        elif need.width() > size + 1:
            problems.append(f"header text wider than its column ({need.width()} > {size} px):"
                            f" {where}")
        if need.height() > header.height() + 1:
            problems.append(f"header text cut at the bottom ({need.height()} > "
                            f"{header.height()} px): {where}")
    return problems


def cut_cells(root: QWidget) -> list[str]:
    """Every table shown: its cells and its column headers."""
    problems = []
    for view in root.findChildren(QTableView):
        if shown(view, root):
            problems += _cell_problems(view, root) + _header_problems(view)
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
    problems = missing_names(root) + small_targets(root) + clipped_texts(root) + cut_cells(root)
    if focus:
        problems += invisible_focus(root)
    return problems
