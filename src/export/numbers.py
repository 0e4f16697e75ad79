"""Numbers as a reader of the document's language writes them: '25,0%' and '12.345' in Dutch."""

from __future__ import annotations


def integer(n: int, lang: str = "nl") -> str:
    """A count with thousands grouped: '12.345' (nl), '12,345' (en)."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "nl" else text


def decimal(value: float, lang: str = "nl", places: int = 1) -> str:
    """A decimal number: '33,3' (nl), '33.3' (en); thousands grouped."""
    text = f"{value:,.{places}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(share: float, lang: str = "nl") -> str:
    """A share (0..1) as a percentage with one decimal: '25,0%' (nl), '25.0%' (en)."""
    return f"{decimal(100 * share, lang)}%"


def ratio(n: int, total: int, lang: str = "nl") -> str:
    """n of total as a percentage; '-' when there is nothing to divide by."""
    return percent(n / total, lang) if total else "-"
