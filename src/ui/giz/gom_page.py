"""Analysing together: per side of the triangle, its factors with the nature, severity and
urgency of each concern, and the GOM outcome with its explanation and the professional's
confirmation or override (the session's own outcome panel, reused)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)

from instruments.model import localize
from instruments.scoring import Decision
from services.conversation import SessionController
from ui.giz.states import factor_state, status_item
from ui.giz.text import g
from ui.session.closing_page import OutcomePanel, answer_text, first_open_stop
from ui.session.page_parts import SessionPart, add_page_heading, page_body

DETAIL_KEYS = ("nature", "severity", "urgency", "strength")


class SideSection(QFrame, SessionPart):
    """One side: its factors summarised on the left, the GOM outcome panel on the right."""

    def __init__(self, controller: SessionController, panel: OutcomePanel, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bind_session("sideSection", controller, lang)
        self.panel = panel
        self.group = panel.scope.result.scope
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.factors = QLabel("", self)
        self.factors.setObjectName("sideFactors")
        self.factors.setWordWrap(True)
        self.factors.setTextFormat(Qt.TextFormat.RichText)
        self.factors.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.factors.setMinimumWidth(300)
        layout.addWidget(self.factors, 2)
        panel.setParent(self)
        layout.addWidget(panel, 3)

    def refresh(self) -> None:
        c = self.controller
        form = c.form
        lines = [f"<p style='margin:0 0 4px 0'><b>{escape(g('gom.factors', self.lang))}</b></p>"]
        open_count = 0
        for domain in form.counted_domains():
            if domain.group != self.group:
                continue
            sid = status_item(form, domain)
            state = factor_state(form, domain, c.visible_answer(sid) if sid else None)
            if state == "open":
                open_count += 1
                continue
            title = escape(localize(domain.title, self.lang))
            lines.append(f"<p style='margin:6px 0 0 0'>{escape(g(f'state.{state}', self.lang))}"
                         f" — <b>{title}</b></p>")
            details = []
            for key in DETAIL_KEYS:
                item_id = f"{domain.id}.{key}"
                value = c.visible_answer(item_id)
                if value is not None and item_id in c.index:
                    text = answer_text(form, item_id, value, self.lang)
                    details.append(escape(g(f"gom.{key}", self.lang, text=text)))
            if details:
                lines.append("<p style='margin:0 0 0 18px; color:#3d4650'>"
                             + "<br>".join(details) + "</p>")
        if len(lines) == 1:
            lines.append(f"<p>{escape(g('gom.no_concerns', self.lang))}</p>")
        if open_count:
            lines.append(f"<p style='margin-top:8px; color:#6b4a00'>"
                         f"{escape(g('gom.open_factors', self.lang, n=open_count))}</p>")
        self.factors.setText("".join(lines))


class GomPage(QScrollArea, SessionPart):
    """The page of phase 3: one section per side, then on to the conclusion."""

    decided = Signal(object)  # Decision
    to_conclusion = Signal()

    def __init__(self, controller: SessionController, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bind_session("gomPage", controller, lang)
        body, layout = page_body(self, (28, 14, 28, 20), 12)
        add_page_heading(layout, body, g("gom.title", lang), g("gom.intro", lang))
        self.sections: list[SideSection] = []
        for scope in controller.outcome_scopes():
            panel = OutcomePanel(controller, scope, lang)
            panel.decided.connect(self._after_decision)
            section = SideSection(controller, panel, lang, body)
            layout.addWidget(section)
            self.sections.append(section)
        self.next = QPushButton(g("gom.to_conclusion", lang), body)
        self.next.setObjectName("nextButton")
        self.next.setAutoDefault(True)
        self.next.clicked.connect(self.to_conclusion)
        layout.addWidget(self.next, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        self.setWidget(body)

    @property
    def panels(self) -> list[OutcomePanel]:
        return [s.panel for s in self.sections]

    def panel(self, scope: str | None) -> OutcomePanel:
        return next(s.panel for s in self.sections if s.group == scope)

    def refresh(self) -> None:
        """Re-score and redraw after answers changed."""
        for section, scope in zip(self.sections, self.controller.outcome_scopes(), strict=True):
            section.panel.refresh(scope)
            section.refresh()

    def first_focus(self) -> QWidget:
        """The first side without a recorded judgement, else the button to the conclusion."""
        return first_open_stop(self.panels, self.next)

    def _after_decision(self, decision: Decision) -> None:
        target = self.first_focus()
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureWidgetVisible(target)
        self.decided.emit(decision)

    def set_read_only(self, read_only: bool) -> None:
        for panel in self.panels:
            panel.set_read_only(read_only)
