"""Core dumps are off: the command line and the app (both start in `ui.cli.main.main`) set the
core limit to 0 and, on Linux, make the process non-dumpable, even when started with an
unlimited core limit."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import resource, sys
from ui.cli.main import main
before = resource.getrlimit(resource.RLIMIT_CORE)
code = main(["--version"])
from storage.process_guard import dumpable
after = resource.getrlimit(resource.RLIMIT_CORE)
print(before[0], after[0], after[1], dumpable(), code)
"""


def _unlimited_core() -> None:
    """In the child: core dumps as large as the hard limit allows (unlimited here)."""
    hard = resource.getrlimit(resource.RLIMIT_CORE)[1]
    resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))


@pytest.mark.skipif(os.name != "posix", reason="POSIX resource limits")
def test_a_running_cli_started_with_an_unlimited_core_limit_has_core_dumps_off_for_good() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            env=env, preexec_fn=_unlimited_core, timeout=120, check=True)
    before, after_soft, after_hard, dumpable, code = result.stdout.split()[-5:]
    if int(before) == 0:
        pytest.skip("this machine allows no core dumps at all, so nothing to switch off")
    assert int(before) == resource.getrlimit(resource.RLIMIT_CORE)[1]
    assert int(after_soft) == 0  # the limit the kernel applies when it would dump
    assert int(after_hard) == 0  # and nothing later in the process can raise it again
    assert code == "0"
    if sys.platform.startswith("linux"):
        assert dumpable == "False"
