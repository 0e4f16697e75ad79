"""Forms as the store keeps them: the YAML text a session was taken with, parsed on demand."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the form model (pydantic) and loader (PyYAML) only when a text is parsed
    from instruments.answer_value import AnswerValue
    from instruments.loader import LoadedFormLike as LoadedFormLike  # re-exported for the store
    from instruments.model import Form


def form_from_text(text: str, name: str) -> Form:
    """Turn a stored form text back into a Form through the loader."""
    from instruments.loader import load_form_text

    return load_form_text(text, name).form


def answers_to_removed_items(form: Form, answers: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
    """Answers whose item no longer exists in `form` (kept after moving to a newer version)."""
    known = form.item_index()
    return {item_id: value for item_id, value in answers.items() if item_id not in known}
