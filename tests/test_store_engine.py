"""The store's engine over the SQLCipher driver: a transaction commits when its block ends and
leaves nothing when it raises, rows read by position and by column name, a list of parameter
rows runs a statement for each, and the file is encrypted with the given key."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from storage.database import NoRow, make_engine, raw_cursor

KEY = bytes(range(32))


@pytest.fixture
def engine(tmp_path: Path):  # type: ignore[no-untyped-def]
    made = make_engine(tmp_path / "t.db", KEY)
    with made.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    yield made
    made.dispose()


def _names(engine) -> list[str]:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        return [row[0] for row in conn.exec_driver_sql("SELECT name FROM t ORDER BY id")]


def test_a_transaction_that_raises_leaves_nothing_and_the_next_one_begins(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO t (name) VALUES (?)", ("kept back",))
        raise RuntimeError("stop")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO t (name) VALUES (?)", ("saved",))
    assert _names(engine) == ["saved"]


def test_a_failing_statement_rolls_back_the_whole_transaction(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(sqlcipher3.IntegrityError), engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO t (id, name) VALUES (1, 'a')")
        conn.exec_driver_sql("INSERT INTO t (id, name) VALUES (1, 'b')")
    assert _names(engine) == []


def test_rows_read_by_position_and_by_column_name(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO t (name) VALUES (:name)", {"name": "Anna"})
        row = conn.exec_driver_sql("SELECT t.id, t.name FROM t").first()
        none = conn.exec_driver_sql("SELECT name FROM t WHERE id = 99").first()
        count = conn.exec_driver_sql("SELECT count(*) FROM t").scalar_one()
        missing = conn.exec_driver_sql("SELECT name FROM t WHERE id = 99").scalar()
    assert row == (1, "Anna")
    assert row is not None and row._mapping == {"id": 1, "name": "Anna"}
    assert (none, count, missing) == (None, 1, None)


def test_scalar_one_refuses_no_row(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NoRow), engine.begin() as conn:
        conn.exec_driver_sql("SELECT name FROM t").scalar_one()


def test_a_list_of_parameter_rows_runs_the_statement_for_each(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        done = conn.exec_driver_sql("INSERT INTO t (name) VALUES (?)", [("a",), ("b",), ("c",)])
        gone = conn.exec_driver_sql("DELETE FROM t WHERE name <> 'b'").rowcount
    assert (done.rowcount, gone) == (3, 2)
    assert _names(engine) == ["b"]


def test_the_file_opens_only_with_its_key(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine.dispose()
    assert b"SQLite format 3" not in (tmp_path / "t.db").read_bytes()[:16]
    wrong = make_engine(tmp_path / "t.db", bytes(32))
    try:
        with pytest.raises(sqlcipher3.DatabaseError), raw_cursor(wrong) as cursor:
            cursor.execute("SELECT count(*) FROM t").fetchall()
    finally:
        wrong.dispose()
    reopened = make_engine(tmp_path / "t.db", KEY)
    try:
        with reopened.begin() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM t").scalar_one() == 0
    finally:
        reopened.dispose()
