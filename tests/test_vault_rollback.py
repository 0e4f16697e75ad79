"""The last audit head is kept outside the database, authenticated: a store.db replaced by an
older copy, or commits lost with a truncated or corrupted WAL, is said plainly at the next
open and audited; an ordinary life (closes, crashes, two programs at once) never warns."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from storage.audit_head import HEAD_NAME
from storage.store import DB_NAME, Store
from store_testing import PASS, new_store
from wal_loss_support import client_count, corrupt_wal, crashed_copy, truncate_wal, wal_of


def test_a_store_db_replaced_by_its_older_copy_is_said_and_audited(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        store.add_client("Eerst")
    shutil.copy(folder / DB_NAME, tmp_path / "older.db")
    with Store.open(folder, PASS) as store:
        store.add_client("Later")
        assert store.database_behind is None
    (folder / DB_NAME).unlink()
    for name in (f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
        (folder / name).unlink(missing_ok=True)
    shutil.copy(tmp_path / "older.db", folder / DB_NAME)
    with Store.open(folder, PASS) as store:
        found, recorded = store.database_behind or (0, 0)
        assert found < recorded
        behind = [e for e in store.audit_events() if e.action == "database_behind"]
        assert behind and behind[0].detail == f"found={found} recorded={recorded}"


def test_commits_lost_with_a_truncated_wal_are_said(tmp_path: Path) -> None:
    copy = crashed_copy(tmp_path / "s", tmp_path / "crashed", clients=40)
    size = wal_of(copy).stat().st_size
    with wal_of(copy).open("r+b") as handle:
        handle.truncate(size // 2)
    with Store.open(copy, PASS) as store:
        assert client_count(store) < 40
        assert store.database_behind is not None


def test_a_damaged_wal_either_loses_nothing_or_is_said(tmp_path: Path) -> None:
    template = crashed_copy(tmp_path / "s", tmp_path / "crashed", clients=30)
    rng = random.Random(11)
    outcomes = {"kept": 0, "said": 0}
    for round_no in range(8):
        folder = tmp_path / f"round{round_no}"
        shutil.copytree(template, folder)
        (truncate_wal if round_no % 2 else corrupt_wal)(folder, rng)
        with Store.open(folder, PASS) as store:
            if client_count(store) == 30:
                outcomes["kept"] += 1
            else:
                assert store.database_behind is not None
                outcomes["said"] += 1
    assert outcomes["said"] >= 1


def test_ordinary_use_never_warns(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        store.add_client("Een")
    crashed = crashed_copy(tmp_path / "other", tmp_path / "crashed", clients=5)
    for place in (folder, crashed):
        with Store.open(place, PASS) as first, Store.open(place, PASS) as second:
            first.add_client("Twee")
            second.add_client("Drie")
            assert first.database_behind is None and second.database_behind is None
        with Store.open(place, PASS) as store:
            assert store.database_behind is None and not store.failed_unlocks
            store.change_passphrase("nieuw wachtwoord")
        with Store.open(place, "nieuw wachtwoord") as store:
            assert store.database_behind is None
            assert "head_unverifiable" not in [e.action for e in store.audit_events()]


def test_a_changed_head_file_is_audited(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    head = folder / HEAD_NAME
    head.write_bytes(head.read_bytes().replace(b'"seq": ', b'"seq": 9'))
    with Store.open(folder, PASS) as store:
        assert store.database_behind is None
        assert "head_unverifiable" in [e.action for e in store.audit_events()]
