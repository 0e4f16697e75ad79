"""The conversation lifecycle without widgets: the walk through the domains, answers and their
visibility, scoring, decisions, consent and completion; every change goes through the session's
one write path (`services.session_writer`) the moment it is made."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from instruments.answers import AnswerValue
from instruments.conditions import visibility
from instruments.model import Domain, DomainKind, Item, Outcome
from instruments.participant_views import ParticipantView
from instruments.scoring import Decision, OutcomeResult, ScoreResult, score
from services.changes import Changes
from services.completion_check import CompletionCheck, check_completion
from services.session_writer import (
    SESSION_COMPLETED,
    CompletionRefused,
    SaveFailed,
    SessionWriter,
)

if TYPE_CHECKING:
    from storage.records import ConsentRecord
    from storage.store import Store

__all__ = ["SESSION_COMPLETED", "CompletionRefused", "OutcomeScope", "SaveFailed",
           "SessionController"]


@dataclass(frozen=True)
class OutcomeScope:
    """One outcome in one scope (None: the whole form; else a group or domain id)."""

    outcome: Outcome
    result: OutcomeResult

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.result.outcome_id, self.result.scope)


class SessionController:
    """Holds one session while it is conducted. Widgets call this; this calls the writer.

    Every answer is checked against its item once, then saved before the in-memory state
    changes: when the store refuses, nothing here pretends it was saved. Who answered is `user`:
    the current speaker on an attributed form (GIZ), else the professional at the keyboard.
    """

    def __init__(self, writer: SessionWriter, *, user: str | None = None) -> None:
        self.writer = writer
        self.lang = writer.lang
        self.session_id = writer.session_id
        self.client_id = writer.client_id
        self.form = form = writer.form
        self.user = user or None
        self.answers: dict[str, AnswerValue] = writer.answers
        self.decisions: dict[tuple[str, str | None], Decision] = writer.decisions
        self.index = form.item_index()
        # The walk: every section except the closing one, in form order; the closing page last.
        self.pages: list[Domain] = [d for d in form.domains if d.kind != DomainKind.CLOSING]
        self.closing_domains: list[Domain] = [
            d for d in form.domains if d.kind == DomainKind.CLOSING
        ]
        self.counted: list[Domain] = form.counted_domains()
        self._visible = visibility(form, self.answers)
        self._result: ScoreResult | None = None
        self.position = self._page_of(writer.position)

    @property
    def store(self) -> Store:
        return self.writer.store

    @property
    def completed(self) -> bool:
        return self.writer.completed

    # ----- the walk ------------------------------------------------------------------------

    @property
    def closing_index(self) -> int:
        """The page index of the closing page (after the last domain page)."""
        return len(self.pages)

    def _page_of(self, domain_id: str | None) -> int:
        if domain_id is None:
            return 0
        for i, domain in enumerate(self.pages):
            if domain.id == domain_id:
                return i
        if any(d.id == domain_id for d in self.closing_domains):
            return self.closing_index
        return 0

    def domain_number(self, page: int) -> int | None:
        """1-based number of a counted domain ('domein 4 van 13'); None for other sections."""
        if 0 <= page < len(self.pages):
            domain = self.pages[page]
            if domain.kind == DomainKind.DOMAIN:
                return self.counted.index(domain) + 1
        return None

    def page_of_domain(self, domain_id: str) -> int:
        return self._page_of(domain_id)

    def go_to(self, page: int) -> None:
        """Move to a page and store the position (the closing domain's id for the closing page).
        Raises SaveFailed when the position could not be stored; the move itself stands."""
        page = max(0, min(page, self.closing_index))
        self.position = page
        if self.completed:
            return
        if page < len(self.pages):
            domain_id: str | None = self.pages[page].id
        else:
            domain_id = self.closing_domains[0].id if self.closing_domains else None
        self.writer.set_position(domain_id)

    # ----- items and answers ---------------------------------------------------------------

    def items(self, domain: Domain) -> list[tuple[str, Item]]:
        return [(f"{domain.id}.{item.key}", item) for item in self.form.domain_items(domain)]

    def is_visible(self, item_id: str) -> bool:
        return self._visible.get(item_id, True)

    def visible_map(self) -> Mapping[str, bool]:
        return self._visible

    def answer(self, item_id: str) -> AnswerValue | None:
        return self.answers.get(item_id)

    def set_answer(self, item_id: str, value: Any) -> set[str]:
        """Check and save one answer; return the ids whose visibility changed.
        `None`, empty text and an empty action list clear the answer."""
        return self._refresh(self.writer.save_answer(item_id, value, by=self.user))

    def clear_answer(self, item_id: str) -> set[str]:
        return self._refresh(self.writer.clear_answer(item_id))

    def views(self, item_id: str) -> dict[str, ParticipantView]:
        """Each participant's own view on the item (never the shared answer), by name."""
        return dict(self.writer.views.get(item_id, {}))

    def set_view(self, item_id: str, participant: str, value: Any,
                 note: str = "") -> ParticipantView | None:
        """Save (None: take away) one participant's own view; the view as saved. Views are
        never scored: the result reads only the shared answers."""
        self.writer.save_view(item_id, participant, value, note)
        return self.writer.view(item_id, participant)

    def _refresh(self, changes: Changes) -> set[str]:
        if not changes.answers:
            return set()
        self._result = None
        before = self._visible
        self._visible = visibility(self.form, self.answers)
        return {k for k, shown in self._visible.items() if before.get(k, True) != shown}

    # ----- scoring, decisions --------------------------------------------------------------

    def result(self) -> ScoreResult:
        if self._result is None:
            self._result = score(self.form, self.answers)
        return self._result

    def outcome_scopes(self) -> list[OutcomeScope]:
        by_id = {o.id: o for o in self.form.outcomes}
        return [OutcomeScope(by_id[r.outcome_id], r) for r in self.result().outcomes]

    def decide(self, outcome_id: str, scope: str | None, decided: str,
               reason: str | None = None) -> Decision:
        """Confirm or override a suggestion. Raises scoring.DecisionError for an override
        without a reason, SaveFailed when the store refuses."""
        result = self.result().outcome(outcome_id, scope)
        self.writer.decide(result, decided, reason, by=self.user)
        return self.decisions[(outcome_id, scope)]

    def missing_decisions(self) -> list[OutcomeScope]:
        return [s for s in self.outcome_scopes()
                if s.result.needs_decision and s.key not in self.decisions]

    # ----- summaries -----------------------------------------------------------------------

    def visible_answer(self, item_id: str) -> AnswerValue | None:
        """The answer as it counts: None when the item is hidden."""
        return self.answers.get(item_id) if self.is_visible(item_id) else None

    def agreed_actions(self) -> list[tuple[Domain, list[str]]]:
        """Per domain, the visible agreed actions, in form order."""
        out: list[tuple[Domain, list[str]]] = []
        for domain in self.form.domains:
            rows: list[str] = []
            for item_id, item in self.items(domain):
                value = self.visible_answer(item_id)
                if item.type == "actions" and isinstance(value, list):
                    rows += [v for v in value if isinstance(v, str) and v.strip()]
            if rows:
                out.append((domain, rows))
        return out

    # ----- consent and completion ----------------------------------------------------------

    def consents(self) -> list[ConsentRecord]:
        return self.writer.consents()

    def referrer(self) -> str:
        """The client's referrer (the default recipient of the feedback letter)."""
        return self.writer.referrer()

    def add_consent(self, given_by: str, recipient: str, scope: str,
                    kind: str = "") -> ConsentRecord:
        return self.writer.add_consent(given_by, recipient, scope, kind)

    def reopen_for_correction(self, reason: str) -> Changes:
        """Reopen the completed session for a correction (see SessionWriter)."""
        changes = self.writer.reopen_for_correction(reason, by=self.user)
        self._result = None
        return changes

    def completion_check(self) -> CompletionCheck:
        """What is still open: unanswered domains, decisions, consent (for the confirmation
        before completing)."""
        return check_completion(self.form, self.answers,
                                [s.key for s in self.missing_decisions()], self.consents())

    def complete(self) -> Changes:
        """Complete the session; refused while a needed decision is missing."""
        if self.completed:
            return Changes()
        if self.missing_decisions():
            raise CompletionRefused("decision-missing")
        return self.writer.complete()
