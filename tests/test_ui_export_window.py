"""The export dialogs reached from the app: the client page's button and the top bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from export_support import pdf_text
from ui.export_dialog import ExportDialog
from ui.period_export_dialog import PeriodExportDialog
from ui.settings import AppSettings
from ui_export_support import CLIENT_NAME, add_client, add_completed_session
from ui_shell_support import create_store, make_window

WAIT_MS = 20000


def test_export_button_opens_the_dialog_for_the_selected_session_with_the_letterhead(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path)
    window.apply_settings(AppSettings(organisation="JGZ Voorbeeldstad",
                                      professional="Anna de Vries"))
    create_store(qtbot, window)
    store = window.store
    assert store is not None
    client_id = add_client(store)
    session_id = add_completed_session(store, client_id)
    window.show_client(client_id)
    page = window.client_page
    assert page is not None and page.export_button.isVisible() and page.export_button.isEnabled()
    store.add_consent(session_id, given_by="moeder", recipient="Verloskundigenpraktijk De Wieg",
                      scope="gesprek")

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    dialog = window.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert dialog.data.session.session_id == session_id
    assert dialog.letter_pdf is not None and dialog.pages.pages  # the letter's real pages
    preview = " ".join(pdf_text(dialog.letter_pdf).split())
    assert CLIENT_NAME in preview and "JGZ Voorbeeldstad" in preview and "Anna de Vries" in preview

    window.lock()  # locking closes every dialog that shows client data
    assert window.export_dialog is None
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)


def test_reports_button_in_the_top_bar_opens_the_period_export_with_the_forms(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path)
    assert not window.topbar.reports_button.isVisible()  # locked: nothing to report on
    create_store(qtbot, window)
    button = window.topbar.reports_button
    assert button.isVisible() and button.text() == "Rapportages"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.export_dialog, PeriodExportDialog), timeout=WAIT_MS)
    dialog = window.export_dialog
    assert isinstance(dialog, PeriodExportDialog) and dialog.isVisible()
    assert dialog.form.count() > 1  # "all instruments" and the shipped forms
    assert dialog.form.findData("prespark") >= 0
