"""The size floor: a bare PySide6 window, bundled the same way as the app (see hello.spec)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel


def main() -> int:
    app = QApplication(sys.argv)
    label = QLabel("Hallo")
    label.show()
    if os.environ.get("HELLO_QUIT"):
        QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
