"""The environment the tests run in is exactly the lock: every installed version is the locked one."""

from __future__ import annotations

import os
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    os.environ.get("SAMENSPRAAK_UNLOCKED") == "1",
    reason="make test-latest runs on the newest versions the ranges allow, not the lock",
)


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked() -> dict[str, set[str]]:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    versions: dict[str, set[str]] = {}
    for package in lock["package"]:
        versions.setdefault(_norm(package["name"]), set()).add(str(package.get("version")))
    return versions


def _installed() -> dict[str, str]:
    return {_norm(dist.metadata["Name"]): dist.version for dist in metadata.distributions()}


def test_every_installed_package_has_its_locked_version() -> None:
    locked, installed = _locked(), _installed()
    off = {name: (version, sorted(locked.get(name, set())) or "not in uv.lock")
           for name, version in installed.items() if version not in locked.get(name, set())}
    assert off == {}, f"installed versions differ from uv.lock: {off}; run make setup"


def test_every_direct_dependency_is_installed() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in ("export", "test"):
        wanted += project["optional-dependencies"][extra]
    names = {_norm(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0]) for spec in wanted}
    assert names - set(_installed()) == set()
