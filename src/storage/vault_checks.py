"""Checks a file must pass before the vault uses it: a usable passphrase and KDF parameters,
a readable database (or the machine fault that stopped the read), a schema exactly the one
its version must have, and an audit log not behind the head kept outside it."""

from __future__ import annotations

from pathlib import Path

from storage import audit, migrations, schema
from storage.audit_head import Reading
from storage.database import (
    Connection,
    Engine,
    integrity_problems,
    is_db_error,
    raw_cursor,
    read_only_cursor,
)
from storage.errors import InvalidInput, StoreDamaged, StoreError
from storage.faults import fault
from storage.kdf import SALT_BYTES, KdfOutOfBounds, check_kdf
from storage.records import KdfParams


def check_passphrase(passphrase: str) -> None:
    if not isinstance(passphrase, str) or not passphrase:
        raise InvalidInput(key="store.error.empty_passphrase")


def check_given_kdf(kdf: KdfParams) -> None:
    try:
        check_kdf(kdf, bytes(SALT_BYTES))
    except KdfOutOfBounds as exc:
        raise InvalidInput(key="store.error.kdf_bounds_given", field=exc.field) from exc


def _damaged(what: str) -> StoreDamaged:
    return StoreDamaged(key="store.error.damaged", what=what)


def check_readable(engine: Engine, *, what: str) -> None:
    """Read the schema and run SQLCipher's page check; StoreDamaged (nothing written) if not,
    or the machine fault (read-only, full, no permission) when that is what stopped it."""
    try:
        with raw_cursor(engine) as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master").fetchall()
        problems = integrity_problems(engine)
    except Exception as exc:
        named = fault(exc)
        if named is not None:
            raise named from exc
        if is_db_error(exc):
            raise _damaged(what) from exc
        raise
    if problems:
        raise _damaged(what)


def check_schema(db_path: Path, key: bytes, *, what: str) -> int:
    """Open a staged file read-only and refuse it unless its whole schema (tables, indexes,
    triggers, views) is exactly the one its schema version must have; returns that version."""
    try:
        with read_only_cursor(db_path, key) as cursor:
            found = schema.read_schema(cursor)
            version = schema.read_version(cursor, found)
    except Exception as exc:
        if is_db_error(exc):
            raise _damaged(what) from exc
        raise
    if version < 1:
        raise StoreDamaged(key="store.error.not_a_backup")
    newest = migrations.latest_version()
    if version > newest:
        raise StoreError(key="store.error.newer_schema", version=version, known=newest)
    extra = schema.differences(found, version)
    if extra:
        raise StoreDamaged(key="store.error.backup_schema", detail=extra[0], count=len(extra))
    return version




def behind(conn: Connection, witness: Reading) -> tuple[int, int] | None:
    """(found, recorded) when the database's audit log ends before the head recorded outside
    it, or holds another event at that place (an older or other copy); else None."""
    if witness.head is None:
        return None
    found, _digest = audit.head(conn)
    recorded = witness.head
    if found < recorded.seq:
        return found, recorded.seq
    there = conn.exec_driver_sql("SELECT hash FROM audit WHERE seq = ?",
                                 (recorded.seq,)).scalar()
    if there is not None and there != recorded.hash:
        return found, recorded.seq
    return None
