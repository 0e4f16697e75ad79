"""Atomic writes: a 0600 temp file beside the target, fsync, then renamed onto a new name or a
regular file only (never onto a device, a folder or through a symlink); removed on any failure."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

FILE_MODE = 0o600


class UnsafeTarget(OSError):
    """The chosen path is not a new name or a regular file: nothing is written there.

    An OSError, so callers that report a failed write report this one too; its text is one line
    and names the path (the path the user chose; never client data)."""


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a directory
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check_target(target: Path | str) -> None:
    """Raise UnsafeTarget unless `target` is a new name or an existing regular file.

    The last part of the path is checked without following it: a symlink is refused even when
    it points at a regular file, so an export never lands where the link leads."""
    target = Path(target)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeTarget(f"not written: {target} is a symbolic link")
    if stat.S_ISDIR(info.st_mode):
        raise UnsafeTarget(f"not written: {target} is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeTarget(f"not written: {target} is not a regular file (a device or pipe)")


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a hidden temp path (mode 0600) in the target's own folder; on success it replaces
    the target, which must be a new name or a regular file (see `check_target`).

    Never the system temp folder: a plaintext export only ever exists where the user chose.
    The mode is 0600 whatever the umask, set again after writing in case the writer recreated
    the file.
    """
    target = Path(target)
    check_target(target)  # before anything is written: a refused target leaves no temp file
    folder = target.parent if str(target.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        os.chmod(tmp, FILE_MODE)
        yield tmp
        if not stat.S_ISREG(os.lstat(tmp).st_mode):
            raise UnsafeTarget(f"not written: the temporary file beside {target} was replaced")
        os.chmod(tmp, FILE_MODE)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        check_target(target)  # again, right before the rename: the target may have changed
        os.replace(tmp, target)
        _fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def write_bytes(target: Path | str, data: bytes) -> None:
    """Write `data` to `target` atomically (mode 0600)."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path | str, text: str) -> None:
    """Write UTF-8 `text` to `target` atomically (mode 0600)."""
    write_bytes(target, text.encode("utf-8"))
