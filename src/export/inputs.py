"""Plain inputs of every export, built by the ui layer from the store (export never reads it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from instruments.answers import AnswerValue
from instruments.conditions import visible_answers
from instruments.loader import LoadedFormLike
from instruments.model import Form
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


@dataclass(frozen=True)
class ClientInfo:
    """The client as identified on a document (the letter never shows the BSN)."""

    name: str
    birth_date: date | None = None
    due_date: date | None = None
    referrer: str | None = None
    bsn: str | None = None


@dataclass(frozen=True)
class ConsentInput:
    """A recorded consent to share: who gave it, for whom, for what (see export.consent)."""

    recipient: str
    scope: str
    given_by: str
    given_at: datetime
    active: bool = True


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

    @property
    def form(self) -> Form:
        return self.loaded.form

    @cached_property
    def visible(self) -> dict[str, AnswerValue]:
        """The answers that count: hidden answers never leave the store."""
        return visible_answers(self.form, self.answers)

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
