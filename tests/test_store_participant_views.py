"""Each participant's own view per factor of a multidisciplinary GIZ, beside the shared
conclusion: saved, read back after reopening, kept with a corrected version and in a backup,
erased with the client, audited without names, never scored."""

from __future__ import annotations

from pathlib import Path

import pytest

from export_support import shipped_form_file
from instruments.loader import load_form_file
from instruments.participant_views import ParticipantView
from instruments.scoring import score
from services.session_writer import SaveFailed, SessionWriter
from storage.errors import InvalidInput
from storage.store import Store
from store_testing import PASS, new_store, raw_connection

ROOT = Path(__file__).resolve().parents[1]
MULTI = shipped_form_file("giz-multidisciplinair")
MULTI_1_1 = ROOT / "forms" / "superseded" / "giz-multidisciplinair-1.1.0.yaml"


def _draft(store: Store) -> tuple[str, str, str]:
    """A client with a multidisciplinary GIZ draft; returns (client, session, a status item)."""
    loaded = load_form_file(MULTI)
    client = store.add_client("Fictief Kind")
    session = store.start_session(client.id, loaded)
    status = loaded.form.view_items()[0]
    return client.id, session.id, status


def test_the_multidisciplinary_giz_takes_a_view_per_participant_on_every_factor_status() -> None:
    form = load_form_file(MULTI).form
    assert form.version == "1.2.0"
    assert form.view_items() == [f"{d.id}.status" for d in form.counted_domains()]
    assert load_form_file(shipped_form_file("giz-uitgebreid")).form.view_items() == []


