"""Starting and opening a session: one audited read of the session, its form parsed from the text it was
taken with, and the session's one write path; every screen of the session works from this."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from instruments.model import Form
from services.changes import Changes
from services.session_writer import SessionWriter

if TYPE_CHECKING:
    from instruments.loader import LoadedForm
    from storage.records import Conductor, SessionRecord
    from storage.store import Store

CONVERSATION, SELF_REPORT, TRIANGLE = "conversation", "self_report", "triangle"


@dataclass(frozen=True)
class OpenedSession:
    """A session as read when it was opened, with its form and its writer."""

    record: SessionRecord
    form: Form
    writer: SessionWriter

    @property
    def session_id(self) -> str:
        return self.record.id

    @property
    def client_id(self) -> str:
        return self.record.client_id

    @property
    def mode(self) -> str:
        """How the form is conducted: conversation, self_report or triangle."""
        return str(self.form.mode)

    def parent_part_done(self) -> bool:
        """Whether every shown question of the parent's own part has an answer (a completed
        session counts as done)."""
        if self.record.completed:
            return True
        from services.selfreport_flow import SelfReportFlow

        return SelfReportFlow(self.form, self.writer.answers).first_unanswered() is None


def open_session(store: Store, session_id: str, *, lang: str = "nl") -> OpenedSession:
    """Read the session once (one `read_session` audit row) and prepare its writer."""
    record = store.get_session(session_id)
    form = store.session_form(record)
    return OpenedSession(record, form, SessionWriter(store, record, form, lang=lang))


def start_session(store: Store, client_id: str, loaded: LoadedForm,
                  conductor: Conductor | None = None) -> Changes:
    """Start a draft session of `loaded` for the client, recording who holds it (from the
    professional's settings, as they are now); the changes name the new session."""
    record = store.start_session(client_id, loaded, conductor)
    return Changes(session_id=record.id, client_id=client_id, started=True)
