"""Crash safety: a process saving answers is SIGKILLed at random moments (50 times); every
answer it reported as saved is there afterwards and the integrity check passes."""

from __future__ import annotations

from pathlib import Path

from crash_child import kill_rounds
from storage.store import Store
from store_testing import PASS, new_store


def test_answers_reported_saved_survive_fifty_sigkills(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    report = kill_rounds(folder, PASS, kills=50, seed=7)
    assert report.kills >= 50
    saved = sum(len(items) for items in report.reported.values())
    assert saved > 0
    with Store.open(folder, PASS) as store:
        assert store.check() == []
        sessions = {s.id: s for s in store.list_sessions()}
        for session_id, items in report.reported.items():
            assert session_id in sessions
            for item_id, value in items.items():
                assert sessions[session_id].answers.get(item_id) == value
