"""The encrypted store: clients, sessions saved answer by answer, consent, audit, backup."""

from __future__ import annotations

import getpass
import json
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine

from instruments.answers import AnswerError, AnswerValue, check_value
from instruments.i18n import tr
from instruments.loader import version_key
from instruments.model import Domain, Form, Item
from instruments.scoring import Decision
from instruments.summary import help_domains
from storage import audit, migrations
from storage.backup_file import extract_payload, read_prefix, write_backup
from storage.bsn import bsn_valid, normalise_bsn
from storage.database import (
    checkpoint,
    enable_wal,
    export_copy,
    integrity_problems,
    is_db_error,
    make_engine,
    raw_cursor,
)
from storage.errors import (
    ConsentMissing,
    InvalidInput,
    RecordNotFound,
    StoreDamaged,
    StoreError,
    StoreExists,
    StoreNotFound,
    WrongPassphrase,
    message_language,
)
from storage.forms import LoadedFormLike, answers_to_removed_items, form_from_text
from storage.header import Header, KeySlot, fsync_dir, read_header, write_header
from storage.kdf import DEFAULT_KDF, derive_key, key_check, key_matches, key_pragma_value, new_salt
from storage.records import (
    AuditEvent,
    ClientRecord,
    ConsentRecord,
    KdfParams,
    SessionRecord,
)
from storage.search_text import fold, like_pattern

