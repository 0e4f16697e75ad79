"""Messages of self-report mode (resources/i18n/selfreport.<lang>.yaml) and language facts."""

from __future__ import annotations

from instruments.i18n import catalog, tr
from instruments.model import LocalizedText, localize

# Languages written right to left; the whole self-report window is mirrored for them.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
# espeak-ng voice per language code (the codes the shipped forms use).
SPEECH_VOICES = {"nl": "nl", "en": "en", "ar": "ar", "tr": "tr", "pl": "pl"}


RLM = "\u200f"  # right-to-left mark: makes a paragraph right to left even if it starts in Latin


def directed(text: str, lang: str) -> str:
    """`text` with every paragraph marked right to left for a right-to-left language, so a line
    that opens with a Latin word (ALPHA-NL, a number) still starts on the right."""
    if not is_rtl(lang) or not text:
        return text
    return "\n".join(RLM + line if line and not line.startswith(RLM) else line
                     for line in text.split("\n"))


def t(key: str, lang: str, **values: object) -> str:
    """The self-report message `key` in `lang` (Dutch fallback), direction marked."""
    return directed(tr(f"selfreport.{key}", lang, **values), lang)


def dt(key: str, lang: str, **values: object) -> str:
    """A message of the professional's discussion view (selfreport_discussion area)."""
    return tr(f"selfreport_discussion.{key}", lang, **values)


def loc(text: LocalizedText | None, lang: str) -> str:
    """A form text in `lang` (Dutch fallback), direction marked."""
    return directed(localize(text, lang), lang)


def is_rtl(lang: str) -> bool:
    return lang in RTL_LANGUAGES


def has_chrome(lang: str) -> bool:
    """Whether self-report mode has its own screens translated into `lang`."""
    return "selfreport.language.name" in catalog(lang)


def language_name(lang: str) -> str:
    """The language's name in that language itself (Nederlands, English, العربية, ...)."""
    return catalog(lang).get("selfreport.language.name", lang)


def offered_languages(form_languages: list[str]) -> list[str]:
    """The form's languages that self-report mode can show, in the form's order."""
    return [lang for lang in form_languages if has_chrome(lang)] or ["nl"]
