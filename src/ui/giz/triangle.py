"""The CAF triangle: the three sides drawn as a triangle, each factor a button with its
pictogram and its state (going well / point of attention / concern / not yet discussed)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from instruments.model import Domain, Form, localize
from ui.giz.geometry import (
    TriangleLayout,
    base_columns,
    button_height_for,
    button_width,
    needed_height,
    triangle_layout,
)
from ui.giz.pictograms import pictogram_icon
from ui.giz.text import g
from ui.theme import repolish

SIDE_COLOURS = ("#2b6a99", "#7a4f96", "#3c7a4c")
STATES = ("open", "good", "attention", "concern")
STATE_COLOURS = {"good": "#2e7d32", "attention": "#a35f00", "concern": "#b3261e"}
COMPACT_BELOW = 54  # px: below this height a factor button shows its state as a symbol
# What of a factor button's width is not its text: pictogram, spacing, margins and borders.
BUTTON_CHROME = 34 + 8 + 8 + 6 + 14


@dataclass(frozen=True)
class SideInfo:
    """What the triangle says under a side's title."""

    summary: str
    suggestion: str


class FactorButton(QPushButton):
    """One factor: pictogram, name (wrapped) and state in words and symbol. Enter or Space
    opens it; Up/Down move along. When space is short the state shrinks to its symbol."""

    SYMBOLS = {"open": "○", "good": "✓", "attention": "!", "concern": "⚠"}

    def __init__(self, domain: Domain, side: int, lang: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.domain = domain
        self.side = side
        self.lang = lang
        self.title = localize(domain.title, lang)
        self.state = "open"
        self.compact = False
        self.setObjectName("factorButton")
        self.setProperty("state", "open")
        self.setProperty("current", False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 6, 2)
        layout.setSpacing(8)
        self.picture = QLabel(self)
        self.picture.setFixedSize(34, 34)
        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(0)
        self.name = QLabel(self.title, self)
        self.name.setObjectName("factorName")
        self.name.setWordWrap(True)
        self.words = QLabel("", self)
        self.words.setObjectName("factorState")
        words.addStretch(1)
        words.addWidget(self.name)
        words.addWidget(self.words)
        words.addStretch(1)
        layout.addWidget(self.picture)
        layout.addLayout(words, 1)
        for label in (self.picture, self.name, self.words):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.set_state("open")

    def state_words(self) -> str:
        return g(f"state.{self.state}", self.lang)

    def set_state(self, state: str) -> None:
        self.state = state
        words = self.state_words()
        self.words.setText(words)
        self._show_compact()
        self.setAccessibleName(f"{self.title}: {words}")
        self.setToolTip(f"{self.title}: {words}")
        if self.property("state") != state:
            self.setProperty("state", state)
            repolish(self)
            for label in (self.name, self.words):
                repolish(label)

    def name_height(self, width: int) -> int:
        """The height of the name wrapped at this button width."""
        self.name.ensurePolished()
        room = max(20, width - BUTTON_CHROME)
        return self.name.fontMetrics().boundingRect(
            QRect(0, 0, room, 10_000), int(Qt.TextFlag.TextWordWrap), self.title).height()

    def longest_word(self) -> int:
        """The width of the name's longest word (a name is wrapped only between words)."""
        self.name.ensurePolished()
        metrics = self.name.fontMetrics()
        return max((metrics.horizontalAdvance(w) for w in self.title.split()), default=0)

    def words_fit(self, width: int) -> bool:
        """Whether the state in words fits beside the pictogram at this button width."""
        room = width - BUTTON_CHROME
        return self.words.fontMetrics().horizontalAdvance(self.state_words()) <= room

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self._show_compact()

    def _show_compact(self) -> None:
        """Compact: the state's symbol on a badge over the pictogram instead of words."""
        self.words.setVisible(not self.compact)
        pixmap = pictogram_icon(self.domain.pictogram, self.title[:1]).pixmap(34, 34)
        if self.compact and self.state != "open":
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor("#ffffff"), 1.5))
            painter.setBrush(QColor(STATE_COLOURS[self.state]))
            badge = QRectF(pixmap.width() - 18, pixmap.height() - 18, 17, 17)
            painter.drawEllipse(badge)
            font = painter.font()
            font.setPixelSize(12)
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self.SYMBOLS[self.state])
            painter.end()
        self.picture.setPixmap(pixmap)

    def set_current(self, current: bool) -> None:
        if bool(self.property("current")) != current:
            self.setProperty("current", current)
            repolish(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        if key == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.focusNextChild()
            return
        if key == Qt.Key.Key_Up and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.focusPreviousChild()
            return
        super().keyPressEvent(event)


class TriangleWidget(QWidget):
    """The triangle with a button per factor; `factor_opened(domain id)` when one is opened."""

    factor_opened = Signal(str)

    def __init__(self, form: Form, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("triangle")
        self.lang = lang
        self.groups = list(form.groups)[:3]
        self.side_titles = [localize(gr.title, lang) for gr in self.groups]
        self.sides: list[list[FactorButton]] = []
        self.buttons: dict[str, FactorButton] = {}
        for side, group in enumerate(self.groups):
            row = []
            for domain in form.counted_domains():
                if domain.group == group.id:
                    button = FactorButton(domain, side, lang, self)
                    button.clicked.connect(lambda _c=False, d=domain.id: self.factor_opened.emit(d))
                    row.append(button)
                    self.buttons[domain.id] = button
            self.sides.append(row)
        while len(self.sides) < 3:
            self.sides.append([])
            self.side_titles.append("")
        self.info: list[SideInfo] = [SideInfo("", "") for _ in range(3)]
        self.layout_: TriangleLayout | None = None
        self._least_width: int | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        policy.setHeightForWidth(True)  # in its scroll area: high enough for whole names
        self.setSizePolicy(policy)

    def counts(self) -> tuple[int, int, int]:
        return (len(self.sides[0]), len(self.sides[1]), len(self.sides[2]))

    def minimumSizeHint(self) -> QSize:
        return QSize(560, needed_height(self.counts()))

    def hasHeightForWidth(self) -> bool:
        return True

    def least_button_width(self) -> int:
        """A button width at which the longest word of any factor's name fits (at most the
        widest button)."""
        if self._least_width is None:
            longest = max((b.longest_word() for b in self.buttons.values()), default=0)
            self._least_width = min(220, max(130, longest + BUTTON_CHROME + 2))
        return self._least_width

    def heightForWidth(self, width: int) -> int:
        """The least height at which every factor's name is whole at this width (the buttons
        get the lowest height that holds the longest wrapped name, and its borders)."""
        bw = button_width(width, self.least_button_width())
        longest = max((b.name_height(bw) for b in self.buttons.values()), default=0)
        return needed_height(self.counts(), button_height_for(longest + 10),
                             base_columns(width, bw, self.counts()[2]))

    def sizeHint(self) -> QSize:
        return QSize(780, max(560, needed_height(self.counts())))

    def set_state(self, domain_id: str, state: str) -> None:
        if domain_id in self.buttons:
            self.buttons[domain_id].set_state(state)

    def set_current(self, domain_id: str | None) -> None:
        for key, button in self.buttons.items():
            button.set_current(key == domain_id)

    def set_side_info(self, side: int, info: SideInfo) -> None:
        self.info[side] = info
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.place()

    def place(self) -> None:
        self.layout_ = triangle_layout(self.width(), self.height(), self.counts(),
                                       self.least_button_width())
        for side, rects in enumerate(self.layout_.buttons):
            for button, rect in zip(self.sides[side], rects, strict=True):
                button.setGeometry(rect.x, rect.y, rect.w, rect.h)
                button.set_compact(rect.h < COMPACT_BELOW or not button.words_fit(rect.w))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        lay = self.layout_ or triangle_layout(self.width(), self.height(), self.counts(),
                                              self.least_button_width())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        apex, left, right = (QPointF(*lay.apex), QPointF(*lay.left), QPointF(*lay.right))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#eef3f8"))
        painter.drawPolygon(QPolygonF([apex, left, right]))
        for side, (a, b) in enumerate(((apex, left), (apex, right), (left, right))):
            painter.setPen(QPen(QColor(SIDE_COLOURS[side]), 9, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap))
            painter.drawLine(a, b)
        # The child in the middle: what the three sides are about.
        centre_y = apex.y() + (left.y() - apex.y()) * 0.62
        font = painter.font()
        font.setPixelSize(20)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#14385f"))
        width = right.x() - left.x()
        box = QRectF(apex.x() - width * 0.4, centre_y - 26, width * 0.8, 28)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, g("triangle.centre", self.lang))
        font.setPixelSize(14)
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(QColor("#3d4650"))
        painter.drawText(QRectF(box.x() - 20, centre_y + 2, box.width() + 40, 40),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                         | Qt.TextFlag.TextWordWrap, g("triangle.centre_sub", self.lang))
        aligns = (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight,
                  Qt.AlignmentFlag.AlignHCenter)
        for side, rect in enumerate(lay.labels):
            if not self.side_titles[side]:
                continue
            self._label(painter, QRectF(rect.x, rect.y, rect.w, rect.h), side, aligns[side])
        painter.end()

    def _label(self, painter: QPainter, rect: QRectF, side: int,
               align: Qt.AlignmentFlag) -> None:
        font = painter.font()
        font.setBold(True)
        title = ("■ " + self.side_titles[side] if align != Qt.AlignmentFlag.AlignRight
                 else self.side_titles[side] + " ■")
        for size in (17, 16, 15, 14, 13, 12):  # smaller rather than into the other title
            font.setPixelSize(size)
            if QFontMetrics(font).horizontalAdvance(title) <= rect.width():
                break
        painter.setFont(font)
        painter.setPen(QColor(SIDE_COLOURS[side]))
        flags = align | Qt.AlignmentFlag.AlignTop
        painter.drawText(QRectF(rect.x(), rect.y(), rect.width(), 22), flags, title)
        font.setPixelSize(14)
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(QColor("#1d232b"))
        info = self.info[side]
        painter.drawText(QRectF(rect.x(), rect.y() + 22, rect.width(), 18), flags, info.summary)
        painter.setPen(QColor("#14385f"))
        painter.drawText(QRectF(rect.x(), rect.y() + 39, rect.width(), 18), flags,
                         info.suggestion)
