"""One client: details, sessions (draft / completed), consent records and the audit trail."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.client_dialog import ClientDialog, mask_bsn
from ui.clients import add_shortcut, format_date
from ui.dialog_parts import column, hint_label, side_by_side
from ui.i18n_qt import tr
from ui.table_fit import WrappingHeader, fitted, refit

if TYPE_CHECKING:
    from services.changes import Changes
    from storage.records import AuditEvent, ClientRecord, SessionRecord
    from storage.store import Store

FormTitle = Callable[[str, str], str]


def referrer_text(client: ClientRecord, lang: str) -> str:
    """'verwezen door J. Bakker (verloskundige, Praktijk Oost)': only what is stored."""
    details = ", ".join(x for x in (client.referrer_role, client.referrer_practice) if x)
    if client.referrer and details:
        return tr("client.referrer_details", lang, referrer=client.referrer, details=details)
    if client.referrer:
        return tr("client.referrer", lang, referrer=client.referrer)
    return tr("client.referrer_unnamed", lang, details=details) if details else ""


def scope_words(scope: str, lang: str) -> str:
    """A consent's scope ('gesprek,uitkomst') in words of the UI language."""
    words = []
    for word in (w.strip() for w in scope.split(",")):
        key = f"session.consent.scope.{word}"
        text = tr(key, lang)
        words.append(word if text == key else text)
    return ", ".join(w for w in words if w)


HIDDEN_DETAILS = ("consent",)  # record ids say nothing to a reader


def detail_words(detail: str, lang: str) -> str:
    """An audit detail ('results=1 years=7') with its known names in words."""
    parts = []
    for part in detail.split():
        name, sep, value = part.partition("=")
        if sep and (not value or name in HIDDEN_DETAILS):
            continue
        flag = f"audit.detail.{name}.{value}"  # a yes/no detail said as a whole phrase
        if sep and value in ("0", "1") and tr(flag, lang) != flag:
            parts.append(tr(flag, lang))
            continue
        key = f"audit.detail.{name}"
        text = tr(key, lang) if sep else key
        parts.append(f"{text}: {value}" if sep and text != key else part)
    return " · ".join(parts)


def who_words(user: str, lang: str, login: str | None = None) -> str:
    """Who an audit row names. Rows written before the professional's name was set (or by
    a command) carry the computer's login: said as such, since the person is not known."""
    if not user:
        return "—"
    if user == (login if login is not None else _login()):
        return tr("client.audit.system_account", lang, login=user)
    return user


def _login() -> str:
    with suppress(Exception):
        return getpass.getuser()
    return ""


FOLD_WITHIN_S = 600  # repeated reads by the same person within ten minutes show as one row


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    user: str
    action: str
    detail: str
    times: int = 1


def fold_repeats(events: Sequence[AuditEvent]) -> list[AuditRow]:
    """Events newest first, with a run of the same read (same person, session and detail,
    each within ten minutes of the next) folded into one row that counts them."""
    rows: list[AuditRow] = []
    last: AuditEvent | None = None
    for event in events:
        if (rows and last is not None and event.action.startswith(("read_", "list_", "search_"))
                and (event.action, event.user, event.session_id, event.detail)
                == (last.action, last.user, last.session_id, last.detail)
                and abs((last.at - event.at).total_seconds()) <= FOLD_WITHIN_S):
            rows[-1] = replace(rows[-1], times=rows[-1].times + 1)
        else:
            rows.append(AuditRow(event.at, event.user, event.action, event.detail))
        last = event
    return rows


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(38)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], ids: list[str] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if ids is not None and c == 0:
                item.setData(Qt.ItemDataRole.UserRole, ids[r])
            table.setItem(r, c, item)
    if rows:
        table.selectRow(0)
    if isinstance(table.horizontalHeader(), WrappingHeader):
        refit(table)


