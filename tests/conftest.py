"""Shared test setup: offscreen Qt and paths to the shipped forms."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SAMENSPRAAK_SPEECH"] = "off"  # never the real speech engine, also in child processes

ROOT = Path(__file__).resolve().parents[1]
FORMS_DIR = ROOT / "forms"


@pytest.fixture(autouse=True, scope="session")
def _own_erasure_ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The user's erasure ledger of the test run, never the real one in the data folder."""
    old = os.environ.get("SAMENSPRAAK_ERASURES")
    os.environ["SAMENSPRAAK_ERASURES"] = str(tmp_path_factory.mktemp("ledger") / "erasures.json")
    yield
    if old is None:
        os.environ.pop("SAMENSPRAAK_ERASURES", None)
    else:
        os.environ["SAMENSPRAAK_ERASURES"] = old


@pytest.fixture(autouse=True, scope="session")
def _test_runner_keeps_its_core_limit() -> Iterator[None]:
    """Commands run in-process (`ui.cli.main.main`) leave the test runner's own core limit and
    dumpable flag alone: the guard sets the hard limit to 0 for good, which would bind every
    later child of the run. The guard itself is proved in a real child process
    (`test_process_guard.py`)."""
    from storage import process_guard

    real = process_guard.keep_out_of_core_dumps
    process_guard.keep_out_of_core_dumps = lambda: []
    yield
    process_guard.keep_out_of_core_dumps = real
