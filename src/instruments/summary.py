"""What a session says in short: the domains where help is needed (one rule for every use), and
which decided outcomes were worked out on answers that were not all given."""

from __future__ import annotations

from collections.abc import Mapping

from instruments.answers import AnswerValue
from instruments.completeness import counted_items
from instruments.conditions import visible_subset
from instruments.model import Form, Scale
from instruments.scoring import score


def help_threshold(scale: Scale) -> int:
    """The first value of the upper half of a scale: 'guidance' or more on the 6-point scale."""
    return scale.points[len(scale.points) // 2].value


def profile_scale(form: Form) -> Scale | None:
    """The scale of the profile's need rating (the professional's, else the parent's)."""
    if form.profile is None:
        return None
    key = form.profile.professional or form.profile.parent
    item = next((i for i in form.matrix if i.key == key), None)
    return form.scale(item.scale) if item is not None and item.scale else None


def rating_items(form: Form) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Per counted domain: its id and the item ids of its need rating, professional first."""
    if profile_scale(form) is None or form.profile is None:
        return ()
    keys = [k for k in (form.profile.professional, form.profile.parent) if k]
    return tuple((d.id, tuple(f"{d.id}.{k}" for k in keys)) for d in form.counted_domains())


def help_domains(form: Form, answers: Mapping[str, AnswerValue]) -> list[str]:
    """Ids of the domains (in form order) where the professional, else the parent, rates the
    need in the upper half of the scale. Only visible answers count; a declined or missing
    professional rating falls back to the parent's."""
    scale = profile_scale(form)
    domains = rating_items(form)
    if scale is None or not domains:
        return []
    threshold = help_threshold(scale)
    visible = visible_subset(form, answers, {i for _, ids in domains for i in ids})
    out = []
    for domain_id, ids in domains:
        for item_id in ids:
            value = visible.get(item_id)
            if isinstance(value, int) and not isinstance(value, bool):
                if value >= threshold:
                    out.append(domain_id)
                break
    return out


def incomplete_outcomes(form: Form, answers: Mapping[str, AnswerValue]
                        ) -> list[tuple[str, str | None]]:
    """(outcome id, scope) of the outcomes the professional decides whose counted answers are
    not all given (status 'partial' or 'incomplete'): a decision on such a result is no plain
    confirmation or override of a suggestion."""
    return [(r.outcome_id, r.scope) for r in score(form, answers).outcomes
            if r.needs_decision and r.status != "complete"]


def outcome_items(form: Form) -> tuple[str, ...]:
    """The items the decided outcomes count, in form order (what `incomplete_outcomes` reads,
    besides the items their conditions depend on)."""
    decided = [o for o in form.outcomes if o.decision]
    return tuple(dict.fromkeys(f"{d.id}.{i.key}" for d in form.domains for o in decided
                               for i in counted_items(form, o, d)))