__all__ = [
    "DB_NAME",
    "HEADER_NAME",
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

DB_NAME = "store.db"
HEADER_NAME = "store.json"
_CLIENT_FIELDS = ("name", "birth_date", "due_date", "bsn", "referrer")
_CLIENT_COLUMNS = "id, name, birth_date, due_date, bsn, referrer, created_at, updated_at"
# Sessions point at their form text by content hash (form_texts holds each text once).
_SESSION_COLUMNS = (
    "id, client_id, form_id, form_version, form_hash, '' AS form_text, state, position, notes, "
    "migrated_from, created_at, updated_at, completed_at"
)
_CONSENT_COLUMNS = (
    "id, session_id, client_id, given_by, recipient, scope, given_at, withdrawn_at, "
    "withdrawal_note"
)


class SessionRow(NamedTuple):
    """A session as read in bulk for a report (`Store.session_rows`): the parsed form it was
    taken with, its answers (only those asked for), its decisions and, when asked for, the
    domains needing help."""

    id: str
    client_id: str
    form_id: str
    form_version: str
    form_hash: str
    form: Form
    state: str
    created_at: datetime
    completed_at: datetime | None
    answers: dict[str, AnswerValue]
    decisions: list[Decision]
    # Ids of the domains needing help (asked for with `summaries`), else None.
    help_domains: tuple[str, ...] | None = None

    @property
    def when(self) -> datetime:
        """The moment the conversation took place: completion, else start."""
        return self.completed_at or self.created_at


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _new_id() -> str:
    return uuid.uuid4().hex


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _damaged(what: str) -> StoreDamaged:
    return StoreDamaged(key="store.error.damaged", what=what)


def _check_readable(engine: Engine, *, what: str) -> None:
    """Read the schema and run SQLCipher's page check; StoreDamaged (nothing written) if not."""
    try:
        with raw_cursor(engine) as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master").fetchall()
        problems = integrity_problems(engine)
    except Exception as exc:
        if is_db_error(exc):
            raise _damaged(what) from exc
        raise
    if problems:
        raise _damaged(what)


class Store:
    """One unlocked store folder. Use as a context manager or call close()."""

    def __init__(self, folder: Path, engine: Engine, key: bytes, header: Header,
                 user: str) -> None:
        self.folder = folder
        self._engine = engine
        self._key = key
        self._header = header
        self.user = user or _login_name()
        self.failed_unlocks = 0
        self._lock = threading.RLock()
        self._forms: dict[str, Form] = {}
        self._indexes: dict[str, dict[str, tuple[Domain, Item]]] = {}
        self._closed = False

    # ----- opening ---------------------------------------------------------------------------

    @staticmethod
    def exists(folder: Path) -> bool:
        folder = Path(folder)
        return (folder / HEADER_NAME).is_file() and (folder / DB_NAME).is_file()

    @classmethod
    def create(cls, folder: Path, passphrase: str, *, user: str = "",
               kdf: KdfParams | None = None) -> Store:
        """Create a new, empty store in `folder` (created if needed; never overwritten)."""
        folder = Path(folder)
        if (folder / HEADER_NAME).exists() or (folder / DB_NAME).exists():
            raise StoreExists(key="store.error.exists")
        _check_passphrase(passphrase)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        params = kdf or DEFAULT_KDF
        salt = new_salt()
        key = derive_key(passphrase, salt, params)
        header = Header(KeySlot(salt, params, key_check(key)))
        write_header(folder / HEADER_NAME, header)
        engine = make_engine(folder / DB_NAME, key)
        try:
            enable_wal(engine)
            migrations.migrate(engine, folder, key, folder / HEADER_NAME)
        except BaseException:
            engine.dispose()
            for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", HEADER_NAME):
                (folder / name).unlink(missing_ok=True)
            raise
        store = cls(folder, engine, key, header, user)
        store._event("create_store")
        return store

    @classmethod
    def open(cls, folder: Path, passphrase: str, *, user: str = "") -> Store:
        """Unlock the store in `folder`. WrongPassphrase writes only the failed-unlock counter."""
        folder = Path(folder)
        if not cls.exists(folder):
            raise StoreNotFound(key="store.error.not_found")
        header_path = folder / HEADER_NAME
        header = read_header(header_path)
        key = derive_key(passphrase, header.slot.salt, header.slot.kdf)
        slot = header.slot
        if not key_matches(key, slot.check):
            pending = header.pending
            pending_key = (derive_key(passphrase, pending.salt, pending.kdf)
                           if pending is not None else b"")
            if pending is None or not key_matches(pending_key, pending.check):
                write_header(header_path, header.with_failed(header.failed_unlocks + 1))
                raise WrongPassphrase(key="store.error.wrong_passphrase")
            key, slot = pending_key, pending
        engine = make_engine(folder / DB_NAME, key)
        try:
            try:
                _check_readable(engine, what=DB_NAME)
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
        except BaseException:
            engine.dispose()
            raise
        store = cls(folder, engine, key, header, user)
        store._after_unlock()
        return store

    def _after_unlock(self) -> None:
        failed = self._header.failed_unlocks
        self._event("unlock")
        if failed:
            self._event("failed_unlock", detail=f"count={failed}")
            self._header = self._header.with_failed(0)
            write_header(self.folder / HEADER_NAME, self._header)
        self.failed_unlocks = failed

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def verify_passphrase(self, passphrase: str) -> bool:
        """Whether `passphrase` is this open store's passphrase (e.g. to hand a self-report back).
        Re-derives the key with the header's KDF parameters and compares it to the key check;
        safe from any thread, touches neither the database nor the header file."""
        slot = self._header.slot  # an immutable snapshot; change_passphrase replaces it whole
        return key_matches(derive_key(passphrase, slot.salt, slot.kdf), slot.check)

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @property
    def kdf(self) -> KdfParams:
        return self._header.slot.kdf

    # ----- internals -------------------------------------------------------------------------

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        """One committed transaction (BEGIN IMMEDIATE ... COMMIT), serialised per store."""
        with self._lock:
            if self._closed:
                raise StoreError(key="store.error.closed")
            try:
                with self._engine.begin() as conn:
                    yield conn
            except StoreError:
                raise
            except Exception as exc:
                if is_db_error(exc):
                    raise StoreError(key="store.error.database", kind=type(exc).__name__) from exc
                raise

    def _append(self, conn: Connection, action: str, *, client_id: str | None = None,
                session_id: str | None = None, detail: str = "") -> None:
        audit.append(conn, at=_now(), user=self.user, action=action, client_id=client_id,
                     session_id=session_id, detail=detail)

    def _event(self, action: str, *, client_id: str | None = None,
               session_id: str | None = None, detail: str = "") -> None:
        with self._tx() as conn:
            self._append(conn, action, client_id=client_id, session_id=session_id, detail=detail)

    def _form(self, form_hash: str, form_text: str, form_id: str) -> Form:
        form = self._forms.get(form_hash)
        if form is None:
            try:
                form = form_from_text(form_text, f"{form_id}.yaml")
            except Exception as exc:
                raise StoreError(key="store.error.form_text", form=form_id) from exc
            self._forms[form_hash] = form
        return form

    # ----- clients ---------------------------------------------------------------------------

    def add_client(self, name: str, *, birth_date: date | None = None,
                   due_date: date | None = None, bsn: str | None = None,
                   referrer: str | None = None) -> ClientRecord:
        values = _client_values(name=name, birth_date=birth_date, due_date=due_date, bsn=bsn,
                                referrer=referrer)
        client_id = _new_id()
        now = _now()
        with self._tx() as conn:
            conn.exec_driver_sql(
                "INSERT INTO clients (id, name, search, birth_date, due_date, bsn, referrer, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (client_id, values["name"], fold(str(values["name"])), values["birth_date"],
                 values["due_date"], values["bsn"], values["referrer"], now, now),
            )
            self._append(conn, "add_client", client_id=client_id)
            return _client(self._client_row(conn, client_id))

    def _client_row(self, conn: Connection, client_id: str) -> Sequence[Any]:
        row = conn.exec_driver_sql(
            f"SELECT {_CLIENT_COLUMNS} FROM clients WHERE id = ?", (client_id,)
        ).first()
        if row is None:
            raise RecordNotFound(key="store.error.no_client", id=client_id)
        return tuple(row)

    def get_client(self, client_id: str) -> ClientRecord:
        """One client; the read is audited."""
        with self._tx() as conn:
            record = _client(self._client_row(conn, client_id))
            self._append(conn, "read_client", client_id=client_id)
            return record

    def search_clients(self, text: str = "", limit: int = 200) -> list[ClientRecord]:
        """Clients whose name contains `text` (case and accents ignored), by name."""
        with self._tx() as conn:
            sql = f"SELECT {_CLIENT_COLUMNS} FROM clients"
            params: tuple[Any, ...] = ()
            if fold(text):
                sql += " WHERE search LIKE ? ESCAPE '\\'"
                params = (like_pattern(text),)
            rows = conn.exec_driver_sql(sql + " ORDER BY search, id LIMIT ?",
                                        (*params, int(limit))).all()
            records = [_client(tuple(row)) for row in rows]
            self._append(conn, "search_clients", detail=f"results={len(records)}")
            return records

    def update_client(self, client_id: str, **fields: Any) -> ClientRecord:
        unknown = sorted(set(fields) - set(_CLIENT_FIELDS))
        if unknown:
            raise InvalidInput(key="store.error.unknown_field", field=", ".join(unknown))
        with self._tx() as conn:
            current = _client(self._client_row(conn, client_id))
            merged = {name: fields.get(name, getattr(current, name)) for name in _CLIENT_FIELDS}
            values = _client_values(**merged)
            conn.exec_driver_sql(
                "UPDATE clients SET name = ?, search = ?, birth_date = ?, due_date = ?, bsn = ?, "
                "referrer = ?, updated_at = ? WHERE id = ?",
                (values["name"], fold(str(values["name"])), values["birth_date"],
                 values["due_date"], values["bsn"], values["referrer"], _now(), client_id),
            )
            self._append(conn, "update_client", client_id=client_id,
                         detail="fields=" + ",".join(sorted(fields)))
            return _client(self._client_row(conn, client_id))

    def erase_client(self, client_id: str) -> None:
        """Erase a client and everything about them (art. 7:455 BW); the audit keeps only that
        an erasure happened. Freed pages are zeroed and the WAL is checkpointed and truncated."""
        with self._tx() as conn:
            self._client_row(conn, client_id)
            conn.exec_driver_sql("DELETE FROM clients WHERE id = ?", (client_id,))
            self._append(conn, "erase", client_id=client_id)
        with self._lock:
            checkpoint(self._engine)

    def clients_past_retention(self, years: int = 20, *,
                               today: date | None = None) -> list[ClientRecord]:
        """Clients whose record (client or any session) last changed more than `years` ago."""
        day = today or datetime.now(UTC).date()
        try:
            cutoff = day.replace(year=day.year - years)
        except ValueError:  # 29 February
            cutoff = day.replace(year=day.year - years, day=28)
        with self._tx() as conn:
            rows = conn.exec_driver_sql(
                f"SELECT {', '.join('c.' + c.strip() for c in _CLIENT_COLUMNS.split(','))} "
                "FROM clients c LEFT JOIN sessions s ON s.client_id = c.id "
                "GROUP BY c.id HAVING max(c.updated_at, coalesce(max(s.updated_at), '')) < ? "
                "ORDER BY c.search",
                (cutoff.isoformat(),),
            ).all()
            records = [_client(tuple(row)) for row in rows]
            self._append(conn, "list_retention", detail=f"years={years} results={len(records)}")
            return records

    # ----- sessions --------------------------------------------------------------------------

    def start_session(self, client_id: str, loaded_form: LoadedFormLike) -> SessionRecord:
        form = loaded_form.form
        session_id = _new_id()
        now = _now()
        with self._tx() as conn:
            self._client_row(conn, client_id)
            _keep_form_text(conn, loaded_form)
            conn.exec_driver_sql(
                "INSERT INTO sessions (id, client_id, form_id, form_version, form_hash, "
                "state, position, notes, migrated_from, created_at, updated_at, "
                "completed_at) VALUES (?, ?, ?, ?, ?, 'draft', NULL, '', '[]', ?, ?, NULL)",
                (session_id, client_id, form.id, form.version, loaded_form.content_hash,
                 now, now),
            )
            self._append(conn, "start_session", client_id=client_id, session_id=session_id,
                         detail=f"form={form.id} version={form.version}")
            self._forms.setdefault(loaded_form.content_hash, form)
            return self._session(conn, session_id)

    def _session_row(self, conn: Connection, session_id: str) -> Sequence[Any]:
        row = conn.exec_driver_sql(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).first()
        if row is None:
            raise RecordNotFound(key="store.error.no_session", id=session_id)
        return tuple(row)

    def _session(self, conn: Connection, session_id: str) -> SessionRecord:
        return self._sessions(conn, [self._session_row(conn, session_id)])[0]

    def _sessions(self, conn: Connection, rows: Sequence[Sequence[Any]]) -> list[SessionRecord]:
        if not rows:
            return []
        ids = [row[0] for row in rows]
        texts = _form_texts(conn, {row[4] for row in rows})
        answers: dict[str, dict[str, AnswerValue]] = {i: {} for i in ids}
        answered_by: dict[str, dict[str, str | None]] = {i: {} for i in ids}
        decisions: dict[str, list[Decision]] = {i: [] for i in ids}
        for chunk in _chunks(ids, 500):
            marks = ", ".join("?" for _ in chunk)
            for sid, item_id, value, by in conn.exec_driver_sql(
                f"SELECT session_id, item_id, value, answered_by FROM answers "
                f"WHERE session_id IN ({marks})", tuple(chunk)
            ).all():
                answers[sid][item_id] = json.loads(value)
                answered_by[sid][item_id] = by
            for sid, outcome_id, scope, suggested, decided, reason, decided_by in (
                conn.exec_driver_sql(
                    f"SELECT session_id, outcome_id, scope, suggested, decided, reason, "
                    f"decided_by FROM decisions WHERE session_id IN ({marks}) "
                    f"ORDER BY decided_at", tuple(chunk)
                ).all()
            ):
                decisions[sid].append(Decision(outcome_id, scope or None, suggested, decided,
                                               reason, decided_by))
        return [
            SessionRecord(
                id=row[0], client_id=row[1], form_id=row[2], form_version=row[3],
                form_hash=row[4], form_text=texts[row[4]], state=row[6], position=row[7],
                notes=row[8], migrated_from=list(json.loads(row[9])),
                created_at=datetime.fromisoformat(row[10]),
                updated_at=datetime.fromisoformat(row[11]), completed_at=_dt(row[12]),
                answers=answers[row[0]], answered_by=answered_by[row[0]],
                decisions=decisions[row[0]],
            )
            for row in rows
        ]

    def get_session(self, session_id: str) -> SessionRecord:
        """One session with its answers and decisions; the read is audited."""
        with self._tx() as conn:
            record = self._session(conn, session_id)
            self._append(conn, "read_session", client_id=record.client_id,
                         session_id=session_id)
            return record

    def list_sessions(self, client_id: str | None = None) -> list[SessionRecord]:
        """Sessions (of one client, or all), newest first; the listing is audited."""
        with self._tx() as conn:
            sql = f"SELECT {_SESSION_COLUMNS} FROM sessions"
            params: tuple[str, ...] = ()
            if client_id is not None:
                self._client_row(conn, client_id)
                sql += " WHERE client_id = ?"
                params = (client_id,)
            rows = [tuple(r) for r in conn.exec_driver_sql(
                sql + " ORDER BY created_at DESC, id", params).all()]
            records = self._sessions(conn, rows)
            self._append(conn, "list_sessions", client_id=client_id,
                         detail=f"results={len(records)}")
            return records

    def session_rows(self, *, start: date | None = None, end: date | None = None,
                     form_id: str | None = None, state: str | None = "completed",
                     items: Callable[[Form], Collection[str] | None] | None = None,
                     summaries: bool = False) -> list[SessionRow]:
        """Sessions (completed, by default) that took place from `start` to `end` (the date
        of completion, else of the start; both ends included), of one form when given, with
        their answers and decisions, read in bulk for a report over many sessions.

        `items(form)` names the answers to read of each form's sessions (None: all of them);
        answers to other items are left in the store. With `summaries`, each row also has its
        help domains (`instruments.summary.help_domains`): as kept at completion, or worked
        out from the session's answers when none was kept (a draft). In order of the moment
        the sessions took place (then id). The read is one audited event."""
        since, until = (start.isoformat() if start else ""), (end.isoformat() if end else "")
        where, params = ["1 = 1"], []
        if state is not None:
            where.append("s.state = ?")
            params.append(state)
        if form_id is not None:
            where.append("s.form_id = ?")
            params.append(form_id)
        if since:  # ISO text: its first ten characters are the date it names
            where.append("substr(coalesce(s.completed_at, s.created_at), 1, 10) >= ?")
            params.append(since)
        if until:
            where.append("substr(coalesce(s.completed_at, s.created_at), 1, 10) <= ?")
            params.append(until)
        chosen = " AND ".join(where)
        with self._tx() as conn:
            heads: dict[str, tuple[Any, ...]] = {}
            kept: dict[str, tuple[str, ...]] = {}
            summary_column = ("(SELECT m.help_domains FROM session_summaries m "
                              "WHERE m.session_id = s.id)" if summaries else "NULL")
            for row in conn.exec_driver_sql(
                    f"SELECT s.id, s.client_id, s.form_id, s.form_version, s.form_hash, "
                    f"s.state, s.created_at, s.completed_at, {summary_column} "
                    f"FROM sessions s WHERE {chosen}", tuple(params)):
                created, completed = datetime.fromisoformat(row[6]), _dt(row[7])
                when = completed or created
                if (start is None or start <= when.date()) and (end is None or
                                                               when.date() <= end):
                    heads[row[0]] = (*row[:6], created, completed, (when, row[0]))
                    if row[8] is not None:
                        kept[row[0]] = tuple(json.loads(row[8]))
            form_ids = {head[4]: head[2] for head in heads.values()}
            forms = {h: self._form(h, text, form_ids[h])
                     for h, text in _form_texts(conn, set(form_ids)).items()}
            wanted: set[str] | None = set()
            for form in forms.values():
                asked = items(form) if items is not None else None
                if asked is None or wanted is None:
                    wanted = None
                else:
                    wanted.update(asked)
            answers: dict[str, dict[str, AnswerValue]] = {sid: {} for sid in heads}
            decisions: dict[str, list[Decision]] = {sid: [] for sid in heads}
            if heads and wanted != set():
                item_filter = ""
                item_params: tuple[str, ...] = ()
                if wanted is not None:
                    ordered = tuple(sorted(wanted))
                    item_filter = f" AND +a.item_id IN ({', '.join('?' for _ in ordered)})"
                    item_params = ordered
                # One JSON object per session, built by SQLite: tens of thousands of rows
                # reach Python instead of a million (each value is stored as JSON text).
                # The chosen ids come sorted from the subquery, so the answers are walked in
                # key order, each page once; `+` tests the item on the row rather than
                # looking up every wanted item.
                for sid, text in conn.exec_driver_sql(
                        f"SELECT a.session_id, json_group_object(a.item_id, json(a.value)) "
                        f"FROM answers a WHERE a.session_id IN (SELECT s.id FROM sessions s "
                        f"WHERE {chosen}){item_filter} GROUP BY a.session_id",
                        (*params, *item_params)):
                    found = answers.get(sid)
                    if found is not None:
                        found.update(json.loads(text))
            if summaries:
                kept.update(self._worked_out_summaries(
                    conn, {sid: forms[heads[sid][4]] for sid in heads if sid not in kept}))
            if heads:
                for sid, outcome_id, scope, suggested, decided, reason, decided_by in (
                        conn.exec_driver_sql(
                            f"SELECT d.session_id, d.outcome_id, d.scope, d.suggested, "
                            f"d.decided, d.reason, d.decided_by FROM decisions d "
                            f"WHERE d.session_id IN (SELECT s.id FROM sessions s "
                            f"WHERE {chosen}) ORDER BY d.decided_at", tuple(params))):
                    listed = decisions.get(sid)
                    if listed is not None:
                        listed.append(Decision(outcome_id, scope or None, suggested, decided,
                                               reason, decided_by))
            self._append(conn, "list_sessions",
                         detail=f"state={state or '*'} form={form_id or '*'} "
                                f"from={start or ''} to={end or ''} results={len(heads)}")
        return [
            SessionRow(sid, head[1], head[2], head[3], head[4], forms[head[4]], head[5],
                       head[6], head[7], answers[sid], decisions[sid], kept.get(sid))
            for sid, head in sorted(heads.items(), key=lambda kv: kv[1][8])
        ]

    def _worked_out_summaries(self, conn: Connection,
                              forms: dict[str, Form]) -> dict[str, tuple[str, ...]]:
        """Help domains of sessions without a kept summary, from all their answers."""
        answers: dict[str, dict[str, AnswerValue]] = {sid: {} for sid in forms}
        for chunk in _chunks(sorted(forms), 500):
            marks = ", ".join("?" for _ in chunk)
            for sid, item_id, value in conn.exec_driver_sql(
                    f"SELECT session_id, item_id, value FROM answers "
                    f"WHERE session_id IN ({marks})", tuple(chunk)):
                answers[sid][item_id] = json.loads(value)
        return {sid: tuple(help_domains(form, answers[sid])) for sid, form in forms.items()}

    def _draft(self, conn: Connection, session_id: str) -> tuple[str, str, str]:
        """(client id, form id, form hash) of a draft session."""
        row = conn.exec_driver_sql(
            "SELECT client_id, form_id, form_hash, state FROM sessions WHERE id = ?",
            (session_id,),
        ).first()
        if row is None:
            raise RecordNotFound(key="store.error.no_session", id=session_id)
        if row[3] != "draft":
            raise InvalidInput(key="store.error.session_completed", id=session_id)
        return row[0], row[1], row[2]

    def _draft_form(self, conn: Connection, form_hash: str, form_id: str) -> Form:
        """The parsed form of a hash; its stored text is read only when not yet cached."""
        if form_hash not in self._forms:
            text = conn.exec_driver_sql("SELECT text FROM form_texts WHERE hash = ?",
                                        (form_hash,)).scalar_one()
            return self._form(form_hash, text, form_id)
        return self._forms[form_hash]

    def _client_of(self, conn: Connection, session_id: str) -> str:
        row = conn.exec_driver_sql("SELECT client_id FROM sessions WHERE id = ?",
                                   (session_id,)).first()
        if row is None:
            raise RecordNotFound(key="store.error.no_session", id=session_id)
        return str(row[0])

    def save_answer(self, session_id: str, item_id: str, value: AnswerValue, *,
                    by: str | None = None) -> None:
        """Save one answer as its own committed transaction (checked against the form)."""
        with self._tx() as conn:
            client_id, form_id, form_hash = self._draft(conn, session_id)
            form = self._draft_form(conn, form_hash, form_id)
            index = self._indexes.get(form_hash)
            if index is None:
                index = self._indexes[form_hash] = form.item_index()
            found = index.get(item_id)
            if found is None:
                raise InvalidInput(key="store.error.unknown_item", item=item_id)
            try:
                checked = check_value(form, item_id, found[1], value)
            except AnswerError as exc:
                raise InvalidInput(key="store.error.answer_invalid", item=item_id) from exc
            now = _now()
            conn.exec_driver_sql(
                "INSERT INTO answers (session_id, item_id, value, answered_by, saved_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, item_id) DO UPDATE SET "
                "value = excluded.value, answered_by = excluded.answered_by, "
                "saved_at = excluded.saved_at",
                (session_id, item_id, json.dumps(checked, ensure_ascii=False), by, now),
            )
            conn.exec_driver_sql("UPDATE sessions SET updated_at = ? WHERE id = ?",
                                 (now, session_id))
            self._append(conn, "save_answer", client_id=client_id, session_id=session_id,
                         detail=f"item={item_id}")

    def clear_answer(self, session_id: str, item_id: str) -> None:
        with self._tx() as conn:
            client_id, *_ = self._draft(conn, session_id)
            conn.exec_driver_sql("DELETE FROM answers WHERE session_id = ? AND item_id = ?",
                                 (session_id, item_id))
            conn.exec_driver_sql("UPDATE sessions SET updated_at = ? WHERE id = ?",
                                 (_now(), session_id))
            self._append(conn, "clear_answer", client_id=client_id, session_id=session_id,
                         detail=f"item={item_id}")

    def set_position(self, session_id: str, domain_id: str | None) -> None:
        with self._tx() as conn:
            client_id, *_ = self._draft(conn, session_id)
            conn.exec_driver_sql("UPDATE sessions SET position = ?, updated_at = ? WHERE id = ?",
                                 (domain_id, _now(), session_id))
            self._append(conn, "set_position", client_id=client_id, session_id=session_id,
                         detail=f"domain={domain_id or ''}")

    def set_notes(self, session_id: str, text: str) -> None:
        with self._tx() as conn:
            client_id = self._client_of(conn, session_id)
            conn.exec_driver_sql("UPDATE sessions SET notes = ?, updated_at = ? WHERE id = ?",
                                 (text, _now(), session_id))
            self._append(conn, "set_notes", client_id=client_id, session_id=session_id)

    def save_decision(self, session_id: str, decision: Decision) -> None:
        """Store the professional's decision on one outcome (replacing an earlier one)."""
        if decision.overridden and not (decision.reason or "").strip():
            raise InvalidInput(key="store.error.override_needs_reason")
        with self._tx() as conn:
            client_id = self._client_of(conn, session_id)
            now = _now()
            conn.exec_driver_sql(
                "INSERT INTO decisions (session_id, outcome_id, scope, suggested, decided, "
                "reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id, outcome_id, scope) DO UPDATE SET "
                "suggested = excluded.suggested, decided = excluded.decided, "
                "reason = excluded.reason, decided_by = excluded.decided_by, "
                "decided_at = excluded.decided_at",
                (session_id, decision.outcome_id, decision.scope or "", decision.suggested,
                 decision.decided, decision.reason, decision.decided_by, now),
            )
            conn.exec_driver_sql("UPDATE sessions SET updated_at = ? WHERE id = ?",
                                 (now, session_id))
            self._append(conn, "save_decision", client_id=client_id, session_id=session_id,
                         detail=f"outcome={decision.outcome_id} scope={decision.scope or ''} "
                                f"overridden={int(decision.overridden)}")

    def complete_session(self, session_id: str) -> None:
        """Complete a draft and keep its summary (the domains needing help) with it, in one
        transaction: a completed session's answers no longer change."""
        with self._tx() as conn:
            client_id, form_id, form_hash = self._draft(conn, session_id)
            form = self._draft_form(conn, form_hash, form_id)
            answers = {str(item_id): json.loads(value) for item_id, value in conn.exec_driver_sql(
                "SELECT item_id, value FROM answers WHERE session_id = ?", (session_id,))}
            now = _now()
            conn.exec_driver_sql(
                "UPDATE sessions SET state = 'completed', completed_at = ?, updated_at = ? "
                "WHERE id = ?", (now, now, session_id))
            conn.exec_driver_sql(migrations.SUMMARY_UPSERT,
                                 (session_id, migrations.summary_text(form, answers)))
            self._append(conn, "complete_session", client_id=client_id, session_id=session_id)

    def migrate_session(self, session_id: str, newer_loaded_form: LoadedFormLike) -> SessionRecord:
        """Move a draft to another version of its form. Every answer is kept, also answers to
        items the new version no longer has (see `removed_item_answers`)."""
        newer = newer_loaded_form.form
        with self._tx() as conn:
            client_id, form_id, _form_hash = self._draft(conn, session_id)
            row = self._session_row(conn, session_id)
            if newer.id != form_id:
                raise InvalidInput(key="store.error.other_form", form=newer.id, current=form_id)
            old_version = str(row[3])
            if version_key(newer.version) <= version_key(old_version):
                raise InvalidInput(key="store.error.not_newer", version=newer.version,
                                   current=old_version)
            history = [*json.loads(row[9]), old_version]
            _keep_form_text(conn, newer_loaded_form)
            conn.exec_driver_sql(
                "UPDATE sessions SET form_version = ?, form_hash = ?, "
                "migrated_from = ?, updated_at = ? WHERE id = ?",
                (newer.version, newer_loaded_form.content_hash,
                 json.dumps(history), _now(), session_id),
            )
            self._forms.setdefault(newer_loaded_form.content_hash, newer)
            self._append(conn, "migrate_session", client_id=client_id, session_id=session_id,
                         detail=f"form={form_id} {old_version}->{newer.version}")
            return self._session(conn, session_id)

    def session_form(self, session: SessionRecord) -> Form:
        """The form a session is (now) pinned to, parsed from its stored text."""
        with self._lock:
            return self._form(session.form_hash, session.form_text, session.form_id)

    def removed_item_answers(self, session: SessionRecord) -> dict[str, AnswerValue]:
        """Answers kept from an older form version whose item the session's form lacks."""
        return answers_to_removed_items(self.session_form(session), session.answers)

    # ----- consent ---------------------------------------------------------------------------

    def add_consent(self, session_id: str, *, given_by: str, recipient: str,
                    scope: str) -> ConsentRecord:
        for field_name, value in (("given_by", given_by), ("recipient", recipient),
                                  ("scope", scope)):
            if not value or not value.strip():
                raise InvalidInput(key="store.error.empty_field", field=field_name)
        consent_id = _new_id()
        with self._tx() as conn:
            client_id = self._client_of(conn, session_id)
            conn.exec_driver_sql(
                f"INSERT INTO consents ({_CONSENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, "
                "NULL)",
                (consent_id, session_id, client_id, given_by.strip(), recipient.strip(),
                 scope.strip(), _now()),
            )
            self._append(conn, "add_consent", client_id=client_id, session_id=session_id,
                         detail=f"consent={consent_id}")
            return self._consent(conn, consent_id)

    def _consent(self, conn: Connection, consent_id: str) -> ConsentRecord:
        row = conn.exec_driver_sql(f"SELECT {_CONSENT_COLUMNS} FROM consents WHERE id = ?",
                                   (consent_id,)).first()
        if row is None:
            raise RecordNotFound(key="store.error.no_consent", id=consent_id)
        return _consent(tuple(row))

    def withdraw_consent(self, consent_id: str, *, note: str = "") -> ConsentRecord:
        with self._tx() as conn:
            current = self._consent(conn, consent_id)
            if not current.active:
                raise InvalidInput(key="store.error.consent_withdrawn", id=consent_id)
            conn.exec_driver_sql(
                "UPDATE consents SET withdrawn_at = ?, withdrawal_note = ? WHERE id = ?",
                (_now(), note.strip() or None, consent_id))
            self._append(conn, "withdraw_consent", client_id=current.client_id,
                         session_id=current.session_id, detail=f"consent={consent_id}")
            return self._consent(conn, consent_id)

    def consents(self, *, session_id: str | None = None,
                 client_id: str | None = None) -> list[ConsentRecord]:
        sql = f"SELECT {_CONSENT_COLUMNS} FROM consents"
        clauses: list[str] = []
        params: list[str] = []
        if session_id is not None:
            clauses.append("session_id = ?")
            params.append(session_id)
        if client_id is not None:
            clauses.append("client_id = ?")
            params.append(client_id)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        with self._tx() as conn:
            rows = conn.exec_driver_sql(sql + " ORDER BY given_at, id", tuple(params)).all()
            return [_consent(tuple(row)) for row in rows]

    def require_consent(self, session_id: str, recipient: str | None = None) -> ConsentRecord:
        """An active consent for the session (and recipient, when given), else ConsentMissing."""
        for consent in reversed(self.consents(session_id=session_id)):
            if consent.active and (recipient is None
                                   or fold(consent.recipient) == fold(recipient)):
                return consent
        raise ConsentMissing(key="store.error.consent_missing", id=session_id)

    # ----- audit -----------------------------------------------------------------------------

    def audit_events(self, client_id: str | None = None) -> list[AuditEvent]:
        with self._tx() as conn:
            return audit.events(conn, client_id)

    def record_event(self, action: str, *, client_id: str | None = None,
                     session_id: str | None = None, detail: str = "") -> None:
        """Record an outside event such as "export" or "print" (detail: never client data)."""
        if not action or not action.strip():
            raise InvalidInput(key="store.error.empty_field", field="action")
        self._event(action.strip(), client_id=client_id, session_id=session_id, detail=detail)

    def verify_audit(self) -> list[str]:
        with self._tx() as conn:
            return audit.verify(conn)

    # ----- maintenance -----------------------------------------------------------------------

    def check(self) -> list[str]:
        """Page check (HMAC), structure check and audit chain: empty when all is well."""
        lang = message_language()
        with self._lock:
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
            problems += self.verify_audit()
        return problems

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-key the database atomically. The header names the new key as pending first, so an
        interruption leaves a store that opens with whichever passphrase the database has."""
        _check_passphrase(new_passphrase)
        header_path = self.folder / HEADER_NAME
        with self._lock:
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
            self._key = key
        self._event("change_passphrase")

    def backup(self, out_file: Path, backup_passphrase: str) -> None:
        """Write an encrypted single-file backup with its own passphrase (never overwrites)."""
        out_file = Path(out_file)
        _check_passphrase(backup_passphrase)
        if out_file.exists():
            raise StoreExists(key="store.error.file_exists", file=out_file.name)
        params = self._header.slot.kdf
        salt = new_salt()
        key = derive_key(backup_passphrase, salt, params)
        slot = KeySlot(salt, params, key_check(key))
        self._event("backup")
        out_dir = out_file.parent if str(out_file.parent) else Path(".")
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".samenspraak-backup-", dir=out_dir))
        try:
            payload = work / "payload.db"
            with self._lock:
                export_copy(self._engine, payload, key)
            check_engine = make_engine(payload, key)
            try:
                _check_readable(check_engine, what=out_file.name)
            finally:
                check_engine.dispose()
            staged = work / "backup.tmp"
            with staged.open("xb") as handle:
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
                new_passphrase: str, *, user: str = "", kdf: KdfParams | None = None) -> Store:
        """Verify a backup (page check, audit chain) and restore it into a NEW store folder."""
        backup_file, folder = Path(backup_file), Path(folder)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise StoreExists(key="store.error.restore_target_exists")
        _check_passphrase(new_passphrase)
        prefix, offset = read_prefix(backup_file)
        backup_key = derive_key(backup_passphrase, prefix.slot.salt, prefix.slot.kdf)
        if not key_matches(backup_key, prefix.slot.check):
            raise WrongPassphrase(key="store.error.wrong_backup_passphrase")
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.restoring-", dir=folder.parent))
        try:
            db_path = staging / DB_NAME
            extract_payload(backup_file, prefix, offset, db_path)
            engine = make_engine(db_path, backup_key)
            try:
                _check_readable(engine, what=backup_file.name)
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
            fsync_dir(staging)
            try:
                os.rename(staging, folder)
            except OSError as exc:
                raise StoreExists(key="store.error.restore_target_exists") from exc
            fsync_dir(folder.parent)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        engine = make_engine(folder / DB_NAME, key)
        try:
            _check_readable(engine, what=DB_NAME)
            migrations.migrate(engine, folder, key, folder / HEADER_NAME)
        except BaseException:
            engine.dispose()
            raise
        store = cls(folder, engine, key, header, user)
        store._event("restore")
        store._event("unlock")
        return store


# ----- helpers -------------------------------------------------------------------------------


def _login_name() -> str:
    with suppress(Exception):
        return getpass.getuser()
    return ""


def _check_passphrase(passphrase: str) -> None:
    if not isinstance(passphrase, str) or not passphrase:
        raise InvalidInput(key="store.error.empty_passphrase")


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _keep_form_text(conn: Connection, loaded: LoadedFormLike) -> None:
    """Store a form's text once, under its content hash."""
    conn.exec_driver_sql(
        "INSERT INTO form_texts (hash, form_id, form_version, text) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (hash) DO NOTHING",
        (loaded.content_hash, loaded.form.id, loaded.form.version, loaded.source),
    )


