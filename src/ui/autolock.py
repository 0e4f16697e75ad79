"""Auto-lock: an application event filter notes user activity; a timer locks after idle time."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

# Events that show a person is at the keyboard or mouse.
ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)
CHECK_INTERVAL_MS = 5000


class AutoLock(QObject):
    """Emits `idle_timeout` once no user input arrived for `timeout_s` while armed."""

    idle_timeout = Signal()

    def __init__(self, timeout_s: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_s = float(timeout_s)
        self.last_activity = time.monotonic()
        self.armed = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check_idle)
        self._update_interval()

    def set_timeout(self, timeout_s: float) -> None:
        self.timeout_s = float(timeout_s)
        self._update_interval()

    def _update_interval(self) -> None:
        self._timer.setInterval(int(min(CHECK_INTERVAL_MS, max(self.timeout_s * 1000 / 2, 10))))

    def arm(self) -> None:
        """Start watching (the store is open)."""
        self.armed = True
        self.touch()
        self._timer.start()

    def disarm(self) -> None:
        """Stop watching (the app is locked)."""
        self.armed = False
        self._timer.stop()

    def touch(self) -> None:
        self.last_activity = time.monotonic()

    def idle_seconds(self, now: float | None = None) -> float:
        return (time.monotonic() if now is None else now) - self.last_activity

    def check_idle(self, now: float | None = None) -> bool:
        """Lock when idle long enough; returns whether it fired."""
        if self.armed and self.idle_seconds(now) >= self.timeout_s:
            self.disarm()
            self.idle_timeout.emit()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() in ACTIVITY_EVENTS:
            self.last_activity = time.monotonic()
        return False
