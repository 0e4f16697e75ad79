"""The audit log: every unlock, read and change, hash-chained, tamper-evident, per client."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.store import Store, StoreError
from store_testing import PASS, mini_form, new_store, raw_connection


def _scenario(folder: Path) -> tuple[str, str]:
    with new_store(folder) as store:
        client = store.add_client("Marker Persoon", bsn="111222333")
        session = store.start_session(client.id, mini_form())
        store.save_answer(session.id, "gezondheid.toelichting", "geheime tekst")
        store.set_notes(session.id, "notitie")
        store.get_client(client.id)
        store.add_consent(session.id, given_by="moeder", recipient="huisarts", scope="brief")
        store.record_event("export", client_id=client.id, session_id=session.id,
                           detail="format=pdf")
        store.add_client("Ander")
    return client.id, session.id


def test_changes_reads_and_exports_are_audited_with_who_and_which_client(tmp_path: Path) -> None:
    client_id, session_id = _scenario(tmp_path / "s")
    with Store.open(tmp_path / "s", PASS, user="nurse1") as store:
        events = store.audit_events()
        assert store.verify_audit() == []
        per_client = store.audit_events(client_id)
    actions = [e.action for e in events]
    for expected in ("create_store", "add_client", "start_session", "save_answer", "set_notes",
                     "read_client", "add_consent", "export", "unlock"):
        assert expected in actions
    assert {e.client_id for e in per_client} == {client_id}
    assert [e.action for e in per_client][:2] == ["add_client", "start_session"]
    assert events[-1].user == "nurse1" and events[0].user == "tester"
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert any(e.session_id == session_id for e in per_client)


def test_audit_details_hold_no_client_data(tmp_path: Path) -> None:
    _scenario(tmp_path / "s")
    with Store.open(tmp_path / "s", PASS) as store:
        text = " ".join(f"{e.action} {e.detail} {e.user}" for e in store.audit_events())
    for secret in ("Marker", "Persoon", "111222333", "geheime", "notitie", "moeder", "huisarts"):
        assert secret not in text


def test_the_audit_log_refuses_updates_and_deletes(tmp_path: Path) -> None:
    _scenario(tmp_path / "s")
    conn = raw_connection(tmp_path / "s")
    with pytest.raises(Exception, match="append-only"):
        conn.execute("UPDATE audit SET detail = 'x' WHERE seq = 2")
    with pytest.raises(Exception, match="append-only"):
        conn.execute("DELETE FROM audit WHERE seq = 2")
    conn.close()


def _tamper(folder: Path, sql: str) -> None:
    """Edit the log as someone with the key who hides the means: the append-only triggers are
    dropped for the edit and put back as they were (so only the chain can tell)."""
    conn = raw_connection(folder)
    triggers = [row[0] for row in conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'")]
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute(sql)
    for statement in triggers:
        conn.execute(statement)
    conn.close()


def test_an_edited_audit_event_is_detected(tmp_path: Path) -> None:
    _scenario(tmp_path / "s")
    _tamper(tmp_path / "s", "UPDATE audit SET user = 'someone else' WHERE seq = 3")
    with Store.open(tmp_path / "s", PASS) as store:
        problems = store.verify_audit()
        assert len(problems) == 1 and "3" in problems[0]
        assert store.check() == problems


def test_a_deleted_audit_event_is_detected(tmp_path: Path) -> None:
    _scenario(tmp_path / "s")
    _tamper(tmp_path / "s", "DELETE FROM audit WHERE seq = 4")
    with Store.open(tmp_path / "s", PASS) as store:
        assert store.verify_audit()


def test_deleting_the_last_audit_events_is_detected(tmp_path: Path) -> None:
    _scenario(tmp_path / "s")
    conn = raw_connection(tmp_path / "s")
    last = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    conn.close()
    _tamper(tmp_path / "s", f"DELETE FROM audit WHERE seq >= {last - 1}")
    with Store.open(tmp_path / "s", PASS) as store:
        assert store.verify_audit()


def test_record_event_needs_an_action(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store, pytest.raises(StoreError):
        store.record_event("  ")
