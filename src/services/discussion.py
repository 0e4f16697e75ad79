"""The professional's discussion of a self-report, without Qt: her agenda, and every change
(closing answers, notes, decisions, the JGZ referral's consent, completion) through the
session's one write path, attributed to the professional."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from instruments.answers import AnswerValue
from instruments.model import Form
from instruments.scoring import Decision
from services.changes import Changes
from services.completion_check import CompletionCheck, check_completion
from services.discussion_agenda import Agenda, build_agenda
from services.session_writer import CompletionRefused

if TYPE_CHECKING:
    from services.opened_session import OpenedSession
    from storage.records import ConsentRecord

JGZ = "JGZ"


class Discussion:
    """One self-report's discussion; methods raise SaveFailed when the store refuses."""

    def __init__(self, opened: OpenedSession) -> None:
        self.writer = opened.writer
        self.form: Form = opened.form
        self.session_id = opened.session_id
        self.stored_notes = opened.record.notes
        self.agenda: Agenda = build_agenda(self.form, self.writer.answers)

    @property
    def answers(self) -> dict[str, AnswerValue]:
        return self.writer.answers

    @property
    def read_only(self) -> bool:
        return self.writer.completed

    def save_answer(self, item_id: str, value: Any) -> Changes:
        return self.writer.save_answer(item_id, value, by=self.writer.professional)

    def save_notes(self, text: str) -> Changes:
        """Notes go to the form's closing text item (when there is text) and to the session's
        notes."""
        item_id = self.agenda.closing.notes
        changes = Changes()
        if item_id is not None and text.strip():
            changes = self.save_answer(item_id, text)
        return changes | self.writer.set_notes(text)

    def decision(self, outcome_id: str) -> Decision | None:
        """The form-wide decision taken on `outcome_id`, if any."""
        return self.writer.decision(outcome_id)

    def decide(self, outcome_id: str, level: str, reason: str | None) -> Changes:
        """Raises scoring.DecisionError for an override without a reason."""
        return self.writer.decide(self.agenda.result.outcome(outcome_id), level, reason,
                                  by=self.writer.professional)

    def refer_with_consent(self, given_by: str, scope: str) -> ConsentRecord:
        return self.writer.add_consent(given_by, JGZ, scope)

    def referral_consents(self) -> list[ConsentRecord]:
        """The active consents to share with JGZ."""
        return [c for c in self.writer.consents() if c.active and c.recipient == JGZ]

    def missing_decisions(self) -> list[tuple[str, str | None]]:
        """The form-wide outcomes the professional decides on (the Balansmeter) not decided."""
        return [(o.id, None) for o, result in self.agenda.decided_outcomes
                if result.needs_decision and self.decision(o.id) is None]

    def completion_check(self) -> CompletionCheck:
        """What is still open: her unanswered topics, a decision, consent for a referral."""
        check = check_completion(self.form, self.answers, self.missing_decisions(), [])
        referral = any(self.answers.get(i) is True for i in self.agenda.closing.yes_no)
        return replace(check, no_referrer_consent=False, no_record_consent=False,
                       no_referral_consent=referral and not self.referral_consents())

    def complete(self) -> Changes:
        """Complete the discussion; refused while a needed decision is missing."""
        if self.missing_decisions():
            raise CompletionRefused("decision-missing")
        return self.writer.complete()