def _form_texts(conn: Connection, hashes: set[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    ordered = sorted(hashes)
    for chunk in _chunks(ordered, 500):
        marks = ", ".join("?" for _ in chunk)
        texts.update(conn.exec_driver_sql(
            f"SELECT hash, text FROM form_texts WHERE hash IN ({marks})", tuple(chunk)).all())
    return texts


def _client_values(*, name: Any, birth_date: Any, due_date: Any, bsn: Any,
                   referrer: Any) -> dict[str, str | None]:
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput(key="store.error.empty_field", field="name")
    for field_name, value in (("birth_date", birth_date), ("due_date", due_date)):
        if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
            raise InvalidInput(key="store.error.bad_date", field=field_name)
    bsn_text: str | None = None
    if bsn is not None and str(bsn).strip():
        if not bsn_valid(str(bsn)):
            raise InvalidInput(key="store.error.bsn_invalid")
        bsn_text = normalise_bsn(str(bsn))
    referrer_text = referrer.strip() if isinstance(referrer, str) and referrer.strip() else None
    return {
        "name": " ".join(name.split()),
        "birth_date": birth_date.isoformat() if birth_date else None,
        "due_date": due_date.isoformat() if due_date else None,
        "bsn": bsn_text,
        "referrer": referrer_text,
    }


def _client(row: Sequence[Any]) -> ClientRecord:
    return ClientRecord(
        id=row[0], name=row[1], birth_date=_d(row[2]), due_date=_d(row[3]), bsn=row[4],
        referrer=row[5], created_at=datetime.fromisoformat(row[6]),
        updated_at=datetime.fromisoformat(row[7]),
    )


def _consent(row: Sequence[Any]) -> ConsentRecord:
    return ConsentRecord(
        id=row[0], session_id=row[1], client_id=row[2], given_by=row[3], recipient=row[4],
        scope=row[5], given_at=datetime.fromisoformat(row[6]), withdrawn_at=_dt(row[7]),
        withdrawal_note=row[8],
    )
