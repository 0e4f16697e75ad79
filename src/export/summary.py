"""What a session says, in words: answer labels, decisions, agreed actions, domains that matter."""

from __future__ import annotations

import re
from dataclasses import dataclass

from export.inputs import SessionInput
from export.times import local_date_text
from instruments.answers import DECLINED, AnswerValue
from instruments.i18n import tr
from instruments.model import Domain, Form, Item, ItemType, Outcome, localize
from instruments.number_input import number_text
from instruments.result_text import choices_text
from instruments.scoring import OutcomeResult
from instruments.summary import help_domains


def answer_label(form: Form, item: Item, value: AnswerValue, lang: str) -> str:
    """An answer as a reader sees it: the scale label, ja/nee, the chosen labels, the number
    with its unit, the text, the actions."""
    if value == DECLINED:
        return tr("export.answer.declined", lang)
    if item.type in (ItemType.SCALE, ItemType.CHOICE) and item.scale and isinstance(value, int):
        point = form.scale(item.scale).point(value)
        label = localize(point.label, lang) if point else ""
        if label.strip() == str(value):  # a mark 0-10 labelled by its own number: once
            return str(value)
        return f"{value} {label}".strip() if item.type == ItemType.SCALE else label or str(value)
    if isinstance(value, bool):
        return tr("export.answer.yes" if value else "export.answer.no", lang)
    if item.type == ItemType.MULTI_CHOICE and isinstance(value, list):
        return choices_text(form, item, [v for v in value if isinstance(v, int)], lang)
    if item.type == ItemType.NUMBER and isinstance(value, int | float):
        return number_text(item, value, lang)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def level_label(outcome: Outcome, level: str, lang: str) -> str:
    text = outcome.level_labels.get(level)
    return localize(text, lang) if text else level


def no_suggestion_text(result: OutcomeResult, lang: str) -> str:
    """Why an outcome has no suggestion: "geen suggestie: onvolledig (N van M domeinen
    beantwoord)", with the counts of its completeness."""
    c = result.completeness
    return tr("export.no_suggestion", lang, answered=c.domains_answered, total=c.domains)


def suggestion_text(outcome: Outcome, result: OutcomeResult, lang: str) -> str:
    """The app's suggestion as a label, or why there is none (never a level for an incomplete
    result: `OutcomeResult.suggestion` is None below the form's minimum)."""
    if result.suggestion is None:
        return no_suggestion_text(result, lang)
    return level_label(outcome, result.suggestion, lang)


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


def domains_needing_help(session: SessionInput) -> list[Domain]:
    """Domains where the professional (else the parent) rates the need in the upper half of
    the scale, visible answers only (the rule is `instruments.summary.help_domains`)."""
    form = session.form
    wanted = set(help_domains(form, session.answers))
    return [d for d in form.domains if d.id in wanted]


def session_date_text(session: SessionInput) -> str:
    """The local day the conversation took place ('' when unknown)."""
    return local_date_text(session.when, session.time_zone)


def label_with_colon(text: str) -> str:
    """A question as a label: 'Aard: waar gaat het om?' stays as it is, 'Aard' gets a colon."""
    text = text.strip()
    return text if text.endswith(("?", ":", "!", ".")) else f"{text}:"


def short_title(form: Form, lang: str) -> str:
    """The instrument's short name: the title before its dash ('SPARK36', 'ALPHA-NL')."""
    title = localize(form.title, lang).strip()
    for dash in (" – ", " — ", " - "):
        if dash in title:
            return title.split(dash, 1)[0].strip()
    return title


_SECOND_PERSON = {
    "nl": [(r"\buw kind\b", "het kind"), (r"\bu als ouder\b", "de ouder"), (r"\buw\b", "de"),
           (r"\bu\b", "de ouder"), (r"\bjouw\b", "de"), (r"\b(je|jij)\b", "de ouder")],
    "en": [(r"\byour child\b", "the child"), (r"\byour\b", "the"), (r"\byou\b", "the parent")],
}


def _speaks_to_parent(text: str, lang: str) -> bool:
    return any(re.search(p, text, re.IGNORECASE) for p, _ in _SECOND_PERSON.get(lang, []))


def _third_person(text: str, lang: str) -> str:
    for pattern, replacement in _SECOND_PERSON.get(lang, []):
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:]


def letter_level_label(outcome: Outcome, level: str, lang: str) -> str:
    """A decided level as a referrer reads it. A label that speaks to the parent ('Goed in
    balans: u kunt de zorg … goed aan.') gives its heading ('Goed in balans'), else it is
    rewritten in the third person."""
    label = level_label(outcome, level, lang)
    if not _speaks_to_parent(label, lang):
        return label
    head, colon, _rest = label.partition(":")
    if colon and head.strip() and not _speaks_to_parent(head, lang):
        return head.strip()
    return _third_person(label, lang)


def letter_domain_title(form: Form, domain: Domain, lang: str) -> str:
    """A domain's title as a referrer reads it, in the third person.

    The form's titles speak to the parent ('Hoe u zich voelt'); a form has no field for a
    document title yet, so the catalog holds them for the shipped instruments
    (`letter.domain.<instrument>.<domain id>`) and any other 'u'/'uw' title is rewritten."""
    key = f"letter.domain.{form.instrument}.{domain.id}"
    found = tr(key, lang)
    if found != key:
        return found
    title = localize(domain.title, lang)
    return _third_person(title, lang) if _speaks_to_parent(title, lang) else title
