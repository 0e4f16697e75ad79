"""The last audit head (sequence and hash) kept outside the database, beside the header, and
authenticated with a key derived from the store key: an open that finds the database behind
it (a store.db replaced by an older copy, commits lost with a truncated or damaged WAL) can
say so. Written after every committed audited transaction, before the commit call returns, into
one of two fixed slots (the other keeps the previous head, so a torn write never loses both);
its sync to the disk follows on a background thread."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from storage.file_modes import PRIVATE_FILE
from storage.pause_worker import PauseWorker

HEAD_NAME = "store.head"
_SLOT = 256
# The background sync waits for a pause of SYNC_PAUSE seconds between commits, and syncs
# SYNC_AT_THE_LATEST seconds after a record was written even without one.
SYNC_PAUSE = 0.02
SYNC_AT_THE_LATEST = 0.25
_LABEL = b"samenspraak audit head v1"


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str


def head_key(store_key: bytes) -> bytes:
    return hmac.new(store_key, _LABEL, hashlib.sha256).digest()


def _mac(key: bytes, head: Head) -> str:
    return hmac.new(key, f"{head.seq}:{head.hash}".encode("ascii"), hashlib.sha256).hexdigest()


def _record(key: bytes, head: Head) -> bytes:
    text = json.dumps({"seq": head.seq, "hash": head.hash, "mac": _mac(key, head)})
    record = text.encode("ascii")
    if len(record) >= _SLOT:
        raise ValueError("audit head record longer than its slot")
    return record.ljust(_SLOT - 1) + b"\n"


@dataclass(frozen=True)
class Reading:
    """What the head file says: the newest authentic head, or that it is missing or that no
    slot in it is authentic (changed, or written with another key)."""

    head: Head | None
    missing: bool = False
    unverifiable: bool = False


def read_head(path: Path, store_key: bytes) -> Reading:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Reading(None, missing=True)
    except OSError:
        return Reading(None, unverifiable=True)
    key = head_key(store_key)
    found: list[Head] = []
    for start in (0, _SLOT):
        try:
            item = json.loads(data[start:start + _SLOT].decode("ascii"))
            head = Head(int(item["seq"]), str(item["hash"]))
            if isinstance(item["seq"], int) and hmac.compare_digest(str(item["mac"]),
                                                                   _mac(key, head)):
                found.append(head)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, RecursionError):
            continue
    if not found:
        return Reading(None, unverifiable=True)
    return Reading(max(found, key=lambda h: h.seq))


def _write_at(fd: int, data: bytes, offset: int) -> None:
    if hasattr(os, "pwrite"):
        os.pwrite(fd, data, offset)
    else:  # pragma: no cover - Windows has no pwrite
        os.lseek(fd, offset, os.SEEK_SET)
        os.write(fd, data)


def _sync_data(fd: int) -> None:
    """Make the written slots durable: fdatasync where there is one (the file keeps its size
    after the first write, so only its data needs the disk; its mtime need not wait for the
    journal), as SQLite itself syncs its WAL; fsync elsewhere."""
    getattr(os, "fdatasync", os.fsync)(fd)


class HeadFile:
    """The head file of one open store (kept open for cheap updates).

    A record is written (`pwrite`) on the committing thread, before the commit returns, so a
    crash of the program never loses it: the kernel holds it. Making it durable against a power
    cut (`fdatasync`) runs on a background thread at the first pause between commits, and at
    most SYNC_AT_THE_LATEST after the write, so a save waits for one disk sync (the WAL's)
    instead of two. `flush` waits for that sync; `close` flushes first."""

    def __init__(self, path: Path, store_key: bytes) -> None:
        self.path = path
        self._key = head_key(store_key)
        self._fd: int | None = None
        self.syncs = PauseWorker(self._sync, name="audit-head-sync", pause=SYNC_PAUSE,
                                 latest_s=SYNC_AT_THE_LATEST)

    def rekey(self, store_key: bytes) -> None:
        self._key = head_key(store_key)

    @property
    def sync_failed(self) -> bool:
        """A sync failed (a full or failing disk): the database stays the truth."""
        return self.syncs.failures > 0

    @property
    def unsynced(self) -> int:
        """How many written records are not yet known to be on the disk."""
        return self.syncs.unserved

    def write(self, head: Head, *, both: bool = False) -> bool:
        """Write `head` into its slot (both slots with `both`, synced before returning); the
        sync of a single slot follows on the background thread. False on failure (a full or
        read-only disk: the database is the truth, this is only a witness)."""
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0),
                                   PRIVATE_FILE)
            record = _record(self._key, head)
            slots = (0, 1) if both else (head.seq % 2,)
            for slot in slots:
                _write_at(self._fd, record, slot * _SLOT)
        except OSError:
            return False
        self.syncs.note()
        if both:
            self.flush()
            return not self.sync_failed
        return True

    def _sync(self) -> None:
        if self._fd is not None:
            _sync_data(self._fd)

    def flush(self) -> None:
        """Wait until every record written so far is on the disk (or its sync failed)."""
        self.syncs.run_now()

    def close(self) -> None:
        self.syncs.stop()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
