"""Short access to the session message catalog (resources/i18n/session.<lang>.yaml)."""

from __future__ import annotations

from datetime import datetime

from instruments.i18n import tr
from instruments.model import LocalizedText, localize


def t(key: str, lang: str, **values: object) -> str:
    """The session message `key` in `lang` (Dutch fallback)."""
    return tr(f"session.{key}", lang, **values)


def loc(text: LocalizedText | None, lang: str) -> str:
    """A form text in `lang` (Dutch fallback)."""
    return localize(text, lang)


def saved_at(lang: str) -> str:
    """The saved indicator's line: saved, at the time now."""
    return t("saved.at", lang, time=datetime.now().strftime("%H:%M:%S"))
