"""The screen a session opens in, chosen by its form's mode: the domain walk (conversation), the
GIZ triangle (triangle) or, for a self-report, the start choice or the discussion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from services.opened_session import SELF_REPORT, TRIANGLE

if TYPE_CHECKING:
    from services.opened_session import OpenedSession
    from ui.session_screen import SessionScreen


def conversation_view(opened: OpenedSession, lang: str,
                      parent: QWidget | None = None) -> SessionScreen:
    """GizView (triangle), SessionView (conversation), or for a self-report the discussion when
    her part is done, else the choice between handing it to her and discussing it."""
    if opened.mode == TRIANGLE:
        from ui.giz.view import GizView

        return GizView(opened, lang, parent)
    if opened.mode == SELF_REPORT:
        if opened.parent_part_done():
            return discussion_view(opened, lang, parent)
        from ui.selfreport_handover import SelfReportStartPage

        return SelfReportStartPage(opened, lang, parent)
    from ui.session.view import SessionView

    return SessionView(opened, lang, parent)


def discussion_view(opened: OpenedSession, lang: str,
                    parent: QWidget | None = None) -> SessionScreen:
    """The professional's discussion of a self-report."""
    from ui.selfreport.discussion import DiscussionView

    return DiscussionView(opened, lang, parent)
