"""What the client page says about each session without opening it (no read audit): how far
it got (domains with an answer, of the counted ones) and the recorded decisions, and whether a
new session would be a second draft of the same form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from instruments.loader import load_form_text
from instruments.model import Form, localize
from storage.records import SessionRecord


@dataclass(frozen=True)
class SessionRow:
    """Progress as (domains with an answer, counted domains) and the decided levels' labels
    (empty while nothing is decided)."""

    answered: int
    total: int
    decided: tuple[str, ...]


@lru_cache(maxsize=32)
def _form(form_hash: str, form_text: str) -> Form:
    return load_form_text(form_text).form


def session_row(record: SessionRecord, lang: str) -> SessionRow:
    form = _form(record.form_hash, record.form_text)
    counted = form.counted_domains()
    answered_domains = {key.split(".", 1)[0] for key, value in record.answers.items()
                        if value is not None}
    answered = sum(1 for domain in counted if domain.id in answered_domains)
    outcomes = {o.id: o for o in form.outcomes}
    decided = []
    for decision in record.decisions:
        outcome = outcomes.get(decision.outcome_id)
        label = localize(outcome.level_labels.get(decision.decided), lang) if outcome else ""
        decided.append(label or decision.decided)
    return SessionRow(answered, len(counted), tuple(decided))


def open_drafts(sessions: Sequence[SessionRecord], form_id: str) -> list[SessionRecord]:
    """The client's drafts of `form_id` (any version), newest first."""
    return [s for s in sessions if s.form_id == form_id and s.state == "draft"]
