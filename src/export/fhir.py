"""FHIR R4 (via fhir.resources.R4B): the form as a Questionnaire, a session as a
QuestionnaireResponse. Both are built as model objects (validated) and returned as JSON; the
tests also check them against the HL7 FHIR R4 JSON schema.

The response names who held the conversation (a contained Practitioner and PractitionerRole as
`author`, never whoever exports), the patient as `source` of a self-report, the subject by BSN
or else by the app's client id, and carries the professional's decisions and the notes as
answers to the Questionnaire's assessment group (`_assessment`, `_notes`).

In a multidisciplinary form each answer names who gave it (`questionnaireresponse-author`),
and each participant's own view on an item is an extension of the item (PARTICIPANT_VIEW:
`author` with the name as display, `value` the coding, `note`), never an answer: the answer
is the shared conclusion alone, which is what the suggestion was worked out from."""

from __future__ import annotations

import json
import re
from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from export.inputs import ClientInfo, LoadedFormLike, Professional, SessionInput
from export.summary import level_label
from export.times import local
from instruments.answers import DECLINED, AnswerValue
from instruments.i18n import tr
from instruments.model import (
    Comparison,
    Condition,
    Domain,
    Form,
    Item,
    ItemType,
    Outcome,
    localize,
)

BASE = "urn:samenspraak"
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
ITEM_AUTHOR = "http://hl7.org/fhir/StructureDefinition/questionnaireresponse-author"
# One participant's own view on an item (not the shared answer): a complex extension of ours.
PARTICIPANT_VIEW = f"{BASE}:participant-view"
BSN_SYSTEM = "http://fhir.nl/fhir/NamingSystem/bsn"
AGB_SYSTEM = "http://fhir.nl/fhir/NamingSystem/agb-z"
BIG_SYSTEM = "http://fhir.nl/fhir/NamingSystem/big"
# The app's own client id, when there is no BSN: a URI of our own, stable per store.
CLIENT_SYSTEM = f"{BASE}:client"
ASSESSMENT = "_assessment"
NOTES = "_notes"
OPERATORS = {"eq": "=", "ne": "!=", "gt": ">", "ge": ">=", "lt": "<", "le": "<="}
NEGATED = {"eq": "!=", "ne": "="}


def canonical(form: Form) -> str:
    return f"{BASE}:form:{form.id}"


def scale_system(form: Form, scale_id: str) -> str:
    return f"{BASE}:form:{form.id}:scale:{scale_id}"


def _fhir_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]", "-", text)[:64]


def _item_type(item: Item) -> str:
    if item.type == ItemType.NUMBER:
        return "integer" if item.decimals == 0 else "decimal"
    return {
        ItemType.SCALE: "choice",
        ItemType.CHOICE: "choice",
        ItemType.MULTI_CHOICE: "choice",
        ItemType.YES_NO: "boolean",
        ItemType.TEXT: "text",
        ItemType.ACTIONS: "string",
    }[item.type]


def _number_value(item: Item, value: float) -> dict[str, Any]:
    """A number as FHIR's valueInteger or valueDecimal, by the item's decimals."""
    if item.decimals == 0:
        return {"valueInteger": int(value)}
    return {"valueDecimal": float(value)}


def _number_limits(item: Item, lang: str) -> list[dict[str, Any]]:
    """A number item's range and unit as the standard Questionnaire extensions."""
    assert item.min is not None and item.max is not None
    out = [{"url": MIN_VALUE, **_number_value(item, item.min)},
           {"url": MAX_VALUE, **_number_value(item, item.max)}]
    if item.unit:
        out.append({"url": UNIT, "valueCoding": {"display": localize(item.unit, lang)}})
    return out


# ----- Questionnaire ---------------------------------------------------------------------------


