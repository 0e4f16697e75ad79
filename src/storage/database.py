"""The SQLCipher engine: one shared sqlcipher3 connection per file, keyed with the raw key and
configured on connect, its transactions (BEGIN IMMEDIATE ... COMMIT) and its results.

The store runs its own SQL text only (no ORM, no SQL expressions), so this thin layer over the
driver is all it needs (SQLAlchemy, used before only to pass that text through, was two thirds
of the imports of `samenspraak client list`)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

import sqlcipher3

from storage.file_modes import touch_private
from storage.kdf import key_pragma_value

BUSY_TIMEOUT_MS = 10_000

# What a statement takes: one row of parameters (by position or by name), or a list of rows
# (the statement runs once for each).
Parameters = Sequence[Any] | Mapping[str, Any] | list[Sequence[Any]] | list[Mapping[str, Any]]


class Row(tuple[Any, ...]):
    """One result row: a tuple, and by column name through `row._mapping`."""

    __slots__ = ()
    _names: ClassVar[tuple[str, ...]] = ()
    _index: ClassVar[dict[str, int]] = {}

    @property
    def _mapping(self) -> RowMapping:
        return RowMapping(self)


class RowMapping(Mapping[str, Any]):
    """A row read by column name (a view on the row: nothing is copied; the bulk reads of a
    management report look up some 180,000 of these)."""

    __slots__ = ("_row",)

    def __init__(self, row: Row) -> None:
        self._row = row

    def __getitem__(self, name: str) -> Any:
        return self._row[self._row._index[name]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._row._names)

    def __len__(self) -> int:
        return len(self._row)


@lru_cache(maxsize=512)
def _row_type(names: tuple[str, ...]) -> type[Row]:
    """The row type of a result with these column names (one per distinct statement shape)."""
    index = {name: at for at, name in enumerate(names)}
    return type("Row", (Row,), {"__slots__": (), "_names": names, "_index": index})


class Result:
    """The rows a statement returned (read in full, the cursor closed), and how many rows it
    changed."""

    def __init__(self, cursor: Any) -> None:
        self.rowcount: int = cursor.rowcount
        description = cursor.description
        if description is None:
            self._rows: list[Row] = []
        else:
            row_type = _row_type(tuple(column[0] for column in description))
            self._rows = [row_type(values) for values in cursor.fetchall()]

    def __iter__(self) -> Iterator[Row]:
        return iter(self._rows)

    def all(self) -> list[Row]:
        return list(self._rows)

    def first(self) -> Row | None:
        return self._rows[0] if self._rows else None

    def scalar(self) -> Any:
        """The first column of the first row; None when there is no row."""
        return self._rows[0][0] if self._rows else None

    def scalar_one(self) -> Any:
        """The first column of the one row; NoRow when there is not exactly one."""
        if len(self._rows) != 1:
            raise NoRow(f"expected one row, got {len(self._rows)}")
        return self._rows[0][0]


class NoRow(LookupError):
    """A statement expected to return exactly one row returned none or several."""


class Connection:
    """The engine's connection inside one transaction."""

    def __init__(self, dbapi_connection: Any) -> None:
        self.dbapi_connection = dbapi_connection

    def exec_driver_sql(self, sql: str, parameters: Parameters = ()) -> Result:
        """Run `sql` (qmark or named parameters); a list of parameter rows runs it for each."""
        cursor = self.dbapi_connection.cursor()
        try:
            if isinstance(parameters, list):
                if parameters and not isinstance(parameters[0], tuple | list | Mapping):
                    raise TypeError("a list of parameters must hold tuples or mappings")
                cursor.executemany(sql, parameters)
            else:
                cursor.execute(sql, parameters)
            return Result(cursor)
        finally:
            cursor.close()


class Engine:
    """One SQLCipher file behind one shared connection (safe across threads: the vault's lock
    serialises its use), opened and keyed on first use; dispose() closes it."""

    def __init__(self, db_path: Path | str, key: bytes | None) -> None:
        self.db_path = db_path
        self._key = key
        self._connection: Any = None
        self._connecting = threading.Lock()

    def _connect(self) -> Any:
        """The shared connection, made and configured when first needed. Configuring it reads
        nothing from the file (so a damaged file is untouched until the caller checks it)."""
        with self._connecting:
            if self._connection is None:
                connection = sqlcipher3.connect(str(self.db_path), check_same_thread=False,
                                                timeout=BUSY_TIMEOUT_MS / 1000,
                                                isolation_level=None)  # we issue BEGIN
                try:
                    _configure(connection, self._key)
                except BaseException:
                    connection.close()
                    raise
                self._connection = connection
            return self._connection

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: BEGIN IMMEDIATE (so DDL is transactional too), COMMIT when the
        block ends, ROLLBACK when it raises (or when the commit itself failed)."""
        dbapi_connection = self._connect()
        dbapi_connection.execute("BEGIN IMMEDIATE")
        try:
            yield Connection(dbapi_connection)
            dbapi_connection.commit()
        finally:
            if dbapi_connection.in_transaction:
                dbapi_connection.rollback()

    @contextmanager
    def raw_cursor(self) -> Iterator[Any]:
        """A driver cursor in autocommit mode; a transaction it left open is rolled back."""
        dbapi_connection = self._connect()
        cursor = dbapi_connection.cursor()
        try:
            yield cursor
        finally:
            try:
                cursor.close()
            finally:
                if dbapi_connection.in_transaction:
                    dbapi_connection.rollback()

    def dispose(self) -> None:
        """Close the connection (a later use opens it again)."""
        with self._connecting:
            connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()


def _configure(connection: Any, key: bytes | None) -> None:
    cursor = connection.cursor()
    try:
        cursor.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            cursor.execute(f"PRAGMA key = {key_pragma_value(key)}")
        cursor.execute("PRAGMA trusted_schema = OFF")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute("PRAGMA temp_store = MEMORY")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def make_engine(db_path: Path, key: bytes) -> Engine:
    """An engine on one SQLCipher file: one shared connection, keyed and configured on connect."""
    return Engine(db_path, key)


def memory_engine() -> Engine:
    """An engine on a new, empty, unencrypted database in memory (to build a schema in)."""
    return Engine(":memory:", None)


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
    with engine.raw_cursor() as cursor:
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
    """True for a database error from the driver."""
    return isinstance(exc, sqlcipher3.Error)


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
