"""Bundle size: the app's PyInstaller one-folder bundle against a bare PySide6 hello-world bundle
built the same way in the same run; the frozen app must also pass its own selfcheck."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
TARGET_RATIO = 1.2


def bundle_bytes(folder: Path) -> int:
    """Bytes of the regular files in a bundle; symlinks (PyInstaller links duplicate
    libraries) are not counted twice."""
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def build(spec: Path, out: Path) -> Path:
    """Run PyInstaller on `spec` with its own work folder; the one-folder bundle it made
    (named after the spec; on macOS the .app beside it is not measured)."""
    proc = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "work"), str(spec)],
        capture_output=True, text=True, cwd=ROOT, timeout=1800,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    bundle = out / "dist" / spec.stem
    assert bundle.is_dir(), sorted(p.name for p in (out / "dist").iterdir())
    return bundle


def program(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if sys.platform == "win32" else name)


def test_bundle_size_against_bare_pyside6_bundle(
        tmp_path: Path, bench_record: Callable[..., None]) -> None:
    pytest.importorskip("PyInstaller", reason="pyinstaller is not installed (make package)")
    hello = build(PACKAGING / "hello.spec", tmp_path / "floor")
    ours = build(PACKAGING / "samenspraak.spec", tmp_path / "app")

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    env.pop("SAMENSPRAAK_FORMS", None)
    floor_run = subprocess.run([str(program(hello, "hello"))], env=dict(env, HELLO_QUIT="1"),
                               capture_output=True, text=True, timeout=60)
    assert floor_run.returncode == 0, floor_run.stderr
    cli = "samenspraak-cli" if sys.platform == "win32" else "samenspraak"
    check = subprocess.run([str(program(ours, cli)), "selfcheck", "--lang", "en"], env=env,
                           capture_output=True, text=True, timeout=120)
    print(check.stdout, end="")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "(bundled app)" in check.stdout

    hello_mb = bundle_bytes(hello) / 1e6
    ours_mb = bundle_bytes(ours) / 1e6
    bench_record("bundle_size", ours_mb, "MB", hello_mb)
    assert ours_mb / hello_mb <= TARGET_RATIO
