"""Answer editors: large answer cards for scale, choice and yes/no items, a text box, and an
editable list of agreed actions. Editors only propose a value (`chosen`); they show it as the
answer after the session view reports that the store took it (`saved`)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QEnterEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QStaticText,
    QTextOption,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from instruments.answers import DECLINED, AnswerValue
from instruments.model import Form, Item, ItemType
from ui.accessible import install as install_accessible
from ui.appearance import colour, high_contrast, scaled, text_scale
from ui.session.text import loc, t

TEXT_SAVE_DELAY_MS = 700


@dataclass(frozen=True)
class Option:
    """One answer card: the stored value, the big text, the label under it, an optional hint."""

    value: AnswerValue
    big: str
    label: str
    hint: str = ""


def _font(px: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(scaled(px))
    font.setBold(bold)
    return font


class _CardLook:
    """Fonts and colours of the answer cards, made once (after the QApplication exists)."""

    def __init__(self) -> None:
        self.mark = _font(14, True)
        self.big = _font(28, True)
        self.label = _font(16)
        self.label_bold = _font(16, True)
        self.hint = _font(15)
        self.ink = QColor(colour("#14385f"))
        self.text = QColor(colour("#1d232b"))
        self.muted = QColor(colour("#4a5560"))
        self.paper = QColor(colour("#ffffff"))
        self.paper_selected = QColor(colour("#dcebfb"))
        self.paper_disabled = QColor(colour("#f1f1f1"))
        self.edge = QColor(colour("#a9b4c2"))
        self.edge_hover = QColor(colour("#1f4e86"))


_LOOKS: dict[tuple[int, bool], _CardLook] = {}


def card_look() -> _CardLook:
    """The look at the current text size and contrast (made once for each)."""
    key = (text_scale(), high_contrast())
    if key not in _LOOKS:
        _LOOKS[key] = _CardLook()
    return _LOOKS[key]


_WRAP = (int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.TextFlag.TextWordWrap)
         | int(Qt.AlignmentFlag.AlignTop))
_CENTRED_LINES = QTextOption(Qt.AlignmentFlag.AlignHCenter)
_CENTRED_LINES.setWrapMode(QTextOption.WrapMode.WordWrap)
_STATIC_CACHE_MAX = 24  # laid-out texts kept per card (a few widths, fonts and states)


class _FaceCache:
    """Drawn card faces shared by every card, by text, size, state and look; the least recently
    drawn go first past a budget of (logical) pixels: a preSPARK walk at laptop size uses ~11
    faces, ~330,000 pixels (1.3 MB)."""

    def __init__(self, budget_pixels: int) -> None:
        self.budget = budget_pixels
        self.pixels = 0
        self.faces: OrderedDict[tuple[object, ...], tuple[QPixmap, int]] = OrderedDict()

    def get(self, key: tuple[object, ...]) -> QPixmap | None:
        entry = self.faces.get(key)
        if entry is None:
            return None
        self.faces.move_to_end(key)
        return entry[0]

    def keep(self, key: tuple[object, ...], face: QPixmap, area: int) -> None:
        self.faces[key] = (face, area)
        self.pixels += area
        while self.pixels > self.budget and len(self.faces) > 1:
            _key, (_old, old_area) = self.faces.popitem(last=False)
            self.pixels -= old_area


_FACES = _FaceCache(budget_pixels=640_000)  # ~2.5 MB (a few screens' worth of cards)


class Card(QWidget):
    """One large answer card, like a card of the paper answer set. Clicked, it proposes its
    value; when selected it shows a check mark, bold text and a thick border (not colour
    alone). Drawn by itself (no child labels, no style sheet) so pages stay light and quick."""

    clicked = Signal()
    PAD = 10
    MARK_H = 20
    BIG_H = 38

    def __init__(self, option: Option, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.option = option
        self.setObjectName("card")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Equal widths whatever the label length, like a set of paper cards.
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumWidth(90)
        self._selected = False
        self._hover = False
        self._chosen_text = t("card.chosen", lang)
        self._heights: dict[int, tuple[int, int]] = {}
        self._statics: dict[tuple[str, int, int], QStaticText] = {}
        self.setAccessibleName(f"{option.big} {option.label}")

    def is_selected(self) -> bool:
        return self._selected

    def set_selected(self, selected: bool) -> None:
        if self._selected == selected:
            return
        self._selected = selected
        self.setProperty("selected", selected)  # read by ui.accessible (checked state)
        self.setAccessibleDescription(self._chosen_text if selected else "")
        self.update()

    # ----- geometry ------------------------------------------------------------------------

    def _text_heights(self, inner_width: int) -> tuple[int, int]:
        """Heights of the wrapped label (bold, the widest case) and hint at this width."""
        cached = self._heights.get(inner_width)
        if cached is None:
            look = card_look()
            box = QRect(0, 0, max(1, inner_width), 10_000)
            label = QFontMetrics(look.label_bold).boundingRect(box, _WRAP, self.option.label)
            hint = (QFontMetrics(look.hint).boundingRect(box, _WRAP, self.option.hint).height()
                    if self.option.hint else 0)
            cached = (label.height() if self.option.label else 0, hint)
            self._heights[inner_width] = cached
        return cached

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        label_h, hint_h = self._text_heights(width - 2 * self.PAD)
        height = 2 * self.PAD + scaled(self.MARK_H) + scaled(self.BIG_H) + label_h + (6 + hint_h if hint_h else 0)
        return max(scaled(96), height)

    def sizeHint(self) -> QSize:
        return QSize(140, self.heightForWidth(140))

    def minimumSizeHint(self) -> QSize:
        return QSize(90, scaled(96))

    # ----- drawing -------------------------------------------------------------------------

    def enterEvent(self, event: QEnterEvent) -> None:
        self._hover = True
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = False
        self.update()
        super().leaveEvent(event)

    def _static(self, text: str, font: QFont, width: int) -> QStaticText:
        """`text` laid out once in `font`, wrapped at `width` and centred line by line: a page
        turn then only draws the cached glyphs instead of laying out every card's text."""
        key = (text, id(font), width)
        static = self._statics.get(key)
        if static is None:
            if len(self._statics) >= _STATIC_CACHE_MAX:
                self._statics.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.setTextOption(_CENTRED_LINES)
            static.setTextWidth(max(1, width))
            static.prepare(QTransform(), font)
            self._statics[key] = static
        return static

    def _draw(self, painter: QPainter, text: str, font: QFont, left: int, top: float,
              width: int, height: int | None = None) -> None:
        """Draw `text` from `top` (or centred in `height` from `top`)."""
        static = self._static(text, font, width)
        if height is not None:
            top += (height - static.size().height()) / 2
        painter.setFont(font)
        painter.drawStaticText(QPointF(left, top), static)

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Draw the card's face from the shared cache: the cards of a scale look the same in
        every domain, so a page turn draws a few cached pictures instead of ~19 rounded,
        antialiased borders with their texts."""
        look = card_look()
        selected = self._selected
        enabled = self.isEnabled()
        width, height = self.width(), self.height()
        ratio = self.devicePixelRatioF()
        option = self.option
        key = (option.big, option.label, option.hint, self._chosen_text if selected else "",
               width, height, selected, enabled, self._hover and not selected, ratio, id(look))
        face = _FACES.get(key)
        if face is None:
            face = QPixmap(QSize(max(1, round(width * ratio)), max(1, round(height * ratio))))
            face.setDevicePixelRatio(ratio)
            face.fill(Qt.GlobalColor.transparent)
            face_painter = QPainter(face)
            self._paint_face(face_painter, look, width, height, selected, enabled)
            face_painter.end()
            _FACES.keep(key, face, width * height)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, face)
        painter.end()

    def _paint_face(self, painter: QPainter, look: _CardLook, width: int, height: int,
                    selected: bool, enabled: bool) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        border = 5 if selected else 2
        # Read-only (a completed session): the chosen answer stays as clear as when it was
        # chosen; the others are muted but still readable (contrast >= 4.5:1).
        if not enabled and not selected:
            paper, edge = look.paper_disabled, look.edge
        elif selected:
            paper, edge = look.paper_selected, look.ink
        else:
            paper, edge = look.paper, look.edge_hover if self._hover else look.edge
        painter.setPen(QPen(edge, border))
        painter.setBrush(paper)
        half = border / 2
        painter.drawRoundedRect(QRectF(0, 0, width, height).adjusted(half, half, -half, -half),
                                10, 10)
        ink = look.ink if enabled or selected else look.muted
        inner = width - 2 * self.PAD
        left = self.PAD
        y = self.PAD
        painter.setPen(ink)
        if selected:
            self._draw(painter, self._chosen_text, look.mark, left, y, inner, scaled(self.MARK_H))
        y += scaled(self.MARK_H)
        self._draw(painter, self.option.big, look.big, left, y, inner, scaled(self.BIG_H))
        y += scaled(self.BIG_H)
        _label_h, hint_h = self._text_heights(inner)
        painter.setPen(look.text if enabled or selected else look.muted)
        self._draw(painter, self.option.label, look.label_bold if selected else look.label,
                   left, y, inner)
        if hint_h:
            painter.setPen(look.muted)
            self._draw(painter, self.option.hint, look.hint, left,
                       height - self.PAD - hint_h, inner)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ItemEditor(QFrame):
    """Base of every answer editor."""

    chosen = Signal(object)  # proposed value; None clears the answer

    def set_value(self, value: AnswerValue | None) -> None:
        """Show a stored value (no signal)."""
        raise NotImplementedError

    def saved(self, value: AnswerValue | None) -> None:
        """The store took `value`: show it as the answer."""
        self.set_value(value)

    def flush(self) -> bool | None:
        """Propose any pending, not yet proposed input now (text boxes, numbers)."""
        return None

    def refused(self) -> None:
        """The store refused the proposed value: show the answer as it was saved (editors
        that change before saving, like check boxes; typed text is kept)."""

    def name_for_screen_readers(self, name: str) -> None:
        """Give the editor and the parts that take the keyboard the question as their name."""
        self.setAccessibleName(name)


class ChoiceEditor(ItemEditor):
    """A row of answer cards. Keyboard: a digit picks a card, Left/Right step, Delete clears,
    Up/Down move to the previous/next item, Enter is left to the session (next domain)."""

    def __init__(self, options: list[Option], lang: str, *, decline: bool = False,
                 letters: dict[int, AnswerValue] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("choiceEditor")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        install_accessible()
        self.setAccessibleDescription(t("card.group", lang))
        self.options = list(options)
        if decline:
            self.options.append(Option(DECLINED, "–", t("card.decline", lang)))
        self._letters = letters or {}
        self._value: AnswerValue | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(8)
        self.cards: list[Card] = []
        for option in self.options:
            card = Card(option, lang, self)
            card.clicked.connect(lambda o=option: self._propose(o.value))
            layout.addWidget(card, 1)
            self.cards.append(card)
        # A digit picks the point with that value when every value is a digit, else the n-th.
        numeric = [o.value for o in options if isinstance(o.value, int)
                   and not isinstance(o.value, bool)]
        self._digits: dict[int, AnswerValue] = (
            {int(v): v for v in numeric} if len(numeric) == len(options)
            and all(1 <= int(v) <= 9 for v in numeric)
            else {i + 1: o.value for i, o in enumerate(options[:9])}
        )
        if decline:
            self._digits[0] = DECLINED

    def value(self) -> AnswerValue | None:
        return self._value

    def set_value(self, value: AnswerValue | None) -> None:
        self._value = value
        for card in self.cards:
            card.set_selected(value is not None and card.option.value == value
                              and type(card.option.value) is type(value))

    def _propose(self, value: AnswerValue | None) -> None:
        if not self.hasFocus():
            self.setFocus(Qt.FocusReason.MouseFocusReason)
        if value == self._value and type(value) is type(self._value):
            return
        self.chosen.emit(value)

    def _step(self, delta: int) -> None:
        values = [o.value for o in self.options if o.value != DECLINED]
        if not values:
            return
        if self._value in values:
            i = values.index(self._value) + delta
        else:
            i = 0 if delta > 0 else len(values) - 1
        self._propose(values[max(0, min(i, len(values) - 1))])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.NoModifier:
            if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and (key - Qt.Key.Key_0) in self._digits:
                self._propose(self._digits[key - Qt.Key.Key_0])
                return
            if key in self._letters:
                self._propose(self._letters[key])
                return
            if key == Qt.Key.Key_Left:
                self._step(-1)
                return
            if key == Qt.Key.Key_Right:
                self._step(1)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                if self._value is not None:
                    self.chosen.emit(None)
                return
            if key == Qt.Key.Key_Down:
                self.focusNextChild()
                return
            if key == Qt.Key.Key_Up:
                self.focusPreviousChild()
                return
        super().keyPressEvent(event)


class TextEditor(ItemEditor):
    """A text box: proposed after a short pause in typing and on leaving the box; typed text is
    never discarded, also when a save fails (it is proposed again at the next chance)."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("textEditor")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QPlainTextEdit(self)
        self.box.setObjectName("textBox")
        self.box.setTabChangesFocus(True)
        self.box.setPlaceholderText(t("text.placeholder", lang))
        self.box.setFixedHeight(92)
        layout.addWidget(self.box)
        self.setFocusProxy(self.box)
        self._committed = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TEXT_SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.box.textChanged.connect(self._timer.start)
        self.box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.FocusOut:
            self.flush()
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if (event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
                    and event.modifiers() == Qt.KeyboardModifier.AltModifier):
                (self.focusNextChild if event.key() == Qt.Key.Key_Down
                 else self.focusPreviousChild)()
                return True
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.box.toPlainText()

    def name_for_screen_readers(self, name: str) -> None:
        super().name_for_screen_readers(name)
        self.box.setAccessibleName(name)

    def set_value(self, value: AnswerValue | None) -> None:
        text = value if isinstance(value, str) and value != DECLINED else ""
        self._committed = text
        if self.box.toPlainText() != text:
            self.box.blockSignals(True)
            self.box.setPlainText(text)
            self.box.blockSignals(False)

    def saved(self, value: AnswerValue | None) -> None:
        self._committed = value if isinstance(value, str) else ""

    def pending(self) -> bool:
        return self.box.toPlainText() != self._committed

    def flush(self) -> None:
        self._timer.stop()
        if self.pending():
            text = self.box.toPlainText()
            self.chosen.emit(text if text.strip() else None)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)


