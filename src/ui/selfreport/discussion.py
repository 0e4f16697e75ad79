"""The professional's discussion view after a self-report: at the top, for the professional
only, the safety flag (a 'ja' on a protected safety question, with a short pointer to the
Meldcode) or that those questions were not asked; then the topics the rules flag, then the rest, her own request for help, outcomes explained in plain words (and decided where
the form asks for it), notes, the shared plan, and a referral to JGZ with consent recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from instruments.answers import DECLINED, AnswerValue
from instruments.model import Form, ItemType, Outcome, localize
from instruments.result_text import reasons, safety_lines, suggestion_text
from instruments.scoring import DecisionError, OutcomeResult
from services.discussion import Discussion
from services.discussion_agenda import Agenda, Topic
from services.session_writer import CompletionRefused, ReopenRefused, SaveFailed
from ui.appearance import adapt
from ui.dialog_parts import column
from ui.selfreport.labels import text_label
from ui.selfreport.pictogram import pictogram_pixmap
from ui.selfreport.text import dt
from ui.session.finish_dialog import FinishDialog, ask_to_complete
from ui.session.reopen_dialog import ReopenDialog, ask_to_reopen
from ui.session.text import t
from ui.session_screen import SessionScreen
from ui.theme import repolish

if TYPE_CHECKING:
    from services.opened_session import OpenedSession

CONSENT_SCOPES = ("gesprek", "domeinen", "uitkomst")
NOTES_DELAY_MS = 700

DISCUSSION_STYLE = """
#discussionView { background: #f7f8fa; }
#discussionView QLabel { color: #1d232b; font-size: 16px; }
QLabel#dvTitle { font-size: 26px; font-weight: 700; color: #14385f; }
QLabel#dvSection { font-size: 21px; font-weight: 700; color: #14385f; }
QLabel#dvTopicTitle { font-size: 18px; font-weight: 700; }
QLabel#dvSmall { font-size: 14px; color: #4a5560; }
QLabel#dvWhy { font-size: 15px; color: #6b4a00; }
QLabel#dvStatus { font-size: 15px; color: #1b5e20; }
QLabel#dvStatus[state="error"] { color: #b3261e; font-weight: 700; }
QFrame#dvTopic, QFrame#dvPanel { background: #ffffff; border: 1px solid #d5dbe3;
    border-radius: 10px; }
QFrame#dvTopic[flagged="true"] { border: 3px solid #c05a00; }
QFrame#dvSafety { background: #fdecea; border: 3px solid #b3261e; border-radius: 10px; }
QFrame#dvSafety[flag="false"] { background: #fff8e1; border: 2px solid #8a6d00; }
QLabel#dvSafetyTitle { font-size: 21px; font-weight: 700; color: #7f1d1d; }
QLabel#dvSafetyLine { font-size: 16px; font-weight: 700; color: #1d232b; }
#discussionView QPushButton { font-size: 16px; padding: 7px 16px; border-radius: 8px;
    border: 2px solid #1f4e86; background: #ffffff; color: #14385f; }
QPushButton#dvPrimary { background: #1f4e86; color: #ffffff; font-weight: 700; }
#discussionView QPlainTextEdit, #discussionView QLineEdit, #discussionView QListWidget {
    font-size: 16px; background: #ffffff; border: 2px solid #a9b4c2; border-radius: 8px;
    padding: 5px 8px; }
#discussionView QCheckBox, #discussionView QRadioButton { font-size: 16px; }
"""


def answer_words(form: Form, item_id: str, value: AnswerValue | None, lang: str) -> str:
    """Her answer in words, in the professional's language."""
    if value is None:
        return dt("unanswered", lang)
    if value == DECLINED:
        return dt("declined", lang)
    _domain, item = form.item_index()[item_id]
    if item.type in (ItemType.SCALE, ItemType.CHOICE) and item.scale and isinstance(value, int):
        point = form.scale(item.scale).point(value)
        return localize(point.label, lang) if point else str(value)
    if isinstance(value, bool):
        return dt("yes" if value else "no", lang)
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


