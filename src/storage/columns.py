"""Column values as the store writes and reads them: ids, timestamps, dates, JSON lists."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any


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
