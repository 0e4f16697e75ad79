"""The first start asks who holds the conversations (name, role, organisation, AGB/BIG,
phone, e-mail) before the passphrase; the settings change them; a session started in the app
records them as its conductor at its start, and later changes leave it as it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from storage.records import Conductor
from ui.new_session import NewSessionDialog
from ui.settings import SettingsDialog
from ui_shell_support import (
    OPEN_TIMEOUT_MS,
    PASSPHRASE,
    create_store,
    make_window,
    settings_store,
    unlock,
    visible_texts,
)

ANNE = {"professional": "Anne de Vries", "role": "jeugdverpleegkundige",
        "organisation": "GGD Teststad", "agb": "12345678", "big": "",
        "phone": "010 123 45 67", "email": "a.devries@ggd.test"}


def _fill(fields, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for name, value in values.items():
        fields.edits[name].setText(value)


def _start_session(qtbot, window) -> str:  # type: ignore[no-untyped-def]
    """Start a session through the new-session dialog, as a click on "Nieuw gesprek" does."""
    client = window.store.add_client("Eva Claessens")
    window.show_client(client.id)
    window.client_page.new_button.click()
    qtbot.waitUntil(lambda: isinstance(window.new_session_dialog, NewSessionDialog),
                    timeout=OPEN_TIMEOUT_MS)
    dialog = window.new_session_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.store.list_sessions(client.id)), timeout=OPEN_TIMEOUT_MS)
    return window.store.list_sessions(client.id)[0].id


def test_the_first_start_asks_who_holds_the_conversations_before_the_passphrase(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path, profile=False)
    page = window.profile_page
    assert window.current_screen() is page
    assert window.windowTitle() == "Samenspraak — Over u"
    texts = visible_texts(window)
    for label in ("Uw naam", "Functie", "Organisatie", "AGB-code", "BIG-nummer", "Telefoon",
                  "E-mail"):
        assert label in texts, label
    assert not page.button.isEnabled() and page.required.isVisible()
    _fill(page.fields, {**ANNE, "phone": "", "email": ""})
    assert not page.button.isEnabled()  # no way to be reached yet
    _fill(page.fields, {"email": "zonder-apenstaartje"})
    assert not page.button.isEnabled()
    _fill(page.fields, ANNE)
    assert page.button.isEnabled() and not page.required.isVisible()
    qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)

    assert window.current_screen() is window.create_page
    kept = settings_store(tmp_path).load()
    assert kept.profile() == ANNE and kept.profile_complete
    create_store(qtbot, window)
    assert "Anne de Vries" not in " ".join(visible_texts(window.list_page))  # no banner
    sid = _start_session(qtbot, window)
    assert window.store.get_session(sid).conductor == Conductor(
        name="Anne de Vries", role="jeugdverpleegkundige", organisation="GGD Teststad",
        agb="12345678", big="", phone="010 123 45 67", email="a.devries@ggd.test")


def test_changing_the_settings_changes_who_holds_new_sessions_not_earlier_ones(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path)
    create_store(qtbot, window)
    first = _start_session(qtbot, window)
    window.open_settings()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitUntil(dialog.isVisible)
    _fill(dialog.about, ANNE)
    dialog.accept()
    assert settings_store(tmp_path).load().profile() == ANNE
    second = _start_session(qtbot, window)
    assert window.store.get_session(first).conductor.name == "Test Professional"
    assert window.store.get_session(second).conductor.name == "Anne de Vries"
    assert window.store.get_session(second).conductor.email == "a.devries@ggd.test"


def test_an_incomplete_profile_is_pointed_out_after_unlock_and_the_labels_follow_english(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, tmp_path)
    create_store(qtbot, window)
    window.apply_settings(window.settings.__class__(language="en", professional="Kim"))
    window.lock()
    window.close()
    again = make_window(qtbot, tmp_path, profile=False)
    unlock(qtbot, again, PASSPHRASE)
    assert any("still missing" in text for text in visible_texts(again.list_page))
    again.open_settings()
    dialog = again.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    labels = [dialog.about.labels[name].text() for name in ("professional", "role", "phone")]
    assert labels == ["Your name", "Role", "Phone"]
