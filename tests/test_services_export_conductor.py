"""Exports built from the store name who held the conversation as recorded at its start,
never whoever exports: the report's author and FHIR's author are the conductor; the exporter
is only in the audit and the metadata; a corrected session is marked as such."""

from __future__ import annotations

import json
from pathlib import Path

from export.fhir import questionnaire_response, to_json
from export_support import load_test_form, pdf_info, pdf_text, sample_answers
from instruments.scoring import decide, score
from services.export_jobs import SessionExporter, load_session_export
from services_support import LETTERHEAD, add_client, export_events, open_store
from storage.records import Conductor
from storage.store import Store

ANNE = Conductor(name="Anne Gespreksvoerder", role="jeugdverpleegkundige",
                 organisation="GGD Teststad", agb="12345678", phone="010 111 22 33",
                 email="anne@ggd.test")


def _completed(store: Store, conductor: Conductor | None = ANNE) -> str:
    loaded = load_test_form()
    client_id = add_client(store)
    session = store.start_session(client_id, loaded, conductor)
    for n, (item_id, value) in enumerate(sample_answers().items()):
        store.save_answer(session.id, item_id, value,  # type: ignore[arg-type]
                          by="Anne Gespreksvoerder" if n % 2 else None)
    result = score(loaded.form, sample_answers()).outcome("risk")  # type: ignore[arg-type]
    store.save_decision(session.id, decide(loaded.form, result, result.suggested))
    store.complete_session(session.id)
    return session.id


def test_the_export_input_carries_the_recorded_conductor_and_the_store_user_as_exporter(
        tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:  # the store's user is "tester"
        sid = _completed(store)
        data = load_session_export(store, sid, LETTERHEAD)
        session = data.session
        assert session.conductor is not None
        assert (session.conductor.name, session.conductor.agb) == ("Anne Gespreksvoerder",
                                                                  "12345678")
        assert session.exported_by == "tester" and session.exporter == "tester"
        assert session.answered_by == store.get_session(sid).answered_by
        assert "Anne Gespreksvoerder" in session.answered_by.values()
        assert not session.corrected


def test_the_report_author_is_the_conductor_and_the_exporter_is_never_the_author(
        tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        sid = _completed(store)
        exporter = SessionExporter(store, sid, LETTERHEAD)  # settings name "Anna de Vries"
        report = exporter.document("report")
        info = pdf_info(report)
        assert info["Author"].startswith("Anne Gespreksvoerder")
        assert "tester" not in info["Author"] and "Anna de Vries" not in info["Author"]
        assert "Anne Gespreksvoerder" in pdf_text(report)
        fhir = json.loads(exporter.document("fhir").decode("utf-8"))
        contained = json.dumps(fhir.get("contained", []))
        assert "Anne Gespreksvoerder" in contained and "tester" not in contained
        exporter.write("report", tmp_path / "verslag.pdf")
        (event,) = export_events(store)
        assert event.user == "tester"  # the exporter is audited as exporter


def test_a_reopened_session_exports_as_corrected(tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        sid = _completed(store)
        store.reopen_session(sid, "verkeerd antwoord", "tester")
        store.complete_session(sid)
        data = load_session_export(store, sid, LETTERHEAD)
        assert data.session.corrected
        response = json.loads(to_json(questionnaire_response(data.session, data.client)))
        assert response["status"] == "amended"


def test_a_session_without_a_recorded_conductor_never_takes_the_exporter(
        tmp_path: Path) -> None:
    with open_store(tmp_path / "s") as store:
        sid = _completed(store, conductor=None)
        data = load_session_export(store, sid, LETTERHEAD)
        assert data.session.conductor is None
        info = pdf_info(SessionExporter(store, sid, LETTERHEAD).document("report"))
        assert "tester" not in info.get("Author", "")
