"""The plaintext header beside the database: format version, KDF salt and parameters, key check,
and the failed-unlock counter. Written atomically (temp file, fsync, os.replace)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from storage.errors import StoreDamaged
from storage.kdf import KdfOutOfBounds, check_kdf
from storage.leftovers import staging_prefix
from storage.records import KdfParams

HEADER_FORMAT = "samenspraak-store"
HEADER_VERSION = 1


def _whole(data: dict[str, Any], name: str) -> int:
    """An integer field as written (no float, no bool, no text); KdfOutOfBounds otherwise."""
    value = data[name]
    if isinstance(value, bool) or not isinstance(value, int):
        raise KdfOutOfBounds(name)
    return value


# What an unreadable, negative or absurd failed-unlock counter counts as.
FAILED_UNLOCKS_CAP = 1000


def _counter(value: Any) -> int | None:
    """The failed-unlock counter as written: a whole number from 0 to the cap, else None."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return min(value, FAILED_UNLOCKS_CAP)


@dataclass(frozen=True)
class KeySlot:
    """How to derive and check the key: salt, Argon2id parameters, key check value."""

    salt: bytes
    kdf: KdfParams
    check: str

    def to_json(self) -> dict[str, Any]:
        return {
            "algorithm": "argon2id",
            "salt": self.salt.hex(),
            "memory_kib": self.kdf.memory_kib,
            "time_cost": self.kdf.time_cost,
            "parallelism": self.kdf.parallelism,
            "check": self.check,
        }

    @classmethod
    def from_json(cls, data: Any) -> KeySlot:
        if not isinstance(data, dict) or data.get("algorithm") != "argon2id":
            raise ValueError("unknown key derivation")
        kdf = KdfParams(_whole(data, "memory_kib"), _whole(data, "time_cost"),
                        _whole(data, "parallelism"))
        salt = bytes.fromhex(str(data["salt"]))
        check_kdf(kdf, salt)
        return cls(salt, kdf, str(data["check"]))


@dataclass(frozen=True)
class Header:
    slot: KeySlot
    failed_unlocks: int = 0
    # Set while a passphrase change is under way: the new key's slot.
    pending: KeySlot | None = None
    # The counter in the file was not a whole number >= 0 (edited or garbled): it counts as
    # FAILED_UNLOCKS_CAP failed attempts until the next good unlock.
    counter_invalid: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": HEADER_FORMAT,
            "format_version": HEADER_VERSION,
            "kdf": self.slot.to_json(),
            "failed_unlocks": self.failed_unlocks,
        }
        if self.pending is not None:
            data["pending_kdf"] = self.pending.to_json()
        return data

    @classmethod
    def from_json(cls, data: Any) -> Header:
        if not isinstance(data, dict) or data.get("format") != HEADER_FORMAT:
            raise ValueError("not a Samenspraak store header")
        if int(data.get("format_version", 0)) > HEADER_VERSION:
            raise ValueError("store header from a newer version")
        pending = data.get("pending_kdf")
        counter = _counter(data.get("failed_unlocks", 0))
        return cls(
            slot=KeySlot.from_json(data["kdf"]),
            failed_unlocks=counter if counter is not None else FAILED_UNLOCKS_CAP,
            pending=KeySlot.from_json(pending) if pending is not None else None,
            counter_invalid=counter is None,
        )

    def with_failed(self, count: int) -> Header:
        return replace(self, failed_unlocks=count, counter_invalid=False)


def read_header(path: Path) -> Header:
    try:
        return Header.from_json(json.loads(path.read_text(encoding="utf-8")))
    except KdfOutOfBounds as exc:
        raise StoreDamaged(key="store.error.kdf_bounds", file=path.name,
                           field=exc.field) from exc
    except (OSError, ValueError, KeyError, TypeError, OverflowError, RecursionError) as exc:
        raise StoreDamaged(key="store.error.header_damaged", file=path.name) from exc


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temp file in the same folder, fsync, os.replace, fsync dir."""
    fd, tmp = tempfile.mkstemp(prefix=staging_prefix(f".{path.name}"), suffix=".tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def copy_path(path: Path) -> Path:
    """Where the second copy of a store header lives (store.json -> store.copy.json)."""
    return path.with_name(f"{path.stem}.copy{path.suffix}")


def write_header(path: Path, header: Header) -> None:
    """Write the header and its second copy (it holds nothing secret), copy first: after an
    interruption the copy is as new as the header or one step newer."""
    text = (json.dumps(header.to_json(), indent=2, sort_keys=True) + "\n").encode("utf-8")
    atomic_write_bytes(copy_path(path), text)
    atomic_write_bytes(path, text)


def recover_header(path: Path) -> bool:
    """Put a lost header back from its second copy (when that copy reads well); True if so."""
    if path.exists() or not copy_path(path).is_file():
        return False
    try:
        data = copy_path(path).read_bytes()
        Header.from_json(json.loads(data.decode("utf-8")))
    except (OSError, ValueError, KeyError, TypeError, OverflowError, RecursionError):
        return False
    atomic_write_bytes(path, data)
    return True
