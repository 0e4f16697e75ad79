"""Benchmark support: every benchmark records a figure against a floor measured in the same run."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

_RESULTS: dict[str, dict[str, float | str]] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--bench-json", default="build/bench.json", help="where to write figures")


@pytest.fixture
def bench_record() -> Callable[..., None]:
    """record(name, value, unit, floor): prints the figure and its ratio, stores it for JSON."""

    def record(name: str, value: float, unit: str, floor: float | None = None) -> None:
        ratio = value / floor if floor else None
        entry: dict[str, float | str] = {"value": round(value, 6), "unit": unit}
        if floor is not None:
            entry["floor"] = round(floor, 6)
        if ratio is not None:
            entry["ratio"] = round(ratio, 3)
        _RESULTS[name] = entry
        shown = f"BENCH {name}: {value:.4g} {unit}"
        if floor is not None:
            shown += f" (floor {floor:.4g} {unit}, ratio {ratio:.2f})"
        print(shown)

    return record


@pytest.fixture(scope="session", autouse=True)
def _write_bench_json(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    out = Path(request.config.getoption("--bench-json"))
    out.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(out.read_text()) if out.exists() else {}
    existing.update(_RESULTS)
    out.write_text(json.dumps(existing, indent=2, sort_keys=True))
