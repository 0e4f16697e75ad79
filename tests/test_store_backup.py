"""Backup to one encrypted file with its own passphrase; restore only into a new folder after
verifying it; garbage, plain SQLite and a wrong passphrase are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage.store import Store, StoreDamaged, StoreExists, WrongPassphrase
from store_testing import PASS, mini_form, new_store, raw_connection

BACKUP_PASS = "a different backup passphrase"


def _backed_up(tmp_path: Path) -> tuple[Path, str, str]:
    with new_store(tmp_path / "s") as store:
        client = store.add_client("Sara Koster", bsn="111222333")
        session = store.start_session(client.id, mini_form())
        store.save_answer(session.id, "gezondheid.zorgen", 3)
        store.add_consent(session.id, given_by="vader", recipient="huisarts", scope="brief")
        store.backup(tmp_path / "backup.ssb", BACKUP_PASS)
    return tmp_path / "backup.ssb", client.id, session.id


def test_backup_and_restore_into_a_new_folder_round_trip(tmp_path: Path) -> None:
    backup, client_id, session_id = _backed_up(tmp_path)
    assert b"Sara" not in backup.read_bytes()
    with Store.restore(backup, BACKUP_PASS, tmp_path / "restored", "new pass") as store:
        assert store.get_client(client_id).bsn == "111222333"
        assert store.get_session(session_id).answers == {"gezondheid.zorgen": 3}
        assert len(store.consents(session_id=session_id)) == 1
        assert store.check() == []
        actions = [e.action for e in store.audit_events()]
        assert "backup" in actions and "restore" in actions
    with Store.open(tmp_path / "restored", "new pass") as store:
        assert store.check() == []
    with pytest.raises(WrongPassphrase):
        Store.open(tmp_path / "restored", BACKUP_PASS)


def test_restore_never_overwrites_an_existing_store_or_folder(tmp_path: Path) -> None:
    backup, _, _ = _backed_up(tmp_path)
    with pytest.raises(StoreExists):
        Store.restore(backup, BACKUP_PASS, tmp_path / "s", "x")
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    with pytest.raises(StoreExists):
        Store.restore(backup, BACKUP_PASS, other, "x")
    assert (other / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in other.iterdir()) == ["notes.txt"]


def test_backup_never_overwrites_a_file(tmp_path: Path) -> None:
    backup, _, _ = _backed_up(tmp_path)
    before = backup.read_bytes()
    with Store.open(tmp_path / "s", PASS) as store, pytest.raises(StoreExists):
        store.backup(backup, BACKUP_PASS)
    assert backup.read_bytes() == before


def test_restore_refuses_a_wrong_passphrase(tmp_path: Path) -> None:
    backup, _, _ = _backed_up(tmp_path)
    with pytest.raises(WrongPassphrase):
        Store.restore(backup, PASS, tmp_path / "r", "x")
    assert not (tmp_path / "r").exists()


def test_restore_refuses_garbage(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.ssb"
    garbage.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(StoreDamaged):
        Store.restore(garbage, BACKUP_PASS, tmp_path / "r", "x")
    empty = tmp_path / "empty.ssb"
    empty.write_bytes(b"")
    with pytest.raises(StoreDamaged):
        Store.restore(empty, BACKUP_PASS, tmp_path / "r", "x")
    assert not (tmp_path / "r").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_restore_refuses_a_plain_sqlite_file(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    conn = sqlite3.connect(plain)
    conn.execute("CREATE TABLE clients (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreDamaged, match="SQLite"):
        Store.restore(plain, BACKUP_PASS, tmp_path / "r", "x")
    assert not (tmp_path / "r").exists()


def test_restore_refuses_a_truncated_or_altered_backup(tmp_path: Path) -> None:
    backup, _, _ = _backed_up(tmp_path)
    data = backup.read_bytes()
    cut = tmp_path / "cut.ssb"
    cut.write_bytes(data[:-4096])
    with pytest.raises(StoreDamaged):
        Store.restore(cut, BACKUP_PASS, tmp_path / "r1", "x")
    flipped = bytearray(data)
    flipped[-3000] ^= 0xFF
    (tmp_path / "flip.ssb").write_bytes(bytes(flipped))
    with pytest.raises(StoreDamaged):
        Store.restore(tmp_path / "flip.ssb", BACKUP_PASS, tmp_path / "r2", "x")
    assert not (tmp_path / "r1").exists() and not (tmp_path / "r2").exists()


def test_restore_refuses_a_backup_whose_audit_chain_was_edited(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        store.add_client("Tim")
    conn = raw_connection(folder)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET detail = 'forged' WHERE seq = 1")
    conn.close()
    with Store.open(folder, PASS) as store:
        store.backup(tmp_path / "b.ssb", BACKUP_PASS)
    with pytest.raises(StoreDamaged):
        Store.restore(tmp_path / "b.ssb", BACKUP_PASS, tmp_path / "r", "x")
    assert not (tmp_path / "r").exists()
