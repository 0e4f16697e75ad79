"""What a session says, in words: answer labels, decisions, agreed actions, domains that matter."""

from __future__ import annotations

from dataclasses import dataclass

from export.inputs import SessionInput
from instruments.answers import DECLINED, AnswerValue
from instruments.i18n import tr
from instruments.model import Domain, Form, Item, ItemType, Outcome, Scale, localize


def answer_label(form: Form, item: Item, value: AnswerValue, lang: str) -> str:
    """An answer as a reader sees it: the scale label, ja/nee, the text, the actions."""
    if value == DECLINED:
        return tr("export.answer.declined", lang)
    if item.type in (ItemType.SCALE, ItemType.CHOICE) and item.scale and isinstance(value, int):
        point = form.scale(item.scale).point(value)
        label = localize(point.label, lang) if point else ""
        return f"{value} {label}".strip() if item.type == ItemType.SCALE else label or str(value)
    if isinstance(value, bool):
        return tr("export.answer.yes" if value else "export.answer.no", lang)
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def level_label(outcome: Outcome, level: str, lang: str) -> str:
    text = outcome.level_labels.get(level)
    return localize(text, lang) if text else level


def outcome_def(form: Form, outcome_id: str) -> Outcome | None:
    return next((o for o in form.outcomes if o.id == outcome_id), None)


def domain_title(form: Form, domain_id: str, lang: str) -> str:
    domain = next((d for d in form.domains if d.id == domain_id), None)
    return localize(domain.title, lang) if domain else domain_id


@dataclass(frozen=True)
class AgreedAction:
    domain: str
    text: str


def agreed_actions(session: SessionInput, lang: str) -> list[AgreedAction]:
    """Every agreed action of the visible action items, in form order, with its domain."""
    out: list[AgreedAction] = []
    visible = session.visible
    for full_id, domain, item in session.form.all_items():
        value = visible.get(full_id)
        if item.type == ItemType.ACTIONS and isinstance(value, list):
            out += [AgreedAction(localize(domain.title, lang), a) for a in value if a.strip()]
    return out


def help_threshold(scale: Scale) -> int:
    """The first value of the upper half of a scale: 'guidance' or more on the 6-point scale."""
    return scale.points[len(scale.points) // 2].value


def _profile_scale(form: Form) -> Scale | None:
    if form.profile is None:
        return None
    key = form.profile.professional or form.profile.parent
    item = next((i for i in form.matrix if i.key == key), None)
    return form.scale(item.scale) if item is not None and item.scale else None


def domains_needing_help(session: SessionInput) -> list[Domain]:
    """Domains where the professional (else the parent) rates the need in the upper half.

    Reads the visible answers directly (no outcome rules), so the management report can reduce
    many sessions quickly."""
    form = session.form
    scale = _profile_scale(form)
    if scale is None or form.profile is None:
        return []
    threshold = help_threshold(scale)
    visible = session.visible
    out = []
    for domain in form.counted_domains():
        rating = None
        for key in (form.profile.professional, form.profile.parent):
            value = visible.get(f"{domain.id}.{key}") if key else None
            if isinstance(value, int) and not isinstance(value, bool):
                rating = value
                break
        if rating is not None and rating >= threshold:
            out.append(domain)
    return out


def session_date_text(session: SessionInput) -> str:
    when = session.when
    return when.strftime("%d-%m-%Y") if when else ""
