"""Starts the Qt application (placeholder until the conversation app lands)."""

from __future__ import annotations

import sys


def run_app() -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel("Samenspraak")
    label.setWindowTitle("Samenspraak")
    label.resize(800, 600)
    label.show()
    return int(app.exec())
