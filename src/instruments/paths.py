"""Where the shipped forms and resources are, and where an organisation's own forms are."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding forms/ and resources/: the source tree, or the frozen bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def shipped_forms_dir() -> Path:
    return app_root() / "forms"


def resources_dir() -> Path:
    return app_root() / "resources"


def example_forms_dir() -> Path:
    """The shipped example forms (not official instruments; offered only when asked for)."""
    return shipped_forms_dir() / "examples"


def examples_wanted() -> bool:
    """Whether SAMENSPRAAK_EXAMPLE_FORMS asks for the example forms (1, yes, true, ja)."""
    return os.environ.get("SAMENSPRAAK_EXAMPLE_FORMS", "").strip().lower() in (
        "1", "yes", "true", "ja")


def form_dirs(extra: str | os.PathLike[str] | None = None, *,
              examples: bool = False) -> list[Path]:
    """Shipped forms, the shipped examples when asked for (`examples` or
    SAMENSPRAAK_EXAMPLE_FORMS), then an organisation's folder (setting or SAMENSPRAAK_FORMS)."""
    dirs = [shipped_forms_dir()]
    if examples or examples_wanted():
        dirs.append(example_forms_dir())
    for candidate in (extra, os.environ.get("SAMENSPRAAK_FORMS")):
        if candidate:
            path = Path(candidate).expanduser()
            if path not in dirs:
                dirs.append(path)
    return dirs
