"""`samenspraak export ...` against a real encrypted store: consent check, files, audit."""

from __future__ import annotations

from pathlib import Path

import pyreadstat
import pytest

from export_support import HIDDEN_MARKER, load_test_form, pdf_text, sample_answers
from instruments.scoring import decide, score
from storage.store import Store
from store_testing import FAST_KDF, PASS
from ui.cli.main import main


@pytest.fixture
def stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A store with one completed session (with a planted hidden answer); returns (folder, id)."""
    folder = tmp_path / "store"
    loaded = load_test_form()
    with Store.create(folder, PASS, kdf=FAST_KDF) as store:
        client = store.add_client("Ayşe Kaya", referrer="Verloskundigenpraktijk De Wieg")
        session = store.start_session(client.id, loaded)
        for item_id, value in sample_answers().items():
            store.save_answer(session.id, item_id, value)  # type: ignore[arg-type]
        result = score(loaded.form, sample_answers()).outcome("risk")  # type: ignore[arg-type]
        store.save_decision(session.id, decide(loaded.form, result, "hoog"))
        store.complete_session(session.id)
    monkeypatch.setenv("SAMENSPRAAK_PASSPHRASE", PASS)
    monkeypatch.setenv("SAMENSPRAAK_ORGANISATION", "JGZ Voorbeeldstad")
    monkeypatch.setenv("SAMENSPRAAK_PROFESSIONAL", "Anna de Vries")
    return folder, session.id


def _exports(folder: Path) -> list[str]:
    with Store.open(folder, PASS) as store:
        return [e.detail for e in store.audit_events() if e.action == "export"]


def test_letter_without_consent_is_one_line_error_and_no_file(
        stored: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, session_id = stored
    out = tmp_path / "brief.pdf"
    code = main(["export", "letter", "--store", str(folder), "--session", session_id,
                 "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "toestemming" in err
    assert "Traceback" not in err
    assert not out.exists()
    assert _exports(folder) == []


def test_letter_with_consent_is_written_and_audited(
        stored: tuple[Path, str], tmp_path: Path) -> None:
    folder, session_id = stored
    with Store.open(folder, PASS) as store:
        consent = store.add_consent(session_id, given_by="moeder",
                                    recipient="Verloskundigenpraktijk De Wieg",
                                    scope="gesprek,uitkomst")
    out = tmp_path / "brief.pdf"
    assert main(["export", "letter", "--store", str(folder), "--session", session_id,
                 "--out", str(out)]) == 0
    text = " ".join(pdf_text(out.read_bytes()).split())
    assert "Ayşe Kaya" in text and "hoog risico" in text and "Anna de Vries" in text
    # The letter event names its recipient and the consent it went out under.
    assert _exports(folder) == [
        f"kind=letter recipient=Verloskundigenpraktijk_De_Wieg consent={consent.id}"]


@pytest.mark.parametrize("kind,name", [("report", "verslag.pdf"), ("fhir", "qr.json"),
                                       ("bds", "bds.json")])
def test_session_exports_are_written_audited_and_hold_no_hidden_answer(
        stored: tuple[Path, str], tmp_path: Path, kind: str, name: str) -> None:
    folder, session_id = stored
    out = tmp_path / name
    assert main(["export", kind, "--store", str(folder), "--session", session_id,
                 "--out", str(out)]) == 0
    data = out.read_bytes()
    text = pdf_text(data) if name.endswith(".pdf") else data.decode("utf-8")
    assert HIDDEN_MARKER not in text
    assert "Wonen en geld" in text
    assert len(_exports(folder)) == 1


def test_period_exports_csv_spss_and_management(
        stored: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, _ = stored
    monkeypatch.setenv("SAMENSPRAAK_RESEARCH_KEY", "a research key of enough length")
    period = ["--from", "2000-01-01", "--to", "2100-12-31"]
    for kind, name in (("csv", "d.csv"), ("spss", "d.sav")):
        assert main(["export", kind, "--store", str(folder), "--form", "export-test", *period,
                     "--out", str(tmp_path / name)]) == 0
    assert (tmp_path / "d.csv").read_text().count("\n") == 2  # header + one session
    _, meta = pyreadstat.read_sav(str(tmp_path / "d.sav"))
    assert meta.number_rows == 1
    assert main(["export", "management", "--store", str(folder), *period,
                 "--out", str(tmp_path / "m.pdf")]) == 0
    assert "Afgeronde gesprekken: 1" in pdf_text((tmp_path / "m.pdf").read_bytes())
    details = _exports(folder)
    assert [d.split()[0] for d in details] == ["kind=csv", "kind=spss", "kind=management"]
    assert all("Kaya" not in d for d in details)


def test_research_export_needs_a_key(stored: tuple[Path, str], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder, _ = stored
    monkeypatch.delenv("SAMENSPRAAK_RESEARCH_KEY", raising=False)
    code = main(["export", "csv", "--store", str(folder), "--form", "export-test",
                 "--from", "2000-01-01", "--to", "2100-12-31", "--out", str(tmp_path / "d.csv")])
    assert code == 2
    assert "SAMENSPRAAK_RESEARCH_KEY" in capsys.readouterr().err
    assert not (tmp_path / "d.csv").exists()


def test_form_questionnaire_needs_no_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAMENSPRAAK_PASSPHRASE", raising=False)
    out = tmp_path / "q.json"
    assert main(["export", "fhir", "--form", str(load_test_form().path), "--out", str(out)]) == 0
    assert '"resourceType": "Questionnaire"' in out.read_text(encoding="utf-8")


def test_spss_without_pyreadstat_is_one_line_error_and_no_file(
        stored: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    folder, _ = stored
    monkeypatch.setenv("SAMENSPRAAK_RESEARCH_KEY", "a research key of enough length")
    monkeypatch.setitem(sys.modules, "pyreadstat", None)  # as in a bundle built without it
    code = main(["export", "spss", "--store", str(folder), "--form", "export-test",
                 "--from", "2000-01-01", "--to", "2100-12-31", "--out", str(tmp_path / "d.sav")])
    assert code == 2
    err = capsys.readouterr().err
    assert "SPSS" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "d.sav").exists()
