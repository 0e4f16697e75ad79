"""The participant views repository: each participant's own view per item of a multidisciplinary
session (table `participant_views`), saved and cleared one by one in a draft, audited like
answers (the item only: the name stays in the store), read with the session."""

from __future__ import annotations

import json

from instruments.answer_value import AnswerError
from instruments.participant_views import ParticipantView, check_view
from storage.access import Access
from storage.columns import now_text
from storage.errors import InvalidInput
from storage.sessions import draft_head
from storage.text_rules import checked_name, checked_text


class ParticipantViews:
    """Participant views of one open store; every change is audited (item id only)."""

    def __init__(self, access: Access) -> None:
        self._access = access

    def save(self, session_id: str, item_id: str, participant: str, value: object,
             note: str = "") -> ParticipantView:
        """Save one participant's view on an item of a draft, as its own committed transaction,
        checked against the session's form; returns the view as saved."""
        name = checked_name(participant)
        checked_text(note, "note", limit=2_000)
        with self._access.tx() as conn:
            head = draft_head(conn, session_id)
            form = self._access.form_of_hash(conn, head["form_hash"], head["form_id"])
            try:
                view = check_view(form, item_id, value, note)
            except AnswerError as exc:
                raise InvalidInput(key="store.error.answer_invalid", item=item_id) from exc
            now = now_text()
            conn.exec_driver_sql(
                "INSERT INTO participant_views (session_id, item_id, participant, value, "
                "saved_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, item_id, "
                "participant) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at",
                (session_id, item_id, name, json.dumps(view.as_json(), ensure_ascii=False),
                 now))
            conn.exec_driver_sql("UPDATE sessions SET updated_at = ? WHERE id = ?",
                                 (now, session_id))
            self._access.append(conn, "save_participant_view", client_id=head["client_id"],
                                session_id=session_id, detail=f"item={item_id}")
        return view

    def clear(self, session_id: str, item_id: str, participant: str) -> None:
        """Take one participant's view on an item of a draft away (audited)."""
        name = checked_name(participant)
        with self._access.tx() as conn:
            head = draft_head(conn, session_id)
            gone = conn.exec_driver_sql(
                "DELETE FROM participant_views WHERE session_id = ? AND item_id = ? "
                "AND participant = ?", (session_id, item_id, name)).rowcount
            if not gone:
                return
            conn.exec_driver_sql("UPDATE sessions SET updated_at = ? WHERE id = ?",
                                 (now_text(), session_id))
            self._access.append(conn, "clear_participant_view", client_id=head["client_id"],
                                session_id=session_id, detail=f"item={item_id}")
