"""Translations for the Qt shell, readable before the YAML parser is imported.

The app's message catalogs are flat YAML files (`resources/i18n/<area>.<lang>.yaml`), read by
`instruments.i18n.tr`. Importing PyYAML (and pydantic with it) before the first window shows
doubles the start-up time, so the shell reads its own area (`ui.<lang>.yaml`) with a small reader
for the flat subset those files use (`instruments.flat_catalog`).
Keys that are not in the `ui` area fall through to `instruments.i18n.tr` (other areas).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from instruments.flat_catalog import parse_flat_catalog

DEFAULT_LANGUAGE = "nl"
UI_LANGUAGES = ("nl", "en")
AREA = "ui"
__all__ = ["DEFAULT_LANGUAGE", "UI_LANGUAGES", "parse_flat_catalog", "tr", "ui_catalog"]


def catalog_dir() -> Path:
    """The folder holding the message catalogs (kept free of the YAML import)."""
    from instruments.paths import resources_dir

    return resources_dir() / "i18n"


@cache
def ui_catalog(lang: str, folder: Path | None = None) -> dict[str, str]:
    """The shell's own messages in `lang` (empty when the file is missing)."""
    path = (folder or catalog_dir()) / f"{AREA}.{lang}.yaml"
    if not path.exists():
        return {}
    return parse_flat_catalog(path.read_text(encoding="utf-8"))


def tr(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The message `key` in `lang`, falling back to Dutch, then other areas, then the key."""
    text = ui_catalog(lang).get(key) or ui_catalog(DEFAULT_LANGUAGE).get(key)
    if text is None:
        from instruments.i18n import tr as tr_any_area

        return tr_any_area(key, lang, **values)
    return text.format(**values) if values else text
