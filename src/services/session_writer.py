"""The one write path of a session: answers (checked once against the form, always saying who
answered), participants' own views, decisions, position, notes, consent and completion. Each operation goes to the store
before any state here changes, and returns what changed; every failure is one `SaveFailed`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from instruments.answers import AnswerValue
from instruments.i18n import tr
from instruments.model import Form
from instruments.participant_views import ItemViews, ParticipantView
from instruments.scoring import Decision, OutcomeResult, decide
from services.changes import NOTHING, Changes
from storage.errors import StoreError

if TYPE_CHECKING:
    from storage.records import ConsentRecord, SessionRecord
    from storage.store import Store

T = TypeVar("T")

# The message of SaveFailed for a change to a completed (read-only) session.
SESSION_COMPLETED = "session-completed"
# Who answered, for an answer the client gave on her own screen (a self-report).
CLIENT = "client"


class SaveFailed(Exception):
    """A change that did not reach the store. The message is one line without client data."""

    def reason(self, lang: str) -> str:
        """Why, in words: a completed session is read-only, else the message itself."""
        if str(self) == SESSION_COMPLETED:
            return tr("session.saved.completed_read_only", lang)
        return str(self)


class CompletionRefused(Exception):
    """The session cannot be completed yet (a decision is missing)."""


class ReopenRefused(Exception):
    """A session can be reopened for a correction only once completed, and only with a reason."""


def store_failure(exc: Exception, lang: str) -> SaveFailed:
    """A store exception as SaveFailed; store messages are one line without client data, other
    exceptions are named by type only (their text might hold data)."""
    if isinstance(exc, StoreError):
        text = exc.text(lang)
        return SaveFailed(text.splitlines()[0] if text else type(exc).__name__)
    return SaveFailed(type(exc).__name__)


def is_empty_answer(value: Any) -> bool:
    """`None`, empty text and an empty action list clear an answer."""
    return value is None or value == "" or value == []


class SessionWriter:
    """Writes one session through the store and keeps what was written: its answers, who gave
    them, its decisions. Widgets never write to the store themselves; they call this."""

    def __init__(self, store: Store, record: SessionRecord, form: Form, *,
                 lang: str = "nl") -> None:
        self.store = store
        self.lang = lang
        self.form = form
        self.session_id = record.id
        self.client_id = record.client_id
        self.completed = record.completed
        self.notes = record.notes
        self.position = record.position  # the domain id the session was left at
        self.answers: dict[str, AnswerValue] = dict(record.answers)
        self.answered_by: dict[str, str | None] = dict(record.answered_by)
        # Each participant's own view per item (multidisciplinary forms); never the conclusion.
        self.views: ItemViews = {item_id: dict(by_name) for item_id, by_name
                                 in record.participant_views.items()}
        self.decisions: dict[tuple[str, str | None], Decision] = {}
        for decision in record.decisions:  # later decisions replace earlier ones
            self.decisions[(decision.outcome_id, decision.scope)] = decision
        self._listeners: list[Callable[[Changes], None]] = []

    def on_change(self, listener: Callable[[Changes], None]) -> None:
        """Call `listener` with what changed after every write that changed something (the
        screens that show the session refresh from it)."""
        self._listeners.append(listener)

    @property
    def professional(self) -> str | None:
        """Who holds the store open (the professional), for answers and decisions they give."""
        return getattr(self.store, "user", None) or None

    def _changes(self, **what: Any) -> Changes:
        changes = Changes(session_id=self.session_id, client_id=self.client_id, **what)
        for listener in list(self._listeners):
            listener(changes)
        return changes

    def _call(self, action: Callable[[], T]) -> T:
        try:
            return action()
        except Exception as exc:  # any store failure is reported, never swallowed
            raise store_failure(exc, self.lang) from exc

    def _writable(self) -> None:
        if self.completed:
            raise SaveFailed(SESSION_COMPLETED)

    # ----- answers ---------------------------------------------------------------------------

    def save_answer(self, item_id: str, value: Any, *, by: str | None) -> Changes:
        """Save `value`, attributed to `by`; the store checks it against the item (the one
        check on the way) and gives back the value as saved. An empty value clears the answer.
        Raises SaveFailed; nothing changes here then."""
        self._writable()
        if is_empty_answer(value):
            return self.clear_answer(item_id)
        checked = self._call(lambda: self.store.save_answer(self.session_id, item_id, value,
                                                            by=by))
        self.answers[item_id] = checked
        self.answered_by[item_id] = by
        return self._changes(answers=frozenset({item_id}))

    def clear_answer(self, item_id: str) -> Changes:
        self._writable()
        if item_id not in self.answers:
            return NOTHING
        self._call(lambda: self.store.clear_answer(self.session_id, item_id))
        del self.answers[item_id]
        self.answered_by.pop(item_id, None)
        return self._changes(answers=frozenset({item_id}))

    # ----- participants' own views -----------------------------------------------------------

    def save_view(self, item_id: str, participant: str, value: Any, note: str = "") -> Changes:
        """Save one participant's own view on an item (a value on its scale, a short note);
        the shared answer stays as it is. No value clears the view. Raises SaveFailed."""
        self._writable()
        if is_empty_answer(value):
            return self.clear_view(item_id, participant)
        saved = self._call(lambda: self.store.save_participant_view(
            self.session_id, item_id, participant, value, note))
        self.views.setdefault(item_id, {})[" ".join(participant.split())] = saved
        return self._changes(views=frozenset({item_id}))

    def clear_view(self, item_id: str, participant: str) -> Changes:
        self._writable()
        name = " ".join(participant.split())
        if name not in self.views.get(item_id, {}):
            return NOTHING
        self._call(lambda: self.store.clear_participant_view(self.session_id, item_id, name))
        del self.views[item_id][name]
        if not self.views[item_id]:
            del self.views[item_id]
        return self._changes(views=frozenset({item_id}))

    def view(self, item_id: str, participant: str) -> ParticipantView | None:
        return self.views.get(item_id, {}).get(" ".join(participant.split()))

    # ----- decisions, position, notes, consent, completion -----------------------------------

    def decide(self, result: OutcomeResult, decided: str, reason: str | None, *,
               by: str | None) -> Changes:
        """Confirm or override the suggestion the app showed, or decide without one when the
        answers are incomplete (kept as scoring.NO_SUGGESTION). Raises scoring.DecisionError for
        an override without a reason, SaveFailed when the store refuses."""
        decision = decide(self.form, result, decided, reason, decided_by=by)
        self._call(lambda: self.store.save_decision(self.session_id, decision))
        key = (result.outcome_id, result.scope)
        self.decisions[key] = decision
        return self._changes(decisions=frozenset({key}))

    def decision(self, outcome_id: str, scope: str | None = None) -> Decision | None:
        return self.decisions.get((outcome_id, scope))

    def set_position(self, domain_id: str | None) -> Changes:
        """Remember where the session is (nothing for a completed one)."""
        if self.completed or domain_id is None:
            return NOTHING
        self._call(lambda: self.store.set_position(self.session_id, domain_id))
        self.position = domain_id
        return self._changes(position=True)

    def set_notes(self, text: str) -> Changes:
        self._writable()
        self._call(lambda: self.store.set_notes(self.session_id, text))
        self.notes = text
        return self._changes(notes=True)

    def consents(self) -> list[ConsentRecord]:
        return list(self._call(lambda: self.store.consents(session_id=self.session_id)))

    def referrer(self) -> str:
        """The client's referrer (the default recipient of the feedback letter)."""
        return self._call(lambda: self.store.get_client(self.client_id).referrer) or ""

    def add_consent(self, given_by: str, recipient: str, scope: str,
                    kind: str = "") -> ConsentRecord:
        """Record a consent; `kind` "verwijzer" for the consent to give the referrer feedback."""
        return self._call(lambda: self.store.add_consent(
            self.session_id, given_by=given_by, recipient=recipient, scope=scope, kind=kind))

    def complete(self) -> Changes:
        if self.completed:
            return NOTHING
        self._call(lambda: self.store.complete_session(self.session_id))
        self.completed = True
        return self._changes(completed=True)

    def reopen_for_correction(self, reason: str, *, by: str | None) -> Changes:
        """Reopen the completed session for a correction: the store keeps the completed version
        (answers, who gave them, decisions, notes) with who, when and why, audited, and the
        session becomes a draft marked as corrected. Raises ReopenRefused without a completed
        session or a reason, SaveFailed when the store refuses."""
        cleaned = reason.strip()
        who = (by or self.professional or "").strip()
        if not self.completed:
            raise ReopenRefused("not-completed")
        if not cleaned or not who:
            raise ReopenRefused("reason-missing")
        self._call(lambda: self.store.reopen_session(self.session_id, cleaned, who))
        self.completed = False
        return self._changes(reopened=True)

    def versions(self) -> list[Any]:
        """The completed versions kept by earlier corrections, oldest first (audited)."""
        return list(self._call(lambda: self.store.session_versions(self.session_id)))
