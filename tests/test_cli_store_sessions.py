"""`session list`, `session import` (answers from a paper form) and `demo --store DIR`."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import storage.store
from instruments.loader import load_catalog
from storage.store import Store
from store_testing import FAST_KDF, PASS, new_store
from ui.cli.demo_cmd import demo_answers
from ui.cli.main import main


@pytest.fixture(autouse=True)
def _cheap_kdf_and_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage.store, "DEFAULT_KDF", FAST_KDF)
    monkeypatch.setenv("SAMENSPRAAK_PASSPHRASE", PASS)
    monkeypatch.delenv("SAMENSPRAAK_STORE", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_makes_sessions_in_every_state_some_with_consent(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "demo")
    code, out, err = run(capsys, "demo", "--store", store, "--clients", "5")
    assert code == 0, err
    code, out, _ = run(capsys, "session", "list", "--json", "--store", store)
    sessions = json.loads(out)
    assert code == 0
    assert {s["state"] for s in sessions} == {"draft", "completed"}
    assert any(s["state"] == "draft" and s["answers"] == 0 for s in sessions)
    assert any(s["state"] == "draft" and s["answers"] > 0 for s in sessions)
    assert any(s["consent"] for s in sessions)
    assert any(s["state"] == "completed" and not s["consent"] for s in sessions)
    with Store.open(tmp_path / "demo", PASS) as opened:
        assert len(opened.search_clients()) == 5
        completed = [s for s in opened.list_sessions() if s.completed]
        assert completed and all(s.decisions or not opened.session_form(s).outcomes
                                 for s in completed)
        withdrawn = [c for c in opened.consents() if not c.active]
        assert withdrawn
        assert opened.check() == []
    code, _, err = run(capsys, "demo", "--store", store)
    assert code == 2 and err.count("\n") == 1


def test_session_import_saves_paper_answers_as_a_new_session(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog, _ = load_catalog()
    loaded = catalog.latest("balansmeter") or catalog.all()[0]
    answers = demo_answers(loaded.form, random.Random(1), 0.5)
    answers_file = tmp_path / "answers.json"
    answers_file.write_text(json.dumps(answers))
    with new_store(tmp_path / "s") as s:
        client = s.add_client("Vera")
    store = str(tmp_path / "s")
    code, out, err = run(capsys, "session", "import", "--client", client.id, "--form",
                         loaded.form.id, "--answers", str(answers_file), "--store", store)
    assert code == 0, err
    session_id = out.strip()
    code, out, _ = run(capsys, "session", "list", "--client", client.id, "--json",
                       "--store", store)
    (listed,) = json.loads(out)
    assert (listed["id"], listed["form_id"], listed["form_version"], listed["state"]) == (
        session_id, loaded.form.id, loaded.form.version, "draft")
    assert listed["consent"] is False
    with Store.open(tmp_path / "s", PASS) as opened:
        assert opened.get_session(session_id).answers == answers
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"no.such_item": 1}))
    code, _, err = run(capsys, "session", "import", "--client", client.id, "--form",
                       loaded.form.id, "--answers", str(bad), "--store", store)
    assert code == 2 and "Traceback" not in err
    code, _, err = run(capsys, "session", "import", "--client", "nobody", "--form",
                       loaded.form.id, "--answers", str(answers_file), "--store", store)
    assert code == 2 and err.count("\n") == 1
