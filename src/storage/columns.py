"""Column values as the store writes and reads them: ids, timestamps, dates, JSON lists, and
the one row found by its id."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from storage.database import Connection
from storage.errors import RecordNotFound


def now_text() -> str:
    """The current moment as stored: ISO 8601, UTC, microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    return uuid.uuid4().hex


def moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def id_list(ids: list[str]) -> str:
    """A JSON array of ids, for `IN (SELECT value FROM json_each(?))` (no chunking needed)."""
    return json.dumps(ids)


def json_list(text: Any) -> list[Any]:
    return list(json.loads(text))


# One row read by column name (`row._mapping`).
Columns = Mapping[Any, Any]


def row_by_id(conn: Connection, sql: str, record_id: str, not_found_key: str) -> Columns:
    """The row `sql` (one `?` for the id) finds, by column name; RecordNotFound
    (`not_found_key`) when there is none."""
    row = conn.exec_driver_sql(sql, (record_id,)).first()
    if row is None:
        raise RecordNotFound(key=not_found_key, id=record_id)
    return row._mapping
