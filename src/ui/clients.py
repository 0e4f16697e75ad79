"""The client list with instant search, and the dialog to add a client."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from ui.dialog_parts import (
    accept_cancel_buttons,
    add_fields,
    column,
    dialog_column,
    dialog_form,
    heading_label,
    hint_label,
)
from ui.i18n_qt import tr

if TYPE_CHECKING:
    from storage.records import ClientRecord
    from storage.store import Store

DATE_FORMAT = "%d-%m-%Y"
_Index = QModelIndex | QPersistentModelIndex


def add_shortcut(parent: QWidget, keys: QKeySequence, slot: Callable[[], None]) -> QShortcut:
    """A shortcut active while `parent`'s window is active and `parent` is shown."""
    shortcut = QShortcut(keys, parent)
    shortcut.activated.connect(slot)
    return shortcut


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone().strftime("%d-%m-%Y %H:%M") if value.tzinfo else value.strftime(
            "%d-%m-%Y %H:%M"
        )
    return value.strftime(DATE_FORMAT)


class DateProblem(ValueError):
    """A typed date that is no date: `reason` is 'format', 'month' or 'day'."""

    def __init__(self, reason: str, day: int = 0, month: int = 0, year: int = 0) -> None:
        super().__init__(reason)
        self.reason, self.day, self.month, self.year = reason, day, month, year

    def text(self, field_key: str, lang: str) -> str:
        """The message for the field `field_key` ('birth_date' or 'due_date')."""
        values: dict[str, object] = {"field": tr(f"newclient.field.{field_key}", lang),
                                     "day": self.day, "month": self.month, "year": self.year}
        if self.reason == "day":
            values["month_name"] = tr(f"month.{self.month}", lang)
        return tr(f"newclient.error.date_{self.reason}", lang, **values)


_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


def parse_date(text: str) -> date | None:
    """`dd-mm-jjjj` (also with / or .) to a date; empty is None; DateProblem (a ValueError)
    saying what is wrong: not in that form, no such month, or no such day in that month."""
    text = text.strip()
    if not text:
        return None
    for separator in "/.":
        text = text.replace(separator, "-")
    match = _DATE.fullmatch(text)
    if match is None:
        raise DateProblem("format")
    day, month, year = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise DateProblem("month", day, month, year)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateProblem("day", day, month, year) from None


class ClientTableModel(QAbstractTableModel):
    """Clients as rows: name, birth or due date, referrer."""

    COLUMNS = ("clients.col.name", "clients.col.date", "clients.col.referrer")

    def __init__(self, lang: str = "nl", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.clients: list[ClientRecord] = []

    def set_clients(self, clients: Sequence[ClientRecord]) -> None:
        self.beginResetModel()
        self.clients = list(clients)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.clients)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        client = self.clients[index.row()]
        column = index.column()
        if column == 0:
            return client.name
        if column == 1:
            dates = [tr(key, self.lang, date=format_date(day)) for key, day in
                     (("clients.born", client.birth_date), ("clients.due", client.due_date))
                     if day]
            return " · ".join(dates)
        return client.referrer or ""

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.COLUMNS[section], self.lang)
        return None

    def client_id(self, row: int) -> str | None:
        return self.clients[row].id if 0 <= row < len(self.clients) else None