def _selected_id(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return str(item.data(Qt.ItemDataRole.UserRole)) if item else None


class ClientPage(QWidget):
    """Shows one client; asks the window to open or start a session, or to go back."""

    back = Signal()
    open_session = Signal(str)
    new_session = Signal(str)
    export_session = Signal(str)
    screen_key = "screen.client"

    def __init__(
        self,
        store: Store,
        client_id: str,
        lang: str = "nl",
        *,
        form_title: FormTitle | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clientPage")
        self.store = store
        self.client_id = client_id
        self.lang = lang
        self.form_title = form_title or (lambda form_id, version: form_id)
        self.client: ClientRecord = store.get_client(client_id)
        self._sessions: list[SessionRecord] = []
        self._stale = False

        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back)
        self.name = QLabel()
        self.name.setObjectName("title")
        self.details = hint_label()
        self.new_button = QPushButton()
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(lambda: self.new_session.emit(self.client_id))
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("editClientButton")
        self.edit_button.clicked.connect(self.edit_client)
        self.dialog: ClientDialog | None = None

        self.sessions = _table(7)
        self.sessions.setObjectName("sessionTable")
        fitted(self.sessions)  # wraps, never wider than the window (1366×768: issue 18)
        self.sessions.activated.connect(lambda _index: self._open_selected())
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_selected)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportSessionButton")
        self.export_button.clicked.connect(self._export_selected)
        self.consents = _table(5)
        self.consents.setObjectName("consentTable")
        self.withdraw_button = QPushButton()
        self.withdraw_button.clicked.connect(self._withdraw_selected)
        self.audit = _table(4)
        self.audit.setObjectName("auditTable")
        fitted(self.audit, flexible=3)  # the detail takes the room
        self.sessions_empty = QLabel()
        self.sessions_empty.setObjectName("placeholder")
        self.consents_empty = QLabel()
        self.consents_empty.setObjectName("placeholder")

        self.tabs = QTabWidget()
        self.tabs.addTab(self._tab(self.sessions, self.sessions_empty, self.export_button,
                                   self.open_button), "")
        self.tabs.addTab(self._tab(self.consents, self.consents_empty, self.withdraw_button), "")
        self.tabs.addTab(self._tab(self.audit), "")

        add_shortcut(self, QKeySequence(Qt.Key.Key_Escape), self.back.emit)
        add_shortcut(self, QKeySequence("Alt+Left"), self.back.emit)
        add_shortcut(self, QKeySequence("Ctrl+Shift+N"),
                     lambda: self.new_session.emit(self.client_id))

        column(self, (32, 16, 32, 20), 12, side_by_side(self.back_button, None, self.edit_button,
                                                  self.new_button),
               self.name, self.details, (self.tabs, 1))
        self.retranslate(lang)

    @staticmethod
    def _tab(table: QTableWidget, empty: QLabel | None = None,
             *buttons: QPushButton) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(table, 1)
        if empty is not None:
            layout.addWidget(empty)
        if buttons:
            row = QHBoxLayout()
            row.addStretch(1)
            for button in buttons:
                row.addWidget(button)
            layout.addLayout(row)
        return page

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.back_button.setText(tr("client.back", lang))
        self.back_button.setToolTip("Esc")
        self.new_button.setText(tr("client.new_session", lang))
        self.edit_button.setText(tr("client.edit", lang))
        self.open_button.setText(tr("client.open_session", lang))
        self.export_button.setText(tr("exportui.client.export", lang))
        self.withdraw_button.setText(tr("client.withdraw", lang))
        self.tabs.setTabText(0, tr("client.tab.sessions", lang))
        self.tabs.setTabText(1, tr("client.tab.consents", lang))
        self.tabs.setTabText(2, tr("client.tab.audit", lang))
        for table, key in ((self.sessions, "client.tab.sessions"),
                           (self.consents, "client.tab.consents"), (self.audit, "client.tab.audit")):
            table.setAccessibleName(tr(key, lang))
        self.sessions.setHorizontalHeaderLabels([tr(f"client.session.{k}", lang) for k in
                                                 ("form", "version", "state", "progress",
                                                  "outcome", "started", "updated")])
        self.consents.setHorizontalHeaderLabels([tr(f"client.consent.{k}", lang) for k in
                                                 ("given_by", "recipient", "scope", "given_at",
                                                  "status")])
        self.audit.setHorizontalHeaderLabels([tr(f"client.audit.{k}", lang) for k in
                                              ("at", "user", "action", "detail")])
        self.sessions_empty.setText(tr("client.sessions_empty", lang))
        self.consents_empty.setText(tr("client.consents_empty", lang))
        self.refresh()

    def apply_changes(self, changes: Changes) -> None:
        """Refresh from what an operation changed: now when this page shows, else the next
        time it is shown."""
        if not changes.touches_client(self.client_id):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Re-read sessions, consents and audit events (the client itself is read once)."""
        self._stale = False
        lang = self.lang
        client = self.client
        self.name.setText(client.name)
        parts = []
        if client.birth_date:
            parts.append(tr("clients.born", lang, date=format_date(client.birth_date)))
        if client.due_date:
            parts.append(tr("clients.due", lang, date=format_date(client.due_date)))
        if client.bsn:
            parts.append(tr("client.bsn", lang, bsn=mask_bsn(client.bsn)))
        referrer = referrer_text(client, lang)
        if referrer:
            parts.append(referrer)
        self.details.setText("   ·   ".join(parts) or tr("client.no_details", lang))

        sessions = self.store.list_sessions(self.client_id)
        self._sessions = sessions
        _fill(
            self.sessions,
            [[self.form_title(s.form_id, s.form_version), s.form_version,
              tr(f"client.state.{s.state}", lang), *self._progress(s),
              format_date(s.created_at), format_date(s.completed_at or s.updated_at)]
             for s in sessions],
            [s.id for s in sessions],
        )
        self.sessions_empty.setVisible(not sessions)
        self.sessions.setVisible(bool(sessions))
        self.open_button.setEnabled(bool(sessions))
        self.export_button.setEnabled(bool(sessions))

        consents = self.store.list_consents(client_id=self.client_id)
        _fill(
            self.consents,
            [[c.given_by, c.recipient, scope_words(c.scope, lang), format_date(c.given_at),
              tr("client.consent.active", lang) if c.active else
              tr("client.consent.withdrawn", lang, date=format_date(c.withdrawn_at))]
             for c in consents],
            [c.id for c in consents],
        )
        self.consents_empty.setVisible(not consents)
        self.consents.setVisible(bool(consents))
        self.withdraw_button.setEnabled(any(c.active for c in consents))

        events = self.store.read_audit(self.client_id)  # the view is itself audited
        _fill(
            self.audit,
            [[format_date(row.at), who_words(row.user, lang), self._action_text(row.action, row.times),
              detail_words(row.detail, lang)] for row in fold_repeats(list(reversed(events)))],
        )

    def edit_client(self) -> None:
        """Change the client's details (name, dates, BSN, referrer's name, role, practice)."""
        self.dialog = ClientDialog(self.lang, self._save_client, self.window(),
                                   client=self.client)
        self.dialog.finished.connect(self._dialog_closed)
        self.dialog.open()

    def _save_client(self, fields: dict[str, Any]) -> str:
        if fields:  # nothing changed: nothing written, nothing audited as a change
            self.client = self.store.update_client(self.client_id, **fields)
            self.refresh()
        return self.client_id

    def _dialog_closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def relabel_forms(self) -> None:
        """Show the forms' titles (once the catalog has loaded) without reading the store."""
        for row, session in enumerate(self._sessions):
            item = self.sessions.item(row, 0)
            if item is not None:
                item.setText(self.form_title(session.form_id, session.form_version))

    def _progress(self, session: SessionRecord) -> list[str]:
        """Progress and outcome cells: "7 van 13 domeinen", the decided level(s)."""
        from services.session_rows import session_row

        row = session_row(session, self.lang)
        progress = tr("client.progress", self.lang, n=row.answered, total=row.total)
        outcome = (", ".join(row.decided) if row.decided
                   else tr("client.no_outcome", self.lang))
        return [progress, outcome]

    def _action_text(self, action: str, times: int = 1) -> str:
        key = f"audit.action.{action}"
        text = tr(key, self.lang)
        text = action if text == key else text
        return tr("client.audit.times", self.lang, action=text, n=times) if times > 1 else text

    def _open_selected(self) -> None:
        session_id = _selected_id(self.sessions)
        if session_id:
            self.open_session.emit(session_id)

    def _export_selected(self) -> None:
        session_id = _selected_id(self.sessions)
        if session_id:
            self.export_session.emit(session_id)

    def _withdraw_selected(self) -> None:
        consent_id = _selected_id(self.consents)
        if not consent_id:
            return
        note, ok = QInputDialog.getText(self, f"Samenspraak — {tr('client.withdraw', self.lang)}",
                                        tr("client.withdraw_note", self.lang))
        if ok:
            self.withdraw_consent(consent_id, note)

    def withdraw_consent(self, consent_id: str, note: str = "") -> None:
        self.store.withdraw_consent(consent_id, note=note)
        self.refresh()