class _NewActionLine(QLineEdit):
    """The line to type a new agreed action: Enter adds it; on an empty line Enter does
    nothing (it never skips to the next domain)."""

    add = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.text().strip():
                self.add.emit(self.text().strip())
                self.clear()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Up and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.focusPreviousChild()
            return
        super().keyPressEvent(event)


def take_current_row(rows: QListWidget) -> bool:
    """Remove the selected row of a list, or its last row when none is selected; False when
    the list was empty."""
    row = rows.currentRow()
    if row < 0:
        row = rows.count() - 1
    if row < 0:
        return False
    rows.takeItem(row)
    return True


class ActionsEditor(ItemEditor):
    """The agreed follow-up actions: a list of rows to add, edit (double click or F2) and
    remove (Delete on a row, or the remove button)."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionsEditor")
        self.lang = lang
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows = QListWidget(self)
        self.rows.setObjectName("actionRows")
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.rows.setMinimumHeight(40)
        self.rows.setMaximumHeight(150)
        self.rows.installEventFilter(self)
        self.rows.itemChanged.connect(lambda _item: self._propose_rows())
        self.line = _NewActionLine(self)
        self.line.setObjectName("newAction")
        self.line.setPlaceholderText(t("actions.placeholder", lang))
        self.line.add.connect(self.add_row)
        add = QPushButton(t("actions.add", lang), self)
        add.setObjectName("addAction")
        add.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        add.clicked.connect(self._add_from_line)
        self.remove = QPushButton(t("actions.remove", lang), self)
        self.remove.setObjectName("removeAction")
        self.remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove.clicked.connect(self.remove_current)
        line_row = QHBoxLayout()
        line_row.addWidget(self.line, 1)
        line_row.addWidget(add)
        line_row.addWidget(self.remove)
        layout.addLayout(line_row)
        layout.addWidget(self.rows)
        self.setFocusProxy(self.line)
        self._update_rows_visible()

    def values(self) -> list[str]:
        return [self.rows.item(i).text() for i in range(self.rows.count())]

    def name_for_screen_readers(self, name: str) -> None:
        super().name_for_screen_readers(name)
        self.rows.setAccessibleName(name)
        self.line.setAccessibleName(f"{name}: {t('actions.placeholder', self.lang)}")

    def set_value(self, value: AnswerValue | None) -> None:
        self.rows.blockSignals(True)
        self.rows.clear()
        for text in value if isinstance(value, list) else []:
            self._append(text)
        self.rows.blockSignals(False)
        self._update_rows_visible()

    def saved(self, value: AnswerValue | None) -> None:
        """Rows normally already show what was proposed; redraw only when they differ."""
        shown = [v.strip() for v in self.values() if v.strip()]
        if shown != (value if isinstance(value, list) else []):
            self.set_value(value)

    def _append(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.rows.addItem(item)

    def _update_rows_visible(self) -> None:
        has_rows = self.rows.count() > 0
        self.rows.setVisible(has_rows)
        self.remove.setEnabled(has_rows)
        self.rows.setFixedHeight(min(150, 12 + 34 * max(1, self.rows.count())))

    def _add_from_line(self) -> None:
        if self.line.text().strip():
            self.add_row(self.line.text().strip())
            self.line.clear()
        self.line.setFocus()

    def add_row(self, text: str) -> None:
        self.rows.blockSignals(True)
        self._append(text)
        self.rows.blockSignals(False)
        self._update_rows_visible()
        self._propose_rows()

    def remove_current(self) -> None:
        if not take_current_row(self.rows):
            return
        self._update_rows_visible()
        self._propose_rows()

    def _propose_rows(self) -> None:
        rows = [v.strip() for v in self.values() if v.strip()]
        self.chosen.emit(rows or None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.rows and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Delete and self.rows.state() != \
                    QAbstractItemView.State.EditingState:
                self.remove_current()
                return True
        return super().eventFilter(watched, event)


def scale_options(form: Form, item: Item, lang: str) -> list[Option]:
    assert item.scale is not None
    return [Option(p.value, str(p.value), loc(p.label, lang), loc(p.hint, lang))
            for p in form.scale(item.scale).points]


def make_editor(form: Form, item: Item, lang: str, parent: QWidget | None = None) -> ItemEditor:
    """The editor that fits the item's type."""
    if item.type in (ItemType.SCALE, ItemType.CHOICE):
        return ChoiceEditor(scale_options(form, item, lang), lang,
                            decline=item.allow_decline, parent=parent)
    if item.type == ItemType.YES_NO:
        options = [Option(True, t("yes", lang), ""), Option(False, t("no", lang), "")]
        letters: dict[int, Any] = {Qt.Key.Key_J: True, Qt.Key.Key_Y: True,
                                   Qt.Key.Key_N: False}
        return ChoiceEditor(options, lang, decline=item.allow_decline, letters=letters,
                            parent=parent)
    if item.type == ItemType.ACTIONS:
        return ActionsEditor(lang, parent)
    if item.type in (ItemType.NUMBER, ItemType.MULTI_CHOICE):
        from ui.session.answer_fields import MultiChoiceEditor, NumberEditor

        if item.type == ItemType.NUMBER:
            return NumberEditor(item, lang, parent)
        return MultiChoiceEditor(form, item, lang, parent)
    return TextEditor(lang, parent)
