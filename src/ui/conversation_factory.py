"""The screen a session opens in, chosen by its form's mode: the domain walk (conversation), the
GIZ triangle (triangle) or, for a self-report, the start choice or the discussion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from storage.records import SessionRecord
    from storage.store import Store

CONVERSATION, SELF_REPORT, TRIANGLE = "conversation", "self_report", "triangle"


def parent_part_done(store: Store, record: SessionRecord) -> bool:
    """Whether every question of the parent's own part that is shown has an answer (a
    completed session counts as done)."""
    if record.completed:
        return True
    from services.selfreport_flow import SelfReportFlow

    return SelfReportFlow(store.session_form(record), record.answers).first_unanswered() is None


def conversation_view(store: Store, session_id: str, lang: str,
                      parent: QWidget | None = None) -> QWidget:
    """GizView (triangle), SessionView (conversation), or for a self-report the discussion when
    her part is done, else the choice between handing it to her and discussing it. Every screen
    has the signals closed and completed(str); the self-report choice also has
    hand_to_client(str) and discuss(str)."""
    record = store.get_session(session_id)
    mode = store.session_form(record).mode
    if mode == TRIANGLE:
        from ui.giz.view import GizView

        return GizView(store, session_id, lang, parent)
    if mode == SELF_REPORT:
        if parent_part_done(store, record):
            return discussion_view(store, session_id, lang, parent)
        from ui.selfreport_handover import SelfReportStartPage

        return SelfReportStartPage(store, record, lang, parent)
    from ui.session.view import SessionView

    return SessionView(store, session_id, lang, parent)


def discussion_view(store: Store, session_id: str, lang: str,
                    parent: QWidget | None = None) -> QWidget:
    """The professional's discussion of a self-report."""
    from ui.selfreport.discussion import DiscussionView

    return DiscussionView(store, session_id, lang, parent)

