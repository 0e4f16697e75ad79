"""The referrer's role and practice in the app: typed in the new-client dialog (Dutch labels),
changed on the client page, shown in its details; an edit writes only what was changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel

from storage.store import Store
from ui_shell_support import CHEAP_KDF, PASSPHRASE, create_store, make_window, unlock


def _labels(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    form = dialog.findChild(QFormLayout)
    labels = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and isinstance(item.widget(), QLabel):
            labels.append(item.widget().text())
    return labels


def test_a_new_client_keeps_the_referrers_role_and_practice_typed_in_the_dialog(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path)
    create_store(qtbot, window)
    window.list_page.new_button.click()
    dialog = window.list_page.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert _labels(dialog)[-3:] == ["Verwijzer", "Rol van de verwijzer", "Praktijk"]
    assert dialog.referrer_role.placeholderText() == "bijvoorbeeld verloskundige, huisarts"
    qtbot.keyClicks(dialog.name, "Sanne de Vries")
    qtbot.keyClicks(dialog.referrer, "J. Bakker")
    qtbot.keyClicks(dialog.referrer_role, "verloskundige")
    qtbot.keyClicks(dialog.referrer_practice, "Verloskundigenpraktijk Oost")
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        qtbot.keyClick(dialog.referrer_practice, Qt.Key.Key_Return)

    page = window.client_page
    assert (page.client.referrer, page.client.referrer_role, page.client.referrer_practice) == (
        "J. Bakker", "verloskundige", "Verloskundigenpraktijk Oost")
    assert ("verwezen door J. Bakker (verloskundige, Verloskundigenpraktijk Oost)"
            in page.details.text())


def test_the_client_page_changes_the_referrer_and_writes_only_what_changed(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A due date kept from long ago: no longer plausible to enter, but it is not re-entered.
    old_due = date(date.today().year - 2, 1, 15)
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Noor Peters", referrer="J. Bakker", bsn="111222333")
        with store._tx() as conn:
            conn.exec_driver_sql("UPDATE clients SET due_date = ? WHERE id = ?",
                                 (old_due.isoformat(), client.id))
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    window.show_client(client.id)
    page = window.client_page
    assert page.details.text().endswith("verwezen door J. Bakker")
    assert page.client.due_date == old_due

    page.edit_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.name.text() == "Noor Peters" and dialog.referrer.text() == "J. Bakker"
    assert dialog.bsn.text() == "" and "333" in dialog.bsn.placeholderText()
    qtbot.keyClicks(dialog.referrer_role, "huisarts")
    with qtbot.waitSignal(dialog.saved, timeout=2000):
        qtbot.keyClick(dialog.referrer_role, Qt.Key.Key_Return)

    assert page.client.referrer_role == "huisarts" and page.client.bsn == "111222333"
    assert page.client.due_date == old_due
    assert "verwezen door J. Bakker (huisarts)" in page.details.text()
    updates = [e for e in window.store.audit_events(client.id) if e.action == "update_client"]
    assert [e.detail for e in updates] == ["fields=referrer_role"]

    page.edit_button.click()
    with qtbot.waitSignal(page.dialog.saved, timeout=2000):
        page.dialog.accept()  # nothing changed: nothing written
    assert len([e for e in window.store.audit_events(client.id)
                if e.action == "update_client"]) == 1


def test_a_refused_role_is_said_in_the_dialog_and_nothing_is_stored(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Noor Peters", referrer="J. Bakker")
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    window.show_client(client.id)
    page = window.client_page
    page.edit_button.click()
    dialog = page.dialog
    dialog.referrer_role.setText("verlos\u202ekundige")
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert "referrer_role" in dialog.error.text()
    assert page.client.referrer_role is None
    assert window.store.get_client(client.id).referrer_role is None
