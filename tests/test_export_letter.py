"""The referrer's feedback letter: refused without consent, only what the consent covers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

import pytest

from export.consent import ConsentRequired, parse_scope, referrer_recipients
from export.inputs import SessionInput
from export.letter import build_letter, letter_content
from export.refusals import DRAFT, NO_DECISION, NO_PROFESSIONAL, NOT_REFERRER, LetterRefused
from export_support import (
    CONDUCTOR,
    EXPORTER,
    HIDDEN_MARKER,
    LETTERHEAD,
    SHOWN_MARKER,
    client,
    consent,
    make_session,
    pdf_fonts,
    pdf_info,
    pdf_text,
    shipped_session,
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
    assert "Testgesprek export" in text
    assert "1.2.0" not in text and "versie" not in text  # no form version in a letter
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
                       [replace(consent(recipient="Huisarts Jansen"), kind="verwijzer")],
                       recipient="Huisarts Jansen")
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


# ----- only from a finished, decided conversation ----------------------------------------------------


def _draft() -> SessionInput:
    """A draft: about 40 % answered, no decision (the case a referrer would reject)."""
    session = make_session()
    answers = dict(list(session.answers.items())[: len(session.answers) * 2 // 5])
    return replace(session, answers=answers, decisions=(), state="draft", completed_at=None)


def test_no_letter_from_a_draft() -> None:
    with pytest.raises(LetterRefused) as caught:
        build_letter(_draft(), client(), [consent(scope="gesprek,uitkomst,domeinen")])
    assert caught.value.key == DRAFT
    assert caught.value.text("nl") == "geen brief: het gesprek is nog niet afgerond (concept)"
    with pytest.raises(LetterRefused):
        letter_content(_draft(), client(), [consent()])  # nor its preview


def test_no_letter_from_a_completed_session_without_a_decision() -> None:
    session = replace(make_session(), decisions=())
    with pytest.raises(LetterRefused) as caught:
        build_letter(session, client(), [consent(scope="gesprek,uitkomst")])
    assert caught.value.key == NO_DECISION
    assert "\n" not in str(caught.value)


def test_a_giz_letter_needs_every_side_decided_and_names_each_side() -> None:
    session = shipped_session("giz-signalering")
    scoped = [d for d in session.decisions if d.scope is not None]
    assert len(scoped) == 3
    with pytest.raises(LetterRefused):
        build_letter(replace(session, decisions=tuple(scoped[:2])), client(), [consent()])
    text = _flat(pdf_text(build_letter(session, client(), [consent(scope="gesprek,uitkomst")])))
    for side in session.form.groups:
        assert side.title["nl"] in text
    assert "de GIZ (Gezamenlijk Inschatten van Zorgbehoeften)" in text
    assert "Signalerings-GIZ" not in text


# ----- only to the referrer ----------------------------------------------------------------------


def test_after_the_referrers_consent_is_withdrawn_no_other_recipient_gets_the_letter() -> None:
    consents = [consent(active=False), consent(recipient="JGZ-dossier", scope="gesprek,uitkomst")]
    with pytest.raises(ConsentRequired):
        build_letter(make_session(), client(), consents)
    with pytest.raises(ConsentRequired) as caught:
        build_letter(make_session(), client(), consents, recipient="JGZ-dossier")
    assert caught.value.key == NOT_REFERRER
    assert referrer_recipients(consents, client().referrer) == []


def test_a_consent_of_another_kind_never_counts_for_the_letter() -> None:
    dossier = replace(consent(), kind="dossier")  # names the referrer, but is not for feedback
    with pytest.raises(ConsentRequired):
        build_letter(make_session(), client(), [dossier])


def test_the_letter_goes_to_the_recipient_of_the_referrer_kind_consent() -> None:
    consents = [consent(recipient="JGZ-dossier"), replace(consent(), kind="verwijzer")]
    assert referrer_recipients(consents, client().referrer) == [REFERRER]
    content = letter_content(make_session(), client(), consents)
    assert content.recipient == REFERRER


def test_letter_is_addressed_to_the_referrer_by_name_role_and_practice() -> None:
    who = replace(client(), referrer="J. Bakker", referrer_role="verloskundige",
                  referrer_practice="Verloskundigenpraktijk De Wieg")
    consents = [consent(recipient="J. Bakker")]
    text = _flat(pdf_text(build_letter(make_session(), who, consents)))
    assert "Aan: J. Bakker, verloskundige Verloskundigenpraktijk De Wieg" in text
    assert "Beste J. Bakker," in text
    plain = letter_content(make_session(), who, consents).plain_text()
    assert plain.startswith("Aan: J. Bakker, verloskundige, Verloskundigenpraktijk De Wieg\n")
    english = _flat(pdf_text(build_letter(make_session(), who, consents, lang="en")))
    assert "To: J. Bakker, verloskundige Verloskundigenpraktijk De Wieg" in english
    assert "Dear J. Bakker," in english


def test_a_letter_without_a_known_role_or_practice_is_addressed_by_name_only() -> None:
    who = replace(client(), referrer="J. Bakker")
    content = letter_content(make_session(), who, [consent(recipient="J. Bakker")])
    assert content.recipient_lines == ()
    assert content.plain_text().startswith("Aan: J. Bakker\n")
    text = _flat(pdf_text(build_letter(make_session(), who, [consent(recipient="J. Bakker")])))
    assert "Aan: J. Bakker JGZ Voorbeeldstad" in text  # nothing made up after the name
    assert "Beste J. Bakker," in text


def test_only_the_known_detail_is_added_to_the_name() -> None:
    role_only = replace(client(), referrer="J. Bakker", referrer_role="huisarts")
    content = letter_content(make_session(), role_only, [consent(recipient="J. Bakker")])
    assert content.address_line() == "Aan: J. Bakker, huisarts"
    practice_only = replace(client(), referrer="J. Bakker", referrer_practice="Praktijk Oost")
    content = letter_content(make_session(), practice_only, [consent(recipient="J. Bakker")])
    assert content.address_line() == "Aan: J. Bakker, Praktijk Oost"


def test_the_referrers_role_never_goes_to_another_referrer_consents_recipient() -> None:
    who = replace(client(), referrer="J. Bakker", referrer_role="verloskundige",
                  referrer_practice="Verloskundigenpraktijk De Wieg")
    other = replace(consent(recipient="Huisarts Jansen"), kind="verwijzer")
    content = letter_content(make_session(), who, [other], recipient="Huisarts Jansen")
    assert content.address_line() == "Aan: Huisarts Jansen"
    assert "verloskundige" not in content.plain_text().split("\n\n")[0]


def test_a_practice_as_the_referrer_is_greeted_as_a_colleague() -> None:
    who = replace(client(), referrer="Verloskundigenpraktijk De Wieg",
                  referrer_role="verloskundige",
                  referrer_practice="Verloskundigenpraktijk De Wieg")
    content = letter_content(make_session(), who, [consent()])
    assert content.address_line() == "Aan: Verloskundigenpraktijk De Wieg, verloskundige"
    assert content.body[0].text == "Beste collega,"


def test_role_and_practice_do_not_open_the_letter_to_their_names() -> None:
    who = replace(client(), referrer="J. Bakker", referrer_role="verloskundige",
                  referrer_practice="Verloskundigenpraktijk De Wieg")
    # The only consent names the practice but is not of the referrer kind: refused.
    with pytest.raises(ConsentRequired):
        letter_content(make_session(), who, [replace(consent(), kind="dossier")],
                       recipient="Verloskundigenpraktijk De Wieg")
    with pytest.raises(ConsentRequired):
        letter_content(make_session(), who, [consent(recipient="J. Bakker")],
                       recipient="verloskundige")


# ----- signed, with contact details ----------------------------------------------------------------


def test_letter_is_signed_by_the_conductor_with_contact_details() -> None:
    session = replace(make_session(), letterhead=replace(LETTERHEAD, professional=EXPORTER))
    pdf = build_letter(session, client(), [consent()])
    text = _flat(pdf_text(pdf))
    assert ("Met vriendelijke groet, Anna de Vries jeugdverpleegkundige JGZ Voorbeeldstad "
            "010-1234567 a.devries@jgz-voorbeeldstad.example") in text
    assert "U kunt mij bereiken via 010-1234567 of a.devries@jgz-voorbeeldstad.example." in text
    assert "hebben Fatma Yılmaz en ik een gesprek gevoerd" in text
    assert EXPORTER not in text
    assert pdf_info(pdf)["Author"] == CONDUCTOR.name


def test_a_letter_nobody_can_sign_is_refused() -> None:
    session = replace(make_session(), conductor=None,
                      letterhead=replace(LETTERHEAD, professional=""))
    with pytest.raises(LetterRefused) as caught:
        build_letter(session, client(), [consent()])
    assert caught.value.key == NO_PROFESSIONAL


def test_without_a_recorded_conductor_the_sender_signs_without_claiming_the_conversation() -> None:
    session = replace(make_session(), conductor=None)
    content = letter_content(session, client(), [consent()])
    text = content.plain_text()
    assert "is met Fatma Yılmaz een gesprek gevoerd" in text and " en ik " not in text
    assert content.signer == LETTERHEAD.professional
    assert any("niet vastgelegd" in w for w in content.warnings)


def test_a_letter_without_phone_or_email_warns() -> None:
    session = replace(make_session(), conductor=replace(CONDUCTOR, phone="", email=""),
                      letterhead=replace(LETTERHEAD, phone="", email=""))
    content = letter_content(session, client(), [consent()])
    assert any("telefoonnummer of e-mailadres" in w for w in content.warnings)
    assert not letter_content(make_session(), client(), [consent()]).warnings


# ----- words for the referrer ----------------------------------------------------------------------


def test_letter_names_domains_in_the_third_person() -> None:
    from dataclasses import replace

    session = shipped_session("prespark")
    # Help needed now in every domain, so the letter lists them all by title.
    answers = {k: (5 if k.endswith((".need_now", ".professional")) else v)
               for k, v in session.answers.items()}
    session = replace(session, answers=answers)
    content = letter_content(session, client(), [consent(scope="gesprek,uitkomst,domeinen")])
    titles = [b for part in content.body for b in part.bullets
              if part.text == "Deze onderwerpen vragen aandacht:"]
    assert titles
    for title in titles:
        assert not re.search(r"\b(u|uw)\b", title, re.IGNORECASE), title
    parent_facing = {d.title["nl"] for d in session.form.domains}
    assert "Hoe u zich voelt" in parent_facing and "Hoe u zich voelt" not in content.plain_text()


def test_a_second_person_title_without_a_catalog_entry_is_rewritten() -> None:
    from export.summary import letter_domain_title
    from instruments.model import Domain

    form = make_session().form
    domain = Domain(id="x", title={"nl": "Hoe het met u en uw kind gaat",
                                   "en": "Support around you"})
    assert letter_domain_title(form, domain, "nl") == "Hoe het met de ouder en het kind gaat"
    assert letter_domain_title(form, domain, "en") == "Support around the parent"
    plain = Domain(id="y", title={"nl": "Wonen", "en": "Housing"})
    assert letter_domain_title(form, plain, "nl") == "Wonen"


def test_letter_has_no_form_version_no_licence_box_and_no_stilted_outcome() -> None:
    session = make_session(decided="hoog", reason="veiligheid")
    text = _flat(pdf_text(build_letter(session, client(), [consent(scope="gesprek,uitkomst")])))
    assert session.form.notice["nl"] not in text
    assert "versie" not in text
    assert "kom ik tot" not in text
    assert "De inschatting na het gesprek: hoog risico." in text
    assert "Vertrouwelijk – alleen voor de geadresseerde" in text  # the small footer stays


def test_a_form_without_need_ratings_never_says_no_topic_needs_help() -> None:
    session = shipped_session("giz-signalering")
    text = _flat(pdf_text(build_letter(session, client(),
                                       [consent(scope="gesprek,uitkomst,domeinen")])))
    assert "geen onderwerpen waarvoor nu extra hulp nodig is" not in text


def test_unrated_domains_never_read_as_needing_no_help() -> None:
    session = make_session()
    low = {k: v for k, v in session.answers.items()
           if not k.endswith((".need", ".prof")) or k.startswith("health.")}
    content = letter_content(replace(session, answers=low), client(),
                             [consent(scope="gesprek,domeinen")])
    text = content.plain_text()
    assert "geen onderwerpen waarvoor nu extra hulp nodig is" not in text
    assert "Bij 3 van de onderwerpen is de hulpvraag niet ingeschat" in text


def test_the_address_block_starts_where_the_letter_text_starts() -> None:
    import subprocess

    pdf = build_letter(make_session(), client(), [consent()])
    done = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True,
                          check=True)
    starts = {m.group(2): float(m.group(1)) for m in re.finditer(
        r'xMin="([\d.]+)"[^>]*>(Aan:|Datum:|Beste)<', done.stdout.decode())}
    assert abs(starts["Aan:"] - starts["Datum:"]) < 0.5
    assert abs(starts["Aan:"] - starts["Beste"]) < 0.5


def test_a_level_label_that_speaks_to_the_parent_is_said_to_the_referrer() -> None:
    session = shipped_session("balansmeter")
    content = letter_content(session, client(), [consent(scope="gesprek,uitkomst")])
    outcome = next(p.text for p in content.body if p.text.startswith("De inschatting"))
    labels = session.form.outcomes[0].level_labels
    decided = session.decisions[0].decided
    assert labels[decided]["nl"].split(":")[0].lower() in outcome.lower()
    assert not re.search(r"\b(u|uw)\b", outcome), outcome
    assert ".." not in outcome


def test_balansmeter_levels_in_the_second_person_give_their_heading() -> None:
    from export.summary import letter_level_label

    outcome = shipped_session("balansmeter").form.outcomes[0]
    assert letter_level_label(outcome, "goed_in_balans", "nl") == "Goed in balans"
    assert letter_level_label(outcome, "steun_nodig", "nl") == "Steun kan helpen"
    assert letter_level_label(outcome, "gesprek", "nl").startswith("Even samen kijken: het gaat")
