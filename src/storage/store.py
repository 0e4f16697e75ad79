"""The encrypted store as the app, the command line and the tests use it: a thin facade over
the vault (`storage.vault`) and the repositories (clients, sessions, consents, audit,
reporting), one method each."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from storage import reporting
from storage.access import Access
from storage.audit_log import AuditLog
from storage.clients import Clients
from storage.consents import Consents
from storage.corrections import Corrections
from storage.database import Connection
from storage.erasure import Erasures
from storage.errors import (
    ConsentMissing,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreNotFound,
    WrongPassphrase,
)
from storage.kdf import DEFAULT_KDF
from storage.participant_views import ParticipantViews
from storage.records import (
    AuditEvent,
    ClientRecord,
    Conductor,
    ConsentRecord,
    KdfParams,
    SessionRecord,
    SessionVersion,
)
from storage.reporting import SessionRow
from storage.sessions import Sessions
from storage.vault import DB_NAME, HEADER_NAME, Vault

if TYPE_CHECKING:
    from instruments.answer_value import AnswerValue
    from instruments.decision import Decision
    from instruments.model import Form
    from instruments.participant_views import ParticipantView
    from storage.forms import LoadedFormLike

__all__ = [
    "DB_NAME",
    "HEADER_NAME",
    "Conductor",
    "ConsentMissing",
    "KdfParams",
    "SessionRow",
    "Store",
    "StoreDamaged",
    "StoreError",
    "StoreExists",
    "StoreNotFound",
    "WrongPassphrase",
]


def _login_name() -> str:
    with suppress(Exception):
        return getpass.getuser()
    return ""


class Store:
    """One unlocked store folder. Use as a context manager or call close()."""

    def __init__(self, vault: Vault, user: str = "") -> None:
        self._vault = vault
        self.folder = vault.folder
        self.user = user or _login_name()
        self.failed_unlocks = 0
        # The failed-unlock counter in the header was edited or garbled (shown as 1).
        self.failed_unlocks_unreadable = False
        # True when the folder or a file in it was readable by others and was made private
        # (0700/0600) on this open: tell the user once.
        self.permissions_tightened = vault.tightened
        # What is wrong with the audit log when it could not take new events: the store is
        # then open read-only (check, audit_events and backup only).
        self.audit_problems: list[str] = []
        # Why the store is open read-only (a message key), when it is.
        self.read_only_reason = ""
        # Clients erased again on this open or restore (erasures made after this copy).
        self.reapplied_erasures = 0
        # (found, recorded) audit sequence when this open found the database behind the head
        # kept outside it: an older store.db, or commits lost (e.g. with a damaged WAL).
        self.database_behind: tuple[int, int] | None = None
        self._access = Access(vault, self.user)
        self._clients = Clients(self._access)
        self._sessions = Sessions(self._access)
        self._consents = Consents(self._access)
        self._corrections = Corrections(self._access)
        self._audit = AuditLog(self._access)
        self._views = ParticipantViews(self._access)

    # ----- opening ---------------------------------------------------------------------------

    @staticmethod
    def exists(folder: Path) -> bool:
        return Vault.exists(folder)

    @classmethod
    def create(cls, folder: Path, passphrase: str, *, user: str = "",
               kdf: KdfParams | None = None) -> Store:
        """Create a new, empty store in `folder` (created if needed; never overwritten)."""
        store = cls(Vault.create(folder, passphrase, kdf or DEFAULT_KDF), user)
        store._event("create_store")
        return store

    @classmethod
    def open(cls, folder: Path, passphrase: str, *, user: str = "") -> Store:
        """Unlock the store in `folder`. WrongPassphrase writes only the failed-unlock counter."""
        vault = Vault.open(folder, passphrase)
        store = cls(vault, user)
        store.database_behind = vault.behind
        try:
            store._event("unlock")
        except StoreError as exc:
            # The audit log cannot take the unlock (its head is damaged, or the disk is full):
            # open read-only, for check, the audit log and a rescue backup elsewhere.
            problems = store.verify_audit()
            if not problems and exc.key != "store.error.disk_full":
                store.close()
                raise
            store._access.read_only = True
            store.audit_problems = problems
            store.read_only_reason = exc.key if not problems else "store.error.audit_read_only"
            return store
        if vault.behind is not None:  # an older copy, or commits lost with the WAL
            found, recorded = vault.behind
            store._event("database_behind", detail=f"found={found} recorded={recorded}")
        elif vault.head_unverifiable:
            store._event("head_unverifiable")
        store.reapplied_erasures = Erasures(store._access).reapply()
        if vault.header_recovered:
            store._event("header_recovered")
        failed = vault.failed_unlocks
        if vault.counter_invalid:  # changed outside the app: at least one, how many unknown
            failed = 1
            store._event("failed_unlock", detail="count=unreadable")
        elif failed:
            store._event("failed_unlock", detail=f"count={failed}")
        vault.forget_failed_unlocks()
        store.failed_unlocks = failed
        store.failed_unlocks_unreadable = vault.counter_invalid
        return store

    @classmethod
    def restore(cls, backup_file: Path, backup_passphrase: str, folder: Path,
                new_passphrase: str, *, user: str = "", kdf: KdfParams | None = None) -> Store:
        """Verify a backup (page check, audit chain) and restore it into a NEW store folder."""
        store = cls(Vault.restore(backup_file, backup_passphrase, folder, new_passphrase, kdf),
                    user)
        store._event("restore")
        store._event("unlock")
        store.reapplied_erasures = Erasures(store._access).reapply()
        return store

    def close(self) -> None:
        self._vault.close()

    @property
    def read_only(self) -> bool:
        """Open only for check, the audit log and a backup (its audit head is damaged)."""
        return self._access.read_only

    @property
    def _closed(self) -> bool:
        return self._vault.closed

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def verify_passphrase(self, passphrase: str) -> bool:
        """Whether `passphrase` is this open store's passphrase (e.g. to hand a self-report back).
        Re-derives the key with the header's KDF parameters and compares it to the key check;
        safe from any thread, touches neither the database nor the header file."""
        return self._vault.verify_passphrase(passphrase)

    @property
    def db_path(self) -> Path:
        return self._vault.db_path

    @property
    def kdf(self) -> KdfParams:
        return self._vault.kdf

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        """One committed transaction (for benches that fill a store in bulk)."""
        with self._access.tx() as conn:
            yield conn

    def _event(self, action: str, *, client_id: str | None = None,
               session_id: str | None = None, detail: str = "") -> None:
        self._access.event(action, client_id=client_id, session_id=session_id, detail=detail)

    # ----- clients ---------------------------------------------------------------------------

    def add_client(self, name: str, *, birth_date: date | None = None,
                   due_date: date | None = None, bsn: str | None = None,
                   referrer: str | None = None, referrer_role: str | None = None,
                   referrer_practice: str | None = None) -> ClientRecord:
        return self._clients.add(name, birth_date=birth_date, due_date=due_date, bsn=bsn,
                                 referrer=referrer, referrer_role=referrer_role,
                                 referrer_practice=referrer_practice)

    def get_client(self, client_id: str) -> ClientRecord:
        """One client; the read is audited."""
        return self._clients.get(client_id)

    def search_clients(self, text: str = "", limit: int = 200) -> list[ClientRecord]:
        """Clients whose name contains `text` (case and accents ignored), by name."""
        return self._clients.search(text, limit)

    def update_client(self, client_id: str, **fields: Any) -> ClientRecord:
        return self._clients.update(client_id, **fields)

    def erase_client(self, client_id: str) -> None:
        """Erase a client and everything about them (art. 7:455 BW); the audit keeps only that
        an erasure happened. Freed pages are zeroed and the WAL is checkpointed and truncated."""
        self._clients.erase(client_id)

    def clients_past_retention(self, years: int = 20, *,
                               today: date | None = None) -> list[ClientRecord]:
        """Clients whose record (client or any session) last changed more than `years` ago."""
        return self._clients.past_retention(years, today=today)

    # ----- sessions --------------------------------------------------------------------------

    def start_session(self, client_id: str, loaded_form: LoadedFormLike,
                      conductor: Conductor | None = None) -> SessionRecord:
        """A new draft, recording who holds the conversation (as given now, from the
        professional's settings; None: not known, and documents then say so)."""
        return self._sessions.start(client_id, loaded_form, conductor)

    def get_session(self, session_id: str) -> SessionRecord:
        """One session with its answers and decisions; the read is audited."""
        return self._sessions.get(session_id)

    def list_sessions(self, client_id: str | None = None) -> list[SessionRecord]:
        """Sessions (of one client, or all), newest first; the listing is audited."""
        return self._sessions.list(client_id)

    def session_rows(self, *, start: date | None = None, end: date | None = None,
                     form_id: str | None = None, state: str | None = "completed",
                     items: Callable[[Form], Collection[str] | None] | None = None,
                     summaries: bool = False) -> list[SessionRow]:
        """Sessions (completed, by default) that took place from `start` to `end` (the date
        of completion, else of the start; both ends included), of one form when given, with
        their answers and decisions, read in bulk for a report over many sessions.

        `items(form)` names the answers to read of each form's sessions (None: all of them);
        answers to other items are left in the store. With `summaries`, each row also has its
        help domains (`instruments.summary.help_domains`): as kept at completion when kept on
        today's rule and the session's form, else worked out from the session's answers (and,
        for a completed session, kept again). In order of the moment the sessions took place
        (then id). The read is one audited event."""
        return reporting.session_rows(self._access, start=start, end=end, form_id=form_id,
                                      state=state, items=items, with_summaries=summaries)

    def save_answer(self, session_id: str, item_id: str, value: AnswerValue, *,
                    by: str | None = None) -> AnswerValue:
        """Save one answer as its own committed transaction, checked against the session's
        form; returns the value as saved."""
        return self._sessions.save_answer(session_id, item_id, value, by=by)

    def clear_answer(self, session_id: str, item_id: str) -> None:
        self._sessions.clear_answer(session_id, item_id)

    def save_participant_view(self, session_id: str, item_id: str, participant: str,
                              value: AnswerValue, note: str = "") -> ParticipantView:
        """One participant's own view on an item (never the shared answer); checked, audited."""
        return self._views.save(session_id, item_id, participant, value, note)

    def clear_participant_view(self, session_id: str, item_id: str, participant: str) -> None:
        self._views.clear(session_id, item_id, participant)

    def set_position(self, session_id: str, domain_id: str | None) -> None:
        self._sessions.set_position(session_id, domain_id)

    def set_notes(self, session_id: str, text: str) -> None:
        self._sessions.set_notes(session_id, text)

    def save_decision(self, session_id: str, decision: Decision) -> None:
        """Store the professional's decision on one outcome (replacing an earlier one)."""
        self._sessions.save_decision(session_id, decision)

    def complete_session(self, session_id: str) -> None:
        """Complete a draft and keep its summary (the domains needing help) with it, in one
        transaction: a completed session's answers no longer change."""
        self._sessions.complete(session_id)

    def reopen_session(self, session_id: str, reason: str, by: str) -> int:
        """Reopen a completed session for a correction: its completed version is kept (see
        `session_versions`) with who reopened it, when and why, and it becomes a draft again,
        marked as corrected. Audited; returns the number of the kept version."""
        return self._corrections.reopen(session_id, reason, by)

    def session_versions(self, session_id: str) -> list[SessionVersion]:
        """The completed versions kept when a session was reopened, oldest first (audited)."""
        return self._corrections.versions(session_id)

    def migrate_session(self, session_id: str, newer_loaded_form: LoadedFormLike) -> SessionRecord:
        """Move a draft to another version of its form. Every answer is kept, also answers to
        items the new version no longer has (see `removed_item_answers`)."""
        return self._sessions.migrate(session_id, newer_loaded_form)

    def session_form(self, session: SessionRecord) -> Form:
        """The form a session is (now) pinned to, parsed from its stored text."""
        return self._sessions.form(session)

    def removed_item_answers(self, session: SessionRecord) -> dict[str, AnswerValue]:
        """Answers kept from an older form version whose item the session's form lacks."""
        return self._sessions.removed_item_answers(session)

    # ----- consent ---------------------------------------------------------------------------

    def add_consent(self, session_id: str, *, given_by: str, recipient: str,
                    scope: str, kind: str = "") -> ConsentRecord:
        """Record a consent to share the session; `kind` "verwijzer" for the consent to give
        the client's referrer feedback (the only one a referrer letter may go out under)."""
        return self._consents.add(session_id, given_by=given_by, recipient=recipient,
                                  scope=scope, kind=kind)

    def withdraw_consent(self, consent_id: str, *, note: str = "") -> ConsentRecord:
        return self._consents.withdraw(consent_id, note=note)

    def consents(self, *, session_id: str | None = None,
                 client_id: str | None = None) -> list[ConsentRecord]:
        return self._consents.list(session_id=session_id, client_id=client_id)

    def list_consents(self, *, session_id: str | None = None,
                      client_id: str | None = None) -> list[ConsentRecord]:
        """The consents (of a session or a client) for a person to look at; audited."""
        return self._consents.listed(session_id=session_id, client_id=client_id)

    def require_consent(self, session_id: str, recipient: str | None = None) -> ConsentRecord:
        """An active consent for the session (and recipient, when given), else ConsentMissing."""
        return self._consents.require(session_id, recipient)

    # ----- audit -----------------------------------------------------------------------------

    def audit_events(self, client_id: str | None = None) -> list[AuditEvent]:
        return self._audit.events(client_id)

    def read_audit(self, client_id: str | None = None) -> list[AuditEvent]:
        """The audit log (or one client's part) for a person to look at: the view is itself
        audited ("read_audit"; NEN 7513), except in a store open read-only."""
        return self._audit.viewed(client_id)

    def record_event(self, action: str, *, client_id: str | None = None,
                     session_id: str | None = None, detail: str = "") -> None:
        """Record an outside event such as "export" or "print" (detail: never client data)."""
        self._audit.record(action, client_id=client_id, session_id=session_id, detail=detail)

    def verify_audit(self) -> list[str]:
        return self._audit.verify()

    # ----- maintenance -----------------------------------------------------------------------

    def check(self) -> list[str]:
        """Page check (HMAC), structure check and audit chain: empty when all is well."""
        return self._vault.check()

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-key the database atomically. The header names the new key as pending first, so an
        interruption leaves a store that opens with whichever passphrase the database has."""
        self._vault.change_passphrase(new_passphrase)
        self._event("change_passphrase")

    def backup(self, out_file: Path, backup_passphrase: str) -> None:
        """Write an encrypted single-file backup with its own passphrase (never overwrites)."""
        self._vault.backup(out_file, backup_passphrase, self._audit_backup)

    def _audit_backup(self) -> None:
        if not self.read_only:  # a rescue copy of a store whose audit log is damaged
            self._event("backup")
