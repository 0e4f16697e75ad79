"""The audit-head witness is written before a commit call returns (a crash of the program keeps
it) and synced to the disk on a background thread: a save waits for the WAL's sync only, a burst
of saves shares one witness sync, closing waits for it, and a failed sync never fails a save."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import storage.audit_head as audit_head
from storage.audit_head import HEAD_NAME, read_head
from storage.store import Store
from store_testing import PASS, mini_form, new_store

WAIT = 10.0  # seconds: a bound on a hang, not a speed figure


class HeldSync:
    """A stand-in for the disk sync that counts calls and holds each one until released."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.calls = 0
        self.entered = threading.Event()
        self.release = threading.Event()

    def __call__(self, fd: int) -> None:
        self.calls += 1
        self.entered.set()
        if not self.release.wait(WAIT):
            raise AssertionError("the held sync was never released")
        audit_head.os.fsync(fd)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldSync]:
    sync = HeldSync(audit_head._sync_data)
    monkeypatch.setattr(audit_head, "_sync_data", sync)
    yield sync
    sync.release.set()


def _head_seq_in_database(store: Store) -> int:
    return max(e.seq for e in store.audit_events())


def _store_with_a_draft(folder: Path) -> tuple[Store, str]:
    store = new_store(folder)
    client = store.add_client("Witness")
    return store, store.start_session(client.id, mini_form()).id


def test_an_answer_save_returns_while_the_witness_sync_is_still_running(
        tmp_path: Path, held: HeldSync) -> None:
    store, session_id = _store_with_a_draft(tmp_path / "s")
    held.release.set()
    store._vault.head_file.flush()
    held.release.clear()
    saver = threading.Thread(target=store.save_answer,
                             args=(session_id, "gezondheid.zorgen", 2))
    saver.start()
    saver.join(WAIT)
    assert not saver.is_alive()
    assert store._vault.head_file.unsynced == 1
    # The record is already in the file (the kernel holds it): a crash now keeps it.
    reading = read_head(tmp_path / "s" / HEAD_NAME, store._vault._key)
    assert reading.head is not None and reading.head.seq == _head_seq_in_database(store)
    held.release.set()
    store.close()
    assert store._vault.head_file.unsynced == 0


def test_closing_the_store_waits_for_the_witness_sync(tmp_path: Path, held: HeldSync) -> None:
    store, session_id = _store_with_a_draft(tmp_path / "s")
    store.save_answer(session_id, "gezondheid.zorgen", 3)
    assert held.entered.wait(WAIT)
    closer = threading.Thread(target=store.close)
    closer.start()
    closer.join(0.2)
    assert closer.is_alive(), "close returned before the witness was on the disk"
    held.release.set()
    closer.join(WAIT)
    assert not closer.is_alive() and store._vault.head_file.unsynced == 0


def test_a_burst_of_saves_shares_one_witness_sync(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store, session_id = _store_with_a_draft(tmp_path / "s")
    store._vault.head_file.flush()
    store._vault.head_file.syncs.pause = store._vault.head_file.syncs.latest_s = WAIT
    calls: list[int] = []
    real = audit_head._sync_data
    monkeypatch.setattr(audit_head, "_sync_data", lambda fd: (calls.append(fd), real(fd)))
    for n in range(40):
        store.save_answer(session_id, "gezondheid.zorgen", 1 + n % 3)
    assert calls == [] and store._vault.head_file.unsynced == 40
    store.close()
    assert len(calls) == 1 and store._vault.head_file.unsynced == 0
    with Store.open(tmp_path / "s", PASS) as again:
        assert again.database_behind is None


def test_a_failed_witness_sync_is_noted_and_the_answer_stands(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, session_id = _store_with_a_draft(tmp_path / "s")

    def failing(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(audit_head, "_sync_data", failing)
    assert store.save_answer(session_id, "gezondheid.zorgen", 2) == 2
    store._vault.head_file.flush()
    assert store._vault.head_file.sync_failed
    store.close()
    monkeypatch.undo()
    with Store.open(tmp_path / "s", PASS) as again:
        assert again.database_behind is None
        assert again.get_session(session_id).answers["gezondheid.zorgen"] == 2

