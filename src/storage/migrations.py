"""Versioned schema migrations. Each runs in one transaction after an encrypted backup; a
failure rolls back and leaves the store exactly as it was."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from storage.database import Connection, Engine, export_copy
from storage.errors import StoreError
from storage.file_modes import create_private, private_dir
from storage.forms import form_from_text
from storage.leftovers import staging_prefix, sweep

if TYPE_CHECKING:
    from instruments.answer_value import AnswerValue
    from instruments.model import Form

BACKUP_FOLDER = "backups"


@dataclass(frozen=True)
class Migration:
    """Brings the schema from `version - 1` to `version`."""

    version: int
    name: str
    apply: Callable[[Connection], None]


def _statements(sql: str) -> list[str]:
    return [part.strip() for part in sql.split(";\n") if part.strip()]


V1_SQL = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE clients (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    search TEXT NOT NULL,
    birth_date TEXT,
    due_date TEXT,
    bsn TEXT,
    referrer TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX clients_search ON clients (search);
CREATE TABLE form_texts (
    hash TEXT PRIMARY KEY,
    form_id TEXT NOT NULL,
    form_version TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    form_id TEXT NOT NULL,
    form_version TEXT NOT NULL,
    form_hash TEXT NOT NULL REFERENCES form_texts (hash),
    state TEXT NOT NULL CHECK (state IN ('draft', 'completed')),
    position TEXT,
    notes TEXT NOT NULL DEFAULT '',
    migrated_from TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    completed_at TEXT
);
CREATE INDEX sessions_client ON sessions (client_id, created_at);
CREATE TABLE answers (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    value TEXT NOT NULL,
    answered_by TEXT,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (session_id, item_id)
) WITHOUT ROWID;
CREATE TABLE decisions (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    outcome_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    suggested TEXT NOT NULL,
    decided TEXT NOT NULL,
    reason TEXT,
    decided_by TEXT,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (session_id, outcome_id, scope)
) WITHOUT ROWID;
CREATE TABLE consents (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    given_by TEXT NOT NULL,
    recipient TEXT NOT NULL,
    scope TEXT NOT NULL,
    given_at TEXT NOT NULL,
    withdrawn_at TEXT,
    withdrawal_note TEXT
);
CREATE INDEX consents_session ON consents (session_id);
CREATE INDEX consents_client ON consents (client_id);
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    client_id TEXT,
    session_id TEXT,
    detail TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_client ON audit (client_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
INSERT INTO schema_version (version) VALUES (0)
"""


def _v1(conn: Connection) -> None:
    for statement in _statements(V1_SQL):
        conn.exec_driver_sql(statement)


V2_SQL = """
CREATE TABLE session_summaries (
    session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    help_domains TEXT NOT NULL
) WITHOUT ROWID
"""

# The summaries as version 2 kept them (today: `storage.summaries`, with their basis).
SUMMARY_UPSERT = (
    "INSERT INTO session_summaries (session_id, help_domains) VALUES (?, ?) "
    "ON CONFLICT (session_id) DO UPDATE SET help_domains = excluded.help_domains"
)


def summary_text(form: Form, answers: Mapping[str, AnswerValue]) -> str:
    """The stored summary of a session: its help domains (ids) as JSON text."""
    from instruments.summary import help_domains

    return json.dumps(help_domains(form, answers))


def _v2(conn: Connection) -> None:
    """The per-session summary table, filled for every session completed before it existed."""
    for statement in _statements(V2_SQL):
        conn.exec_driver_sql(statement)
    texts: dict[str, str] = {str(h): str(t) for h, t in conn.exec_driver_sql(
        "SELECT hash, text FROM form_texts")}
    forms: dict[str, Form] = {}
    heads = conn.exec_driver_sql(
        "SELECT id, form_id, form_hash FROM sessions WHERE state = 'completed'").all()
    answers: dict[str, dict[str, AnswerValue]] = {str(row[0]): {} for row in heads}
    for sid, text in conn.exec_driver_sql(
            "SELECT a.session_id, json_group_object(a.item_id, json(a.value)) FROM answers a "
            "JOIN sessions s ON s.id = a.session_id WHERE s.state = 'completed' "
            "GROUP BY a.session_id"):
        answers[sid] = json.loads(text)
    rows = []
    for sid, form_id, form_hash in heads:
        form = forms.get(form_hash)
        if form is None:
            form = forms[form_hash] = form_from_text(texts[form_hash], f"{form_id}.yaml")
        rows.append((sid, summary_text(form, answers[sid])))
    if rows:
        conn.exec_driver_sql(SUMMARY_UPSERT, rows)


