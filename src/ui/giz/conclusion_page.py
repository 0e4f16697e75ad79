"""Phase 4, the conclusion: the GOM outcome recorded per side, care needs, scaling care up or
down, agreements (who does what and when), the agreements made per factor, consent to share,
and completing the session."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from instruments.model import DomainKind, ItemType, LocalizedText, localize
from services.conversation import SessionController
from ui.giz.agreements import AgreementEditor
from ui.giz.text import g
from ui.session.closing_page import agreed_actions_text, first_editor
from ui.session.consent_panel import ConsentPanel
from ui.session.domain_page import DomainBody, ItemRow
from ui.session.page_parts import (
    CompletingPage,
    add_page_heading,
    add_summary_section,
    page_body,
    show_completed,
)


def _use_agreement_editor(row: ItemRow, lang: str) -> AgreementEditor:
    """Put the who-what-when editor in place of a row's plain list of actions."""
    editor = AgreementEditor(lang, row)
    editor.setAccessibleName(row.question.text())
    old = row.editor
    layout = row.layout()
    assert layout is not None
    layout.replaceWidget(old, editor)
    old.hide()
    old.deleteLater()
    row.editor = editor
    editor.chosen.connect(lambda value: row.chosen.emit(row.item_id, value))
    return editor


class ConclusionPage(CompletingPage):
    """The conclusion of a GIZ conversation."""

    def __init__(self, controller: SessionController, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bind_session("conclusionPage", controller, lang)
        body, layout = page_body(self, (28, 14, 28, 20), 10)
        described = any(d.description for d in controller.closing_domains)
        title = add_page_heading(layout, body, g("conclusion.title", lang),
                                 None if described else g("conclusion.intro", lang))
        self.decisions = add_summary_section(layout, body, g("conclusion.decisions", lang))
        self.bodies: list[DomainBody] = []
        self.agreement_editors: list[AgreementEditor] = []
        for domain in controller.closing_domains:
            section = DomainBody(controller.form, domain, controller.items(domain), lang, body,
                                 stretch=False, section_of=title.text())
            section_layout = section.layout()
            assert section_layout is not None
            section_layout.setContentsMargins(0, 4, 0, 0)
            for row in section.rows.values():
                if row.item.type == ItemType.ACTIONS:
                    self.agreement_editors.append(_use_agreement_editor(row, lang))
            layout.addWidget(section)
            self.bodies.append(section)
        self.factor_actions = add_summary_section(layout, body,
                                                  g("conclusion.factor_actions", lang))
        self.consent = ConsentPanel(controller, lang, body)
        layout.addWidget(self.consent)
        self.add_completion(layout, body, g("conclusion.finish", lang))
        layout.addStretch(1)
        self.setWidget(body)

    def set_people(self, names: list[str]) -> None:
        for editor in self.agreement_editors:
            editor.set_people(names)

    def refresh(self) -> None:
        c = self.controller
        sides = {gr.id: localize(gr.title, self.lang) for gr in c.form.groups}
        lines = []
        for scope in c.outcome_scopes():
            if not scope.result.needs_decision:
                continue
            side = sides.get(scope.result.scope or "", localize(scope.outcome.title, self.lang))
            decision = c.decisions.get(scope.key)
            labels = scope.outcome.level_labels

            def label(level: str, labels: dict[str, LocalizedText] = labels) -> str:
                return localize(labels.get(level), self.lang) or level

            if decision is None:
                lines.append(g("conclusion.undecided", self.lang, side=side))
            elif decision.overridden:
                lines.append(g("conclusion.decided_override", self.lang, side=side,
                               level=label(decision.decided), suggested=label(decision.suggested),
                               reason=decision.reason or ""))
            else:
                lines.append(g("conclusion.decided", self.lang, side=side,
                               level=label(decision.decided)))
        self.decisions.setText("\n".join(lines))
        per_factor = [(d, a) for d, a in c.agreed_actions() if d.kind != DomainKind.CLOSING]
        self.factor_actions.setText(agreed_actions_text(
            per_factor, self.lang, g("conclusion.no_factor_actions", self.lang)))
        self.consent.refresh()
        self.set_completed(c.completed)

    def first_focus(self) -> QWidget:
        editor = first_editor(self.bodies)
        return self.finish if editor is None else editor

    def set_completed(self, completed: bool) -> None:
        self.reopen_button.setVisible(completed)
        show_completed(self.finish, self.finish_status, completed,
                       g("conclusion.completed", self.lang))
        for section in self.bodies:
            section.set_read_only(completed)
