"""Schema migrations: a backup before each, each atomic, a failure leaves the store as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import migrations
from storage.database import Connection
from storage.migrations import BACKUP_FOLDER, Migration
from storage.store import Store, StoreError
from store_testing import PASS, db_file, mini_form, new_store, raw_connection, sha256_file

# The number of a migration injected after the real ones.
NEXT = migrations.latest_version() + 1


def _dump(folder: Path) -> list[str]:
    conn = raw_connection(folder)
    lines = [repr(row) for row in conn.execute(
        "SELECT type, name, sql FROM sqlite_master ORDER BY name")]
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in sorted(tables):
        lines += [f"{table}: {row!r}" for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]
    conn.close()
    return lines


def _seed(folder: Path) -> str:
    with new_store(folder) as store:
        client = store.add_client("Rosa")
        session = store.start_session(client.id, mini_form())
        store.save_answer(session.id, "gezondheid.zorgen", 2)
    return client.id


def _add_column(conn: Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE clients ADD COLUMN language TEXT")


def _fails_midway(conn: Connection) -> None:
    conn.exec_driver_sql("CREATE TABLE extra (x TEXT)")
    conn.exec_driver_sql("INSERT INTO extra VALUES ('half done')")
    conn.exec_driver_sql("UPDATE clients SET name = 'changed'")
    raise RuntimeError("migration bug")


def test_a_migration_that_fails_midway_leaves_the_store_untouched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "s"
    client_id = _seed(folder)
    before_dump, before_sha = _dump(folder), sha256_file(db_file(folder))
    monkeypatch.setattr(migrations, "MIGRATIONS",
                        [*migrations.MIGRATIONS, Migration(NEXT, "broken", _fails_midway)])
    with pytest.raises(StoreError) as caught:
        Store.open(folder, PASS)
    assert str(NEXT) in str(caught.value)
    assert _dump(folder) == before_dump
    assert sha256_file(db_file(folder)) == before_sha
    backups = list((folder / BACKUP_FOLDER).glob("*.db"))
    assert len(backups) == 1 and backups[0].name in str(caught.value)
    monkeypatch.undo()
    with Store.open(folder, PASS) as store:
        assert store.get_client(client_id).name == "Rosa"
        assert store.check() == []


def test_a_migration_runs_after_an_encrypted_backup(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "s"
    client_id = _seed(folder)
    monkeypatch.setattr(migrations, "MIGRATIONS",
                        [*migrations.MIGRATIONS, Migration(NEXT, "language", _add_column)])
    with Store.open(folder, PASS) as store:
        assert store.get_client(client_id).name == "Rosa"
        assert store.check() == []
    conn = raw_connection(folder)
    assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == NEXT
    assert "language" in [r[1] for r in conn.execute("PRAGMA table_info(clients)")]
    conn.close()
    (backup,) = (folder / BACKUP_FOLDER).glob("*.db")
    assert not backup.read_bytes().startswith(b"SQLite format 3")
    assert b"Rosa" not in backup.read_bytes()
    # The backup opens with the store's key (its header copy lies beside it).
    restored = tmp_path / "from-backup"
    restored.mkdir()
    backup.replace(restored / "store.db")
    backup.with_suffix(".json").replace(restored / "store.json")
    monkeypatch.undo()
    with Store.open(restored, PASS) as old:
        assert old.get_client(client_id).name == "Rosa"


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    _seed(folder)
    conn = raw_connection(folder)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.close()
    with pytest.raises(StoreError, match="99"):
        Store.open(folder, PASS)