def questionnaire(loaded: LoadedFormLike, lang: str = "nl") -> Questionnaire:
    """The form as a validated Questionnaire model."""
    form = loaded.form
    data: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": _fhir_id(f"{form.id}-{form.version}"),
        "url": canonical(form),
        "identifier": [{"system": f"{BASE}:form-hash", "value": loaded.content_hash}],
        "version": form.version,
        "name": re.sub(r"[^A-Za-z0-9]", "", form.id.title()) or "Form",
        "title": localize(form.title, lang),
        "status": "active",
        "language": lang,
        "description": localize(form.notice, lang),
        "item": [*(_group(form, d, lang) for d in form.domains),
                 *_assessment_questions(form, lang)],
    }
    return Questionnaire.model_validate(data)


def outcome_scopes(form: Form, outcome: Outcome) -> list[str | None]:
    """The scopes a decided outcome is decided in: the whole form, each group or domain."""
    if outcome.per == "domain":
        return [d.id for d in form.counted_domains()]
    if outcome.per == "group":
        return [g.id for g in form.groups] or sorted(
            {d.group for d in form.counted_domains() if d.group})
    return [None]


def outcome_system(form: Form, outcome_id: str) -> str:
    return f"{BASE}:form:{form.id}:outcome:{outcome_id}"


def _assessment_link(outcome_id: str, scope: str | None) -> str:
    return f"{ASSESSMENT}.{outcome_id}" + (f".{scope}" if scope else "")


def _assessment_questions(form: Form, lang: str) -> list[dict[str, Any]]:
    """The professional's decisions and the notes, as questions of their own (so the response
    carries them as answers the Questionnaire defines)."""
    groups = []
    for outcome in form.outcomes:
        if not outcome.decision:
            continue
        options = [{"valueCoding": {"system": outcome_system(form, outcome.id), "code": level,
                                    "display": level_label(outcome, level, lang)}}
                   for level in outcome.levels]
        for scope in outcome_scopes(form, outcome):
            link = _assessment_link(outcome.id, scope)
            title = localize(outcome.title, lang) + (f" ({scope})" if scope else "")
            groups.append({"linkId": link, "type": "group", "text": title, "item": [
                {"linkId": f"{link}.decided", "type": "choice", "answerOption": options,
                 "text": tr("export.fhir.decided", lang)},
                {"linkId": f"{link}.suggested", "type": "choice", "answerOption": options,
                 "text": tr("export.fhir.suggested", lang), "readOnly": True},
                {"linkId": f"{link}.overridden", "type": "boolean",
                 "text": tr("export.fhir.overridden", lang)},
                {"linkId": f"{link}.reason", "type": "string",
                 "text": tr("export.fhir.reason", lang)},
                {"linkId": f"{link}.decided_by", "type": "string",
                 "text": tr("export.fhir.decided_by", lang)},
            ]})
    out: list[dict[str, Any]] = []
    if groups:
        out.append({"linkId": ASSESSMENT, "type": "group",
                    "text": tr("export.fhir.assessment", lang), "item": groups})
    out.append({"linkId": NOTES, "type": "text", "text": tr("export.fhir.notes", lang)})
    return out


def _group(form: Form, domain: Domain, lang: str) -> dict[str, Any]:
    group: dict[str, Any] = {"linkId": domain.id, "type": "group",
                             "text": localize(domain.title, lang)}
    items = [_question(form, domain, i, lang) for i in form.domain_items(domain)]
    if items:
        group["item"] = items
    else:
        group["type"] = "display"
    return group


