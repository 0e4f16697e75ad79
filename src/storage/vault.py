"""The vault: the encrypted database file and its header. Create, open, re-key, back up,
restore and check; the one place that holds the engine and the key."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path

from instruments.i18n import tr
from storage import audit, automatic_backups, migrations, schema, unlock_guard, vault_checks
from storage.audit_head import HEAD_NAME, Head, HeadFile, read_head
from storage.backup_file import extract_payload, read_prefix, write_backup
from storage.database import (
    Connection,
    Engine,
    checkpoint,
    enable_wal,
    export_copy,
    integrity_problems,
    is_db_error,
    make_engine,
    raw_cursor,
)
from storage.errors import (
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreNotFound,
    WrongPassphrase,
    message_language,
)
from storage.faults import fault, faults_named, names_faults
from storage.file_modes import create_private, private_dir, tighten, touch_private
from storage.header import (
    Header,
    KeySlot,
    copy_path,
    fsync_dir,
    read_header,
    recover_header,
    write_header,
)
from storage.kdf import (
    derive_key,
    key_check,
    key_matches,
    key_pragma_value,
    new_salt,
)
from storage.leftovers import staging_prefix, sweep
from storage.records import KdfParams
from storage.vault_checks import (
    check_given_kdf,
    check_passphrase,
    check_readable,
    check_schema,
)

DB_NAME = "store.db"
HEADER_NAME = "store.json"


def _existing(folder: Path) -> Path:
    """`folder` or its nearest existing parent (to ask whether it is on a read-only disk)."""
    for place in (folder, *folder.parents):
        if place.exists():
            return place
    return folder


# How long an erasure waits for other connections to let go of old pages.
ERASE_WAIT_MS = 10_000


class Vault:
    """One unlocked store folder: its engine, key and header, serialised by one lock."""

    def __init__(self, folder: Path, engine: Engine, key: bytes, header: Header,
                 failed_unlocks: int = 0, *, tightened: bool = False) -> None:
        self.folder = folder
        self._engine = engine
        self._key = key
        self._header = header
        # Wrong passphrases counted in the header before this open (0 for create/restore).
        self.failed_unlocks = failed_unlocks
        # The header's counter was not a whole number >= 0 (edited or garbled).
        self.counter_invalid = False
        # Whether the folder or a file in it was looser than 0700/0600 and was tightened.
        self.tightened = tightened
        # Whether the header was lost and put back from its second copy on this open.
        self.header_recovered = False
        self.lock = threading.RLock()
        self.closed = False
        # An erasure's checkpoint could not finish (another connection held old pages).
        self.checkpoint_pending = False
        # The audit head outside the database (written after each audited commit), and what
        # this open found: the database behind it (found, recorded), or the file not authentic.
        self.head_file = HeadFile(folder / HEAD_NAME, key)
        self.pending_head: Head | None = None
        self.behind: tuple[int, int] | None = None
        self.head_unverifiable = False

    # ----- opening ---------------------------------------------------------------------------

    @staticmethod
    def exists(folder: Path) -> bool:
        folder = Path(folder)
        return (folder / DB_NAME).is_file() and ((folder / HEADER_NAME).is_file()
                                                  or copy_path(folder / HEADER_NAME).is_file())

    @classmethod
    def create(cls, folder: Path, passphrase: str, kdf: KdfParams) -> Vault:
        """A new, empty store in `folder` (created if needed; never overwritten)."""
        with faults_named(_existing(Path(folder))):
            return cls._create(Path(folder), passphrase, kdf)

    @classmethod
    def _create(cls, folder: Path, passphrase: str, kdf: KdfParams) -> Vault:
        if (folder / HEADER_NAME).exists() or (folder / DB_NAME).exists():
            raise StoreExists(key="store.error.exists")
        check_passphrase(passphrase)
        check_given_kdf(kdf)
        private_dir(folder)
        tightened = tighten(folder)
        salt = new_salt()
        key = derive_key(passphrase, salt, kdf)
        header = Header(KeySlot(salt, kdf, key_check(key)))
        write_header(folder / HEADER_NAME, header)
        touch_private(folder / DB_NAME)
        engine = make_engine(folder / DB_NAME, key)
        try:
            enable_wal(engine)
            migrations.migrate(engine, folder, key, folder / HEADER_NAME)
        except BaseException:
            engine.dispose()
            for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", HEADER_NAME,
                         copy_path(folder / HEADER_NAME).name):
                (folder / name).unlink(missing_ok=True)
            raise
        return cls(folder, engine, key, header, tightened=tightened)

    @classmethod
    def open(cls, folder: Path, passphrase: str) -> Vault:
        """Unlock the store in `folder`. WrongPassphrase writes only the failed-unlock counter.
        A lost header is put back from its second copy; staging leftovers of killed processes
        are removed."""
        with faults_named(_existing(Path(folder))):
            return cls._open(Path(folder), passphrase)

    @classmethod
    def _open(cls, folder: Path, passphrase: str) -> Vault:
        header_path = folder / HEADER_NAME
        if not (folder / DB_NAME).is_file():
            raise StoreNotFound(key="store.error.not_found")
        if not header_path.exists():
            if not recover_header(header_path):
                raise StoreDamaged(key="store.error.header_missing", file=HEADER_NAME)
            recovered = True
        else:
            recovered = False
        tightened = tighten(folder)
        for place in (folder, folder / migrations.BACKUP_FOLDER):
            sweep(place)
        header = read_header(header_path)
        unlock_guard.wait_before_try(header)
        key = derive_key(passphrase, header.slot.salt, header.slot.kdf)
        slot = header.slot
        if not key_matches(key, slot.check):
            pending = header.pending
            pending_key = (derive_key(passphrase, pending.salt, pending.kdf)
                           if pending is not None else b"")
            if pending is None or not key_matches(pending_key, pending.check):
                unlock_guard.count_failure(header_path)
                raise WrongPassphrase(key="store.error.wrong_passphrase")
            key, slot = pending_key, pending
        engine = make_engine(folder / DB_NAME, key)
        try:
            try:
                check_readable(engine, what=DB_NAME)
            except StoreDamaged as exc:
                if header.pending is not None and slot is header.slot:
                    raise StoreError(key="store.error.passphrase_change_interrupted") from exc
                if header.pending is not None:
                    raise StoreError(key="store.error.passphrase_change_not_done") from exc
                raise
            if header.pending is not None:
                # A passphrase change was under way: keep whichever key the database has.
                header = Header(slot, header.failed_unlocks)
                write_header(header_path, header)
            migrations.migrate(engine, folder, key, header_path)
            with suppress(Exception):  # finish what an erasure under a reader left in the WAL
                checkpoint(engine, wait_ms=0)
            witness = read_head(folder / HEAD_NAME, key)
            with engine.begin() as conn:
                behind = vault_checks.behind(conn, witness)
        except BaseException:
            engine.dispose()
            raise
        vault = cls(folder, engine, key, header, header.failed_unlocks, tightened=tightened)
        vault.counter_invalid = header.counter_invalid
        vault.header_recovered = recovered
        vault.behind = behind
        vault.head_unverifiable = witness.unverifiable
        return vault

    def forget_failed_unlocks(self) -> None:
        """Reset the header's failed-unlock counter (after it was audited)."""
        if self._header.failed_unlocks or self._header.counter_invalid:
            written = unlock_guard.forget_failures(self.folder / HEADER_NAME)
            if written is not None:
                self._header = written

    def close(self) -> None:
        with self.lock:
            if self.closed:
                return
            if self.checkpoint_pending:
                with suppress(Exception):
                    self.checkpoint(wait_ms=ERASE_WAIT_MS)
            self.closed = True
            self._engine.dispose()
            self.head_file.close()

    # ----- use -------------------------------------------------------------------------------

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @property
    def kdf(self) -> KdfParams:
        return self._header.slot.kdf

    @contextmanager
    def tx(self) -> Iterator[Connection]:
        """One committed transaction (BEGIN IMMEDIATE ... COMMIT), serialised per store."""
        with self.lock:
            if self.closed:
                raise StoreError(key="store.error.closed")
            self.pending_head = None
            try:
                with self._engine.begin() as conn:
                    yield conn
            except StoreError:
                self.pending_head = None
                raise
            except Exception as exc:
                named = fault(exc, self.folder)
                if named is not None:
                    raise named from exc
                if is_db_error(exc):
                    raise StoreError(key="store.error.database", kind=type(exc).__name__) from exc
                raise
            finally:
                pending, self.pending_head = self.pending_head, None
            if pending is not None:  # committed: the witness follows (its sync in the background)
                self.head_file.write(pending)

    def checkpoint(self, wait_ms: int | None = None) -> bool:
        """Move the WAL into the database file and truncate it; False while another
        connection still holds old pages (then retried at close)."""
        with self.lock:
            done = checkpoint(self._engine, wait_ms)
        self.checkpoint_pending = not done
        return done

    def verify_passphrase(self, passphrase: str) -> bool:
        """Whether `passphrase` is this store's passphrase: re-derives the key with the header's
        KDF parameters and compares it to the key check; safe from any thread, touches neither
        the database nor the header file."""
        slot = self._header.slot  # an immutable snapshot; change_passphrase replaces it whole
        return key_matches(derive_key(passphrase, slot.salt, slot.kdf), slot.check)

    # ----- maintenance -----------------------------------------------------------------------

    @names_faults
    def check(self) -> list[str]:
        """Page check (HMAC), structure check and audit chain: empty when all is well."""
        lang = message_language()
        with self.lock:
            problems = [tr("store.check.page", lang, detail=p)
                        for p in integrity_problems(self._engine)]
            try:
                with raw_cursor(self._engine) as cursor:
                    rows = cursor.execute("PRAGMA integrity_check").fetchall()
                if [tuple(r) for r in rows] != [("ok",)]:
                    problems += [tr("store.check.structure", lang, detail=str(r[0]))
                                 for r in rows]
            except Exception as exc:
                if not is_db_error(exc):
                    raise
                problems.append(tr("store.check.unreadable", lang))
        if not problems:
            with self.lock, raw_cursor(self._engine) as cursor:
                found = schema.read_schema(cursor)
                version = schema.read_version(cursor, found)
            problems += [tr("store.check.schema", lang, detail=d)
                         for d in schema.differences(found, version)]
        if not problems:
            with self.tx() as conn:
                problems += audit.verify(conn)
        return problems

    @names_faults
    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-key the database atomically. The header names the new key as pending first, so an
        interruption leaves a store that opens with whichever passphrase the database has."""
        check_passphrase(new_passphrase)
        header_path = self.folder / HEADER_NAME
        with self.lock:
            salt = new_salt()
            params = self._header.slot.kdf
            key = derive_key(new_passphrase, salt, params)
            new_slot = KeySlot(salt, params, key_check(key))
            write_header(header_path, replace(self._header, pending=new_slot))
            with raw_cursor(self._engine) as cursor:
                cursor.execute(f"PRAGMA rekey = {key_pragma_value(key)}").fetchall()
            checkpoint(self._engine)
            self._header = Header(new_slot, self._header.failed_unlocks)
            write_header(header_path, self._header)
            self._engine.dispose()
            self._engine = make_engine(self.db_path, key)
            old_key, self._key = self._key, key
            self._rekey_backups(old_key, key)
            self.head_file.rekey(key)
            with self.tx() as conn:
                seq, digest = audit.head(conn)
            self.head_file.write(Head(seq, digest), both=True)

    # ----- the store's own automatic backups -------------------------------------------------

    def automatic_backups(self) -> list[Path]:
        """The copies made before migrations (`backups/*.db`), oldest first."""
        return automatic_backups.listed(self.folder)

    def _rekey_backups(self, old_key: bytes, new_key: bytes) -> None:
        automatic_backups.rekey(self.folder, old_key, new_key,
                                (self.folder / HEADER_NAME).read_bytes())

    def scrub_backups(self, client_id: str) -> None:
        """Take an erased client out of every automatic backup."""
        with self.lock:
            automatic_backups.scrub(self.folder, self._key, client_id)

    @names_faults
    def backup(self, out_file: Path, backup_passphrase: str,
               before_copy: Callable[[], None]) -> None:
        """Write an encrypted single-file backup with its own passphrase (never overwrites).
        `before_copy` runs first (it audits the backup, so the copy holds its own event)."""
        out_file = Path(out_file)
        check_passphrase(backup_passphrase)
        if out_file.exists():
            raise StoreExists(key="store.error.file_exists", file=out_file.name)
        params = self._header.slot.kdf
        salt = new_salt()
        key = derive_key(backup_passphrase, salt, params)
        slot = KeySlot(salt, params, key_check(key))
        before_copy()
        out_dir = out_file.parent if str(out_file.parent) else Path(".")
        out_dir.mkdir(parents=True, exist_ok=True)
        sweep(out_dir, only=".samenspraak-backup")
        work = Path(tempfile.mkdtemp(prefix=staging_prefix(".samenspraak-backup"), dir=out_dir))
        try:
            payload = work / "payload.db"
            with self.lock:
                export_copy(self._engine, payload, key)
            check_engine = make_engine(payload, key)
            try:
                check_readable(check_engine, what=out_file.name)
            finally:
                check_engine.dispose()
            staged = work / "backup.tmp"
            with os.fdopen(create_private(staged), "wb") as handle:
                write_backup(handle, slot, payload)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(staged, out_file)
            except FileExistsError as exc:
                raise StoreExists(key="store.error.file_exists", file=out_file.name) from exc
            except OSError:
                os.replace(staged, out_file)
            fsync_dir(out_dir)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    @classmethod
    def restore(cls, backup_file: Path, backup_passphrase: str, folder: Path,
                new_passphrase: str, kdf: KdfParams | None = None) -> Vault:
        """Verify a backup (page check, audit chain, schema) and restore it into a NEW store
        folder; a failure leaves no folder behind."""
        with faults_named(_existing(Path(folder))):
            return cls._restore(Path(backup_file), backup_passphrase, Path(folder),
                                new_passphrase, kdf)

    @classmethod
    def _restore(cls, backup_file: Path, backup_passphrase: str, folder: Path,
                 new_passphrase: str, kdf: KdfParams | None = None) -> Vault:
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise StoreExists(key="store.error.restore_target_exists")
        check_passphrase(new_passphrase)
        if kdf is not None:
            check_given_kdf(kdf)
        prefix, offset = read_prefix(backup_file)
        backup_key = derive_key(backup_passphrase, prefix.slot.salt, prefix.slot.kdf)
        if not key_matches(backup_key, prefix.slot.check):
            raise WrongPassphrase(key="store.error.wrong_backup_passphrase")
        folder.parent.mkdir(parents=True, exist_ok=True)
        sweep(folder.parent, only=".restoring")
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(f".{folder.name}.restoring"),
                                        dir=folder.parent))
        try:
            db_path = staging / DB_NAME
            extract_payload(backup_file, prefix, offset, db_path)
            check_schema(db_path, backup_key, what=backup_file.name)
            engine = make_engine(db_path, backup_key)
            try:
                check_readable(engine, what=backup_file.name)
                with engine.begin() as conn:
                    if migrations.current_version(conn) < 1:
                        raise StoreDamaged(key="store.error.not_a_backup")
                    chain = audit.verify(conn)
                if chain:
                    raise StoreDamaged(key="store.error.backup_audit", detail=chain[0])
                params = kdf or prefix.slot.kdf
                salt = new_salt()
                key = derive_key(new_passphrase, salt, params)
                with raw_cursor(engine) as cursor:
                    cursor.execute(f"PRAGMA rekey = {key_pragma_value(key)}").fetchall()
                    cursor.execute("PRAGMA journal_mode = WAL").fetchall()
                    cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                engine.dispose()
            header = Header(KeySlot(salt, params, key_check(key)))
            write_header(staging / HEADER_NAME, header)
            # Checked and brought to today's schema while still staged: a failure leaves no
            # folder behind.
            staged = make_engine(db_path, key)
            try:
                check_readable(staged, what=DB_NAME)
                migrations.migrate(staged, staging, key, staging / HEADER_NAME)
                checkpoint(staged)
            finally:
                staged.dispose()
            tighten(staging)
            fsync_dir(staging)
            try:
                os.rename(staging, folder)
            except OSError as exc:
                raise StoreExists(key="store.error.restore_target_exists") from exc
            fsync_dir(folder.parent)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return cls(folder, make_engine(folder / DB_NAME, key), key, header)
