"""The GIZ conversation driven through its real widgets on a real encrypted store: the triangle,
factor panels with live conditions, the GOM outcome per side (checked against the rules worked
out here by hand), confirmation and override with a reason, conclusion, consent, completion, and
a reopened store holding every answer (with who gave it, in the multidisciplinary form)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from export_support import shipped_form_file
from instruments.answers import AnswerValue
from instruments.loader import load_form_file
from instruments.model import Form
from instruments.scoring import decide, score
from services.opened_session import open_session as read_session
from storage.store import Store
from ui.giz.view import GizView
from ui.session.answer_cards import ChoiceEditor, TextEditor
from ui_session_support import CHEAP_KDF, confirm_completion, focused, show_for_keyboard

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "driehoek aan de keukentafel"
LEVELS = ("positieve_bevestiging", "aanvullende_zorg", "acute_zorg")


def open_session(tmp_path: Path, form_name: str, user: str) -> tuple[Store, str, Form]:
    store = Store.create(tmp_path / "store", PASSPHRASE, user=user, kdf=CHEAP_KDF)
    client = store.add_client("Gezin Fictief", referrer="Huisarts Voorbeeld")
    loaded = load_form_file(shipped_form_file(form_name))
    return store, store.start_session(client.id, loaded).id, loaded.form


def make_view(qtbot: Any, store: Store, session_id: str) -> GizView:
    view = GizView(read_session(store, session_id), "nl")
    show_for_keyboard(qtbot, view)
    return view


def expected_gom(answers: dict[str, AnswerValue], factors: list[str]) -> str:
    """The GOM table of the shipped GIZ forms, worked out by hand: urgency 'right away' is
    urgent support; a concern (however serious) without it, or two points of attention,
    additional care."""
    status = {f: answers.get(f"{f}.status") for f in factors}
    concerns = [f for f in factors if status[f] == 3]
    if any(answers.get(f"{f}.urgency") == 3 for f in concerns):
        return "acute_zorg"
    if concerns or sum(1 for f in factors if status[f] == 2) >= 2:
        return "aanvullende_zorg"
    return "positieve_bevestiging"


def side_factors(form: Form, group: str) -> list[str]:
    return [d.id for d in form.counted_domains() if d.group == group]


def press(qtbot: Any, widget: QWidget, key: Qt.Key, mods: Qt.KeyboardModifier =
          Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, mods)


def shortcut(qtbot: Any, key: Qt.Key) -> None:
    """A Ctrl shortcut typed where the keyboard focus is."""
    qtbot.keyClick(focused(), key, Qt.KeyboardModifier.ControlModifier)


def open_by_keyboard(qtbot: Any, view: GizView, factor: str) -> None:
    """Focus the factor's button on the triangle (as Tab would) and press Enter."""
    button = view.triangle.buttons[factor]
    button.setFocus()
    qtbot.waitUntil(lambda: button.hasFocus())
    press(qtbot, button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.factor_panel.current is not None
                    and view.factor_panel.current.id == factor)


def rate(qtbot: Any, view: GizView, item_id: str, digit: int) -> None:
    editor = view.factor_panel.rows[item_id].editor
    assert isinstance(editor, ChoiceEditor)
    qtbot.waitUntil(editor.isVisible)
    editor.setFocus()
    press(qtbot, editor, Qt.Key(Qt.Key.Key_0 + digit))
    qtbot.waitUntil(lambda: view.controller.answer(item_id) == digit)


def type_text(qtbot: Any, view: GizView, item_id: str, text: str) -> None:
    row = view.rows.get(item_id) or view.factor_panel.rows[item_id]
    editor = row.editor
    assert isinstance(editor, TextEditor)
    for n, line in enumerate(text.split("\n")):
        if n:
            qtbot.keyClick(editor.box, Qt.Key.Key_Return)
        qtbot.keyClicks(editor.box, line)
    editor.flush()
    qtbot.waitUntil(lambda: view.controller.answer(item_id) == text)


