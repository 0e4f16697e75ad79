"""The installed Qt binding keeps Python's reference counts right (PySide6 6.12.0 on CPython
3.11 dropped a reference to None/True on every void call and aborted the app)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QObject, Signal
class P(QObject):
    ping = Signal()
p = P()
before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(200):
    p.setObjectName("x")
    p.ping.emit()
print(before[0] - sys.getrefcount(None), before[1] - sys.getrefcount(True))
"""


def test_void_qt_calls_do_not_drop_references_to_none_or_true() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    lost_none, lost_true = (int(x) for x in result.stdout.split())
    assert (lost_none, lost_true) == (0, 0)
