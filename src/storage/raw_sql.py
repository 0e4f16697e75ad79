"""Statements on the answer-save path run on the driver's own cursor, inside the caller's
transaction (the same connection and transaction), their rows as plain tuples."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storage.database import Connection


def run(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Execute `sql` with `params` in `conn`'s transaction; the rows it returns, if any."""
    cursor = conn.dbapi_connection.cursor()
    try:
        cursor.execute(sql, tuple(params))
        return list(cursor.fetchall())
    finally:
        cursor.close()
