"""The conversation screen that fits a session's form: the GIZ triangle screen for a form in
triangle mode, else the domain-by-domain session screen."""

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
    """GizView for a triangle-mode session, else SessionView; both have closed, completed(str)
    and shutdown()."""
    if is_triangle_session(store, session_id):
        from ui.giz.view import GizView

        return GizView(store, session_id, lang, parent)
    from ui.session.view import SessionView

    return SessionView(store, session_id, lang, parent)
