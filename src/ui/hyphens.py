"""Soft hyphens (U+00AD) at the syllable breaks of long words, so that a narrow table column
breaks "Hulpverlener" as "Hulp-" / "verlener" instead of cutting it or breaking it anywhere.
A rule of thumb for Dutch and English (one consonant goes to the next syllable, a cluster is
split before the longest onset a syllable can start with), no dictionary."""

from __future__ import annotations

import re
from collections.abc import Callable

SOFT = "\u00ad"
MIN_WORD = 7  # shorter words are never broken
MIN_LEFT, MIN_RIGHT = 2, 3
VOWELS = frozenset("aeiouyáéíóúäëïöüàèìòùâêîôû")
ONSETS = frozenset({
    "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "kl", "kn", "kr", "pl", "pr",
    "sc", "sch", "schr", "sk", "sl", "sm", "sn", "sp", "spr", "st", "str", "sw", "th", "tr",
    "vl", "vr", "wr", "zw",
})
_WORD = re.compile(r"[^\W\d_]+")


def _is_vowel(word: str, at: int) -> bool:
    letter = word[at].lower()
    # The Dutch "ij" is one vowel.
    return letter in VOWELS or (letter == "j" and at > 0 and word[at - 1].lower() == "i")


def breaks(word: str) -> list[int]:
    """The positions in `word` (letters only) where a syllable may start."""
    if len(word) < MIN_WORD:
        return []
    found = []
    at = 0
    n = len(word)
    while at < n and not _is_vowel(word, at):
        at += 1
    while at < n:
        while at < n and _is_vowel(word, at):  # the vowel group
            at += 1
        start = at
        while at < n and not _is_vowel(word, at):  # the consonants after it
            at += 1
        if at >= n:
            break  # the last consonants stay with the last syllable
        cluster = word[start:at].lower()
        cut = at - 1  # by default the last consonant starts the next syllable
        for size in range(len(cluster), 1, -1):
            if cluster[-size:] in ONSETS:
                cut = at - size
                break
        if not cluster:
            continue
        if cut >= MIN_LEFT and n - cut >= MIN_RIGHT:
            found.append(cut)
    return found


def hyphenate(text: str, fits: Callable[[str], bool] = lambda _word: False) -> str:
    """`text` with a soft hyphen at every syllable break of its long words (of those that
    do not `fit` whole, when given)."""
    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        if fits(word):
            return word
        pieces, last = [], 0
        for cut in breaks(word):
            pieces.append(word[last:cut])
            last = cut
        pieces.append(word[last:])
        return SOFT.join(pieces)

    return _WORD.sub(one, text)


def pieces(text: str) -> list[str]:
    """The parts a wrapped line may end after: words, and parts of words at a soft hyphen
    (with the hyphen that shows there)."""
    parts = []
    for word in text.split():
        chunks = word.split(SOFT)
        parts += [chunk + "-" for chunk in chunks[:-1]] + [chunks[-1]]
    return parts
