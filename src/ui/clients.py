"""The client list with instant search (the dialog to add a client is ui.client_dialog)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from ui.client_dialog import DATE_FORMAT, ClientDialog
from ui.dialog_parts import column
from ui.i18n_qt import tr

if TYPE_CHECKING:
    from storage.records import ClientRecord
    from storage.store import Store

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
        self.dialog: ClientDialog | None = None

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
        self.dialog = ClientDialog(self.lang, self._add_client, self.window())
        self.dialog.saved.connect(self.open_client)
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
