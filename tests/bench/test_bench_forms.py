"""Benchmark: loading and validating every form, against a bare YAML parse of the same files."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from instruments.loader import load_form_text

ROOT = Path(__file__).resolve().parents[2]
RUNS = 15


def form_texts() -> list[str]:
    files = sorted((ROOT / "forms").glob("*.yaml"))
    if not files:  # before the shipped forms exist: the test fixtures
        files = sorted((ROOT / "tests" / "data" / "forms_ok").glob("*.yaml"))
    assert files, "no forms to benchmark"
    return [f.read_text(encoding="utf-8") for f in files]


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    work()  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def test_bench_forms_load_validate(bench_record: Callable[..., None]) -> None:
    texts = form_texts()

    def load_all() -> None:
        for text in texts:
            load_form_text(text)

    def safe_load_all() -> None:
        for text in texts:
            yaml.safe_load(text)

    def c_safe_load_all() -> None:
        for text in texts:
            yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    full = median_ms(load_all)
    bare = median_ms(safe_load_all)
    bare_c = median_ms(c_safe_load_all)
    print(f"{len(texts)} forms, {sum(len(t) for t in texts)} characters, median of {RUNS} runs")
    bench_record("forms_load_validate", full, "ms", bare)
    bench_record("forms_load_validate_vs_libyaml", full, "ms", bare_c)
