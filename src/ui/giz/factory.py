"""The conversation screen that fits a session's form (kept for its users; the dispatch on the
form's mode lives in ui.conversation_factory)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from instruments.loader import load_form_text

if TYPE_CHECKING:
    from storage.store import Store


def is_triangle_session(store: Store, session_id: str) -> bool:
    """Whether the session was taken with a GIZ (triangle mode) form."""
    record = store.get_session(session_id)
    return load_form_text(record.form_text).form.mode == "triangle"


def conversation_view(store: Store, session_id: str, lang: str,
                      parent: QWidget | None = None) -> QWidget:
    """GizView for a triangle-mode session, SessionView for a conversation, and for a
    self-report the start choice or the discussion (see ui.conversation_factory)."""
    from ui.conversation_factory import conversation_view as view_for

    return view_for(store, session_id, lang, parent)
