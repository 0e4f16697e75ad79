"""Erasure that stays erased: a ledger of erasure records that hold no personal data (a keyed
hash of the client id, keyed by a secret only the store's own data holds), kept beside the
header and in the user's data folder, re-applied whenever an older database comes back (a
restored backup, an older store.db copied back); and the store's own automatic backups
rewritten without the client."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from storage.access import Access
from storage.database import Connection
from storage.file_modes import private_dir
from storage.header import atomic_write_bytes
from storage.location import user_erasure_ledger
from storage.unlock_guard import counter_lock

LEDGER_NAME = "erasures.json"
LEDGER_FORMAT = "samenspraak-erasures"
_LABEL = b"samenspraak erasure tag v1"
_TAG = re.compile(r"[0-9a-f]{64}")


def store_secret(conn: Connection) -> bytes | None:
    """The key of the erasure tags: derived from the hash of the store's first audit event,
    which every backup and restored copy of this store carries and nothing outside it knows."""
    first = conn.exec_driver_sql("SELECT hash FROM audit WHERE seq = 1").scalar()
    if not first:
        return None
    return hmac.new(str(first).encode("ascii"), _LABEL, hashlib.sha256).digest()


def tag_of(secret: bytes, client_id: str) -> str:
    return tagger(secret)(client_id)


def tagger(secret: bytes) -> Callable[[str], str]:
    """`tag_of` with its key set up once, for the tags of many ids (every client at each
    open: a third of the time per id)."""
    keyed = hmac.new(secret, digestmod=hashlib.sha256)

    def tag(client_id: str) -> str:
        mac = keyed.copy()
        mac.update(client_id.encode("utf-8"))
        return mac.hexdigest()

    return tag


def read_ledger(path: Path) -> dict[str, str]:
    """The tags in a ledger (tag -> when); an unreadable or foreign file counts as empty."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("format") != LEDGER_FORMAT:
        return {}
    tags = data.get("tags")
    if not isinstance(tags, dict):
        return {}
    return {t: str(at) for t, at in tags.items() if isinstance(t, str) and _TAG.fullmatch(t)}


def add_to_ledger(path: Path, tags: dict[str, str]) -> bool:
    """Merge `tags` into the ledger at `path` (made 0600 in a 0700 folder when new), under the
    folder's lock. False when it could not be written."""
    try:
        private_dir(path.parent)
        with counter_lock(path.parent):
            merged = read_ledger(path)
            if set(tags) <= set(merged):
                return True
            merged.update(tags)
            text = json.dumps({"format": LEDGER_FORMAT, "tags": dict(sorted(merged.items()))},
                              indent=1)
            atomic_write_bytes(path, text.encode("utf-8"))
        return True
    except OSError:
        return False


def erased_tags(conn: Connection, secret: bytes) -> dict[str, str]:
    """The tags of every erasure this database's audit log records."""
    rows = conn.exec_driver_sql(
        "SELECT client_id, at FROM audit WHERE action = 'erase' AND client_id IS NOT NULL")
    tag = tagger(secret)
    return {tag(client_id): at for client_id, at in rows}


def clients_to_erase(conn: Connection, secret: bytes, tags: Iterable[str]) -> list[str]:
    """Ids of the clients in this database whose tag is in `tags`."""
    wanted = set(tags)
    if not wanted:
        return []
    tag = tagger(secret)
    return [client_id for (client_id,) in conn.exec_driver_sql("SELECT id FROM clients")
            if tag(client_id) in wanted]


class Erasures:
    """The erasure records of one open store."""

    def __init__(self, access: Access) -> None:
        self._access = access

    def ledgers(self) -> tuple[Path, Path]:
        return self._access.vault.folder / LEDGER_NAME, user_erasure_ledger()

    def recorded(self, client_id: str) -> bool:
        """After an erasure: its tag written to both ledgers and the client taken out of the
        store's automatic backups. False when a ledger could not be written (the store's own
        audit log still holds the erasure: the next open writes it)."""
        with self._access.tx() as conn:
            secret = store_secret(conn)
            at = str(conn.exec_driver_sql("SELECT max(at) FROM audit").scalar() or "")
        self._access.vault.scrub_backups(client_id)
        if secret is None:
            return False
        tags = {tag_of(secret, client_id): at}
        return all([add_to_ledger(path, tags) for path in self.ledgers()])

    def reapply(self) -> int:
        """Erase again every client an erasure record names (a database older than an erasure
        came back); audited per client. Then every erasure this database knows is written to
        both ledgers. The number of clients erased again."""
        known: dict[str, str] = {}
        for path in self.ledgers():
            known.update(read_ledger(path))
        with self._access.tx() as conn:
            secret = store_secret(conn)
            if secret is None:
                return 0
            again = clients_to_erase(conn, secret, known)
            for client_id in again:
                conn.exec_driver_sql("DELETE FROM clients WHERE id = ?", (client_id,))
                self._access.append(conn, "erase", client_id=client_id, detail="reapplied")
            own = erased_tags(conn, secret)
        if again:
            self._access.vault.checkpoint()
            for client_id in again:
                self._access.vault.scrub_backups(client_id)
        if set(own) - set(known):
            for path in self.ledgers():
                add_to_ledger(path, own)
        return len(again)
