"""The together view: the whole matrix (domains × questions) as on the paper form, with the
parent's and the professional's ratings side by side and differences marked. Protected safety
questions are left out: the table is on view for everyone at the table."""

from __future__ import annotations

import textwrap
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from instruments.answers import DECLINED, AnswerValue
from instruments.model import Domain, Item, ItemType
from instruments.number_input import number_text
from instruments.result_text import choices_text
from instruments.scoring import DomainProfile
from services.conversation import SessionController
from ui.dialog_parts import column
from ui.session.page_parts import add_label
from ui.session.text import loc, t
from ui.table_fit import HyphenatingDelegate, WrappingHeader, fit_columns

MARK_BACKGROUND = QColor("#ffe1a8")
PARENT_BACKGROUND = QColor("#eaf2fb")
PROFESSIONAL_BACKGROUND = QColor("#eef7ec")
FIRST_COLUMN_MIN = 170  # the domain titles wrap onto two or three lines below this

_Index = QModelIndex | QPersistentModelIndex


class MatrixModel(QAbstractTableModel):
    """Rows: the counted domains. Columns: the domain, each question (item key) in form order,
    and, with a profile, the difference between parent and professional."""

    def __init__(self, controller: SessionController, lang: str) -> None:
        super().__init__()
        self.controller = controller
        self.lang = lang
        form = controller.form
        self.domains: list[Domain] = form.counted_domains()
        # With a matrix (the paper form's columns), a column per question key; a form whose
        # domains each have their own questions (ALPHA-NL) gets numbered question columns.
        self.positional = not form.matrix
        self.columns: list[Item] = []
        self.width = 0
        if self.positional:
            self.width = max((len(self.items_of(d)) for d in self.domains), default=0)
        else:
            seen: set[str] = set()
            for domain in self.domains:
                for item in self.items_of(domain):
                    if item.key not in seen:
                        seen.add(item.key)
                        self.columns.append(item)
            self.width = len(self.columns)
        self.profile = form.profile
        self.has_difference = form.profile is not None and bool(
            form.profile.parent and form.profile.professional)
        self._profiles: dict[str, DomainProfile] = {}
        self.refresh()

    def items_of(self, domain: Domain) -> list[Item]:
        """The domain's items the table shows (every one but a protected safety question)."""
        return [item for item in self.controller.form.domain_items(domain) if not item.safety]

    def refresh(self) -> None:
        """Re-read answers and profiles (after answers changed)."""
        self.beginResetModel()
        self._profiles = {p.domain_id: p for p in self.controller.result().profiles}
        self.endResetModel()

    # ----- shape ---------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.domains)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + self.width + int(self.has_difference)

    def column_item(self, column: int, domain: Domain | None = None) -> Item | None:
        """The item shown in `column` (for a numbered column: in `domain`)."""
        if not 1 <= column <= self.width:
            return None
        if not self.positional:
            return self.columns[column - 1]
        if domain is None:
            return None
        items = self.items_of(domain)
        return items[column - 1] if column <= len(items) else None

    def is_difference_column(self, column: int) -> bool:
        return self.has_difference and column == 1 + self.width

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return t("together.domain", self.lang)
            if self.is_difference_column(section):
                return t("together.difference", self.lang)
            if self.positional:
                return t("together.question_n", self.lang, n=section)
            item = self.column_item(section)
            if item is None:
                return None
            label = self._who(item)
            if item.short:
                short = loc(item.short, self.lang)
            else:
                short = textwrap.shorten(loc(item.text, self.lang), 36, placeholder="…")
            return f"{short} ({label})" if label and label not in short else short
        if role == Qt.ItemDataRole.ToolTipRole:
            item = self.column_item(section)
            return loc(item.text, self.lang) if item else None
        return None

    def _who(self, item: Item) -> str:
        if self.profile is not None and item.key == self.profile.parent:
            return t("who.parent", self.lang)
        if self.profile is not None and item.key == self.profile.professional:
            return t("who.professional", self.lang)
        return ""

    # ----- cells ---------------------------------------------------------------------------

    def cell_text(self, domain: Domain, item: Item) -> str:
        """What a cell shows: hidden answers show as not applicable, never their value."""
        item_id = f"{domain.id}.{item.key}"
        if not any(it.key == item.key for it in self.controller.form.domain_items(domain)):
            return ""
        if not self.controller.is_visible(item_id):
            return t("together.not_applicable", self.lang)
        value: AnswerValue | None = self.controller.answer(item_id)
        if value is None:  # a missing rating never reads as blank or "fine"
            rated = item.type in (ItemType.SCALE, ItemType.CHOICE, ItemType.YES_NO,
                                  ItemType.NUMBER, ItemType.MULTI_CHOICE)
            return t("together.not_answered", self.lang) if rated else ""
        if value == DECLINED:
            return t("card.decline", self.lang)
        if item.type == ItemType.SCALE and isinstance(value, int):
            return str(value)  # the number on the answer card; the label is the tooltip
        if item.type == ItemType.CHOICE and isinstance(value, int):
            return textwrap.shorten(self.point_label(item, value), 24, placeholder="…")
        if item.type == ItemType.YES_NO:
            return t("yes", self.lang) if value is True else t("no", self.lang)
        if item.type == ItemType.NUMBER and isinstance(value, int | float):
            return textwrap.shorten(number_text(item, value, self.lang), 24, placeholder="…")
        if item.type == ItemType.MULTI_CHOICE and isinstance(value, list):
            labels = choices_text(self.controller.form, item,
                                  [v for v in value if isinstance(v, int)], self.lang)
            return textwrap.shorten(labels, 40, placeholder="…")
        if item.type == ItemType.ACTIONS and isinstance(value, list):
            key = "together.actions_one" if len(value) == 1 else "together.actions_many"
            return t(key, self.lang, n=len(value))
        return textwrap.shorten(str(value), 40, placeholder="…")

    def nothing_answered(self, row: int) -> bool:
        """No answer, note or action at all in this row's domain yet."""
        domain = self.domains[row]
        return all(self.controller.answer(f"{domain.id}.{item.key}") is None
                   for item in self.items_of(domain))

    def point_label(self, item: Item, value: int) -> str:
        assert item.scale is not None
        point = self.controller.form.scale(item.scale).point(value)
        return loc(point.label, self.lang) if point else str(value)

    def difference_text(self, profile: DomainProfile | None) -> str:
        if profile is None or profile.difference is None:
            return ""
        if profile.marked:
            return t("together.marked", self.lang, n=abs(profile.difference))
        if profile.difference == 0:
            return t("together.same", self.lang)
        return t("together.small", self.lang, n=abs(profile.difference))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        domain = self.domains[index.row()]
        column = index.column()
        profile = self._profiles.get(domain.id)
        marked = profile is not None and profile.marked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{index.row() + 1}. {loc(domain.title, self.lang)}"
            if self.is_difference_column(column):
                return self.difference_text(profile)
            item = self.column_item(column, domain)
            return self.cell_text(domain, item) if item else None
        if role == Qt.ItemDataRole.BackgroundRole:
            item = self.column_item(column, domain)
            if self.is_difference_column(column) and marked:
                return QBrush(MARK_BACKGROUND)
            if item is not None and self.profile is not None:
                if item.key in (self.profile.parent, self.profile.professional) and marked:
                    return QBrush(MARK_BACKGROUND)
                if item.key == self.profile.parent:
                    return QBrush(PARENT_BACKGROUND)
                if item.key == self.profile.professional:
                    return QBrush(PROFESSIONAL_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.FontRole and (
            column == 0 or (marked and self.is_difference_column(column))
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if self.is_difference_column(column) and marked:
                return t("together.marked_tip", self.lang)
            item = self.column_item(column, domain)
            value = self.controller.visible_answer(f"{domain.id}.{item.key}") if item else None
            if item is not None and item.type == ItemType.SCALE and isinstance(value, int) \
                    and not isinstance(value, bool):
                return f"{loc(item.text, self.lang)}\n{value} · {self.point_label(item, value)}"
            return loc(item.text, self.lang) if item is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            item = self.column_item(column, domain)
            if item is not None and item.type == ItemType.SCALE:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return domain.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class MatrixTable(QTableView):
    """The matrix table; Enter on a row opens that domain (and is not passed on). Its
    columns are fitted to its viewport's width whenever that changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self.fit()
        return super().eventFilter(watched, event)

    def fit(self) -> None:
        """A domain with nothing answered yet is one cell "niet beantwoord" across the
        row; then the columns, header and rows to the table's present width."""
        model = self.model()
        if not isinstance(model, MatrixModel):
            return
        self.clearSpans()
        spanned = [row for row in range(model.rowCount())
                   if model.nothing_answered(row) and model.columnCount() > 2]
        for row in spanned:
            self.setSpan(row, 1, 1, model.columnCount() - 1)
        fit_columns(self, FIRST_COLUMN_MIN, model.nothing_answered)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentIndex().isValid():
                self.activated.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class TogetherView(QWidget):
    """The matrix page. Clicking (or Enter on) a row emits the domain to jump to."""

    domain_activated = Signal(str)

    def __init__(self, controller: SessionController, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("togetherView")
        self.lang = lang
        layout = column(self, (28, 10, 28, 10), 8)
        self.model = MatrixModel(controller, lang)
        add_label(layout, self, self._legend(controller), "domainDescription", wrap=True)
        self.table = MatrixTable(self)
        self.table.setObjectName("matrix")
        self.table.setAccessibleName(t("together.title", lang))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrapped, never "…"
        self.table.setItemDelegate(HyphenatingDelegate(self.table))
        self.table.verticalHeader().setVisible(False)
        # Widths shared out by fit_columns on every resize (every word fits where it can),
        # labels wrapped in the header, rows as tall as their wrapped texts.
        self.table.setHorizontalHeader(WrappingHeader(self.table))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.clicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)

    def _legend(self, controller: SessionController) -> str:
        profile = controller.form.profile
        if profile is None or not (profile.parent and profile.professional):
            return t("together.legend_plain", self.lang)
        return t("together.legend", self.lang, n=profile.mark_difference)

    def fit(self) -> None:
        self.table.fit()

    def refresh(self) -> None:
        self.model.refresh()
        self.fit()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.domain_activated.emit(self.model.domains[index.row()].id)
