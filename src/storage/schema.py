"""The database schema as it must be: every table, index, trigger and view that the migrations
up to a version create, compared with what a file's `sqlite_master` holds (so a restored or
opened file cannot bring its own triggers, views or changed tables)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storage import migrations
from storage.database import memory_engine

# One schema object: (type, name, table, SQL text with its white space collapsed).
SchemaObject = tuple[str, str, str, str]


def _objects(rows: Iterable[Any]) -> frozenset[SchemaObject]:
    return frozenset((str(t), str(n), str(tbl), " ".join(str(sql or "").split()))
                     for t, n, tbl, sql in rows)


def read_schema(cursor: Any) -> frozenset[SchemaObject]:
    """The schema objects of an open DBAPI cursor's main database (a read, nothing runs)."""
    return _objects(cursor.execute(
        "SELECT type, name, tbl_name, sql FROM main.sqlite_master").fetchall())


def expected_schema(version: int) -> frozenset[SchemaObject]:
    """The schema the migrations up to `version` make, built in memory by the same library."""
    engine = memory_engine()
    try:
        with engine.begin() as conn:
            for migration in sorted(migrations.MIGRATIONS, key=lambda m: m.version):
                if migration.version <= version:
                    migration.apply(conn)
            rows = conn.exec_driver_sql(
                "SELECT type, name, tbl_name, sql FROM main.sqlite_master").all()
        return _objects(tuple(row) for row in rows)
    finally:
        engine.dispose()


def read_version(cursor: Any, found: frozenset[SchemaObject]) -> int:
    """The schema version recorded in the file (0 when there is no such table)."""
    if ("table", "schema_version", "schema_version") not in {o[:3] for o in found}:
        return 0
    row = cursor.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row is not None and isinstance(row[0], int) else -1


def differences(found: frozenset[SchemaObject], version: int) -> list[str]:
    """What differs from the expected schema of `version`, one short text each ("extra trigger
    x", "changed table clients", "missing index y"): empty when the schema is exactly it."""
    wanted = expected_schema(version)
    wanted_names = {(o[0], o[1]): o for o in wanted}
    found_names = {(o[0], o[1]): o for o in found}
    out = []
    for key, obj in sorted(found_names.items()):
        if key not in wanted_names:
            out.append(f"extra {key[0]} {key[1]}")
        elif wanted_names[key] != obj:
            out.append(f"changed {key[0]} {key[1]}")
    out += [f"missing {key[0]} {key[1]}" for key in sorted(wanted_names)
            if key not in found_names]
    return out