def _question(form: Form, domain: Domain, item: Item, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {"linkId": f"{domain.id}.{item.key}", "type": _item_type(item),
                           "text": localize(item.text, lang)}
    if item.required:
        out["required"] = True
    if item.type in (ItemType.ACTIONS, ItemType.MULTI_CHOICE):
        out["repeats"] = True
    if item.type == ItemType.NUMBER:
        out["extension"] = _number_limits(item, lang)
    if item.scale:
        out["answerOption"] = [
            {"valueCoding": {
                "system": scale_system(form, item.scale), "code": str(p.value),
                "display": localize(p.label, lang),
                "extension": [{"url": ORDINAL, "valueDecimal": p.value}],
            }}
            for p in form.scale(item.scale).points
        ]
    if item.show_if is not None:
        enable = _enable_when(form, domain, item.show_if)
        if enable is not None:
            out["enableWhen"], behaviour = enable
            if len(out["enableWhen"]) > 1:
                out["enableBehavior"] = behaviour
    return out


def _alternatives(form: Form, domain: Domain, cmp: Comparison, negate: bool = False
                  ) -> list[dict[str, Any]] | None:
    """A comparison as enableWhen entries (alternatives: any of them holds), or None."""
    target = form.resolve(domain, cmp.item)
    index = form.item_index()
    if target not in index:
        return None
    item = index[target][1]
    if cmp.op in ("answered", "unanswered"):
        exists = (cmp.op == "answered") != negate
        return [{"question": target, "operator": "exists", "answerBoolean": exists}]
    if item.type == ItemType.MULTI_CHOICE:
        return None  # a test on a set of choices has no exact enableWhen
    if item.type == ItemType.NUMBER:
        if cmp.op not in OPERATORS or (negate and cmp.op not in NEGATED) \
                or not isinstance(cmp.value, int | float) or isinstance(cmp.value, bool):
            return None
        op = NEGATED[cmp.op] if negate else OPERATORS[cmp.op]
        number = _number_value(item, cmp.value)
        return [{"question": target, "operator": op,
                 **{k.replace("value", "answer"): v for k, v in number.items()}}]
    if item.scale:
        values = form.scale(item.scale).values()
        from instruments.conditions import compare

        chosen = [v for v in values if compare(v, cmp.op, cmp.value) != negate]
        if not chosen or (negate and len(chosen) > 1):
            return None
        system = scale_system(form, item.scale)
        return [{"question": target, "operator": "=",
                 "answerCoding": {"system": system, "code": str(v)}} for v in chosen]
    if cmp.op == "in" or (negate and cmp.op not in NEGATED):
        return None
    op = NEGATED[cmp.op] if negate else OPERATORS[cmp.op]
    if isinstance(cmp.value, bool):
        return [{"question": target, "operator": op, "answerBoolean": cmp.value}]
    if isinstance(cmp.value, str):
        return [{"question": target, "operator": op, "answerString": cmp.value}]
    return None


def _enable_when(form: Form, domain: Domain, cond: Condition
                 ) -> tuple[list[dict[str, Any]], str] | None:
    """The condition as enableWhen, when FHIR can say it exactly; else None (the response
    holds only visible answers anyway)."""
    conjuncts = [_alternatives(form, domain, c) for c in cond.all]
    conjuncts += [_alternatives(form, domain, c, negate=True) for c in cond.not_any]
    if any(c is None for c in conjuncts):
        return None
    if not cond.any:
        if len(conjuncts) == 1:
            return conjuncts[0], "any"  # type: ignore[return-value]
        if all(len(c) == 1 for c in conjuncts):  # type: ignore[arg-type]
            return [c[0] for c in conjuncts], "all"  # type: ignore[index]
        return None
    if conjuncts:
        return None
    alternatives = [_alternatives(form, domain, c) for c in cond.any]
    if any(a is None for a in alternatives):
        return None
    return [e for a in alternatives for e in a], "any"  # type: ignore[union-attr]


# ----- QuestionnaireResponse -------------------------------------------------------------------


def questionnaire_response(session: SessionInput, client: ClientInfo | None = None,
                           lang: str = "nl") -> QuestionnaireResponse:
    """The session's visible answers, decisions and notes as a validated
    QuestionnaireResponse model."""
    form = session.form
    visible = session.visible
    groups = []
    for domain in form.domains:
        answered = []
        for item in form.domain_items(domain):
            full_id = f"{domain.id}.{item.key}"
            entry = (_answer_item(form, full_id, item, visible[full_id], lang)
                     if full_id in visible else None)
            if entry is not None:
                by = (session.answered_by.get(full_id) or "").strip()
                if form.attributed and by:
                    entry.setdefault("extension", []).append(
                        {"url": ITEM_AUTHOR, "valueReference": {"display": by}})
            views = session.views.get(full_id)
            if views:  # own views, also before (or without) a shared conclusion
                entry = entry or {"linkId": full_id, "text": localize(item.text, lang)}
                entry.setdefault("extension", []).extend(
                    _view_extension(form, item, name, view.value, view.note, lang)
                    for name, view in views.items())
            if entry is not None:
                answered.append(entry)
        if answered:
            groups.append({"linkId": domain.id, "text": localize(domain.title, lang),
                           "item": answered})
    groups += _assessment_answers(session, lang)
    if session.notes.strip():
        groups.append({"linkId": NOTES, "text": tr("export.fhir.notes", lang),
                       "answer": [{"valueString": session.notes.strip()}]})
    data: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": _fhir_id(session.session_id),
        "identifier": {"system": f"{BASE}:session", "value": session.session_id},
        "questionnaire": f"{canonical(form)}|{form.version}",
        "status": _status(session),
        "language": lang,
    }
    if session.when is not None:
        data["authored"] = local(session.when, session.time_zone).isoformat(timespec="seconds")
    subject = _subject(session, client)
    data["subject"] = subject
    if form.mode == "self_report":
        data["source"] = dict(subject)  # she answered herself
    if session.conductor is not None and session.conductor.name.strip():
        data["contained"] = _conductor_resources(session.conductor)
        data["author"] = {"reference": "#conductor-role", "type": "PractitionerRole",
                          "display": session.conductor.name.strip()}
    if groups:
        data["item"] = groups
    return QuestionnaireResponse.model_validate(data)


