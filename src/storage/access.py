"""What every repository works through: the vault's transaction, the audit append in the name
of the store's user, and the forms parsed from their stored text (cached by content hash)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from storage import audit
from storage.audit_head import Head
from storage.columns import id_list, now_text
from storage.database import Connection
from storage.errors import StoreError
from storage.forms import form_from_text
from storage.vault import Vault

if TYPE_CHECKING:
    from instruments.model import Domain, Form, Item
    from storage.forms import LoadedFormLike


class Access:
    """One open store as the repositories see it."""

    def __init__(self, vault: Vault, user: str) -> None:
        self.vault = vault
        self.user = user
        # Set when the audit log cannot take new events (its head is damaged): nothing that
        # must be audited may happen, only check, reading the audit log and a backup.
        self.read_only = False
        self._forms: dict[str, Form] = {}
        self._indexes: dict[str, dict[str, tuple[Domain, Item]]] = {}

    @contextmanager
    def tx(self) -> Iterator[Connection]:
        with self.vault.tx() as conn:
            yield conn

    def append(self, conn: Connection, action: str, *, client_id: str | None = None,
               session_id: str | None = None, detail: str = "") -> None:
        """Audit one event inside the caller's transaction (refused while read-only)."""
        if self.read_only:
            raise StoreError(key="store.error.audit_read_only")
        seq, digest = audit.append_event(conn, at=now_text(), user=self.user, action=action,
                                         client_id=client_id, session_id=session_id,
                                         detail=detail)
        self.vault.pending_head = Head(seq, digest)

    def event(self, action: str, *, client_id: str | None = None,
              session_id: str | None = None, detail: str = "") -> None:
        """Audit one event as its own transaction."""
        with self.tx() as conn:
            self.append(conn, action, client_id=client_id, session_id=session_id, detail=detail)

    # ----- forms -----------------------------------------------------------------------------

    def form(self, form_hash: str, form_text: str, form_id: str) -> Form:
        """The parsed form of a stored text (parsed once per hash)."""
        with self.vault.lock:
            form = self._forms.get(form_hash)
            if form is None:
                try:
                    form = form_from_text(form_text, f"{form_id}.yaml")
                except Exception as exc:
                    raise StoreError(key="store.error.form_text", form=form_id) from exc
                self._forms[form_hash] = form
            return form

    def form_of_hash(self, conn: Connection, form_hash: str, form_id: str) -> Form:
        """The parsed form of a hash; its stored text is read only when not yet cached."""
        cached = self._forms.get(form_hash)
        if cached is not None:
            return cached
        text = conn.exec_driver_sql("SELECT text FROM form_texts WHERE hash = ?",
                                    (form_hash,)).scalar_one()
        return self.form(form_hash, text, form_id)

    def item_index(self, form_hash: str, form: Form) -> dict[str, tuple[Domain, Item]]:
        index = self._indexes.get(form_hash)
        if index is None:
            index = self._indexes[form_hash] = form.item_index()
        return index

    def keep_form(self, conn: Connection, loaded: LoadedFormLike) -> None:
        """Store a form's text once, under its content hash (and remember it parsed)."""
        conn.exec_driver_sql(
            "INSERT INTO form_texts (hash, form_id, form_version, text) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (hash) DO NOTHING",
            (loaded.content_hash, loaded.form.id, loaded.form.version, loaded.source),
        )
        self._forms.setdefault(loaded.content_hash, loaded.form)


def form_texts(conn: Connection, hashes: set[str]) -> dict[str, str]:
    """The stored texts of the given form hashes."""
    rows = conn.exec_driver_sql(
        "SELECT hash, text FROM form_texts WHERE hash IN (SELECT value FROM json_each(?))",
        (id_list(sorted(hashes)),))
    return {row._mapping["hash"]: row._mapping["text"] for row in rows}
