"""Fitting a wide table into a small window (the together view's matrix, the client page's
tables): a header whose labels wrap onto as many lines as they need, long words breaking at a
syllable (with a hyphen) in the header and the cells, and column widths shared out so that
every word fits whole where it can and no column hides behind a horizontal scroll bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.hyphens import hyphenate, pieces

# Between words; inside a word only when the word alone is wider than the room.
WRAP = QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
PAD_X = 6  # each side of a header label or a cell text (the #matrix style's padding)
PAD_Y = 4
# A cell's text has its padding and the style's text margins (3 px a side) around it.
CELL_EXTRA = 2 * PAD_X + 8


class WrappingHeader(QHeaderView):
    """A horizontal header that word-wraps each label to its section's width (a word longer
    than the section breaks inside), and is as tall as its longest wrapped label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.sectionResized.connect(lambda *_: self.fit_height())

    def label(self, section: int, width: int | None = None) -> str:
        """The label as painted at `width` (default: the section's): the words too long for
        it with soft hyphens at their syllables."""
        model = self.model()
        text = model.headerData(section, self.orientation()) if model is not None else None
        if text is None:
            return ""
        room = (self.sectionSize(section) if width is None else width) - 2 * PAD_X
        metrics = QFontMetrics(self.label_font())
        return hyphenate(str(text), lambda word: metrics.horizontalAdvance(word) <= room)

    def label_font(self) -> QFont:
        """The table's font (its style sheet's size), semi-bold as the style's sections."""
        owner = self.parentWidget()
        font = QFont(owner.font() if owner is not None else self.font())
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def label_height(self, section: int, width: int) -> int:
        return wrapped_height(self.label_font(), self.label(section, width),
                              width - 2 * PAD_X) + 2 * PAD_Y

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:  # noqa: N802, N803
        width = self.sectionSize(logicalIndex) or super().sectionSizeFromContents(
            logicalIndex).width()
        return QSize(width, self.label_height(logicalIndex, width))

    def fit_height(self) -> None:
        need = max((self.label_height(s, self.sectionSize(s)) for s in range(self.count())
                    if not self.isSectionHidden(s)), default=0)
        if need and need != self.minimumHeight():
            self.setMinimumHeight(need)
            self.setMaximumHeight(need)

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:  # noqa: N802, N803
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logicalIndex
        option.text = ""
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
        painter.save()
        painter.setFont(self.label_font())
        painter.setPen(self.palette().windowText().color())
        room = rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        text = self.label(logicalIndex)
        height = wrapped_height(painter.font(), text, room.width())
        top = room.top() + max(0, (room.height() - height) // 2)
        option = QTextOption()
        option.setWrapMode(WRAP)
        painter.drawText(QRectF(room.left(), top, room.width(), height), text, option)
        painter.restore()


def wrapped_height(font: QFont, text: str, width: int) -> int:
    """The height `text` takes wrapped to `width` px (between words where it can)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(WRAP)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1, width))
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return int(height + 0.999)


def widest(metrics: QFontMetrics, parts: list[str]) -> int:
    return max((metrics.horizontalAdvance(part) for part in parts), default=0)


class HyphenatingDelegate(QStyledItemDelegate):
    """Cells whose long words may break at a syllable (soft hyphens), wrapped; `padding_x`
    is the style sheet's item padding a side, which Qt leaves out when it measures how a
    wrapped text needs (so a row came out a line short)."""

    extra = CELL_EXTRA  # the width around a cell's text (measured by fit_columns)

    def __init__(self, parent: QObject | None = None, padding_x: int = PAD_X) -> None:
        super().__init__(parent)
        self.padding_x = padding_x

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:  # noqa: N802
        if option.rect.width() <= 0:
            return super().sizeHint(option, index)
        narrowed = QStyleOptionViewItem(option)
        narrowed.rect = option.rect.adjusted(0, 0, -2 * self.padding_x, 0)
        need = super().sizeHint(narrowed, index)
        return QSize(need.width() + 2 * self.padding_x, need.height())

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        room = option.rect.width() - self.extra
        metrics = QFontMetrics(option.font)
        option.text = hyphenate(option.text, lambda word: metrics.horizontalAdvance(word) <= room)


def cell_font(table: QTableView, index: Any) -> QFont:
    """The font a cell is drawn in: the model's font (bold, say) over the table's own (its
    style sheet's size), as the delegate resolves it."""
    font = index.data(Qt.ItemDataRole.FontRole)
    return font.resolve(table.font()) if isinstance(font, QFont) else QFont(table.font())


def _cell_extra(table: QTableView) -> int:
    """The width the style puts around a cell's text (padding, margins), from the first cell
    with text; kept on the delegate so that it breaks words by the same measure."""
    model = table.model()
    extra = CELL_EXTRA
    for row in range(min(model.rowCount(), 5)):
        index = model.index(row, 0)
        text = str(index.data() or "")
        if text and "\n" not in text:
            option = QStyleOptionViewItem()
            table.initViewItemOption(option)
            delegate = table.itemDelegateForIndex(index)
            metrics = QFontMetrics(cell_font(table, index))
            extra = max(CELL_EXTRA, delegate.sizeHint(option, index).width()
                        - metrics.horizontalAdvance(text) + 2)
            if isinstance(delegate, HyphenatingDelegate):
                delegate.extra = extra
            break
    return extra


def _needs(table: QTableView, skip_row: Callable[[int], bool]
           ) -> tuple[list[int], list[int], list[int]]:
    """Per column the width its longest whole word needs, its longest syllable part and
    its longest text on one line
    (the header semi-bold, each cell in its own font; rows where `skip_row` holds are one
    spanning cell and left out)."""
    model = table.model()
    header = table.horizontalHeader()
    extra = _cell_extra(table)
    label_font = header.label_font() if isinstance(header, WrappingHeader) else table.font()
    label_metrics = QFontMetrics(label_font)
    whole, part, natural = [], [], []
    for column in range(model.columnCount()):
        line = 0
        label = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        full = widest(label_metrics, label.split()) + 2 * PAD_X + 2
        broken = widest(label_metrics, pieces(hyphenate(label))) + 2 * PAD_X + 2
        for row in range(model.rowCount()):
            index = model.index(row, column)
            text = str(index.data() or "")
            if not text or (column > 0 and skip_row(row)):
                continue
            metrics = QFontMetrics(cell_font(table, index))
            full = max(full, widest(metrics, text.split()) + extra)
            line = max(line, metrics.horizontalAdvance(text) + extra)
            broken = max(broken, widest(metrics, pieces(hyphenate(text))) + extra)
        whole.append(full)
        part.append(broken)
        natural.append(max(full, line))
    return whole, part, natural


def _lower_the_header(header: WrappingHeader, widths: list[int], room: int,
                      flexible: int = 0) -> None:
    """Spend the spare width on the columns with the tallest wrapped labels, as long as
    that makes the header lower."""
    def height(column: int, width: int) -> int:
        return header.label_height(column, width)

    while True:
        spare = room - sum(widths)
        heights = [height(c, widths[c]) for c in range(len(widths))]
        top = max(heights)
        tallest = [c for c in range(len(widths)) if heights[c] == top and c != flexible]
        if not tallest or spare <= 0:
            return
        # The least width that lowers every tallest column, if the spare allows it.
        extra = []
        for column in tallest:
            more = 2
            while more <= spare and height(column, widths[column] + more) >= top:
                more += 2
            extra.append(more)
        if sum(extra) > spare:
            return
        for column, more in zip(tallest, extra, strict=True):
            widths[column] += more


def fit_columns(table: QTableView, first_min: int,
                skip_row: Callable[[int], bool] = lambda _row: False, *,
                flexible: int = 0) -> None:
    """Share the table's width: the `flexible` column (its texts wrap) at least `first_min`;
    every column as wide as its longest word where the room allows, else as its longest
    syllable part (the word breaks with a hyphen), with a low header first; what is left goes
    to the flexible column. Then the rows take the height their wrapped texts need."""
    model = table.model()
    header = table.horizontalHeader()
    columns = model.columnCount() if model is not None else 0
    if columns == 0:
        return
    room = table.viewport().width()
    whole, part, natural = _needs(table, skip_row)
    whole[flexible] = max(first_min, min(whole[flexible], 2 * first_min))
    part[flexible] = max(first_min, part[flexible])
    if sum(whole) <= room:
        widths = list(whole)
        if isinstance(header, WrappingHeader):
            _lower_the_header(header, widths, room, flexible)
        # Then short texts (a date and time) on one line where the room allows.
        for column in sorted(range(columns), key=lambda c: natural[c] - widths[c]):
            more = natural[column] - widths[column]
            if column != flexible and 0 < more <= room - sum(widths) - first_min // 2:
                widths[column] += more
    elif sum(part) <= room:
        # A low header first (it decides how many rows are in view), then whole words.
        widths = list(part)
        if isinstance(header, WrappingHeader):
            _lower_the_header(header, widths, room, flexible)
        for column in sorted(range(columns), key=lambda c: whole[c] - widths[c]):
            more = whole[column] - widths[column]
            if 0 < more <= room - sum(widths):
                widths[column] += more
    else:  # too little room even so: every column gives up the same share
        total = sum(part)
        widths = [max(40, part[c] * room // total) for c in range(columns)]
    widths[flexible] += max(0, room - sum(widths))
    for column, width in enumerate(widths):
        if header.sectionSize(column) != width:
            header.resizeSection(column, width)
    if isinstance(header, WrappingHeader):
        header.fit_height()
    fit_rows(table)


def fit_rows(table: QTableView) -> None:
    """Every row as tall as its tallest wrapped cell, measured here (Qt's own measure leaves
    out a style sheet's padding and came out a line short); a spanning cell is measured at
    the width it spans."""
    model = table.model()
    delegate_extra = _cell_extra(table)
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    for row in range(model.rowCount()):
        tallest = 0
        column = 0
        while column < model.columnCount():
            span = max(1, table.columnSpan(row, column))
            width = sum(table.columnWidth(c) for c in range(column, column + span))
            index = model.index(row, column)
            text = str(index.data() or "")
            font = cell_font(table, index)
            one_line = table.itemDelegateForIndex(index).sizeHint(option, index).height()
            shown = hyphenate(text, lambda word, f=font, w=width: QFontMetrics(f)
                              .horizontalAdvance(word) <= w - delegate_extra)
            lines = wrapped_height(font, shown, width - delegate_extra) if text else 0
            # + 2: the grid line and rounding (else the last line is elided by a pixel)
            tallest = max(tallest, one_line - QFontMetrics(font).height() + lines + 2, one_line)
            column += span
        if table.rowHeight(row) != tallest:
            table.setRowHeight(row, tallest)


class _Refit(QObject):
    def __init__(self, table: QTableView, first_min: int, flexible: int) -> None:
        super().__init__(table)
        self.table, self.first_min, self.flexible = table, first_min, flexible
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            fit_columns(self.table, self.first_min, flexible=self.flexible)
        return False


def fitted(table: QTableView, *, flexible: int = 0, first_min: int = 160,
           padding_x: int = 10) -> QTableView:
    """`table` with a wrapping header, wrapped cells and its columns fitted to its width
    whenever that changes (call `fit_columns` too after filling it)."""
    table.setHorizontalHeader(WrappingHeader(table))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.setItemDelegate(HyphenatingDelegate(table, padding_x))  # the theme's item padding
    table.setProperty("fit_flexible", flexible)
    table.setProperty("fit_first_min", first_min)
    _Refit(table, first_min, flexible)
    return table


def refit(table: QTableView) -> None:
    """Fit a `fitted` table again (after its rows changed)."""
    fit_columns(table, int(table.property("fit_first_min") or 160),
                flexible=int(table.property("fit_flexible") or 0))
