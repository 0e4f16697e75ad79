"""The main window opens GIZ sessions (triangle mode) in the GIZ screen and the other
conversations in the domain walk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import FORMS_DIR
from instruments.loader import load_form_file
from selfreport_support import click
from storage.store import Store
from ui.giz.view import GizView
from ui.session.view import SessionView
from ui_shell_support import CHEAP_KDF, PASSPHRASE, make_window, unlock


def test_starting_a_giz_from_the_client_page_shows_the_triangle_screen(
        qtbot: Any, tmp_path: Path) -> None:
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Daan Hoekstra")
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    window.show_client(client.id)
    click(qtbot, window.client_page.new_button)
    qtbot.waitUntil(lambda: window.new_session_dialog is not None
                    and window.new_session_dialog.isVisible(), timeout=10000)
    window.new_session_dialog.select("giz-signalering")
    window.new_session_dialog.start_button.click()

    view = window.current_screen()
    assert isinstance(view, GizView)
    session = window.store.get_session(view.session_id)
    assert (session.client_id, session.form_id) == (client.id, "giz-signalering")
    view.closed.emit()
    assert window.current_screen() is window.client_page
    window.shutdown()


def test_opening_existing_sessions_from_the_list_picks_the_screen_by_form(
        qtbot: Any, tmp_path: Path) -> None:
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Esra Yilmaz")
        giz = store.start_session(client.id, load_form_file(FORMS_DIR
                                                            / "giz-multidisciplinair-1.2.0.yaml"))
        walk = store.start_session(client.id, load_form_file(FORMS_DIR / "spark36-1.1.0.yaml"))
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    window.show_client(client.id)
    page = window.client_page
    opened: dict[str, type] = {}
    for row in range(page.sessions.rowCount()):
        page.sessions.selectRow(row)
        click(qtbot, page.open_button)
        view = window.current_screen()
        opened[view.session_id] = type(view)
        view.closed.emit()
    assert opened == {giz.id: GizView, walk.id: SessionView}
    window.shutdown()
