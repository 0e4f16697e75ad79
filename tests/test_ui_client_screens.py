"""The client, session and log screens on real widgets and a real store: exact date messages,
both dates in the list, progress and outcome per session, a warning before a second draft of
the same form, the consent scope and the log in words, repeated reads folded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from instruments.loader import load_form_file
from services_support import PRESPARK_FORM
from storage.store import Store
from ui.client_dialog import DateProblem, parse_date
from ui.client_page import detail_words, scope_words
from ui_shell_support import CHEAP_KDF, PASSPHRASE, create_store, make_window, unlock


def _column(table, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [table.item(r, column).text() for r in range(table.rowCount())]


@pytest.mark.parametrize(("typed", "message"), [
    ("31-02-1994", "De geboortedatum bestaat niet: februari 1994 heeft geen 31e dag."),
    ("29-02-2023", "De geboortedatum bestaat niet: februari 2023 heeft geen 29e dag."),
    ("03-13-1994", "De geboortedatum bestaat niet: er is geen maand 13."),
    ("1994-02-03", "De geboortedatum is niet te lezen. Gebruik dd-mm-jjjj, bijvoorbeeld "
                   "03-02-1994."),
])
def test_a_date_that_does_not_exist_says_exactly_why(typed: str, message: str) -> None:
    with pytest.raises(DateProblem) as problem:
        parse_date(typed)
    assert problem.value.text("birth_date", "nl") == message


def test_dates_are_read_in_three_spellings_and_leap_days_exist() -> None:
    assert parse_date("29-02-2024") == parse_date("29/02/2024") == parse_date("29.2.2024") \
        == date(2024, 2, 29)


def test_the_new_client_dialog_shows_the_exact_date_message_and_the_stores_refusal(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path)
    create_store(qtbot, window)
    window.list_page.new_client()
    dialog = window.list_page.dialog
    dialog.name.setText("Jan Jansen")
    dialog.birth_date.setText("31-02-1994")
    dialog.accept()
    assert dialog.error.text() == (
        "De geboortedatum bestaat niet: februari 1994 heeft geen 31e dag.")
    dialog.birth_date.setText("01-02-2030")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "Een geboortedatum kan niet in de toekomst liggen."
    dialog.birth_date.setText("")
    dialog.due_date.setText("01-02-2020")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Een uitgerekende datum ligt hoogstens")


def _world(tmp_path: Path) -> tuple[str, str]:
    from services.conversation import SessionController
    from services.opened_session import open_session

    loaded = load_form_file(PRESPARK_FORM)
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Lotte Smit", birth_date=date(1994, 2, 3),
                                  due_date=date.today().replace(day=1))
        draft = store.start_session(client.id, loaded)
        controller = SessionController(open_session(store, draft.id).writer, user="tester")
        first, second = (d.id for d in loaded.form.counted_domains()[:2])
        controller.set_answer(f"{first}.concern", 2)
        controller.set_answer(f"{second}.concern", 1)
        session = store.start_session(client.id, loaded)
        for _ in range(3):
            open_session(store, session.id)  # three reads in a row
        done = SessionController(open_session(store, session.id).writer, user="tester")
        result = done.result().outcome("risk")
        done.decide("risk", None, "hoog", "Zorgen thuis")
        assert result is not None
        store.complete_session(session.id)
        store.add_consent(session.id, given_by="moeder", recipient="verloskundige",
                          scope="gesprek,uitkomst")
    return client.id, draft.id


def test_client_list_and_page_show_both_dates_progress_outcome_scope_and_a_readable_log(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client_id, _draft = _world(tmp_path)
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    shown = window.list_page.model.index(0, 1).data()
    assert "geboren 03-02-1994" in shown and "uitgerekend" in shown
    window.show_client(client_id)
    page = window.client_page
    progress = dict(zip(_column(page.sessions, 2), _column(page.sessions, 3), strict=True))
    assert progress == {"Concept": "2 van 13 domeinen", "Afgerond": "0 van 13 domeinen"}
    outcomes = dict(zip(_column(page.sessions, 2), _column(page.sessions, 4), strict=True))
    assert outcomes == {"Concept": "nog geen besluit", "Afgerond": "Hoog risico"}
    assert _column(page.consents, 2) == ["het gesprek en de afspraken, het oordeel"]
    actions = _column(page.audit, 2)
    assert "Gesprek geopend (4×)" in actions  # three reads and the one that decided
    details = _column(page.audit, 3)
    assert not any("=" in detail for detail in details), [d for d in details if "=" in d]


def test_words_for_a_scope_and_an_audit_detail() -> None:
    assert scope_words("gesprek,domeinen", "en") == (
        "the conversation and agreements, the domains where help is needed")
    assert scope_words("iets anders", "nl") == "iets anders"
    assert detail_words("results=1", "nl") == "gevonden: 1"
    assert detail_words("form=prespark version=1.1.0", "en") == "form: prespark · version: 1.1.0"
    assert detail_words("outcome=risk scope= overridden=1", "nl") == (
        "uitkomst: risk · afgeweken van de suggestie")
    assert detail_words("consent=90cbedbad4fa", "nl") == ""


def test_a_second_draft_of_the_same_form_is_asked_about_first(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client_id, draft_id = _world(tmp_path)
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    window.show_client(client_id)
    loaded = load_form_file(PRESPARK_FORM)
    window.router._start_session(client_id, loaded)
    box = window.router.draft_warning
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert "al een concept van preSPARK" in box.text()
    assert window.store is not None
    before = len(window.store.list_sessions(client_id))
    open_draft = next(b for b in box.buttons() if b.text() == "Concept openen")
    open_draft.click()
    assert window.session_page is not None and window.session_page.session_id == draft_id
    assert len(window.store.list_sessions(client_id)) == before

    window.router.close_session()
    window.router._start_session(client_id, loaded)
    box = window.router.draft_warning
    anyway = next(b for b in box.buttons() if b.text() == "Toch nieuw gesprek")
    anyway.click()
    assert len(window.store.list_sessions(client_id)) == before + 1
    assert window.session_page is not None and window.session_page.session_id != draft_id


def test_checking_the_pin_is_a_calm_wait_not_an_error(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.selfreport.overlays import LockPanel

    panel = LockPanel()
    qtbot.addWidget(panel)
    panel.prepare("nl")
    panel.show()
    panel.set_busy(True)
    assert panel.waiting.isVisible() and panel.waiting.text() == "Even geduld…"
    assert panel.waiting.objectName() == "srWait"
    assert not panel.error.isVisible()
    panel.refuse()
    assert not panel.waiting.isVisible() and panel.error.isVisible()


def test_log_rows_written_before_the_name_was_set_name_the_system_account_not_a_person(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import getpass

    from ui.client_page import who_words

    login = getpass.getuser()
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:  # no name yet
        client = store.add_client("Noor Visser", birth_date=date(1994, 2, 3))
    window = make_window(qtbot, tmp_path)  # the professional's name is set now
    unlock(qtbot, window)
    window.show_client(client.id)
    users = _column(window.client_page.audit, 1)
    assert f"onbekend (systeemaccount {login})" in users  # the client added before
    assert window.settings.professional in users  # the page read just now
    assert login not in users  # the bare login is never shown as if it were a person
    assert who_words(login, "en", login) == f"unknown (system account {login})"
    assert who_words("J. de Wit", "nl", login) == "J. de Wit"
    assert who_words("", "nl", login) == "—"
