"""The accessibility audit (tests/a11y_audit.py) over every screen of the main window at
1024×600 and 1366×768: unlock, client list, client page, a conversation's domain page, the
together view, the closing page, a completed session, the keyboard map."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from a11y_audit import audit
from instruments.loader import load_form_file
from services.opened_session import open_session
from services_support import DUE_DATE, PRESPARK_FORM
from storage.store import Store
from ui.giz.view import GizView
from ui.main_window import MainWindow
from ui.selfreport.window import SelfReportWindow
from ui.session.view import SessionView
from ui_shell_support import CHEAP_KDF, PASSPHRASE, make_window, unlock

SIZES = [(1024, 600), (1366, 768)]
FORMS = PRESPARK_FORM.parent


def _complete(store: Store, session_id: str) -> None:
    from services.conversation import SessionController

    controller = SessionController(open_session(store, session_id).writer, user="tester")
    for item_id, item in controller.index.items():
        if item[1].scale is not None:
            controller.set_answer(item_id, 1)
    result = controller.result()
    for outcome in result.outcomes:
        controller.decide(outcome.outcome_id, outcome.scope, outcome.suggested, None)
    controller.complete()


@pytest.fixture
def world(tmp_path: Path) -> dict[str, str]:
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Noor Visser", birth_date=date(1994, 2, 3),
                                  due_date=DUE_DATE)
        loaded = load_form_file(PRESPARK_FORM)
        draft = store.start_session(client.id, loaded).id
        done = store.start_session(client.id, loaded).id
        _complete(store, done)
    return {"client": client.id, "draft": draft, "done": done}


def _at(window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    window.activateWindow()


def _check(qtbot: QtBot, window: MainWindow, size: tuple[int, int], screen: str,
           root: QWidget | None = None) -> list[str]:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # so that the focus check can give focus
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # lay out as shown
    target = root or window
    problems = audit(target)
    if (window.width(), window.height()) != size:
        problems.append(f"window is {window.width()}×{window.height()}, not {size}")
    need = window.minimumSizeHint()  # offscreen Qt does not hold a window to its minimum
    if need.width() > size[0] or need.height() > size[1]:
        problems.append(f"window needs {need.width()}×{need.height()}, more than {size}")
    return [f"{screen}: {p}" for p in problems]


@pytest.mark.parametrize("size", SIZES, ids=["1024x600", "1366x768"])
def test_every_main_window_screen_passes_the_accessibility_audit(
        qtbot: QtBot, tmp_path: Path, world: dict[str, str], size: tuple[int, int]) -> None:
    window = make_window(qtbot, tmp_path)
    _at(window, size)
    qtbot.waitExposed(window)
    problems = _check(qtbot, window, size, "unlock")
    unlock(qtbot, window)
    problems += _check(qtbot, window, size, "clients")
    window.show_client(world["client"])
    problems += _check(qtbot, window, size, "client")
    window.open_session(world["draft"])
    view = window.current_screen()
    assert isinstance(view, SessionView)
    problems += _check(qtbot, window, size, "domain")
    view.show_together()
    problems += _check(qtbot, window, size, "together")
    view.show_closing()
    problems += _check(qtbot, window, size, "closing")
    window.open_session(world["done"])
    done = window.current_screen()
    assert isinstance(done, SessionView)
    done.go_to_domain(done.controller.pages[0].id)
    problems += _check(qtbot, window, size, "completed")
    done.show_together()
    problems += _check(qtbot, window, size, "completed together")
    done.show_closing()
    problems += _check(qtbot, window, size, "completed closing")
    dialog = window.keys.show_map()
    qtbot.waitUntil(dialog.isVisible)
    problems += [f"keyboard map: {p}" for p in audit(dialog, focus=False)]
    dialog.reject()
    window.open_settings()
    settings = window.settings_dialog
    assert settings is not None
    qtbot.waitUntil(settings.isVisible)
    problems += [f"settings: {p}" for p in audit(settings, focus=False)]
    settings.reject()
    window.show_clients()
    window.list_page.new_client()
    new_client = window.list_page.dialog
    qtbot.waitUntil(new_client.isVisible)
    problems += [f"new client: {p}" for p in audit(new_client, focus=False)]
    new_client.reject()
    assert problems == [], "\n".join(problems)



@pytest.mark.parametrize("size", SIZES, ids=["1024x600", "1366x768"])
def test_the_client_pages_session_table_shows_every_column_without_a_horizontal_scroll_bar(
        qtbot: QtBot, tmp_path: Path, world: dict[str, str], size: tuple[int, int]) -> None:
    """'Laatst gewijzigd' was behind a horizontal scroll bar at 1366×768 (issue 18)."""
    from a11y_audit import cut_cells

    window = make_window(qtbot, tmp_path)
    _at(window, size)
    unlock(qtbot, window)
    window.show_client(world["client"])
    _check(qtbot, window, size, "client")
    table = window.client_page.sessions
    assert table.horizontalScrollBar().maximum() == 0
    header = table.horizontalHeader()
    last = header.sectionViewportPosition(6) + header.sectionSize(6)
    assert last <= table.viewport().width()
    assert cut_cells(window.client_page) == []


@pytest.mark.parametrize("size", SIZES, ids=["1024x600", "1366x768"])
def test_the_together_view_of_a_half_answered_prespark_shows_every_cell_and_header_whole(
        qtbot: QtBot, tmp_path: Path, size: tuple[int, int]) -> None:
    """Answers, follow-ups, differences, an agreed action and a note in the first domains,
    nothing in the others: no cell or header cut, no word broken anywhere but at a syllable,
    no horizontal scroll bar (tests/a11y_audit.py cut_cells)."""
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Noor Visser", due_date=DUE_DATE)
        loaded = load_form_file(PRESPARK_FORM)
        session = store.start_session(client.id, loaded).id
        domains = loaded.form.counted_domains()
        for number, domain in enumerate(domains[:4]):
            for key, value in (("concern", 2 + number % 3), ("need_now", 2),
                               ("professional", 2 + 2 * (number % 2)),
                               ("need_professional", True), ("need_informal", False),
                               ("help_given", number % 2 == 0)):
                store.save_answer(session, f"{domain.id}.{key}", value)
        store.save_answer(session, f"{domains[0].id}.help_enough", 1)
        store.save_answer(session, f"{domains[0].id}.actions", ["Folder over slapen meegeven",
                                                                "Over twee weken bellen"])
        store.save_answer(session, f"{domains[1].id}.notes",
                          "Verloskundige weet ervan; partner werkt in ploegendienst")
    window = make_window(qtbot, tmp_path)
    _at(window, size)
    unlock(qtbot, window)
    window.open_session(session)
    view = window.current_screen()
    assert isinstance(view, SessionView)
    view.show_together()
    problems = _check(qtbot, window, size, "together")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("size", SIZES, ids=["1024x600", "1366x768"])
@pytest.mark.parametrize("form", ["spark36-1.1.0.yaml", "giz-signalering-1.1.0.yaml",
                                  "giz-multidisciplinair-1.2.0.yaml",
                                  "alpha-nl-1.1.0.yaml"])
def test_the_six_point_cards_giz_and_alpha_screens_pass_the_audit(
        qtbot: QtBot, tmp_path: Path, size: tuple[int, int], form: str) -> None:
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Sam de Wit")
        session = store.start_session(client.id, load_form_file(FORMS / form)).id
    window = make_window(qtbot, tmp_path)
    _at(window, size)
    unlock(qtbot, window)
    window.open_session(session)
    problems = _check(qtbot, window, size, form)
    view = window.current_screen()
    if isinstance(view, GizView):
        view.show_phase("triangle")
        view.open_factor(view.factors[0].id)
        problems += _check(qtbot, window, size, f"{form} factor")
        view.show_phase("gom")
        problems += _check(qtbot, window, size, f"{form} gom")
        view.show_phase("conclusion")
        problems += _check(qtbot, window, size, f"{form} conclusion")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("size", SIZES, ids=["1024x600", "1366x768"])
def test_the_number_and_multi_choice_pages_pass_the_audit(
        qtbot: QtBot, tmp_path: Path, size: tuple[int, int]) -> None:
    from instruments.paths import example_forms_dir

    visit = load_form_file(example_forms_dir() / "voorbeeld-huisbezoek-0.2.0.yaml")
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Sam de Wit")
        session = store.start_session(client.id, visit).id
        store.save_answer(session, "onderwerpen.mother_topics", [2])
    window = make_window(qtbot, tmp_path)
    _at(window, size)
    unlock(qtbot, window)
    window.open_session(session)
    view = window.current_screen()
    assert isinstance(view, SessionView)
    problems = _check(qtbot, window, size, "numbers")
    weeks = view.rows["zwangerschap.weeks"].editor
    weeks.line.setText("99")  # the refusal and its message must read well too
    weeks.flush()
    problems += _check(qtbot, window, size, "number refused")
    view.go_next()
    problems += _check(qtbot, window, size, "multi-choice")
    assert problems == [], "\n".join(problems)


def _self_report_problems(qtbot: QtBot, tmp_path: Path, size: tuple[int, int], *,
                          fit: bool) -> list[str]:
    from selfreport_support import dispose, make_session, open_window

    store, session_id = make_session(tmp_path / "store")
    window = open_window(store, session_id)
    try:
        window.resize(*size)
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        problems = []
        for name, show in (("language", lambda: None),
                           ("intro", lambda: window.choose_language("nl")),
                           ("question", window.begin),
                           ("hand-back", window.show_hand_back)):
            show()
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            if fit:
                problems += [f"self-report {name}: {p}" for p in _squeezed(window, size)]
            else:
                problems += [f"self-report {name}: {p}" for p in audit(window)]
        return problems
    finally:
        dispose(window)
        store.close()


def _squeezed(window: SelfReportWindow, size: tuple[int, int]) -> list[str]:
    """The window keeps the screen's size, the page on screen needs no more room than the
    window has, and a question needs no scrolling."""
    problems = []
    if (window.width(), window.height()) != size:
        problems.append(f"window is {window.width()}×{window.height()}, not {size}")
    page = window.stack.currentWidget()
    need = page.minimumSizeHint().height()
    if need > window.stack.height():
        problems.append(f"page needs {need} px of height, the window has "
                        f"{window.stack.height()}")
    if page is window.question_page:
        hidden = window.question_page.scroll.verticalScrollBar().maximum()
        if hidden > 0:
            problems.append(f"{window.current}: {hidden} px of the question scrolled away")
    return problems


@pytest.mark.parametrize("size", SIZES, ids=["1024x600", "1366x768"])
def test_the_self_report_screens_pass_the_audit(qtbot: QtBot, tmp_path: Path,
                                                size: tuple[int, int]) -> None:
    problems = _self_report_problems(qtbot, tmp_path, size, fit=False)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("size", SIZES, ids=["1024x600", "1366x768"])
def test_the_self_report_screens_fit_the_window(qtbot: QtBot, tmp_path: Path,
                                               size: tuple[int, int]) -> None:
    problems = _self_report_problems(qtbot, tmp_path, size, fit=True)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("form", ["alpha-nl-1.1.0.yaml", "balansmeter-1.1.0.yaml"])
def test_every_self_report_question_in_every_language_fits_1024x600_without_scrolling(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: str) -> None:
    """With the read-aloud button shown and the last answer chosen (its thicker border)."""
    import ui.selfreport.window as selfreport_window
    from selfreport_support import dispose, make_session, open_window

    monkeypatch.setattr(selfreport_window, "speech_status", lambda _lang: "ok")
    store, session_id = make_session(tmp_path / "store", form)
    window = open_window(store, session_id)
    try:
        window.resize(1024, 600)
        qtbot.waitExposed(window)
        problems = []
        for lang in window.languages:
            window.choose_language(lang)
            for question in window.flow.questions:
                window.show_question(question.item_id)
                page = window.question_page
                assert page.speak_button.isVisibleTo(page)
                if page.answer_buttons:
                    page.mark(page.answer_buttons[-1].property("answer"))
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                problems += [f"{lang}: {p}" for p in _squeezed(window, (1024, 600))]
        assert problems == [], "\n".join(problems)
    finally:
        dispose(window)
        store.close()
