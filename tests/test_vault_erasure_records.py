"""Erasure reaches the store's own automatic backups (rewritten without the client, re-keyed
by a passphrase change), and an erasure record without personal data makes a restored older
backup, or an older store.db copied back, erase the client again and say so."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest
import sqlcipher3

import storage.store
from storage.erasure import LEDGER_NAME
from storage.header import read_header
from storage.kdf import derive_key, key_pragma_value
from storage.location import user_erasure_ledger
from storage.store import DB_NAME, HEADER_NAME, Store
from store_testing import FAST_KDF, PASS, back_to_version_1, mini_form, new_store
from ui.cli.main import main

BACKUP_PASS = "a different backup passphrase"


def _names(store: Store) -> list[str]:
    return sorted(c.name for c in store.search_clients())


def test_an_erased_client_is_absent_after_restoring_an_older_backup(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    with new_store(tmp_path / "s") as store:
        gone = store.add_client("Weg Jansen")
        session = store.start_session(gone.id, mini_form())
        store.save_answer(session.id, "gezondheid.zorgen", 3)
        store.add_client("Blijft Bos")
        store.backup(tmp_path / "old.ssb", BACKUP_PASS)
        store.erase_client(gone.id)
    # The records name no one: only keyed hashes.
    for ledger in (tmp_path / "s" / LEDGER_NAME, user_erasure_ledger()):
        text = ledger.read_text()
        assert gone.id not in text and "Weg" not in text
        assert len(json.loads(text)["tags"]) >= 1
    with Store.restore(tmp_path / "old.ssb", BACKUP_PASS, tmp_path / "r", "new pass") as store:
        assert _names(store) == ["Blijft Bos"]
        assert store.reapplied_erasures == 1
        assert store.list_sessions() == []
        assert [e.detail for e in store.audit_events() if e.action == "erase"] == ["reapplied"]
        assert store.check() == []
    with Store.open(tmp_path / "r", "new pass") as store:  # once is enough
        assert store.reapplied_erasures == 0
    # The command line says so.
    monkeypatch.setattr(storage.store, "DEFAULT_KDF", FAST_KDF)
    monkeypatch.setenv("SAMENSPRAAK_PASSPHRASE", PASS)
    monkeypatch.setenv("SAMENSPRAAK_BACKUP_PASSPHRASE", BACKUP_PASS)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    capsys.readouterr()
    assert main(["store", "restore", str(tmp_path / "old.ssb"), "--store",
                 str(tmp_path / "r2")]) == 0
    assert "1" in capsys.readouterr().out.splitlines()[-1]


def test_an_older_store_db_copied_back_is_erased_again(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        gone = store.add_client("Weg Jansen")
        store.add_client("Blijft Bos")
    shutil.copy(folder / DB_NAME, tmp_path / "older.db")
    with Store.open(folder, PASS) as store:
        store.erase_client(gone.id)
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
        (folder / name).unlink(missing_ok=True)
    shutil.copy(tmp_path / "older.db", folder / DB_NAME)
    with Store.open(folder, PASS) as store:
        assert store.reapplied_erasures == 1
        assert _names(store) == ["Blijft Bos"]


def _backup_clients(path: Path, passphrase: str) -> list[str]:
    header = read_header(path.with_suffix(".json"))
    key = derive_key(passphrase, header.slot.salt, header.slot.kdf)
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key = {key_pragma_value(key)}")
    names = sorted(row[0] for row in conn.execute("SELECT name FROM clients"))
    conn.close()
    return names


def test_the_automatic_backups_lose_an_erased_client_and_follow_a_passphrase_change(
        tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        gone = store.add_client("Weg Jansen")
        store.add_client("Blijft Bos")
    back_to_version_1(folder)  # an older schema: the next open makes a backup first
    with Store.open(folder, PASS) as store:
        backups = store._vault.automatic_backups()
        assert len(backups) >= 1
        for backup in backups:
            assert _backup_clients(backup, PASS) == ["Blijft Bos", "Weg Jansen"]
        store.erase_client(gone.id)
        for backup in backups:
            assert _backup_clients(backup, PASS) == ["Blijft Bos"]
        old_header = read_header(folder / HEADER_NAME)
        store.change_passphrase("a new passphrase")
    new_header = read_header(folder / HEADER_NAME)
    old_key = derive_key(PASS, old_header.slot.salt, old_header.slot.kdf)
    for backup in backups:
        assert _backup_clients(backup, "a new passphrase") == ["Blijft Bos"]
        assert read_header(backup.with_suffix(".json")).slot == new_header.slot
        old = sqlcipher3.connect(str(backup))
        old.execute(f"PRAGMA key = {key_pragma_value(old_key)}")
        with pytest.raises(sqlcipher3.DatabaseError):
            old.execute("SELECT count(*) FROM clients").fetchall()
        old.close()
