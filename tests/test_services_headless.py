"""The service layer runs without a display: importing every module of `services` loads neither
Qt nor any window module."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

PROBE = """
import importlib, pkgutil, sys
import services
for module in pkgutil.iter_modules(services.__path__):
    importlib.import_module(f"services.{module.name}")
print(sorted(n for n in sys.modules if n.split(".")[0] in ("PySide6", "shiboken6", "ui")))
"""


def test_every_service_module_imports_without_qt_or_a_display() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT / "src")
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                            text=True, timeout=120, check=True)
    assert result.stdout.strip() == "[]"