def _status(session: SessionInput) -> str:
    if session.is_draft:
        return "in-progress"
    return "amended" if session.corrected else "completed"


def _subject(session: SessionInput, client: ClientInfo | None) -> dict[str, Any]:
    """The patient: by BSN, else by the app's client id under our own system."""
    if client is not None and client.bsn and client.bsn.strip():
        identifier = {"system": BSN_SYSTEM, "value": client.bsn.strip()}
    else:
        identifier = {"system": CLIENT_SYSTEM, "value": session.client_id}
    subject: dict[str, Any] = {"type": "Patient", "identifier": identifier}
    if client is not None and client.name.strip():
        subject["display"] = client.name.strip()
    return subject


def _conductor_resources(who: Professional) -> list[dict[str, Any]]:
    """The conductor as a contained Practitioner (name, AGB/BIG, phone, e-mail) and the
    PractitionerRole (role, organisation) the response's author points at."""
    practitioner: dict[str, Any] = {"resourceType": "Practitioner", "id": "conductor",
                                    "name": [{"text": who.name.strip()}]}
    identifiers = [{"system": system, "value": value.strip()}
                   for system, value in ((AGB_SYSTEM, who.agb), (BIG_SYSTEM, who.big))
                   if value.strip()]
    if identifiers:
        practitioner["identifier"] = identifiers
    telecom = [{"system": system, "value": value.strip()}
               for system, value in (("phone", who.phone), ("email", who.email))
               if value.strip()]
    if telecom:
        practitioner["telecom"] = telecom
    role: dict[str, Any] = {"resourceType": "PractitionerRole", "id": "conductor-role",
                            "practitioner": {"reference": "#conductor"}}
    if who.role.strip():
        role["code"] = [{"text": who.role.strip()}]
    if who.organisation.strip():
        role["organization"] = {"display": who.organisation.strip()}
    return [practitioner, role]


