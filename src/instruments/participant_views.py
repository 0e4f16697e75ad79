"""A participant's own view on an item of a multidisciplinary form (a status and a short note),
kept beside the shared answer; a view is never the conclusion and is never scored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from instruments.answer_value import AnswerError, AnswerValue

if TYPE_CHECKING:
    from instruments.model import Form

# The longest note a participant's view takes (one line).
NOTE_MAX = 500


@dataclass(frozen=True)
class ParticipantView:
    """What one participant thinks of one item: a value on the item's scale and a note."""

    value: AnswerValue
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"value": self.value, "note": self.note}

    @classmethod
    def from_json(cls, data: Any) -> ParticipantView:
        if not isinstance(data, dict) or "value" not in data:
            raise AnswerError(f"not a participant view: {type(data).__name__}")
        note = data.get("note") or ""
        return cls(data["value"], note if isinstance(note, str) else "")


# Views per item id, then per participant name (in the order they were given).
ItemViews = dict[str, dict[str, ParticipantView]]


def check_view(form: Form, item_id: str, value: Any, note: str = "") -> ParticipantView:
    """A participant's view checked against the item (which must take views), or AnswerError."""
    from instruments.answers import check_value

    found = form.item_index().get(item_id)
    if found is None:
        raise AnswerError(f"{item_id}: unknown item")
    item = found[1]
    if not item.views or not form.attributed:
        raise AnswerError(f"{item_id}: this item takes no view per participant")
    checked = check_value(form, item_id, item, value)
    if not isinstance(note, str):
        raise AnswerError(f"{item_id}: the note must be text")
    note = " ".join(note.split())
    if len(note) > NOTE_MAX:
        raise AnswerError(f"{item_id}: the note is longer than {NOTE_MAX} characters")
    return ParticipantView(checked, note)
