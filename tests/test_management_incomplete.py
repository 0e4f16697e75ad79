"""The management report's override rate counts only decisions on complete results with a
suggestion: a decision on a result worked out on answers not all given (partial or incomplete,
with or without a suggestion kept) is counted apart, on the bulk path (no answers read) as on
the full path, and the report says how many it left out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from export.management import aggregate, build_management_report, management_row
from export_support import TEST_FORM, pdf_text, sample_answers
from instruments.answers import AnswerValue
from instruments.loader import LoadedForm, load_form_text
from instruments.scoring import Decision, decide, score
from services.export_inputs import period_management_rows, period_sessions
from services_support import LETTERHEAD, add_client, open_store, today
from storage.store import Store

# The export test form with a minimum of three of its four counted domains: one domain left
# open gives a 'partial' result that still has a (lower-bound) suggestion.
PARTIAL_TEXT = TEST_FORM.read_text(encoding="utf-8").replace(
    "id: export-test", "id: export-partial").replace(
    "    default: laag\n", "    default: laag\n    minimum: {domains: 3}\n", 1)


def _answers(*leave_out: str) -> dict[str, AnswerValue]:
    return {k: v for k, v in sample_answers().items()  # type: ignore[misc]
            if k not in leave_out}


def _add(store: Store, client_id: str, loaded: LoadedForm, answers: dict[str, AnswerValue],
         decision: str, how: str = "make") -> str:
    """A completed session with one decision on `risk`: 'decide' as the app records it (no
    suggestion kept for an incomplete result), 'make' as older releases did (the rules' level
    kept as the suggestion whatever was missing)."""
    session = store.start_session(client_id, loaded)
    for item_id, value in answers.items():
        store.save_answer(session.id, item_id, value)
    result = score(loaded.form, answers).outcome("risk")
    record: Decision = (decide if how == "decide" else decide)(
        loaded.form, result, decision, "Besproken met de ouder.")
    store.save_decision(session.id, record)
    store.complete_session(session.id)
    return session.id


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    from export_support import load_test_form

    full_form = load_test_form()
    partial_form = load_form_text(PARTIAL_TEXT, "export-partial.yaml")
    with open_store(tmp_path / "store") as opened:
        client_id = add_client(opened)
        suggested = score(full_form.form, _answers()).outcome("risk")
        assert suggested.status == "complete" and suggested.suggested == "hoog"
        _add(opened, client_id, full_form, _answers(), "hoog")  # confirmed
        _add(opened, client_id, full_form, _answers(), "verhoogd")  # overridden
        # relation's rating missing: incomplete (every domain is the minimum).
        missing = _answers("relation.prof", "relation.need")
        assert score(full_form.form, missing).outcome("risk").status == "incomplete"
        _add(opened, client_id, full_form, missing, "hoog", how="decide")  # no suggestion
        _add(opened, client_id, full_form, missing, "hoog", how="make")  # older: 'overridden'
        # Three of four domains: partial, with a lower-bound suggestion that is confirmed.
        partial = score(partial_form.form, missing).outcome("risk")
        assert partial.status == "partial" and partial.suggestion is not None
        _add(opened, client_id, partial_form, missing, partial.suggested)
        yield opened


def test_decisions_on_incomplete_results_are_counted_apart_on_both_paths(store: Store) -> None:
    bulk = period_management_rows(store, today(), today())
    full = [management_row(s) for s in period_sessions(store, LETTERHEAD, today(), today())]
    assert bulk == full
    assert sorted((r.overridden, r.on_incomplete) for r in bulk) == [
        (False, False), (False, True), (False, True), (False, True), (True, False)]
    summary = aggregate(bulk)
    assert (summary.decided, summary.decided_incomplete, summary.decided_complete,
            summary.overridden) == (5, 3, 2, 1)
    # The decided levels still count in the distribution: the professional decided them.
    assert sum(n for _, _, n in summary.decisions) == 5


def test_the_report_gives_the_rate_over_complete_results_and_says_what_it_left_out(
        store: Store) -> None:
    summary = aggregate(period_management_rows(store, today(), today()))
    start, end = date(today().year, 1, 1), date(today().year, 12, 31)
    text = " ".join(pdf_text(build_management_report(summary, start=start, end=end)).split())
    assert "aan in 1 van 2 besluiten op een volledig beantwoorde uitkomst (50,0%)" in text
    assert ("Niet meegeteld: 3 van de 5 besluiten zijn genomen op een uitkomst waarvoor niet "
            "alle vragen beantwoord waren") in text
    english = " ".join(pdf_text(build_management_report(summary, start=start, end=end,
                                                        lang="en")).split())
    assert "in 1 of 2 decisions on a fully answered result (50.0%)" in english
    assert "Left out: 3 of the 5 decisions" in english


def test_without_incomplete_results_there_is_no_left_out_line() -> None:
    from export_support import make_session

    rows = [management_row(make_session(session_id=str(i), decided=d, reason="r"))
            for i, d in enumerate(["hoog", "verhoogd"])]
    text = pdf_text(build_management_report(aggregate(rows), start=date(2026, 1, 1),
                                            end=date(2026, 12, 31)))
    assert "Niet meegeteld" not in text
    assert "1 van 2 besluiten" in " ".join(text.split())


def test_one_left_out_decision_is_said_in_the_singular() -> None:
    from export.management import ManagementRow

    rows = [ManagementRow("A", "laag", 0, False), ManagementRow("A", "hoog", 2, True),
            ManagementRow("A", "hoog", 2, False, on_incomplete=True)]
    text = " ".join(pdf_text(build_management_report(
        aggregate(rows), start=date(2026, 1, 1), end=date(2026, 12, 31))).split())
    assert "aan in 1 van 2 besluiten op een volledig beantwoorde uitkomst (50,0%)" in text
    assert "Niet meegeteld: 1 van de 3 besluiten is genomen op een uitkomst" in text
