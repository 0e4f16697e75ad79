"""Soft hyphens in the together view's long words: at syllables, never in short words, and
only in the words too long for their column."""

from __future__ import annotations

from ui.hyphens import SOFT, hyphenate, pieces


def test_long_dutch_words_break_at_their_syllables() -> None:
    assert hyphenate("Hulpverlener nodig?").split(SOFT) == ["Hulp", "ver", "le", "ner nodig?"]
    assert hyphenate("Inschatting").replace(SOFT, "-") == "In-schat-ting"
    assert hyphenate("niet beantwoord").replace(SOFT, "-") == "niet beant-woord"
    assert hyphenate("Hulpvraag").replace(SOFT, "-") == "Hulp-vraag"  # "vr" starts a syllable


def test_short_words_and_words_that_fit_stay_whole() -> None:
    assert hyphenate("Ja Nee n.v.t. Zorgen") == "Ja Nee n.v.t. Zorgen"
    assert hyphenate("Hulpverlener Inschatting", lambda word: word == "Inschatting") == \
        f"Hulp{SOFT}ver{SOFT}le{SOFT}ner Inschatting"


def test_a_wrapped_line_may_end_after_a_word_or_a_part_with_its_hyphen() -> None:
    assert pieces(hyphenate("Hulpvraag nu")) == ["Hulp-", "vraag", "nu"]
