"""The professional's decision on a suggested outcome, without the scoring rules or the form model
(so the store can read and keep decisions without loading pydantic)."""

from __future__ import annotations

from dataclasses import dataclass

# What a decision records as "suggested" when the app had no suggestion (incomplete answers).
NO_SUGGESTION = "__no_suggestion__"


class DecisionError(ValueError):
    """A decision that cannot be recorded, e.g. an override without a reason."""


@dataclass(frozen=True)
class Decision:
    """The professional's confirmation or override of a suggestion. Both are kept."""

    outcome_id: str
    scope: str | None
    suggested: str
    decided: str
    reason: str | None = None
    decided_by: str | None = None

    @property
    def overridden(self) -> bool:
        """A decision against the app's suggestion (not one made without a suggestion)."""
        return self.suggested != NO_SUGGESTION and self.decided != self.suggested

    @property
    def had_suggestion(self) -> bool:
        return self.suggested != NO_SUGGESTION
