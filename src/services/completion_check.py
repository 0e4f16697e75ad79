"""What is still missing before a session is completed, without Qt: counted domains not (fully)
answered, outcomes still awaiting the professional's decision, and consent not yet recorded for
the referrer and for the record. The confirmation before completing lists it; only a missing
decision refuses completion."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from export.consent import KIND_REFERRER
from instruments.answers import DECLINED, AnswerValue
from instruments.completeness import counted_items
from instruments.conditions import visibility
from instruments.model import Domain, Form

if TYPE_CHECKING:
    from storage.records import ConsentRecord

# The recipient name of consent to keep the report in the organisation's JGZ record.
JGZ_RECORD = "JGZ-dossier"


@dataclass(frozen=True)
class CompletionCheck:
    """The open points of one session. `unanswered` and `declined` are counted domains (an
    answer missing; else a 'liever niet zeggen' among the answers); `undecided` are
    (outcome id, scope) keys still awaiting a decision; `no_referrer_consent` and
    `no_record_consent` say that no active consent is recorded for them."""

    unanswered: tuple[Domain, ...]
    declined: tuple[Domain, ...]
    undecided: tuple[tuple[str, str | None], ...]
    no_referrer_consent: bool
    no_record_consent: bool
    # A self-report's discussion: a referral to JGZ ticked without consent recorded for it.
    no_referral_consent: bool = False

    @property
    def may_complete(self) -> bool:
        """Completion needs the professional's decision on every outcome that asks for one."""
        return not self.undecided

    @property
    def anything_missing(self) -> bool:
        return bool(self.unanswered or self.declined or self.undecided
                    or self.no_referrer_consent or self.no_record_consent
                    or self.no_referral_consent)


def open_domains(form: Form, answers: Mapping[str, AnswerValue]
                 ) -> tuple[list[Domain], list[Domain]]:
    """The counted domains with a shown counted item unanswered, and (of the rest) those with a
    declined answer. Items no outcome counts (texts, agreed actions) are left out."""
    shown = visibility(form, answers)
    unanswered: list[Domain] = []
    declined: list[Domain] = []
    for domain in form.counted_domains():
        keys = {item.key for outcome in form.outcomes
                for item in counted_items(form, outcome, domain)}
        values = [answers.get(f"{domain.id}.{item.key}") for item in form.domain_items(domain)
                  if item.key in keys and shown.get(f"{domain.id}.{item.key}", True)]
        if any(v is None for v in values):
            unanswered.append(domain)
        elif any(v == DECLINED for v in values):
            declined.append(domain)
    return unanswered, declined


def check_completion(form: Form, answers: Mapping[str, AnswerValue],
                     undecided: Iterable[tuple[str, str | None]],
                     consents: Iterable[ConsentRecord]) -> CompletionCheck:
    """The open points of a session with these answers, open decisions and consents."""
    unanswered, declined = open_domains(form, answers)
    active = [c for c in consents if c.active]
    return CompletionCheck(
        unanswered=tuple(unanswered), declined=tuple(declined), undecided=tuple(undecided),
        # Only a consent recorded for the referrer as such lets the feedback letter go out.
        no_referrer_consent=not any(c.kind == KIND_REFERRER for c in active),
        no_record_consent=not any(c.recipient == JGZ_RECORD for c in active),
    )
