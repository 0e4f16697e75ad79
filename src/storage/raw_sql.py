"""Statements on the answer-save path run on the driver's own cursor, inside the caller's
SQLAlchemy transaction (the same connection and transaction): SQLAlchemy's result set-up per
statement was most of an answer save's CPU time beside the commit itself."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection


def run(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Execute `sql` with `params` in `conn`'s transaction; the rows it returns, if any."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        cursor.execute(sql, tuple(params))
        return list(cursor.fetchall())
    finally:
        cursor.close()
