"""How a scored result reads: its level, or 'no suggestion: incomplete (N of M)', its counts,
the answers that drove it quoted as given, and the safety lines for the professional, in the
user's language. The one wording every screen and document should use."""

from __future__ import annotations

from instruments.answers import DECLINED, AnswerValue
from instruments.i18n import tr
from instruments.model import AgeRange, Form, Item, ItemType, localize
from instruments.number_input import number_text
from instruments.safety import SafetyResult
from instruments.scoring import FiredRule, OutcomeResult


def level_text(form: Form, outcome_id: str, level: str, lang: str) -> str:
    """A level's label in `lang`, else the level id."""
    outcome = next(o for o in form.outcomes if o.id == outcome_id)
    label = outcome.level_labels.get(level)
    return localize(label, lang) if label else level


def suggestion_text(form: Form, result: OutcomeResult, lang: str = "nl") -> str:
    """The suggestion as shown: the level; a partial one marked 'at least' with the counts;
    none at all below the form's minimum."""
    c = result.completeness
    if result.suggestion is None:
        if c.domains == 0:
            return tr("scoring.incomplete.nothing", lang)
        return tr("scoring.incomplete", lang, answered=c.domains_answered, total=c.domains)
    level = level_text(form, result.outcome_id, result.suggestion, lang)
    if c.status == "partial":
        return tr("scoring.partial", lang, level=level, answered=c.domains_answered,
                  total=c.domains)
    return level


def counts_text(result: OutcomeResult, lang: str = "nl") -> str:
    """What was counted: answered, declined, open and not applicable domains."""
    c = result.completeness
    return tr("scoring.counts", lang, answered=c.domains_answered, total=c.domains,
              declined=c.domains_declined, missing=c.domains_missing, hidden=c.domains_hidden)


def choices_text(form: Form, item: Item, values: list[int], lang: str = "nl") -> str:
    """A multi-choice answer as its labels in scale order: 'Slapen, Geld'."""
    scale = form.scale(item.scale) if item.scale else None
    labels = []
    for v in values:
        point = scale.point(v) if scale is not None else None
        labels.append(localize(point.label, lang) if point else str(v))
    return ", ".join(labels)


def answer_text(form: Form, item_id: str, value: AnswerValue, lang: str = "nl") -> str:
    """An answer as the person saw it: the scale point's label, ja/nee, the chosen labels,
    the number with its unit, or the text."""
    _domain, item = form.item_index()[item_id]
    if value == DECLINED:
        return tr("scoring.declined", lang)
    if isinstance(value, bool):
        return tr("scoring.yes" if value else "scoring.no", lang)
    if item.type == ItemType.MULTI_CHOICE and isinstance(value, list):
        return choices_text(form, item, [v for v in value if isinstance(v, int)], lang)
    if item.type == ItemType.NUMBER and isinstance(value, int | float):
        return number_text(item, value, lang)
    if isinstance(value, int) and item.scale:
        point = form.scale(item.scale).point(value)
        return localize(point.label, lang) if point else str(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def quote(form: Form, item_id: str, value: AnswerValue, lang: str = "nl") -> str:
    """What was answered, quoted: "antwoordde 'soms' op 'Hoe vaak …?'" (never a verdict)."""
    _domain, item = form.item_index()[item_id]
    return tr("scoring.quote", lang, answer=answer_text(form, item_id, value, lang),
              question=localize(item.text, lang))


def reasons(form: Form, fired: FiredRule, lang: str = "nl") -> list[str]:
    """The quoted answers that made a rule (or table row) fire, in form order."""
    return [quote(form, e.item_id, e.value, lang) for e in fired.evidence]


def safety_lines(form: Form, safety: SafetyResult, lang: str = "nl") -> list[str]:
    """For the professional only: the safety flag (quoting the question), or that the
    questions were not asked or declined. Empty when nothing needs saying. A self-report
    (ALPHA-NL) speaks of the woman who filled it in and the hand-over of the laptop; a
    conversation (SPARK) of the parent the professional talks with."""
    index = form.item_index()
    kind = "safety" if form.mode == "self_report" else "safety.conversation"
    lines = [tr(f"{kind}.flag", lang, question=localize(index[i][1].text, lang))
             for i in safety.flagged]
    if safety.not_asked:
        lines.append(tr(f"{kind}.not_asked", lang))
    if safety.declined:
        lines.append(tr(f"{kind}.declined", lang))
    return lines


def _age(months: int, lang: str) -> str:
    if months < 0:
        return tr("age.before_birth", lang, n=-months)
    if months == 0:
        return tr("age.birth", lang)
    if months % 12 == 0 and months >= 24:
        return tr("age.years", lang, n=months // 12)
    return tr("age.months", lang, n=months)


def age_range_text(age: AgeRange | None, lang: str = "nl") -> str:
    """A form's age range in words ('van 9 maanden voor de geboorte tot 23 jaar')."""
    if age is None:
        return ""
    return tr("age.range", lang, start=_age(age.from_months, lang), end=_age(age.to_months, lang))
