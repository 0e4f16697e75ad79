"""The one translation mechanism: message catalogs per language in resources/i18n/*.yaml.

Every file `resources/i18n/<area>.<lang>.yaml` is a flat mapping of message key to text;
areas (ui, export, ...) are merged. Dutch is the source language and the fallback.
Texts use `{name}` placeholders filled by `tr(key, lang, name=...)`.
The files are read with the flat reader (`instruments.flat_catalog`), so a command that only
prints messages does not import PyYAML; a file outside that subset is read with PyYAML.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from instruments.flat_catalog import parse_flat_catalog
from instruments.paths import resources_dir

DEFAULT_LANGUAGE = "nl"
UI_LANGUAGES = ("nl", "en")


@cache
def catalog(lang: str, folder: Path | None = None) -> dict[str, str]:
    """All messages in `lang`, merged over the areas."""
    merged: dict[str, str] = {}
    base = folder or resources_dir() / "i18n"
    for path in sorted(base.glob(f"*.{lang}.yaml")):
        data = _read_catalog(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{path}: a message catalog must be a mapping of key to text")
        merged.update({str(k): str(v) for k, v in data.items()})
    return merged


def _read_catalog(text: str) -> object:
    try:
        return parse_flat_catalog(text)
    except ValueError:
        import yaml

        return yaml.safe_load(text) or {}


def tr(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The message `key` in `lang` (falling back to Dutch, then to the key itself)."""
    text = catalog(lang).get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text