def mark_factors(qtbot: Any, view: GizView, marks: dict[str, tuple[int, ...]]) -> None:
    """Open each factor from the triangle by keyboard; rate status (and severity, urgency)."""
    for factor, values in marks.items():
        open_by_keyboard(qtbot, view, factor)
        # The first question is focused: a digit answers it straight away.
        assert focused() is view.factor_panel.rows[f"{factor}.status"].editor
        press(qtbot, focused(), Qt.Key(Qt.Key.Key_0 + values[0]))
        qtbot.waitUntil(lambda f=factor, v=values[0]: view.controller.answer(f"{f}.status") == v)
        if len(values) > 1:
            rate(qtbot, view, f"{factor}.severity", values[1])
            rate(qtbot, view, f"{factor}.urgency", values[2])


def record_gom(qtbot: Any, view: GizView, group: str, level: str, reason: str = "") -> None:
    panel = view.gom_page.panel(group)
    panel.radios[level].click()
    assert panel.reason is not None and panel.confirm is not None
    panel.reason.setText(reason)
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)


def shown_suggestion(view: GizView, group: str) -> str:
    return view.gom_page.panel(group).suggestion.text()


def level_label(form: Form, level: str) -> str:
    return form.outcomes[0].level_labels[level]["nl"]


def test_a_screening_giz_from_triangle_to_conclusion_with_an_override(qtbot: Any,
                                                                       tmp_path: Path) -> None:
    store, session_id, form = open_session(tmp_path, "giz-signalering", "Sanne Jansen")
    view = make_view(qtbot, store, session_id)
    assert view.phase() == "intro"
    type_text(qtbot, view, "introductie.goal", "Rust in huis en een goede start op school")

    shortcut(qtbot, Qt.Key.Key_2)
    assert view.phase() == "triangle"
    # In any order, across the sides: status, and severity and urgency for a concern.
    marks = {"wonen": (1,), "basiszorg": (3, 2, 3), "gezondheid": (3, 2, 1), "gezin": (2,),
             "warmte": (1,), "netwerk": (2,)}
    mark_factors(qtbot, view, marks)
    # Conditions live: severity shows for a concern only.
    assert view.factor_panel.rows["netwerk.severity"].isHidden()
    assert not view.factor_panel.rows["basiszorg.severity"].isHidden()
    type_text(qtbot, view, "gezondheid.nature", "Slaapt slecht sinds de verhuizing")
    actions = view.factor_panel.rows["gezondheid.actions"].editor
    qtbot.keyClicks(actions.line, "Slaapdagboek bijhouden")  # type: ignore[attr-defined]
    press(qtbot, actions.line, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.controller.answer("gezondheid.actions")
                    == ["Slaapdagboek bijhouden"])
    states = {f: view.triangle.buttons[f].state for f in marks}
    assert states == {"wonen": "good", "basiszorg": "concern", "gezondheid": "concern",
                      "gezin": "attention", "warmte": "good", "netwerk": "attention"}
    assert view.triangle.buttons["grenzen"].state == "open"

    shortcut(qtbot, Qt.Key.Key_3)
    assert view.phase() == "gom"
    answers = dict(view.controller.answers)
    expected = {g: expected_gom(answers, side_factors(form, g))
                for g in ("child", "parenting", "environment")}
    assert expected == {"child": "aanvullende_zorg", "parenting": "acute_zorg",
                        "environment": "aanvullende_zorg"}
    result = score(form, answers)
    for group, level in expected.items():
        assert result.outcome("gom", scope=group).suggested == level
        assert level_label(form, level) in shown_suggestion(view, group)
    # The explanation names the factor that drove the suggestion.
    assert "Basiszorg" in view.gom_page.panel("parenting").why.text()

    record_gom(qtbot, view, "child", "aanvullende_zorg")
    # Overriding without a reason is refused and nothing is stored.
    record_gom(qtbot, view, "parenting", "aanvullende_zorg", reason="   ")
    panel = view.gom_page.panel("parenting")
    assert "reden" in panel.status.text()
    assert ("gom", "parenting") not in view.controller.decisions
    assert [d.scope for d in store.get_session(session_id).decisions] == ["child"]
    record_gom(qtbot, view, "parenting", "aanvullende_zorg",
               reason="Oma helpt dagelijks; urgentie is al opgepakt door de huisarts")
    record_gom(qtbot, view, "environment", "aanvullende_zorg")

    shortcut(qtbot, Qt.Key.Key_4)
    assert view.phase() == "conclusion"
    assert "afwijkend van de suggestie" in view.conclusion.decisions.text()
    type_text(qtbot, view, "conclusie.care_needs", "Ondersteuning bij slapen en basiszorg")
    scaling = view.rows["conclusie.scaling"].editor
    scaling.setFocus()
    press(qtbot, scaling, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: view.controller.answer("conclusie.scaling") == 3)
    agreements = view.conclusion.agreement_editors[0]
    qtbot.keyClicks(agreements.what, "Huisbezoek plannen")
    agreements.who.setEditText("Sanne Jansen")
    qtbot.keyClicks(agreements.when, "binnen twee weken")
    press(qtbot, agreements.when, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.controller.answer("conclusie.agreements") is not None)
    consent = view.conclusion.consent
    consent.given_by.setText("Moeder (fictief)")
    consent.to_record.setChecked(True)
    qtbot.mouseClick(consent.record_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.completed, timeout=5000) as done:
        confirm_completion(qtbot, view, view.conclusion.finish)
    assert done.args == [session_id]
    given = dict(view.controller.answers)
    view.shutdown()
    store.close()

    with Store.open(tmp_path / "store", PASSPHRASE) as reopened:
        record = reopened.get_session(session_id)
        consents = reopened.consents(session_id=session_id)
    assert record.state == "completed"
    assert record.answers == given
    assert record.answers["conclusie.agreements"] == [
        "Huisbezoek plannen — Sanne Jansen — binnen twee weken"]
    assert record.answers["introductie.goal"] == "Rust in huis en een goede start op school"
    decisions = {d.scope: d for d in record.decisions}
    assert {s: d.decided for s, d in decisions.items()} == {
        "child": "aanvullende_zorg", "parenting": "aanvullende_zorg",
        "environment": "aanvullende_zorg"}
    assert decisions["parenting"].suggested == "acute_zorg"
    assert decisions["parenting"].overridden and decisions["parenting"].reason
    assert not decisions["child"].overridden
    assert [(c.recipient, c.given_by) for c in consents] == [("JGZ-dossier", "Moeder (fictief)")]