def _v3(conn: Connection) -> None:
    """Each kept summary names the basis it was worked out on (`storage.summaries.basis`);
    the ones kept before have none, so they are worked out again when next read."""
    conn.exec_driver_sql(
        "ALTER TABLE session_summaries ADD COLUMN basis TEXT NOT NULL DEFAULT ''")


V4_SQL = """
ALTER TABLE sessions ADD COLUMN conductor TEXT;
ALTER TABLE sessions ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0 CHECK (corrected IN (0, 1));
ALTER TABLE consents ADD COLUMN kind TEXT NOT NULL DEFAULT '';
CREATE TABLE session_versions (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    snapshot TEXT NOT NULL,
    reason TEXT NOT NULL,
    reopened_by TEXT NOT NULL,
    reopened_at TEXT NOT NULL,
    PRIMARY KEY (session_id, version)
) WITHOUT ROWID
"""


def _v4(conn: Connection) -> None:
    """Who held each conversation (`sessions.conductor`, JSON; NULL for the sessions started
    before it was recorded: they stay unknown, never filled in from today's settings), whether
    a completed session was reopened for a correction (`corrected`) with the completed versions
    it had (`session_versions`), and the kind of each consent (`consents.kind`, e.g.
    "verwijzer"; '' for the consents given before: unknown)."""
    for statement in _statements(V4_SQL):
        conn.exec_driver_sql(statement)


V5_SQL = """
ALTER TABLE clients ADD COLUMN referrer_role TEXT;
ALTER TABLE clients ADD COLUMN referrer_practice TEXT;
CREATE TABLE participant_views (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    participant TEXT NOT NULL,
    value TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (session_id, item_id, participant)
) WITHOUT ROWID
"""


def _v5(conn: Connection) -> None:
    """The referrer's role and practice beside the name (`clients.referrer_role`,
    `referrer_practice`; NULL for the clients added before: unknown), and each participant's
    own view per item of a multidisciplinary conversation (`participant_views`), beside the
    shared conclusion that stays in `answers`."""
    for statement in _statements(V5_SQL):
        conn.exec_driver_sql(statement)


MIGRATIONS: list[Migration] = [
    Migration(1, "initial schema", _v1),
    Migration(2, "session summaries", _v2),
    Migration(3, "summary basis", _v3),
    Migration(4, "conductor, corrections, consent kind", _v4),
    Migration(5, "referrer role and practice, participant views", _v5),
]


def latest_version(migrations: Sequence[Migration] | None = None) -> int:
    chosen = MIGRATIONS if migrations is None else migrations
    return max((m.version for m in chosen), default=0)


def current_version(conn: Connection) -> int:
    """The schema version of the database, 0 for an empty one."""
    exists = conn.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).scalar_one()
    if not exists:
        return 0
    return int(conn.exec_driver_sql("SELECT version FROM schema_version").scalar_one())


def migrate(engine: Engine, folder: Path, key: bytes, header_path: Path,
            migrations: Sequence[Migration] | None = None) -> list[Path]:
    """Bring the schema to the latest version; returns the backups made before each step.

    A fresh (empty) database gets its schema without a backup.
    """
    chosen = sorted(MIGRATIONS if migrations is None else migrations, key=lambda m: m.version)
    with engine.begin() as conn:
        version = current_version(conn)
    newest = latest_version(chosen)
    if version > newest:
        raise StoreError(key="store.error.newer_schema", version=version, known=newest)
    backups: list[Path] = []
    fresh = version == 0  # nothing in it yet: nothing to back up, at any step
    for migration in chosen:
        if migration.version <= version:
            continue
        if not fresh:
            backups.append(_backup_before(engine, folder, key, header_path, version))
        try:
            with engine.begin() as conn:
                migration.apply(conn)
                conn.exec_driver_sql("UPDATE schema_version SET version = ?",
                                     (migration.version,))
        except Exception as exc:
            where = backups[-1].name if backups else "-"
            raise StoreError(key="store.error.migration_failed", version=migration.version,
                             backup=where) from exc
        version = migration.version
    return backups


def _backup_before(engine: Engine, folder: Path, key: bytes, header_path: Path,
                   version: int) -> Path:
    """An encrypted copy (same key) of the database and its header, before a migration."""
    target_dir = folder / BACKUP_FOLDER
    private_dir(target_dir)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = target_dir / f"store-v{version}-{stamp}.db"
    sweep(target_dir)
    staged = target_dir / (staging_prefix(target.stem) + "copy.db")
    try:
        export_copy(engine, staged, key)
        with os.fdopen(create_private(target.with_suffix(".json")), "wb") as out:
            out.write(header_path.read_bytes())
        os.replace(staged, target)  # a killed copy leaves only a staging file, swept later
    finally:
        staged.unlink(missing_ok=True)
    return target

