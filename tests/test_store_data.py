"""Clients, sessions saved answer by answer, decisions, draft migration, consent, retention."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from instruments.answers import DECLINED
from instruments.conditions import visibility
from instruments.scoring import Decision
from storage.bsn import bsn_valid
from storage.errors import InvalidInput, RecordNotFound
from storage.store import ConsentMissing, Store
from store_testing import PASS, mini_form, new_store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with new_store(tmp_path / "s") as opened:
        yield opened


@pytest.mark.parametrize(("bsn", "ok"), [
    ("111222333", True), ("123456782", True), ("12345678", False), ("11122233", False),
    ("123456789", False), ("000000000", False), ("12345678a", False), ("1234567820", False),
])
def test_bsn_eleven_test(bsn: str, ok: bool) -> None:
    assert bsn_valid(bsn) is ok


def test_a_client_with_an_invalid_bsn_is_refused_without_echoing_it(store: Store) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.add_client("Dirk", bsn="123456789")
    assert "123456789" not in str(caught.value)
    assert store.add_client("Dirk", bsn="111222333").bsn == "111222333"


def test_client_fields_round_trip_and_update(store: Store) -> None:
    # Due in a month; then born two days ago (birth dates are never in the future).
    due, born = date.today() + timedelta(days=30), date.today() - timedelta(days=2)
    client = store.add_client("  Eva   Jansen ", due_date=due, referrer="verloskundige")
    assert client.name == "Eva Jansen" and client.due_date == due
    updated = store.update_client(client.id, birth_date=born, name="Eva Bakker")
    assert (updated.name, updated.birth_date, updated.due_date) == (
        "Eva Bakker", born, due)
    with pytest.raises(InvalidInput):
        store.update_client(client.id, colour="blue")
    with pytest.raises(RecordNotFound):
        store.get_client("nope")


def test_client_search_ignores_case_and_accents(store: Store) -> None:
    for name in ("Zoë van Dijk", "Chloé Müller", "Anna Zoet", "Piet 50%_korting"):
        store.add_client(name)
    assert [c.name for c in store.search_clients("ZOË V")] == ["Zoë van Dijk"]
    assert [c.name for c in store.search_clients("zoe")] == ["Anna Zoet", "Zoë van Dijk"]
    assert [c.name for c in store.search_clients("muller")] == ["Chloé Müller"]
    assert [c.name for c in store.search_clients("%_")] == ["Piet 50%_korting"]
    assert len(store.search_clients("")) == 4
    assert len(store.search_clients("", limit=2)) == 2


def test_every_saved_answer_is_committed_at_once(store: Store, tmp_path: Path) -> None:
    client = store.add_client("Femke")
    session = store.start_session(client.id, mini_form())
    store.save_answer(session.id, "gezondheid.zorgen", 3)
    # A second connection (another Store on the same folder) sees it without a close.
    with Store.open(tmp_path / "s", PASS) as other:
        assert other.get_session(session.id).answers == {"gezondheid.zorgen": 3}
    store.save_answer(session.id, "gezondheid.toelichting", DECLINED, by="jgz")
    store.save_answer(session.id, "gezondheid.zorgen", 2)
    got = store.get_session(session.id)
    assert got.answers == {"gezondheid.zorgen": 2, "gezondheid.toelichting": DECLINED}
    assert got.answered_by["gezondheid.toelichting"] == "jgz"
    assert (got.form_id, got.form_version, got.form_hash) == (
        "mini", "1.0.0", mini_form().content_hash)
    assert got.form_text == mini_form().source


def test_a_wrong_answer_is_refused_without_its_value_in_the_message(store: Store) -> None:
    session = store.start_session(store.add_client("Gijs").id, mini_form())
    with pytest.raises(InvalidInput) as caught:
        store.save_answer(session.id, "gezondheid.zorgen", "SECRET-TEXT")
    assert "SECRET-TEXT" not in str(caught.value)
    with pytest.raises(InvalidInput):
        store.save_answer(session.id, "gezondheid.zorgen", 9)
    with pytest.raises(InvalidInput):
        store.save_answer(session.id, "nergens.item", 1)
    assert store.get_session(session.id).answers == {}


def test_hidden_answers_stay_stored(store: Store) -> None:
    loaded = mini_form()
    session = store.start_session(store.add_client("Hanna").id, loaded)
    store.save_answer(session.id, "gezondheid.zorgen", 3)
    store.save_answer(session.id, "gezondheid.hulp", True)
    store.save_answer(session.id, "gezondheid.zorgen", 1)  # hides 'hulp'
    answers = store.get_session(session.id).answers
    assert answers["gezondheid.hulp"] is True
    assert visibility(loaded.form, answers)["gezondheid.hulp"] is False


def test_clear_answer_position_notes_and_completion(store: Store) -> None:
    session = store.start_session(store.add_client("Ivo").id, mini_form())
    store.save_answer(session.id, "gezondheid.zorgen", 2)
    store.clear_answer(session.id, "gezondheid.zorgen")
    store.set_position(session.id, "gezondheid")
    store.set_notes(session.id, "besproken")
    store.complete_session(session.id)
    got = store.get_session(session.id)
    assert got.answers == {} and got.position == "gezondheid" and got.notes == "besproken"
    assert got.state == "completed" and got.completed_at is not None
    with pytest.raises(InvalidInput):
        store.save_answer(session.id, "gezondheid.zorgen", 1)


def test_decisions_keep_suggestion_and_reason_and_replace_per_outcome(store: Store) -> None:
    session = store.start_session(store.add_client("Jan").id, mini_form())
    with pytest.raises(InvalidInput):
        store.save_decision(session.id, Decision("risk", None, "laag", "hoog"))
    store.save_decision(session.id, Decision("risk", None, "laag", "laag"))
    store.save_decision(session.id, Decision("risk", None, "laag", "hoog", "zorg om veiligheid",
                                             "jgz"))
    store.save_decision(session.id, Decision("gom", "gezondheid", "a", "a"))
    decisions = store.get_session(session.id).decisions
    assert Decision("risk", None, "laag", "hoog", "zorg om veiligheid", "jgz") in decisions
    assert Decision("gom", "gezondheid", "a", "a") in decisions
    assert len(decisions) == 2


def test_moving_a_draft_to_a_newer_version_keeps_answers_to_removed_items(store: Store) -> None:
    session = store.start_session(store.add_client("Kim").id, mini_form("1.0.0"))
    store.save_answer(session.id, "gezondheid.oud", "van vroeger")
    store.save_answer(session.id, "gezondheid.zorgen", 2)
    moved = store.migrate_session(session.id, mini_form("1.1.0"))
    assert moved.form_version == "1.1.0" and moved.migrated_from == ["1.0.0"]
    assert moved.form_hash == mini_form("1.1.0").content_hash
    assert moved.answers == {"gezondheid.oud": "van vroeger", "gezondheid.zorgen": 2}
    assert store.removed_item_answers(moved) == {"gezondheid.oud": "van vroeger"}
    store.save_answer(session.id, "gezondheid.nieuw", "ja")
    with pytest.raises(InvalidInput):
        store.migrate_session(session.id, mini_form("1.0.0"))


def test_sessions_are_listed_per_client(store: Store) -> None:
    a, b = store.add_client("Lotte"), store.add_client("Mees")
    first = store.start_session(a.id, mini_form())
    second = store.start_session(a.id, mini_form("1.1.0"))
    store.start_session(b.id, mini_form())
    assert {s.id for s in store.list_sessions(a.id)} == {first.id, second.id}
    assert len(store.list_sessions()) == 3


def test_consent_is_recorded_and_can_be_withdrawn(store: Store) -> None:
    client = store.add_client("Noor")
    session = store.start_session(client.id, mini_form())
    with pytest.raises(ConsentMissing):
        store.require_consent(session.id)
    consent = store.add_consent(session.id, given_by="moeder", recipient="verloskundige",
                                scope="terugkoppeling")
    assert consent.active and consent.client_id == client.id
    assert store.require_consent(session.id, "Verloskundige").id == consent.id
    withdrawn = store.withdraw_consent(consent.id, note="telefonisch")
    assert not withdrawn.active and withdrawn.withdrawal_note == "telefonisch"
    with pytest.raises(InvalidInput):
        store.withdraw_consent(consent.id)
    with pytest.raises(ConsentMissing):
        store.require_consent(session.id)
    assert store.consents(client_id=client.id) == [withdrawn]


def test_clients_past_retention_are_listed(store: Store) -> None:
    old = store.add_client("Oud")
    store.add_client("Nieuw")
    today = date.today()
    far = today.replace(year=today.year + 21)
    assert {c.id for c in store.clients_past_retention(20, today=far)} >= {old.id}
    assert store.clients_past_retention(20) == []


def test_a_prespark_1_0_0_draft_moves_to_the_newest_version_with_every_answer_kept(
        store: Store) -> None:
    from export_support import full_answers, shipped_form_file
    from instruments.answers import check_value
    from instruments.loader import load_form_file, load_form_text
    from instruments.paths import shipped_forms_dir

    old_file = shipped_forms_dir() / "superseded" / "prespark-1.0.0.yaml"
    old = load_form_text(old_file.read_text(encoding="utf-8"), str(old_file))  # as stored
    new = load_form_file(shipped_form_file("prespark"))
    session = store.start_session(store.add_client("Kim").id, old)
    given = full_answers(old)
    for item_id, value in given.items():
        store.save_answer(session.id, item_id, value)
    moved = store.migrate_session(session.id, new)
    assert moved.form_version == new.form.version
    # Nothing lost: every answer is there, under its id or kept apart as '<id>~1.0.0'.
    assert sorted(moved.answers.values(), key=repr) == sorted(given.values(), key=repr)
    kept_apart = store.removed_item_answers(moved)
    index = new.form.item_index()
    for item_id, value in moved.answers.items():
        if item_id in index:  # an answer to a current item fits that item
            assert check_value(new.form, item_id, index[item_id][1], value) == value
        else:
            assert kept_apart[item_id] == value
    assert any(i.endswith(".help_needed") for i in kept_apart)
