"""The clients repository: add, read, search, update, erase, and the retention listing."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime
from typing import Any

from storage import vault as vault_module
from storage.access import Access
from storage.bsn import bsn_valid, normalise_bsn
from storage.columns import Columns, day, new_id, now_text, row_by_id
from storage.database import Connection
from storage.erasure import Erasures
from storage.errors import ErasureIncomplete, InvalidInput
from storage.records import ClientRecord
from storage.search_text import fold, like_pattern
from storage.text_rules import (
    LINE_MAX,
    SEARCH_MAX,
    check_dates,
    checked_limit,
    checked_name,
    checked_text,
)

CLIENT_FIELDS = ("name", "birth_date", "due_date", "bsn", "referrer", "referrer_role",
                 "referrer_practice")
_COLUMNS = ("id", "name", "birth_date", "due_date", "bsn", "referrer", "referrer_role",
            "referrer_practice", "created_at", "updated_at")
_SELECT = ", ".join(f"c.{name}" for name in _COLUMNS)


def client_from(row: Columns) -> ClientRecord:
    """A clients row (by column name) as a record."""
    return ClientRecord(
        id=row["id"], name=row["name"], birth_date=day(row["birth_date"]),
        due_date=day(row["due_date"]), bsn=row["bsn"], referrer=row["referrer"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        referrer_role=row["referrer_role"], referrer_practice=row["referrer_practice"],
    )


def client_row(conn: Connection, client_id: str) -> ClientRecord:
    """One client, or RecordNotFound (not audited: the caller audits what it does)."""
    return client_from(row_by_id(conn, f"SELECT {_SELECT} FROM clients c WHERE c.id = ?",
                                 client_id, "store.error.no_client"))


def client_values(*, name: Any, birth_date: Any, due_date: Any, bsn: Any, referrer: Any,
                  referrer_role: Any = None, referrer_practice: Any = None,
                  changed: Collection[str] = CLIENT_FIELDS) -> dict[str, str | None]:
    """The checked, normalised column values of a client. Only the `changed` fields are held
    to today's rules (a kept due date may have become old, and that is fine)."""
    if "name" in changed:
        name = checked_name(name)
    for field_name, value in (("birth_date", birth_date), ("due_date", due_date)):
        if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
            raise InvalidInput(key="store.error.bad_date", field=field_name)
    check_dates(birth_date if "birth_date" in changed else None,
                due_date if "due_date" in changed else None)
    referrer_texts = {"referrer": referrer, "referrer_role": referrer_role,
                      "referrer_practice": referrer_practice}
    for field_name, value in referrer_texts.items():
        if field_name in changed and value is not None:
            checked_text(value, field_name, limit=LINE_MAX)
    bsn_text: str | None = None
    if bsn is not None and str(bsn).strip():
        if not bsn_valid(str(bsn)):
            raise InvalidInput(key="store.error.bsn_invalid")
        bsn_text = normalise_bsn(str(bsn))
    clean_name = " ".join(str(name).split())
    return {
        "name": clean_name,
        "search": fold(clean_name),
        "birth_date": birth_date.isoformat() if birth_date else None,
        "due_date": due_date.isoformat() if due_date else None,
        "bsn": bsn_text,
        **{field_name: _line(value) for field_name, value in referrer_texts.items()},
    }


def _line(value: Any) -> str | None:
    """A one-line text as stored: white space collapsed, empty as NULL (unknown)."""
    text = " ".join(value.split()) if isinstance(value, str) else ""
    return text or None


