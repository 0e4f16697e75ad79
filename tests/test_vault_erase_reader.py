"""Erase under a concurrent reader reports the truth: while another connection holds old pages
the erasure is committed but said to be incomplete (copies stay in the files), and it is
finished when the reader lets go and the store is closed or opened again."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import vault
from storage.errors import ErasureIncomplete
from storage.store import DB_NAME, Store
from store_testing import PASS, new_store, raw_connection


def _wal_size(folder: Path) -> int:
    wal = folder / f"{DB_NAME}-wal"
    return wal.stat().st_size if wal.exists() else 0


def test_an_erasure_under_a_reader_says_it_is_incomplete_and_finishes_later(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault, "ERASE_WAIT_MS", 50)
    folder = tmp_path / "s"
    store = new_store(folder)
    gone = store.add_client("Weg Jansen")
    store.add_client("Blijft Bos")
    reader = raw_connection(folder)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM clients").fetchone()[0] == 2  # holds a snapshot
    with pytest.raises(ErasureIncomplete) as caught:
        store.erase_client(gone.id)
    assert "\n" not in str(caught.value)
    assert [c.name for c in store.search_clients()] == ["Blijft Bos"]  # committed all the same
    assert store._vault.checkpoint_pending and _wal_size(folder) > 0
    reader.rollback()
    reader.close()
    store.close()  # retried: now it gets done
    assert _wal_size(folder) == 0
    with Store.open(folder, PASS) as again:
        assert [c.name for c in again.search_clients()] == ["Blijft Bos"]


def test_an_erasure_without_readers_is_complete(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        gone = store.add_client("Weg Jansen")
        store.erase_client(gone.id)
        assert not store._vault.checkpoint_pending
        assert _wal_size(tmp_path / "s") == 0