class DiscussionView(SessionScreen):
    """See the module docstring. Every change is saved at once (through `Discussion`);
    `closed` and `completed` tell the main window to move on."""

    is_discussion = True

    def __init__(self, opened: OpenedSession, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(opened.session_id, parent)
        self.setObjectName("discussionView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(adapt(DISCUSSION_STYLE))
        self.discussion = Discussion(opened)
        self.lang = lang
        self.form = self.discussion.form
        self.answers = self.discussion.answers
        self.read_only = self.discussion.read_only
        self.agenda: Agenda = self.discussion.agenda
        self.topic_frames: dict[str, QFrame] = {}
        self.outcome_choices: dict[str, QButtonGroup] = {}
        self.outcome_reasons: dict[str, QLineEdit] = {}
        self.outcome_status: dict[str, QLabel] = {}
        self.yes_no_boxes: dict[str, QCheckBox] = {}
        self.finish_dialog: FinishDialog | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        body.setObjectName("discussionView")
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(32, 20, 32, 20)
        self.body_layout.setSpacing(12)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        add = self.body_layout.addWidget
        add(text_label(dt("title", lang, form=localize(self.form.title, lang)), "dvTitle"))
        add(text_label(localize(self.form.notice, lang), "dvSmall"))
        if any(o.demo_thresholds for o in self.form.outcomes):
            add(text_label(dt("demo", lang), "dvSmall"))
        if self.read_only:
            add(text_label(dt("completed", lang), "dvWhy"))
        # The safety flag first, apart from every topic: for the professional's eyes only.
        self.safety_panel = self._safety_panel()
        if self.safety_panel is not None:
            add(self.safety_panel)

        # Topics the rules flag, then the rest.
        self.flagged_section = self._topics_section(
            dt("flagged.title", lang), self.agenda.flagged, dt("flagged.none", lang))
        add(self.flagged_section)
        # A form without per-topic flags (the Balansmeter) has no "discuss first" list.
        self.flagged_section.setVisible(self.agenda.has_flags)
        self.help_section = self._help_section()
        if self.help_section is not None:
            add(self.help_section)
        for outcome, result in self.agenda.decided_outcomes:
            add(self._decided_panel(outcome, result))
        self.others_section = self._topics_section(
            dt("others.title" if self.agenda.has_flags else "answers.title", lang),
            self.agenda.others, "")
        add(self.others_section)

        # What the professional fills in.
        self.notes = QPlainTextEdit(body)
        self.notes.setObjectName("dvNotes")
        self.notes.setPlaceholderText(dt("notes.placeholder", lang))
        self.notes.setMinimumHeight(110)
        notes_item = self.agenda.closing.notes
        stored = self.answers.get(notes_item) if notes_item else None
        self.notes.setPlainText(stored if isinstance(stored, str) else self.discussion.stored_notes)
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_DELAY_MS)
        self._notes_timer.timeout.connect(self.save_notes)
        self.notes.textChanged.connect(self._notes_timer.start)
        add(self._panel(dt("notes.title", lang), [self.notes]))

        self.plan_list: QListWidget | None = None
        if self.agenda.closing.actions:
            add(self._plan_panel())
        self.consent_panel: QFrame | None = None
        if self.agenda.closing.yes_no:
            add(self._referral_panel())

        self.status = text_label("", "dvStatus")
        add(self.status)
        self.body_layout.addStretch(1)

        nav = QHBoxLayout()
        nav.setContentsMargins(32, 8, 32, 12)
        self.close_button = QPushButton(dt("close", lang), self)
        self.complete_button = QPushButton(dt("complete", lang), self)
        self.complete_button.setObjectName("dvPrimary")
        self.complete_button.setEnabled(not self.read_only)
        self.close_button.clicked.connect(self.close_view)
        self.complete_button.clicked.connect(self.complete)
        # Once completed: reopen for a correction (with a reason; the completed version stays).
        self.reopen_button = QPushButton(t("reopen.button", lang), self)
        self.reopen_button.setVisible(self.read_only)
        self.reopen_button.clicked.connect(self.reopen)
        self.reopen_dialog: ReopenDialog | None = None
        nav.addWidget(self.close_button)
        nav.addStretch(1)
        nav.addWidget(self.reopen_button)
        nav.addWidget(self.complete_button)
        outer.addLayout(nav)
        if self.read_only:
            for widget in (self.notes, self.plan_list, self.consent_panel):
                if widget is not None:
                    widget.setEnabled(False)
            for box in self.yes_no_boxes.values():
                box.setEnabled(False)

    # ----- building ---------------------------------------------------------------------------

    def _panel(self, title: str, widgets: list[QWidget]) -> QFrame:
        frame = QFrame()
        frame.setObjectName("dvPanel")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.addWidget(text_label(title, "dvSection"))
        for widget in widgets:
            layout.addWidget(widget)
        return frame

    def _safety_panel(self) -> QFrame | None:
        """A 'ja' on a safety question (quoted, with the form's pointer to the Meldcode), or that
        the questions were not asked or declined; None when there is nothing to say."""
        safety, gate = self.agenda.safety, self.form.safety
        if safety is None or gate is None:
            return None
        lines = safety_lines(self.form, safety, self.lang)
        if not lines:
            return None
        frame = QFrame()
        frame.setObjectName("dvSafety")
        frame.setProperty("flag", safety.flag)
        layout = column(frame, (16, 10, 16, 12), 6)
        layout.addWidget(text_label(localize(gate.title, self.lang), "dvSafetyTitle"))
        for line in lines:
            layout.addWidget(text_label(line, "dvSafetyLine"))
        if safety.flag:
            layout.addWidget(text_label(localize(gate.guidance, self.lang), "dvAnswer"))
        layout.addWidget(text_label(dt("safety.only_you", self.lang), "dvSmall"))
        return frame

    def safety_texts(self) -> list[str]:
        """The texts of the safety panel, top to bottom (empty without one)."""
        if self.safety_panel is None:
            return []
        return [label.text() for label in self.safety_panel.findChildren(QLabel)]

    def _topics_section(self, title: str, topics: tuple[Topic, ...], empty: str) -> QWidget:
        section = QWidget()
        layout = column(section, (0, 8, 0, 0), 8)
        layout.addWidget(text_label(title, "dvSection"))
        if not topics and empty:
            layout.addWidget(text_label(empty, "dvSmall"))
        for topic in topics:
            frame = self._topic_frame(topic)
            self.topic_frames[topic.domain.id] = frame
            layout.addWidget(frame)
        return section

    def _topic_frame(self, topic: Topic) -> QFrame:
        lang = self.lang
        frame = QFrame()
        frame.setObjectName("dvTopic")
        frame.setProperty("flagged", topic.flagged)
        frame.setProperty("domain", topic.domain.id)
        row = QHBoxLayout(frame)
        row.setContentsMargins(14, 10, 14, 10)
        pixmap = pictogram_pixmap(topic.domain.pictogram, 48)
        if pixmap is not None:
            icon = QLabel(frame)
            icon.setPixmap(pixmap)
            icon.setFixedSize(48, 48)
            row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(3)
        column.addWidget(text_label(localize(topic.domain.title, lang), "dvTopicTitle"))
        for result in topic.reasons:
            for fired in result.fired:
                column.addWidget(text_label(f"{dt('why', lang)} {localize(fired.explain, lang)}",
                                        "dvWhy"))
                for quoted in reasons(self.form, fired, lang):  # what she answered, as given
                    column.addWidget(text_label(f"– {dt('quote', lang, quote=quoted)}", "dvWhy"))
        for item_id, item, value in topic.answers:
            words = answer_words(self.form, item_id, value, lang)
            column.addWidget(text_label(f"{localize(item.text, lang)} — {words}", "dvAnswer"))
        row.addLayout(column, 1)
        return frame

    def _help_section(self) -> QFrame | None:
        if not self.agenda.help_outcomes:
            return None
        widgets: list[QWidget] = []
        for outcome, result in self.agenda.help_outcomes:
            # Unanswered is said as such, never read as "no wish for help".
            label = suggestion_text(self.form, result, self.lang)
            widgets.append(text_label(f"{localize(outcome.title, self.lang)}: {label}", "dvTopicTitle"))
            for fired in result.fired:
                widgets.append(text_label(f"{dt('why', self.lang)} {localize(fired.explain, self.lang)}",
                                      "dvWhy"))
        return self._panel(dt("help.title", self.lang), widgets)

    def _decided_panel(self, outcome: Outcome, result: OutcomeResult) -> QFrame:
        """An outcome the professional decides on (the Balansmeter): the suggestion, why, all
        levels in plain words, and confirm or override with a reason."""
        lang = self.lang
        level_text = {lvl: localize(outcome.level_labels.get(lvl), lang) or lvl
                      for lvl in outcome.levels}
        shown = result.suggestion  # None: incomplete, no suggestion at all
        widgets: list[QWidget] = [
            text_label(dt("outcome.suggested", lang, level=level_text[shown]) if shown is not None
                       else suggestion_text(self.form, result, lang), "dvTopicTitle")
        ]
        for fired in result.fired if shown is not None else ():
            widgets.append(text_label(f"{dt('why', lang)} {localize(fired.explain, lang)}", "dvWhy"))
            for quoted in reasons(self.form, fired, lang):
                widgets.append(text_label(f"– {dt('quote_parent', lang, quote=quoted)}", "dvWhy"))
        widgets.append(text_label(dt("outcome.levels", lang), "dvAnswer"))
        for lvl in outcome.levels:
            widgets.append(text_label(f"• {level_text[lvl]}", "dvAnswer"))
        widgets.append(text_label(dt("outcome.decide", lang), "dvTopicTitle"))
        group = QButtonGroup(self)
        previous = self.discussion.decision(outcome.id)
        chosen = previous.decided if previous else None  # never preset to the suggestion
        for lvl in outcome.levels:
            radio = QRadioButton(level_text[lvl])
            radio.setProperty("level", lvl)
            radio.setChecked(lvl == chosen)
            radio.setEnabled(not self.read_only)
            group.addButton(radio)
            widgets.append(radio)
        reason = QLineEdit()
        reason.setPlaceholderText(dt("outcome.reason", lang))
        reason.setText(previous.reason or "" if previous else "")
        reason.setEnabled(not self.read_only)
        confirm = QPushButton(dt("outcome.confirm", lang))
        confirm.setEnabled(not self.read_only)
        confirm.clicked.connect(lambda: self.decide(outcome.id))
        status = text_label(dt("outcome.saved", lang, level=level_text[previous.decided])
                        if previous else "", "dvStatus")
        widgets += [reason, confirm, status]
        self.outcome_choices[outcome.id] = group
        self.outcome_reasons[outcome.id] = reason
        self.outcome_status[outcome.id] = status
        return self._panel(localize(outcome.title, lang), widgets)

    def _plan_panel(self) -> QFrame:
        item_id = self.agenda.closing.actions
        assert item_id is not None
        self.plan_list = QListWidget()
        self.plan_list.setObjectName("dvPlan")
        self.plan_list.setMaximumHeight(150)
        stored = self.answers.get(item_id)
        if isinstance(stored, list):
            self.plan_list.addItems(stored)
        self.plan_entry = QLineEdit()
        self.plan_entry.setObjectName("dvPlanEntry")
        self.plan_entry.setPlaceholderText(dt("plan.placeholder", self.lang))
        self.plan_entry.returnPressed.connect(self.add_action)
        add_button = QPushButton(dt("plan.add", self.lang))
        add_button.clicked.connect(self.add_action)
        remove_button = QPushButton(dt("plan.remove", self.lang))
        remove_button.clicked.connect(self.remove_action)
        for widget in (self.plan_entry, add_button, remove_button):
            widget.setEnabled(not self.read_only)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.plan_entry, 1)
        line.addWidget(add_button)
        line.addWidget(remove_button)
        return self._panel(dt("plan.title", self.lang), [self.plan_list, row])

    def _referral_panel(self) -> QFrame:
        lang = self.lang
        widgets: list[QWidget] = []
        index = self.form.item_index()
        for item_id in self.agenda.closing.yes_no:
            _domain, item = index[item_id]
            box = QCheckBox(localize(item.text, lang))
            box.setChecked(self.answers.get(item_id) is True)
            box.toggled.connect(lambda on, i=item_id: self.save(i, bool(on)))
            self.yes_no_boxes[item_id] = box
            widgets.append(box)
        widgets.append(text_label(dt("consent.explain", lang), "dvSmall"))
        self.consent_given_by = QLineEdit()
        self.consent_given_by.setObjectName("dvConsentGivenBy")
        self.consent_given_by.setPlaceholderText(dt("consent.given_by", lang))
        widgets.append(self.consent_given_by)
        self.consent_scopes: dict[str, QCheckBox] = {}
        for word in CONSENT_SCOPES:
            box = QCheckBox(dt(f"consent.scope.{word}", lang))
            box.setChecked(True)
            self.consent_scopes[word] = box
            widgets.append(box)
        self.consent_scopes["gesprek"].setEnabled(False)  # consent at all covers the meeting
        record = QPushButton(dt("consent.record", lang))
        record.clicked.connect(self.record_consent)
        widgets.append(record)
        self.consent_list = text_label("", "dvAnswer")
        widgets.append(self.consent_list)
        self.consent_panel = self._panel(dt("referral.title", lang), widgets)
        self._show_consents()
        return self.consent_panel

    # ----- saving -----------------------------------------------------------------------------

    def _say(self, ok: bool, reason: str = "") -> None:
        self.status.setText(dt("saved", self.lang) if ok
                            else dt("not_saved", self.lang, reason=reason))
        self.status.setProperty("state", "" if ok else "error")
        repolish(self.status)

    def save(self, item_id: str, value: AnswerValue) -> bool:
        if self.read_only:
            return False
        try:
            self.discussion.save_answer(item_id, value)
        except SaveFailed as exc:  # one clear line, no client data
            self._say(False, exc.reason(self.lang))
            return False
        self._say(True)
        return True

    def save_notes(self) -> bool:
        """Notes go to the form's closing text item and to the session's notes."""
        self._notes_timer.stop()
        if self.read_only:
            return False
        try:
            self.discussion.save_notes(self.notes.toPlainText())
        except SaveFailed as exc:
            self._say(False, exc.reason(self.lang))
            return False
        self._say(True)
        return True

    def _actions(self) -> list[str]:
        if self.plan_list is None:
            return []
        return [self.plan_list.item(i).text() for i in range(self.plan_list.count())]

    def add_action(self) -> None:
        text = self.plan_entry.text().strip()
        item_id = self.agenda.closing.actions
        if not text or item_id is None or self.plan_list is None:
            return
        if self.save(item_id, [*self._actions(), text]):
            self.plan_list.addItem(text)
            self.plan_entry.clear()

    def remove_action(self) -> None:
        item_id = self.agenda.closing.actions
        if item_id is None or self.plan_list is None or self.plan_list.currentRow() < 0:
            return
        row = self.plan_list.currentRow()
        remaining = [a for i, a in enumerate(self._actions()) if i != row]
        if self.save(item_id, remaining):
            self.plan_list.takeItem(row)

    def decide(self, outcome_id: str) -> bool:
        group = self.outcome_choices[outcome_id]
        checked = group.checkedButton()
        status = self.outcome_status[outcome_id]
        if checked is None:
            return False
        level = str(checked.property("level"))
        try:
            self.discussion.decide(outcome_id, level, self.outcome_reasons[outcome_id].text())
        except DecisionError:
            status.setText(dt("outcome.needs_reason", self.lang))
            return False
        except SaveFailed as exc:
            status.setText(dt("not_saved", self.lang, reason=exc.reason(self.lang)))
            return False
        status.setText(dt("outcome.saved", self.lang, level=checked.text()))
        return True

    def record_consent(self) -> bool:
        given_by = self.consent_given_by.text().strip()
        if not given_by:
            self._say(False, dt("consent.who", self.lang))
            self.consent_given_by.setFocus()
            return False
        scope = ",".join(w for w, box in self.consent_scopes.items() if box.isChecked())
        try:
            self.discussion.refer_with_consent(given_by, scope)
        except SaveFailed as exc:
            self._say(False, exc.reason(self.lang))
            return False
        self._say(True)
        self._show_consents()
        return True

    def _show_consents(self) -> None:
        try:
            records = self.discussion.referral_consents()
        except SaveFailed:
            records = []
        lines = [dt("consent.line", self.lang,
                    scope=", ".join(dt(f"consent.scope.{w}", self.lang)
                                    for w in c.scope.split(",") if w in CONSENT_SCOPES),
                    given_by=c.given_by, at=c.given_at.strftime("%d-%m-%Y %H:%M"))
                 for c in records]
        self.consent_list.setText("\n".join(lines) or dt("consent.none", self.lang))

    def flagged_titles(self) -> list[str]:
        """The topic titles shown under "discuss first", top to bottom."""
        return [localize(t.domain.title, self.lang) for t in self.agenda.flagged]

    # ----- leaving ----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Lock or quit: save notes still waiting for their typing pause."""
        if self._notes_timer.isActive():
            self.save_notes()

    def close_view(self) -> None:
        self.shutdown()
        self.closed.emit()

    def complete(self) -> None:
        """Ask first: the confirmation lists what is open and completes only on its explicit
        second action (`complete_now`)."""
        if self.read_only:
            return
        if not self.save_notes():
            return
        titles = {o.id: localize(o.title, self.lang) for o in self.form.outcomes}
        self.finish_dialog = ask_to_complete(self, self.discussion, self.lang,
                                             lambda key: titles.get(key[0], key[0]),
                                             self.complete_now)

    def reopen(self) -> None:
        """Reopen the completed discussion for a correction, after asking why."""
        if self.read_only:
            self.reopen_dialog = ask_to_reopen(self, self.lang, self.reopen_with)

    def reopen_with(self, reason: str) -> None:
        """Reopen with `reason`; the view is then built again, editable (`reopened`)."""
        writer = self.discussion.writer
        try:
            writer.reopen_for_correction(reason, by=writer.professional)
        except (ReopenRefused, SaveFailed) as exc:
            self._say(False, str(exc))
            return
        self.reopened.emit(self.session_id)

    def complete_now(self) -> None:
        """Complete the discussion (refused, and said so, while a decision is missing)."""
        if self.read_only or not self.save_notes():
            return
        try:
            self.discussion.complete()
        except CompletionRefused:
            self._say(False, dt("decision_missing", self.lang))
            return
        except SaveFailed as exc:
            self._say(False, exc.reason(self.lang))
            return
        self.read_only = True
        self.complete_button.setEnabled(False)
        self.reopen_button.setVisible(True)
        self.completed.emit(self.session_id)