def test_completion_waits_for_a_gom_judgement_on_every_side(qtbot: Any, tmp_path: Path) -> None:
    store, session_id, _form = open_session(tmp_path, "giz-signalering", "Sanne Jansen")
    view = make_view(qtbot, store, session_id)
    view.show_phase("gom")
    record_gom(qtbot, view, "child", "positieve_bevestiging")
    view.show_phase("conclusion")
    qtbot.mouseClick(view.conclusion.finish, Qt.MouseButton.LeftButton)
    dialog = view.finish_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.confirm_button.isEnabled()  # refused: sides without a judgement
    assert "Geen oordeel vastgelegd" in dialog.missing.text()
    assert "Wat ouders bieden in de opvoeding" in dialog.missing.text()
    dialog.reject()
    view.complete_now()  # even around the dialog, the controller refuses
    assert "GOM-uitkomst" in view.conclusion.finish_status.text()
    assert store.get_session(session_id).state == "draft"
    view.shutdown()
    store.close()


def test_a_multidisciplinary_giz_attributes_every_answer_to_who_spoke(qtbot: Any,
                                                                      tmp_path: Path) -> None:
    store, session_id, form = open_session(tmp_path, "giz-multidisciplinair",
                                           "Sanne Jansen (JGZ)")
    view = make_view(qtbot, store, session_id)
    bar = view.speaker_bar
    assert bar is not None and bar.names() == ["Sanne Jansen (JGZ)"]
    assert bar.current() == "Sanne Jansen (JGZ)"
    type_text(qtbot, view, "introductie.participants",
              "Sanne Jansen (JGZ)\nPieter Bakker (huisarts)")
    qtbot.waitUntil(lambda: bar.names() == ["Sanne Jansen (JGZ)", "Pieter Bakker (huisarts)"])
    # A professional who joins later is added on the spot and becomes the speaker.
    qtbot.keyClicks(bar.new_name, "Fatima Haddad (school)")
    press(qtbot, bar.new_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bar.current() == "Fatima Haddad (school)")
    assert view.controller.answer("introductie.participants") == (
        "Sanne Jansen (JGZ)\nPieter Bakker (huisarts)\nFatima Haddad (school)")

    shortcut(qtbot, Qt.Key.Key_2)
    mark_factors(qtbot, view, {"identiteit": (2,), "stimulatie": (2,)})
    bar.choose("Pieter Bakker (huisarts)")
    mark_factors(qtbot, view, {"gezondheid": (3, 3, 2), "veiligheid": (1,)})
    by_label = view._by_labels["gezondheid.status"]
    assert not by_label.isHidden() and "Pieter Bakker (huisarts)" in by_label.text()
    bar.choose("Sanne Jansen (JGZ)")
    mark_factors(qtbot, view, {"werk_inkomen": (3, 1, 1), "buurt": (1,)})
    # The next factor, by keyboard from the open panel.
    shortcut(qtbot, Qt.Key.Key_PageDown)
    assert view.factor_panel.current is not None
    assert view.factor_panel.current.id == "voorzieningen"

    shortcut(qtbot, Qt.Key.Key_3)
    answers = dict(view.controller.answers)
    result = score(form, answers)
    for group in ("child", "parenting", "environment"):
        level = expected_gom(answers, side_factors(form, group))
        assert result.outcome("gom", scope=group).suggested == level
        assert level_label(form, level) in shown_suggestion(view, group)
    assert [expected_gom(answers, side_factors(form, g)) for g in
            ("child", "parenting", "environment")] == ["aanvullende_zorg",
                                                       "positieve_bevestiging",
                                                       "aanvullende_zorg"]
    record_gom(qtbot, view, "child", "aanvullende_zorg")
    record_gom(qtbot, view, "parenting", "aanvullende_zorg",
               reason="Twee aandachtspunten in de opvoeding samen: ondersteuning aanbieden")
    record_gom(qtbot, view, "environment", "aanvullende_zorg")

    shortcut(qtbot, Qt.Key.Key_4)
    type_text(qtbot, view, "conclusie.coordinator", "Sanne Jansen (JGZ)")
    agreements = view.conclusion.agreement_editors[0]
    people = [agreements.who.itemText(i) for i in range(agreements.who.count())]
    assert "Pieter Bakker (huisarts)" in people and "Fatima Haddad (school)" in people
    with qtbot.waitSignal(view.completed, timeout=5000):
        confirm_completion(qtbot, view, view.conclusion.finish)
    given = dict(view.controller.answers)
    view.shutdown()
    store.close()

    with Store.open(tmp_path / "store", PASSPHRASE) as reopened:
        record = reopened.get_session(session_id)
    assert record.state == "completed"
    assert record.answers == given
    by = record.answered_by
    assert by["identiteit.status"] == by["stimulatie.status"] == "Fatima Haddad (school)"
    assert by["gezondheid.status"] == by["gezondheid.severity"] == "Pieter Bakker (huisarts)"
    assert by["veiligheid.status"] == "Pieter Bakker (huisarts)"
    assert by["werk_inkomen.urgency"] == by["buurt.status"] == "Sanne Jansen (JGZ)"
    # The name was added while Sanne was the speaker.
    assert by["introductie.participants"] == "Sanne Jansen (JGZ)"
    assert all(by[item] for item in record.answers)
    decisions = {d.scope: d for d in record.decisions}
    assert decisions["parenting"].overridden and decisions["parenting"].reason
    assert decisions["parenting"].decided_by == "Sanne Jansen (JGZ)"


