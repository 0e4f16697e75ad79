"""The session report for the JGZ record: what it must hold, and never a hidden answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from export.report import build_report
from export_support import (
    CONDUCTOR,
    EXPORTER,
    HIDDEN_MARKER,
    LETTERHEAD,
    PARTICIPANTS,
    SHOWN_MARKER,
    client,
    make_session,
    pdf_fonts,
    pdf_info,
    pdf_pages,
    pdf_text,
    session_for,
    shipped_form_file,
    shipped_session,
)
from instruments.loader import load_form_file
from instruments.model import localize
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
    loaded = load_form_file(shipped_form_file("prespark"))
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


# ----- who held it, who exported it ----------------------------------------------------------------


def test_report_names_the_conductor_and_the_exporter_only_as_exporter() -> None:
    pdf = build_report(make_session(), client())
    text = _flat(pdf_text(pdf))
    assert ("Gesprek gevoerd door Anna de Vries, jeugdverpleegkundige, JGZ Voorbeeldstad "
            "(AGB 12345678)") in text
    assert text.count(EXPORTER) >= 1  # in small print under every page, as exporter only
    assert text.count(EXPORTER) == text.count(f"Geëxporteerd door {EXPORTER}")
    info = pdf_info(pdf)
    assert info["Author"] == CONDUCTOR.name
    assert EXPORTER not in info["Author"]
    assert info["Subject"] == f"Geëxporteerd door {EXPORTER}"


def test_without_a_recorded_conductor_the_exporter_never_becomes_the_author() -> None:
    session = replace(make_session(), conductor=None, exported_by="",
                      letterhead=replace(LETTERHEAD, professional="demo-professional"))
    pdf = build_report(session, client())
    text = _flat(pdf_text(pdf))
    assert "Gesprek gevoerd door niet vastgelegd" in text
    assert "Geëxporteerd door demo-professional" in text
    assert "demo-professional" not in pdf_info(pdf).get("Author", "")


# ----- times ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("moment", "shown"), [
    (datetime(2026, 11, 2, 10, 30, tzinfo=UTC), "02-11-2026 11:30 CET"),  # winter: UTC+1
    (datetime(2026, 7, 1, 10, 30, tzinfo=UTC), "01-07-2026 12:30 CEST"),  # summer: UTC+2
    (datetime(2026, 12, 31, 23, 30), "01-01-2027 00:30 CET"),  # naive: stored UTC, next day
])
def test_report_times_are_local_with_the_zone(moment: datetime, shown: str) -> None:
    session = replace(make_session(), created_at=moment, completed_at=moment)
    text = _flat(pdf_text(build_report(session, client())))
    assert f"Gestart {shown}" in text and f"Afgerond {shown}" in text
    assert "Europe/Amsterdam" in text


def test_report_times_follow_the_chosen_zone() -> None:
    moment = datetime(2026, 11, 2, 10, 30, tzinfo=UTC)
    session = replace(make_session(), created_at=moment, completed_at=moment,
                      time_zone="America/Paramaribo")
    text = _flat(pdf_text(build_report(session, client())))
    assert "Gestart 02-11-2026 07:30 -03" in text and "America/Paramaribo" in text


# ----- a draft is a concept ------------------------------------------------------------------------


def test_a_draft_report_is_a_concept_on_every_page_without_risk_words() -> None:
    session = shipped_session("prespark")
    draft = replace(session, state="draft", completed_at=None)
    pdf = build_report(draft, client())
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    assert all("CONCEPT" in page for page in pages)
    text = _flat(pdf_text(pdf))
    levels = {lbl for o in session.form.outcomes for lbl in
              (o.level_labels.get(lv, {}).get("nl", lv) if isinstance(o.level_labels.get(lv), dict)
               else str(o.level_labels.get(lv, lv)) for lv in o.levels)}
    assert levels, "the form names risk levels"
    finished = _flat(pdf_text(build_report(session, client())))
    assert any(level in finished for level in levels)  # the completed one does say them
    for level in levels:
        assert level not in text, level
    assert "Voorstel van de app" not in text and "Besluit van de professional" not in text
    assert "Nog geen inschatting: het gesprek is niet afgerond." in text


def test_a_completed_report_carries_no_concept_mark() -> None:
    assert "CONCEPT" not in pdf_text(build_report(make_session(), client()))


# ----- layout --------------------------------------------------------------------------------------


def _body_lines(page: str) -> list[str]:
    """The lines of a page between its running header and its footer."""
    lines = [line for line in page.splitlines() if line.strip()]
    return lines[2:-3]  # header: identification, form; footer: note, pin line, page number


@pytest.mark.parametrize("name", ["prespark", "alpha-nl",
                                  "giz-multidisciplinair"])
def test_no_report_page_is_nearly_empty(name: str) -> None:
    pdf = build_report(shipped_session(name), client())
    pages = pdf_pages(pdf)
    for number, page in enumerate(pages, start=1):
        assert len(_body_lines(page)) >= 12, (number, _body_lines(page))
        assert "inhoudshash" in page  # the form's pin under every page, never a page of its own


def test_alpha_nl_starts_its_questions_on_the_first_page() -> None:
    pages = pdf_pages(build_report(shipped_session("alpha-nl"), client()))
    assert "Overige vragen" in pages[0]


@pytest.mark.parametrize("name", ["prespark", "alpha-nl",
                                  "giz-multidisciplinair"])
def test_no_label_ends_in_a_question_mark_and_a_colon(name: str) -> None:
    assert "?:" not in pdf_text(build_report(shipped_session(name), client()))


def test_the_demo_threshold_note_is_said_once_per_document() -> None:
    session = shipped_session("alpha-nl")
    assert sum(r.demo_thresholds for r in session.scored.outcomes) > 1
    text = _flat(pdf_text(build_report(session, client())))
    assert text.count("voorbeeldwaarden") == 1


# ----- the multidisciplinary GIZ -------------------------------------------------------------------


def test_multidisciplinary_giz_attributes_every_answer_to_its_participant() -> None:
    session = shipped_session("giz-multidisciplinair")
    text = _flat(pdf_text(build_report(session, client())))
    assert all(name in text for name in PARTICIPANTS)
    goal_id = next(i for i in session.answers if i.endswith(".goal"))
    goal = session.answers[goal_id]
    assert f"{goal} (ingebracht door {session.answered_by[goal_id]})" in text
    for full_id, value in session.visible.items():
        if isinstance(value, str) and value.startswith("Toelichting"):
            assert f"{value} (ingebracht door {session.answered_by[full_id]})" in text, full_id


def test_a_form_without_attribution_names_no_contributors() -> None:
    session = replace(make_session(), answered_by={"housing.concern": "Samira Bakker"})
    text = pdf_text(build_report(session, client()))
    assert "ingebracht door" not in text and "Samira Bakker" not in text


def test_the_demo_note_names_the_outcomes_when_only_some_use_example_thresholds() -> None:
    from instruments.scoring import OutcomeResult, ScoreResult

    session = make_session()
    real = session.scored
    first = real.outcomes[0]
    extra = OutcomeResult(first.outcome_id, "housing", first.suggested, (), False, False,
                          first.completeness)
    mixed = ScoreResult(real.form_id, real.form_version, real.profiles,
                        (first, extra), real.answered)
    session.__dict__["scored"] = mixed  # the cached score: one demo outcome, one not
    text = _flat(pdf_text(build_report(session, client())))
    title = session.form.outcomes[0].title["nl"]
    assert text.count("voorbeeldwaarden") == 1
    assert f"voorbeeldwaarden, niet gepubliceerd: {title}." in text


def test_a_declared_spider_web_chart_is_drawn_in_the_report(tmp_path: Path) -> None:
    import subprocess

    from instruments.loader import load_form_file
    from instruments.paths import shipped_forms_dir

    loaded = load_form_file(shipped_forms_dir() / "examples" / "voorbeeld-gezondheid-0.2.0.yaml")
    form = loaded.form
    assert [c.kind for c in form.charts] == ["spider"]
    domains = form.counted_domains()
    answers = {f"{d.id}.score": n + 3 for n, d in enumerate(domains[:-1])}  # last unanswered
    session = session_for(loaded, answers, decided=None)
    pdf = build_report(session, client())
    text = pdf_text(pdf)
    assert localize(form.charts[0].title, "nl") in text
    last = localize(domains[-1].title, "nl")
    assert f"{last} (niet beantwoord)" in " ".join(text.split())
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(tmp_path / "r.pdf"), str(tmp_path / "p")],
                   check=True)
    assert list(tmp_path.glob("p-*.png"))


def test_the_multidisciplinary_report_shows_each_participants_view_and_the_conclusion_apart(
) -> None:
    session = shipped_session("giz-multidisciplinair")
    text = _flat(pdf_text(build_report(session, client())))
    assert "Ieders eigen kijk en de gezamenlijke conclusie" in text
    assert "Alleen de gezamenlijke conclusie telt mee voor de suggestie." in text
    form = session.form
    labels = {p.value: p.label["nl"] for p in form.scale("status3").points}
    first_factor = form.counted_domains()[0]
    views = session.views[f"{first_factor.id}.status"]
    anna, samira = PARTICIPANTS[0], PARTICIPANTS[1]
    assert f"{anna}: {labels[views[anna].value]} – {views[anna].note}" in text
    assert f"{samira}: {labels[views[samira].value]}" in text
    conclusion = session.answers[f"{first_factor.id}.status"]
    by = session.answered_by[f"{first_factor.id}.status"]
    assert f"{labels[conclusion]} (ingebracht door {by})" in text


def test_a_factor_with_views_but_no_conclusion_says_the_conclusion_is_missing() -> None:
    session = shipped_session("giz-multidisciplinair", decide=False)
    first = session.form.counted_domains()[0].id
    answers = {k: v for k, v in session.answers.items() if not k.startswith(f"{first}.")}
    session = replace(session, answers=answers, state="draft")
    text = _flat(pdf_text(build_report(session, client())))
    assert "nog geen gezamenlijke conclusie" in text
    assert text.count("nog geen gezamenlijke conclusie") == 1


def test_a_mark_whose_label_is_its_own_number_shows_once_in_the_matrix() -> None:
    import subprocess

    from export.summary import answer_label
    from instruments.loader import load_form_file
    from instruments.paths import shipped_forms_dir

    loaded = load_form_file(shipped_forms_dir() / "examples" / "voorbeeld-gezondheid-0.2.0.yaml")
    form = loaded.form
    domains = form.counted_domains()
    item = form.domain_items(domains[0])[0]
    assert answer_label(form, item, 3, "nl") == "3"
    answers = {f"{d.id}.score": n + 3 for n, d in enumerate(domains)}  # 3, 4, 5 ... 8
    pdf = build_report(session_for(loaded, answers, decided=None), client())
    laid_out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=pdf,
                              capture_output=True, check=True).stdout.decode("utf-8")
    lines = [" ".join(line.split()) for line in laid_out.splitlines()]
    for n, domain in enumerate(domains):
        row = next(line for line in lines if line.startswith(localize(domain.title, "nl")))
        assert row.endswith(f" {n + 3}") and not row.endswith(f"{n + 3} {n + 3}"), row
