"""Wrong passphrases: a failed-unlock counter kept in the header, changed only under a file
lock (parallel tries all count), and a delay that grows with it before the next try. Someone
who copies the files can still guess offline: the KDF's cost is the real protection."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from storage.file_modes import PRIVATE_FILE
from storage.header import Header, read_header, write_header

LOCK_NAME = ".store.lock"
FREE_TRIES = 5  # wrong passphrases before any delay
MAX_DELAY = 30.0  # seconds

# How the delay is waited (a test replaces it to record the delays instead).
pause: Callable[[float], None] = time.sleep


def delay_for(failed: int) -> float:
    """Seconds to wait before a try after `failed` wrong passphrases: none for the first
    FREE_TRIES, then 1, 2, 4, ... up to MAX_DELAY."""
    if failed < FREE_TRIES:
        return 0.0
    return min(MAX_DELAY, 2.0 ** min(failed - FREE_TRIES, 16))


def wait_before_try(header: Header) -> None:
    delay = delay_for(header.failed_unlocks)
    if delay > 0:
        pause(delay)


@contextmanager
def counter_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the store folder's lock file (POSIX flock; elsewhere none)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the header is replaced atomically
        yield
        return
    fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def count_failure(header_path: Path) -> bool:
    """Add one wrong passphrase to the header's counter (re-read under the lock, so parallel
    tries are all counted). False when it could not be written (full or read-only disk)."""
    try:
        with counter_lock(header_path.parent):
            header = read_header(header_path)
            if not header.counter_invalid:  # an unreadable one stays so (and at the cap)
                write_header(header_path, header.with_failed(header.failed_unlocks + 1))
        return True
    except Exception:  # noqa: BLE001 - never a traceback for a wrong passphrase
        return False


def forget_failures(header_path: Path) -> Header | None:
    """Set the counter back to 0 after a good unlock; the header as written, or None when it
    could not be written (the store opens all the same)."""
    try:
        with counter_lock(header_path.parent):
            header = read_header(header_path).with_failed(0)
            write_header(header_path, header)
        return header
    except Exception:  # noqa: BLE001 - a good unlock never fails on the counter
        return None
