"""What a store operation changed, as a small frozen value the screens refresh from (in the
spirit of Anki's OpChanges): which session and client, which answers, participants' views and
decisions, and flags
for position, notes, consent, completion, a reopening for correction, a new session and an
export."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Changes:
    """One operation's changes; `a | b` is both. An empty value changed nothing."""

    session_id: str | None = None
    client_id: str | None = None
    answers: frozenset[str] = frozenset()  # item ids saved or cleared
    views: frozenset[str] = frozenset()  # item ids a participant's own view was saved on
    visibility: frozenset[str] = frozenset()  # item ids shown or hidden as a result
    decisions: frozenset[tuple[str, str | None]] = frozenset()  # (outcome id, scope)
    position: bool = False
    notes: bool = False
    consents: bool = False
    completed: bool = False
    reopened: bool = False  # a completed session reopened for a correction
    started: bool = False  # a new session
    exported: bool = False

    def __or__(self, other: Changes) -> Changes:
        merged = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, frozenset):
                merged[f.name] = mine | theirs
            elif isinstance(mine, bool):
                merged[f.name] = mine or theirs
            else:
                merged[f.name] = mine if mine is not None else theirs
        return replace(self, **merged)

    @property
    def empty(self) -> bool:
        return self == Changes(session_id=self.session_id, client_id=self.client_id)

    @property
    def session_list(self) -> bool:
        """Whether a client's list of sessions (state, last change, exports) shows it."""
        return bool(self.answers or self.views or self.decisions or self.notes or self.consents
                    or self.completed or self.reopened or self.started or self.exported)

    def touches_client(self, client_id: str) -> bool:
        return self.client_id == client_id and self.session_list


NOTHING = Changes()
