"""The backup file: a short plaintext prefix (magic, KDF salt and parameters, key check, size
and sha256 of the payload) followed by the SQLCipher database encrypted with the backup key."""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from storage.errors import StoreDamaged
from storage.file_modes import create_private
from storage.header import KeySlot
from storage.kdf import KdfOutOfBounds

MAGIC = b"SAMENSPRAAK-BACKUP\x00\x01"
SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUP_FORMAT = "samenspraak-backup"
BACKUP_VERSION = 1
_MAX_PREFIX = 64 * 1024


@dataclass(frozen=True)
class BackupPrefix:
    slot: KeySlot
    payload_size: int
    payload_sha256: str

    def to_bytes(self) -> bytes:
        data: dict[str, Any] = {
            "format": BACKUP_FORMAT,
            "format_version": BACKUP_VERSION,
            "kdf": self.slot.to_json(),
            "payload_size": self.payload_size,
            "payload_sha256": self.payload_sha256,
        }
        text = json.dumps(data, sort_keys=True).encode("utf-8")
        return MAGIC + struct.pack(">I", len(text)) + text


def write_backup(handle: BinaryIO, slot: KeySlot, payload: Path) -> None:
    """Write prefix + payload (an encrypted database file) to an open file."""
    digest = hashlib.sha256()
    size = 0
    with payload.open("rb") as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    handle.write(BackupPrefix(slot, size, digest.hexdigest()).to_bytes())
    with payload.open("rb") as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            handle.write(chunk)


def read_prefix(path: Path) -> tuple[BackupPrefix, int]:
    """The prefix and the offset of the payload; StoreDamaged for anything not a backup."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(MAGIC) + 4)
            if head.startswith(SQLITE_MAGIC):
                raise StoreDamaged(key="store.error.backup_plain_sqlite")
            if len(head) < len(MAGIC) + 4 or not head.startswith(MAGIC):
                raise StoreDamaged(key="store.error.not_a_backup")
            (length,) = struct.unpack(">I", head[len(MAGIC):])
            if length > _MAX_PREFIX:
                raise StoreDamaged(key="store.error.not_a_backup")
            data = json.loads(handle.read(length).decode("utf-8"))
    except OSError as exc:
        raise StoreDamaged(key="store.error.backup_unreadable") from exc
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise StoreDamaged(key="store.error.not_a_backup") from exc
    try:
        if data.get("format") != BACKUP_FORMAT or int(data["format_version"]) > BACKUP_VERSION:
            raise ValueError("format")
        prefix = BackupPrefix(KeySlot.from_json(data["kdf"]), int(data["payload_size"]),
                              str(data["payload_sha256"]))
    except KdfOutOfBounds as exc:
        raise StoreDamaged(key="store.error.kdf_bounds", file=path.name,
                           field=exc.field) from exc
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as exc:
        raise StoreDamaged(key="store.error.not_a_backup") from exc
    return prefix, len(MAGIC) + 4 + length


def extract_payload(path: Path, prefix: BackupPrefix, offset: int, target: Path) -> None:
    """Copy the encrypted payload to `target`, checking its size and sha256."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as source, os.fdopen(create_private(target), "wb") as out:
        source.seek(offset)
        for chunk in iter(lambda: source.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
        out.flush()
    if size != prefix.payload_size or digest.hexdigest() != prefix.payload_sha256:
        raise StoreDamaged(key="store.error.backup_damaged")