@pytest.mark.parametrize("form_name",
                         ["giz-signalering", "giz-uitgebreid", "giz-multidisciplinair"])
def test_the_triangle_fits_at_1366_by_768_without_overlap(qtbot: Any, tmp_path: Path,
                                                         form_name: str) -> None:
    store, session_id, _form = open_session(tmp_path, form_name, "Sanne Jansen")
    view = make_view(qtbot, store, session_id)
    view.show_phase("triangle")
    qtbot.waitUntil(view.triangle.isVisible)
    area = view.triangle.rect()
    buttons = list(view.triangle.buttons.values())
    for button in buttons:
        assert area.contains(button.geometry()), button.title
        assert button.height() >= 40
    for i, a in enumerate(buttons):
        for b in buttons[i + 1:]:
            assert not a.geometry().intersects(b.geometry()), (a.title, b.title)
    view.shutdown()
    store.close()


def test_a_draft_resumes_at_the_factor_it_stopped_at(qtbot: Any, tmp_path: Path) -> None:
    store, session_id, _form = open_session(tmp_path, "giz-signalering", "Sanne Jansen")
    view = make_view(qtbot, store, session_id)
    open_by_keyboard(qtbot, view, "grenzen")
    # Esc from the factor panel goes back to the factor's place on the triangle.
    assert view.factor_panel.isAncestorOf(focused())
    press(qtbot, focused(), Qt.Key.Key_Escape)
    assert focused() is view.triangle.buttons["grenzen"]
    view.shutdown()
    view.close()
    again = make_view(qtbot, store, session_id)
    assert again.phase() == "triangle"
    assert again.factor_panel.current is not None and again.factor_panel.current.id == "grenzen"
    again.shutdown()
    store.close()


