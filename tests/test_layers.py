"""The layer contract: import-linter fails when a core package imports Qt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(src: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=src, env=env, capture_output=True, text=True, timeout=300,
    )


def test_layer_contract_holds_for_the_tree() -> None:
    result = _lint(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr


def test_layer_contract_fails_when_instruments_imports_qt(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    model = src / "instruments" / "model.py"
    model.write_text(model.read_text() + "\nimport PySide6.QtCore  # noqa\n")
    result = _lint(src)
    assert result.returncode != 0
    assert "Only ui imports Qt" in result.stdout
    assert "BROKEN" in result.stdout


def test_layer_contract_fails_when_a_service_imports_qt(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    conversation = src / "services" / "conversation.py"
    conversation.write_text(conversation.read_text() + "\nimport PySide6.QtWidgets  # noqa\n")
    result = _lint(src)
    assert result.returncode != 0
    assert "services holds no Qt and no SQL (the store does the SQL) BROKEN" in result.stdout
    assert "Only ui imports Qt BROKEN" in result.stdout
