"""The SQLCipher engine: SQLAlchemy 2 over sqlcipher3 with the raw key and durable pragmas."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from storage.file_modes import touch_private
from storage.kdf import key_pragma_value

BUSY_TIMEOUT_MS = 10_000


def make_engine(db_path: Path, key: bytes) -> Engine:
    """An engine on one SQLCipher file: one shared connection, keyed and configured on connect.

    The connect hook reads nothing from the file (so a damaged file is untouched until the
    caller checks it). Transactions start with BEGIN IMMEDIATE, so DDL is transactional too.
    """
    engine = create_engine(
        f"sqlite:///{db_path}",
        module=sqlcipher3,
        poolclass=StaticPool,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    literal = key_pragma_value(key)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA cipher_log_level = NONE")
            cursor.execute(f"PRAGMA key = {literal}")
            cursor.execute("PRAGMA trusted_schema = OFF")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute("PRAGMA temp_store = MEMORY")
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@contextmanager
def _closing_cursor(connection: Any) -> Iterator[Any]:
    """A cursor on `connection`; the cursor and then the connection closed afterwards."""
    try:
        cursor = connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
    finally:
        connection.close()


@contextmanager
def raw_cursor(engine: Engine) -> Iterator[Any]:
    """A DBAPI cursor in autocommit mode, for pragmas that must run outside a transaction."""
    with _closing_cursor(engine.raw_connection()) as cursor:
        yield cursor


@contextmanager
def read_only_cursor(db_path: Path, key: bytes) -> Iterator[Any]:
    """A cursor on a file opened read-only (nothing in it can write: no trigger, no journal
    replay), for looking at a file before anything runs on it."""
    uri = f"{db_path.resolve().as_uri()}?mode=ro"
    with _closing_cursor(sqlcipher3.connect(uri, uri=True, isolation_level=None)) as cursor:
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(f"PRAGMA key = {key_pragma_value(key)}")
        cursor.execute("PRAGMA query_only = ON")
        cursor.execute("PRAGMA trusted_schema = OFF")
        yield cursor


def is_db_error(exc: BaseException) -> bool:
    """True for a database error from the driver, raw or wrapped by SQLAlchemy."""
    return isinstance(exc, DBAPIError | sqlcipher3.Error)


def enable_wal(engine: Engine) -> None:
    with raw_cursor(engine) as cursor:
        cursor.execute("PRAGMA journal_mode = WAL")


def checkpoint(engine: Engine, wait_ms: int | None = None) -> bool:
    """Move the WAL into the database file and truncate the WAL to zero bytes, waiting up to
    `wait_ms` (else the busy timeout) for readers of older pages. True when it got all done;
    False while another connection still holds old pages (they stay in the WAL and file)."""
    with raw_cursor(engine) as cursor:
        if wait_ms is not None:
            cursor.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
        try:
            row = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            if wait_ms is not None:
                cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    busy, frames, moved = (int(v) for v in row) if row else (0, 0, 0)
    return busy == 0 and (frames in (-1, 0) or moved == frames)


def integrity_problems(engine: Engine) -> list[str]:
    """SQLCipher's page check (HMAC of every page): empty when intact."""
    with raw_cursor(engine) as cursor:
        rows = cursor.execute("PRAGMA cipher_integrity_check").fetchall()
    return [str(row[0]) for row in rows]


def export_copy(engine: Engine, target: Path, key: bytes) -> None:
    """sqlcipher_export the whole database into a new encrypted file (0600) with `key`."""
    touch_private(target)
    with raw_cursor(engine) as cursor:
        cursor.execute(f"ATTACH DATABASE ? AS export_target KEY {key_pragma_value(key)}",
                       (str(target),))
        try:
            cursor.execute("SELECT sqlcipher_export('export_target')").fetchall()
        finally:
            cursor.execute("DETACH DATABASE export_target")
