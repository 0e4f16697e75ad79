"""What names and texts the store accepts: no control characters (a text may keep its line
breaks and tabs), no bidirectional overrides or lone surrogates, bounded lengths, and a name
must show something; dates must be plausible. Every refusal is one line that never repeats
the text itself."""

from __future__ import annotations

import unicodedata
from datetime import date

from storage.errors import InvalidInput

NAME_MAX = 200
LINE_MAX = 200  # referrer, consent fields, search text
NOTES_MAX = 100_000
SEARCH_MAX = 200
RESULTS_MAX = 100_000  # the most clients one search returns
DUE_MONTHS_AHEAD = 10
DUE_MONTHS_BACK = 12

# Explicit embeddings, overrides and isolates (the "Trojan Source" characters).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = frozenset("\n\r\t")


def _refused_character(text: str, *, multiline: bool) -> bool:
    for char in text:
        if char in BIDI_CONTROLS:
            return True
        category = unicodedata.category(char)
        if category == "Cs":  # a lone surrogate (undecodable input)
            return True
        if category == "Cc" and not (multiline and char in LINE_BREAKS):
            return True
        if char in "\u2028\u2029" and not multiline:
            return True
    return False


def checked_text(value: str, field: str, *, limit: int, multiline: bool = False) -> str:
    """`value` when it is a str within `limit` characters without refused characters."""
    if not isinstance(value, str):
        raise InvalidInput(key="store.error.not_text", field=field)
    if len(value) > limit:
        raise InvalidInput(key="store.error.too_long", field=field, limit=limit)
    if _refused_character(value, multiline=multiline):
        raise InvalidInput(key="store.error.control_characters", field=field)
    return value


def checked_name(value: object) -> str:
    """A person's name: one line, at most NAME_MAX characters, showing at least one letter,
    digit or sign (not only spaces, joiners or marks); white space collapsed."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(key="store.error.empty_field", field="name")
    checked_text(value, "name", limit=NAME_MAX)
    if not any(unicodedata.category(c)[0] in "LNPS" for c in value):
        raise InvalidInput(key="store.error.name_invisible")
    return " ".join(value.split())


def _months_from(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def check_dates(birth_date: date | None, due_date: date | None,
                today: date | None = None) -> None:
    """No birth date in the future; a due date at most DUE_MONTHS_AHEAD ahead and at most
    DUE_MONTHS_BACK back."""
    on = today or date.today()
    if birth_date is not None and birth_date > on:
        raise InvalidInput(key="store.error.birth_in_future")
    if due_date is not None and not (_months_from(on, -DUE_MONTHS_BACK) <= due_date
                                     <= _months_from(on, DUE_MONTHS_AHEAD)):
        raise InvalidInput(key="store.error.due_date_implausible", ahead=DUE_MONTHS_AHEAD,
                           back=DUE_MONTHS_BACK)


def checked_limit(limit: object) -> int:
    """A result limit: a whole number >= 0, at most RESULTS_MAX (larger ones are cut)."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise InvalidInput(key="store.error.bad_limit")
    return min(limit, RESULTS_MAX)


def shown(text: str) -> str:
    """`text` safe to print on a terminal: control characters, bidi controls and lone
    surrogates written as escapes (\\x1b, \\u202e), so a stored name cannot move the cursor,
    clear the screen or turn the line around."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if char in BIDI_CONTROLS or category in ("Cc", "Cs") or char in "\u2028\u2029":
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
