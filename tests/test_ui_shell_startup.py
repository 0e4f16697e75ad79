"""Start-up: the first window shows before the store's database layer, pydantic or PyYAML are
imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from storage.store import Store
from ui_shell_support import CHEAP_KDF, PASSPHRASE

PROBE = Path(__file__).with_name("startup_probe.py")


def _probe(tmp_path: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, str(PROBE), "app", str(tmp_path / "store"), str(tmp_path / "s.ini")],
        capture_output=True, text=True, timeout=60, env=env, check=True,
    ).stdout
    report = json.loads(out.strip().splitlines()[-1])
    report.pop("cpu_s")  # for the start-up bench
    return report


def test_first_start_window_shows_without_heavy_imports(tmp_path: Path) -> None:
    # The first start begins by asking who holds the conversations (then the passphrase).
    report = _probe(tmp_path)
    assert report == {"heavy": [], "title": "Samenspraak — Over u"}


def test_unlock_window_shows_without_heavy_imports(tmp_path: Path) -> None:
    Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF).close()
    report = _probe(tmp_path)
    assert report == {"heavy": [], "title": "Samenspraak"}


def test_unexpected_errors_are_reported_without_their_message(capsys) -> None:
    from ui.app import private_excepthook

    name = "Sanne " + "de Vries"
    try:
        raise ValueError(name)
    except ValueError as exc:
        private_excepthook(type(exc), exc, exc.__traceback__)
    err = capsys.readouterr().err
    assert "unexpected ValueError" in err
    assert "test_ui_shell_startup.py" in err
    assert "Sanne" not in err
