"""The main window's start: the first start's pages (who holds the conversations, then create
the store), the unlock page, and which of them shows (a cheap guess first, confirmed by
`Store.exists` in the background once the window has painted)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from ui.profile_page import ProfilePage
from ui.unlock import CreateStorePage, UnlockPage
from ui.workers import BackgroundOp

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from storage.store import KdfParams

# The authoritative Store.exists check (which imports the storage stack) waits until the first
# window has painted, so it neither delays the window nor competes with it for the GIL.
PRESENCE_CHECK_DELAY_MS = 300


def store_looks_present(folder: Path) -> bool:
    """A cheap first guess (no storage import): a non-empty folder holds a store.
    The window confirms it with Store.exists in the background right after it shows."""
    try:
        return folder.is_dir() and any(folder.iterdir())
    except OSError:
        return False


class StartPages(QObject):
    """The two start pages; `show_page` puts one on screen, `is_locked` says whether the
    store is still closed (the background check then may switch pages)."""

    def __init__(self, folder: Path, lang: str, user: str, kdf: KdfParams | None, *,
                 show_page: Callable[[QWidget], None], current: Callable[[], QWidget | None],
                 is_locked: Callable[[], bool], profile: dict[str, str] | None = None,
                 needs_profile: Callable[[], bool] = lambda: False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.profile_page = ProfilePage(profile or {}, lang)
        self.create_page = CreateStorePage(folder, lang, user=user, kdf=kdf)
        self.unlock_page = UnlockPage(folder, lang, user=user)
        self._show_page, self._current, self._is_locked = show_page, current, is_locked
        self._needs_profile = needs_profile
        self._exists_op: BackgroundOp | None = None

    @property
    def pages(self) -> tuple[QWidget, ...]:
        return (self.profile_page, self.create_page, self.unlock_page)

    def _first_start_page(self) -> ProfilePage | CreateStorePage:
        """The first start asks who holds the conversations before the passphrase."""
        return self.profile_page if self._needs_profile() else self.create_page

    def show_create(self) -> None:
        """The passphrase step of the first start (after the profile was given)."""
        self.create_page.reset()
        self._show_page(self.create_page)

    def show(self, *, after_lock: bool = False) -> None:
        present = after_lock or store_looks_present(self.folder)
        page: ProfilePage | CreateStorePage | UnlockPage = (
            self.unlock_page if present else self._first_start_page())
        self._show_page(page)
        page.reset(after_lock=after_lock)
        if not after_lock:
            QTimer.singleShot(PRESENCE_CHECK_DELAY_MS, self._confirm_store_presence)

    def _confirm_store_presence(self) -> None:
        """Store.exists in the background; it also warms the storage imports for the unlock."""
        folder = self.folder

        def exists() -> bool:
            from storage.store import Store

            return bool(Store.exists(folder))

        self._exists_op = BackgroundOp(exists, self).on_success(self._store_presence_known).run()

    def _store_presence_known(self, present: object) -> None:
        if not self._is_locked():
            return
        current = self._current()
        if present and (current is self.profile_page or (
                current is self.create_page and not self.create_page.passphrase.text())):
            self.unlock_page.reset()
            self._show_page(self.unlock_page)
        elif not present and current is self.unlock_page:
            page = self._first_start_page()
            page.reset()
            self._show_page(page)

    def set_user(self, user: str) -> None:
        self.create_page.user = self.unlock_page.user = user

    def retranslate(self, lang: str) -> None:
        self.profile_page.retranslate(lang)
        self.create_page.retranslate(lang)
        self.unlock_page.retranslate(lang)
