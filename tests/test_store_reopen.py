"""Reopening a completed session for a correction: only a completed one, audited, the completed
version kept and readable, the session a draft again and marked as corrected."""

from __future__ import annotations

from pathlib import Path

import pytest

from instruments.scoring import Decision
from storage.store import Store, StoreError
from store_testing import PASS, mini_form, new_store

DECIDED = Decision("risico", None, "laag", "verhoogd", "zorgen over slaap", "Anne")


def _completed(store: Store) -> tuple[str, str]:
    client = store.add_client("Rosa")
    session = store.start_session(client.id, mini_form())
    store.save_answer(session.id, "gezondheid.zorgen", 3, by="Anne")
    store.save_answer(session.id, "gezondheid.hulp", True)
    store.save_decision(session.id, DECIDED)
    store.set_notes(session.id, "Eerste versie")
    store.complete_session(session.id)
    return client.id, session.id


def test_a_completed_session_reopens_as_a_corrected_draft_and_keeps_its_completed_version(
        tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        client_id, sid = _completed(store)
        completed_at = store.get_session(sid).completed_at
        assert not store.get_session(sid).corrected
        assert store.reopen_session(sid, "Antwoord verkeerd ingevoerd", "Anne") == 1
        reopened = store.get_session(sid)
        assert reopened.state == "draft" and reopened.corrected
        assert reopened.completed_at is None
        # The draft can be changed again; the kept version does not follow.
        store.save_answer(sid, "gezondheid.zorgen", 1, by="Anne")
        store.set_notes(sid, "Gecorrigeerd")
    with Store.open(tmp_path / "s", PASS) as store:
        (kept,) = store.session_versions(sid)
        assert kept.version == 1 and kept.reason == "Antwoord verkeerd ingevoerd"
        assert kept.reopened_by == "Anne" and kept.completed_at == completed_at
        assert kept.answers == {"gezondheid.zorgen": 3, "gezondheid.hulp": True}
        assert kept.answered_by == {"gezondheid.zorgen": "Anne", "gezondheid.hulp": None}
        assert kept.decisions == [DECIDED]
        assert kept.notes == "Eerste versie"
        assert store.get_session(sid).answers["gezondheid.zorgen"] == 1
        events = [(e.action, e.detail) for e in store.audit_events(client_id)]
        assert ("reopen_session", "version=1") in events
        assert ("read_session_versions", "results=1") in events
        assert all("verkeerd" not in detail for _a, detail in events)


def test_a_second_correction_keeps_both_completed_versions_in_order(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        _client_id, sid = _completed(store)
        store.reopen_session(sid, "eerste correctie", "Anne")
        store.save_answer(sid, "gezondheid.zorgen", 2)
        store.complete_session(sid)
        assert store.get_session(sid).corrected  # stays marked after completing again
        assert store.reopen_session(sid, "tweede correctie", "Bas") == 2
        versions = store.session_versions(sid)
    assert [(v.version, v.reason, v.reopened_by) for v in versions] == [
        (1, "eerste correctie", "Anne"), (2, "tweede correctie", "Bas")]
    assert [v.answers["gezondheid.zorgen"] for v in versions] == [3, 2]


@pytest.mark.parametrize(("reason", "by"), [("", "Anne"), ("reden", " "), ("re\x00den", "A")])
def test_reopening_needs_a_completed_session_a_reason_and_who(
        tmp_path: Path, reason: str, by: str) -> None:
    with new_store(tmp_path / "s") as store:
        client = store.add_client("Rosa")
        draft = store.start_session(client.id, mini_form())
        with pytest.raises(StoreError, match=draft.id):
            store.reopen_session(draft.id, "reden", "Anne")
        _cid, sid = _completed(store)
        with pytest.raises(StoreError):
            store.reopen_session(sid, reason, by)
        assert store.get_session(sid).completed and store.session_versions(sid) == []
        assert store.session_versions(draft.id) == []


def test_erasing_a_client_erases_the_kept_versions_of_their_sessions(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        client_id, sid = _completed(store)
        store.reopen_session(sid, "correctie", "Anne")
        store.erase_client(client_id)
        with store._tx() as conn:
            left = conn.exec_driver_sql("SELECT count(*) FROM session_versions").scalar_one()
    assert left == 0
