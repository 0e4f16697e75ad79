"""Clients: add one, find it by instant search, and its page with sessions, consents and audit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from conftest import FORMS_DIR
from instruments.loader import load_form_file
from storage.store import Store
from ui.main_window import SessionPlaceholder
from ui.session_screen import SessionScreen
from ui_shell_support import CHEAP_KDF, PASSPHRASE, create_store, make_window, unlock


def _names(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.list_page.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _column(table, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_adding_a_client_by_keyboard_opens_its_page_and_the_title_keeps_no_name(
    qtbot, tmp_path: Path
) -> None:
    window = make_window(qtbot, tmp_path)
    create_store(qtbot, window)
    page = window.list_page
    assert page.empty.isVisible()

    page.new_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.name, "Sanne de Vries")
    qtbot.keyClicks(dialog.due_date, "14-03-2027")
    qtbot.keyClicks(dialog.referrer, "Verloskundigenpraktijk Oost")
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        qtbot.keyClick(dialog.referrer, Qt.Key.Key_Return)

    assert window.current_screen() is window.client_page
    assert window.client_page.name.text() == "Sanne de Vries"
    assert "uitgerekend 14-03-2027" in window.client_page.details.text()
    assert window.windowTitle() == "Samenspraak — Cliënt"
    assert "Sanne" not in window.windowTitle()


def test_new_client_dialog_refuses_a_bad_bsn_or_date_and_keeps_what_was_typed(
    qtbot, tmp_path: Path
) -> None:
    window = make_window(qtbot, tmp_path)
    create_store(qtbot, window)
    window.list_page.new_client()
    dialog = window.list_page.dialog
    dialog.name.setText("Jan Jansen")
    dialog.bsn.setText("123456789")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "Dit BSN klopt niet (9 cijfers, elfproef)."
    dialog.bsn.setText("111222333")  # passes the 11-test
    dialog.birth_date.setText("31-02-2020")
    dialog.accept()
    assert dialog.isVisible()
    assert "geboortedatum" in dialog.error.text()
    assert dialog.name.text() == "Jan Jansen"
    dialog.birth_date.setText("01-02-2020")
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        dialog.accept()
    assert window.client_page.client.bsn == "111222333"
    assert "BSN ••••••333" in window.client_page.details.text()


def test_instant_search_narrows_the_list_while_typing_and_enter_opens_the_match(
    qtbot, tmp_path: Path
) -> None:
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        for name in ("Sanne de Vries", "Fatima el Amrani", "Sanne Bakker", "Joris Visser"):
            store.add_client(name)
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    page = window.list_page
    assert sorted(_names(window)) == sorted(
        ["Sanne de Vries", "Fatima el Amrani", "Sanne Bakker", "Joris Visser"])
    assert page.search.hasFocus() or window.focusWidget() is page.search

    qtbot.keyClicks(page.search, "sanne")
    assert sorted(_names(window)) == ["Sanne Bakker", "Sanne de Vries"]
    qtbot.keyClicks(page.search, " bak")
    assert _names(window) == ["Sanne Bakker"]
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert window.current_screen() is window.client_page
    assert window.client_page.client.name == "Sanne Bakker"

    window.show_clients()
    page = window.list_page
    qtbot.keyClicks(page.search, "niemand hier")
    assert _names(window) == []
    assert page.empty.isVisible()
    assert page.empty.text().startswith("Geen cliënt gevonden")


def test_arrow_down_from_search_then_enter_opens_the_chosen_client(qtbot, tmp_path: Path) -> None:
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        store.add_client("Anna Aalders")
        store.add_client("Bram Bos")
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    page = window.list_page
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() or window.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    chosen = page.model.clients[page.table.currentIndex().row()].name
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.current_screen() is window.client_page
    assert window.client_page.client.name == chosen


def test_client_page_lists_sessions_consents_and_audit_events(qtbot, tmp_path: Path) -> None:
    loaded = load_form_file(FORMS_DIR / "prespark-2.0.0.yaml")
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Lotte Smit")
        draft = store.start_session(client.id, loaded)
        done = store.start_session(client.id, loaded)
        store.complete_session(done.id)
        store.add_consent(done.id, given_by="moeder", recipient="verloskundige",
                          scope="terugkoppeling")
        other = store.add_client("Iemand Anders")
        store.start_session(other.id, loaded)
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    window.show_client(client.id)
    page = window.client_page

    assert page.sessions.rowCount() == 2
    assert sorted(_column(page.sessions, 2)) == ["Afgerond", "Concept"]
    assert set(_column(page.sessions, 1)) == {loaded.form.version}
    qtbot.waitUntil(lambda: window._catalog is not None, timeout=10000)
    assert set(_column(page.sessions, 0)) == {loaded.form.title["nl"]}

    assert page.consents.rowCount() == 1
    assert _column(page.consents, 1) == ["verloskundige"]
    assert _column(page.consents, 4) == ["Geldig"]

    actions = _column(page.audit, 2)
    for expected in ("Cliënt toegevoegd", "Gesprek begonnen", "Gesprek afgerond",
                     "Toestemming vastgelegd", "Cliënt bekeken"):
        assert expected in actions
    # only this client's trail
    assert len([a for a in actions if a == "Cliënt toegevoegd"]) == 1

    consent_id = page.consents.item(0, 0).data(Qt.ItemDataRole.UserRole)
    page.withdraw_consent(consent_id, "op verzoek")
    assert _column(page.consents, 4)[0].startswith("Ingetrokken op")
    assert "Toestemming ingetrokken" in _column(page.audit, 2)
    assert draft.id in {page.sessions.item(r, 0).data(Qt.ItemDataRole.UserRole)
                        for r in range(page.sessions.rowCount())}
    # Looking at the consents and the audit trail is itself in the trail (NEN 7513).
    assert {"Logboek bekeken", "Toestemmingen bekeken"} <= set(_column(page.audit, 2))
    viewed = [e for e in window.store.audit_events(client.id) if e.action == "read_audit"]
    assert viewed and all(e.detail.startswith("results=") for e in viewed)


class FakeSessionView(SessionScreen):
    """Stands in for ui.session.view.SessionView: the agreed constructor and signals."""

    made: list[FakeSessionView] = []

    def __init__(self, opened, lang: str, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(opened.session_id, parent)
        self.lang = lang
        self.shut = False
        FakeSessionView.made.append(self)

    def shutdown(self) -> None:
        self.shut = True


def test_new_conversation_dialog_starts_a_session_and_opens_the_session_view(
    qtbot, tmp_path: Path
) -> None:
    FakeSessionView.made.clear()
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Noor Peters")
    window = make_window(qtbot, tmp_path, session_factory=FakeSessionView)
    unlock(qtbot, window)
    window.show_client(client.id)
    window.client_page.new_button.click()
    qtbot.waitUntil(lambda: window.new_session_dialog is not None
                    and window.new_session_dialog.isVisible(), timeout=10000)
    dialog = window.new_session_dialog
    dialog.select("prespark")
    assert dialog.version.currentData() == "2.0.0"
    assert "13" in dialog.description.text()
    dialog.start_button.click()

    assert len(FakeSessionView.made) == 1
    view = FakeSessionView.made[0]
    assert window.current_screen() is view
    assert window.windowTitle() == "Samenspraak — Gesprek"
    assert view.lang == "nl"
    session = window.store.get_session(view.session_id)
    assert (session.client_id, session.form_id, session.state) == (client.id, "prespark", "draft")

    qtbot.keyClick(view, Qt.Key.Key_Escape)  # the hidden client page's Esc must not fire
    assert window.current_screen() is view

    view.closed.emit()
    assert view.shut
    assert window.current_screen() is window.client_page
    assert window.client_page.sessions.rowCount() == 1


def test_without_the_session_module_a_clear_placeholder_is_shown(qtbot, tmp_path: Path) -> None:
    loaded = load_form_file(FORMS_DIR / "prespark-2.0.0.yaml")
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Noor Peters")
        session = store.start_session(client.id, loaded)
    window = make_window(qtbot, tmp_path, session_factory=SessionPlaceholder)
    unlock(qtbot, window)
    window.open_session(session.id)
    assert isinstance(window.current_screen(), SessionPlaceholder)
    window.current_screen().closed.emit()
    assert window.current_screen() is window.client_page


def test_escape_on_the_client_page_goes_back_to_the_list(qtbot, tmp_path: Path) -> None:
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Mila de Boer")
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    window.show_client(client.id)
    window.activateWindow()
    qtbot.keyClick(window.client_page.sessions_empty, Qt.Key.Key_Escape)
    assert window.current_screen() is window.list_page


def _listed(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    return [dialog.instrument.itemData(i) for i in range(dialog.instrument.count())]


def test_new_conversation_dialog_offers_the_forms_for_the_clients_age_first(
    qtbot, tmp_path: Path
) -> None:
    from datetime import date, timedelta

    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        expecting = store.add_client("Noor Peters", due_date=date.today() + timedelta(days=90))
    window = make_window(qtbot, tmp_path, session_factory=FakeSessionView)
    unlock(qtbot, window)
    window.show_client(expecting.id)
    window.client_page.new_button.click()
    qtbot.waitUntil(lambda: window.new_session_dialog is not None
                    and window.new_session_dialog.isVisible(), timeout=10000)
    dialog = window.new_session_dialog
    shown = _listed(dialog)
    assert {"prespark", "alpha-nl", "giz-signalering"} <= set(shown)
    assert not {"spark18", "spark36", "spark60", "balansmeter"} & set(shown)
    assert "9 maanden voor de geboorte" in dialog.description.text()
    assert dialog.all_ages.isVisible() and not dialog.all_ages.isChecked()
    qtbot.mouseClick(dialog.all_ages, Qt.MouseButton.LeftButton)
    assert {"spark18", "spark60", "balansmeter"} <= set(_listed(dialog))
    dialog.reject()


def test_a_clients_age_in_months_counts_the_pregnancy_below_zero() -> None:
    from datetime import date

    from services.client_age import age_in_months

    today = date(2026, 12, 1)
    assert age_in_months(date(2025, 6, 1), None, today) == 18
    assert age_in_months(date(2025, 6, 2), None, today) == 17
    assert age_in_months(None, date(2027, 3, 1), today) == -3
    assert age_in_months(None, date(2026, 11, 20), today) == 0  # due date passed: at birth
    assert age_in_months(None, None, today) is None


def test_example_forms_are_offered_only_when_asked_for_last_and_marked_as_examples(
    qtbot, tmp_path: Path
) -> None:
    from dataclasses import replace
    from datetime import date, timedelta

    from shiboken6 import isValid

    from ui_shell_support import settings_store

    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        toddler = store.add_client("Noor Peters",
                                   birth_date=date.today() - timedelta(days=548))  # 18 months
    window = make_window(qtbot, tmp_path, session_factory=FakeSessionView)
    unlock(qtbot, window)
    window.show_client(toddler.id)
    window.client_page.new_button.click()
    qtbot.waitUntil(lambda: window.new_session_dialog is not None
                    and window.new_session_dialog.isVisible(), timeout=10000)
    dialog = window.new_session_dialog
    assert "spark18" in _listed(dialog)
    assert not any(f.startswith("voorbeeld-") for f in _listed(dialog))
    dialog.reject()

    window.apply_settings(replace(settings_store(tmp_path).load(), example_forms=True))
    assert settings_store(tmp_path).load().example_forms is True
    window.client_page.new_button.click()
    qtbot.waitUntil(lambda: window.new_session_dialog is not None
                    and isValid(window.new_session_dialog)
                    and window.new_session_dialog.isVisible()
                    and "voorbeeld-huisbezoek" in _listed(window.new_session_dialog),
                    timeout=10000)
    dialog = window.new_session_dialog
    shown = _listed(dialog)
    assert shown[-1] == "voorbeeld-huisbezoek" and "spark18" in shown  # fits 18 months, last
    dialog.select("voorbeeld-huisbezoek")
    label = dialog.instrument.currentText()
    assert label == "Voorbeeld: huisbezoek — geen officieel instrument"
    assert "geen officieel instrument" in dialog.description.text()
    dialog.start_button.click()
    view = FakeSessionView.made[-1]
    assert window.store.get_session(view.session_id).form_id == "voorbeeld-huisbezoek"

