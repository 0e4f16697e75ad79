"""The consents repository: consent to share a session, given, withdrawn and required."""

from __future__ import annotations

import builtins
from datetime import datetime

from storage.access import Access
from storage.columns import Columns, moment, new_id, now_text, row_by_id
from storage.database import Connection
from storage.errors import ConsentMissing, InvalidInput
from storage.records import ConsentRecord
from storage.search_text import fold
from storage.sessions import client_of
from storage.text_rules import LINE_MAX, NOTES_MAX, checked_text

_SELECT = ("id, session_id, client_id, given_by, recipient, scope, given_at, withdrawn_at, "
           "withdrawal_note, kind")
# The kinds of consent: "verwijzer" (feedback to the client's referrer) or "" (another
# recipient, or not recorded).
CONSENT_KINDS = ("", "verwijzer")


def consent_from(row: Columns) -> ConsentRecord:
    """A consents row (by column name) as a record."""
    return ConsentRecord(
        id=row["id"], session_id=row["session_id"], client_id=row["client_id"],
        given_by=row["given_by"], recipient=row["recipient"], scope=row["scope"],
        given_at=datetime.fromisoformat(row["given_at"]), withdrawn_at=moment(row["withdrawn_at"]),
        withdrawal_note=row["withdrawal_note"], kind=row["kind"],
    )


def _consent(conn: Connection, consent_id: str) -> ConsentRecord:
    return consent_from(row_by_id(conn, f"SELECT {_SELECT} FROM consents WHERE id = ?",
                                  consent_id, "store.error.no_consent"))


def _listed(conn: Connection, session_id: str | None,
            client_id: str | None) -> list[ConsentRecord]:
    sql = f"SELECT {_SELECT} FROM consents"
    clauses: list[str] = []
    params: list[str] = []
    if session_id is not None:
        clauses.append("session_id = ?")
        params.append(session_id)
    if client_id is not None:
        clauses.append("client_id = ?")
        params.append(client_id)
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    rows = conn.exec_driver_sql(sql + " ORDER BY given_at, id", tuple(params)).all()
    return [consent_from(row._mapping) for row in rows]


class Consents:
    """Consents of one open store; every change is audited."""

    def __init__(self, access: Access) -> None:
        self._access = access

    def add(self, session_id: str, *, given_by: str, recipient: str,
            scope: str, kind: str = "") -> ConsentRecord:
        if kind not in CONSENT_KINDS:
            raise InvalidInput(key="store.error.consent_kind", kind=kind)
        for field_name, value in (("given_by", given_by), ("recipient", recipient),
                                  ("scope", scope)):
            if not value or not value.strip():
                raise InvalidInput(key="store.error.empty_field", field=field_name)
            checked_text(value, field_name, limit=LINE_MAX)
        consent_id = new_id()
        with self._access.tx() as conn:
            client_id = client_of(conn, session_id)
            conn.exec_driver_sql(
                f"INSERT INTO consents ({_SELECT}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)",
                (consent_id, session_id, client_id, given_by.strip(), recipient.strip(),
                 scope.strip(), now_text(), kind),
            )
            self._access.append(conn, "add_consent", client_id=client_id,
                                session_id=session_id,
                                detail=f"consent={consent_id} kind={kind}")
            return _consent(conn, consent_id)

    def withdraw(self, consent_id: str, *, note: str = "") -> ConsentRecord:
        checked_text(note, "note", limit=NOTES_MAX, multiline=True)
        with self._access.tx() as conn:
            current = _consent(conn, consent_id)
            if not current.active:
                raise InvalidInput(key="store.error.consent_withdrawn", id=consent_id)
            conn.exec_driver_sql(
                "UPDATE consents SET withdrawn_at = ?, withdrawal_note = ? WHERE id = ?",
                (now_text(), note.strip() or None, consent_id))
            self._access.append(conn, "withdraw_consent", client_id=current.client_id,
                                session_id=current.session_id, detail=f"consent={consent_id}")
            return _consent(conn, consent_id)

    def list(self, *, session_id: str | None = None,
             client_id: str | None = None) -> list[ConsentRecord]:
        with self._access.tx() as conn:
            return _listed(conn, session_id, client_id)

    def listed(self, *, session_id: str | None = None,
               client_id: str | None = None) -> builtins.list[ConsentRecord]:
        """`list` for a person to look at: the listing is audited ("list_consents")."""
        with self._access.tx() as conn:
            found = _listed(conn, session_id, client_id)
            if client_id is None and session_id is not None:
                client_id = client_of(conn, session_id)
            self._access.append(conn, "list_consents", client_id=client_id,
                                session_id=session_id, detail=f"results={len(found)}")
            return found

    def require(self, session_id: str, recipient: str | None = None) -> ConsentRecord:
        """An active consent for the session (and recipient, when given), else ConsentMissing."""
        for consent in reversed(self.list(session_id=session_id)):
            if consent.active and (recipient is None
                                   or fold(consent.recipient) == fold(recipient)):
                return consent
        raise ConsentMissing(key="store.error.consent_missing", id=session_id)
