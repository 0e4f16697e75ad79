"""Application-wide event filters, installed once the window has painted.

A Python application filter is handed every object that gets an event, also Qt's internal
objects (a line edit's text control); the first such object makes PySide6 build the Python
types of all its classes, some 125 enums, which took 50-90 ms before the first window showed.
Installing the filters after the first paint (or after a short delay, whichever comes first)
moves that cost behind the window the user is waiting for.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

FALLBACK_MS = 300  # a window that is never painted (hidden, minimised) still gets its filters


class _AfterFirstPaint(QObject):
    def __init__(self, window: QWidget, filters: tuple[QObject, ...]) -> None:
        super().__init__(window)
        self._window = window
        self._filters = filters
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self.install)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            self.install()
        return False

    def install(self) -> None:
        if self._done:
            return
        self._done = True
        self._window.removeEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            for event_filter in self._filters:
                app.installEventFilter(event_filter)


def install_after_first_paint(window: QWidget, *filters: QObject) -> None:
    """Install `filters` on the application once `window` has painted (see the module doc)."""
    _AfterFirstPaint(window, filters)
