"""Passphrase to raw key: Argon2id (argon2-cffi), plus a key check value kept in the header."""

from __future__ import annotations

import hashlib
import hmac
import os
import unicodedata

from argon2.low_level import Type, hash_secret_raw

from storage.records import KdfParams

# About 0.5 s on the reference laptop (m=192 MiB, t=3, p=2); see tests/bench.
DEFAULT_KDF = KdfParams(memory_kib=192 * 1024, time_cost=3, parallelism=2)
KEY_BYTES = 32
SALT_BYTES = 16
_CHECK_LABEL = b"samenspraak key check v1"

# What a header or a backup may ask of the KDF (anything else is refused before it runs): the
# cheapest setting the tests use up to about ten times the default's cost.
KDF_BOUNDS: dict[str, tuple[int, int]] = {
    "memory_kib": (8 * 1024, 1024 * 1024),
    "time_cost": (1, 16),
    "parallelism": (1, 16),
    "salt_bytes": (16, 64),
}
# memory x passes, in KiB: 1 GiB x 2, or the default's 192 MiB x 10.
MAX_KDF_WORK = 2 * 1024 * 1024


class KdfOutOfBounds(ValueError):
    """KDF parameters outside `KDF_BOUNDS`; `field` names the first one."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def check_kdf(params: KdfParams, salt: bytes) -> None:
    """KdfOutOfBounds unless every parameter (and the salt's length) is within bounds."""
    values = {"memory_kib": params.memory_kib, "time_cost": params.time_cost,
              "parallelism": params.parallelism,
              "salt_bytes": len(salt) if isinstance(salt, bytes) else -1}
    for field, (low, high) in KDF_BOUNDS.items():
        value = values[field]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise KdfOutOfBounds(field)
    if params.memory_kib * params.time_cost > MAX_KDF_WORK:
        raise KdfOutOfBounds("memory_kib*time_cost")


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The raw 32-byte database key for `passphrase` (NFC-normalised, UTF-8). Parameters out
    of bounds raise KdfOutOfBounds before any work is done."""
    check_kdf(params, salt)
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def key_check(key: bytes) -> str:
    """A value that tells a right key from a wrong one without touching the database."""
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).hexdigest()


def key_matches(key: bytes, check: str) -> bool:
    return hmac.compare_digest(key_check(key), check)


def key_pragma_value(key: bytes) -> str:
    """The raw-key literal for PRAGMA key / ATTACH ... KEY: "x'<64 hex>'"."""
    return f"\"x'{key.hex()}'\""
