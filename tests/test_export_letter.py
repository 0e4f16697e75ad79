"""The referrer's feedback letter: refused without consent, only what the consent covers."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest

from export.consent import ConsentRequired, parse_scope
from export.letter import build_letter
from export_support import (
    HIDDEN_MARKER,
    SHOWN_MARKER,
    client,
    consent,
    make_session,
    pdf_fonts,
    pdf_text,
)

REFERRER = "Verloskundigenpraktijk De Wieg"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_letter_is_refused_without_any_consent() -> None:
    with pytest.raises(ConsentRequired):
        build_letter(make_session(), client(), [])


def test_letter_is_refused_when_the_consent_was_withdrawn() -> None:
    with pytest.raises(ConsentRequired):
        build_letter(make_session(), client(), [consent(active=False)])


def test_letter_is_refused_when_the_consent_names_another_recipient() -> None:
    with pytest.raises(ConsentRequired):
        build_letter(make_session(), client(), [consent(recipient="Huisarts Jansen")])


def test_recipient_match_ignores_case_and_spacing() -> None:
    pdf = build_letter(make_session(), client(),
                       [consent(recipient="  verloskundigenpraktijk  de wieg ")])
    assert REFERRER in _flat(pdf_text(pdf))


def test_letter_with_conversation_scope_names_follow_up_but_not_outcome_or_domains() -> None:
    text = _flat(pdf_text(build_letter(make_session(decided="hoog", reason="veiligheid"),
                                       client(), [consent(scope="gesprek")])))
    assert "Fatma Yılmaz" in text
    assert REFERRER in text
    assert "JGZ Voorbeeldstad" in text and "Anna de Vries" in text
    assert "Testgesprek export (versie 1.2.0)" in text
    assert "02-11-2026" in text
    assert "Aanmelden bij schuldhulpverlening" in text
    assert "hoog risico" not in text
    assert "Wonen en geld" not in text  # a domain only appears with 'domeinen'
    assert "111222333" not in text  # never the BSN in a letter


def test_letter_with_full_scope_adds_decision_and_domains() -> None:
    text = _flat(pdf_text(build_letter(make_session(decided="hoog", reason="veiligheid"),
                                       client(), [consent(scope="gesprek, uitkomst, domeinen")])))
    assert "hoog risico" in text
    assert "Wonen en geld" in text and "Relatie" in text
    assert "Gezondheid" not in text  # no help needed there


def test_letter_shows_the_decision_not_the_suggestion() -> None:
    session = make_session(decided="laag", reason="Goed netwerk")  # suggestion is 'hoog'
    text = _flat(pdf_text(build_letter(session, client(), [consent(scope="uitkomst")])))
    assert "laag risico" in text
    assert "hoog risico" not in text


def test_letter_never_holds_an_answer_a_condition_hides() -> None:
    text = pdf_text(build_letter(make_session(), client(),
                                 [consent(scope="gesprek,uitkomst,domeinen")]))
    assert HIDDEN_MARKER not in text
    assert SHOWN_MARKER not in text  # free text stays out of the letter altogether


def test_letter_in_english() -> None:
    text = _flat(pdf_text(build_letter(make_session(), client(),
                                       [consent(scope="gesprek,uitkomst")], lang="en")))
    assert "Dear Verloskundigenpraktijk De Wieg" in text
    assert "Export test conversation" in text
    assert "Beste" not in text


@pytest.mark.parametrize("name", ["Zeynep Çağlar Öztürk", "Małgorzata Wójcik-Łęcka",
                                  "Şükrü Ğündüz"])
def test_turkish_and_polish_names_print_correctly(name: str) -> None:
    pdf = build_letter(make_session(), client(name=name), [consent()])
    assert name in _flat(pdf_text(pdf))


def test_arabic_name_prints_with_its_letters() -> None:
    name = "فاطمة الزهراء"
    pdf = build_letter(make_session(), client(name=name), [consent()])
    text = unicodedata.normalize("NFKC", pdf_text(pdf))
    words = {unicodedata.normalize("NFKC", w) for w in name.split()}
    # pdftotext may give the words in visual or logical order; each word must be intact.
    for word in words:
        assert word in text or word[::-1] in text


def test_every_font_in_the_letter_is_embedded() -> None:
    pdf = build_letter(make_session(), client(name="أحمد Yılmaz"), [consent()])
    fonts = pdf_fonts(pdf)
    assert fonts and all(embedded for _, embedded in fonts)


def test_scope_words_outside_the_vocabulary_grant_nothing() -> None:
    assert parse_scope("gesprek, alles, Uitkomst") == {"gesprek", "uitkomst"}


def test_letter_to_a_named_recipient_other_than_the_referrer() -> None:
    pdf = build_letter(make_session(), replace(client(), referrer=None),
                       [consent(recipient="Huisarts Jansen")], recipient="Huisarts Jansen")
    assert "Huisarts Jansen" in _flat(pdf_text(pdf))


def test_an_action_agreed_in_several_domains_is_one_line_in_the_letter() -> None:
    from export.letter import letter_content
    from export_support import load_test_form, sample_answers, session_for

    answers = {**sample_answers(), "relation.actions": ["Aanmelden bij schuldhulpverlening",
                                                        "Huisbezoek over zes weken"]}
    content = letter_content(session_for(load_test_form(), answers), client(), [consent()])
    text = content.plain_text()
    assert text.count("Aanmelden bij schuldhulpverlening") == 1
    assert text.count("Huisbezoek over zes weken") == 1
