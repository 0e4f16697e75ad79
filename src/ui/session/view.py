"""The session screen: walk the domains one at a time with progress, the together view and the
closing page, with full keyboard use and a visible saved state."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QImage, QKeyEvent, QKeySequence, QRegion, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services.conversation import SaveFailed, SessionController
from ui.appearance import adapt
from ui.dialog_parts import column
from ui.session.closing_page import ClosingPage
from ui.session.domain_page import DomainPage, ItemRow
from ui.session.page_parts import (
    CompletesSession,
    ElidedLabel,
    complete_session,
    show_state,
)
from ui.session.style import SESSION_STYLE
from ui.session.text import loc, saved_at, t
from ui.session.together_view import TogetherView
from ui.session_screen import SessionScreen
from ui.source_cache import drop_module_sources

if TYPE_CHECKING:
    from services.opened_session import OpenedSession
    from ui.settings import SuggestionPreference


class SessionView(SessionScreen, CompletesSession):
    """One session, conducted or looked back on. Leaves with `closed`; `completed(session id)`
    after the professional completed it. Call `shutdown()` before dropping it (saves any text
    still being typed)."""

    def __init__(self, opened: OpenedSession, lang: str, parent: QWidget | None = None,
                 *, user: str | None = None) -> None:
        super().__init__(opened.session_id, parent)
        drop_module_sources()  # before the pages are built: their memory can reuse it
        self.setObjectName("sessionView")
        self.setStyleSheet(adapt(SESSION_STYLE))
        self.lang = lang
        self._shut = False
        self._position_pending = False
        self._position_timer = QTimer(self)
        self._position_timer.setSingleShot(True)
        self._position_timer.setInterval(0)
        self._position_timer.timeout.connect(self.store_position)
        by = user or opened.writer.professional  # who answers: the professional at the keyboard
        self.controller = SessionController(opened.writer, user=by)
        c = self.controller

        outer = column(self, (0, 0, 0, 0), 0)
        outer.addWidget(self._build_header())

        self.stack = QStackedWidget(self)
        self.stack.currentChanged.connect(self._paint_only_current)
        # Domain pages are built on first need and, one per idle moment, ahead of need.
        self.pages: list[DomainPage | None] = [None] * len(c.pages)
        self.rows: dict[str, ItemRow] = {}
        self._warm_timer = QTimer(self)
        self._warm_timer.setInterval(0)
        self._warm_timer.timeout.connect(self._build_ahead)
        self.together = TogetherView(c, lang, self.stack)
        self.together.domain_activated.connect(self.go_to_domain)
        self.stack.addWidget(self.together)
        self.closing = ClosingPage(c, lang, self.stack)
        self.attach_completing_page(self.closing)
        for body in self.closing.bodies:
            body.chosen.connect(self._on_chosen)
            body.set_visible_items(c.visible_map())
            self.rows.update(body.rows)
        self.stack.addWidget(self.closing)
        outer.addWidget(self.stack, 1)
        outer.addWidget(self._build_nav())

        for item_id, row in self.rows.items():
            row.show_loaded(c.answer(item_id))
        if c.completed:
            self._set_read_only()
        if opened.record.corrected:
            self.closing.show_versions(self._version_lines())
        self._shortcuts()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self._show(c.position, store_position=False)
        self._paint_only_current()

    # ----- building ------------------------------------------------------------------------

    def page(self, index: int) -> DomainPage:
        """The page of domain `index`, built now if it was not yet."""
        page = self.pages[index]
        if page is None:
            c = self.controller
            domain = c.pages[index]
            page = DomainPage(c.form, domain, c.items(domain), self.lang, self.stack)
            page.chosen.connect(self._on_chosen)
            page.set_visible_items(c.visible_map())
            for item_id, row in page.rows.items():
                row.show_loaded(c.answer(item_id))
            if c.completed:
                page.set_read_only(True)
            self.rows.update(page.rows)
            self.stack.addWidget(page)
            page.setUpdatesEnabled(page is self.stack.currentWidget())
            page.ensurePolished()
            self.pages[index] = page
        return page

    def _paint_only_current(self, _index: int = -1) -> None:
        """Updates on for the shown page only: QStackedWidget switches pages with updates off
        and on again for the whole stack, a walk over every built page's widgets, which Qt
        skips for a page whose updates are off (a page turn then touches two pages, not all)."""
        current = self.stack.currentWidget()
        for index in range(self.stack.count()):
            widget = self.stack.widget(index)
            if widget.updatesEnabled() != (widget is current):
                widget.setUpdatesEnabled(widget is current)

    def built_pages(self) -> list[DomainPage]:
        return [p for p in self.pages if p is not None]

    def _build_ahead(self) -> None:
        """Build (and style) the next page not built yet, one per idle moment."""
        order = list(range(self.controller.position, len(self.pages))) + list(
            range(0, self.controller.position))
        for index in order:
            if self.pages[index] is None:
                self._lay_out_hidden(self.page(index))
                return
        self._warm_timer.stop()

    def _lay_out_hidden(self, page: DomainPage) -> None:
        """Give a page built ahead the size the stack will show it at and lay it out now, while
        hidden: QStackedWidget sizes only the page it shows, so each page's first turn paid for
        laying out all its rows and wrapping all its texts (~2x the later turns). A resize of
        the window later on lays it out again when it is shown, as before."""
        if page is self.stack.currentWidget() or not self.stack.isVisible():
            return
        page.setGeometry(self.stack.rect())
        # A hidden widget gets its resize events only when shown (the scroll area sizes its
        # body in one, each row lays out in its own); QWidget.render sends them all first, as
        # it does before it paints a hidden widget: one pixel is painted for that.
        page.render(QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied), QPoint(),
                    QRegion(0, 0, 1, 1))

    def _build_header(self) -> QFrame:
        form = self.controller.form
        header = QFrame(self)
        self.header = header
        header.setObjectName("sessionHeader")
        header.setFixedHeight(88)  # a new progress text never re-lays out the whole window
        row = QHBoxLayout(header)
        row.setContentsMargins(20, 8, 20, 8)
        names = QVBoxLayout()
        title = QLabel(f"{loc(form.title, self.lang)} {form.version}", header)
        title.setObjectName("formTitle")
        title.setWordWrap(True)
        notice = ElidedLabel(loc(form.notice, self.lang), header)  # in full as its tooltip
        notice.setObjectName("formNotice")
        names.addWidget(title)
        names.addWidget(notice)
        row.addLayout(names, 3)
        progress = QVBoxLayout()
        self.progress_label = QLabel("", header)
        self.progress_label.setObjectName("progressLabel")
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar(header)
        self.progress.setObjectName("progressBar")
        self.progress.setRange(0, max(1, len(self.controller.counted)))
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(10)
        progress.addWidget(self.progress_label)
        progress.addWidget(self.progress)
        row.addLayout(progress, 2)
        self.saved_indicator = QLabel(t("saved.idle", self.lang), header)
        self.saved_indicator.setObjectName("savedIndicator")
        self.saved_indicator.setProperty("state", "")
        self.saved_indicator.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.saved_indicator.setWordWrap(False)  # its whole text, never a word lost
        row.addWidget(self.saved_indicator, 2)
        leave = QPushButton(t("nav.leave", self.lang), header)
        leave.setObjectName("leaveButton")
        # Reached by F6 (the header is a focus region of its own) and left out of Tab, which
        # stays on the questions.
        leave.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        leave.setToolTip(t("nav.leave_tip", self.lang))
        leave.setAccessibleDescription(t("nav.leave_tip", self.lang))
        self.leave_button = leave
        leave.clicked.connect(self.leave)
        row.addWidget(leave)
        return header

    def _build_nav(self) -> QFrame:
        nav = QFrame(self)
        nav.setObjectName("navBar")
        nav.setFixedHeight(60)
        row = QHBoxLayout(nav)
        row.setContentsMargins(20, 8, 20, 8)
        self.back_button = self._nav_button(nav, "backButton", "nav.back", self.go_back)
        self.together_button = self._nav_button(nav, "togetherButton", "nav.together",
                                                self.toggle_together)
        self.closing_button = self._nav_button(nav, "closingButton", "nav.closing",
                                               self.show_closing)
        hint = QLabel(t("nav.hint", self.lang), nav)
        hint.setObjectName("navHint")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_button = self._nav_button(nav, "nextButton", "nav.next", self.go_next)
        row.addWidget(self.back_button)
        row.addWidget(self.together_button)
        row.addWidget(self.closing_button)
        row.addWidget(hint, 1)
        row.addWidget(self.next_button)
        return nav

    def _nav_button(self, parent: QWidget, name: str, key: str, slot: object) -> QPushButton:
        button = QPushButton(t(key, self.lang), parent)
        button.setObjectName(name)
        # Reached by shortcuts; keeping them out of the Tab chain keeps Tab on the questions.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        return button

    def _shortcuts(self) -> None:
        bindings = (
            (("PgDown", "Ctrl+Right"), self.go_next),
            (("PgUp", "Ctrl+Left"), self.go_back),
            (("Ctrl+T",), self.toggle_together),
            (("Ctrl+E",), self.show_closing),
        )
        self._shortcut_objects: list[QShortcut] = []
        for keys, slot in bindings:
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
                self._shortcut_objects.append(shortcut)
        for key in (QKeySequence(Qt.Key.Key_Escape), QKeySequence("Alt+Left"),
                    QKeySequence("Ctrl+W")):
            shortcut = QShortcut(key, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(
                self.escape if key == QKeySequence(Qt.Key.Key_Escape) else self.leave)
            self._shortcut_objects.append(shortcut)

    def focus_regions(self) -> list[QWidget]:
        return [self.stack, self.header]

    def escape(self) -> None:
        """Escape closes the together view, else leaves the conversation for the client."""
        if self.stack.currentWidget() is self.together:
            self.back_to_domain()
        else:
            self.leave()

    # ----- navigation ----------------------------------------------------------------------

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _show(self, index: int, *, store_position: bool = True) -> None:
        c = self.controller
        index = max(0, min(index, c.closing_index))
        current = self.stack.currentWidget()
        if isinstance(current, DomainPage):
            current.flush()
        c.position = index
        if store_position:
            # The page turns first; the position is written right after it is shown.
            self._position_pending = True
            self._position_timer.start()
        if index < len(self.pages):
            page: QWidget = self.page(index)
            number = c.domain_number(index)
            if number is not None:
                self.progress_label.setText(t("progress.domain", self.lang, n=number,
                                              total=len(c.counted)))
                self._set_progress(number)
            else:
                self.progress_label.setText(loc(c.pages[index].title, self.lang))
                self._set_progress(0)
        else:
            page = self.closing
            self.closing.refresh()
            self.progress_label.setText(t("progress.closing", self.lang))
            self._set_progress(self.progress.maximum())
        if current is not page and current is not None and current.isAncestorOf(
                QApplication.focusWidget()):
            # Park the focus on the view first: hiding the focused page would make Qt search
            # the whole focus chain (every built page) for a new focus widget.
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.stack.setCurrentWidget(page)
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < c.closing_index)
        self._focus_start(page)
        if not self._warm_timer.isActive() and None in self.pages:
            self._warm_timer.start()

    def _set_progress(self, value: int) -> None:
        """QProgressBar.setValue repaints the bar at once (a paint of its own, ~0.7 ms); with
        its updates off for the change it is drawn with the new page, in the same paint."""
        if self.progress.value() == value:
            return
        self.progress.setUpdatesEnabled(False)
        self.progress.setValue(value)
        self.progress.setUpdatesEnabled(True)  # schedules the bar's update

    def _focus_start(self, page: QWidget) -> None:
        if isinstance(page, DomainPage):
            page.verticalScrollBar().setValue(0)
            editor = page.first_editor()
            (editor or self).setFocus(Qt.FocusReason.OtherFocusReason)
        elif isinstance(page, ClosingPage):
            page.verticalScrollBar().setValue(0)
            page.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)

    def store_position(self) -> None:
        """Write the current position to the store, if it changed since the last write."""
        self._position_timer.stop()
        if not self._position_pending:
            return
        self._position_pending = False
        try:
            self.controller.go_to(self.controller.position)
        except SaveFailed as exc:
            self._indicate("error", t("saved.position_failed", self.lang, reason=str(exc)))

    def go_next(self) -> None:
        if self.stack.currentWidget() is self.together or self.controller.position < self.controller.closing_index:
            self._show(self.controller.position + 1)

    def go_back(self) -> None:
        if self.stack.currentWidget() is self.together:
            self._show(self.controller.position)
        elif self.controller.position > 0:
            self._show(self.controller.position - 1)

    def go_to_domain(self, domain_id: str) -> None:
        self._show(self.controller.page_of_domain(domain_id))

    def back_to_domain(self) -> None:
        self._show(self.controller.position, store_position=False)

    def show_together(self) -> None:
        current = self.stack.currentWidget()
        if isinstance(current, DomainPage):
            current.flush()
        self.together.refresh()
        self.stack.setCurrentWidget(self.together)
        self.progress_label.setText(t("progress.together", self.lang))
        self.back_button.setEnabled(True)
        self.next_button.setEnabled(True)
        self.together.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_together(self) -> None:
        if self.stack.currentWidget() is self.together:
            self.back_to_domain()
        else:
            self.show_together()

    def show_closing(self) -> None:
        self._show(self.controller.closing_index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter that no question used moves on to the next domain."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                isinstance(self.stack.currentWidget(), DomainPage):
            self.go_next()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 (Qt names)
        """Tab and Shift+Tab cycle within the conversation, never out to the window's top bar,
        so the domain keys (PageDown, Enter) keep working wherever Tab leads."""
        current = QApplication.focusWidget()
        if current is None or not self.isAncestorOf(current):
            return super().focusNextPrevChild(next)
        candidate = current.nextInFocusChain() if next else current.previousInFocusChain()
        while candidate is not None and candidate is not current:
            if (self.isAncestorOf(candidate) and candidate.isVisible() and candidate.isEnabled()
                    and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus):
                reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
                candidate.setFocus(reason)
                return True
            candidate = candidate.nextInFocusChain() if next else candidate.previousInFocusChain()
        return super().focusNextPrevChild(next)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        page = self.stack.currentWidget()
        if new is None or not isinstance(page, DomainPage | ClosingPage):
            return
        if not page.isAncestorOf(new):
            return
        widget: QWidget | None = new
        while widget is not None and not isinstance(widget, ItemRow) and widget is not page:
            widget = widget.parentWidget()
        page.ensureWidgetVisible(widget if isinstance(widget, ItemRow) else new, 0, 24)

    # ----- answers -------------------------------------------------------------------------

    def _on_chosen(self, item_id: str, value: object) -> None:
        row = self.rows[item_id]
        try:
            changed = self.controller.set_answer(item_id, value)
        except SaveFailed as exc:
            reason = exc.reason(self.lang)
            row.show_error(reason)
            self._indicate("error", t("saved.failed", self.lang))
            return
        row.show_saved(self.controller.answer(item_id))
        self._indicate("saved", saved_at(self.lang))
        if changed:
            self._apply_visibility(changed)

    def _apply_visibility(self, changed: set[str]) -> None:
        visible = self.controller.visible_map()
        focused = QApplication.focusWidget()
        for page in self.built_pages():
            if changed & page.rows.keys():
                page.set_visible_items(visible, changed)
        for body in self.closing.bodies:
            if changed & body.rows.keys():
                body.set_visible_items(visible, changed)
        if focused is not None and not focused.isVisible():
            current = self.stack.currentWidget()
            if isinstance(current, DomainPage):
                editor = current.first_editor()
                if editor is not None:
                    editor.setFocus()

    def _indicate(self, state: str, text: str) -> None:
        show_state(self.saved_indicator, state, text)

    # ----- completing and leaving ----------------------------------------------------------

    def flush(self) -> None:
        """Save any text still being typed."""
        for page in self.built_pages():
            page.flush()
        for body in self.closing.bodies:
            body.flush()

    def outcome_names(self) -> Callable[[tuple[str, str | None]], str]:
        """An undecided outcome by its panel's title."""
        names = {p.scope.key: p.title.text() for p in self.closing.panels}
        return lambda key: names.get(key, key[0])

    def complete_now(self) -> None:
        """Complete the session (refused, and said so, while a decision is missing)."""
        self.flush()
        if not complete_session(self.controller, self.lang, self.closing.show_finish_error,
                                t("closing.decision_missing", self.lang)):
            if self.controller.missing_decisions():
                self.closing.first_focus().setFocus()
            return
        self._set_read_only()
        self.closing.set_completed(True)
        self.completed.emit(self.session_id)

    def _version_lines(self) -> list[str]:
        """The completed versions kept by earlier corrections, in the user's local time."""
        def when(moment: datetime | None) -> str:
            return moment.astimezone().strftime("%d-%m-%Y %H:%M") if moment else "—"

        try:
            versions = self.controller.writer.versions()
        except SaveFailed as exc:
            return [t("item.not_saved", self.lang, reason=str(exc))]
        return [t("reopen.version", self.lang, n=v.version, completed=when(v.completed_at),
                  at=when(v.reopened_at), by=v.reopened_by, reason=v.reason)
                for v in versions]

    def _set_read_only(self) -> None:
        for page in self.built_pages():
            page.set_read_only(True)
        for body in self.closing.bodies:
            body.set_read_only(True)
        self.closing.set_completed(True)
        self._indicate("completed", t("saved.completed", self.lang))

    def leave(self) -> None:
        self.flush()
        self.store_position()
        self.closed.emit()

    def use_suggestion_preference(self, preference: SuggestionPreference) -> None:
        self.closing.use_preference(preference)

    def shutdown(self) -> None:
        """Save pending text and let go of application-wide connections. Idempotent."""
        if self._shut:
            return
        self._shut = True
        self._warm_timer.stop()
        self.flush()  # a failed save shows on its row; typed text stays in the box
        self.store_position()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
                app.focusChanged.disconnect(self._on_focus_changed)
