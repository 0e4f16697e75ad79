"""The command line's exports and listings, audited: a refused letter is one line with a
non-zero exit and an "export_refused" event; a Questionnaire export, the consent list and the
audit view leave their own event; the CSV takes the language's separator or `--delimiter`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from export_support import load_test_form, sample_answers
from storage.store import Store
from store_testing import FAST_KDF, PASS
from ui.cli.main import main

REFERRER = "Verloskundigenpraktijk De Wieg"
PERIOD = ["--from", "2000-01-01", "--to", "2100-12-31"]


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A store with one draft session that the parent agreed to share with the referrer."""
    folder = tmp_path / "store"
    loaded = load_test_form()
    with Store.create(folder, PASS, kdf=FAST_KDF) as store:
        client = store.add_client("Ayşe Kaya", referrer=REFERRER)
        session = store.start_session(client.id, loaded)
        for item_id, value in sample_answers().items():
            store.save_answer(session.id, item_id, value)  # type: ignore[arg-type]
        store.add_consent(session.id, given_by="moeder", recipient=REFERRER,
                          scope="gesprek,uitkomst", kind="verwijzer")
    monkeypatch.setenv("SAMENSPRAAK_PASSPHRASE", PASS)
    monkeypatch.setenv("SAMENSPRAAK_PROFESSIONAL", "Anna de Vries")
    return folder, session.id


def _events(folder: Path, action: str) -> list[str]:
    with Store.open(folder, PASS) as store:
        return [e.detail for e in store.audit_events() if e.action == action]