class _SearchField(QLineEdit):
    """The search box: Down moves into the result list."""

    down_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Down:
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class ClientListPage(QWidget):
    """Search and pick a client; `open_client(id)` when one is chosen."""

    open_client = Signal(str)
    screen_key = "screen.clients"

    def __init__(self, store: Store, lang: str = "nl", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientListPage")
        self.store = store
        self.lang = lang
        self.dialog: NewClientDialog | None = None

        self.title = QLabel()
        self.title.setObjectName("title")
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.search = _SearchField()
        self.search.setObjectName("clientSearch")
        self.search.setClearButtonEnabled(True)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.new_button = QPushButton()
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_client)
        self.model = ClientTableModel(lang, self)
        self.table = QTableView()
        self.table.setObjectName("clientTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self._activated)
        self.empty = QLabel()
        self.empty.setObjectName("placeholder")
        self.empty.setWordWrap(True)
        self.count = QLabel()
        self.count.setObjectName("hint")

        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self._open_selected_or_single)
        self.search.down_pressed.connect(self._focus_table)
        add_shortcut(self, QKeySequence(QKeySequence.StandardKey.New), self.new_client)
        add_shortcut(self, QKeySequence(QKeySequence.StandardKey.Find), self.focus_search)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.new_button)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        layout = column(self, (32, 20, 32, 20), 14)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.count)
        self.retranslate(lang)
        self.refresh()

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.model.lang = lang
        self.title.setText(tr("clients.title", lang))
        self.search_label.setText(tr("clients.search", lang))
        self.search.setPlaceholderText(tr("clients.search_placeholder", lang))
        self.new_button.setText(tr("clients.new", lang))
        self.new_button.setToolTip(QKeySequence(QKeySequence.StandardKey.New).toString())
        self.table.setAccessibleName(tr("clients.title", lang))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self.refresh()

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        text = self.search.text().strip()
        clients = self.store.search_clients(text)
        self.model.set_clients(clients)
        if clients:
            self.table.selectRow(0)
        self.table.setVisible(bool(clients))
        if clients:
            self.empty.hide()
        else:
            self.empty.setText(tr("clients.none_found" if text else "clients.empty", self.lang))
            self.empty.show()
        self.count.setText(tr("clients.count", self.lang, count=len(clients)))

    def _focus_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _open_selected_or_single(self) -> None:
        row = self._selected_row()
        if row is None and self.model.rowCount() == 1:
            row = 0
        if row is not None:
            self._activated(self.model.index(row, 0))

    def _activated(self, index: QModelIndex) -> None:
        client_id = self.model.client_id(index.row())
        if client_id:
            self.open_client.emit(client_id)

    def new_client(self) -> None:
        self.dialog = NewClientDialog(self.lang, self._add_client, self.window())
        self.dialog.created.connect(self.open_client)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _add_client(self, fields: dict[str, Any]) -> str:
        name = fields.pop("name")
        client = self.store.add_client(name, **fields)
        self.refresh()
        return client.id

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None


class NewClientDialog(QDialog):
    """Name, birth or due date, BSN and referrer; `created(client_id)` once stored."""

    created = Signal(str)

    def __init__(
        self,
        lang: str,
        submit: Callable[[dict[str, Any]], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newClientDialog")
        self.lang = lang
        self.submit = submit
        self.setWindowTitle(f"Samenspraak — {tr('newclient.title', lang)}")
        self.setModal(True)
        self.setMinimumWidth(620)

        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.birth_date = QLineEdit()
        self.birth_date.setObjectName("birthDate")
        self.birth_date.setPlaceholderText(tr("newclient.date_placeholder", lang))
        self.due_date = QLineEdit()
        self.due_date.setObjectName("dueDate")
        self.due_date.setPlaceholderText(tr("newclient.date_placeholder", lang))
        self.bsn = QLineEdit()
        self.bsn.setObjectName("bsn")
        self.bsn.setMaxLength(9)
        self.bsn.setInputMask("")
        self.referrer = QLineEdit()
        self.referrer.setObjectName("referrer")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()

        heading = heading_label(tr("newclient.title", lang))
        form = dialog_form(12)
        add_fields(form, lang, ("newclient.name", self.name),
                   ("newclient.birth_date", self.birth_date),
                   ("newclient.due_date", self.due_date), ("newclient.bsn", self.bsn),
                   ("newclient.referrer", self.referrer))

        hint = hint_label(tr("newclient.hint", lang))
        buttons, self.save_button = accept_cancel_buttons(self, tr("newclient.save", lang), lang)

        layout = dialog_column(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.setFocus()

    def fields(self) -> dict[str, Any]:
        """The entered values, checked; ValueError carries a user-facing message."""
        from storage.bsn import bsn_valid, normalise_bsn

        name = " ".join(self.name.text().split())
        if not name:
            raise ValueError(tr("newclient.error.name", self.lang))
        values: dict[str, Any] = {"name": name}
        for key, edit in (("birth_date", self.birth_date), ("due_date", self.due_date)):
            try:
                values[key] = parse_date(edit.text())
            except DateProblem as problem:
                raise ValueError(problem.text(key, self.lang)) from None
        bsn = self.bsn.text().strip()
        if bsn and not bsn_valid(bsn):
            raise ValueError(tr("newclient.error.bsn", self.lang))
        values["bsn"] = normalise_bsn(bsn) if bsn else None
        values["referrer"] = self.referrer.text().strip() or None
        return values

    def accept(self) -> None:
        from storage.errors import StoreError

        try:
            client_id = self.submit(self.fields())
        except ValueError as exc:
            self._show_error(str(exc))
            return
        except StoreError as exc:
            self._show_error(exc.text(self.lang))
            return
        super().accept()
        self.created.emit(client_id)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
