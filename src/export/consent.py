"""Consent scopes for sharing with a referrer, and the check that a letter is covered."""

from __future__ import annotations

from collections.abc import Sequence

from export.inputs import ConsentInput
from export.refusals import NO_CONSENT, NO_RECIPIENT, NOT_REFERRER, LetterRefused

# The small vocabulary of a consent's `scope` (a comma list):
#   gesprek   - that the conversation took place, and the agreed follow-up
#   uitkomst  - the professional's overall decision (e.g. the risk)
#   domeinen  - the domains that matter (where help is needed)
SCOPE_CONVERSATION = "gesprek"
SCOPE_OUTCOME = "uitkomst"
SCOPE_DOMAINS = "domeinen"
SCOPES = (SCOPE_CONVERSATION, SCOPE_OUTCOME, SCOPE_DOMAINS)

# The kind of consent the referrer letter needs ("verwijzer"; "referrer" is read the same).
KIND_REFERRER = "verwijzer"
_REFERRER_KINDS = frozenset({KIND_REFERRER, "referrer"})


class ConsentRequired(LetterRefused):
    """No active consent covers sharing this session with this recipient."""

    def __init__(self, message: str = "no active consent to share with this recipient",
                 key: str = NO_CONSENT) -> None:
        super().__init__(key, message)


def parse_scope(scope: str) -> frozenset[str]:
    """The known scope words in a comma list; unknown words grant nothing."""
    words = {w.strip().lower() for w in scope.replace(";", ",").split(",")}
    return frozenset(w for w in words if w in SCOPES)


def same_recipient(a: str, b: str) -> bool:
    """Recipients are the same when they differ only in case and spacing."""
    return _same_recipient(a, b)


def _same_recipient(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def covering_scope(consents: Sequence[ConsentInput], recipient: str) -> frozenset[str]:
    """What the active consents for `recipient` together allow to share.

    Raises ConsentRequired when no active consent names the recipient.
    """
    if not recipient.strip():
        raise ConsentRequired("no recipient given for the letter", NO_RECIPIENT)
    active = [c for c in consents if c.active and _same_recipient(c.recipient, recipient)]
    if not active:
        raise ConsentRequired("no active consent to share with this recipient")
    granted: set[str] = {SCOPE_CONVERSATION}  # a consent to share at all covers the meeting
    for consent in active:
        granted |= parse_scope(consent.scope)
    return frozenset(granted)


def is_referrer_consent(consent: ConsentInput, referrer: str | None) -> bool:
    """A consent of the referrer kind: marked so, or (a caller that does not know kinds)
    naming the client's referrer."""
    kind = consent.kind.strip().casefold()
    if kind:
        return kind in _REFERRER_KINDS
    return bool(referrer and referrer.strip()) and _same_recipient(consent.recipient,
                                                                  referrer or "")


def referrer_scope(consents: Sequence[ConsentInput], recipient: str, referrer: str | None
                   ) -> tuple[frozenset[str], list[ConsentInput]]:
    """What the active referrer consents for `recipient` allow, and those consents.

    Raises ConsentRequired when no active consent names the recipient, and when the active
    consents that do are not of the referrer kind (the letter never goes to, say, the
    'JGZ-dossier' recipient of another consent)."""
    covering_scope(consents, recipient)  # no active consent for the recipient at all
    chosen = [c for c in consents if c.active and _same_recipient(c.recipient, recipient)
              and is_referrer_consent(c, referrer)]
    if not chosen:
        raise ConsentRequired("the active consent for this recipient is not the referrer's",
                              NOT_REFERRER)
    return covering_scope(chosen, recipient), chosen


def referrer_recipients(consents: Sequence[ConsentInput], referrer: str | None) -> list[str]:
    """The recipients a referrer letter may go to: those of the active referrer consents."""
    seen: dict[str, str] = {}
    for consent in consents:
        if consent.active and is_referrer_consent(consent, referrer):
            seen.setdefault(" ".join(consent.recipient.split()).casefold(), consent.recipient)
    return list(seen.values())
