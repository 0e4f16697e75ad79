"""The shell with the real conversation view: start by keyboard, answer, lock, resume."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from storage.store import Store
from ui.session.view import SessionView
from ui_shell_support import CHEAP_KDF, PASSPHRASE, make_window, unlock, visible_texts


def test_start_a_prespark_by_keyboard_answer_lock_and_resume_the_same_session(
    qtbot, tmp_path: Path
) -> None:
    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Yara Hendriks")
    window = make_window(qtbot, tmp_path)
    window.activateWindow()
    unlock(qtbot, window)
    window.show_client(client.id)
    page = window.client_page
    qtbot.keyClick(page.new_button, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.new_session_dialog is not None
                    and window.new_session_dialog.isVisible(), timeout=10000)
    dialog = window.new_session_dialog
    dialog.select("prespark")
    qtbot.keyClick(dialog.instrument, Qt.Key.Key_Return)

    view = window.current_screen()
    assert isinstance(view, SessionView)
    assert window.windowTitle() == "Samenspraak — Gesprek"
    # focus comes back to the window once the modal dialog has gone
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and view.isAncestorOf(QApplication.focusWidget()), timeout=5000)
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_2)
    session_id = view.session_id
    answers = window.store.get_session(session_id).answers
    assert list(answers.values()) == [2]

    with qtbot.waitSignal(window.locked, timeout=2000):
        qtbot.keyClick(focused, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.session_page is None
    assert not any("Yara" in text for text in visible_texts(window))

    unlock(qtbot, window)
    resumed = window.current_screen()
    assert isinstance(resumed, SessionView) and resumed is not view
    assert resumed.session_id == session_id
    assert window.store.get_session(session_id).answers == answers


def test_a_whole_prespark_by_keyboard_from_unlock_to_a_confirmed_risk_then_reopened(
    qtbot, tmp_path: Path
) -> None:
    from ui_session_support import complete_by_keyboard, walk_prespark_by_keyboard

    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        store.add_client("Noor Visser")
        store.add_client("Daan de Jong")
    window = make_window(qtbot, tmp_path)
    window.activateWindow()
    # Unlock: type the passphrase and press Enter.
    page = window.unlock_page
    qtbot.waitUntil(lambda: page.passphrase.hasFocus(), timeout=5000)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10000):
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    # Find the client by instant search, open it with Enter.
    clients = window.list_page
    qtbot.waitUntil(lambda: clients.search.hasFocus()
                    or window.focusWidget() is clients.search, timeout=5000)
    qtbot.keyClicks(clients.search, "noor")
    qtbot.keyClick(clients.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.client_page is not None, timeout=5000)
    # New session (Ctrl+Shift+N), pick preSPARK by typing, Enter.
    qtbot.keyClick(window.client_page, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.new_session_dialog is not None
                    and window.new_session_dialog.isVisible(), timeout=10000)
    dialog = window.new_session_dialog
    dialog.instrument.setFocus()
    while dialog.instrument.currentData() != "prespark":
        before = dialog.instrument.currentIndex()
        qtbot.keyClick(dialog.instrument, Qt.Key.Key_Down)
        assert dialog.instrument.currentIndex() != before, "preSPARK not offered"
    qtbot.keyClick(dialog.instrument, Qt.Key.Key_Return)
    view = window.current_screen()
    assert isinstance(view, SessionView)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and view.isAncestorOf(QApplication.focusWidget()), timeout=5000)

    expected, suggested = walk_prespark_by_keyboard(qtbot, view)
    with qtbot.waitSignal(view.completed, timeout=2000):
        complete_by_keyboard(qtbot, view)
    session_id = view.session_id
    window.shutdown()

    with Store.open(tmp_path / "store", PASSPHRASE) as again:
        record = again.get_session(session_id)
    assert record.state == "completed"
    assert record.answers == expected
    assert [(d.outcome_id, d.suggested, d.decided) for d in record.decisions] == [
        ("risk", suggested, suggested)]


def _session_reads(store: Store, session_id: str) -> int:
    return sum(1 for e in store.audit_events() if e.action == "read_session"
               and e.session_id == session_id)


def test_opening_a_session_reads_it_once_whichever_screen_it_opens_in(
    qtbot, tmp_path: Path
) -> None:
    from export_support import shipped_form_file
    from instruments.loader import load_form_file

    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        client = store.add_client("Yara Hendriks")
        ids = [store.start_session(client.id, load_form_file(shipped_form_file(name))).id
               for name in ("prespark", "alpha-nl", "giz-uitgebreid")]
    window = make_window(qtbot, tmp_path)
    unlock(qtbot, window)
    for session_id in ids:
        before = _session_reads(window.store, session_id)
        window.open_session(session_id)
        assert window.current_screen().session_id == session_id
        assert _session_reads(window.store, session_id) - before == 1
    before = _session_reads(window.store, ids[1])
    window.open_session(ids[1], discuss=True)
    assert window.current_screen().is_discussion
    assert _session_reads(window.store, ids[1]) - before == 1


def test_reopening_a_completed_session_for_a_correction_opens_it_again_editable(
    qtbot, tmp_path: Path
) -> None:
    from instruments.scoring import decide, score
    from ui_session_support import MINI_FORM, start

    with Store.create(tmp_path / "store", PASSPHRASE, kdf=CHEAP_KDF) as store:
        session_id, loaded = start(store, MINI_FORM)
        result = score(loaded.form, store.get_session(session_id).answers).outcome("risk")
        store.save_decision(session_id, decide(loaded.form, result, "laag"))
        store.complete_session(session_id)
    window = make_window(qtbot, tmp_path)
    window.activateWindow()
    unlock(qtbot, window)
    window.open_session(session_id)
    view = window.current_screen()
    assert isinstance(view, SessionView) and view.controller.completed
    view.show_closing()
    qtbot.mouseClick(view.closing.reopen_button, Qt.MouseButton.LeftButton)
    dialog = view.reopen_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "Verkeerde client gekozen bij Wonen")
    qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    again = window.current_screen()
    assert isinstance(again, SessionView) and again is not view
    assert again.session_id == session_id and not again.controller.completed
    assert window.store.get_session(session_id).corrected
    assert len(window.store.session_versions(session_id)) == 1
    window.shutdown()
