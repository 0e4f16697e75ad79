"""Nothing is lost when the app is killed mid-form: a child process fills in an ALPHA-NL
through the real self-report window, is SIGKILLed, and every answer it reported saved is in
the store when it is reopened; the reopened self-report goes on at the next question."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from selfreport_support import answer_button, click, dispose, make_session, open_window
from storage.store import Store
from store_testing import PASS

KILL_AFTER = 9  # answers reported before the kill


def test_a_kill_mid_form_loses_no_saved_answer_and_the_form_resumes(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "store"
    store, session_id = make_session(folder)
    store.close()
    env = dict(os.environ, SAMENSPRAAK_PASSPHRASE=PASS, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")]))
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "selfreport_child.py"), str(folder), session_id,
         "tr"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    reported: dict[str, object] = {}
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first.startswith("pid "), first
        while len(reported) < KILL_AFTER:
            line = child.stdout.readline()
            assert line.startswith("saved "), f"child stopped early: {line!r}"
            _, item_id, value = line.rstrip("\n").split(" ", 2)
            reported[item_id] = json.loads(value)
        child.send_signal(signal.SIGKILL)  # mid-form: it is still answering
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    reopened = Store.open(folder, PASS)
    try:
        answers = reopened.get_session(session_id).answers
        for item_id, value in reported.items():
            assert answers.get(item_id) == value, item_id
        assert len(answers) < 29  # killed before the end of the form
        # Restarted: she picks her language again and goes on where she stopped.
        window = open_window(reopened, session_id)
        try:
            click(qtbot, window.language_page.buttons["tr"])
            click(qtbot, window.intro_page.start_button)
            order = [q.item_id for q in window.flow.visible()]
            assert window.current == order[len(answers)]
            assert set(order[:len(answers)]) == set(answers)
            click(qtbot, answer_button(window, True if window.flow.question(
                window.current).item.type.value == "yes_no" else 1))
            assert window.current in reopened.get_session(session_id).answers
        finally:
            dispose(window)
    finally:
        reopened.close()
