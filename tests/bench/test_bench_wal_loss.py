"""WAL loss: a store whose WAL still holds acknowledged commits (as a crash leaves it) has its
WAL truncated or corrupted at a random point, 100 times; every time either nothing is lost or
the next open says the database is behind. The figure is the number lost without a word (0)."""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storage.errors import StoreError  # noqa: E402
from storage.store import Store  # noqa: E402
from store_testing import PASS  # noqa: E402
from wal_loss_support import (  # noqa: E402
    client_count,
    corrupt_wal,
    crashed_copy,
    truncate_wal,
)

ROUNDS = 100
CLIENTS = 300


def test_a_damaged_wal_loses_nothing_or_says_so_every_time(
        tmp_path: Path, bench_record: Callable[..., None]) -> None:
    template = crashed_copy(tmp_path / "s", tmp_path / "crashed", clients=CLIENTS)
    rng = random.Random(2026)
    kept = said = refused = silent = 0
    for round_no in range(ROUNDS):
        folder = tmp_path / f"r{round_no}"
        shutil.copytree(template, folder)
        what = (truncate_wal if round_no % 2 else corrupt_wal)(folder, rng)
        try:
            with Store.open(folder, PASS) as store:
                count = client_count(store)
                if count == CLIENTS:
                    kept += 1
                elif store.database_behind is not None:
                    said += 1
                else:
                    silent += 1
                    print(f"silent loss: {what}: {count} of {CLIENTS}")
        except StoreError as exc:  # refused with one line: not silent either
            assert "\n" not in str(exc)
            refused += 1
        shutil.rmtree(folder)
    print(f"WAL damage x{ROUNDS}: nothing lost {kept}, warned {said}, refused {refused}, "
          f"silent {silent}")
    bench_record("wal_damage_silent_losses", float(silent), "rounds")
    bench_record("wal_damage_warned", float(said), "rounds")
    assert silent == 0
