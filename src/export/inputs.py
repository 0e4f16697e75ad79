"""Plain inputs of every export, built by the ui layer from the store (export never reads it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from instruments.answers import AnswerValue
from instruments.conditions import visibility, visible_answers
from instruments.conductor import Conductor
from instruments.loader import LoadedFormLike
from instruments.model import Form
from instruments.participant_views import ParticipantView
from instruments.scoring import Decision, ScoreResult, score


@dataclass(frozen=True)
class Letterhead:
    """Who sends the document: from the app settings."""

    organisation: str
    professional: str
    role: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


# Who held a conversation, as the session recorded it at its start: named on the documents,
# the report's PDF author, FHIR's author (the store's record of it is the same type).
Professional = Conductor


@dataclass(frozen=True)
class ClientInfo:
    """The client as identified on a document (the letter never shows the BSN)."""

    name: str
    birth_date: date | None = None
    due_date: date | None = None
    referrer: str | None = None  # the referrer's name (a person or a practice)
    bsn: str | None = None
    referrer_role: str = ""  # e.g. "verloskundige"
    referrer_practice: str = ""  # e.g. "Verloskundigenpraktijk De Wieg", when not the name


@dataclass(frozen=True)
class ConsentInput:
    """A recorded consent to share: who gave it, for whom, for what (see export.consent)."""

    recipient: str
    scope: str
    given_by: str
    given_at: datetime
    active: bool = True
    # "verwijzer" for the consent to give the referrer feedback; "" when the caller does not
    # know (then only a consent naming the client's referrer counts as the referrer's).
    kind: str = ""
    consent_id: str = ""


@dataclass(frozen=True)
class SessionInput:
    """One conducted session with the form it was taken with (never the current form file)."""

    session_id: str
    client_id: str
    loaded: LoadedFormLike
    answers: Mapping[str, AnswerValue]
    decisions: Sequence[Decision] = ()
    notes: str = ""
    state: str = "completed"
    created_at: datetime | None = None
    completed_at: datetime | None = None
    letterhead: Letterhead = field(default_factory=lambda: Letterhead("", ""))
    # Who held the conversation, recorded at its start; None when the store has no record of
    # it (the documents then say so, and never take the exporter instead).
    conductor: Professional | None = None
    # Who makes this export (audit and document metadata only; never the author).
    exported_by: str = ""
    # Multidisciplinary forms: item id -> the professional who gave that answer.
    answered_by: Mapping[str, str | None] = field(default_factory=dict)
    # True when a completed session was corrected afterwards (FHIR status "amended").
    corrected: bool = False
    # Multidisciplinary forms: item id -> participant -> their own view (never the shared
    # answer in `answers`, which alone is scored and is the conclusion).
    participant_views: Mapping[str, Mapping[str, ParticipantView]] = field(default_factory=dict)
    # The zone the documents show times in (times are kept in UTC; naive ones count as UTC).
    time_zone: str = "Europe/Amsterdam"

    @property
    def is_draft(self) -> bool:
        """Not completed: its documents are a concept, without risk words."""
        return self.state != "completed"

    @property
    def exporter(self) -> str:
        """Who exports: the explicit `exported_by`, else the settings' professional."""
        return self.exported_by.strip() or self.letterhead.professional.strip()

    @property
    def form(self) -> Form:
        return self.loaded.form

    @cached_property
    def visible(self) -> dict[str, AnswerValue]:
        """The answers that count: hidden answers never leave the store."""
        return visible_answers(self.form, self.answers)

    @cached_property
    def views(self) -> dict[str, dict[str, ParticipantView]]:
        """The participants' own views on the items that take them and are shown (the views
        on a hidden item never leave the store), in form order."""
        shown = visibility(self.form, self.answers)
        return {item_id: dict(self.participant_views[item_id])
                for item_id in self.form.view_items()
                if self.participant_views.get(item_id) and shown.get(item_id, True)}

    @cached_property
    def scored(self) -> ScoreResult:
        return score(self.form, self.answers)

    @property
    def when(self) -> datetime | None:
        """The moment the conversation took place: completion, else start."""
        return self.completed_at or self.created_at

    def decision(self, outcome_id: str, scope: str | None = None) -> Decision | None:
        """The latest decision on an outcome in a scope, if any."""
        found = [d for d in self.decisions if d.outcome_id == outcome_id and d.scope == scope]
        return found[-1] if found else None
