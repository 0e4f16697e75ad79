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


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The raw 32-byte database key for `passphrase` (NFC-normalised, UTF-8)."""
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
