"""Starts the Qt application: theme, settings, the store folder and the main window.

Only what the first (create/unlock) window needs is imported here; the store's database layer
(sqlcipher3, argon2), pydantic and PyYAML load later, in the background, so the window shows
quickly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from storage.store import KdfParams
    from ui.main_window import MainWindow
    from ui.session_screen import SessionScreenFactory
    from ui.settings import SettingsStore

WINDOW_SIZE = (1366, 768)


def store_folder() -> Path:
    """The same default folder as the command line (see storage.location)."""
    from storage.location import default_store_folder

    return default_store_folder()


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names and the theme (reused when one already exists)."""
    from PySide6.QtWidgets import QApplication

    from ui.theme import apply_theme

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QApplication.setApplicationName("Samenspraak")
        QApplication.setOrganizationName("Samenspraak")
        app = QApplication(argv if argv is not None else sys.argv)
        from PySide6.QtGui import QIcon

        from instruments.paths import resources_dir

        app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "samenspraak.png")))
    apply_theme(app)
    return app


def make_main_window(
    folder: Path | None = None,
    settings_store: SettingsStore | None = None,
    *,
    kdf: KdfParams | None = None,
    session_factory: SessionScreenFactory | None = None,
) -> MainWindow:
    """The main window on `folder` (default: store_folder()) with injectable settings and KDF."""
    from ui.main_window import MainWindow
    from ui.settings import SettingsStore

    window = MainWindow(
        folder or store_folder(),
        settings_store or SettingsStore(),
        kdf=kdf,
        session_factory=session_factory,
    )
    window.resize(*WINDOW_SIZE)
    return window


def private_excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Report an unexpected error without its message (which could hold client data)."""
    import traceback

    frames = traceback.format_tb(tb)
    print(f"Samenspraak: unexpected {exc_type.__name__}", file=sys.stderr)
    print("".join(frames), file=sys.stderr, end="")


def run_app() -> int:
    sys.excepthook = private_excepthook
    app = make_application()
    window = make_main_window()
    screen = app.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        if available.width() <= WINDOW_SIZE[0] or available.height() <= WINDOW_SIZE[1]:
            window.showMaximized()
        else:
            window.show()
    else:
        window.show()
    code = int(app.exec())
    window.shutdown()
    return code
