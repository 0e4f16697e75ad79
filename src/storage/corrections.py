"""Reopening a completed session for a correction: the completed version is kept (answers, who
gave them, participants' views, decisions, notes) with who reopened it, when and why, and the
session becomes a draft again, marked as corrected."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from instruments.decision import Decision
from storage.access import Access
from storage.columns import moment, now_text
from storage.database import Connection
from storage.errors import InvalidInput
from storage.records import SessionVersion
from storage.session_parts import Chosen, read_answers, read_views, views_from_json, views_json
from storage.sessions import session_head
from storage.text_rules import LINE_MAX, NOTES_MAX, checked_text

_DECISION_COLUMNS = ("outcome_id", "scope", "suggested", "decided", "reason", "decided_by",
                     "decided_at")


def _snapshot(conn: Connection, head: Any) -> dict[str, Any]:
    """The session as it stands (its completed version) as plain JSON-ready data."""
    sid = head["id"]
    answers = read_answers(conn, Chosen.ids([sid]), [sid], with_by=True)
    rows = conn.exec_driver_sql(
        f"SELECT {', '.join(_DECISION_COLUMNS)} FROM decisions WHERE session_id = ? "
        "ORDER BY decided_at", (sid,)).all()
    return {
        "form_version": head["form_version"], "form_hash": head["form_hash"],
        "completed_at": head["completed_at"], "notes": head["notes"],
        "answers": answers.values[sid], "answered_by": answers.by[sid],
        "decisions": [dict(zip(_DECISION_COLUMNS, row, strict=True)) for row in rows],
        "participant_views": views_json(read_views(conn, Chosen.ids([sid]), [sid])[sid]),
    }


def _version_from(session_id: str, row: Any) -> SessionVersion:
    data = json.loads(row["snapshot"])
    return SessionVersion(
        session_id=session_id, version=int(row["version"]), reason=row["reason"],
        reopened_by=row["reopened_by"], reopened_at=datetime.fromisoformat(row["reopened_at"]),
        completed_at=moment(data["completed_at"]), form_version=data["form_version"],
        form_hash=data["form_hash"], answers=dict(data["answers"]),
        answered_by=dict(data["answered_by"]),
        decisions=[Decision(d["outcome_id"], d["scope"] or None, d["suggested"], d["decided"],
                            d["reason"], d["decided_by"]) for d in data["decisions"]],
        notes=data["notes"], participant_views=views_from_json(data.get("participant_views")),
    )


class Corrections:
    """Reopening completed sessions of one open store, and their kept versions; audited."""

    def __init__(self, access: Access) -> None:
        self._access = access

    def reopen(self, session_id: str, reason: str, by: str) -> int:
        """Keep the completed version of a session and make it a draft again (corrected).
        Only a completed session can be reopened, with a reason and who reopens it. Returns
        the number of the kept version."""
        for field_name, value, limit in (("reason", reason, NOTES_MAX), ("by", by, LINE_MAX)):
            if not isinstance(value, str) or not value.strip():
                raise InvalidInput(key="store.error.empty_field", field=field_name)
            checked_text(value, field_name, limit=limit, multiline=field_name == "reason")
        with self._access.tx() as conn:
            head = session_head(conn, session_id)
            if head["state"] != "completed":
                raise InvalidInput(key="store.error.session_not_completed", id=session_id)
            version = int(conn.exec_driver_sql(
                "SELECT coalesce(max(version), 0) + 1 FROM session_versions "
                "WHERE session_id = ?", (session_id,)).scalar_one())
            now = now_text()
            conn.exec_driver_sql(
                "INSERT INTO session_versions (session_id, version, snapshot, reason, "
                "reopened_by, reopened_at) VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, version, json.dumps(_snapshot(conn, head), ensure_ascii=False),
                 reason.strip(), " ".join(by.split()), now))
            conn.exec_driver_sql(
                "UPDATE sessions SET state = 'draft', completed_at = NULL, corrected = 1, "
                "updated_at = ? WHERE id = ?", (now, session_id))
            # The kept help domains belong to the completed version; completing again keeps
            # the new ones.
            conn.exec_driver_sql("DELETE FROM session_summaries WHERE session_id = ?",
                                 (session_id,))
            self._access.append(conn, "reopen_session", client_id=head["client_id"],
                                session_id=session_id, detail=f"version={version}")
            return version

    def versions(self, session_id: str) -> list[SessionVersion]:
        """The kept completed versions of a session, oldest first; the read is audited."""
        with self._access.tx() as conn:
            head = session_head(conn, session_id)
            rows = conn.exec_driver_sql(
                "SELECT version, snapshot, reason, reopened_by, reopened_at "
                "FROM session_versions WHERE session_id = ? ORDER BY version",
                (session_id,)).all()
            found = [_version_from(session_id, row._mapping) for row in rows]
            self._access.append(conn, "read_session_versions", client_id=head["client_id"],
                                session_id=session_id, detail=f"results={len(found)}")
            return found
