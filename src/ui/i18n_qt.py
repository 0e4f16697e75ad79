"""Translations for the Qt shell, readable before the YAML parser is imported.

The app's message catalogs are flat YAML files (`resources/i18n/<area>.<lang>.yaml`), read by
`instruments.i18n.tr`. Importing PyYAML (and pydantic with it) before the first window shows
doubles the start-up time, so the shell reads its own area (`ui.<lang>.yaml`) with a small reader
for the flat subset those files use: `key: text` or `key: "json-style text"` per line, `#`
comments. A test checks that this reader agrees with `yaml.safe_load` on every `ui` catalog.
Keys that are not in the `ui` area fall through to `instruments.i18n.tr` (other areas).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DEFAULT_LANGUAGE = "nl"
UI_LANGUAGES = ("nl", "en")
AREA = "ui"


def catalog_dir() -> Path:
    """The folder holding the message catalogs (kept free of the YAML import)."""
    from instruments.paths import resources_dir

    return resources_dir() / "i18n"


def parse_flat_catalog(text: str) -> dict[str, str]:
    """Parse a flat `key: value` catalog; raises ValueError on a line outside the subset."""
    messages: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep or not key or key != key.strip() or " " in key:
            raise ValueError(f"line {number}: expected 'key: text'")
        value = value.strip()
        if value.startswith('"'):
            parsed = json.loads(value)
            if not isinstance(parsed, str):
                raise ValueError(f"line {number}: expected a string")
            value = parsed
        elif value.startswith(("'", "|", ">", "[", "{", "&", "*", "!", "%", "@", "`")) or (
            " #" in value or ": " in value
        ):
            raise ValueError(f"line {number}: quote this text with double quotes")
        messages[key] = value
    return messages


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
