"""Who held a conversation is recorded at its start and read back with the session; the
version 4 migration leaves older sessions without one (unknown, never made up)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import migrations
from storage.migrations import BACKUP_FOLDER
from storage.records import Conductor
from storage.store import Store, StoreError
from store_testing import PASS, back_to_version_1, mini_form, new_store, raw_connection

ANNE = Conductor(name="Anne de Vries", role="jeugdverpleegkundige", organisation="GGD Test",
                 agb="12345678", big="", phone="030 123 45 67", email="a.devries@ggd.test")


def test_a_session_keeps_who_held_it_as_recorded_at_its_start(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        client = store.add_client("Rosa")
        started = store.start_session(client.id, mini_form(), ANNE)
        assert started.conductor == ANNE
        other = store.start_session(client.id, mini_form())
    with Store.open(tmp_path / "s", PASS) as store:
        assert store.get_session(started.id).conductor == ANNE
        assert store.get_session(other.id).conductor is None
        listed = {s.id: s.conductor for s in store.list_sessions(client.id)}
        assert listed == {started.id: ANNE, other.id: None}
        start_events = [e for e in store.audit_events(client.id) if e.action == "start_session"]
        assert [e.detail.endswith("conductor=1") for e in start_events] == [True, False]
        assert all("Anne" not in e.detail for e in store.audit_events())


def test_a_conductor_without_a_name_or_with_control_characters_is_refused(
        tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        client = store.add_client("Rosa")
        for bad in (Conductor(name="  "), Conductor(name="Anne", phone="030\x1b[2J")):
            with pytest.raises(StoreError):
                store.start_session(client.id, mini_form(), bad)
        assert store.list_sessions(client.id) == []


def test_the_version_4_migration_backs_up_and_keeps_older_sessions_and_consents_unknown(
        tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        client = store.add_client("Rosa")
        session = store.start_session(client.id, mini_form())
        store.save_answer(session.id, "gezondheid.zorgen", 2)
        consent = store.add_consent(session.id, given_by="moeder", recipient="JGZ-dossier",
                                    scope="verslag")
    back_to_version_1(folder)
    with Store.open(folder, PASS) as store:
        assert store.check() == []
        again = store.get_session(session.id)
        assert again.conductor is None and not again.corrected
        assert again.answers == {"gezondheid.zorgen": 2}
        assert [c.kind for c in store.consents(session_id=session.id)] == [""]
        assert store.consents()[0].id == consent.id
        assert store.session_versions(session.id) == []
    conn = raw_connection(folder)
    assert conn.execute("SELECT version FROM schema_version").fetchone()[0] == \
        migrations.latest_version() >= 4
    conn.close()
    assert len(list((folder / BACKUP_FOLDER).glob("store-v1-*.db"))) == 1


def test_a_consent_records_its_kind_and_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        client = store.add_client("Rosa")
        session = store.start_session(client.id, mini_form())
        given = store.add_consent(session.id, given_by="moeder", recipient="Verloskundige Bos",
                                  scope="terugkoppeling", kind="verwijzer")
        assert given.kind == "verwijzer"
        with pytest.raises(StoreError):
            store.add_consent(session.id, given_by="moeder", recipient="x", scope="y",
                              kind="huisarts")
        assert [c.kind for c in store.consents(session_id=session.id)] == ["verwijzer"]
        event = [e for e in store.audit_events(client.id) if e.action == "add_consent"][-1]
        assert event.detail == f"consent={given.id} kind=verwijzer"
