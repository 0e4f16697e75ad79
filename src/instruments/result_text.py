"""How a scored outcome reads: its level, or 'no suggestion: incomplete (N of M)', and its
counts, in the user's language. The one wording every screen and document should use."""

from __future__ import annotations

from instruments.i18n import tr
from instruments.model import Form, localize
from instruments.scoring import OutcomeResult


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