def test_a_completed_giz_opens_read_only(qtbot: Any, tmp_path: Path) -> None:
    store, session_id, form = open_session(tmp_path, "giz-signalering", "Sanne Jansen")
    store.save_answer(session_id, "gezondheid.status", 2)
    result = score(form, store.get_session(session_id).answers)
    for scope in ("child", "parenting", "environment"):
        outcome = result.outcome("gom", scope=scope)
        store.save_decision(session_id, decide(form, outcome, outcome.suggested))
    store.complete_session(session_id)
    view = make_view(qtbot, store, session_id)
    assert view.phase() == "triangle"
    assert view.triangle.buttons["gezondheid"].state == "attention"
    view.open_factor("gezondheid")
    editor = view.factor_panel.rows["gezondheid.status"].editor
    assert not editor.isEnabled()
    assert not view.conclusion.finish.isEnabled()
    assert all(not radio.isEnabled() for radio in view.gom_page.panel("child").radios.values())
    view.shutdown()
    store.close()


def test_the_conversation_view_picks_the_triangle_screen_for_a_giz_form(qtbot: Any,
                                                                       tmp_path: Path) -> None:
    from services.opened_session import TRIANGLE
    from ui.conversation_factory import conversation_view
    from ui.session.view import SessionView

    store, giz_id, _form = open_session(tmp_path, "giz-uitgebreid", "Sanne Jansen")
    client = store.list_sessions()[0].client_id
    other = store.start_session(client, load_form_file(ROOT / "forms" / "prespark-2.0.0.yaml"))
    opened_giz, opened_walk = read_session(store, giz_id), read_session(store, other.id)
    assert opened_giz.mode == TRIANGLE and opened_walk.mode != TRIANGLE
    giz = conversation_view(opened_giz, "nl")
    walk = conversation_view(opened_walk, "nl")
    qtbot.addWidget(giz)
    qtbot.addWidget(walk)
    assert isinstance(giz, GizView) and isinstance(walk, SessionView)
    giz.shutdown()
    walk.shutdown()
    store.close()


def test_a_stray_enter_or_space_on_the_conclusion_page_cannot_complete(qtbot: Any,
                                                                      tmp_path: Path) -> None:
    store, session_id, _form = open_session(tmp_path, "giz-signalering", "Sanne Jansen")
    view = make_view(qtbot, store, session_id)
    view.show_phase("gom")
    for side in ("child", "parenting", "environment"):
        record_gom(qtbot, view, side, view.controller.result().outcome("gom", side).suggested)
    assert view.controller.missing_decisions() == []
    view.show_phase("conclusion")
    finish = view.conclusion.finish
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        view.activateWindow()
        finish.setFocus()
        qtbot.waitUntil(finish.hasFocus)
        press(qtbot, finish, key)
        dialog = view.finish_dialog
        assert dialog is not None and dialog.isVisible()
        qtbot.waitUntil(dialog.back_button.hasFocus)
        press(qtbot, focused(), key)
        assert not dialog.isVisible()
        assert store.get_session(session_id).state == "draft"
    view.shutdown()
    store.close()
