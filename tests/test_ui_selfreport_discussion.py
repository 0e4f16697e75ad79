"""The professional's discussion view after a self-report: exactly the flagged topics first,
notes, the shared plan, referral to JGZ with consent, and the Balansmeter's outcome."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QRadioButton

from instruments.answers import DECLINED, AnswerValue
from instruments.loader import load_form_text
from instruments.model import localize
from instruments.scoring import score
from selfreport_support import click, make_session
from services.opened_session import open_session
from storage.store import Store
from ui.selfreport.discussion import DiscussionView

# Her answers: four topics call for a conversation, the rest do not. The answer to
# life_events.event_impact is hidden (no recent event) and must not flag that topic.
ANSWERS: dict[str, AnswerValue] = {
    "childhood.childhood_hard": 5,          # worrying answer
    "expectations.expect_worry": 3,         # one answer in the middle: not enough
    "relationship.has_partner": False,
    "relationship.rel_afraid": False,
    "substances.alcohol": 1,
    "substances.smoking": 2,                # smoking in pregnancy
    "support.support_few": DECLINED,
    "support.lonely": 2,
    "emotions.low_mood": 3,
    "emotions.anxious": 3,                  # two in the middle
    "stress.stress_high": 2,
    "life_events.event_recent": False,
    "life_events.event_impact": 5,          # hidden: no recent event
    "mental_health.mh_history": True,       # a yes that calls for a talk
    "housing_money.money_worry": 1,
    "help.wish_help": 1,
    "help.talk_midwife": False,
}
FLAGGED = ["childhood", "substances", "emotions", "mental_health"]


@pytest.fixture
def alpha(tmp_path: Path) -> Iterator[tuple[Store, str]]:
    store, session_id = make_session(tmp_path / "store")
    for item_id, value in ANSWERS.items():
        store.save_answer(session_id, item_id, value)
    yield store, session_id
    store.close()


@pytest.fixture
def view(qtbot, alpha: tuple[Store, str]) -> DiscussionView:  # type: ignore[no-untyped-def]
    store, session_id = alpha
    widget = DiscussionView(open_session(store, session_id), "nl")
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def titles_in(section) -> list[str]:  # type: ignore[no-untyped-def]
    return [label.text() for label in section.findChildren(QLabel, "dvTopicTitle")]


def test_the_view_lists_exactly_the_topics_the_rules_flag_first(
        alpha: tuple[Store, str], view: DiscussionView) -> None:
    store, session_id = alpha
    form = load_form_text(store.get_session(session_id).form_text).form
    by_rules = [d.id for d in form.counted_domains()
                if score(form, ANSWERS).outcome("discuss", d.id).suggested == "bespreken"]
    assert by_rules == FLAGGED
    titles = {d.id: localize(d.title, "nl") for d in form.domains}
    assert titles_in(view.flagged_section) == [titles[d] for d in FLAGGED]
    others = titles_in(view.others_section)
    assert others == [titles[d.id] for d in form.counted_domains() if d.id not in FLAGGED]
    assert [f.property("domain") for f in view.topic_frames.values()
            if f.property("flagged")] == FLAGGED
    # The hidden answer is not shown anywhere; a declined one is shown as such.
    shown = " ".join(label.text() for label in view.findChildren(QLabel, "dvAnswer"))
    assert localize(form.item_index()["life_events.event_impact"][1].text, "nl") not in shown
    assert "wil dit liever niet zeggen" in shown
    out = os.environ.get("SAMENSPRAAK_SCREENSHOTS")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        view.grab().save(str(Path(out) / "discussion-alpha-nl.png"))


def test_her_own_request_for_help_is_shown(view: DiscussionView) -> None:
    assert view.help_section is not None
    texts = [label.text() for label in view.help_section.findChildren(QLabel)]
    assert "Eigen hulpvraag: Geen hulpvraag" in texts


def test_notes_plan_referral_and_consent_are_saved_at_once(
        qtbot, alpha: tuple[Store, str], view: DiscussionView) -> None:  # type: ignore[no-untyped-def]
    store, session_id = alpha
    view.notes.setPlainText("Besproken: roken, steun van zus.")
    qtbot.waitUntil(lambda: store.get_session(session_id).notes
                    == "Besproken: roken, steun van zus.", timeout=3000)
    assert store.get_session(session_id).answers["discussion.notes"] == \
        "Besproken: roken, steun van zus."
    for action in ("Stoppen met roken: rookstoppoli", "Kraamzorg vroeg regelen"):
        qtbot.keyClicks(view.plan_entry, action)
        click(qtbot, view.plan_entry)
        view.plan_entry.returnPressed.emit()
    assert store.get_session(session_id).answers["discussion.actions"] == [
        "Stoppen met roken: rookstoppoli", "Kraamzorg vroeg regelen"]
    view.plan_list.setCurrentRow(0)
    view.remove_action()
    assert store.get_session(session_id).answers["discussion.actions"] == [
        "Kraamzorg vroeg regelen"]
    view.yes_no_boxes["discussion.referral_jgz"].setChecked(True)
    assert store.get_session(session_id).answers["discussion.referral_jgz"] is True
    # Consent needs a name; then it is a record with recipient JGZ and the chosen scope.
    assert view.record_consent() is False
    assert store.consents(session_id=session_id) == []
    view.consent_given_by.setText("Fictieve Cliënt")  # QTest cannot type non-ASCII
    view.consent_scopes["uitkomst"].setChecked(False)
    assert view.record_consent() is True
    [consent] = store.consents(session_id=session_id)
    assert (consent.recipient, consent.scope, consent.given_by) == (
        "JGZ", "gesprek,domeinen", "Fictieve Cliënt")
    assert "Fictieve Cliënt" in view.consent_list.text()
    click(qtbot, view.complete_button)  # asks first
    assert view.finish_dialog is not None and view.finish_dialog.isVisible()
    assert not store.get_session(session_id).completed
    with qtbot.waitSignal(view.completed) as signal:
        click(qtbot, view.finish_dialog.confirm_button)
    assert signal.args == [session_id]
    assert store.get_session(session_id).completed


def test_balansmeter_explains_its_three_outcomes_and_an_override_needs_a_reason(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, session_id = make_session(tmp_path / "store", "balansmeter-1.1.0.yaml")
    try:
        for domain in ("opvoeden", "energie", "steun"):
            store.save_answer(session_id, f"{domain}.answer", 5)
        for domain in ("gedrag_kind", "samen_opvoeden", "zwaar_in_gezin", "school", "sfeer"):
            store.save_answer(session_id, f"{domain}.answer", 1)  # complete: a suggestion
        form = load_form_text(store.get_session(session_id).form_text).form
        view = DiscussionView(open_session(store, session_id), "nl")
        qtbot.addWidget(view)
        outcome = form.outcomes[0]
        labels = [localize(outcome.level_labels[lvl], "nl") for lvl in outcome.levels]
        texts = [label.text() for label in view.findChildren(QLabel)]
        for words in labels:
            assert f"• {words}" in texts
        assert f"Voorstel: {labels[2]}" in texts
        assert not view.flagged_section.isVisibleTo(view)
        radios = {r.property("level"): r for r in view.findChildren(QRadioButton)}
        assert not any(radio.isChecked() for radio in radios.values())  # her judgement: empty
        assert view.decide("balans") is False  # nothing chosen, nothing recorded
        radios["gesprek"].setChecked(True)
        assert view.decide("balans") is False
        assert store.get_session(session_id).decisions == []
        view.outcome_reasons["balans"].setText("Oma helpt sinds kort elke week.")
        assert view.decide("balans") is True
        [decision] = store.get_session(session_id).decisions
        assert (decision.suggested, decision.decided) == ("steun_nodig", "gesprek")
        assert decision.reason == "Oma helpt sinds kort elke week."
    finally:
        store.close()


def test_notes_typed_just_before_a_lock_are_saved_by_shutdown(
        alpha: tuple[Store, str], view: DiscussionView) -> None:
    store, session_id = alpha
    view.notes.setPlainText("Vlak voor het vergrendelen getypt.")
    assert store.get_session(session_id).notes != "Vlak voor het vergrendelen getypt."
    view.shutdown()  # what the main window calls on lock or quit, before the typing pause ends
    assert store.get_session(session_id).notes == "Vlak voor het vergrendelen getypt."


def test_a_balansmeter_discussion_without_the_decision_cannot_complete(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, session_id = make_session(tmp_path / "store", "balansmeter-1.1.0.yaml")
    try:
        store.save_answer(session_id, "opvoeden.answer", 5)
        view = DiscussionView(open_session(store, session_id), "nl")
        qtbot.addWidget(view)
        view.show()
        texts = [label.text() for label in view.findChildren(QLabel)]
        assert any(t.startswith("Geen suggestie: onvolledig (1 van 8") for t in texts)
        assert not any(t.startswith("Voorstel:") for t in texts)  # no level from one answer
        click(qtbot, view.complete_button)
        dialog = view.finish_dialog
        assert dialog is not None and dialog.isVisible()
        assert "Geen oordeel vastgelegd" in dialog.missing.text()
        assert "Niet (volledig) beantwoord" in dialog.missing.text()
        assert not dialog.confirm_button.isEnabled()
        dialog.reject()
        view.complete_now()
        assert not store.get_session(session_id).completed
        assert view.status.property("state") == "error"
    finally:
        store.close()


def test_a_completed_discussion_reopens_for_a_correction_and_keeps_the_completed_version(
        qtbot, alpha: tuple[Store, str]) -> None:  # type: ignore[no-untyped-def]
    store, session_id = alpha
    store.complete_session(session_id)
    view = DiscussionView(open_session(store, session_id), "nl")
    qtbot.addWidget(view)
    view.show()
    assert view.read_only and view.reopen_button.isVisible()
    click(qtbot, view.reopen_button)
    dialog = view.reopen_dialog
    assert dialog is not None and not dialog.reopen_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "Antwoord op papier verkeerd overgenomen")
    with qtbot.waitSignal(view.reopened) as reopened:
        click(qtbot, dialog.reopen_button)
    assert reopened.args == [session_id]
    record = store.get_session(session_id)
    assert record.state == "draft" and record.corrected
    (kept,) = store.session_versions(session_id)
    assert kept.answers == ANSWERS and kept.reason == "Antwoord op papier verkeerd overgenomen"
