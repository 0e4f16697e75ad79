"""The session report for the JGZ record: what it must hold, and never a hidden answer."""

from __future__ import annotations

from export.report import build_report
from export_support import (
    HIDDEN_MARKER,
    SHOWN_MARKER,
    client,
    make_session,
    pdf_fonts,
    pdf_text,
    session_for,
)
from instruments.loader import load_form_file
from instruments.paths import shipped_forms_dir
from instruments.scoring import score


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_report_holds_matrix_decision_actions_notes_and_form_pin() -> None:
    session = make_session(decided="verhoogd", reason="Netwerk vangt veel op")
    text = _flat(pdf_text(build_report(session, client())))
    for expected in (
        "Fatma Yılmaz", "111222333", "Testgesprek export", "1.2.0",
        session.loaded.content_hash,
        "Gezondheid", "Wonen en geld", "Steun van anderen", "Relatie",
        "4 begeleiding", "5 hulp nodig", "liever niet gezegd",  # matrix cells
        SHOWN_MARKER, "Goed gesprek.",  # visible free text
        "Voorstel van de app: hoog risico",
        "In twee of meer domeinen is hulp nodig.",
        "Besluit van de professional: verhoogd risico",
        "Netwerk vangt veel op",
        "Aanmelden bij schuldhulpverlening", "Huisbezoek over zes weken",
        "Moeder wil graag hulp bij de administratie.",
        "Eigen formulering voor tests, niet de officiële tekst.",
    ):
        assert expected in text, expected


def test_report_never_holds_an_answer_a_condition_hides() -> None:
    session = make_session()
    assert HIDDEN_MARKER in session.answers.values()
    assert HIDDEN_MARKER not in pdf_text(build_report(session, client()))


def test_every_page_carries_client_identification_and_page_number() -> None:
    loaded = load_form_file(shipped_forms_dir() / "prespark-2.0.0.yaml")
    session = session_for(loaded, _full_prespark_answers(loaded), decided=None)
    pdf = build_report(session, client(name="Małgorzata Wójcik"))
    pages = pdf_text(pdf).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "Małgorzata Wójcik" in page
        assert f"pagina {number}" in page


def test_report_shows_the_suggestion_explanation_and_open_decision() -> None:
    session = make_session()
    session = type(session)(**{**session.__dict__, "decisions": ()})
    text = _flat(pdf_text(build_report(session, client())))
    assert "Nog geen besluit van de professional." in text
    assert "voorbeeldwaarden" in text  # demo thresholds are marked


def test_report_fonts_are_embedded() -> None:
    fonts = pdf_fonts(build_report(make_session(), client(name="مريم Kaya")))
    assert fonts and all(embedded for _, embedded in fonts)


def _full_prespark_answers(loaded: object) -> dict[str, object]:
    """Plausible answers to every visible preSPARK item, with a hidden answer planted."""
    form = loaded.form  # type: ignore[attr-defined]
    answers: dict[str, object] = {}
    for i, domain in enumerate(form.counted_domains()):
        for item in form.domain_items(domain):
            full_id = f"{domain.id}.{item.key}"
            if item.scale:
                values = form.scale(item.scale).values()
                answers[full_id] = values[(i * 2 + len(item.key)) % len(values)]
            elif item.type.value == "yes_no":
                answers[full_id] = i % 2 == 0
            elif item.type.value == "actions":
                answers[full_id] = [f"Afspraak {i + 1}"] if i % 3 == 0 else []
            else:
                answers[full_id] = f"Toelichting {i + 1}"
    assert score(form, answers).answered > 0
    return answers
