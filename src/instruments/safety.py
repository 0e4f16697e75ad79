"""Protected safety questions (violence at home): which items they are, whether they were asked
(only after the professional confirmed at hand-over that the client is alone), and the separate
safety flag a 'yes' raises. The flag is for the professional only: it is no outcome, no topic line,
and never part of a referrer letter unless the professional puts it there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from instruments.answers import DECLINED, AnswerValue
from instruments.conditions import visibility
from instruments.model import Form


@dataclass(frozen=True)
class SafetyResult:
    """The state of a form's safety questions in one session.

    `confirmed_alone` is the gate's answer (None: not answered); `not_asked` are the safety
    items that were skipped because the gate was not confirmed; `flagged` are the items
    answered 'yes' (the flag); `declined` and `unanswered` are asked items without a yes/no."""

    gate: str | None
    items: tuple[str, ...]
    confirmed_alone: bool | None
    not_asked: tuple[str, ...]
    flagged: tuple[str, ...]
    declined: tuple[str, ...]
    unanswered: tuple[str, ...]

    @property
    def flag(self) -> bool:
        """Whether a safety question was answered 'yes'."""
        return bool(self.flagged)


def safety_items(form: Form) -> tuple[str, ...]:
    """The full ids of the form's protected safety items, in form order."""
    return tuple(full_id for full_id, _, item in form.all_items() if item.safety)


def safety_result(form: Form, answers: Mapping[str, AnswerValue]) -> SafetyResult:
    """What the safety questions say in this session."""
    items = safety_items(form)
    gate = form.safety.gate if form.safety else None
    shown = visibility(form, answers)
    confirmed = answers.get(gate) if gate else None
    not_asked, flagged, declined, unanswered = [], [], [], []
    for item_id in items:
        value = answers.get(item_id)
        if not shown[item_id]:
            not_asked.append(item_id)
        elif value is True:
            flagged.append(item_id)
        elif value == DECLINED:
            declined.append(item_id)
        elif value is None:
            unanswered.append(item_id)
    return SafetyResult(gate, items, confirmed if isinstance(confirmed, bool) else None,
                        tuple(not_asked), tuple(flagged), tuple(declined), tuple(unanswered))


def without_safety_answers(form: Form, answers: Mapping[str, AnswerValue]
                           ) -> dict[str, AnswerValue]:
    """The answers with the safety items left out: what a document for someone other than
    the professional (a referrer letter) may draw on unless the professional adds them."""
    protected = set(safety_items(form))
    return {k: v for k, v in answers.items() if k not in protected}
