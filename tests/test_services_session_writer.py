"""The one write path (no widgets): every answer checked once and saved with who answered,
failures reported as SaveFailed with nothing kept, what changed returned and announced; the
self-report's discussion writes through it as the professional."""

from __future__ import annotations

from pathlib import Path

import pytest

from export_support import shipped_form_file
from instruments.loader import load_form_file
from services.changes import Changes
from services.discussion import Discussion
from services.opened_session import open_session, start_session
from services.session_writer import CLIENT, SaveFailed
from store_testing import new_store


def _alpha(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = new_store(tmp_path / "store")
    client = store.add_client("Fictieve Cliënt")
    started = start_session(store, client.id, load_form_file(shipped_form_file("alpha-nl")))
    assert started.started and started.client_id == client.id
    assert started.session_id is not None
    return store, started.session_id


def test_each_answer_is_saved_with_who_gave_it_and_says_what_changed(tmp_path: Path) -> None:
    store, session_id = _alpha(tmp_path)
    opened = open_session(store, session_id)
    heard: list[Changes] = []
    opened.writer.on_change(heard.append)
    changes = opened.writer.save_answer("childhood.childhood_hard", 5, by=CLIENT)
    assert changes.answers == {"childhood.childhood_hard"} and changes.session_list
    assert heard == [changes]
    Discussion(opened).save_answer("discussion.referral_jgz", True)
    stored = store.get_session(session_id)
    assert stored.answers == {"childhood.childhood_hard": 5, "discussion.referral_jgz": True}
    assert stored.answered_by == {"childhood.childhood_hard": CLIENT,
                                  "discussion.referral_jgz": "tester"}
    store.close()


def test_a_value_the_item_does_not_allow_is_refused_and_nothing_is_kept(tmp_path: Path) -> None:
    store, session_id = _alpha(tmp_path)
    writer = open_session(store, session_id).writer
    heard: list[Changes] = []
    writer.on_change(heard.append)
    with pytest.raises(SaveFailed):
        writer.save_answer("childhood.childhood_hard", 99, by=CLIENT)
    assert "childhood.childhood_hard" not in writer.answers
    assert store.get_session(session_id).answers == {}
    assert heard == []
    store.close()


def test_the_discussion_completes_and_a_completed_session_refuses_every_answer(
        tmp_path: Path) -> None:
    store, session_id = _alpha(tmp_path)
    opened = open_session(store, session_id)
    discussion = Discussion(opened)
    notes = discussion.save_notes("Besproken.")
    assert notes.notes and notes.answers == {"discussion.notes"}
    assert discussion.complete().completed
    assert discussion.read_only
    with pytest.raises(SaveFailed) as refused:
        opened.writer.save_answer("childhood.childhood_hard", 2, by=CLIENT)
    assert refused.value.reason("nl") and "Besproken" not in str(refused.value)
    assert store.get_session(session_id).completed
    store.close()


def test_the_agenda_puts_the_flagged_topic_first_without_a_display(tmp_path: Path) -> None:
    store, session_id = _alpha(tmp_path)
    store.save_answer(session_id, "childhood.childhood_hard", 5)
    agenda = Discussion(open_session(store, session_id)).agenda
    assert [t.domain.id for t in agenda.flagged] == ["childhood"]
    assert "childhood" not in {t.domain.id for t in agenda.others}
    store.close()


def test_the_conversation_saves_each_answer_with_the_professional_at_the_keyboard(
        tmp_path: Path) -> None:
    from services.conversation import SessionController
    from services_support import new_store, start

    store = new_store(tmp_path)
    session_id, _loaded = start(store)
    writer = open_session(store, session_id).writer
    controller = SessionController(writer, user=writer.professional)
    controller.set_answer("health.concern", 3)
    assert store.get_session(session_id).answered_by == {"health.concern": "tester"}
    store.close()


def test_an_answer_is_checked_once_on_its_way_to_the_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import instruments.answers
    import services.conversation
    import services.session_writer
    import storage.sessions

    store, session_id = _alpha(tmp_path)
    opened = open_session(store, session_id)
    calls: list[str] = []
    real = instruments.answers.check_value

    def counted(form, item_id, item, value):  # type: ignore[no-untyped-def]
        calls.append(item_id)
        return real(form, item_id, item, value)

    monkeypatch.setattr(instruments.answers, "check_value", counted)
    # storage.sessions imports it when saving (from instruments.answers, patched above); a
    # module-level copy there would be counted too:
    monkeypatch.setattr(storage.sessions, "check_value", counted, raising=False)
    # Wherever else on the path a check could sit (none should):
    monkeypatch.setattr(services.session_writer, "check_value", counted, raising=False)
    monkeypatch.setattr(services.conversation, "check_value", counted, raising=False)
    opened.writer.save_answer("childhood.childhood_hard", 5, by=CLIENT)
    assert calls == ["childhood.childhood_hard"]
    with pytest.raises(SaveFailed):
        opened.writer.save_answer("childhood.childhood_hard", 99, by=CLIENT)
    assert store.get_session(session_id).answers == {"childhood.childhood_hard": 5}
