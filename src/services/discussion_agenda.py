"""What the discussion after a self-report is about, without Qt: the safety flag (for the
professional only; the protected safety questions are never a topic line), the topics the rules
flag (first), the other topics, her own request for help, outcomes the professional decides on,
and the closing items (notes, agreed actions, referral) the professional fills in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from instruments.answers import AnswerValue
from instruments.conditions import visibility
from instruments.model import Domain, DomainKind, Form, Item, ItemType, Outcome, Respondent
from instruments.safety import SafetyResult, safety_items
from instruments.scoring import OutcomeResult, ScoreResult, score
from services.selfreport_flow import parent_questions


@dataclass(frozen=True)
class Topic:
    """A domain of the form with her visible answers and, when flagged, why."""

    domain: Domain
    flagged: bool
    reasons: tuple[OutcomeResult, ...]
    answers: tuple[tuple[str, Item, AnswerValue | None], ...]  # item id, item, value or None


@dataclass(frozen=True)
class ClosingItems:
    """The items the professional fills in after the self-report (by type)."""

    notes: str | None = None  # item id of a text item
    actions: str | None = None  # item id of an actions item
    yes_no: tuple[str, ...] = ()  # e.g. the referral to JGZ


@dataclass(frozen=True)
class Agenda:
    result: ScoreResult
    flagged: tuple[Topic, ...]
    others: tuple[Topic, ...]
    help_outcomes: tuple[tuple[Outcome, OutcomeResult], ...]  # form-wide, not decided
    decided_outcomes: tuple[tuple[Outcome, OutcomeResult], ...]  # the professional decides
    closing: ClosingItems
    has_flags: bool  # whether the form flags topics at all
    # The protected safety questions (None: the form has none): asked or not, and the flag.
    safety: SafetyResult | None = None


def _topic_outcomes(form: Form) -> list[Outcome]:
    """Per-domain outcomes nobody decides on: a flag means "talk about this" (ALPHA-NL)."""
    return [o for o in form.outcomes if o.per == "domain" and not o.decision]


def closing_items(form: Form) -> ClosingItems:
    """The first text and actions item, and every yes/no item, of the form's closing
    sections (steps answered by the professional or together)."""
    not_parent = {s.id for s in form.steps if s.answered_by != Respondent.PARENT}
    notes = actions = None
    yes_no: list[str] = []
    for item_id, domain, item in form.all_items():
        if domain.kind != DomainKind.CLOSING or item.step not in not_parent:
            continue
        if item.type == ItemType.TEXT and notes is None:
            notes = item_id
        elif item.type == ItemType.ACTIONS and actions is None:
            actions = item_id
        elif item.type == ItemType.YES_NO:
            yes_no.append(item_id)
    return ClosingItems(notes, actions, tuple(yes_no))


def build_agenda(form: Form, answers: Mapping[str, AnswerValue]) -> Agenda:
    """Score her answers and order the conversation: flagged topics first, then the rest."""
    result = score(form, answers)
    shown = visibility(form, answers)
    protected = set(safety_items(form))
    questions = [q for q in parent_questions(form) if q.item_id not in protected]
    flag_outcomes = _topic_outcomes(form)
    flagged: list[Topic] = []
    others: list[Topic] = []
    for domain in form.counted_domains():
        reasons = tuple(
            r for o in flag_outcomes
            for r in [result.outcome(o.id, domain.id)] if r.suggested != o.default
        )
        topic_answers = tuple(
            (q.item_id, q.item, answers.get(q.item_id))
            for q in questions if q.domain.id == domain.id and shown.get(q.item_id, True)
        )
        topic = Topic(domain, bool(reasons), reasons, topic_answers)
        (flagged if reasons else others).append(topic)
    help_outcomes = tuple((o, result.outcome(o.id)) for o in form.outcomes
                          if o.per == "form" and not o.decision)
    decided = tuple((o, result.outcome(o.id)) for o in form.outcomes
                    if o.per == "form" and o.decision)
    return Agenda(result, tuple(flagged), tuple(others), help_outcomes, decided,
                  closing_items(form), bool(flag_outcomes), result.safety)
