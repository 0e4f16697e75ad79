"""Number and multi-choice answers in every document: the report, FHIR and the BDS mapping say
'12 sigaretten per dag' and 'Slapen, Geld', never a bare list, and never crash."""

from __future__ import annotations

import json
from pathlib import Path

from export.bds import bds_mapping
from export.fhir import questionnaire, questionnaire_response
from export.report import build_report
from export_support import client, pdf_text, session_for
from fhir_schema import schema_errors
from instruments.loader import load_form_file
from instruments.model import localize
from instruments.paths import example_forms_dir
from instruments.result_text import answer_text

VISIT = load_form_file(example_forms_dir() / "voorbeeld-huisbezoek-0.2.0.yaml")
ANSWERS: dict[str, object] = {
    "zwangerschap.weeks": 24,
    "zwangerschap.cigarettes": 12,
    "onderwerpen.mother_topics": [1, 4],
    "onderwerpen.partner_topics": [5],
    "onderwerpen.agreed": ["Folder over stoppen met roken"],
}


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_answers_read_with_their_unit_and_labels() -> None:
    form = VISIT.form
    assert answer_text(form, "zwangerschap.cigarettes", 12) == "12 sigaretten per dag"
    assert answer_text(form, "zwangerschap.cigarettes", 12, "en") == "12 cigarettes a day"
    assert answer_text(form, "onderwerpen.mother_topics", [1, 4]) == "Slapen, Geld"
    assert answer_text(form, "zwangerschap.cigarettes", "__declined__") == "liever niet zeggen"


def test_the_report_shows_numbers_with_units_and_choices_by_label() -> None:
    text = _flat(pdf_text(build_report(session_for(VISIT, ANSWERS), client())))
    for expected in ("24 weken", "12 sigaretten per dag", "Slapen, Geld", "Steun van anderen",
                     "Folder over stoppen met roken",
                     "Voorbeeldformulier in eigen woorden; geen officieel instrument."):
        assert expected in text, expected
    assert "[1, 4]" not in text


def test_fhir_carries_numbers_as_integers_and_choices_as_codings_and_validates() -> None:
    session = session_for(VISIT, ANSWERS)
    form_data = json.loads(questionnaire(VISIT).model_dump_json())
    assert schema_errors(form_data) == []
    items = {i["linkId"]: i for g in form_data["item"] for i in g.get("item", [])}
    weeks = items["zwangerschap.weeks"]
    assert weeks["type"] == "integer"
    limits = {e["url"].rsplit("/", 1)[1]: e for e in weeks["extension"]}
    assert limits["minValue"]["valueInteger"] == 4 and limits["maxValue"]["valueInteger"] == 42
    assert limits["questionnaire-unit"]["valueCoding"]["display"] == "weken"
    topics = items["onderwerpen.mother_topics"]
    assert topics["type"] == "choice" and topics["repeats"] is True
    data = json.loads(questionnaire_response(session, client()).model_dump_json())
    assert schema_errors(data) == []
    answers = {i["linkId"]: i["answer"] for g in data["item"] for i in g.get("item", [])}
    assert answers["zwangerschap.cigarettes"] == [{"valueInteger": 12}]
    assert [a["valueCoding"]["code"] for a in answers["onderwerpen.mother_topics"]] == ["1", "4"]
    assert answers["onderwerpen.mother_topics"][1]["valueCoding"]["display"] == "Geld"


def test_the_bds_mapping_says_the_number_with_its_unit_and_the_choices_by_label() -> None:
    mapping = bds_mapping(session_for(VISIT, ANSWERS), client())
    text = json.dumps(mapping, ensure_ascii=False)
    assert "12 sigaretten per dag" in text and "Slapen, Geld" in text


def test_the_example_health_forms_report_from_the_store_has_its_spider_web(
        tmp_path: Path) -> None:
    """The user's path: a session of the example form started in the store, answered through
    the one write path, completed, and its report written by the export service."""
    from services.export_jobs import load_session_export, write_session_export
    from services.session_writer import CLIENT, SessionWriter
    from services_support import LETTERHEAD, new_store

    loaded = load_form_file(example_forms_dir() / "voorbeeld-gezondheid-0.2.0.yaml")
    store = new_store(tmp_path)
    try:
        client_id = store.add_client("Fictieve Cliënt").id
        record = store.start_session(client_id, loaded)
        writer = SessionWriter(store, store.get_session(record.id), loaded.form)
        domains = loaded.form.counted_domains()
        for n, domain in enumerate(domains[:4]):
            writer.save_answer(f"{domain.id}.score", 3 + n, by=CLIENT)
        writer.save_answer(f"{domains[4].id}.score", "__declined__", by=CLIENT)
        writer.complete()
        out = tmp_path / "verslag.pdf"
        write_session_export(store, load_session_export(store, record.id, LETTERHEAD),
                             "report", out)
        text = _flat(pdf_text(out.read_bytes()))
        assert "Uw cijfers" in text  # the chart's title
        assert f"{localize(domains[0].title, 'nl')} 3 " in text  # a mark once, not "3 3"
        assert " 3 3 " not in text
        assert f"{localize(domains[4].title, 'nl')} (liever niet gezegd)" in text
        assert f"{localize(domains[5].title, 'nl')} (niet beantwoord)" in text
        assert any(e.action == "export" for e in store.audit_events())
    finally:
        store.close()


def test_research_data_has_the_number_and_a_yes_no_column_per_option(tmp_path: Path) -> None:
    import csv
    import io

    import pyreadstat

    from export.research import DECLINED_CODE, research_table, to_csv, write_sav

    declined = {**ANSWERS, "zwangerschap.cigarettes": "__declined__"}
    unanswered = {k: v for k, v in ANSWERS.items() if k != "onderwerpen.mother_topics"}
    sessions = [session_for(VISIT, a, session_id=f"s{n}", client_id=f"c{n}")
                for n, a in enumerate((ANSWERS, declined, unanswered))]
    table = research_table(sessions, b"k" * 32, "en")
    rows = list(csv.DictReader(io.StringIO(to_csv(table).decode("utf-8"))))
    assert [r["zwangerschap_cigarettes"] for r in rows] == ["12", str(DECLINED_CODE), "12"]
    assert [r["zwangerschap_weeks"] for r in rows] == ["24", "24", "24"]
    # Chosen 1 and 4 of the topics: 1 for those, 0 for the others; unanswered: all empty.
    mother = sorted(k for k in rows[0] if k.startswith("onderwerpen_mother_topics_"))
    assert [rows[0][k] for k in mother] == ["1" if k.endswith(("_1", "_4")) else "0"
                                            for k in mother]
    assert {rows[2][k] for k in mother} == {""}
    assert "Folder" not in to_csv(table).decode("utf-8")  # agreed actions stay out
    target = tmp_path / "r.sav"
    write_sav(table, target)
    frame, meta = pyreadstat.read_sav(str(target), user_missing=True)
    assert meta.variable_measure["zwangerschap_weeks"] == "scale"
    assert "cigarettes a day" in meta.column_names_to_labels["zwangerschap_cigarettes"]
    assert list(frame["zwangerschap_cigarettes"]) == [12.0, float(DECLINED_CODE), 12.0]