class Clients:
    """Clients of one open store; every read and change is audited."""

    def __init__(self, access: Access) -> None:
        self._access = access

    def add(self, name: str, *, birth_date: date | None = None, due_date: date | None = None,
            bsn: str | None = None, referrer: str | None = None,
            referrer_role: str | None = None,
            referrer_practice: str | None = None) -> ClientRecord:
        values = client_values(name=name, birth_date=birth_date, due_date=due_date, bsn=bsn,
                               referrer=referrer, referrer_role=referrer_role,
                               referrer_practice=referrer_practice)
        client_id = new_id()
        now = now_text()
        with self._access.tx() as conn:
            conn.exec_driver_sql(
                "INSERT INTO clients (id, name, search, birth_date, due_date, bsn, referrer, "
                "referrer_role, referrer_practice, created_at, updated_at) VALUES (:id, :name, "
                ":search, :birth_date, :due_date, :bsn, :referrer, :referrer_role, "
                ":referrer_practice, :now, :now)",
                {**values, "id": client_id, "now": now},
            )
            self._access.append(conn, "add_client", client_id=client_id)
            return client_row(conn, client_id)

    def get(self, client_id: str) -> ClientRecord:
        """One client; the read is audited."""
        with self._access.tx() as conn:
            record = client_row(conn, client_id)
            self._access.append(conn, "read_client", client_id=client_id)
            return record

    def search(self, text: str = "", limit: int = 200) -> list[ClientRecord]:
        """Clients whose name contains `text` (case and accents ignored), by name."""
        checked_text(text, "search", limit=SEARCH_MAX)
        limit = checked_limit(limit)
        with self._access.tx() as conn:
            sql = f"SELECT {_SELECT} FROM clients c"
            params: tuple[Any, ...] = ()
            if fold(text):
                sql += " WHERE c.search LIKE ? ESCAPE '\\'"
                params = (like_pattern(text),)
            rows = conn.exec_driver_sql(sql + " ORDER BY c.search, c.id LIMIT ?",
                                        (*params, limit)).all()
            records = [client_from(row._mapping) for row in rows]
            self._access.append(conn, "search_clients", detail=f"results={len(records)}")
            return records

    def update(self, client_id: str, **fields: Any) -> ClientRecord:
        unknown = sorted(set(fields) - set(CLIENT_FIELDS))
        if unknown:
            raise InvalidInput(key="store.error.unknown_field", field=", ".join(unknown))
        with self._access.tx() as conn:
            current = client_row(conn, client_id)
            merged = {name: fields.get(name, getattr(current, name)) for name in CLIENT_FIELDS}
            values = client_values(**merged, changed=set(fields))
            conn.exec_driver_sql(
                "UPDATE clients SET name = :name, search = :search, birth_date = :birth_date, "
                "due_date = :due_date, bsn = :bsn, referrer = :referrer, "
                "referrer_role = :referrer_role, referrer_practice = :referrer_practice, "
                "updated_at = :now WHERE id = :id",
                {**values, "now": now_text(), "id": client_id},
            )
            self._access.append(conn, "update_client", client_id=client_id,
                                detail="fields=" + ",".join(sorted(fields)))
            return client_row(conn, client_id)

    def erase(self, client_id: str) -> None:
        """Erase a client and everything about them (art. 7:455 BW); the audit keeps only that
        an erasure happened. Freed pages are zeroed and the WAL is checkpointed and truncated;
        the client is taken out of the automatic backups and an erasure record (no personal
        data) is kept, so a restored older copy is erased again."""
        with self._access.tx() as conn:
            client_row(conn, client_id)
            conn.exec_driver_sql("DELETE FROM clients WHERE id = ?", (client_id,))
            self._access.append(conn, "erase", client_id=client_id)
        done = self._access.vault.checkpoint(wait_ms=vault_module.ERASE_WAIT_MS)
        Erasures(self._access).recorded(client_id)
        if not done:
            raise ErasureIncomplete(key="store.error.erasure_incomplete")

    def past_retention(self, years: int = 20, *,
                       today: date | None = None) -> list[ClientRecord]:
        """Clients whose record (client or any session) last changed more than `years` ago."""
        on = today or datetime.now(UTC).date()
        try:
            cutoff = on.replace(year=on.year - years)
        except ValueError:  # 29 February
            cutoff = on.replace(year=on.year - years, day=28)
        with self._access.tx() as conn:
            rows = conn.exec_driver_sql(
                f"SELECT {_SELECT} FROM clients c LEFT JOIN sessions s ON s.client_id = c.id "
                "GROUP BY c.id HAVING max(c.updated_at, coalesce(max(s.updated_at), '')) < ? "
                "ORDER BY c.search",
                (cutoff.isoformat(),),
            ).all()
            records = [client_from(row._mapping) for row in rows]
            self._access.append(conn, "list_retention",
                                detail=f"years={years} results={len(records)}")
            return records
