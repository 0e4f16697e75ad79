"""The main window: a stack of screens (create/unlock, clients, client, session) and locking.

Screens that show client data exist only while the store is open; locking destroys them,
closes the store and leaves only the unlock screen, with the bare title "Samenspraak".
A self-report handed to the client runs in its own locked-down window; meanwhile this window
shows a neutral page, auto-lock is off (her window has its own idle cover) and locking waits
until the professional has taken the laptop back with the store's passphrase.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.autolock import AutoLock
from ui.i18n_qt import tr
from ui.session_screen import SessionScreen
from ui.settings import AppSettings, SettingsDialog, SettingsStore
from ui.unlock import CreateStorePage, UnlockPage
from ui.workers import BackgroundOp, wait_for_all

if TYPE_CHECKING:
    from instruments.loader import FormCatalog, FormProblem, LoadedForm
    from services.changes import Changes
    from services.opened_session import OpenedSession
    from storage.store import KdfParams, Store
    from ui.client_page import ClientPage
    from ui.clients import ClientListPage
    from ui.selfreport.window import SelfReportWindow
    from ui.selfreport_handover import HandedOutPage
    from ui.session_screen import SessionScreenFactory

APP_NAME = "Samenspraak"
# The authoritative Store.exists check (which imports the storage stack) waits until the first
# window has painted, so it neither delays the window nor competes with it for the GIL.
PRESENCE_CHECK_DELAY_MS = 300


def store_looks_present(folder: Path) -> bool:
    """A cheap first guess (no storage import): a non-empty folder holds a store.
    The window confirms it with Store.exists in the background right after it shows."""
    try:
        return folder.is_dir() and any(folder.iterdir())
    except OSError:
        return False


def default_session_factory() -> SessionScreenFactory | None:
    """ui.conversation_factory.conversation_view (the screen that fits the session's form) when
    the conversation screens are part of the build, else None (placeholder page)."""
    try:
        module = importlib.import_module("ui.conversation_factory")
        importlib.import_module("ui.session.view")
    except ModuleNotFoundError as exc:
        if exc.name in ("ui.session", "ui.session.view", "ui.conversation_factory"):
            return None
        raise
    factory: SessionScreenFactory = module.conversation_view
    return factory


class SessionPlaceholder(SessionScreen):
    """Shown for a session while the conversation screen is not part of the build."""

    def __init__(self, opened: OpenedSession, lang: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(opened.session_id, parent)
        self.setObjectName("sessionPlaceholder")
        label = QLabel(tr("session.placeholder", lang))
        label.setObjectName("placeholder")
        label.setWordWrap(True)
        back = QPushButton(tr("session.placeholder_back", lang))
        back.setObjectName("primary")
        back.clicked.connect(self.closed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(label)
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        back.setFocus()



class TopBar(QFrame):
    """App name and the always-present actions: clients, settings, lock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topbar")
        self.name = QLabel(APP_NAME)
        self.name.setObjectName("appname")
        self.clients_button = QPushButton()
        self.clients_button.setObjectName("clientsButton")
        self.settings_button = QPushButton()
        self.settings_button.setObjectName("settingsButton")
        self.reports_button = QPushButton()
        self.reports_button.setObjectName("reportsButton")
        self._lang = "nl"
        self._unlocked = False
        self.lock_button = QPushButton()
        self.lock_button.setObjectName("lockButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 8)
        layout.addWidget(self.name)
        layout.addStretch(1)
        for button in (self.clients_button, self.reports_button, self.settings_button,
                       self.lock_button):
            layout.addWidget(button)

    def retranslate(self, lang: str) -> None:
        self.clients_button.setText(tr("top.clients", lang))
        self.settings_button.setText(tr("top.settings", lang))
        self.lock_button.setText(tr("top.lock", lang))
        self.lock_button.setToolTip(tr("top.lock_tip", lang))
        self._lang = lang
        if self._unlocked:  # its text is outside the fast `ui` catalog: label it once unlocked
            self._label_reports()

    def _label_reports(self) -> None:
        self.reports_button.setText(tr("exportui.top.reports", self._lang))
        self.reports_button.setToolTip(tr("exportui.top.reports_tip", self._lang))

    def set_unlocked(self, unlocked: bool) -> None:
        self.clients_button.setVisible(unlocked)
        self.lock_button.setVisible(unlocked)
        self.reports_button.setVisible(unlocked)
        self._unlocked = unlocked
        if unlocked:
            self._label_reports()


class MainWindow(QMainWindow):
    """Owns the open Store (or none while locked) and switches between the screens."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        folder: Path,
        settings_store: SettingsStore,
        *,
        kdf: KdfParams | None = None,
        session_factory: SessionScreenFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.folder = folder
        self.settings_store = settings_store
        self.settings: AppSettings = settings_store.load()
        self.kdf = kdf
        self._session_factory = session_factory
        self.store: Store | None = None
        self.list_page: ClientListPage | None = None
        self.client_page: ClientPage | None = None
        self.session_page: SessionScreen | None = None
        self._resume: tuple[str | None, str | None] = (None, None)  # (client id, session id)
        self._resume_discussion = False
        self.selfreport_window: SelfReportWindow | None = None
        self.handed_out_page: HandedOutPage | None = None
        self._catalog: tuple[FormCatalog, list[FormProblem]] | None = None
        self._catalog_op: BackgroundOp | None = None
        self._exists_op: BackgroundOp | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.new_session_dialog: QDialog | None = None
        self.export_dialog: QDialog | None = None

        lang = self.lang
        self.topbar = TopBar()
        self.topbar.clients_button.clicked.connect(self.show_clients)
        self.topbar.settings_button.clicked.connect(self.open_settings)
        self.topbar.reports_button.clicked.connect(self.open_period_export)
        self.topbar.lock_button.clicked.connect(self.lock)
        self.stack = QStackedWidget()
        self.create_page = CreateStorePage(folder, lang, user=self.settings.professional, kdf=kdf)
        self.unlock_page = UnlockPage(folder, lang, user=self.settings.professional)
        self.create_page.opened.connect(self._store_opened)
        self.unlock_page.opened.connect(self._store_opened)
        self.stack.addWidget(self.create_page)
        self.stack.addWidget(self.unlock_page)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.topbar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.lock)
        self.addAction(self.lock_action)
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        self.addAction(self.settings_action)

        self.autolock = AutoLock(self.settings.autolock_minutes * 60, self)
        self.autolock.idle_timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.autolock)

        self.topbar.retranslate(lang)
        self.topbar.set_unlocked(False)
        self._show_start_page()

    # ----- state -------------------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return self.settings.language

    @property
    def is_locked(self) -> bool:
        return self.store is None

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        self._update_title()

    def _update_title(self) -> None:
        page = self.stack.currentWidget()
        if self.is_locked and page is not self.create_page:
            self.setWindowTitle(APP_NAME)
            return
        key = getattr(page, "screen_key", "screen.session")
        self.setWindowTitle(f"{APP_NAME} — {tr(key, self.lang)}")

    # ----- start, unlock, lock -----------------------------------------------------------------

    def _show_start_page(self, *, after_lock: bool = False) -> None:
        present = after_lock or store_looks_present(self.folder)
        page: CreateStorePage | UnlockPage = self.unlock_page if present else self.create_page
        self._show(page)
        page.reset(after_lock=after_lock)
        if not after_lock:
            QTimer.singleShot(PRESENCE_CHECK_DELAY_MS, self._confirm_store_presence)

    def _confirm_store_presence(self) -> None:
        """Store.exists in the background; it also warms the storage imports for the unlock."""
        folder = self.folder

        def exists() -> bool:
            from storage.store import Store

            return bool(Store.exists(folder))

        self._exists_op = BackgroundOp(exists, self).on_success(self._store_presence_known).run()

    def _store_presence_known(self, present: object) -> None:
        if not self.is_locked:
            return
        current = self.stack.currentWidget()
        if present and current is self.create_page and not self.create_page.passphrase.text():
            self.unlock_page.reset()
            self._show(self.unlock_page)
        elif not present and current is self.unlock_page:
            self.create_page.reset()
            self._show(self.create_page)

    def _store_opened(self, store: Store) -> None:
        from ui.clients import ClientListPage

        self.store = store
        self.list_page = ClientListPage(store, self.lang)
        self.list_page.open_client.connect(self.show_client)
        failed = int(getattr(store, "failed_unlocks", 0) or 0)
        if failed:
            self.list_page.show_banner(tr("unlock.failed_attempts", self.lang, count=failed))
        self.stack.addWidget(self.list_page)
        self.topbar.set_unlocked(True)
        self.autolock.arm()
        self.unlocked.emit()
        client_id, session_id = self._resume
        self._resume = (None, None)
        if session_id:
            self.open_session(session_id, discuss=self._resume_discussion)
        elif client_id:
            self.show_client(client_id)
        else:
            self.show_clients()
        self._load_catalog()

    def lock(self) -> None:
        """Close every client-bearing screen and dialog, close the store, show the unlock screen.
        While a self-report is handed out, her window (left only with the passphrase) stays up
        and the store stays open under it: nothing is locked until it is handed back."""
        if self.is_locked:
            return
        if self.selfreport_window is not None:
            self.selfreport_window.raise_()
            self.selfreport_window.activateWindow()
            return
        self.autolock.disarm()
        self._resume = (
            self.client_page.client_id if self.client_page is not None else None,
            self.session_page.session_id if self.session_page is not None else None,
        )
        self._resume_discussion = bool(self.session_page and self.session_page.is_discussion)
        self._drop_client_screens()
        store, self.store = self.store, None
        if store is not None:
            store.close()
        self.topbar.set_unlocked(False)
        self._show_start_page(after_lock=True)
        self.locked.emit()

    def _drop_client_screens(self) -> None:
        """Close dialogs and destroy every screen that can show client data."""
        self._close_dialogs()
        self._drop_session_page()
        self._drop_client_page()
        if self.list_page is not None:
            self._discard(self.list_page)
            self.list_page = None

    def _close_dialogs(self) -> None:
        for dialog in self.findChildren(QDialog):
            dialog.reject()
            dialog.hide()
            dialog.deleteLater()
        self.settings_dialog = None
        self.new_session_dialog = None
        self.export_dialog = None
        if self.list_page is not None:
            self.list_page.dialog = None

    def _discard(self, widget: QWidget) -> None:
        widget.hide()
        self.stack.removeWidget(widget)
        widget.setParent(None)
        widget.deleteLater()

    # ----- clients ----------------------------------------------------------------------------

    def show_clients(self) -> None:
        if self.list_page is None:
            return
        self._drop_session_page()
        self._drop_client_page()
        self.list_page.refresh()
        self._show(self.list_page)
        self.list_page.focus_search()

    def show_client(self, client_id: str) -> None:
        from ui.client_page import ClientPage

        if self.store is None:
            return
        self._drop_session_page()
        self._drop_client_page()
        page = ClientPage(self.store, client_id, self.lang, form_title=self._form_title)
        page.back.connect(self.show_clients)
        page.open_session.connect(self.open_session)
        page.new_session.connect(self.start_new_session)
        page.export_session.connect(self.export_session)
        self.client_page = page
        self.stack.addWidget(page)
        self._show(page)
        (page.sessions if page.sessions.rowCount() else page.new_button).setFocus()

    def _drop_client_page(self) -> None:
        if self.client_page is not None:
            self._discard(self.client_page)
            self.client_page = None

    # ----- sessions ---------------------------------------------------------------------------

    def session_factory(self) -> SessionScreenFactory:
        return self._session_factory or default_session_factory() or SessionPlaceholder

    def open_session(self, session_id: str, *, discuss: bool = False) -> None:
        """The session's screen (see ui.conversation_factory); `discuss` opens a self-report's
        discussion whether or not her part is done. The session is read once."""
        if self.store is None:
            return
        from services.opened_session import open_session

        opened = open_session(self.store, session_id, lang=self.lang)
        if self.client_page is None or self.client_page.client_id != opened.client_id:
            self.show_client(opened.client_id)
        self._drop_session_page()
        if discuss:
            from ui.conversation_factory import discussion_view

            view = discussion_view(opened, self.lang, None)
        else:
            view = self.session_factory()(opened, self.lang, None)
        opened.writer.on_change(self._store_changed)
        view.closed.connect(self.close_session)
        view.hand_to_client.connect(self.hand_to_client)
        view.discuss.connect(lambda sid: self.open_session(sid, discuss=True))
        self.session_page = view
        self.stack.addWidget(view)
        self._show(view)
        self.activateWindow()  # a dialog may just have closed over the window
        focused = QApplication.focusWidget()
        if focused is None or not view.isAncestorOf(focused):
            (view.focusWidget() or view).setFocus()  # the control the view chose, if any

    def _store_changed(self, changes: Changes) -> None:
        """Screens refresh from what an operation changed (the client page lists sessions)."""
        if self.client_page is not None:
            self.client_page.apply_changes(changes)

    def close_session(self) -> None:
        """Back from a session to its client's page (everything was saved as it was given)."""
        self._drop_session_page()
        if self.client_page is not None:
            self._show(self.client_page)
            self.client_page.sessions.setFocus()
        else:
            self.show_clients()

    def _drop_session_page(self) -> None:
        view, self.session_page = self.session_page, None
        if view is not None:
            view.shutdown()
            self._discard(view)

    # ----- self-report: handing the laptop to the client -----------------------------------------

    @property
    def is_handed_out(self) -> bool:
        return self.selfreport_window is not None

    def hand_to_client(self, session_id: str) -> None:
        """Auto-lock off, no client data left on screen here, her full-screen window up; only
        the store's passphrase (checked on a worker thread) brings the laptop back."""
        if self.store is None or self.selfreport_window is not None:
            return
        from ui.selfreport.window import SelfReportWindow
        from ui.selfreport_handover import HandedOutPage

        store = self.store
        from services.opened_session import open_session

        window = SelfReportWindow(open_session(store, session_id, lang=self.lang),
                                  unlock_check=store.verify_passphrase, parent=self)
        window.handed_back.connect(self._handed_back)
        self.selfreport_window = window
        self.autolock.disarm()
        self._close_dialogs()
        self._drop_session_page()
        self._drop_client_page()
        if self.handed_out_page is None:
            self.handed_out_page = HandedOutPage(self.lang)
            self.stack.addWidget(self.handed_out_page)
        self.handed_out_page.retranslate(self.lang)
        self.topbar.set_unlocked(False)
        self._show(self.handed_out_page)
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:  # the whole screen even where no window manager does it
            window.setGeometry(screen.geometry())
        window.showFullScreen()
        window.raise_()
        window.activateWindow()

    def _handed_back(self, session_id: str) -> None:
        """The professional unlocked her window: auto-lock on again, on to the discussion."""
        window, self.selfreport_window = self.selfreport_window, None
        if window is not None:
            window.deleteLater()  # it closes itself right after this signal
        if self.store is None:
            return
        self.topbar.set_unlocked(True)
        self.autolock.arm()
        self.open_session(session_id, discuss=True)

    def _end_hand_out(self) -> None:
        """App shutdown: let her window go (her answers are saved as she gives them)."""
        window, self.selfreport_window = self.selfreport_window, None
        if window is not None:
            window.release()
            window.close()
            window.deleteLater()

    def start_new_session(self, client_id: str) -> None:
        """Load the catalog if needed, ask for instrument and version, start and open it."""
        if self._catalog is None:
            self._load_catalog(then=lambda: self.start_new_session(client_id))
            return
        from ui.new_session import NewSessionDialog

        catalog, problems = self._catalog
        dialog = NewSessionDialog(catalog, self.lang, problems, self)
        dialog.chosen.connect(lambda loaded: self._start_session(client_id, loaded))
        dialog.finished.connect(dialog.deleteLater)
        self.new_session_dialog = dialog
        dialog.open()

    def _start_session(self, client_id: str, loaded: LoadedForm) -> None:
        if self.store is None:
            return
        from services.opened_session import start_session

        changes = start_session(self.store, client_id, loaded)
        self._store_changed(changes)
        if changes.session_id is not None:
            self.open_session(changes.session_id)

    def _load_catalog(self, then: Callable[[], None] | None = None) -> None:
        folder = self.settings.forms_folder or None

        def load() -> Any:
            from instruments.loader import load_catalog

            return load_catalog(folder)

        def loaded(result: Any) -> None:
            self._catalog = result
            if self.is_locked:
                return
            if self.client_page is not None:
                self.client_page.relabel_forms()
            if then is not None:
                then()

        self._catalog_op = BackgroundOp(load, self).on_success(loaded).run()

    def _form_title(self, form_id: str, version: str) -> str:
        if self._catalog is None:
            return form_id
        from instruments.model import localize

        loaded = self._catalog[0].get(form_id, version) or self._catalog[0].latest(form_id)
        return localize(loaded.form.title, self.lang) if loaded else form_id

    # ----- exports ----------------------------------------------------------------------------

    def _letterhead(self) -> Any:
        from export.inputs import Letterhead

        return Letterhead(organisation=self.settings.organisation,
                          professional=self.settings.professional)

    def export_session(self, session_id: str) -> None:
        """The per-session export dialog (letter, report, FHIR, BDS)."""
        if self.store is None:
            return
        from ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.store, session_id, self._letterhead(), self.lang, self)
        dialog.changed.connect(self._store_changed)
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    def open_period_export(self) -> None:
        """The period export dialog (management report, research CSV / SPSS)."""
        if self.store is None:
            return
        if self._catalog is None:
            self._load_catalog(then=self.open_period_export)
            return
        from instruments.model import localize
        from ui.period_export_dialog import PeriodExportDialog

        catalog = self._catalog[0]
        forms = [(form_id, localize(latest.form.title, self.lang))
                 for form_id in catalog.ids() if (latest := catalog.latest(form_id))]
        dialog = PeriodExportDialog(self.store, forms, self._letterhead(), self.lang, self)
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    # ----- settings ---------------------------------------------------------------------------

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        dialog.accepted_settings.connect(self.apply_settings)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def apply_settings(self, settings: AppSettings) -> None:
        old = self.settings
        self.settings = settings.normalised()
        self.settings_store.save(self.settings)
        self.autolock.set_timeout(self.settings.autolock_minutes * 60)
        self.create_page.user = self.unlock_page.user = self.settings.professional
        if self.settings.forms_folder != old.forms_folder:
            self._catalog = None
            if not self.is_locked:
                self._load_catalog()
        if self.settings.language != old.language:
            self.retranslate()

    def retranslate(self) -> None:
        lang = self.lang
        self.topbar.retranslate(lang)
        self.create_page.retranslate(lang)
        self.unlock_page.retranslate(lang)
        if self.list_page is not None:
            self.list_page.retranslate(lang)
        if self.client_page is not None:
            self.client_page.retranslate(lang)
        if self.handed_out_page is not None:
            self.handed_out_page.retranslate(lang)
        if self.session_page is not None:
            page = self.session_page
            self.open_session(page.session_id, discuss=page.is_discussion)
        self._update_title()

    # ----- closing ----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Save-and-close: a handed-out self-report, the session view, the store, and wait for
        background work."""
        self._end_hand_out()
        self.autolock.disarm()
        self._drop_client_screens()
        wait_for_all()
        store, self.store = self.store, None
        if store is not None:
            store.close()
        app = QApplication.instance()
        if isinstance(app, QObject):
            app.removeEventFilter(self.autolock)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.shutdown()
        super().closeEvent(event)
