"""Which client-bearing screen the main window shows: the client list, one client's page and a
session's screen, built when needed and destroyed when left (or when the window locks). A
session is opened once (`services.opened_session`) and its screen built by the session factory;
the screens refresh from the changes its writes report."""

from __future__ import annotations

import importlib
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from services.client_age import age_in_months
from services.store_notices import Notice
from ui.i18n_qt import tr

if TYPE_CHECKING:
    from instruments.loader import LoadedForm
    from services.changes import Changes
    from storage.records import SessionRecord
    from ui.client_page import ClientPage
    from ui.clients import ClientListPage
    from ui.main_window import MainWindow
    from ui.session_screen import SessionScreen, SessionScreenFactory


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


class ScreenRouter(QObject):
    """Builds, shows and drops the screens that show client data; see the module docstring."""

    def __init__(self, window: MainWindow, session_factory: SessionScreenFactory | None) -> None:
        super().__init__(window)
        self.window = window
        self._session_factory = session_factory
        self.list_page: ClientListPage | None = None
        self.client_page: ClientPage | None = None
        self.session_page: SessionScreen | None = None
        self.draft_warning: QWidget | None = None  # the question before a second draft

    def session_factory(self) -> SessionScreenFactory:
        from ui.session_screen import SessionPlaceholder

        return self._session_factory or default_session_factory() or SessionPlaceholder

    def _discard(self, widget: QWidget) -> None:
        widget.hide()
        self.window.stack.removeWidget(widget)
        widget.setParent(None)
        widget.deleteLater()

    # ----- the client list and one client ------------------------------------------------------

    def add_client_list(self) -> ClientListPage:
        from ui.clients import ClientListPage

        window = self.window
        assert window.store is not None
        self.list_page = ClientListPage(window.store, window.lang)
        self.list_page.open_client.connect(self.show_client)
        window.stack.addWidget(self.list_page)
        return self.list_page

    def show_clients(self) -> None:
        if self.list_page is None:
            return
        self.drop_session_page()
        self.drop_client_page()
        self.list_page.refresh()
        self.window.show_page(self.list_page)
        self.list_page.focus_search()

    def show_client(self, client_id: str) -> None:
        from ui.client_page import ClientPage

        window = self.window
        if window.store is None:
            return
        self.drop_session_page()
        self.drop_client_page()
        page = ClientPage(window.store, client_id, window.lang,
                          form_title=lambda f, v: window.catalog.form_title(f, v, window.lang))
        page.back.connect(self.show_clients)
        page.open_session.connect(self.open_session)
        page.new_session.connect(self.start_new_session)
        page.export_session.connect(window.export_session)
        self.client_page = page
        window.stack.addWidget(page)
        window.show_page(page)
        (page.sessions if page.sessions.rowCount() else page.new_button).setFocus()

    def drop_client_page(self) -> None:
        if self.client_page is not None:
            self._discard(self.client_page)
            self.client_page = None

    def drop_client_screens(self) -> None:
        """Destroy every screen that can show client data."""
        self.drop_session_page()
        self.drop_client_page()
        if self.list_page is not None:
            self._discard(self.list_page)
            self.list_page = None

    def store_changed(self, changes: Changes) -> None:
        """Screens refresh from what an operation changed (the client page lists sessions)."""
        if self.client_page is not None:
            self.client_page.apply_changes(changes)

    # ----- sessions ----------------------------------------------------------------------------

    def start_new_session(self, client_id: str) -> None:
        """Load the catalog if needed, ask for instrument and version, start and open it."""
        if self.window.catalog.catalog is None:
            self.window.load_catalog(then=lambda: self.start_new_session(client_id))
            return
        from ui.new_session import NewSessionDialog

        catalog, problems = self.window.catalog.catalog
        client = self.client_page.client if self.client_page is not None else None
        age = (age_in_months(client.birth_date, client.due_date, date.today())
               if client is not None and client.id == client_id else None)
        dialog = NewSessionDialog(catalog, self.window.lang, problems, self.window,
                                  age_months=age)
        dialog.chosen.connect(lambda loaded: self._start_session(client_id, loaded))
        self.window.new_session_dialog = self.window.open_dialog(dialog)

    def _start_session(self, client_id: str, loaded: LoadedForm, *, confirmed: bool = False
                       ) -> None:
        """Start it, unless the client has a draft of the same form: then ask first whether
        to open that draft, start a second one anyway, or do neither."""
        store = self.window.store
        if store is None:
            return
        from services.opened_session import start_session
        from services.session_rows import open_drafts

        drafts = [] if confirmed else open_drafts(store.list_sessions(client_id), loaded.form.id)
        if drafts:
            self._warn_second_draft(client_id, loaded, drafts[0])
            return

        changes = start_session(store, client_id, loaded, self.window.settings.conductor())
        self.store_changed(changes)
        if changes.session_id is not None:
            self.open_session(changes.session_id)

    def _warn_second_draft(self, client_id: str, loaded: LoadedForm, draft: SessionRecord
                           ) -> None:
        from PySide6.QtWidgets import QMessageBox

        from instruments.model import localize
        from ui.clients import format_date

        lang = self.window.lang
        box = QMessageBox(QMessageBox.Icon.Question, f"Samenspraak — {tr('draft.title', lang)}",
                          tr("draft.text", lang, form=localize(loaded.form.title, lang),
                             date=format_date(draft.created_at)), parent=self.window)
        box.setObjectName("secondDraftWarning")
        open_draft = box.addButton(tr("draft.open", lang), QMessageBox.ButtonRole.AcceptRole)
        anyway = box.addButton(tr("draft.start_anyway", lang), QMessageBox.ButtonRole.ActionRole)
        box.addButton(tr("common.cancel", lang), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_draft)

        def clicked(button: object) -> None:
            if button is open_draft:
                self.open_session(draft.id)
            elif button is anyway:
                self._start_session(client_id, loaded, confirmed=True)

        box.buttonClicked.connect(clicked)
        box.finished.connect(box.deleteLater)
        self.draft_warning = box
        box.open()

    def open_session(self, session_id: str, *, discuss: bool = False) -> None:
        """The session's screen (see ui.conversation_factory); `discuss` opens a self-report's
        discussion whether or not her part is done. The session is read once."""
        window = self.window
        if window.store is None:
            return
        from services.opened_session import open_session

        opened = open_session(window.store, session_id, lang=window.lang)
        if self.client_page is None or self.client_page.client_id != opened.client_id:
            self.show_client(opened.client_id)
        self.drop_session_page()
        if discuss:
            from ui.conversation_factory import discussion_view

            view = discussion_view(opened, window.lang, None)
        else:
            view = self.session_factory()(opened, window.lang, None)
        view.use_suggestion_preference(window.settings_store.suggestion_preference(
            opened.writer.professional or window.settings.professional))
        opened.writer.on_change(self.store_changed)
        view.closed.connect(self.close_session)
        view.reopened.connect(lambda sid, d=view.is_discussion: self.open_session(sid, discuss=d))
        view.hand_to_client.connect(window.hand_out.hand_to_client)
        view.discuss.connect(lambda sid: self.open_session(sid, discuss=True))
        self.session_page = view
        window.stack.addWidget(view)
        window.show_page(view)
        window.activateWindow()  # a dialog may just have closed over the window
        focused = QApplication.focusWidget()
        if focused is None or not view.isAncestorOf(focused):
            (view.focusWidget() or view).setFocus()  # the control the view chose, if any

    def reopen_session(self) -> None:
        """Build the session's screen again (after a change of language)."""
        if self.session_page is not None:
            page = self.session_page
            self.open_session(page.session_id, discuss=page.is_discussion)

    def close_session(self) -> None:
        """Back from a session to its client's page (everything was saved as it was given)."""
        self.drop_session_page()
        if self.client_page is not None:
            self.window.show_page(self.client_page)
            self.client_page.sessions.setFocus()
        else:
            self.show_clients()

    def drop_session_page(self) -> None:
        view, self.session_page = self.session_page, None
        if view is not None:
            view.shutdown()
            self._discard(view)

    def retranslate(self, lang: str) -> None:
        if self.list_page is not None:
            self.list_page.retranslate(lang)
        if self.client_page is not None:
            self.client_page.retranslate(lang)
        self.reopen_session()

    def banner(self, key: str, **values: object) -> None:
        if self.list_page is not None:
            self.list_page.show_banner(tr(key, self.window.lang, **values))

    def unlock_banner(self, notices: list[Notice], profile_complete: bool) -> None:
        """After an unlock: what the store open found (most serious first), else a note when
        the professional's details are still missing."""
        lang = self.window.lang
        lines = [tr("unlock.failed_attempts" if key == "cli.store.failed_unlocks" else key,
                    lang, **values) for key, values in notices]
        if not lines and not profile_complete:
            lines = [tr("profile.banner", lang)]
        if lines and self.list_page is not None:
            self.list_page.show_banner("\n".join(lines))
