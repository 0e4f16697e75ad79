"""Start-up probe run in a subprocess: show the first window, report when it has painted.

`python startup_probe.py app STORE_DIR SETTINGS_INI` shows Samenspraak's first window;
`python startup_probe.py bare` shows a bare PySide6 window the same way. On the first paint it
prints one JSON line {"heavy": [...], "cpu_s": ...} naming the heavy libraries already imported
and the CPU seconds used until then, then exits.
"""

from __future__ import annotations

import json
import sys
import time

HEAVY = ("storage.database", "pydantic", "yaml", "sqlcipher3", "argon2")


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    mode = sys.argv[1]
    if mode == "app":
        from pathlib import Path

        from PySide6.QtCore import QSettings

        from ui.app import make_application, make_main_window
        from ui.settings import SettingsStore

        app = make_application([])
        settings = SettingsStore(QSettings(sys.argv[3], QSettings.Format.IniFormat))
        window: QWidget = make_main_window(Path(sys.argv[2]), settings)
    else:
        app = QApplication([])
        window = QWidget()
        window.setWindowTitle("bare")
        window.resize(1366, 768)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not getattr(self, "seen", False):
                self.seen = True
                heavy = sorted(name for name in HEAVY if name in sys.modules)
                print(json.dumps({"heavy": heavy, "title": window.windowTitle(),
                                  "cpu_s": time.process_time()}), flush=True)
                QTimer.singleShot(0, app.quit)
            return False

    # On the window, not the application: an application-wide Python filter is handed Qt's
    # internal objects too, which makes PySide6 build all its enum types (50-90 ms) before
    # the first paint, a cost of the probe and not of the app (see ui.app_filters).
    probe = FirstPaint()
    window.installEventFilter(probe)
    window.show()
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
