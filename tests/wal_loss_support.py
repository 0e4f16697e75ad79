"""Helpers for the WAL-loss tests and bench: a store snapshot taken while it is open (as a
crash leaves it: commits in the WAL, not yet in store.db), and ways to damage that WAL."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from storage.store import DB_NAME, Store
from store_testing import new_store


def crashed_copy(folder: Path, target: Path, clients: int) -> Path:
    """A store with `clients` acknowledged clients, copied while still open (WAL full)."""
    with new_store(folder) as store:
        for n in range(clients):
            store.add_client(f"Client {n}")
        shutil.copytree(folder, target)
    return target


def wal_of(folder: Path) -> Path:
    return folder / f"{DB_NAME}-wal"


def truncate_wal(folder: Path, rng: random.Random) -> str:
    wal = wal_of(folder)
    size = wal.stat().st_size
    cut = rng.randrange(0, size)
    with wal.open("r+b") as handle:
        handle.truncate(cut)
    return f"truncated at {cut} of {size}"


def corrupt_wal(folder: Path, rng: random.Random) -> str:
    wal = wal_of(folder)
    data = bytearray(wal.read_bytes())
    spot = rng.randrange(0, len(data))
    data[spot] ^= 1 << rng.randrange(8)
    wal.write_bytes(bytes(data))
    return f"bit flipped at {spot} of {len(data)}"


def client_count(store: Store) -> int:
    return len(store.search_clients(limit=100_000))
