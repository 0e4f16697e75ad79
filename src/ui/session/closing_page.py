"""The closing page: each suggested outcome with why, the professional's confirmation or
override (an override needs a reason), the closing items (raising and protective factors,
observations), the agreed follow-up actions, consent to share, and completing the session."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from instruments.answers import DECLINED, AnswerValue
from instruments.model import Domain, Form, ItemType
from instruments.number_input import number_text
from instruments.result_text import choices_text, suggestion_text
from instruments.scoring import Decision, DecisionError
from services.completion_check import open_domains
from services.conversation import OutcomeScope, SaveFailed, SessionController
from ui.dialog_parts import column, hint_label
from ui.session.consent_panel import ConsentPanel
from ui.session.domain_page import DomainBody
from ui.session.page_parts import (
    CompletingPage,
    SessionPart,
    add_action_button,
    add_label,
    add_page_heading,
    add_summary_section,
    page_body,
    set_state,
    show_completed,
    status_label,
)
from ui.session.safety_note import SafetyNote
from ui.session.text import loc, t
from ui.settings import SuggestionPreference


def answer_text(form: Form, item_id: str, value: AnswerValue, lang: str) -> str:
    """An answer in words, for explanations and summaries."""
    _domain, item = form.item_index()[item_id]
    if value == DECLINED:
        return t("card.decline", lang)
    if item.type in (ItemType.SCALE, ItemType.CHOICE) and isinstance(value, int) \
            and item.scale is not None:
        point = form.scale(item.scale).point(value)
        label = loc(point.label, lang) if point else ""
        return str(value) if label in ("", str(value)) else f"{value} ({label})"
    if isinstance(value, bool):
        return t("yes", lang) if value else t("no", lang)
    if item.type == ItemType.MULTI_CHOICE and isinstance(value, list):
        return choices_text(form, item, [v for v in value if isinstance(v, int)], lang)
    if item.type == ItemType.NUMBER and isinstance(value, int | float):
        return number_text(item, value, lang)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def agreed_actions_text(agreed: list[tuple[Domain, list[str]]], lang: str, none: str) -> str:
    """Agreed actions as plain text: each domain's title with its actions bulleted under it,
    or `none` when there are none."""
    rows = []
    for domain, actions in agreed:
        rows.append(loc(domain.title, lang))
        rows += [f"   • {a}" for a in actions]
    return "\n".join(rows) if rows else none


class OutcomePanel(QFrame, SessionPart):
    """One outcome in one scope: the suggestion, why, and (when decided) the decision."""

    decided = Signal(object)  # Decision

    def __init__(self, controller: SessionController, scope: OutcomeScope, lang: str,
                 parent: QWidget | None = None, *, suggestion_shown: bool = True) -> None:
        super().__init__(parent)
        self.bind_session("outcomePanel", controller, lang)
        self.scope = scope
        self.outcome = scope.outcome
        self.suggestion_shown = suggestion_shown
        layout = column(self, (18, 12, 18, 12), 6)
        self.title = add_label(layout, self, self._title(), "stepTitle", wrap=True)
        # "No suggestion: incomplete (N of M)" is about the answers, not a level: always shown.
        self.incomplete = add_label(layout, self, "", "incomplete", wrap=True)
        self.suggestion = add_label(layout, self, "", "suggestion", wrap=True)
        self.why = add_label(layout, self, "", "explanation", wrap=True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.demo = add_label(layout, self, t("closing.demo_thresholds", lang), "demoNote",
                              wrap=True)
        self.buttons = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        self.reason: QLineEdit | None = None
        self.confirm: QPushButton | None = None
        self.status = status_label(self)
        if scope.result.needs_decision:
            ask = QLabel(t("closing.your_judgement", lang), self)
            ask.setObjectName("question")
            layout.addWidget(ask)
            row = QHBoxLayout()
            for level in self.outcome.levels:
                radio = QRadioButton(self.level_text(level), self)
                radio.setObjectName(f"level_{level}")
                self.buttons.addButton(radio)
                self.radios[level] = radio
                row.addWidget(radio)
            row.addStretch(1)
            layout.addLayout(row)
            self.buttons.buttonToggled.connect(lambda *_: self._tab_stop_on_checked())
            self.reason = QLineEdit(self)
            self.reason.setObjectName("reason")
            self.reason.setPlaceholderText(t("closing.reason_placeholder", lang))
            self.reason.setAccessibleName(t("closing.reason_placeholder", lang))
            self.reason.returnPressed.connect(self.record)  # Enter in the reason records it
            layout.addWidget(self.reason)
            self.confirm = add_action_button(layout, self, t("closing.record_decision", lang),
                                             "confirmDecision", self.record)
        layout.addWidget(self.status)
        self.refresh()

    def _tab_stop_on_checked(self) -> None:
        """Tab reaches the levels at the chosen one (one stop, like one radio group)."""
        checked = self.buttons.checkedButton()
        for radio in self.radios.values():
            radio.setFocusPolicy(Qt.FocusPolicy.StrongFocus if radio is checked or checked is None
                                 else Qt.FocusPolicy.ClickFocus)

    def _title(self) -> str:
        title = loc(self.outcome.title, self.lang)
        scope = self.scope.result.scope
        if scope is None:
            return title
        form = self.controller.form
        names = {g.id: loc(g.title, self.lang) for g in form.groups}
        names.update({d.id: loc(d.title, self.lang) for d in form.domains})
        return f"{title}: {names.get(scope, scope)}"

    def level_text(self, level: str) -> str:
        return loc(self.outcome.level_labels.get(level), self.lang) or level

    def open_stop(self) -> QWidget | None:
        """Where the keyboard goes while this outcome still awaits a judgement (the chosen
        level, else the record button); None once recorded or when none is asked."""
        if self.confirm is None or self.scope.key in self.controller.decisions:
            return None
        return self.buttons.checkedButton() or self.confirm

    def set_read_only(self, read_only: bool) -> None:
        for widget in (*self.radios.values(), self.reason, self.confirm):
            if widget is not None:
                widget.setEnabled(not read_only)

    def set_suggestion_shown(self, shown: bool) -> None:
        """Show or hide the app's suggestion and why (the professional asks for it)."""
        self.suggestion_shown = shown
        self.refresh()

    def refresh(self, scope: OutcomeScope | None = None) -> None:
        if scope is not None:
            self.scope = scope
        result = self.scope.result
        form = self.controller.form
        self.incomplete.setText(suggestion_text(form, result, self.lang)
                                if result.incomplete else "")
        self.incomplete.setVisible(result.incomplete)
        level = result.suggestion
        self.suggestion.setText("" if level is None else
                                t("closing.suggestion", self.lang,
                                  level=suggestion_text(form, result, self.lang)))
        self.why.setText("" if level is None else self._explanation())
        shown = self.suggestion_shown and level is not None
        self.suggestion.setVisible(shown)
        self.why.setVisible(shown)
        self.demo.setVisible(shown and result.demo_thresholds)
        # "Uw oordeel" starts empty: only a recorded decision is checked, never the suggestion.
        decision = self.controller.decisions.get(self.scope.key)
        if decision is not None and decision.decided in self.radios:
            self.radios[decision.decided].setChecked(True)
        if decision is not None:
            if self.reason is not None and decision.reason:
                self.reason.setText(decision.reason)
            self._show_decision(decision)
        elif not result.needs_decision:
            set_state(self.status, "", t("closing.not_decided", self.lang))
        else:
            set_state(self.status, "", "")

    def _explanation(self) -> str:
        """Which rules fired (highest level first) and on which domains and answers."""
        result = self.scope.result
        if not result.fired:
            return escape(t("closing.no_rule", self.lang, level=self.level_text(result.suggested)))
        form = self.controller.form
        index = form.item_index()
        profile = form.profile
        rank = {level: i for i, level in enumerate(self.outcome.levels)}
        lines = [f"<p style='margin:0'>{escape(t('closing.why', self.lang))}</p><ul style="
                 "'margin-top:2px; margin-bottom:0'>"]
        for fired in sorted(result.fired, key=lambda f: -rank.get(f.level, 0)):
            lines.append(f"<li><b>{escape(loc(fired.explain, self.lang))}</b> → "
                         f"{escape(self.level_text(fired.level))}")
            per_domain: dict[str, list[str]] = {}
            for ev in fired.evidence:
                domain, item = index[ev.item_id]
                who = ""
                if profile is not None and item.key == profile.parent:
                    who = t("who.parent", self.lang) + " "
                elif profile is not None and item.key == profile.professional:
                    who = t("who.professional", self.lang) + " "
                value = answer_text(form, ev.item_id, ev.value, self.lang)
                per_domain.setdefault(loc(domain.title, self.lang), []).append(who + value)
            evidence = "; ".join(f"{name}: {' / '.join(values)}"
                                 for name, values in per_domain.items())
            lines.append(f"<br><span style='color:#4a5560'>{escape(evidence)}</span></li>")
        return "".join(lines) + "</ul>"

    def chosen_level(self) -> str | None:
        return next((lvl for lvl, radio in self.radios.items() if radio.isChecked()), None)

    def record(self) -> None:
        level = self.chosen_level()
        if level is None:
            set_state(self.status, "error", t("closing.choose_level", self.lang))
            return
        reason = self.reason.text() if self.reason is not None else None
        try:
            decision = self.controller.decide(self.scope.result.outcome_id,
                                              self.scope.result.scope, level, reason)
        except DecisionError:
            set_state(self.status, "error", t("closing.reason_needed", self.lang))
            if self.reason is not None:
                self.reason.setFocus()
            return
        except SaveFailed as exc:
            set_state(self.status, "error", t("item.not_saved", self.lang, reason=str(exc)))
            return
        self._show_decision(decision)
        self.decided.emit(decision)

    def _show_decision(self, decision: Decision) -> None:
        key = ("closing.decided_override" if decision.overridden else
               "closing.decided_confirm" if decision.had_suggestion else "closing.decided_own")
        set_state(self.status, "saved", t(key, self.lang, level=self.level_text(decision.decided)))


