"""Short access to the session message catalog (resources/i18n/session.<lang>.yaml)."""

from __future__ import annotations

from instruments.i18n import tr
from instruments.model import LocalizedText, localize


def t(key: str, lang: str, **values: object) -> str:
    """The session message `key` in `lang` (Dutch fallback)."""
    return tr(f"session.{key}", lang, **values)


def loc(text: LocalizedText | None, lang: str) -> str:
    """A form text in `lang` (Dutch fallback)."""
    return localize(text, lang)