def test_two_participants_views_and_the_shared_conclusion_are_kept_apart(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        _, sid, status = _draft(store)
        store.save_participant_view(sid, status, "Anne Arts", 1, "eet goed")
        store.save_participant_view(sid, status, "Bram  Buurtteam", 3, "")
        store.save_answer(sid, status, 2, by="Anne Arts")
    with Store.open(tmp_path / "s", PASS) as store:
        record = store.get_session(sid)
    assert record.participant_views == {status: {
        "Anne Arts": ParticipantView(1, "eet goed"), "Bram Buurtteam": ParticipantView(3, "")}}
    assert record.answers == {status: 2}  # the conclusion is neither view


def test_a_view_is_replaced_and_cleared_without_touching_the_conclusion(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        _, sid, status = _draft(store)
        store.save_answer(sid, status, 1)
        store.save_participant_view(sid, status, "Anne Arts", 2, "eerst")
        store.save_participant_view(sid, status, "Anne Arts", 3, "later")
        assert store.get_session(sid).participant_views[status] == {
            "Anne Arts": ParticipantView(3, "later")}
        store.clear_participant_view(sid, status, "Anne Arts")
        record = store.get_session(sid)
    assert record.participant_views == {} and record.answers == {status: 1}


@pytest.mark.parametrize(("item", "name", "value"), [
    ("status", "Anne", 7),  # not on the scale
    ("nature", "Anne", "tekst"),  # an item that takes no views
    ("status", "   ", 1),  # no name
    ("status", "An\u202ene", 1),  # a bidi control in the name
])
def test_a_view_that_does_not_fit_is_refused(tmp_path: Path, item: str, name: str,
                                              value: object) -> None:
    with new_store(tmp_path / "s") as store:
        _, sid, status = _draft(store)
        with pytest.raises(InvalidInput):
            store.save_participant_view(sid, status.replace("status", item), name, value)
        assert store.get_session(sid).participant_views == {}


def test_views_are_audited_by_item_without_the_participants_name(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        client_id, sid, status = _draft(store)
        store.save_participant_view(sid, status, "Anne Arts", 2, "zorgen om slapen")
        store.clear_participant_view(sid, status, "Anne Arts")
        events = [e for e in store.audit_events(client_id) if "participant_view" in e.action]
    assert [(e.action, e.detail) for e in events] == [
        ("save_participant_view", f"item={status}"), ("clear_participant_view", f"item={status}")]
    assert all("Anne" not in e.detail and "slapen" not in e.detail for e in events)


def test_a_completed_session_takes_no_views(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        _, sid, status = _draft(store)
        store.complete_session(sid)
        with pytest.raises(InvalidInput):
            store.save_participant_view(sid, status, "Anne Arts", 2)


def test_reopening_keeps_the_views_with_the_completed_version(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        _, sid, status = _draft(store)
        store.save_participant_view(sid, status, "Anne Arts", 2, "")
        store.complete_session(sid)
        store.reopen_session(sid, "correctie", "Anne Arts")
        store.save_participant_view(sid, status, "Anne Arts", 3, "na overleg")
        kept = store.session_versions(sid)[0]
        now = store.get_session(sid)
    assert kept.participant_views == {status: {"Anne Arts": ParticipantView(2, "")}}
    assert now.participant_views == {status: {"Anne Arts": ParticipantView(3, "na overleg")}}


def test_erasing_the_client_erases_their_participant_views(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        client_id, sid, status = _draft(store)
        store.save_participant_view(sid, status, "Anne Arts", 2, "")
        store.erase_client(client_id)
    conn = raw_connection(tmp_path / "s")
    try:
        assert conn.execute("SELECT count(*) FROM participant_views").fetchone()[0] == 0
    finally:
        conn.close()


def test_a_backup_carries_the_views(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        _, sid, status = _draft(store)
        store.save_participant_view(sid, status, "Anne Arts", 3, "")
        store.backup(tmp_path / "b.ssb", "een andere lange zin")
    with Store.restore(tmp_path / "b.ssb", "een andere lange zin", tmp_path / "r",
                       PASS) as store:
        assert store.get_session(sid).participant_views == {
            status: {"Anne Arts": ParticipantView(3, "")}}


def test_a_1_1_draft_moves_to_1_2_with_every_answer_kept_and_then_takes_views(
        tmp_path: Path) -> None:
    old = load_form_file(MULTI_1_1)
    with new_store(tmp_path / "s") as store:
        client = store.add_client("Fictief Kind")
        sid = store.start_session(client.id, old).id
        given = {"introductie.participants": "Anne Arts\nBram Buurtteam"}
        for domain in old.form.counted_domains()[:3]:
            given[f"{domain.id}.status"] = 3
            given[f"{domain.id}.nature"] = "iets"
        for item_id, value in given.items():
            store.save_answer(sid, item_id, value, by="Anne Arts")
        with pytest.raises(InvalidInput):  # 1.1.0 had no views
            store.save_participant_view(sid, next(iter(k for k in given if "status" in k)),
                                        "Anne Arts", 1)
        moved = store.migrate_session(sid, load_form_file(MULTI))
        assert moved.form_version == "1.2.0" and moved.answers == given
        assert set(moved.answered_by.values()) == {"Anne Arts"}
        status = next(k for k in given if k.endswith(".status"))
        store.save_participant_view(sid, status, "Bram Buurtteam", 1)
        assert store.get_session(sid).participant_views == {
            status: {"Bram Buurtteam": ParticipantView(1, "")}}


def test_only_the_shared_conclusion_is_scored_never_a_view(tmp_path: Path) -> None:
    loaded = load_form_file(MULTI)
    with new_store(tmp_path / "s") as store:
        _, sid, _ = _draft(store)
        record = store.get_session(sid)
        writer = SessionWriter(store, record, loaded.form)
        factors = loaded.form.counted_domains()
        for domain in factors:  # everyone sees a concern everywhere...
            for name in ("Anne Arts", "Bram Buurtteam"):
                writer.save_view(f"{domain.id}.status", name, 3, "")
        for domain in factors:  # ...but together it goes well
            writer.save_answer(f"{domain.id}.status", 1, by="Anne Arts")
        before = score(loaded.form, {f"{d.id}.status": 1 for d in factors})
        after = score(loaded.form, store.get_session(sid).answers)
    assert [o.suggested for o in after.outcomes] == [o.suggested for o in before.outcomes]
    assert {o.suggested for o in after.outcomes} == {"positieve_bevestiging"}


def test_the_writer_saves_and_clears_views_and_names_them_in_its_changes(tmp_path: Path) -> None:
    loaded = load_form_file(MULTI)
    with new_store(tmp_path / "s") as store:
        _, sid, status = _draft(store)
        writer = SessionWriter(store, store.get_session(sid), loaded.form)
        seen = []
        writer.on_change(seen.append)
        changes = writer.save_view(status, "Anne Arts", 2, "let op")
        assert changes.views == {status} and changes.answers == frozenset()
        assert writer.view(status, "Anne Arts") == ParticipantView(2, "let op")
        assert writer.save_view(status, "Anne Arts", None).views == {status}
        assert writer.view(status, "Anne Arts") is None and len(seen) == 2
        with pytest.raises(SaveFailed):
            writer.save_view(status, "Anne Arts", 9)
        assert writer.views == {}


def _tiny(attributed: bool, item_type: str = "scale") -> str:
    from tiny_forms import TINY_HEAD

    scale = "scale: s, " if item_type == "scale" else ""
    return TINY_HEAD + (f"attributed: {str(attributed).lower()}\n" + "domains:\n"
                        "  - id: d\n    title: {nl: D}\n    items:\n"
                        f"      - {{key: q, type: {item_type}, {scale}step: p, views: true, "
                        "text: {nl: Vraag}}\n")


def test_the_loader_refuses_views_outside_an_attributed_form_or_on_a_text_item() -> None:
    from instruments.loader import FormError, load_form_text

    assert load_form_text(_tiny(True), stored=False).form.view_items() == ["d.q"]
    with pytest.raises(FormError, match="not 'attributed: true'"):
        load_form_text(_tiny(False), stored=False)
    with pytest.raises(FormError, match="only a scale or choice item takes 'views'"):
        load_form_text(_tiny(True, "text"), stored=False)
