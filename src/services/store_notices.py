"""What the person who unlocked a store must be told about it (one list for the app and the CLI)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.store import Store

# A notice: a message key and its values, most serious first.
Notice = tuple[str, dict[str, object]]


def store_notices(store: Store, folder: str) -> list[Notice]:
    """The warnings and notes an open of `store` (in `folder`) produced, most serious first:
    the database behind its last saved state, erasures made again, a read-only open, files
    that were readable by others, and failed unlock attempts."""
    notices: list[Notice] = []
    if store.database_behind is not None:
        found, recorded = store.database_behind
        notices.append(("cli.store.database_behind", {"found": found, "recorded": recorded}))
    if store.reapplied_erasures:
        notices.append(("cli.store.restore.reapplied", {"count": store.reapplied_erasures}))
    if store.read_only:
        notices.append(("cli.store.read_only_disk_full"
                        if store.read_only_reason == "store.error.disk_full"
                        else "cli.store.read_only_audit", {}))
    if store.permissions_tightened:
        notices.append(("cli.store.tightened", {"folder": folder}))
    if store.failed_unlocks_unreadable:
        notices.append(("cli.store.failed_unlocks_unreadable", {}))
    elif store.failed_unlocks:
        notices.append(("cli.store.failed_unlocks", {"count": store.failed_unlocks}))
    return notices