def first_open_stop(panels: Iterable[OutcomePanel], otherwise: QWidget) -> QWidget:
    """Where the keyboard goes next: the first panel's open stop (an undecided outcome), else
    `otherwise`."""
    for panel in panels:
        stop = panel.open_stop()
        if stop is not None:
            return stop
    return otherwise


def first_editor(bodies: Iterable[DomainBody]) -> QWidget | None:
    """The first answer editor among these domain bodies, if any."""
    for section in bodies:
        editor = section.first_editor()
        if editor is not None:
            return editor
    return None


class ClosingPage(CompletingPage):
    """The closing page of a session."""

    def __init__(self, controller: SessionController, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bind_session("closingPage", controller, lang)
        self.preference: SuggestionPreference = SuggestionPreference()
        body, layout = page_body(self, (28, 16, 28, 24), 12)
        title = add_page_heading(layout, body, t("closing.title", lang), t("closing.intro", lang))
        # What is still open (domains not answered); never a level.
        self.open_note = QLabel("", body)
        self.open_note.setObjectName("openNote")
        self.open_note.setWordWrap(True)
        self.open_note.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.open_note)
        # The protected safety questions (a form with a safety gate): for the professional.
        self.safety: SafetyNote | None = None
        if controller.form.safety is not None:
            self.safety = SafetyNote(controller.form, lang, body)
            layout.addWidget(self.safety)
        # First the weighing (the closing domain's items: raising and protective factors,
        # observations), then the professional's judgement; the app's suggestion and why only
        # when she asks for it (out of the parent's sight if she wants).
        self.bodies: list[DomainBody] = []
        for domain in controller.closing_domains:
            section = DomainBody(controller.form, domain, controller.items(domain), lang, body,
                                 stretch=False, section_of=title.text())
            section.body_layout.setContentsMargins(0, 8, 0, 0)
            layout.addWidget(section)
            self.bodies.append(section)
        self.show_suggestion = QCheckBox(t("closing.show_suggestion", lang), body)
        self.show_suggestion.setObjectName("showSuggestion")
        self.show_suggestion.setToolTip(t("closing.show_suggestion_hint", lang))
        self.show_suggestion.toggled.connect(self._suggestion_toggled)
        layout.addWidget(self.show_suggestion, 0, Qt.AlignmentFlag.AlignLeft)
        self.panels: list[OutcomePanel] = []
        for scope in controller.outcome_scopes():
            panel = OutcomePanel(controller, scope, lang, body, suggestion_shown=False)
            panel.decided.connect(self._after_decision)
            layout.addWidget(panel)
            self.panels.append(panel)
        self.actions_summary = add_summary_section(layout, body, t("closing.actions_title", lang))
        self.consent = ConsentPanel(controller, lang, body)
        layout.addWidget(self.consent)
        # Once completed: reopen for a correction (with a reason; the completed version stays).
        self.add_completion(layout, body, t("closing.finish", lang))
        self.versions_note = hint_label("", body)
        self.versions_note.setTextFormat(Qt.TextFormat.PlainText)
        self.versions_note.setVisible(False)
        layout.addWidget(self.versions_note)
        layout.addStretch(1)
        self.setWidget(body)

    def use_preference(self, preference: SuggestionPreference) -> None:
        """Follow the professional's remembered choice to see the app's suggestion or not."""
        self.preference = preference
        self.show_suggestion.setChecked(preference.shown)
        self._show_panels(preference.shown)

    def _suggestion_toggled(self, shown: bool) -> None:
        self.preference.set_shown(shown)
        self._show_panels(shown)

    def _show_panels(self, shown: bool) -> None:
        for panel in self.panels:
            panel.set_suggestion_shown(shown)

    def refresh(self) -> None:
        """Re-score and redraw after answers changed."""
        for panel, scope in zip(self.panels, self.controller.outcome_scopes(), strict=True):
            panel.refresh(scope)
        unanswered, declined = open_domains(self.controller.form, self.controller.answers)
        note = []
        if unanswered:
            note.append(t("closing.open_domains", self.lang,
                          domains=", ".join(loc(d.title, self.lang) for d in unanswered)))
        if declined:
            note.append(t("closing.declined_domains", self.lang,
                          domains=", ".join(loc(d.title, self.lang) for d in declined)))
        if self.safety is not None:
            self.safety.show_result(self.controller.result().safety)
        self.open_note.setText("\n".join(note))
        self.open_note.setVisible(bool(note) and not self.controller.completed)
        self.actions_summary.setText(agreed_actions_text(self.controller.agreed_actions(),
                                                         self.lang,
                                                         t("closing.no_actions", self.lang)))
        self.consent.refresh()
        self.set_completed(self.controller.completed)

    def first_focus(self) -> QWidget:
        """Where the keyboard starts: the weighing while a judgement is still open, else the
        next undecided outcome, else the finish button."""
        if not self.controller.completed and self.controller.missing_decisions():
            editor = first_editor(self.bodies)
            if editor is not None:
                return editor
        return self.next_focus()

    def next_focus(self) -> QWidget:
        """The first undecided outcome, else the finish button."""
        return first_open_stop(self.panels, self.finish)

    def _after_decision(self, _decision: Decision) -> None:
        self.next_focus().setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureWidgetVisible(self.next_focus())

    def show_versions(self, lines: list[str]) -> None:
        """A corrected session: the earlier, completed versions kept (one line each)."""
        self.versions_note.setText(t("reopen.corrected", self.lang, versions="\n" + "\n".join(
            lines)) if lines else "")
        self.versions_note.setVisible(bool(lines))

    def set_completed(self, completed: bool) -> None:
        self.reopen_button.setVisible(completed)
        show_completed(self.finish, self.finish_status, completed, t("closing.completed", self.lang))
        if completed:
            self.open_note.setVisible(False)
        for panel in self.panels:
            panel.set_read_only(completed)
