"""The GIZ conversation screen: introduction, the CAF triangle with a panel for the opened
factor, analysing together (the GOM outcome per side, confirmed or overridden) and the
conclusion with agreements, consent and completion. Keyboard usable throughout."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from instruments.model import Domain, DomainKind, localize
from services.conversation import SaveFailed, SessionController
from ui.appearance import adapt
from ui.dialog_parts import column
from ui.giz.conclusion_page import ConclusionPage
from ui.giz.factor_panel import FactorPanel
from ui.giz.gom_page import GomPage
from ui.giz.speaker_bar import BesideOrBelow, SpeakerBar
from ui.giz.speakers import participants_item, speaker_names, with_name
from ui.giz.states import factor_state, status_item
from ui.giz.style import GIZ_STYLE
from ui.giz.text import g
from ui.giz.triangle import SideInfo, TriangleWidget
from ui.session.domain_page import DomainBody, ItemRow
from ui.session.page_parts import (
    CompletesSession,
    complete_session,
    make_scroll_page,
    page_body,
    show_state,
)
from ui.session.style import SESSION_STYLE
from ui.session.text import saved_at, t
from ui.session_screen import SessionScreen

if TYPE_CHECKING:
    from services.opened_session import OpenedSession

PHASES = ("intro", "triangle", "gom", "conclusion")
FACTOR_PANEL_WIDTH = 580
FACTOR_PANEL_MIN_WIDTH = 440


class GizView(SessionScreen, CompletesSession):
    """One GIZ session, conducted or looked back on. Leaves with `closed`; emits
    `completed(session id)` once completed. Call `shutdown()` before dropping it."""

    def __init__(self, opened: OpenedSession, lang: str, parent: QWidget | None = None,
                 *, user: str | None = None) -> None:
        super().__init__(opened.session_id, parent)
        self.setObjectName("sessionView")
        self.setStyleSheet(adapt(SESSION_STYLE + GIZ_STYLE))
        self.lang = lang
        self._shut = False
        form = opened.form
        self.form = form
        self.attributed = form.attributed
        self.answered_by: dict[str, str | None] = dict(opened.record.answered_by)
        self.user = user or opened.writer.professional
        self.controller = SessionController(opened.writer, user=self.user)
        self.factors: list[Domain] = form.counted_domains()
        self.participants_id = participants_item(form)

        outer = column(self, (0, 0, 0, 0), 0)
        outer.addWidget(self._build_header())
        self.stack = QStackedWidget(self)
        self.rows: dict[str, ItemRow] = {}
        self._by_labels: dict[str, QLabel] = {}
        self.intro_page, self.intro_bodies = self._build_intro()
        self.stack.addWidget(self.intro_page)
        self.triangle_page = QWidget(self.stack)
        tri_layout = QHBoxLayout(self.triangle_page)
        tri_layout.setContentsMargins(0, 0, 0, 0)
        tri_layout.setSpacing(0)
        # On a low screen (600 px) the extended triangle scrolls rather than squeezing its
        # factors until their names are cut.
        self.triangle_scroll = QScrollArea(self.triangle_page)
        self.triangle_scroll.setObjectName("triangleScroll")
        make_scroll_page(self.triangle_scroll)
        self.triangle_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.triangle = TriangleWidget(form, lang, self.triangle_scroll)
        self.triangle.factor_opened.connect(self.open_factor)
        self.triangle_scroll.setWidget(self.triangle)
        self.factor_panel = FactorPanel(self.controller, lang, self.triangle_page)
        # Narrower on a small screen (1024 px wide), never wider than FACTOR_PANEL_WIDTH.
        self.factor_panel.setMinimumWidth(FACTOR_PANEL_MIN_WIDTH)
        self.factor_panel.setMaximumWidth(FACTOR_PANEL_WIDTH)
        self.factor_panel.chosen.connect(self._on_chosen)
        self.factor_panel.view_chosen.connect(self._on_view_chosen)
        self.factor_panel.back_requested.connect(self.back_to_triangle)
        self.factor_panel.step_requested.connect(self.step_factor)
        tri_layout.addWidget(self.triangle_scroll, 3)
        tri_layout.addWidget(self.factor_panel, 2)
        self.stack.addWidget(self.triangle_page)
        self.gom_page = GomPage(self.controller, lang, self.stack)
        self.gom_page.decided.connect(lambda _d: self._indicate_saved())
        self.gom_page.to_conclusion.connect(lambda: self.show_phase("conclusion"))
        self.stack.addWidget(self.gom_page)
        self.conclusion = ConclusionPage(self.controller, lang, self.stack)
        self.attach_completing_page(self.conclusion)
        for body in self.conclusion.bodies:
            body.chosen.connect(self._on_chosen)
            body.set_visible_items(self.controller.visible_map())
            self.rows.update(body.rows)
        self.stack.addWidget(self.conclusion)
        outer.addWidget(self.stack, 1)
        hint = QLabel(g("hint", lang), self)
        hint.setObjectName("gizHint")
        hint.setWordWrap(True)
        hint.setContentsMargins(16, 4, 16, 6)
        outer.addWidget(hint)

        for item_id, row in self.rows.items():
            row.show_loaded(self.controller.answer(item_id))
        self._prepare_rows(self.rows)
        for domain in self.factors:
            self._update_factor_state(domain)
        self._refresh_speakers(initial=True)
        self._refresh_sides()
        self._shortcuts()
        if self.controller.completed:
            self._set_read_only()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self._resume()

    # ----- building ------------------------------------------------------------------------

    def _build_header(self) -> QWidget:
        header = QFrame(self)
        header.setObjectName("gizHeader")
        layout = column(header, (16, 8, 16, 8), 6)
        top = QHBoxLayout()
        title = QLabel(localize(self.form.title, self.lang), header)
        title.setObjectName("formTitle")
        notice = QLabel(localize(self.form.notice, self.lang), header)
        notice.setObjectName("formNotice")
        notice.setWordWrap(True)
        self.saved_indicator = QLabel(t("saved.idle", self.lang), header)
        self.saved_indicator.setObjectName("savedIndicator")
        self.saved_indicator.setProperty("state", "")
        close = QPushButton(g("close", self.lang), header)
        close.setObjectName("closeButton")
        close.setToolTip(g("close_tip", self.lang))
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.leave)
        top.addWidget(title)
        top.addWidget(notice, 1)
        top.addWidget(self.saved_indicator)
        top.addWidget(close)
        layout.addLayout(top)
        phases = QHBoxLayout()
        self.phase_group = QButtonGroup(self)
        self.phase_group.setExclusive(True)
        self.phase_buttons: dict[str, QPushButton] = {}
        for phase in PHASES:
            button = QPushButton(g(f"phase.{phase}", self.lang), header)
            button.setObjectName("phaseButton")
            button.setCheckable(True)
            button.setToolTip(g(f"phase.{phase}_tip", self.lang))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+1…4
            button.clicked.connect(lambda _c=False, p=phase: self.show_phase(p))
            self.phase_group.addButton(button)
            self.phase_buttons[phase] = button
            phases.addWidget(button)
        phases.addStretch(1)
        layout.addLayout(phases)
        self.speaker_bar: SpeakerBar | None = None
        if self.attributed:
            self.speaker_bar = SpeakerBar(self.lang, header)
            self.speaker_bar.speaker_changed.connect(self.set_speaker)
            self.speaker_bar.name_added.connect(self.add_speaker)
            speakers = QHBoxLayout()
            speakers.addWidget(self.speaker_bar)
            speakers.addStretch(1)
            layout.addLayout(speakers)
            self._speaker_place = BesideOrBelow(header, self.speaker_bar,
                                                list(self.phase_buttons.values()), phases,
                                                speakers)
        return header

    def _build_intro(self) -> tuple[QScrollArea, list[DomainBody]]:
        page = QScrollArea(self.stack)
        page.setObjectName("introPage")
        body, layout = page_body(page, (0, 0, 0, 16))
        bodies = []
        for domain in self.form.domains:
            if domain.kind != DomainKind.INTRO:
                continue
            section = DomainBody(self.form, domain, self.controller.items(domain), self.lang,
                                 body, stretch=False)
            section.chosen.connect(self._on_chosen)
            section.set_visible_items(self.controller.visible_map())
            self.rows.update(section.rows)
            layout.addWidget(section)
            bodies.append(section)
        participants = self.rows.get(self.participants_id or "")
        if self.attributed and participants is not None:
            hint = QLabel(g("intro.participants_hint", self.lang), participants)
            hint.setObjectName("itemHelp")
            hint.setWordWrap(True)
            row_layout = participants.layout()
            assert isinstance(row_layout, QBoxLayout)
            row_layout.insertWidget(1, hint)
        self.intro_next = QPushButton(g("intro.next", self.lang), body)
        self.intro_next.setObjectName("nextButton")
        self.intro_next.setAutoDefault(True)
        self.intro_next.clicked.connect(lambda: self.show_phase("triangle"))
        row = QHBoxLayout()
        row.setContentsMargins(28, 0, 28, 0)
        row.addStretch(1)
        row.addWidget(self.intro_next)
        layout.addLayout(row)
        layout.addStretch(1)
        page.setWidget(body)
        return page, bodies

    def _shortcuts(self) -> None:
        self._shortcut_objects: list[QShortcut] = []

        def bind(key: QKeySequence | str, slot: object, parent: QWidget | None = None) -> None:
            shortcut = QShortcut(QKeySequence(key), parent or self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcut_objects.append(shortcut)

        for number, phase in enumerate(PHASES, start=1):
            bind(f"Ctrl+{number}", lambda p=phase: self.show_phase(p))
        bind("Ctrl+PgDown", lambda: self.step_factor(1))
        bind("Ctrl+PgUp", lambda: self.step_factor(-1))
        bind(QKeySequence(Qt.Key.Key_Escape), self.escape)
        bind("Alt+Left", self.leave)
        bind("Ctrl+W", self.leave)

    def escape(self) -> None:
        """Escape in an open factor goes back to the triangle, elsewhere it leaves the
        conversation for the client (after saving what was typed)."""
        focus = QApplication.focusWidget()
        if focus is not None and self.factor_panel.isAncestorOf(focus):
            self.back_to_triangle()
        else:
            self.leave()

    # ----- moving around -------------------------------------------------------------------

    def phase(self) -> str:
        return PHASES[self.stack.currentIndex()]

    def _resume(self) -> None:
        c = self.controller
        if c.position >= c.closing_index and c.closing_domains:
            self.show_phase("conclusion", store_position=False)
            return
        domain = c.pages[c.position] if c.position < len(c.pages) else None
        if domain is not None and domain.kind == DomainKind.DOMAIN:
            self.show_phase("triangle", store_position=False)
            self.open_factor(domain.id, store_position=False)
        elif any(k.split(".")[0] in {d.id for d in self.factors} for k in c.answers):
            self.show_phase("triangle", store_position=False)
        else:
            self.show_phase("intro", store_position=False)

    def show_phase(self, phase: str, *, store_position: bool = True) -> None:
        self.flush()
        c = self.controller
        self.phase_buttons[phase].setChecked(True)
        if phase == "intro":
            self.stack.setCurrentWidget(self.intro_page)
            if store_position:
                self._store_position(0)
            editor = next((b.first_editor() for b in self.intro_bodies if b.first_editor()),
                          None)
            (editor or self.intro_next).setFocus(Qt.FocusReason.OtherFocusReason)
        elif phase == "triangle":
            self.stack.setCurrentWidget(self.triangle_page)
            current = self.factor_panel.current
            target = (self.triangle.buttons.get(current.id) if current is not None else None)
            first = self.triangle.sides[0][0] if self.triangle.sides[0] else None
            (target or first or self.triangle).setFocus(Qt.FocusReason.OtherFocusReason)
        elif phase == "gom":
            self.gom_page.refresh()
            self.stack.setCurrentWidget(self.gom_page)
            self.gom_page.verticalScrollBar().setValue(0)
            self.gom_page.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.conclusion.refresh()
            self.stack.setCurrentWidget(self.conclusion)
            self.conclusion.verticalScrollBar().setValue(0)
            if store_position:
                self._store_position(c.closing_index)
            self.conclusion.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)

    def open_factor(self, domain_id: str, *, store_position: bool = True) -> None:
        """Open a factor from the triangle into the factor panel; focus its first question."""
        domain = next(d for d in self.factors if d.id == domain_id)
        if self.stack.currentWidget() is not self.triangle_page:
            self.show_phase("triangle", store_position=False)
        self._prepare_rows(self.factor_panel.page(domain).rows)
        page = self.factor_panel.show_factor(domain)
        for item_id, row in page.rows.items():
            self.rows.setdefault(item_id, row)
        self.triangle.set_current(domain_id)
        if store_position:
            self._store_position(self.controller.page_of_domain(domain_id))
        editor = page.first_editor()
        (editor or self.triangle.buttons[domain_id]).setFocus(Qt.FocusReason.OtherFocusReason)

    def back_to_triangle(self) -> None:
        self.factor_panel.flush()
        current = self.factor_panel.current
        if current is not None:
            self.triangle.buttons[current.id].setFocus(Qt.FocusReason.OtherFocusReason)

    def step_factor(self, delta: int) -> None:
        current = self.factor_panel.current
        if current is None:
            index = 0 if delta > 0 else len(self.factors) - 1
        else:
            index = (self.factors.index(current) + delta) % len(self.factors)
        self.open_factor(self.factors[index].id)

    def _store_position(self, page: int) -> None:
        try:
            self.controller.go_to(page)
        except SaveFailed as exc:
            self._indicate("error", t("saved.position_failed", self.lang, reason=str(exc)))

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.isAncestorOf(new):
            return
        widget: QWidget | None = new.parentWidget()
        while widget is not None and widget is not self:
            if isinstance(widget, QScrollArea):
                widget.ensureWidgetVisible(new, 0, 24)
                return
            widget = widget.parentWidget()

    # ----- speakers ------------------------------------------------------------------------

    def speakers(self) -> list[str]:
        participants = (self.controller.answer(self.participants_id)
                        if self.participants_id else None)
        return speaker_names(participants if isinstance(participants, str) else None,
                             self.answered_by.values(), self.user)

    def _refresh_speakers(self, *, initial: bool = False) -> None:
        names = self.speakers()
        if self.speaker_bar is not None:
            self.speaker_bar.set_names(names, self.user if initial else None)
            self.controller.user = self.speaker_bar.current()
        self.conclusion.set_people(names if self.attributed else [])
        self.factor_panel.set_people(names if self.attributed else [])

    def set_speaker(self, name: str) -> None:
        """From now on, answers and decisions are recorded in `name`."""
        self.controller.user = name or None

    def add_speaker(self, name: str) -> None:
        """Name a professional for the session (in the participants answer) and choose them."""
        if self.participants_id is not None and not self.controller.completed:
            current = self.controller.answer(self.participants_id)
            text = with_name(current if isinstance(current, str) else None, name)
            if text != current:
                self._on_chosen(self.participants_id, text)
                row = self.rows.get(self.participants_id)
                if row is not None:
                    row.show_loaded(self.controller.answer(self.participants_id))
                    self._show_by(self.participants_id, row)
        names = self.speakers()
        if name not in names:
            names.append(name)
        if self.speaker_bar is not None:
            self.speaker_bar.set_names(names)
            self.speaker_bar.choose(name)
        self.conclusion.set_people(names)
        self.factor_panel.set_people(names)
        self._indicate("saved", g("speaker.added", self.lang, name=name))

    # ----- answers -------------------------------------------------------------------------

    def _row(self, item_id: str) -> ItemRow | None:
        return self.rows.get(item_id) or self.factor_panel.rows.get(item_id)

    def _on_chosen(self, item_id: str, value: object) -> None:
        row = self._row(item_id)
        if self.attributed and not self.controller.user:
            if row is not None:
                row.show_error(g("speaker.none", self.lang))
            self._indicate("error", g("speaker.none", self.lang))
            return
        try:
            changed = self.controller.set_answer(item_id, value)
        except SaveFailed as exc:
            reason = exc.reason(self.lang)
            if row is not None:
                row.show_error(reason)
            self._indicate("error", t("saved.failed", self.lang))
            return
        answer = self.controller.answer(item_id)
        if self.attributed:
            if answer is None:
                self.answered_by.pop(item_id, None)
            else:
                self.answered_by[item_id] = self.controller.user
        if row is not None:
            row.show_saved(answer)
            self._show_by(item_id, row)
        self._indicate_saved()
        if changed:
            visible = self.controller.visible_map()
            self.factor_panel.set_visible_items(visible, changed)
            for body in (*self.intro_bodies, *self.conclusion.bodies):
                if changed & body.rows.keys():
                    body.set_visible_items(visible, changed)
        domain_id = item_id.split(".", 1)[0]
        domain = next((d for d in self.factors if d.id == domain_id), None)
        if domain is not None:
            self._update_factor_state(domain)
        self._refresh_sides()
        if item_id == self.participants_id:
            self._refresh_speakers()

    def _on_view_chosen(self, item_id: str, name: str, value: object, note: str) -> None:
        """One participant's own view, saved in their name (whoever holds the keyboard); the
        shared conclusion, the triangle and the suggestion stay as they are."""
        try:
            view = self.controller.set_view(item_id, name, value, note)
        except SaveFailed as exc:
            self.factor_panel.show_view_error(item_id, name, exc.reason(self.lang))
            self._indicate("error", t("saved.failed", self.lang))
            return
        self.factor_panel.show_view_saved(item_id, name, view)
        self._indicate_saved()

    def _prepare_rows(self, rows: dict[str, ItemRow]) -> None:
        """In an attributed form every row gets its 'given by' line when it is built, before it
        is shown, with a fixed height: saving an answer then only changes the line's text."""
        if not self.attributed:
            return
        for item_id, row in rows.items():
            if item_id in self._by_labels:
                continue
            label = QLabel("", row)
            label.setObjectName("answeredBy")
            label.setFixedHeight(label.fontMetrics().height() + 6)
            row_layout = row.layout()
            assert row_layout is not None
            row_layout.addWidget(label)
            self._by_labels[item_id] = label
            self._show_by(item_id, row)

    def _show_by(self, item_id: str, row: ItemRow) -> None:
        """In an attributed form, the line under the answer names who gave it."""
        label = self._by_labels.get(item_id)
        if label is None:
            return
        by = self.answered_by.get(item_id)
        shown = bool(by) and self.controller.answer(item_id) is not None
        label.setText(g("factor.by", self.lang, name=by) if shown else "")

    def _update_factor_state(self, domain: Domain) -> None:
        sid = status_item(self.form, domain)
        value = self.controller.visible_answer(sid) if sid else None
        self.triangle.set_state(domain.id, factor_state(self.form, domain, value))

    def _refresh_sides(self) -> None:
        scopes = {s.result.scope: s for s in self.controller.outcome_scopes()}
        for side, group in enumerate(self.triangle.groups):
            buttons = self.triangle.sides[side]
            counts = {state: sum(1 for b in buttons if b.state == state)
                      for state in ("good", "attention", "concern")}
            summary = g("triangle.side_summary", self.lang, **counts)
            scope = scopes.get(group.id)
            suggestion = ""
            if scope is not None:
                level = scope.result.suggested
                label = localize(scope.outcome.level_labels.get(level), self.lang) or level
                suggestion = g("triangle.side_suggestion", self.lang, level=label)
            self.triangle.set_side_info(side, SideInfo(summary, suggestion))

    def _indicate_saved(self) -> None:
        self._indicate("saved", saved_at(self.lang))

    def _indicate(self, state: str, text: str) -> None:
        show_state(self.saved_indicator, state, text)

    # ----- completing and leaving ----------------------------------------------------------

    def flush(self) -> None:
        """Save any text still being typed."""
        self.factor_panel.flush()
        for body in (*self.intro_bodies, *self.conclusion.bodies):
            body.flush()

    def outcome_names(self) -> Callable[[tuple[str, str | None]], str]:
        """An undecided outcome by the side it is about."""
        sides = {gr.id: localize(gr.title, self.lang) for gr in self.controller.form.groups}
        return lambda key: sides.get(key[1] or "", key[0])

    def complete_now(self) -> None:
        """Complete the session (refused, and said so, while a decision is missing)."""
        self.flush()
        if not complete_session(self.controller, self.lang, self.conclusion.show_finish_error,
                                g("conclusion.decision_missing", self.lang)):
            return
        self._set_read_only()
        self.completed.emit(self.session_id)

    def _set_read_only(self) -> None:
        self.factor_panel.set_read_only(True)
        for body in self.intro_bodies:
            body.set_read_only(True)
        self.gom_page.set_read_only(True)
        self.conclusion.set_completed(True)
        if self.speaker_bar is not None:
            self.speaker_bar.setEnabled(False)
        self._indicate("completed", t("saved.completed", self.lang))

    def leave(self) -> None:
        self.flush()
        self.closed.emit()

    def shutdown(self) -> None:
        """Save pending text and let go of application-wide connections. Idempotent."""
        if self._shut:
            return
        self._shut = True
        self.flush()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            with contextlib.suppress(RuntimeError, TypeError):
                app.focusChanged.disconnect(self._on_focus_changed)
