"""Session state without widgets: answers, visibility, position, scoring, decisions and consent,
each change written through the store the moment it is made."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from instruments.answers import AnswerError, AnswerValue, check_value
from instruments.conditions import visibility
from instruments.i18n import tr
from instruments.model import Domain, DomainKind, Form, Item, Outcome
from instruments.scoring import Decision, OutcomeResult, ScoreResult, make_decision, score
from storage.errors import StoreError

if TYPE_CHECKING:
    from storage.records import ConsentRecord, SessionRecord
    from storage.store import Store


# The message of SaveFailed for a change to a completed (read-only) session.
SESSION_COMPLETED = "session-completed"


class SaveFailed(Exception):
    """A change that did not reach the store. The message is one line without client data."""

    def reason(self, lang: str) -> str:
        """Why, in words: a completed session is read-only, else the message itself."""
        if str(self) == SESSION_COMPLETED:
            return tr("session.saved.completed_read_only", lang)
        return str(self)


class CompletionRefused(Exception):
    """The session cannot be completed yet (a decision is missing)."""


@dataclass(frozen=True)
class OutcomeScope:
    """One outcome in one scope (None: the whole form; else a group or domain id)."""

    outcome: Outcome
    result: OutcomeResult

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.result.outcome_id, self.result.scope)


def _store_failure(exc: Exception, lang: str) -> SaveFailed:
    """A store exception as SaveFailed; store messages are one line without client data, other
    exceptions are named by type only (their text might hold data)."""
    if isinstance(exc, StoreError):
        text = exc.text(lang)
        return SaveFailed(text.splitlines()[0] if text else type(exc).__name__)
    return SaveFailed(type(exc).__name__)


class SessionController:
    """Holds one session while it is conducted. Widgets call this; this calls the store.

    Every answer is checked against its item, then saved with `store.save_answer` before the
    in-memory state changes: when the store refuses, nothing here pretends it was saved.
    """

    def __init__(self, store: Store, session: SessionRecord, form: Form, *,
                 lang: str = "nl", user: str | None = None) -> None:
        self.store = store
        self.lang = lang
        self.session_id = session.id
        self.client_id = session.client_id
        self.form = form
        self.user = user or None
        self.completed = session.state == "completed"
        self.answers: dict[str, AnswerValue] = dict(session.answers)
        self.index = form.item_index()
        # The walk: every section except the closing one, in form order; the closing page last.
        self.pages: list[Domain] = [d for d in form.domains if d.kind != DomainKind.CLOSING]
        self.closing_domains: list[Domain] = [
            d for d in form.domains if d.kind == DomainKind.CLOSING
        ]
        self.counted: list[Domain] = form.counted_domains()
        self._visible = visibility(form, self.answers)
        self._result: ScoreResult | None = None
        self.decisions: dict[tuple[str, str | None], Decision] = {}
        for decision in session.decisions:  # later decisions replace earlier ones
            self.decisions[(decision.outcome_id, decision.scope)] = decision
        self.position = self._page_of(session.position)

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
        if domain_id is None:
            return
        try:
            self.store.set_position(self.session_id, domain_id)
        except Exception as exc:  # any store failure is shown, never swallowed
            raise _store_failure(exc, self.lang) from exc

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
        if self.completed:
            raise SaveFailed(SESSION_COMPLETED)
        if value is None or value == "" or value == []:
            return self.clear_answer(item_id)
        _domain, item = self.index[item_id]
        try:
            checked = check_value(self.form, item_id, item, value)
        except AnswerError as exc:
            raise SaveFailed(str(exc)) from exc
        by = self.user if self.form.attributed else None
        try:
            self.store.save_answer(self.session_id, item_id, checked, by=by)
        except Exception as exc:  # a failed save is reported, the value not kept
            raise _store_failure(exc, self.lang) from exc
        self.answers[item_id] = checked
        return self._refresh()

    def clear_answer(self, item_id: str) -> set[str]:
        if self.completed:
            raise SaveFailed(SESSION_COMPLETED)
        if item_id not in self.answers:
            return set()
        try:
            self.store.clear_answer(self.session_id, item_id)
        except Exception as exc:
            raise _store_failure(exc, self.lang) from exc
        del self.answers[item_id]
        return self._refresh()

    def _refresh(self) -> set[str]:
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
        decision = make_decision(self.form, result, decided, reason, decided_by=self.user)
        try:
            self.store.save_decision(self.session_id, decision)
        except Exception as exc:
            raise _store_failure(exc, self.lang) from exc
        self.decisions[(outcome_id, scope)] = decision
        return decision

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
                    rows += [v for v in value if v.strip()]
            if rows:
                out.append((domain, rows))
        return out

    # ----- consent and completion ----------------------------------------------------------

    def consents(self) -> list[ConsentRecord]:
        try:
            return list(self.store.consents(session_id=self.session_id))
        except Exception as exc:
            raise _store_failure(exc, self.lang) from exc

    def referrer(self) -> str:
        """The client's referrer (the default recipient of the feedback letter)."""
        try:
            return self.store.get_client(self.client_id).referrer or ""
        except Exception as exc:
            raise _store_failure(exc, self.lang) from exc

    def add_consent(self, given_by: str, recipient: str, scope: str) -> ConsentRecord:
        try:
            return self.store.add_consent(self.session_id, given_by=given_by,
                                          recipient=recipient, scope=scope)
        except Exception as exc:
            raise _store_failure(exc, self.lang) from exc

    def complete(self) -> None:
        """Complete the session; refused while a needed decision is missing."""
        if self.completed:
            return
        if self.missing_decisions():
            raise CompletionRefused("decision-missing")
        try:
            self.store.complete_session(self.session_id)
        except Exception as exc:
            raise _store_failure(exc, self.lang) from exc
        self.completed = True
