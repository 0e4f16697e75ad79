"""`samenspraak selfcheck`: every check passes on this tree, failures are one line, and the
throw-away store never outlives the run nor touches the user's own store."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from ui.cli import selfcheck_cmd
from ui.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
CHECKS = ["version", "forms", "resources", "qt", "store", "client", "session", "answer",
          "letter", "preview", "speech", "fhir", "erase", "cleanup"]


@pytest.fixture(scope="module")
def selfcheck_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """One real run of the command in a fresh process, with its own temp folder and home."""
    base = tmp_path_factory.mktemp("selfcheck")
    temp, home = base / "tmp", base / "home"
    temp.mkdir()
    home.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               SAMENSPRAAK_STORE=str(home / "user-store"), QT_QPA_PLATFORM="offscreen")
    env.pop("SAMENSPRAAK_FORMS", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    proc = subprocess.run([sys.executable, "-m", "ui.cli.main", "selfcheck", "--lang", "en"],
                          capture_output=True, text=True, env=env, timeout=120, cwd=base)
    return proc, base


def test_selfcheck_passes_every_check_in_order(
        selfcheck_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    proc, _ = selfcheck_run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert all(line.startswith("ok ") for line in lines), proc.stdout
    names = [line.split()[1].rstrip(":") for line in lines]
    assert names == [*CHECKS, "selfcheck"]
    assert f"ok forms: {len(list((ROOT / 'forms').glob('*.yaml')))} loaded" in proc.stdout
    assert "platform offscreen" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_selfcheck_removes_its_store_and_leaves_the_users_store_alone(
        selfcheck_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    proc, base = selfcheck_run
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert list((base / "tmp").iterdir()) == []
    assert not (base / "home" / "user-store").exists()
    assert not (base / "home" / "data").exists()


def _broken_forms(folder: Path) -> Path:
    folder.mkdir()
    (folder / "kapot-1.0.0.yaml").write_text("id: kapot\nversion: [1\n", encoding="utf-8")
    return folder


def test_selfcheck_reports_a_broken_form_in_one_line_and_stops(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    forms = _broken_forms(tmp_path / "eigen-formulieren")
    code = main(["selfcheck", "--lang", "en", "--forms-dir", str(forms)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    failures = [line for line in out if line.startswith("FAIL ")]
    assert len(failures) == 1
    assert failures[0].startswith("FAIL forms: 1 problem(s) in the forms, first: ")
    assert re.search(r"kapot-1\.0\.0\.yaml:\d+:\d+: YAML", failures[0])
    assert out[-1].startswith("ok cleanup:")
    assert not any(line.startswith("ok store") for line in out)


def test_a_failing_check_still_closes_and_removes_the_temporary_store(
        qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def broken_letter(*_args: object, **_kwargs: object) -> bytes:
        raise RuntimeError("printer on fire")

    import export.letter

    monkeypatch.setattr(export.letter, "build_letter", broken_letter)
    code = main(["selfcheck", "--lang", "en"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert "FAIL letter: RuntimeError: printer on fire" in out
    assert not any(line.startswith(("ok fhir", "ok erase", "ok selfcheck")) for line in out)
    assert out[-1] == "ok cleanup: temporary store and folder removed"
    assert list(tmp_path.iterdir()) == []


def test_client_check_fails_when_the_name_is_readable_in_a_store_file(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "store.db").write_bytes(
        b"SQLite format 3\x00" + selfcheck_cmd.FICTIONAL_NAME.encode("utf-8"))
    record = SimpleNamespace(id="c1", name=selfcheck_cmd.FICTIONAL_NAME)
    store = SimpleNamespace(add_client=lambda *_a, **_k: record, get_client=lambda _id: record)
    state = selfcheck_cmd.CheckState(lang="en", forms_dir=None, folder=tmp_path, store=store)
    with pytest.raises(selfcheck_cmd.CheckFailed, match="readable in store.db"):
        selfcheck_cmd.check_client(state)


def test_failure_reason_names_the_underlying_cause() -> None:
    try:
        try:
            raise ValueError("no such table: sessions\nSQL: SELECT ...")
        except ValueError as inner:
            raise KeyError("database") from inner
    except KeyError as exc:
        reason = selfcheck_cmd._reason(exc)
    assert reason == "KeyError: 'database' (ValueError: no such table: sessions)"


def _state_with_letter(pdf: bytes) -> selfcheck_cmd.CheckState:
    return selfcheck_cmd.CheckState(lang="en", forms_dir=None, letter_pdf=pdf)


def test_preview_check_draws_the_letter_through_pdfium_and_fails_on_a_blank_page() -> None:
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    from export.letter import build_letter
    from export_support import client, consent, make_session

    letter = build_letter(make_session(), client(), [consent()], lang="en")
    assert selfcheck_cmd.check_preview(_state_with_letter(letter)).startswith(
        "1 page(s) of the letter drawn with PDFium")
    blank = BytesIO()
    canvas = Canvas(blank)
    canvas.showPage()
    canvas.save()
    with pytest.raises(selfcheck_cmd.CheckFailed, match="all white"):
        selfcheck_cmd.check_preview(_state_with_letter(blank.getvalue()))


def test_preview_check_fails_in_one_line_when_pdfium_cannot_load(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # as in a bundle without it
    assert not selfcheck_cmd._run("preview", selfcheck_cmd.check_preview,
                                  _state_with_letter(b"%PDF-1.4"))
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith("FAIL preview: ModuleNotFoundError")


def test_speech_check_loads_the_platforms_pyttsx3_driver() -> None:
    state = _state_with_letter(b"")
    detail = selfcheck_cmd.check_speech(state)
    module = f"pyttsx3.drivers.{selfcheck_cmd.speech_driver_name()}"
    assert module in detail and module in sys.modules


def test_speech_check_fails_when_the_driver_module_is_missing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selfcheck_cmd, "speech_driver_name", lambda: "not_bundled")
    with pytest.raises(selfcheck_cmd.CheckFailed,
                       match="speech driver pyttsx3.drivers.not_bundled is missing"):
        selfcheck_cmd.check_speech(_state_with_letter(b""))


def test_speech_check_fails_when_the_driver_needs_a_module_that_is_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyttsx3.drivers

    (tmp_path / "needs_more.py").write_text("import a_module_left_out_of_the_bundle\n")
    monkeypatch.setattr(pyttsx3.drivers, "__path__", [*pyttsx3.drivers.__path__, str(tmp_path)])
    monkeypatch.setattr(selfcheck_cmd, "speech_driver_name", lambda: "needs_more")
    with pytest.raises(ImportError):
        selfcheck_cmd.check_speech(_state_with_letter(b""))


def test_speech_check_passes_with_a_note_when_the_system_has_no_speech_library(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyttsx3.drivers

    (tmp_path / "no_library.py").write_text("raise RuntimeError('no libespeak-ng.so.1')\n")
    monkeypatch.setattr(pyttsx3.drivers, "__path__", [*pyttsx3.drivers.__path__, str(tmp_path)])
    monkeypatch.setattr(selfcheck_cmd, "speech_driver_name", lambda: "no_library")
    with pytest.raises(RuntimeError):  # a driver whose library comes with the system
        selfcheck_cmd.check_speech(_state_with_letter(b""))
    monkeypatch.setattr(selfcheck_cmd, "OPTIONAL_SPEECH_DRIVERS", frozenset({"no_library"}))
    detail = selfcheck_cmd.check_speech(_state_with_letter(b""))
    assert "system's speech is missing (no libespeak-ng.so.1): read-aloud is off" in detail
