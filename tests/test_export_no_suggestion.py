"""Below the form's minimum an outcome has no suggestion, and no document shows a level for it:
the report says "geen suggestie: onvolledig (N van M …)" with the counts, BDS and FHIR carry
no suggested level, the research data leaves the suggestion empty."""

from __future__ import annotations

import json

from export.bds import bds_json
from export.fhir import questionnaire_response, to_json
from export.report import build_report
from export.research import research_table
from export_support import client, load_test_form, pdf_text, sample_answers, session_for

FEW = ("intro.present", "health.concern", "health.concern_text")


def _incomplete():  # type: ignore[no-untyped-def]
    """A completed session in which only a part of what the risk counts was answered."""
    answers = {k: v for k, v in sample_answers().items() if k in FEW}
    return session_for(load_test_form(), answers, decided="verhoogd", reason="Besproken.")


def test_the_incomplete_result_has_no_suggestion_though_the_rules_give_a_level() -> None:
    result = _incomplete().scored.outcome("risk")
    assert result.suggested == "laag" and result.suggestion is None  # the raw level exists
    c = result.completeness
    assert (c.domains_answered, c.domains) == (0, 4)


def test_the_report_says_no_suggestion_with_the_counts_and_never_the_raw_level() -> None:
    session = _incomplete()
    text = " ".join(pdf_text(build_report(session, client(), lang="nl")).split())
    assert "Geen suggestie: onvolledig (0 van 4 domeinen beantwoord)" in text
    assert "Voorstel van de app" not in text
    definition = next(o for o in session.form.outcomes if o.id == "risk")
    raw = definition.level_labels["laag"]["nl"]
    assert f"Voorstel van de app: {raw}" not in text
    english = " ".join(pdf_text(build_report(session, client(), lang="en")).split())
    assert "No suggestion: incomplete (0 of 4 domains answered)" in english


def test_a_complete_report_still_shows_the_suggestion() -> None:
    complete = session_for(load_test_form(), sample_answers())
    text = " ".join(pdf_text(build_report(complete, client(), lang="nl")).split())
    assert "Voorstel van de app:" in text and "geen suggestie" not in text.lower()


def test_bds_and_fhir_carry_no_suggested_level_for_an_incomplete_result() -> None:
    session = _incomplete()
    data = json.loads(bds_json(session, client(), lang="nl"))
    found = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("outcome") == "risk" and "suggested" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    (conclusion,) = found
    assert conclusion["suggested"] is None
    assert conclusion["suggested_label"] == "geen suggestie: onvolledig (0 van 4 domeinen beantwoord)"
    assert conclusion["completeness"] == {"status": "incomplete", "domains_answered": 0,
                                          "domains": 4}
    assert conclusion["decided"] == "verhoogd"
    response = to_json(questionnaire_response(session, client(), lang="nl"))
    assert ".suggested" not in response and ".decided" in response


def test_the_research_table_leaves_the_suggestion_of_an_incomplete_result_empty() -> None:
    table = research_table([_incomplete(), session_for(load_test_form(), sample_answers(),
                                                       session_id="s2", client_id="c2")],
                           b"a research key of enough length")
    column = table.names.index("risk_sugg")
    assert table.rows[0][column] is None and table.rows[1][column] is not None
