"""Locking the main window and handing a self-report to the client.

Locking destroys every client-bearing screen and dialog, closes the store and leaves only the
unlock screen; the client and session on screen are remembered and reopened after the unlock.
A self-report handed to the client runs in its own locked-down window; meanwhile the main
window shows a neutral page, auto-lock is off (her window has its own idle cover) and locking
waits until the professional has taken the laptop back with the store's passphrase.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.selfreport.window import SelfReportWindow
    from ui.selfreport_handover import HandedOutPage


class LockAndHandOut(QObject):
    """The lock and the hand-out of one main window; see the module docstring."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.selfreport_window: SelfReportWindow | None = None
        self.handed_out_page: HandedOutPage | None = None
        self._resume: tuple[str | None, str | None] = (None, None)  # (client id, session id)
        self._resume_discussion = False

    @property
    def is_handed_out(self) -> bool:
        return self.selfreport_window is not None

    # ----- lock and resume ---------------------------------------------------------------------

    def lock(self) -> None:
        """Close every client-bearing screen and dialog, close the store, show the unlock screen.
        While a self-report is handed out, her window (left only with the passphrase) stays up
        and the store stays open under it: nothing is locked until it is handed back."""
        window = self.window
        if window.is_locked:
            return
        if self.selfreport_window is not None:
            self.selfreport_window.raise_()
            self.selfreport_window.activateWindow()
            return
        window.autolock.disarm()
        router = window.router
        session = router.session_page
        self._resume = (router.client_page.client_id if router.client_page else None,
                        session.session_id if session is not None else None)
        self._resume_discussion = bool(session is not None and session.is_discussion)
        window.drop_client_screens()
        store, window.store = window.store, None
        if store is not None:
            store.close()
        window.topbar.set_unlocked(False)
        window.start.show(after_lock=True)
        window.locked.emit()

    def resume(self) -> None:
        """After an unlock: back to what was on screen at the lock (else the client list)."""
        router = self.window.router
        client_id, session_id = self._resume
        self._resume = (None, None)
        if session_id:
            router.open_session(session_id, discuss=self._resume_discussion)
        elif client_id:
            router.show_client(client_id)
        else:
            router.show_clients()

    # ----- the self-report in her hands ----------------------------------------------------------

    def hand_to_client(self, session_id: str) -> None:
        """Auto-lock off, no client data left on screen here, her full-screen window up; only
        the store's passphrase (checked on a worker thread) brings the laptop back."""
        window = self.window
        store = window.store
        if store is None or self.selfreport_window is not None:
            return
        from services.opened_session import open_session
        from ui.selfreport.window import SelfReportWindow
        from ui.selfreport_handover import HandedOutPage

        her = SelfReportWindow(open_session(store, session_id, lang=window.lang),
                               unlock_check=store.verify_passphrase, parent=window)
        her.handed_back.connect(self._handed_back)
        self.selfreport_window = her
        window.autolock.disarm()
        window.close_dialogs()
        window.router.drop_session_page()
        window.router.drop_client_page()
        if self.handed_out_page is None:
            self.handed_out_page = HandedOutPage(window.lang)
            window.stack.addWidget(self.handed_out_page)
        self.handed_out_page.retranslate(window.lang)
        window.topbar.set_unlocked(False)
        window.show_page(self.handed_out_page)
        screen = window.screen() or QApplication.primaryScreen()
        if screen is not None:  # the whole screen even where no window manager does it
            her.setGeometry(screen.geometry())
        her.showFullScreen()
        her.raise_()
        her.activateWindow()

    def _handed_back(self, session_id: str) -> None:
        """The professional unlocked her window: auto-lock on again, on to the discussion."""
        her, self.selfreport_window = self.selfreport_window, None
        if her is not None:
            her.deleteLater()  # it closes itself right after this signal
        window = self.window
        if window.store is None:
            return
        window.topbar.set_unlocked(True)
        window.autolock.arm()
        window.router.open_session(session_id, discuss=True)

    def end(self) -> None:
        """App shutdown: let her window go (her answers are saved as she gives them)."""
        her, self.selfreport_window = self.selfreport_window, None
        if her is not None:
            her.release()
            her.close()
            her.deleteLater()

    def retranslate(self, lang: str) -> None:
        if self.handed_out_page is not None:
            self.handed_out_page.retranslate(lang)
