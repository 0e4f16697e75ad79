"""FHIR R4 (R4B models): the form as Questionnaire, a session as QuestionnaireResponse."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from export.fhir import (
    BSN_SYSTEM,
    CLIENT_SYSTEM,
    PARTICIPANT_VIEW,
    questionnaire,
    questionnaire_response,
    to_json,
)
from export_support import (
    CONDUCTOR,
    EXPORTER,
    HIDDEN_MARKER,
    LETTERHEAD,
    SHOWN_MARKER,
    client,
    make_session,
    shipped_form_file,
    shipped_session,
)
from fhir_schema import schema_errors, schema_version
from instruments.loader import load_form_file


def _link_ids(items: list[dict]) -> set[str]:
    found: set[str] = set()
    for item in items:
        found.add(item["linkId"])
        found |= _link_ids(item.get("item", []))
    return found


def test_questionnaire_json_validates_and_holds_every_item() -> None:
    session = make_session()
    text = to_json(questionnaire(session.loaded))
    parsed = Questionnaire.model_validate_json(text)  # raises when invalid
    data = json.loads(text)
    assert parsed.version == "1.2.0"
    assert data["identifier"][0]["value"] == session.loaded.content_hash
    expected = {full_id for full_id, _, _ in session.form.all_items()}
    assert expected <= _link_ids(data["item"])


def test_conditions_become_enable_when() -> None:
    data = json.loads(to_json(questionnaire(make_session().loaded)))
    health = next(i for i in data["item"] if i["linkId"] == "health")
    concern_text = next(i for i in health["item"] if i["linkId"] == "health.concern_text")
    codes = {e["answerCoding"]["code"] for e in concern_text["enableWhen"]}
    assert codes == {"3", "4", "5"}
    assert concern_text["enableBehavior"] == "any"


def test_response_validates_and_leaves_hidden_answers_out() -> None:
    session = make_session()
    text = to_json(questionnaire_response(session, client()))
    response = QuestionnaireResponse.model_validate_json(text)
    assert response.status == "completed"
    assert HIDDEN_MARKER not in text
    assert SHOWN_MARKER in text
    data = json.loads(text)
    linked = _link_ids(data["item"])
    assert "health.concern_text" not in linked
    assert "housing.concern_text" in linked
    assert set(session.visible) - {"health.actions"} <= linked  # an empty action list has no answer


def test_response_marks_a_declined_answer_without_a_value() -> None:
    data = json.loads(to_json(questionnaire_response(make_session())))
    support = next(i for i in data["item"] if i["linkId"] == "support")
    need = next(i for i in support["item"] if i["linkId"] == "support.need")
    assert "answer" not in need
    assert need["extension"][0]["valueCode"] == "asked-declined"


def test_shipped_prespark_becomes_a_valid_questionnaire() -> None:
    loaded = load_form_file(shipped_form_file("prespark"))
    text = to_json(questionnaire(loaded))
    Questionnaire.model_validate_json(text)
    groups = json.loads(text)["item"]
    assert len([g for g in groups if g["type"] == "group"]) >= 13


# ----- valid in R4B and against the HL7 FHIR R4 JSON schema ---------------------------------------

SHIPPED = ["alpha-nl", "balansmeter", "giz-multidisciplinair",
           "giz-signalering", "giz-uitgebreid", "prespark", "spark18",
           "spark36", "spark60"]


def _valid(resource: Questionnaire | QuestionnaireResponse) -> dict[str, Any]:
    """The exported JSON, checked by fhir.resources R4B and by the R4 JSON schema."""
    text = to_json(resource)
    type(resource).model_validate_json(text)
    data: dict[str, Any] = json.loads(text)
    assert schema_errors(data) == []
    return data


def test_the_vendored_schema_is_the_fhir_r4_one() -> None:
    assert schema_version() == "http://hl7.org/fhir/json-schema/4.0"


def test_the_schema_check_catches_an_invalid_response() -> None:
    data = json.loads(to_json(questionnaire_response(make_session(), client())))
    data["status"] = "finished"
    data["authorName"] = "x"
    errors = schema_errors(data)
    assert any(e.startswith("status:") for e in errors)
    assert any("authorName" in e for e in errors)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_form_and_its_response_are_valid_fhir_r4(name: str) -> None:
    session = shipped_session(name)
    form_data = _valid(questionnaire(session.loaded))
    response = _valid(questionnaire_response(session, client()))
    assert _link_ids(response.get("item", [])) <= _link_ids(form_data["item"])


@pytest.mark.parametrize("variant", ["draft", "corrected", "no_bsn", "no_client", "no_conductor",
                                     "english"])
def test_every_kind_of_response_is_valid_fhir_r4(variant: str) -> None:
    session, who, lang = make_session(decided="laag", reason="Goed netwerk"), client(), "nl"
    if variant == "draft":
        session = replace(session, state="draft", completed_at=None, decisions=())
    elif variant == "corrected":
        session = replace(session, corrected=True)
    elif variant == "no_bsn":
        who = replace(who, bsn=None)
    elif variant == "no_client":
        who = None
    elif variant == "no_conductor":
        session = replace(session, conductor=None)
    else:
        lang = "en"
    data = _valid(questionnaire_response(session, who, lang=lang))
    assert _link_ids(data.get("item", [])) <= _link_ids(
        _valid(questionnaire(session.loaded, lang=lang))["item"])


# ----- who -------------------------------------------------------------------------------------------


def test_author_is_the_conductor_as_a_contained_practitioner_role() -> None:
    session = replace(make_session(), letterhead=replace(LETTERHEAD, professional=EXPORTER))
    data = _valid(questionnaire_response(session, client()))
    assert data["author"]["reference"] == "#conductor-role"
    assert data["author"]["display"] == CONDUCTOR.name
    contained = {r["resourceType"]: r for r in data["contained"]}
    role, person = contained["PractitionerRole"], contained["Practitioner"]
    assert role["practitioner"]["reference"] == f"#{person['id']}"
    assert role["code"][0]["text"] == CONDUCTOR.role
    assert role["organization"]["display"] == CONDUCTOR.organisation
    assert person["name"][0]["text"] == CONDUCTOR.name
    assert {"system": "http://fhir.nl/fhir/NamingSystem/agb-z",
            "value": CONDUCTOR.agb} in person["identifier"]
    assert {"system": "email", "value": CONDUCTOR.email} in person["telecom"]
    assert EXPORTER not in json.dumps(data)  # the exporter is audited, never the author


def test_without_a_recorded_conductor_there_is_no_author_at_all() -> None:
    session = replace(make_session(), conductor=None,
                      letterhead=replace(LETTERHEAD, professional="demo-professional"))
    data = _valid(questionnaire_response(session, client()))
    assert "author" not in data and "contained" not in data
    assert "demo-professional" not in json.dumps(data)


def test_a_self_report_has_the_patient_as_source() -> None:
    data = _valid(questionnaire_response(shipped_session("alpha-nl"), client()))
    assert data["source"]["identifier"] == {"system": BSN_SYSTEM, "value": "111222333"}
    assert data["source"]["type"] == "Patient"
    conversation = _valid(questionnaire_response(shipped_session("prespark"), client()))
    assert "source" not in conversation


def test_subject_is_identified_by_bsn_else_by_the_app_client_id() -> None:
    session = make_session(client_id="c-42")
    with_bsn = _valid(questionnaire_response(session, client()))
    assert with_bsn["subject"]["identifier"] == {"system": BSN_SYSTEM, "value": "111222333"}
    assert with_bsn["subject"]["display"] == "Fatma Yılmaz"
    without = _valid(questionnaire_response(session, replace(client(), bsn=None)))
    assert without["subject"]["identifier"] == {"system": CLIENT_SYSTEM, "value": "c-42"}
    alone = _valid(questionnaire_response(session))
    assert alone["subject"] == {"type": "Patient",
                                "identifier": {"system": CLIENT_SYSTEM, "value": "c-42"}}


# ----- what -------------------------------------------------------------------------------------------


def _answers(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for item in data.get("item", []):
        if "answer" in item:
            found[item["linkId"]] = item["answer"]
        found.update(_answers(item))
    return found


def test_response_holds_the_decision_the_suggestion_the_override_and_the_notes() -> None:
    session = make_session(decided="laag", reason="Goed netwerk")  # suggestion is 'hoog'
    answers = _answers(_valid(questionnaire_response(session, client())))
    assert answers["_assessment.risk.decided"][0]["valueCoding"]["code"] == "laag"
    assert answers["_assessment.risk.suggested"][0]["valueCoding"]["code"] == "hoog"
    assert answers["_assessment.risk.overridden"] == [{"valueBoolean": True}]
    assert answers["_assessment.risk.reason"] == [{"valueString": "Goed netwerk"}]
    assert answers["_assessment.risk.decided_by"] == [{"valueString": "Anna de Vries"}]
    assert answers["_notes"] == [{"valueString": "Moeder wil graag hulp bij de administratie."}]


def test_giz_decisions_are_in_the_response_per_side() -> None:
    session = shipped_session("giz-signalering")
    answers = _answers(_valid(questionnaire_response(session, client())))
    for decision in session.decisions:
        link = f"_assessment.{decision.outcome_id}.{decision.scope}.decided"
        assert answers[link][0]["valueCoding"]["code"] == decision.decided


def test_a_draft_response_is_in_progress_without_decisions() -> None:
    draft = replace(make_session(), state="draft", completed_at=None)
    data = _valid(questionnaire_response(draft, client()))
    assert data["status"] == "in-progress"
    assert not any(k.startswith("_assessment") for k in _answers(data))


def test_a_corrected_session_is_amended() -> None:
    data = _valid(questionnaire_response(replace(make_session(), corrected=True), client()))
    assert data["status"] == "amended"
    assert _valid(questionnaire_response(make_session(), client()))["status"] == "completed"


def test_multidisciplinary_answers_name_who_gave_them() -> None:
    session = shipped_session("giz-multidisciplinair")
    data = _valid(questionnaire_response(session, client()))
    authors: dict[str, str] = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            for ext in item.get("extension", []):
                if ext["url"].endswith("questionnaireresponse-author"):
                    authors[item["linkId"]] = ext["valueReference"]["display"]
            walk(item.get("item", []))

    walk(data["item"])
    assert authors
    assert all(authors[k] == session.answered_by[k] for k in authors)


def _views_in(data: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """linkId -> author display -> the sub-extensions of each participant-view extension."""
    found: dict[str, dict[str, dict[str, Any]]] = {}

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            for ext in item.get("extension", []):
                if ext["url"] == PARTICIPANT_VIEW:
                    parts = {p["url"]: p for p in ext["extension"]}
                    found.setdefault(item["linkId"], {})[
                        parts["author"]["valueReference"]["display"]] = parts
            walk(item.get("item", []))

    walk(data.get("item", []))
    return found


def test_each_participants_view_is_an_attributed_extension_beside_the_shared_answer() -> None:
    session = shipped_session("giz-multidisciplinair")
    data = _valid(questionnaire_response(session, client()))
    views = _views_in(data)
    assert set(views) == set(session.views)
    for item_id, by_name in session.views.items():
        assert set(views[item_id]) == set(by_name)
        for name, view in by_name.items():
            parts = views[item_id][name]
            assert parts["value"]["valueCoding"]["code"] == str(view.value)
            assert parts.get("note", {}).get("valueString", "") == view.note
    answers = _answers(data)
    first = next(iter(session.views))
    # The answer is the shared conclusion only, however the participants saw it.
    assert [a["valueCoding"]["code"] for a in answers[first]] == [str(session.answers[first])]


def test_views_without_a_shared_conclusion_stay_views_and_the_response_stays_valid() -> None:
    session = shipped_session("giz-multidisciplinair", decide=False)
    first = next(iter(session.views))
    session = replace(session, state="draft", completed_at=None,
                      answers={k: v for k, v in session.answers.items() if k != first})
    data = _valid(questionnaire_response(session, client()))
    assert first not in _answers(data) and set(_views_in(data)[first]) == set(
        session.views[first])
