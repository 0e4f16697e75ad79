"""The main window: the top bar, a stack of screens and the dialogs over it. It owns the open
Store (or none while locked) and hands the work to the start pages (`ui.start_pages`), the
screen router (`ui.screen_router`), the lock and self-report hand-out (`ui.lock_handout`) and
the form catalog (`ui.catalog_loading`). Screens with client data exist only while unlocked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from services.store_notices import store_notices
from ui.app_filters import install_after_first_paint
from ui.appearance import follow_system_contrast
from ui.autolock import AutoLock
from ui.catalog_loading import CatalogLoading
from ui.dialog_parts import column
from ui.export_launcher import ExportLauncher
from ui.i18n_qt import tr
from ui.keyboard import WindowKeys
from ui.lock_handout import LockAndHandOut
from ui.qt_translations import install_qt_translations
from ui.screen_router import ScreenRouter
from ui.session_screen import SessionPlaceholder
from ui.settings import AppSettings, SettingsDialog, SettingsStore
from ui.start_pages import StartPages
from ui.theme import restyle_application
from ui.top_bar import APP_NAME, TopBar
from ui.workers import wait_for_all

if TYPE_CHECKING:
    from instruments.loader import FormCatalog, FormProblem
    from storage.store import KdfParams, Store
    from ui.client_page import ClientPage
    from ui.clients import ClientListPage
    from ui.selfreport.window import SelfReportWindow
    from ui.session_screen import SessionScreen, SessionScreenFactory

__all__ = ["APP_NAME", "MainWindow", "SessionPlaceholder"]


class MainWindow(QMainWindow):
    """Owns the open Store (or none while locked); see the module docstring."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, folder: Path, settings_store: SettingsStore, *,
                 kdf: KdfParams | None = None,
                 session_factory: SessionScreenFactory | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.folder = folder
        self.settings_store = settings_store
        self.settings: AppSettings = settings_store.load()
        self.kdf = kdf
        self.store: Store | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.new_session_dialog: QDialog | None = None
        self.export_dialog: QDialog | None = None
        self.router = ScreenRouter(self, session_factory)
        self.exports = ExportLauncher(self)
        self.hand_out = LockAndHandOut(self)
        self.catalog = CatalogLoading(lambda: self.settings.form_sources(), self)

        lang = self.lang
        install_qt_translations(lang)  # Qt's own dialogs and buttons in the UI language
        self.topbar = TopBar()
        self.topbar.clients_button.clicked.connect(self.show_clients)
        self.topbar.settings_button.clicked.connect(self.open_settings)
        self.topbar.reports_button.clicked.connect(self.open_period_export)
        self.topbar.lock_button.clicked.connect(self.lock)
        self.stack = QStackedWidget()
        self.start = StartPages(folder, lang, self.settings.professional, kdf,
                                show_page=self.show_page, current=self.current_screen,
                                is_locked=lambda: self.is_locked,
                                profile=self.settings.profile(),
                                needs_profile=lambda: not self.settings.profile_complete,
                                parent=self)
        self.create_page, self.unlock_page = self.start.create_page, self.start.unlock_page
        self.profile_page = self.start.profile_page
        self.profile_page.given.connect(self._profile_given)
        for page in (self.create_page, self.unlock_page):
            page.opened.connect(self._store_opened)
        for page in self.start.pages:
            self.stack.addWidget(page)
        central = QWidget()
        layout = column(central, (0, 0, 0, 0), 0)
        layout.addWidget(self.topbar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.lock_action = self._action("Ctrl+L", self.lock)
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.settings_action = self._action("Ctrl+,", self.open_settings)
        self.keys = WindowKeys(self)  # F1, F6, Enter on buttons, Ctrl+plus / minus
        restyle_application(self.settings.text_scale, self.settings.contrast)
        follow_system_contrast(then=self.router.reopen_session)

        self.autolock = AutoLock(self.settings.autolock_minutes * 60, self)
        self.autolock.idle_timeout.connect(self.lock)
        install_after_first_paint(self, self.autolock, self.keys.enter)

        self.topbar.retranslate(lang)
        self.topbar.set_unlocked(False)
        self.start.show()

    def _action(self, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # ----- state (the helpers' screens, read through the window) -------------------------------

    @property
    def lang(self) -> str:
        return self.settings.language

    @property
    def is_locked(self) -> bool:
        return self.store is None

    @property
    def list_page(self) -> ClientListPage | None:
        return self.router.list_page

    @property
    def client_page(self) -> ClientPage | None:
        return self.router.client_page

    @property
    def session_page(self) -> SessionScreen | None:
        return self.router.session_page

    @property
    def selfreport_window(self) -> SelfReportWindow | None:
        return self.hand_out.selfreport_window

    @property
    def _catalog(self) -> tuple[FormCatalog, list[FormProblem]] | None:
        return self.catalog.catalog

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        self._update_title()

    def _update_title(self) -> None:
        page = self.stack.currentWidget()
        if self.is_locked and page not in (self.create_page, self.profile_page):
            self.setWindowTitle(APP_NAME)
            return
        key = getattr(page, "screen_key", "screen.session")
        self.setWindowTitle(f"{APP_NAME} — {tr(key, self.lang)}")

    # ----- start, unlock, lock -----------------------------------------------------------------

    def _profile_given(self, values: dict[str, str]) -> None:
        """The first start's details: kept in the settings, then the passphrase step."""
        self.apply_settings(replace(self.settings, **values))
        self.start.show_create()

    def _store_opened(self, store: Store) -> None:
        self.store = store
        self.router.add_client_list()
        self.router.unlock_banner(store_notices(store, str(self.folder)),
                                  self.settings.profile_complete)
        self.topbar.set_unlocked(True)
        self.autolock.arm()
        self.unlocked.emit()
        self.hand_out.resume()
        self.load_catalog()

    def lock(self) -> None:
        self.hand_out.lock()

    def drop_client_screens(self) -> None:
        """Close dialogs and destroy every screen that can show client data."""
        self.close_dialogs()
        self.router.drop_client_screens()

    def close_dialogs(self) -> None:
        for dialog in self.findChildren(QDialog):
            dialog.reject()
            dialog.hide()
            dialog.deleteLater()
        self.settings_dialog = self.new_session_dialog = self.export_dialog = None
        if self.list_page is not None:
            self.list_page.dialog = None

    # ----- screens (see ui.screen_router) --------------------------------------------------------

    def show_clients(self) -> None:
        self.router.show_clients()

    def show_client(self, client_id: str) -> None:
        self.router.show_client(client_id)

    def open_session(self, session_id: str, *, discuss: bool = False) -> None:
        self.router.open_session(session_id, discuss=discuss)

    # ----- the catalog --------------------------------------------------------------------------

    def load_catalog(self, then: Callable[[], None] | None = None) -> None:
        def loaded() -> None:
            if self.is_locked:
                return
            if self.client_page is not None:
                self.client_page.relabel_forms()
            if then is not None:
                then()

        self.catalog.load(then=loaded)

    # ----- exports (ui.export_launcher) ---------------------------------------------------------

    def export_session(self, session_id: str) -> None:
        self.exports.session(session_id)

    def open_period_export(self) -> None:
        self.exports.period()

    def open_dialog(self, dialog: QDialog) -> QDialog:
        """Open `dialog` over the window; it is deleted once closed."""
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    # ----- settings ---------------------------------------------------------------------------

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        dialog.accepted_settings.connect(self.apply_settings)
        self.open_dialog(dialog)
        self.settings_dialog = dialog

    def apply_settings(self, settings: AppSettings) -> None:
        old = self.settings
        self.settings = settings.normalised()
        self.settings_store.save(self.settings)
        self.autolock.set_timeout(self.settings.autolock_minutes * 60)
        self.start.set_user(self.settings.professional)
        if self.settings.form_sources() != old.form_sources():
            self.catalog.forget()
            if not self.is_locked:
                self.load_catalog()
        restyled = restyle_application(self.settings.text_scale, self.settings.contrast)
        if self.settings.language != old.language:
            self.retranslate()
        elif restyled:
            self.router.reopen_session()  # drawn again at the new size or contrast

    def retranslate(self) -> None:
        lang = self.lang
        install_qt_translations(lang)
        self.topbar.retranslate(lang)
        self.start.retranslate(lang)
        self.hand_out.retranslate(lang)
        self.router.retranslate(lang)
        self._update_title()

    # ----- closing ----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Save-and-close: a handed-out self-report, the session view, the store, and wait for
        background work."""
        self.hand_out.end()
        self.autolock.disarm()
        self.keys.shutdown()
        self.drop_client_screens()
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
