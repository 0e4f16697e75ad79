"""A reader for the flat message catalogs (`key: text` lines), free of the YAML import."""

from __future__ import annotations

import json


def parse_flat_catalog(text: str) -> dict[str, str]:
    """Parse a flat `key: value` catalog; raises ValueError on a line outside the subset.

    The subset: `key: text` or `key: "json-style text"` per line, `#` comments, blank lines.
    A test checks that this reader agrees with `yaml.safe_load` on every shipped catalog.
    """
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
