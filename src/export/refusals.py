"""Why a document is not made: one refusal type per document, with a message key per reason."""

from __future__ import annotations

from instruments.i18n import tr


class LetterRefused(Exception):
    """The letter cannot be made. `key` names the reason (a message in the export catalog);
    str() is the same reason in one English line (never client data)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key

    def text(self, lang: str = "nl") -> str:
        """The reason in the user's language, one line."""
        return tr(self.key, lang)


DRAFT = "export.refused.draft"
NO_DECISION = "export.refused.no_decision"
NO_PROFESSIONAL = "export.refused.no_professional"
NO_RECIPIENT = "export.refused.no_recipient"
NO_CONSENT = "export.refused.no_consent"
NOT_REFERRER = "export.refused.not_referrer"
