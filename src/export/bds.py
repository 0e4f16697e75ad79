"""Mapping of a session to the BDS JGZ rubrics R034, R047, R048 and R051 (JSON beside the PDF).

The rubric numbers are the BDS JGZ ones; the element names inside them are ours and described
in docs/bds-mapping.md, so the organisation's DD JGZ supplier can map them onto its elements.
"""

from __future__ import annotations

import json
from typing import Any

from export.inputs import ClientInfo, SessionInput
from export.summary import agreed_actions, answer_label, domains_needing_help, level_label
from instruments.answers import DECLINED
from instruments.model import ItemType, localize

FORMAT = "samenspraak-bds-jgz"
FORMAT_VERSION = 1


def bds_mapping(session: SessionInput, client: ClientInfo | None = None, lang: str = "nl"
                ) -> dict[str, Any]:
    """The mapping as a plain dict (only visible answers)."""
    form = session.form
    visible = session.visible
    profile_keys = set()
    if form.profile is not None:
        profile_keys = {k for k in (form.profile.parent, form.profile.professional) if k}
    needing = {d.id for d in domains_needing_help(session)}
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
            "suggested": result.suggested,
            "suggested_label": level_label(outcome, result.suggested, lang),
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
    for full_id, domain, item in form.all_items():
        if full_id not in visible or item.type == ItemType.ACTIONS:
            continue
        if domain.kind == "domain" and item.key in profile_keys:
            continue
        value = visible[full_id]
        r051.append({
            "element": f"{form.id}.{full_id}",
            "label": f"{localize(domain.title, lang)}: {localize(item.text, lang)}",
            "value": None if value == DECLINED else value,
            "value_label": answer_label(form, item, value, lang),
        })
    if session.notes.strip():
        r051.append({"element": f"{form.id}.notes", "label": "notes", "value": session.notes,
                     "value_label": session.notes})

    out: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "session": {
            "id": session.session_id,
            "state": session.state,
            "date": session.when.date().isoformat() if session.when else None,
            "form_id": form.id,
            "form_version": form.version,
            "form_hash": session.loaded.content_hash,
            "professional": session.letterhead.professional or None,
            "organisation": session.letterhead.organisation or None,
        },
        "rubrics": {
            "R034": {"title": "Draaglast/draagkracht", "domains": r034},
            "R047": {"title": "Conclusies en vervolgstappen", **r047},
            "R048": {"title": "Zorgplan", "actions": r048},
            "R051": {"title": "Niet-BDS gegevens", "elements": r051},
        },
    }
    if client is not None:
        out["client"] = {"name": client.name, "bsn": client.bsn,
                         "birth_date": client.birth_date.isoformat() if client.birth_date else None}
    return out


def bds_json(session: SessionInput, client: ClientInfo | None = None, lang: str = "nl") -> str:
    return json.dumps(bds_mapping(session, client, lang), indent=2, ensure_ascii=False) + "\n"
