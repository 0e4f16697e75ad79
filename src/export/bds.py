"""Mapping of a session to the BDS JGZ rubrics R034, R047, R048 and R051 (JSON beside the PDF).

The rubric numbers are the BDS JGZ ones. R051 (niet-BDS gegevens) is filled as the BDS defines
it: group G083 (1..*) of element 1332 (the question, AN200), 1333 (the answer, AN200), 1334
(activity id, AN10) and 1335 (rubric id). The element names inside R034, R047 and R048 are ours
and described in docs/bds-mapping.md, so the organisation's DD JGZ supplier can map them.
"""

from __future__ import annotations

import json
from typing import Any

from export.inputs import ClientInfo, Professional, SessionInput
from export.summary import (
    agreed_actions,
    answer_label,
    domains_needing_help,
    level_label,
    suggestion_text,
)
from export.times import local
from instruments.answers import DECLINED
from instruments.i18n import tr
from instruments.model import ItemType, localize

FORMAT = "samenspraak-bds-jgz"
FORMAT_VERSION = 2
# BDS element lengths: 1332 and 1333 are AN200 (W0020), 1334 is AN10 (W0642).
TEXT_LIMIT = 200
ACTIVITY_LIMIT = 10


def g083_entries(element: str, value: str, *, activity_id: str | None = None,
                 rubric_id: str | None = None) -> list[dict[str, str]]:
    """One niet-BDS question/answer as G083 entries: the element (1332) and value (1333) at most
    200 characters each. A longer answer is split over numbered entries, never cut off."""
    def fitted(text: str, limit: int) -> str:
        return text if len(text) <= limit else text[: limit - 1] + "…"

    value = " ".join(value.split()) or "-"
    chunks = [value[i:i + TEXT_LIMIT] for i in range(0, len(value), TEXT_LIMIT)]
    out = []
    for number, chunk in enumerate(chunks, start=1):
        suffix = f" ({number}/{len(chunks)})" if len(chunks) > 1 else ""
        entry = {"1332": fitted(element, TEXT_LIMIT - len(suffix)) + suffix, "1333": chunk}
        if activity_id:
            entry["1334"] = activity_id
        if rubric_id:
            entry["1335"] = rubric_id
        out.append(entry)
    return out


