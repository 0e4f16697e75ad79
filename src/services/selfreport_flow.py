"""The walk through a self-report, without Qt: which questions are hers, in which order,
which are visible given her answers so far, and where she is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from instruments.answers import AnswerValue
from instruments.conditions import visibility
from instruments.model import Domain, DomainKind, Form, Item, ItemType, Respondent

# Item types the parent can answer on her own screen.
SELF_REPORT_TYPES = frozenset({ItemType.SCALE, ItemType.CHOICE, ItemType.YES_NO, ItemType.TEXT,
                               ItemType.NUMBER, ItemType.MULTI_CHOICE})


@dataclass(frozen=True)
class Question:
    """One screen: an item of a parent step."""

    item_id: str
    domain: Domain
    item: Item


def parent_questions(form: Form) -> list[Question]:
    """Every item of a step answered by the parent, in form order (professional and
    together items are left for the discussion afterwards)."""
    parent_steps = {s.id for s in form.steps if s.answered_by == Respondent.PARENT}
    return [
        Question(item_id, domain, item)
        for item_id, domain, item in form.all_items()
        if item.step in parent_steps and item.type in SELF_REPORT_TYPES
        and domain.kind != DomainKind.CLOSING
    ]


class SelfReportFlow:
    """Her questions and answers; visibility follows the answers live."""

    def __init__(self, form: Form, answers: Mapping[str, AnswerValue]) -> None:
        self.form = form
        self.answers: dict[str, AnswerValue] = dict(answers)
        self.questions = parent_questions(form)
        self._by_id = {q.item_id: q for q in self.questions}

    def question(self, item_id: str) -> Question:
        return self._by_id[item_id]

    def set_answer(self, item_id: str, value: AnswerValue | None) -> None:
        """Her answer as saved; None: the answer was cleared (unticking every choice)."""
        if value is None:
            self.answers.pop(item_id, None)
        else:
            self.answers[item_id] = value

    def visible(self) -> list[Question]:
        shown = visibility(self.form, self.answers)
        return [q for q in self.questions if shown.get(q.item_id, True)]

    def first(self) -> str | None:
        visible = self.visible()
        return visible[0].item_id if visible else None

    def first_unanswered(self) -> str | None:
        """Where a resumed self-report goes on: the first visible question without an answer."""
        return next((q.item_id for q in self.visible() if q.item_id not in self.answers), None)

    def next_after(self, item_id: str) -> str | None:
        """The next visible question after `item_id` (None: she is done)."""
        order = [q.item_id for q in self.questions]
        shown = {q.item_id for q in self.visible()}
        for candidate in order[order.index(item_id) + 1:]:
            if candidate in shown:
                return candidate
        return None

    def previous_before(self, item_id: str | None) -> str | None:
        """The visible question before `item_id` (None for the last one when `item_id` is
        None, i.e. going back from the hand-back screen)."""
        visible = [q.item_id for q in self.visible()]
        if item_id is None:
            return visible[-1] if visible else None
        order = [q.item_id for q in self.questions]
        for candidate in reversed(order[:order.index(item_id)]):
            if candidate in visible:
                return candidate
        return None

    def progress(self, item_id: str) -> tuple[int, int]:
        """(number of this question, total visible questions), 1-based."""
        visible = [q.item_id for q in self.visible()]
        n = visible.index(item_id) + 1 if item_id in visible else len(visible)
        return n, len(visible)

    def answered_count(self) -> int:
        return sum(1 for q in self.visible() if q.item_id in self.answers)
