"""Short access to the GIZ message catalog (resources/i18n/giz.<lang>.yaml)."""

from __future__ import annotations

from instruments.i18n import tr


def g(key: str, lang: str, **values: object) -> str:
    """The GIZ message `key` in `lang` (Dutch fallback)."""
    return tr(f"giz.{key}", lang, **values)
