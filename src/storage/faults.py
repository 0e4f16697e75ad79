"""Faults of the machine under the store, named by their real cause (disk full, read-only,
no permission, the disk failing, busy) so a healthy store is never called damaged."""

from __future__ import annotations

import errno
import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from storage.errors import StoreError

_F = TypeVar("_F", bound=Callable[..., Any])

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_KEYS = {
    5: "store.error.busy",  # SQLITE_BUSY
    6: "store.error.busy",  # SQLITE_LOCKED
    8: "store.error.read_only",  # SQLITE_READONLY
    10: "store.error.io",  # SQLITE_IOERR
    13: "store.error.disk_full",  # SQLITE_FULL
    14: "store.error.cannot_open",  # SQLITE_CANTOPEN
}
# The same faults as SQLite words them, for errors that reach us as SQLITE_ERROR (a fault
# inside sqlcipher_export is reported through the SQL function's result).
_SQLITE_MESSAGES = {
    "database or disk is full": "store.error.disk_full",
    "attempt to write a readonly database": "store.error.read_only",
    "disk I/O error": "store.error.io",
    "unable to open database file": "store.error.cannot_open",
    "database is locked": "store.error.busy",
}
_ERRNO_KEYS = {
    errno.ENOSPC: "store.error.disk_full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "store.error.disk_full",
    errno.EROFS: "store.error.read_only",
    errno.EACCES: "store.error.no_permission",
    errno.EPERM: "store.error.no_permission",
    errno.EIO: "store.error.io",
}


class StoreFault(StoreError):
    """The disk or system refused (full, read-only, no permission, failing): the store itself
    may well be intact."""

    default_key = "store.error.io"


def fault_key(exc: BaseException) -> str | None:
    """The message key naming the machine fault behind `exc`, or None when it is none."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        code = getattr(current, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _SQLITE_KEYS:
            return _SQLITE_KEYS[code & 0xFF]
        if hasattr(current, "sqlite_errorcode"):  # reported through a SQL function (export)
            text = str(current)
            for message, key in _SQLITE_MESSAGES.items():
                if message in text:
                    return key
        if isinstance(current, OSError) and current.errno in _ERRNO_KEYS:
            return _ERRNO_KEYS[current.errno]
        current = current.__cause__ or current.__context__
    return None


def read_only_place(folder: Path) -> bool:
    """Whether `folder` lies on a file system mounted read-only."""
    try:
        return bool(os.statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1))
    except (OSError, AttributeError):
        return False


def fault(exc: BaseException, folder: Path | None = None) -> StoreFault | None:
    """The StoreFault behind `exc`; on a read-only file system whatever could not be opened or
    written is named as that."""
    key = fault_key(exc)
    if key is None:
        return None
    if folder is not None and key != "store.error.disk_full" and read_only_place(folder):
        key = "store.error.read_only"
    return StoreFault(key=key)


@contextmanager
def faults_named(folder: Path | None = None) -> Iterator[None]:
    """Turn a machine fault inside the block into one StoreFault line (others pass)."""
    try:
        yield
    except StoreFault as exc:
        if folder is not None and exc.key != "store.error.read_only" and (
                read_only_place(folder)):
            raise StoreFault(key="store.error.read_only") from exc
        raise
    except StoreError:
        raise
    except Exception as exc:
        named = fault(exc, folder)
        if named is not None:
            raise named from exc
        raise


def names_faults(func: _F) -> _F:
    """Run `func` inside `faults_named` (of `self.folder`, for a method)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        folder = getattr(args[0], "folder", None) if args else None
        with faults_named(folder if isinstance(folder, Path) else None):
            return func(*args, **kwargs)

    return cast(_F, wrapper)
