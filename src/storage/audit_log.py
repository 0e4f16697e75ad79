"""The audit repository: the events of one open store, outside events recorded, the chain
verified (the chain itself is `storage.audit`)."""

from __future__ import annotations

from storage import audit
from storage.access import Access
from storage.errors import InvalidInput
from storage.records import AuditEvent


class AuditLog:
    """The audit log of one open store."""

    def __init__(self, access: Access) -> None:
        self._access = access

    def events(self, client_id: str | None = None) -> list[AuditEvent]:
        with self._access.tx() as conn:
            return audit.events(conn, client_id)

    def viewed(self, client_id: str | None = None) -> list[AuditEvent]:
        """The events (all, or one client's) for a person to look at: the view is itself an
        event ("read_audit", NEN 7513), recorded in the same transaction as the read. A store
        open read-only (its audit head is damaged) cannot record it and only reads."""
        if self._access.read_only:
            return self.events(client_id)
        with self._access.tx() as conn:
            found = audit.events(conn, client_id)
            self._access.append(conn, "read_audit", client_id=client_id,
                                detail=f"results={len(found)}")
            return found

    def record(self, action: str, *, client_id: str | None = None,
               session_id: str | None = None, detail: str = "") -> None:
        """Record an outside event such as "export" or "print" (detail: never client data)."""
        if not action or not action.strip():
            raise InvalidInput(key="store.error.empty_field", field="action")
        self._access.event(action.strip(), client_id=client_id, session_id=session_id,
                           detail=detail)

    def verify(self) -> list[str]:
        with self._access.tx() as conn:
            return audit.verify(conn)
