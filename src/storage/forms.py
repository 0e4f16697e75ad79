"""Forms as the store keeps them: the YAML text a session was taken with, parsed on demand."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import yaml

from instruments.answers import AnswerValue
from instruments.model import Form


class LoadedFormLike(Protocol):
    """What the store needs of `instruments.loader.LoadedForm`."""

    @property
    def form(self) -> Form: ...

    @property
    def source(self) -> str: ...

    @property
    def content_hash(self) -> str: ...


def form_from_text(text: str, name: str) -> Form:
    """Turn a stored form text back into a Form (through the loader when it is available)."""
    try:
        from instruments.loader import load_form_text
    except ImportError:  # pragma: no cover - the loader lands separately
        return Form.model_validate(yaml.safe_load(text))
    loaded = load_form_text(text, name)
    form: Form = loaded.form
    return form


def answers_to_removed_items(form: Form, answers: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
    """Answers whose item no longer exists in `form` (kept after moving to a newer version)."""
    known = form.item_index()
    return {item_id: value for item_id, value in answers.items() if item_id not in known}
