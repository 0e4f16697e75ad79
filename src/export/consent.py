"""Consent scopes for sharing with a referrer, and the check that a letter is covered."""

from __future__ import annotations

from collections.abc import Sequence

from export.inputs import ConsentInput

# The small vocabulary of a consent's `scope` (a comma list):
#   gesprek   - that the conversation took place, and the agreed follow-up
#   uitkomst  - the professional's overall decision (e.g. the risk)
#   domeinen  - the domains that matter (where help is needed)
SCOPE_CONVERSATION = "gesprek"
SCOPE_OUTCOME = "uitkomst"
SCOPE_DOMAINS = "domeinen"
SCOPES = (SCOPE_CONVERSATION, SCOPE_OUTCOME, SCOPE_DOMAINS)


class ConsentRequired(Exception):
    """No active consent covers sharing this session with this recipient."""


def parse_scope(scope: str) -> frozenset[str]:
    """The known scope words in a comma list; unknown words grant nothing."""
    words = {w.strip().lower() for w in scope.replace(";", ",").split(",")}
    return frozenset(w for w in words if w in SCOPES)


def _same_recipient(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def covering_scope(consents: Sequence[ConsentInput], recipient: str) -> frozenset[str]:
    """What the active consents for `recipient` together allow to share.

    Raises ConsentRequired when no active consent names the recipient.
    """
    if not recipient.strip():
        raise ConsentRequired("no recipient given for the letter")
    active = [c for c in consents if c.active and _same_recipient(c.recipient, recipient)]
    if not active:
        raise ConsentRequired("no active consent to share with this recipient")
    granted: set[str] = {SCOPE_CONVERSATION}  # a consent to share at all covers the meeting
    for consent in active:
        granted |= parse_scope(consent.scope)
    return frozenset(granted)