def _assessment_answers(session: SessionInput, lang: str) -> list[dict[str, Any]]:
    """The decisions as answers to the `_assessment` group (none in a draft)."""
    if session.is_draft:
        return []
    form = session.form
    results = {(r.outcome_id, r.scope): r for r in session.scored.outcomes}
    groups = []
    for outcome in form.outcomes:
        if not outcome.decision:
            continue
        system = outcome_system(form, outcome.id)

        def coding(level: str, outcome: Outcome = outcome, system: str = system
                   ) -> dict[str, Any]:
            return {"valueCoding": {"system": system, "code": level,
                                    "display": level_label(outcome, level, lang)}}

        for scope in outcome_scopes(form, outcome):
            link = _assessment_link(outcome.id, scope)
            decision = session.decision(outcome.id, scope)
            result = results.get((outcome.id, scope))
            items: list[dict[str, Any]] = []
            if decision is not None and decision.decided in outcome.levels:
                items.append({"linkId": f"{link}.decided", "answer": [coding(decision.decided)]})
            # The app's suggestion: none for an incomplete result (below the form's
            # minimum), whatever level the rules gave on the answers present.
            if result is not None and result.suggestion is None:
                suggested = None
            elif decision is not None:
                suggested = decision.suggested
            else:
                suggested = result.suggestion if result is not None else None
            if suggested in outcome.levels:
                items.append({"linkId": f"{link}.suggested", "answer": [coding(suggested)]})
            if decision is not None:
                items.append({"linkId": f"{link}.overridden",
                              "answer": [{"valueBoolean": decision.overridden}]})
                if decision.reason:
                    items.append({"linkId": f"{link}.reason",
                                  "answer": [{"valueString": decision.reason}]})
                if decision.decided_by:
                    items.append({"linkId": f"{link}.decided_by",
                                  "answer": [{"valueString": decision.decided_by}]})
            if items:
                groups.append({"linkId": link, "item": items})
    if not groups:
        return []
    return [{"linkId": ASSESSMENT, "text": tr("export.fhir.assessment", lang), "item": groups}]


def _view_extension(form: Form, item: Item, name: str, value: AnswerValue, note: str,
                    lang: str) -> dict[str, Any]:
    """One participant's own view as a PARTICIPANT_VIEW extension (author, value, note)."""
    parts: list[dict[str, Any]] = [{"url": "author", "valueReference": {"display": name}}]
    if item.scale and isinstance(value, int) and not isinstance(value, bool):
        point = form.scale(item.scale).point(value)
        parts.append({"url": "value", "valueCoding": {
            "system": scale_system(form, item.scale), "code": str(value),
            "display": localize(point.label, lang) if point else ""}})
    if note.strip():
        parts.append({"url": "note", "valueString": note.strip()})
    return {"url": PARTICIPANT_VIEW, "extension": parts}


def _answer_item(form: Form, full_id: str, item: Item, value: AnswerValue, lang: str
                 ) -> dict[str, Any] | None:
    entry: dict[str, Any] = {"linkId": full_id, "text": localize(item.text, lang)}
    if value == DECLINED:
        entry["extension"] = [{"url": ABSENT, "valueCode": "asked-declined"}]
        return entry
    answers: list[dict[str, Any]]
    if item.type == ItemType.NUMBER and isinstance(value, int | float) \
            and not isinstance(value, bool):
        answers = [_number_value(item, value)]
    elif item.type == ItemType.MULTI_CHOICE and isinstance(value, list) and item.scale:
        scale = form.scale(item.scale)
        answers = [{"valueCoding": {"system": scale_system(form, item.scale), "code": str(v),
                                    "display": localize(point.label, lang)}}
                   for v in value if isinstance(v, int) and (point := scale.point(v))]
    elif item.scale and isinstance(value, int) and not isinstance(value, bool):
        point = form.scale(item.scale).point(value)
        answers = [{"valueCoding": {"system": scale_system(form, item.scale),
                                    "code": str(value),
                                    "display": localize(point.label, lang) if point else ""}}]
    elif isinstance(value, bool):
        answers = [{"valueBoolean": value}]
    elif isinstance(value, list):
        answers = [{"valueString": v} for v in value if isinstance(v, str) and v.strip()]
    elif isinstance(value, str) and value.strip():
        answers = [{"valueString": value}]
    else:
        answers = []
    if not answers:
        return None
    entry["answer"] = answers
    return entry


def to_json(resource: Questionnaire | QuestionnaireResponse) -> str:
    """Pretty JSON of a resource."""
    return json.dumps(json.loads(resource.model_dump_json()), indent=2, ensure_ascii=False) + "\n"
