"""FHIR R4 (via fhir.resources.R4B): the form as a Questionnaire, a session as a
QuestionnaireResponse. Both are built as model objects (validated) and returned as JSON."""

from __future__ import annotations

import json
import re
from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from export.inputs import ClientInfo, LoadedFormLike, SessionInput
from instruments.answers import DECLINED, AnswerValue
from instruments.model import Comparison, Condition, Domain, Form, Item, ItemType, localize

BASE = "urn:samenspraak"
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
BSN_SYSTEM = "http://fhir.nl/fhir/NamingSystem/bsn"
OPERATORS = {"eq": "=", "ne": "!=", "gt": ">", "ge": ">=", "lt": "<", "le": "<="}
NEGATED = {"eq": "!=", "ne": "="}


def canonical(form: Form) -> str:
    return f"{BASE}:form:{form.id}"


def scale_system(form: Form, scale_id: str) -> str:
    return f"{BASE}:form:{form.id}:scale:{scale_id}"


def _fhir_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]", "-", text)[:64]


def _item_type(item: Item) -> str:
    return {
        ItemType.SCALE: "choice",
        ItemType.CHOICE: "choice",
        ItemType.YES_NO: "boolean",
        ItemType.TEXT: "text",
        ItemType.ACTIONS: "string",
    }[item.type]


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
        "item": [_group(form, d, lang) for d in form.domains],
    }
    return Questionnaire.model_validate(data)


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
    if item.type == ItemType.ACTIONS:
        out["repeats"] = True
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
    """The session's visible answers as a validated QuestionnaireResponse model."""
    form = session.form
    visible = session.visible
    groups = []
    for domain in form.domains:
        answered = []
        for item in form.domain_items(domain):
            full_id = f"{domain.id}.{item.key}"
            if full_id in visible:
                entry = _answer_item(form, full_id, item, visible[full_id], lang)
                if entry is not None:
                    answered.append(entry)
        if answered:
            groups.append({"linkId": domain.id, "text": localize(domain.title, lang),
                           "item": answered})
    data: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": _fhir_id(session.session_id),
        "identifier": {"system": f"{BASE}:session", "value": session.session_id},
        "questionnaire": f"{canonical(form)}|{form.version}",
        "status": "completed" if session.state == "completed" else "in-progress",
        "language": lang,
    }
    if session.when is not None:
        data["authored"] = session.when.astimezone().isoformat(timespec="seconds")
    if session.letterhead.professional:
        data["author"] = {"display": session.letterhead.professional}
    if client is not None:
        subject: dict[str, Any] = {"display": client.name}
        if client.bsn:
            subject["identifier"] = {"system": BSN_SYSTEM, "value": client.bsn}
        data["subject"] = subject
    if groups:
        data["item"] = groups
    return QuestionnaireResponse.model_validate(data)


def _answer_item(form: Form, full_id: str, item: Item, value: AnswerValue, lang: str
                 ) -> dict[str, Any] | None:
    entry: dict[str, Any] = {"linkId": full_id, "text": localize(item.text, lang)}
    if value == DECLINED:
        entry["extension"] = [{"url": ABSENT, "valueCode": "asked-declined"}]
        return entry
    answers: list[dict[str, Any]]
    if item.scale and isinstance(value, int) and not isinstance(value, bool):
        point = form.scale(item.scale).point(value)
        answers = [{"valueCoding": {"system": scale_system(form, item.scale),
                                    "code": str(value),
                                    "display": localize(point.label, lang) if point else ""}}]
    elif isinstance(value, bool):
        answers = [{"valueBoolean": value}]
    elif isinstance(value, list):
        answers = [{"valueString": v} for v in value if v.strip()]
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
