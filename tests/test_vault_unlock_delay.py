"""Wrong passphrases: after a few free tries each next try waits longer (1, 2, 4 ... 30 s), the
wait follows the counter kept in the header (so a restart does not reset it), parallel tries
are all counted, and a garbled, negative or absurd counter never gives a traceback."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from storage import unlock_guard
from storage.header import read_header
from storage.store import HEADER_NAME, Store, WrongPassphrase
from store_testing import PASS, new_store


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The delays the store waited (recorded, not slept)."""
    waited: list[float] = []
    monkeypatch.setattr(unlock_guard, "pause", waited.append)
    return waited


def _counter(folder: Path) -> int:
    return read_header(folder / HEADER_NAME).failed_unlocks


def test_the_delay_grows_with_every_wrong_passphrase_and_ends_at_a_good_unlock(
        tmp_path: Path, waits: list[float]) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    for _ in range(unlock_guard.FREE_TRIES + 4):
        with pytest.raises(WrongPassphrase):
            Store.open(folder, "guess")
    assert waits == [1.0, 2.0, 4.0, 8.0]
    assert _counter(folder) == unlock_guard.FREE_TRIES + 4
    with Store.open(folder, PASS) as store:  # the good one waits too, then all is reset
        assert store.failed_unlocks == unlock_guard.FREE_TRIES + 4
    assert waits[-1] == 16.0 and _counter(folder) == 0
    waits.clear()
    Store.open(folder, PASS).close()
    assert waits == []


def test_the_delay_stops_growing_at_its_cap() -> None:
    delays = [unlock_guard.delay_for(n) for n in range(60)]
    assert delays == sorted(delays) and max(delays) == unlock_guard.MAX_DELAY
    assert delays[: unlock_guard.FREE_TRIES] == [0.0] * unlock_guard.FREE_TRIES


def test_parallel_wrong_passphrases_are_all_counted(tmp_path: Path,
                                                     waits: list[float]) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    tries = 24
    start = threading.Barrier(tries)
    refused: list[bool] = []

    def guess() -> None:
        start.wait()
        try:
            Store.open(folder, "guess")
        except WrongPassphrase:
            refused.append(True)

    threads = [threading.Thread(target=guess) for _ in range(tries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(refused) == tries
    assert _counter(folder) == tries


@pytest.mark.parametrize("garbage", ["1e400", -3, "abc", True, 1.5, None, [1]])
def test_a_garbled_counter_counts_as_many_tries_and_never_as_a_traceback(
        tmp_path: Path, waits: list[float], garbage: Any) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    path = folder / HEADER_NAME
    data = json.loads(path.read_text())
    data["failed_unlocks"] = garbage
    path.write_text(json.dumps(data).replace('"1e400"', "1e400"))
    with pytest.raises(WrongPassphrase):
        Store.open(folder, "guess")
    assert waits == [unlock_guard.MAX_DELAY]
    with Store.open(folder, PASS) as store:
        assert store.failed_unlocks_unreadable and store.failed_unlocks == 1
        assert [e.detail for e in store.audit_events()
                if e.action == "failed_unlock"] == ["count=unreadable"]
    assert _counter(folder) == 0


def test_a_counter_that_cannot_be_written_still_refuses_and_still_opens(
        tmp_path: Path, waits: list[float], monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(unlock_guard, "write_header", disk_full)
    with pytest.raises(WrongPassphrase) as caught:
        Store.open(folder, "guess")
    assert "\n" not in str(caught.value)
    Store.open(folder, PASS).close()