def bds_mapping(session: SessionInput, client: ClientInfo | None = None, lang: str = "nl", *,
                activity_id: str | None = None, rubric_id: str | None = None
                ) -> dict[str, Any]:
    """The mapping as a plain dict (only visible answers).

    `activity_id` (BDS 1334, at most 10 characters) names the record's activity the session
    belongs to and `rubric_id` (1335) the rubric its niet-BDS data is registered under; both
    are the DD JGZ's own and left out when not given."""
    if activity_id is not None and not 0 < len(activity_id) <= ACTIVITY_LIMIT:
        raise ValueError(f"BDS activity id (1334) must be 1 to {ACTIVITY_LIMIT} characters")
    form = session.form
    visible = session.visible
    profile_keys = set()
    if form.profile is not None:
        profile_keys = {k for k in (form.profile.parent, form.profile.professional) if k}
    needing = {d.id for d in domains_needing_help(session)}
    conductor = session.conductor or Professional(name="")
    index = form.item_index()

    def rated(domain_id: str, key: str | None) -> dict[str, Any] | None:
        if not key:
            return None
        value = visible.get(f"{domain_id}.{key}")
        if value is None:
            return None
        item = index[f"{domain_id}.{key}"][1]
        code = None if value == DECLINED else value
        return {"code": code, "label": answer_label(form, item, value, lang)}

    r034 = []
    for p in session.scored.profiles:
        domain = next(d for d in form.domains if d.id == p.domain_id)
        r034.append({
            "domain": p.domain_id,
            "domain_label": localize(domain.title, lang),
            "parent_need": rated(p.domain_id, form.profile.parent if form.profile else None),
            "professional_rating": rated(p.domain_id,
                                         form.profile.professional if form.profile else None),
            "difference": p.difference,
            "difference_marked": p.marked,
            "needs_attention": p.domain_id in needing,
        })

    r047: dict[str, Any] = {"conclusions": [], "follow_up": []}
    definitions = {o.id: o for o in form.outcomes}
    for result in session.scored.outcomes:
        outcome = definitions[result.outcome_id]
        decision = session.decision(result.outcome_id, result.scope)
        r047["conclusions"].append({
            "outcome": result.outcome_id,
            "outcome_label": localize(outcome.title, lang),
            "scope": result.scope,
            # No level when the counted answers are below the form's minimum.
            "suggested": result.suggestion,
            "suggested_label": suggestion_text(outcome, result, lang),
            "completeness": {"status": result.completeness.status,
                             "domains_answered": result.completeness.domains_answered,
                             "domains": result.completeness.domains},
            "demo_thresholds": result.demo_thresholds,
            "decided": decision.decided if decision else None,
            "decided_label": level_label(outcome, decision.decided, lang) if decision else None,
            "overridden": decision.overridden if decision else None,
            "reason": decision.reason if decision else None,
            "decided_by": decision.decided_by if decision else None,
        })
    actions = agreed_actions(session, lang)
    r047["follow_up"] = [a.text for a in actions]
    r048 = [{"domain_label": a.domain, "action": a.text} for a in actions]

    r051 = []
    g083: list[dict[str, str]] = []
    ids = {"activity_id": activity_id, "rubric_id": rubric_id}
    for full_id, domain, item in form.all_items():
        if full_id not in visible or item.type == ItemType.ACTIONS:
            continue
        if domain.kind == "domain" and item.key in profile_keys:
            continue
        value = visible[full_id]
        if value == "" or value == []:
            continue
        label = f"{localize(domain.title, lang)}: {localize(item.text, lang)}"
        shown = answer_label(form, item, value, lang)
        r051.append({
            "element": f"{form.id}.{full_id}",
            "label": label,
            "value": None if value == DECLINED else value,
            "value_label": shown,
        })
        # 1332 is the question as a reader (and the next JGZ organisation) sees it, led by the
        # stable element code so a supplier can map it; 1333 the answer as text.
        g083 += g083_entries(f"[{form.id}.{full_id}] {label}", shown, **ids)
    if session.notes.strip():
        notes_label = tr("export.report.notes", lang)
        r051.append({"element": f"{form.id}.notes", "label": notes_label,
                     "value": session.notes, "value_label": session.notes})
        g083 += g083_entries(f"[{form.id}.notes] {notes_label}", session.notes, **ids)

    out: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "session": {
            "id": session.session_id,
            "state": session.state,
            "corrected": session.corrected,
            "date": (local(session.when, session.time_zone).date().isoformat()
                     if session.when else None),
            "form_id": form.id,
            "form_version": form.version,
            "form_hash": session.loaded.content_hash,
            # Who held the conversation (recorded at its start); never who exports.
            "professional": conductor.name or None,
            "role": conductor.role or None,
            "organisation": conductor.organisation or None,
            "agb": conductor.agb or None,
            "big": conductor.big or None,
        },
        "rubrics": {
            "R034": {"title": "Draaglast/draagkracht", "domains": r034},
            "R047": {"title": "Conclusies en vervolgstappen", **r047},
            "R048": {"title": "Zorgplan", "actions": r048},
            "R051": {"title": "Niet gespecificeerde gegevens (niet-BDS gegevens)",
                     "G083": g083, "elements": r051},
        },
    }
    if client is not None:
        prenatal = client.birth_date is None and client.due_date is not None
        out["client"] = {
            "name": client.name, "bsn": client.bsn,
            "birth_date": client.birth_date.isoformat() if client.birth_date else None,
            # A prenatal client (not born yet) is known by the expected date of birth.
            "due_date": client.due_date.isoformat() if client.due_date else None,
            "prenatal": prenatal,
        }
    return out


def bds_json(session: SessionInput, client: ClientInfo | None = None, lang: str = "nl", *,
             activity_id: str | None = None, rubric_id: str | None = None) -> str:
    """The mapping as JSON text."""
    data = bds_mapping(session, client, lang, activity_id=activity_id, rubric_id=rubric_id)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
