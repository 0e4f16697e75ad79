"""The management report: counts, decision distribution, override rate, domains needing help."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from export.management import ManagementRow, aggregate, build_management_report, management_row
from export_support import make_session, pdf_text


def test_a_session_reduces_to_its_decision_and_domains_needing_help() -> None:
    row = management_row(make_session(decided="verhoogd", reason="netwerk"))
    assert row.instrument == "Testgesprek export"
    assert (row.level, row.level_rank, row.overridden) == ("verhoogd risico", 1, True)
    assert row.help_domains == ("Wonen en geld", "Relatie")


def test_aggregate_counts_decisions_overrides_and_domains() -> None:
    rows = [
        ManagementRow("A", "laag", 0, False, ("Wonen",)),
        ManagementRow("A", "hoog", 2, True, ("Wonen", "Relatie")),
        ManagementRow("A", "laag", 0, False, ()),
        ManagementRow("B", None, 0, None, ("Werk",)),
    ]
    summary = aggregate(rows)
    assert summary.total == 4
    assert summary.per_instrument == [("A", 3), ("B", 1)]
    assert summary.decisions == [("A", "laag", 2), ("A", "hoog", 1)]
    assert (summary.decided, summary.overridden) == (3, 1)
    assert summary.top_domains[0] == ("A: Wonen", 2, 2 / 3)


def test_report_pdf_shows_the_figures() -> None:
    rows = [management_row(make_session(session_id=str(i), decided=d, reason="r"))
            for i, d in enumerate(["hoog", "hoog", "laag"])]
    text = " ".join(pdf_text(build_management_report(
        aggregate(rows), start=date(2026, 1, 1), end=date(2026, 12, 31))).split())
    assert "Afgeronde gesprekken: 3" in text
    assert "01-01-2026 t/m 31-12-2026" in text
    assert "1 van 3 besluiten (33.3%)" in text
    assert "Wonen en geld" in text and "hoog risico" in text


def test_empty_period_says_so() -> None:
    text = pdf_text(build_management_report(aggregate([]), start=date(2026, 1, 1),
                                            end=date(2026, 1, 31)))
    assert "Geen gegevens in deze periode." in text


def test_a_giz_session_counts_by_its_most_urgent_decided_side() -> None:
    from conftest import FORMS_DIR
    from export.management import reduce_summary
    from export_support import session_for
    from instruments.loader import load_form_file
    from instruments.scoring import make_decision, score

    loaded = load_form_file(FORMS_DIR / "giz-signalering-1.1.0.yaml")
    form = loaded.form
    sides = {r.scope: r for r in score(form, {}).outcomes if r.outcome_id == "gom"}
    assert set(sides) == {"child", "parenting", "environment"}
    decisions = (
        make_decision(form, sides["child"], "positieve_bevestiging"),
        make_decision(form, sides["parenting"], "aanvullende_zorg", reason="zorgen over slapen"),
        make_decision(form, sides["environment"], "positieve_bevestiging"),
    )
    row = management_row(replace(session_for(loaded, {}), decisions=decisions))
    assert (row.level_rank, row.overridden) == (1, True)
    assert row.level is not None and "aanvullende zorg" in row.level.lower()
    # the bulk path (stored summary, no answers) counts it the same way
    assert reduce_summary(form, [], decisions) == row
    # a later decision on a side replaces the earlier one
    calmer = make_decision(form, sides["parenting"], "positieve_bevestiging",
                           reason="toch goed geregeld")
    assert reduce_summary(form, [], (*decisions, calmer)).level_rank == 0
