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
    assert "1 van 3 besluiten (33,3%)" in text  # Dutch number format
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
    from instruments.scoring import Decision, score

    loaded = load_form_file(FORMS_DIR / "giz-signalering-1.1.0.yaml")
    form = loaded.form
    sides = {r.scope: r for r in score(form, {}).outcomes if r.outcome_id == "gom"}
    assert set(sides) == {"child", "parenting", "environment"}

    def decided(scope: str, level: str, reason: str | None = None) -> Decision:
        """As decided on a shown suggestion of positive confirmation (complete answers)."""
        return Decision("gom", scope, "positieve_bevestiging", level, reason)

    decisions = (
        decided("child", "positieve_bevestiging"),
        decided("parenting", "aanvullende_zorg", reason="zorgen over slapen"),
        decided("environment", "positieve_bevestiging"),
    )
    # On the bulk path with a summary that says every side was complete:
    row = reduce_summary(form, [], decisions)
    assert (row.level_rank, row.overridden, row.on_incomplete) == (1, True, False)
    assert row.level is not None and "aanvullende zorg" in row.level.lower()
    # a later decision on a side replaces the earlier one
    calmer = decided("parenting", "positieve_bevestiging", reason="toch goed geregeld")
    assert reduce_summary(form, [], (*decisions, calmer)).level_rank == 0
    # Decided on no answers at all: the same level, but no override (counted apart), on the
    # full path and on the bulk path with the summary kept at completion.
    empty = management_row(replace(session_for(loaded, {}), decisions=decisions))
    assert (empty.level_rank, empty.overridden, empty.on_incomplete) == (1, False, True)
    assert reduce_summary(form, [], decisions, incomplete=list(sides_keys(sides))) == empty


def sides_keys(sides: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [("gom", scope) for scope in sides]


# ----- readable labels, Dutch numbers, axis titles ---------------------------------------------------

SHIPPED = ["prespark", "alpha-nl", "spark18", "spark36",
           "spark60", "giz-signalering", "giz-uitgebreid",
           "giz-multidisciplinair", "balansmeter"]


def _all_instruments_report(lang: str = "nl") -> str:
    from export_support import shipped_session

    rows = [management_row(shipped_session(name, session_id=f"{name}-{k}"), lang)
            for i, name in enumerate(SHIPPED) for k in range(1 + i % 3)]
    pdf = build_management_report(aggregate(rows), start=date(2026, 1, 1),
                                  end=date(2026, 12, 31), lang=lang)
    return " ".join(pdf_text(pdf).split())


def test_instruments_are_named_by_their_short_names_and_no_label_is_cut() -> None:
    text = _all_instruments_report()
    for short in ("preSPARK", "ALPHA-NL", "SPARK18", "SPARK36", "SPARK60", "Balansmeter",
                  "Signalerings-GIZ", "Uitgebreide GIZ", "Multidisciplinaire GIZ"):
        assert short in text, short
    assert "gesprek bij een kind van ongeveer" not in text  # the long titles are gone
    assert "…" not in text  # nothing shortened


def test_long_chart_labels_wrap_to_distinct_lines_and_keep_every_word() -> None:
    from export.charts import wrap_label
    from export.fonts import register_fonts

    font = register_fonts()[0]
    labels = [f"SPARK36 – gesprek bij een kind van ongeveer 3 jaar: {d}"
              for d in ("Hoe het met u als ouder gaat", "Steun van mensen om u heen")]
    wrapped = [wrap_label(label, 140, font) for label in labels]
    assert all(len(lines) > 1 for lines in wrapped)
    assert [" ".join(lines) for lines in wrapped] == labels
    assert wrapped[0] != wrapped[1]


def test_shares_are_written_in_dutch_and_english_number_formats() -> None:
    rows = [ManagementRow("A", "laag", 0, False, ("Wonen",)) for _ in range(3)]
    rows.append(ManagementRow("A", "hoog", 2, True, ()))
    summary = aggregate(rows)
    nl = " ".join(pdf_text(build_management_report(summary, start=date(2026, 1, 1),
                                                   end=date(2026, 1, 31))).split())
    assert "75,0%" in nl and "25,0%" in nl and "100,0%" in nl
    assert "25.0%" not in nl
    en = " ".join(pdf_text(build_management_report(summary, start=date(2026, 1, 1),
                                                   end=date(2026, 1, 31), lang="en")).split())
    assert "25.0%" in en and "25,0%" not in en


def test_charts_have_axis_titles() -> None:
    text = _all_instruments_report()
    assert text.count("Aantal gesprekken") == 3  # instruments, decisions, domains
    assert "Instrument" in text and "Besluit" in text and "Domein" in text
    assert "Number of conversations" in _all_instruments_report("en")


def test_numbers_module_writes_dutch_and_english() -> None:
    from export.numbers import integer, percent, ratio

    assert (integer(12345), integer(12345, "en")) == ("12.345", "12,345")
    assert (percent(0.25), percent(0.25, "en")) == ("25,0%", "25.0%")
    assert percent(12.3456) == "1.234,6%"
    assert ratio(1, 0) == "-"


def test_the_exporter_is_named_as_exporter_never_as_author() -> None:
    from export.inputs import Letterhead
    from export_support import pdf_info

    pdf = build_management_report(aggregate([]), start=date(2026, 1, 1), end=date(2026, 1, 31),
                                  letterhead=Letterhead("JGZ Voorbeeldstad", "Bram Exporteur"))
    info = pdf_info(pdf)
    assert info["Author"] == "JGZ Voorbeeldstad"
    assert info["Subject"] == "Geëxporteerd door Bram Exporteur"
