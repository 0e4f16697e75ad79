"""The records the store hands out: frozen dataclasses, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from instruments.conductor import Conductor as Conductor  # handed out with the records

if TYPE_CHECKING:
    from instruments.answer_value import AnswerValue
    from instruments.decision import Decision
    from instruments.participant_views import ItemViews

SessionState = Literal["draft", "completed"]


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters (memory in KiB)."""

    memory_kib: int
    time_cost: int
    parallelism: int


@dataclass(frozen=True)
class ClientRecord:
    id: str
    name: str
    birth_date: date | None
    due_date: date | None
    bsn: str | None
    referrer: str | None
    created_at: datetime
    updated_at: datetime
    # The referrer's role (e.g. "verloskundige") and practice; None when not known.
    referrer_role: str | None = None
    referrer_practice: str | None = None


@dataclass(frozen=True)
class SessionRecord:
    id: str
    client_id: str
    form_id: str
    form_version: str
    form_hash: str
    form_text: str
    state: SessionState
    position: str | None
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    answered_by: dict[str, str | None] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    notes: str = ""
    # The form versions this draft was moved from, oldest first (e.g. ["1.0.0"]).
    migrated_from: list[str] = field(default_factory=list)
    # Who held it, recorded at its start; None for a session started before this was recorded.
    conductor: Conductor | None = None
    # True once a completed session was reopened for a correction (see `session_versions`).
    corrected: bool = False
    # Each participant's own view per item (multidisciplinary forms), beside the shared answer
    # in `answers`, which alone is the conclusion: item id -> participant -> view.
    participant_views: ItemViews = field(default_factory=dict)

    @property
    def completed(self) -> bool:
        return self.state == "completed"


@dataclass(frozen=True)
class SessionVersion:
    """A completed version of a session, kept when it was reopened for a correction."""

    session_id: str
    version: int  # 1 for the first completed version, then 2, ...
    reason: str
    reopened_by: str
    reopened_at: datetime
    completed_at: datetime | None
    form_version: str
    form_hash: str
    answers: dict[str, AnswerValue]
    answered_by: dict[str, str | None]
    decisions: list[Decision]
    notes: str
    participant_views: ItemViews = field(default_factory=dict)


@dataclass(frozen=True)
class ConsentRecord:
    id: str
    session_id: str
    client_id: str
    given_by: str
    recipient: str
    scope: str
    given_at: datetime
    withdrawn_at: datetime | None
    withdrawal_note: str | None
    # What the consent is for: "verwijzer" for feedback to the referrer; "" when not recorded.
    kind: str = ""

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    at: datetime
    user: str
    action: str
    client_id: str | None
    session_id: str | None
    detail: str
    hash: str
