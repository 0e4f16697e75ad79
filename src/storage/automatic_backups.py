"""The store's own automatic backups (`backups/`, made before each migration): listed,
re-keyed after a passphrase change, and rewritten without an erased client. One that cannot
be re-keyed or rewritten is removed, so none keeps an erased client or an old passphrase."""

from __future__ import annotations

from pathlib import Path

from storage.database import make_engine, raw_cursor
from storage.header import atomic_write_bytes
from storage.kdf import key_pragma_value
from storage.leftovers import MARKER
from storage.migrations import BACKUP_FOLDER


def listed(folder: Path) -> list[Path]:
    """The automatic backups of a store folder, oldest first (staging files left out)."""
    place = folder / BACKUP_FOLDER
    if not place.is_dir():
        return []
    return sorted(p for p in place.glob("*.db") if MARKER not in p.name)


def remove(path: Path) -> None:
    """A backup and its header copy (and a journal left beside it)."""
    for part in (path, path.with_suffix(".json"), Path(f"{path}-journal")):
        part.unlink(missing_ok=True)


def rekey(folder: Path, old_key: bytes, new_key: bytes, header_text: bytes) -> None:
    """After a passphrase change: each re-keyed and its header copy replaced by the store's
    new header, so none opens with the old passphrase."""
    for path in listed(folder):
        try:
            engine = make_engine(path, old_key)
            try:
                with raw_cursor(engine) as cursor:
                    cursor.execute(f"PRAGMA rekey = {key_pragma_value(new_key)}").fetchall()
            finally:
                engine.dispose()
            atomic_write_bytes(path.with_suffix(".json"), header_text)
        except Exception:  # noqa: BLE001 - unreadable with the new passphrase: remove it
            remove(path)


def scrub(folder: Path, key: bytes, client_id: str) -> None:
    """Take an erased client out of each (deleted, then VACUUM under secure delete)."""
    for path in listed(folder):
        try:
            engine = make_engine(path, key)
            try:
                with engine.begin() as conn:
                    conn.exec_driver_sql("DELETE FROM clients WHERE id = ?", (client_id,))
                with raw_cursor(engine) as cursor:
                    cursor.execute("VACUUM").fetchall()
            finally:
                engine.dispose()
        except Exception:  # noqa: BLE001 - cannot be rewritten: it must not stay
            remove(path)
