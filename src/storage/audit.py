"""The audit log (NEN 7513): append-only events, each hash = sha256(previous hash + event)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from instruments.i18n import tr
from storage import raw_sql
from storage.database import Connection
from storage.errors import message_language
from storage.records import AuditEvent

GENESIS = "0" * 64
_HEAD_SEQ = "audit_head_seq"
_HEAD_HASH = "audit_head_hash"


def canonical(seq: int, at: str, user: str, action: str, client_id: str | None,
              session_id: str | None, detail: str) -> str:
    """The event as a fixed JSON array: the text that is hashed."""
    return json.dumps([seq, at, user, action, client_id, session_id, detail],
                      ensure_ascii=False, separators=(",", ":"))


def chain_hash(previous: str, event_text: str) -> str:
    return hashlib.sha256((previous + event_text).encode("utf-8")).hexdigest()


def _head(conn: Connection) -> tuple[int, str]:
    rows: dict[str, str] = dict(raw_sql.run(
        conn, "SELECT key, value FROM meta WHERE key IN (?, ?)", (_HEAD_SEQ, _HEAD_HASH)))
    return int(rows.get(_HEAD_SEQ, 0)), str(rows.get(_HEAD_HASH, GENESIS))


def head(conn: Connection) -> tuple[int, str]:
    """The head the database records: (last sequence number, its hash)."""
    return _head(conn)


def append(conn: Connection, *, at: str, user: str, action: str, client_id: str | None = None,
           session_id: str | None = None, detail: str = "") -> int:
    """Append one event inside the caller's transaction; returns its sequence number."""
    return append_event(conn, at=at, user=user, action=action, client_id=client_id,
                        session_id=session_id, detail=detail)[0]


def append_event(conn: Connection, *, at: str, user: str, action: str,
                 client_id: str | None = None, session_id: str | None = None,
                 detail: str = "") -> tuple[int, str]:
    """Append one event inside the caller's transaction; returns (sequence number, hash)."""
    seq, previous = _head(conn)
    seq += 1
    digest = chain_hash(previous, canonical(seq, at, user, action, client_id, session_id, detail))
    raw_sql.run(
        conn,
        "INSERT INTO audit (seq, at, user, action, client_id, session_id, detail, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, at, user, action, client_id, session_id, detail, digest),
    )
    raw_sql.run(
        conn,
        "INSERT INTO meta (key, value) VALUES (?, ?), (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (_HEAD_SEQ, str(seq), _HEAD_HASH, digest),
    )
    return seq, digest


def events(conn: Connection, client_id: str | None = None) -> list[AuditEvent]:
    sql = "SELECT seq, at, user, action, client_id, session_id, detail, hash FROM audit"
    params: tuple[str, ...] = ()
    if client_id is not None:
        sql += " WHERE client_id = ?"
        params = (client_id,)
    rows = conn.exec_driver_sql(sql + " ORDER BY seq", params).all()
    return [event_from(row._mapping) for row in rows]


def event_from(row: Mapping[Any, Any]) -> AuditEvent:
    """An audit row (by column name) as an event."""
    return AuditEvent(int(row["seq"]), datetime.fromisoformat(row["at"]), row["user"],
                      row["action"], row["client_id"], row["session_id"], row["detail"],
                      row["hash"])


def verify(conn: Connection) -> list[str]:
    """Problems with the chain: edited events, missing events, a cut-off end. Empty when intact."""
    lang = message_language()
    problems: list[str] = []
    previous = GENESIS
    expected_seq = 1
    rows = conn.exec_driver_sql(
        "SELECT seq, at, user, action, client_id, session_id, detail, hash FROM audit ORDER BY seq"
    ).all()
    for seq, at, user, action, client_id, session_id, detail, digest in rows:
        if seq != expected_seq:
            problems.append(tr("store.audit.missing", lang, first=expected_seq, last=seq - 1))
        recomputed = chain_hash(previous, canonical(seq, at, user, action, client_id,
                                                    session_id, detail))
        if recomputed != digest:
            problems.append(tr("store.audit.edited", lang, seq=seq))
        previous = digest
        expected_seq = seq + 1
    head_seq, head_hash = _head(conn)
    last_seq = expected_seq - 1
    if head_seq != last_seq or (head_seq and head_hash != previous):
        problems.append(tr("store.audit.head", lang, last=last_seq, head=head_seq))
    return problems
