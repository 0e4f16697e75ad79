"""Helpers for the store tests: cheap KDF parameters and tiny inline forms."""

from __future__ import annotations

import hashlib
from pathlib import Path

from instruments.loader import LoadedForm, load_form_text
from storage.records import KdfParams
from storage.store import DB_NAME, Store

# Cheap Argon2id parameters so tests stay fast (the real default is in storage.kdf).
FAST_KDF = KdfParams(memory_kib=8 * 1024, time_cost=1, parallelism=1)
PASS = "correct horse battery staple"

_FORM = """\
id: mini
version: {version}
instrument: other
languages: [nl, en]
title: {{nl: Mini, en: Mini}}
notice: {{nl: Eigen tekst, en: Own wording}}
scales:
  - id: zorg
    points:
      - {{value: 1, label: {{nl: geen, en: none}}}}
      - {{value: 2, label: {{nl: wat, en: some}}}}
      - {{value: 3, label: {{nl: veel, en: much}}}}
steps:
  - {{id: ouder, answered_by: parent, title: {{nl: Ouder, en: Parent}}}}
domains:
  - id: gezondheid
    title: {{nl: Gezondheid, en: Health}}
    items:
      - {{key: zorgen, type: scale, scale: zorg, step: ouder, text: {{nl: Zorgen, en: Concerns}}}}
      - key: hulp
        type: yes_no
        step: ouder
        text: {{nl: Hulp gehad, en: Had help}}
        show_if: {{all: [{{item: zorgen, op: ge, value: 2}}]}}
      - {{key: toelichting, type: text, step: ouder, allow_decline: true, text: {{nl: Toelichting, en: Note}}}}
{extra}
"""

_REMOVED_ITEM = (
    "      - {key: oud, type: text, step: ouder, text: {nl: Vervalt, en: Removed}}\n"
)
_NEW_ITEM = (
    "      - {key: nieuw, type: text, step: ouder, text: {nl: Nieuw, en: New}}\n"
)


def mini_form(version: str = "1.0.0") -> LoadedForm:
    """Version 1.0.0 has item `gezondheid.oud`; 1.1.0 drops it and adds `gezondheid.nieuw`."""
    extra = _REMOVED_ITEM if version == "1.0.0" else _NEW_ITEM
    return load_form_text(_FORM.format(version=version, extra=extra.rstrip("\n")),
                          f"mini-{version}.yaml")


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new_store(folder: Path, passphrase: str = PASS) -> Store:
    return Store.create(folder, passphrase, user="tester", kdf=FAST_KDF)


def db_file(folder: Path) -> Path:
    return folder / DB_NAME


def raw_connection(folder: Path, passphrase: str = PASS):  # type: ignore[no-untyped-def]
    """A bare sqlcipher3 connection to a store (for tampering in tests)."""
    import sqlcipher3

    from storage.header import read_header
    from storage.kdf import derive_key, key_pragma_value
    from storage.store import HEADER_NAME

    header = read_header(folder / HEADER_NAME)
    key = derive_key(passphrase, header.slot.salt, header.slot.kdf)
    conn = sqlcipher3.connect(str(folder / DB_NAME), isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {key_pragma_value(key)}")
    return conn


# What the migrations after version 1 add, undone in reverse (see `storage.migrations`).
_AFTER_V1 = (
    "DROP TABLE participant_views",
    "ALTER TABLE clients DROP COLUMN referrer_practice",
    "ALTER TABLE clients DROP COLUMN referrer_role",
    "DROP TABLE session_versions",
    "ALTER TABLE consents DROP COLUMN kind",
    "ALTER TABLE sessions DROP COLUMN corrected",
    "ALTER TABLE sessions DROP COLUMN conductor",
    "DROP TABLE session_summaries",
)


def back_to_version_1(folder: Path, passphrase: str = PASS) -> None:
    """Make a (closed) store's schema that of version 1 again, as an older app left it."""
    conn = raw_connection(folder, passphrase)
    for statement in _AFTER_V1:
        conn.execute(statement)
    conn.execute("UPDATE schema_version SET version = 1")
    conn.commit()
    conn.close()