def test_a_letter_from_a_draft_is_refused_in_one_line_audited_and_writes_nothing(
        draft: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, session_id = draft
    out = tmp_path / "brief.pdf"
    code = main(["export", "letter", "--store", str(folder), "--session", session_id,
                 "--out", str(out)])
    err = capsys.readouterr().err
    assert code != 0
    assert len(err.strip().splitlines()) == 1 and "concept" in err and "Traceback" not in err
    assert not out.exists() and list(tmp_path.glob(".brief.pdf.*")) == []
    (refused,) = _events(folder, "export_refused")
    assert refused.startswith("kind=letter recipient=Verloskundigenpraktijk_De_Wieg consent=")
    assert refused.endswith(" reason=draft")
    assert _events(folder, "export") == []


def test_a_letter_to_a_recipient_without_a_referrer_consent_is_refused_and_audited(
        draft: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, session_id = draft
    code = main(["export", "letter", "--store", str(folder), "--session", session_id,
                 "--recipient", "JGZ-dossier", "--out", str(tmp_path / "brief.pdf")])
    assert code != 0 and len(capsys.readouterr().err.strip().splitlines()) == 1
    (refused,) = _events(folder, "export_refused")
    assert refused.startswith("kind=letter recipient=JGZ-dossier consent= reason=")


def test_a_questionnaire_export_is_audited_in_the_store(
        draft: tuple[Path, str], tmp_path: Path) -> None:
    folder, _ = draft
    out = tmp_path / "q.json"
    assert main(["export", "fhir", "--store", str(folder), "--form",
                 str(load_test_form().path), "--out", str(out)]) == 0
    assert out.exists()
    form = load_test_form().form
    assert _events(folder, "export") == [
        f"kind=fhir-questionnaire form={form.id} version={form.version}"]


def test_the_consent_list_and_the_audit_view_are_themselves_audited(
        draft: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    folder, session_id = draft
    assert main(["consent", "list", "--store", str(folder), "--session", session_id]) == 0
    assert "verwijzer" in capsys.readouterr().out
    assert _events(folder, "list_consents") == ["results=1"]
    with Store.open(folder, PASS) as store:
        client_id = store.get_session(session_id).client_id
    assert main(["audit", "--store", str(folder), "--client", client_id]) == 0
    with Store.open(folder, PASS) as store:
        views = [e for e in store.audit_events() if e.action == "read_audit"]
    assert [(e.client_id, e.detail.startswith("results=")) for e in views] == [(client_id, True)]


def test_consent_add_records_the_referrer_kind(
        draft: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    folder, session_id = draft
    assert main(["consent", "add", "--store", str(folder), "--session", session_id,
                 "--recipient", "JGZ-dossier", "--scope", "gesprek"]) == 0
    assert main(["consent", "add", "--store", str(folder), "--session", session_id,
                 "--recipient", "Huisarts Bos", "--scope", "gesprek", "--kind",
                 "verwijzer"]) == 0
    with Store.open(folder, PASS) as store:
        kinds = {c.recipient: c.kind for c in store.consents(session_id=session_id)}
    assert kinds == {REFERRER: "verwijzer", "JGZ-dossier": "", "Huisarts Bos": "verwijzer"}


def _completed(folder: Path, session_id: str) -> None:
    from instruments.scoring import decide, score

    loaded = load_test_form()
    with Store.open(folder, PASS) as store:
        result = score(loaded.form, sample_answers()).outcome("risk")  # type: ignore[arg-type]
        store.save_decision(session_id, decide(loaded.form, result, "hoog"))
        store.complete_session(session_id)


@pytest.mark.parametrize(("extra", "lang", "delimiter", "bom"), [
    ([], "nl", ";", True), ([], "en", ",", False), (["--delimiter", "tab"], "nl", "\t", True),
    (["--delimiter", ","], "nl", ",", True)])
def test_the_csv_takes_the_language_separator_or_the_delimiter_option(
        draft: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        extra: list[str], lang: str, delimiter: str, bom: bool) -> None:
    folder, session_id = draft
    _completed(folder, session_id)
    monkeypatch.setenv("SAMENSPRAAK_RESEARCH_KEY", "a research key of enough length")
    out = tmp_path / "d.csv"
    assert main(["export", "csv", "--store", str(folder), "--form", "export-test", *PERIOD,
                 "--lang", lang, *extra, "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == bom
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))
    assert len(rows) == 2 and len(rows[0]) > 5 and len(rows[1]) == len(rows[0])


def test_the_csv_header_of_an_empty_period_is_the_header_of_a_full_one(
        draft: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, session_id = draft
    _completed(folder, session_id)
    monkeypatch.setenv("SAMENSPRAAK_RESEARCH_KEY", "a research key of enough length")
    forms_dir = str(load_test_form().path.parent)
    headers = []
    for name, period in (("full.csv", PERIOD), ("empty.csv", ["--from", "2001-01-01",
                                                             "--to", "2001-12-31"])):
        out = tmp_path / name
        assert main(["export", "csv", "--store", str(folder), "--form", "export-test",
                     "--forms-dir", forms_dir, *period, "--out", str(out)]) == 0
        headers.append(out.read_bytes().decode("utf-8-sig").splitlines())
    assert len(headers[1]) == 1 and headers[1][0] == headers[0][0]


def test_a_bad_delimiter_is_refused_before_anything_is_read(
        draft: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, _ = draft
    with pytest.raises(SystemExit) as caught:
        main(["export", "csv", "--store", str(folder), "--form", "export-test", *PERIOD,
              "--delimiter", ";;", "--out", str(tmp_path / "d.csv")])
    assert caught.value.code != 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_refused_period_export_is_audited_without_its_key(
        draft: tuple[Path, str], tmp_path: Path) -> None:
    from datetime import date

    from export.inputs import Letterhead
    from services.export_jobs import ExportError, PeriodRequest, write_period_export

    folder, _ = draft
    request = PeriodRequest(kind="csv", start=date(2026, 1, 1), end=date(2026, 12, 31),
                            form_id="export-test", letterhead=Letterhead("", ""),
                            key=b"short")
    with Store.open(folder, PASS) as store, pytest.raises(ExportError):
        write_period_export(store, request, tmp_path / "d.csv")
    assert not (tmp_path / "d.csv").exists()
    (refused,) = _events(folder, "export_refused")
    assert refused == "kind=csv form=export-test reason=exportui.error.key_short"
