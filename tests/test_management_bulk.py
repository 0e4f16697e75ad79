"""The management report's bulk path (one store read of the sessions, their decisions and the
help domains kept at completion, no answers) gives the same rows and summary as reading every
session whole, and hidden answers still never count."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import timedelta
from pathlib import Path

import pytest

import export.summary
import instruments.summary
from export.management import (
    aggregate,
    management_items,
    management_row,
    reduce_session,
)
from export_support import (
    HIDDEN_MARKER,
    TEST_FORM,
    load_test_form,
    sample_answers,
    session_for,
)
from instruments.answers import DECLINED, AnswerValue
from instruments.loader import LoadedForm, load_form_text
from instruments.model import Form
from instruments.scoring import decide, score
from instruments.summary import rating_items
from services.export_inputs import InvalidPeriod, period_management_rows, period_sessions
from services_support import LETTERHEAD, add_client, add_completed_session, open_store, today
from storage import summaries
from storage.store import Store
from store_testing import raw_connection

# The export test form with the professional's rating behind a chain of conditions:
# prof shows only after help_given = yes, and help_given only when concern >= 2.
CHAIN_TEXT = TEST_FORM.read_text(encoding="utf-8").replace(
    "id: export-test", "id: export-chain").replace(
    "    step: professional\n    text: {nl: Inschatting professional",
    "    step: professional\n    show_if: {all: [{item: help_given, op: eq, value: true}]}\n"
    "    text: {nl: Inschatting professional")
CHAIN_ANSWERS: dict[str, AnswerValue] = {
    # health: concern 1 hides help_given, so the stored yes and the prof 6 both count as none;
    # the parent's need of 2 is below guidance: no help needed.
    "health.concern": 1, "health.help_given": True, "health.need": 2, "health.prof": 6,
    # housing: the whole chain is open and the professional rates 5: help needed.
    "housing.concern": 3, "housing.help_given": True, "housing.need": 1, "housing.prof": 5,
    # support: no help given hides prof 6, the parent's need of 5 decides: help needed.
    "support.concern": 3, "support.help_given": False, "support.need": 5, "support.prof": 6,
    # relation: the parent declined and prof is hidden: no rating at all.
    "relation.concern": 2, "relation.help_given": False, "relation.need": DECLINED,
    "relation.prof": 6,
}


def chain_form() -> LoadedForm:
    loaded = load_form_text(CHAIN_TEXT, "export-chain.yaml")
    assert loaded.form.domains[1].id == "health"
    return loaded


def add_session(store: Store, client_id: str, loaded: LoadedForm,
                answers: dict[str, AnswerValue], decided: str | None = None) -> str:
    session = store.start_session(client_id, loaded)
    for item_id, value in answers.items():
        store.save_answer(session.id, item_id, value)
    for result in score(loaded.form, answers).outcomes:
        if result.needs_decision:
            level = decided or result.suggested
            reason = None if level == result.suggested else "Anders ingeschat."
            store.save_decision(session.id, decide(loaded.form, result, level, reason))
    store.complete_session(session.id)
    return session.id


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "store") as opened:
        client_id = add_client(opened)
        for decided in ("hoog", "laag", "verhoogd"):
            add_completed_session(opened, client_id, decided=decided)
        add_session(opened, client_id, chain_form(), CHAIN_ANSWERS)
        add_session(opened, client_id, chain_form(), CHAIN_ANSWERS, decided="hoog")
        opened.start_session(client_id, load_test_form())  # a draft: never counted
        yield opened


def per_session_rows(store: Store, form_id: str | None = None,
                     lang: str = "nl") -> list[object]:
    sessions = period_sessions(store, LETTERHEAD, today(), today(), form_id)
    return [management_row(s, lang) for s in sessions]


@pytest.mark.parametrize(("form_id", "lang"), [(None, "nl"), (None, "en"),
                                               ("export-chain", "nl"), ("export-test", "en")])
def test_bulk_rows_and_summary_equal_the_per_session_path(store: Store, form_id: str | None,
                                                          lang: str) -> None:
    bulk = period_management_rows(store, today(), today(), form_id, lang)
    whole = per_session_rows(store, form_id, lang)
    assert bulk == whole
    assert len(bulk) == {None: 5, "export-chain": 2, "export-test": 3}[form_id]
    assert aggregate(bulk) == aggregate(whole)  # type: ignore[arg-type]


def test_hidden_ratings_never_count_on_the_bulk_path(store: Store) -> None:
    rows = period_management_rows(store, today(), today(), "export-chain")
    assert [row.help_domains for row in rows] == [("Wonen en geld", "Steun van anderen")] * 2
    # The hidden professional 6s do not raise the suggestion either: one visible 5 suggests
    # "verhoogd"; the second session's "hoog" is an override.
    assert [(row.level, row.overridden) for row in rows] == [("verhoogd risico", False),
                                                             ("hoog risico", True)]


def test_a_row_reads_the_ratings_and_what_their_conditions_depend_on() -> None:
    form = chain_form().form
    items = set(management_items(form))
    assert {"health.prof", "health.need", "health.help_given", "health.concern"} <= items
    assert not any(i.endswith((".concern_text", ".actions")) for i in items)
    only_needed = {k: v for k, v in CHAIN_ANSWERS.items() if k in items}
    assert reduce_session(form, only_needed, []) == reduce_session(form, CHAIN_ANSWERS, [])


def test_bulk_read_is_one_audited_event_with_only_the_asked_answers(store: Store) -> None:
    before = len(store.audit_events())
    rows = store.session_rows(start=today(), end=today(), items=lambda _form: ["health.need"])
    events = store.audit_events()[before:]
    assert [e.action for e in events] == ["list_sessions"]
    assert events[0].client_id is None and events[0].detail.endswith("results=5")
    assert all(set(row.answers) == {"health.need"} for row in rows)

    whole = {r.id: r for r in store.list_sessions()}
    for row in store.session_rows(start=today(), end=today()):
        record = whole[row.id]
        assert row.answers == record.answers and row.decisions == record.decisions
        assert (row.form_id, row.form_hash, row.completed_at) == (
            record.form_id, record.form_hash, record.completed_at)
        assert row.form == store.session_form(record)


def test_the_period_chooses_completed_sessions_by_day_and_refuses_a_reversed_one(
        store: Store) -> None:
    day = timedelta(days=1)
    assert len(store.session_rows(start=today(), end=today())) == 5
    assert store.session_rows(start=today() + day, end=today() + day) == []
    assert store.session_rows(start=today() - day, end=today() - day) == []
    assert len(store.session_rows(start=today(), end=today(), state="draft")) == 1
    with pytest.raises(InvalidPeriod):
        period_management_rows(store, today(), today() - day)


def test_progress_counts_the_rows_and_an_exception_from_it_stops_the_work(store: Store) -> None:
    calls: list[tuple[int, int]] = []
    period_management_rows(store, today(), today(), progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, 0) and calls[-1] == (5, 5)

    class Stop(Exception):
        pass

    def cancel(done: int, _total: int) -> None:
        if done:
            raise Stop

    with pytest.raises(Stop):
        period_management_rows(store, today(), today(), progress=cancel)


def test_reduce_session_equals_management_row_on_the_sample_session() -> None:
    loaded = load_test_form()
    session = session_for(loaded, sample_answers(), decided="laag", reason="Besproken.")
    assert session.decisions and session.answers["health.concern_text"] == HIDDEN_MARKER
    for lang in ("nl", "en"):
        row = reduce_session(loaded.form, session.answers, session.decisions, lang)
        assert row == management_row(session, lang)
        assert row.overridden and row.level_rank == 0 and len(row.help_domains) == 2


def test_a_decision_changed_after_completion_shows_on_the_bulk_path(store: Store) -> None:
    chain = store.session_rows(start=today(), end=today(), form_id="export-chain")
    first = chain[0]
    result = score(first.form, CHAIN_ANSWERS).outcome("risk")
    store.save_decision(first.id, decide(first.form, result, "laag", "Later bijgesteld."))
    bulk = period_management_rows(store, today(), today(), "export-chain")
    assert bulk == per_session_rows(store, "export-chain")
    assert ("laag risico", True) in [(row.level, row.overridden) for row in bulk]


def test_the_bulk_path_counts_the_kept_summary_and_reads_no_answers(store: Store) -> None:
    rows = store.session_rows(start=today(), end=today(), form_id="export-chain",
                              items=lambda _form: (), summaries=True)
    assert [r.help_domains for r in rows] == [("housing", "support")] * 2
    assert all(r.answers == {} for r in rows)
    # The kept summary is what counts: emptied in the file, no domain is counted any more.
    conn = raw_connection(store.folder)
    conn.execute("UPDATE session_summaries SET help_domains = '{\"help\": [], "
                 "\"incomplete\": []}' WHERE session_id = ?",
                 (rows[0].id,))
    conn.close()
    bulk = period_management_rows(store, today(), today(), "export-chain")
    assert [row.help_domains for row in bulk] == [(), ("Wonen en geld", "Steun van anderen")]


def test_a_session_without_a_kept_summary_is_worked_out_from_its_answers(store: Store) -> None:
    conn = raw_connection(store.folder)
    conn.execute("DELETE FROM session_summaries")
    conn.close()
    for form_id, lang in ((None, "nl"), ("export-chain", "en")):
        assert period_management_rows(store, today(), today(), form_id, lang) == \
            per_session_rows(store, form_id, lang)


def _every_rated_domain(form: Form, answers: Mapping[str, AnswerValue]) -> list[str]:
    """Another rule, as a later release might have it: any rating at all counts as help."""
    return [domain_id for domain_id, ids in rating_items(form)
            if any(isinstance(answers.get(i), int) for i in ids)]


def test_after_a_rule_change_the_bulk_rows_and_the_letters_rule_agree(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = period_management_rows(store, today(), today(), "export-chain")
    monkeypatch.setattr(instruments.summary, "help_domains", _every_rated_domain)
    monkeypatch.setattr(export.summary, "help_domains", _every_rated_domain)
    bulk = period_management_rows(store, today(), today(), "export-chain")
    assert bulk == per_session_rows(store, "export-chain")
    assert bulk != before  # the new rule counts health (a 2) and the hidden ratings too
    assert [row.help_domains for row in bulk] == [
        ("Gezondheid", "Wonen en geld", "Steun van anderen", "Relatie")] * 2


def test_a_summary_kept_on_another_rule_is_worked_out_again_and_kept_anew(
        store: Store) -> None:
    rows = store.session_rows(form_id="export-chain", items=lambda _form: (), summaries=True)
    conn = raw_connection(store.folder)
    # As an older release would have left it: other domains, kept on another rule.
    conn.execute("UPDATE session_summaries SET help_domains = '[\"health\"]', "
                 "basis = 'older-rule:' || (SELECT form_hash FROM sessions "
                 "WHERE sessions.id = session_id) WHERE session_id = ?", (rows[0].id,))
    conn.close()
    bulk = period_management_rows(store, today(), today(), "export-chain")
    assert bulk == per_session_rows(store, "export-chain")
    conn = raw_connection(store.folder)
    kept, basis = conn.execute("SELECT help_domains, basis FROM session_summaries "
                               "WHERE session_id = ?", (rows[0].id,)).fetchone()
    conn.close()
    assert json.loads(kept) == {"help": ["housing", "support"], "incomplete": []}
    assert basis == summaries.basis(rows[0].form_hash)


def test_the_rule_fingerprint_follows_the_rules_code(monkeypatch: pytest.MonkeyPatch) -> None:
    today_rule = summaries.rules_fingerprint()
    assert summaries.rules_fingerprint() == today_rule
    monkeypatch.setattr(instruments.summary, "help_domains", _every_rated_domain)
    assert summaries.rules_fingerprint() != today_rule
