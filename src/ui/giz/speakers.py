"""Who speaks in a multidisciplinary GIZ: the professionals named for the session (one per line
in the introduction's participants answer), those who already gave answers, and the app user."""

from __future__ import annotations

from collections.abc import Iterable

from instruments.model import DomainKind, Form

PARTICIPANTS_KEY = "participants"


def participants_item(form: Form) -> str | None:
    """The full id of the item naming the participants (an introduction item), if any."""
    for domain in form.domains:
        if domain.kind == DomainKind.INTRO:
            for item in form.domain_items(domain):
                if item.key == PARTICIPANTS_KEY:
                    return f"{domain.id}.{item.key}"
    return None


def _clean(name: str) -> str:
    return " ".join(name.split())


def names_from_text(text: str | None) -> list[str]:
    """The names in a participants text: one per line, blanks ignored, duplicates dropped."""
    return unique(_clean(line) for line in (text or "").splitlines())


def unique(names: Iterable[str | None]) -> list[str]:
    """Names in first-seen order without blanks or case-insensitive duplicates."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        cleaned = _clean(name or "")
        if cleaned and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            out.append(cleaned)
    return out


def with_name(text: str | None, name: str) -> str:
    """The participants text with `name` added on its own line (unchanged if already named)."""
    cleaned = _clean(name)
    current = (text or "").rstrip("\n")
    if not cleaned or cleaned.casefold() in {n.casefold() for n in names_from_text(current)}:
        return current
    return f"{current}\n{cleaned}" if current.strip() else cleaned


def speaker_names(participants: str | None, answered_by: Iterable[str | None],
                  user: str | None) -> list[str]:
    """Everyone who can be chosen as speaker: named participants, earlier speakers, the user."""
    return unique([*names_from_text(participants), *answered_by, user])
