"""Cold start to the unlock window shown, against a bare PySide6 window started the same way."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from storage.records import KdfParams
from storage.store import Store

PROBE = Path(__file__).resolve().parents[1] / "startup_probe.py"
ROUNDS = 7
TARGET_RATIO = 2.5


def _time_to_window(args: list[str]) -> tuple[float, float]:
    """Seconds from process start until the probe reports its first window painted, and the
    CPU seconds the probe had used by then (robust when other work shares the CPU)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(PROBE), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=30)
    report = json.loads(line)
    assert report["heavy"] == [], report
    return elapsed, float(report["cpu_s"])


def test_cold_start_to_unlock_window(tmp_path: Path, bench_record: Callable[..., None]) -> None:
    folder = tmp_path / "store"
    Store.create(folder, "rustige Keukentafel 42",
                 kdf=KdfParams(memory_kib=8192, time_cost=1, parallelism=1)).close()
    app_args = ["app", str(folder), str(tmp_path / "settings.ini")]
    _time_to_window(["bare"])  # warm the OS file cache for both
    _time_to_window(app_args)
    bare, app, bare_cpu, app_cpu = [], [], [], []
    for _ in range(ROUNDS):
        for runs, cpus, args in ((bare, bare_cpu, ["bare"]), (app, app_cpu, app_args)):
            took, used = _time_to_window(args)
            runs.append(took)
            cpus.append(used)
    floor = statistics.median(bare)
    value = statistics.median(app)
    bench_record("startup_to_unlock_window", value, "s", floor)
    bench_record("startup_to_unlock_window_cpu", statistics.median(app_cpu), "s",
                 statistics.median(bare_cpu))
    assert value / floor <= TARGET_RATIO
