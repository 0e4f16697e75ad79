"""The normalised search form of a name: lower case, accents folded, spaces collapsed."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """'  Zoë  van  Dijk ' -> 'zoe van dijk'."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def like_pattern(text: str) -> str:
    """A LIKE pattern (escape char '\\') matching names that contain the folded text."""
    folded = fold(text)
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
