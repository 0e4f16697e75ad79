"""Staging files and folders (a restore, a backup, a migration's copy, a header being written)
carry the id of the process that made them, so the next start can remove those whose process
is gone (killed) and leave alone those still being written."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

# Every staging name ends in "<marker><pid>-<anything>".
MARKER = ".staging-"
_PATTERN = re.compile(re.escape(MARKER) + r"(\d+)-")


def staging_prefix(name: str) -> str:
    """A prefix for a staging file or folder of this process (for mkdtemp/mkstemp)."""
    return f"{name}{MARKER}{os.getpid()}-"


# Where a process cannot be asked about (Windows: os.kill would end it), a leftover counts as
# abandoned once it is this old.
ABANDONED_AFTER = 24 * 3600.0


def _alive(pid: int, entry: Path) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        try:
            return time.time() - entry.stat().st_mtime < ABANDONED_AFTER
        except OSError:
            return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its files alone
    return True


def sweep(folder: Path, *, only: str = "") -> list[str]:
    """Remove the staging leftovers of dead processes directly in `folder` (with `only` in
    their name, when given); their names."""
    removed: list[str] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        found = _PATTERN.search(entry.name)
        if found is None or only not in entry.name or _alive(int(found.group(1)), entry):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry.name)
        except OSError:
            continue
    return removed
