"""FHIR R4 (R4B models): the form as Questionnaire, a session as QuestionnaireResponse."""

from __future__ import annotations

import json

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from export.fhir import questionnaire, questionnaire_response, to_json
from export_support import HIDDEN_MARKER, SHOWN_MARKER, client, make_session
from instruments.loader import load_form_file
from instruments.paths import shipped_forms_dir


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
    loaded = load_form_file(shipped_forms_dir() / "prespark-2.0.0.yaml")
    text = to_json(questionnaire(loaded))
    Questionnaire.model_validate_json(text)
    groups = json.loads(text)["item"]
    assert len([g for g in groups if g["type"] == "group"]) >= 13
