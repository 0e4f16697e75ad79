"""A restore looks at the backup's whole schema read-only before anything runs on it: a payload
with an extra trigger, view or index, or a changed table, is refused in one line, nothing is
restored, nothing in it runs, and the store it came from keeps every client."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from storage.backup_file import extract_payload, read_prefix, write_backup
from storage.kdf import derive_key, key_pragma_value
from storage.store import Store, StoreDamaged, StoreError
from store_testing import PASS, new_store, raw_connection

BACKUP_PASS = "a different backup passphrase"
CLIENTS = 50
WIPER = "CREATE TRIGGER wipe AFTER INSERT ON audit BEGIN DELETE FROM clients; END"


def _backup_with_clients(tmp_path: Path) -> Path:
    with new_store(tmp_path / "s") as store:
        for n in range(CLIENTS):
            store.add_client(f"Client {n}")
        store.backup(tmp_path / "backup.ssb", BACKUP_PASS)
    return tmp_path / "backup.ssb"


def _crafted(tmp_path: Path, backup: Path, *statements: str) -> Path:
    """The backup with its payload changed by `statements` (as someone with its passphrase)."""
    prefix, offset = read_prefix(backup)
    payload = tmp_path / "payload.db"
    extract_payload(backup, prefix, offset, payload)
    key = derive_key(BACKUP_PASS, prefix.slot.salt, prefix.slot.kdf)
    conn = sqlcipher3.connect(str(payload), isolation_level=None)
    conn.execute(f"PRAGMA key = {key_pragma_value(key)}")
    for statement in statements:
        conn.execute(statement)
    conn.close()
    crafted = tmp_path / "crafted.ssb"
    with crafted.open("xb") as handle:
        write_backup(handle, prefix.slot, payload)
    return crafted


def _client_count(folder: Path) -> int:
    conn = raw_connection(folder)
    count = int(conn.execute("SELECT count(*) FROM clients").fetchone()[0])
    conn.close()
    return count


@pytest.mark.parametrize("statements", [
    (WIPER,),
    ("CREATE VIEW peek AS SELECT name FROM clients",),
    ("CREATE INDEX clients_name ON clients (name)",),
    ("ALTER TABLE clients ADD COLUMN extra TEXT",),
    ("DROP TRIGGER audit_no_delete",),
])
def test_a_backup_with_a_foreign_schema_is_refused_and_every_client_stays(
        tmp_path: Path, statements: tuple[str, ...]) -> None:
    crafted = _crafted(tmp_path, _backup_with_clients(tmp_path), *statements)
    target = tmp_path / "restored"
    with pytest.raises(StoreDamaged) as caught:
        Store.restore(crafted, BACKUP_PASS, target, "new pass")
    message = str(caught.value)
    assert "\n" not in message and "niets teruggezet" in message
    assert caught.value.key == "store.error.backup_schema"
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if "restoring" in p.name] == []
    with Store.open(tmp_path / "s", PASS) as store:
        assert len(store.search_clients(limit=1000)) == CLIENTS
        assert store.check() == []
    assert _client_count(tmp_path / "s") == CLIENTS


def test_the_wiping_trigger_never_runs_while_the_backup_is_looked_at(tmp_path: Path) -> None:
    backup = _backup_with_clients(tmp_path)
    crafted = _crafted(tmp_path, backup, WIPER)
    with pytest.raises(StoreDamaged):
        Store.restore(crafted, BACKUP_PASS, tmp_path / "restored", "new pass")
    # The untouched backup still restores, every client in it.
    with Store.restore(backup, BACKUP_PASS, tmp_path / "good", "new pass") as store:
        assert len(store.search_clients(limit=1000)) == CLIENTS


def test_a_backup_of_a_newer_schema_is_refused_and_leaves_no_folder(tmp_path: Path) -> None:
    crafted = _crafted(tmp_path, _backup_with_clients(tmp_path),
                       "UPDATE schema_version SET version = 99")
    target = tmp_path / "restored"
    with pytest.raises(StoreError) as caught:
        Store.restore(crafted, BACKUP_PASS, target, "new pass")
    assert caught.value.key == "store.error.newer_schema"
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if "restoring" in p.name] == []


def test_store_check_names_an_object_that_is_not_in_the_schema(tmp_path: Path) -> None:
    new_store(tmp_path / "s").close()
    conn = raw_connection(tmp_path / "s")
    conn.execute("CREATE VIEW peek AS SELECT name FROM clients")
    conn.close()
    with Store.open(tmp_path / "s", PASS) as store:
        problems = store.check()
    assert len(problems) == 1 and "peek" in problems[0]
