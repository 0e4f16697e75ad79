"""The sessions repository: sessions saved answer by answer, their decisions, completion (with
the kept summary) and moving a draft to a newer form version."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from instruments.answer_value import AnswerError
from storage import raw_sql, summaries
from storage.access import Access, form_texts
from storage.clients import client_row
from storage.columns import Columns, json_list, moment, new_id, now_text, row_by_id
from storage.database import Connection
from storage.errors import InvalidInput
from storage.forms import answers_to_removed_items
from storage.records import Conductor, SessionRecord
from storage.session_parts import Chosen, read_answers, read_decisions, read_views
from storage.text_rules import LINE_MAX, NOTES_MAX, checked_text

if TYPE_CHECKING:
    from instruments.answer_value import AnswerValue
    from instruments.decision import Decision
    from instruments.model import Form
    from storage.forms import LoadedFormLike

_COLUMNS = ("id", "client_id", "form_id", "form_version", "form_hash", "state", "position",
            "notes", "migrated_from", "created_at", "updated_at", "completed_at", "conductor",
            "corrected")
SESSION_SELECT = ", ".join(f"s.{name}" for name in _COLUMNS)


def session_head(conn: Connection, session_id: str) -> Columns:
    """A sessions row by column name, or RecordNotFound."""
    return row_by_id(conn, f"SELECT {SESSION_SELECT} FROM sessions s WHERE s.id = ?",
                     session_id, "store.error.no_session")


def client_of(conn: Connection, session_id: str) -> str:
    """The client a session belongs to, or RecordNotFound."""
    row = row_by_id(conn, "SELECT client_id FROM sessions WHERE id = ?", session_id,
                    "store.error.no_session")
    return str(row["client_id"])


def draft_head(conn: Connection, session_id: str) -> Columns:
    """The head of a draft session; InvalidInput for a completed one."""
    head = session_head(conn, session_id)
    if head["state"] != "draft":
        raise InvalidInput(key="store.error.session_completed", id=session_id)
    return head


CONDUCTOR_FIELDS = ("name", "role", "organisation", "agb", "big", "phone", "email")


def conductor_text(conductor: Conductor | None) -> str | None:
    """The conductor as kept in `sessions.conductor` (checked; JSON), None when not known."""
    if conductor is None:
        return None
    values = {}
    for name in CONDUCTOR_FIELDS:
        value = getattr(conductor, name)
        checked_text(value, f"conductor.{name}", limit=LINE_MAX)
        values[name] = " ".join(value.split())
    if not values["name"]:
        raise InvalidInput(key="store.error.empty_field", field="conductor.name")
    return json.dumps(values, ensure_ascii=False)


def conductor_from(text: str | None) -> Conductor | None:
    """A kept conductor (see `conductor_text`); None when the session has none."""
    if not text:
        return None
    values = json.loads(text)
    return Conductor(**{name: str(values.get(name) or "") for name in CONDUCTOR_FIELDS})


def records(conn: Connection, heads: Sequence[Columns]) -> list[SessionRecord]:
    """Whole session records (answers, who gave them, participants' views, decisions) for the
    given heads."""
    if not heads:
        return []
    ids = [head["id"] for head in heads]
    texts = form_texts(conn, {head["form_hash"] for head in heads})
    chosen = Chosen.ids(ids)
    answers = read_answers(conn, chosen, ids, with_by=True)
    decisions = read_decisions(conn, chosen, ids)
    views = read_views(conn, chosen, ids)
    return [
        SessionRecord(
            id=head["id"], client_id=head["client_id"], form_id=head["form_id"],
            form_version=head["form_version"], form_hash=head["form_hash"],
            form_text=texts[head["form_hash"]], state=head["state"], position=head["position"],
            notes=head["notes"], migrated_from=json_list(head["migrated_from"]),
            created_at=datetime.fromisoformat(head["created_at"]),
            updated_at=datetime.fromisoformat(head["updated_at"]),
            completed_at=moment(head["completed_at"]),
            answers=answers.values[head["id"]], answered_by=answers.by[head["id"]],
            decisions=decisions[head["id"]],
            conductor=conductor_from(head["conductor"]), corrected=bool(head["corrected"]),
            participant_views=views[head["id"]],
        )
        for head in heads
    ]


class Sessions:
    """Sessions of one open store; every read and change is audited."""

    def __init__(self, access: Access) -> None:
        self._access = access

    def _record(self, conn: Connection, session_id: str) -> SessionRecord:
        return records(conn, [session_head(conn, session_id)])[0]

    def start(self, client_id: str, loaded_form: LoadedFormLike,
              conductor: Conductor | None = None) -> SessionRecord:
        """A new draft of the form, recording who holds it (kept as it is now: later changes to
        the settings never change who held an earlier conversation)."""
        form = loaded_form.form
        kept_conductor = conductor_text(conductor)
        session_id = new_id()
        now = now_text()
        with self._access.tx() as conn:
            client_row(conn, client_id)
            self._access.keep_form(conn, loaded_form)
            conn.exec_driver_sql(
                "INSERT INTO sessions (id, client_id, form_id, form_version, form_hash, "
                "state, position, notes, migrated_from, created_at, updated_at, "
                "completed_at, conductor, corrected) "
                "VALUES (?, ?, ?, ?, ?, 'draft', NULL, '', '[]', ?, ?, NULL, ?, 0)",
                (session_id, client_id, form.id, form.version, loaded_form.content_hash,
                 now, now, kept_conductor),
            )
            self._access.append(conn, "start_session", client_id=client_id,
                                session_id=session_id,
                                detail=f"form={form.id} version={form.version} "
                                       f"conductor={int(conductor is not None)}")
            return self._record(conn, session_id)

    def get(self, session_id: str) -> SessionRecord:
        """One session with its answers and decisions; the read is audited."""
        with self._access.tx() as conn:
            record = self._record(conn, session_id)
            self._access.append(conn, "read_session", client_id=record.client_id,
                                session_id=session_id)
            return record

    def list(self, client_id: str | None = None) -> list[SessionRecord]:
        """Sessions (of one client, or all), newest first; the listing is audited."""
        with self._access.tx() as conn:
            sql = f"SELECT {SESSION_SELECT} FROM sessions s"
            params: tuple[str, ...] = ()
            if client_id is not None:
                client_row(conn, client_id)
                sql += " WHERE s.client_id = ?"
                params = (client_id,)
            heads = [row._mapping for row in conn.exec_driver_sql(
                sql + " ORDER BY s.created_at DESC, s.id", params).all()]
            found = records(conn, heads)
            self._access.append(conn, "list_sessions", client_id=client_id,
                                detail=f"results={len(found)}")
            return found

    def _draft_form(self, conn: Connection, head: Columns) -> Form:
        return self._access.form_of_hash(conn, head["form_hash"], head["form_id"])

    def save_answer(self, session_id: str, item_id: str, value: AnswerValue, *,
                    by: str | None = None) -> AnswerValue:
        """Save one answer as its own committed transaction, checked against the session's
        form (the one check on the write path); returns the value as saved."""
        from instruments.answers import check_value  # loaded with the form: not at import

        with self._access.tx() as conn:
            # The draft's head is read by the write that marks it updated (one statement, not
            # two); a refused answer raises and the whole transaction rolls back.
            now = now_text()
            touched = raw_sql.run(
                conn, "UPDATE sessions SET updated_at = ? WHERE id = ? AND state = 'draft' "
                "RETURNING form_id, form_hash, client_id", (now, session_id))
            if not touched:
                draft_head(conn, session_id)  # raises: no such session, or a completed one
                raise InvalidInput(key="store.error.session_completed", id=session_id)
            form_id, form_hash, client_id = touched[0]
            form = self._access.form_of_hash(conn, form_hash, form_id)
            found = self._access.item_index(form_hash, form).get(item_id)
            if found is None:
                raise InvalidInput(key="store.error.unknown_item", item=item_id)
            try:
                checked = check_value(form, item_id, found[1], value)
            except AnswerError as exc:
                raise InvalidInput(key="store.error.answer_invalid", item=item_id) from exc
            raw_sql.run(
                conn,
                "INSERT INTO answers (session_id, item_id, value, answered_by, saved_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, item_id) DO UPDATE SET "
                "value = excluded.value, answered_by = excluded.answered_by, "
                "saved_at = excluded.saved_at",
                (session_id, item_id, json.dumps(checked, ensure_ascii=False), by, now),
            )
            self._access.append(conn, "save_answer", client_id=client_id,
                                session_id=session_id, detail=f"item={item_id}")
        return checked

    def clear_answer(self, session_id: str, item_id: str) -> None:
        with self._access.tx() as conn:
            head = draft_head(conn, session_id)
            conn.exec_driver_sql("DELETE FROM answers WHERE session_id = ? AND item_id = ?",
                                 (session_id, item_id))
            conn.exec_driver_sql("UPDATE sessions SET updated_at = ? WHERE id = ?",
                                 (now_text(), session_id))
            self._access.append(conn, "clear_answer", client_id=head["client_id"],
                                session_id=session_id, detail=f"item={item_id}")

    def set_position(self, session_id: str, domain_id: str | None) -> None:
        with self._access.tx() as conn:
            head = draft_head(conn, session_id)
            conn.exec_driver_sql("UPDATE sessions SET position = ?, updated_at = ? WHERE id = ?",
                                 (domain_id, now_text(), session_id))
            self._access.append(conn, "set_position", client_id=head["client_id"],
                                session_id=session_id, detail=f"domain={domain_id or ''}")

    def set_notes(self, session_id: str, text: str) -> None:
        checked_text(text, "notes", limit=NOTES_MAX, multiline=True)
        with self._access.tx() as conn:
            client_id = client_of(conn, session_id)
            conn.exec_driver_sql("UPDATE sessions SET notes = ?, updated_at = ? WHERE id = ?",
                                 (text, now_text(), session_id))
            self._access.append(conn, "set_notes", client_id=client_id, session_id=session_id)

    def save_decision(self, session_id: str, decision: Decision) -> None:
        """Store the professional's decision on one outcome (replacing an earlier one)."""
        if decision.overridden and not (decision.reason or "").strip():
            raise InvalidInput(key="store.error.override_needs_reason")
        with self._access.tx() as conn:
            client_id = client_of(conn, session_id)
            now = now_text()
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
            self._access.append(
                conn, "save_decision", client_id=client_id, session_id=session_id,
                detail=f"outcome={decision.outcome_id} scope={decision.scope or ''} "
                       f"overridden={int(decision.overridden)}")

    def complete(self, session_id: str) -> None:
        """Complete a draft and keep its summary (the domains needing help) with it, in one
        transaction: a completed session's answers no longer change."""
        with self._access.tx() as conn:
            head = draft_head(conn, session_id)
            form = self._draft_form(conn, head)
            answers = read_answers(conn, Chosen.ids([session_id]), [session_id]).values
            now = now_text()
            conn.exec_driver_sql(
                "UPDATE sessions SET state = 'completed', completed_at = ?, updated_at = ? "
                "WHERE id = ?", (now, now, session_id))
            summaries.keep(conn, session_id, head["form_hash"],
                           summaries.work_out(form, answers[session_id]))
            self._access.append(conn, "complete_session", client_id=head["client_id"],
                                session_id=session_id)

    def migrate(self, session_id: str, newer_loaded_form: LoadedFormLike) -> SessionRecord:
        """Move a draft to another version of its form. Every answer is kept, also answers to
        items the new version no longer has (see `removed_item_answers`)."""
        newer = newer_loaded_form.form
        with self._access.tx() as conn:
            head = draft_head(conn, session_id)
            form_id = head["form_id"]
            if newer.id != form_id:
                raise InvalidInput(key="store.error.other_form", form=newer.id, current=form_id)
            old_version = str(head["form_version"])
            from instruments.loader import version_key

            if version_key(newer.version) <= version_key(old_version):
                raise InvalidInput(key="store.error.not_newer", version=newer.version,
                                   current=old_version)
            history = [*json_list(head["migrated_from"]), old_version]
            self._move_answers(conn, session_id, self._draft_form(conn, head), newer,
                               old_version)
            self._access.keep_form(conn, newer_loaded_form)
            conn.exec_driver_sql(
                "UPDATE sessions SET form_version = ?, form_hash = ?, "
                "migrated_from = ?, updated_at = ? WHERE id = ?",
                (newer.version, newer_loaded_form.content_hash,
                 json.dumps(history), now_text(), session_id),
            )
            self._access.append(conn, "migrate_session", client_id=head["client_id"],
                                session_id=session_id,
                                detail=f"form={form_id} {old_version}->{newer.version}")
            return self._record(conn, session_id)

    @staticmethod
    def _move_answers(conn: Connection, session_id: str, old: Form, new: Form,
                      old_version: str) -> None:
        """Apply what the new version declares: renamed items move to their new id; an answer
        the new version drops or that no longer fits, under an id the new version still has,
        is kept apart under '<id>~<old version>' (shown as an answer to a removed item)."""
        from instruments.migration import migrate_answers

        answers = read_answers(conn, Chosen.ids([session_id]), [session_id]).values[session_id]
        moved = migrate_answers(old, new, answers)
        index = new.item_index()
        moves = dict(moved.renamed)
        moves.update({item_id: f"{item_id}~{old_version}" for item_id in moved.removed
                      if item_id in index})
        for source, target in moves.items():
            conn.exec_driver_sql(
                "UPDATE answers SET item_id = ? WHERE session_id = ? AND item_id = ?",
                (target, session_id, source))
        for source, target in moved.renamed.items():  # a renamed item's views go with it
            conn.exec_driver_sql(
                "UPDATE participant_views SET item_id = ? WHERE session_id = ? AND item_id = ?",
                (target, session_id, source))

    def form(self, session: SessionRecord) -> Form:
        """The form a session is (now) pinned to, parsed from its stored text."""
        return self._access.form(session.form_hash, session.form_text, session.form_id)

    def removed_item_answers(self, session: SessionRecord) -> dict[str, AnswerValue]:
        """Answers kept from an older form version whose item the session's form lacks."""
        return answers_to_removed_items(self.form(session), session.answers)
