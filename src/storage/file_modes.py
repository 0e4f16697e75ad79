"""Private files and folders: the store folder 0700 and every file in it 0600, whatever the
umask (POSIX; on Windows the user's profile folder's ACL is what protects the store)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
POSIX = os.name == "posix"


def create_private(path: Path) -> int:
    """Create `path` exclusively as a 0600 file and return its open descriptor (write-only)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 PRIVATE_FILE)
    if POSIX:
        os.fchmod(fd, PRIVATE_FILE)
    return fd


def touch_private(path: Path) -> None:
    """An empty 0600 file (SQLite then makes its -wal and -shm with the same mode)."""
    os.close(create_private(path))


def private_dir(path: Path) -> None:
    """Make `path` (and missing parents) with the store folder's own mode 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if POSIX:
        os.chmod(path, PRIVATE_DIR)


def tighten(folder: Path) -> bool:
    """Bring `folder` to 0700 and everything in it to 0700 (folders) / 0600 (files); symlinks are
    left alone (and so is what cannot be changed, e.g. on a read-only disk). True when
    anything was looser before (so the user can be told, once)."""
    if not POSIX:
        return False
    changed = False
    for path in (folder, *folder.rglob("*")):
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode):
            wanted = PRIVATE_DIR
        elif stat.S_ISREG(info.st_mode):
            wanted = PRIVATE_FILE
        else:
            continue
        if stat.S_IMODE(info.st_mode) != wanted:
            try:
                os.chmod(path, wanted)
            except OSError:  # a read-only disk or someone else's file: leave it as it is
                continue
            changed = changed or bool(stat.S_IMODE(info.st_mode) & ~wanted)
    return changed
