"""Kill-test helper: a process that fills in a self-report through the real window, one answer
every few milliseconds, and prints "saved ITEM VALUE" only after the answer shows as saved on
screen (the store call returned). The parent SIGKILLs it mid-form.

    selfreport_child.py FOLDER SESSION_ID LANG     (passphrase in SAMENSPRAAK_PASSPHRASE)
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PACE_MS = 15  # a quick but human-like pace, so the kill lands mid-form
WATCHDOG_MS = 60_000  # never outlive a broken parent


def main() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from selfreport_support import answer_button, planned_value
    from services.opened_session import open_session
    from storage.store import Store
    from ui.selfreport.window import SelfReportWindow

    folder, session_id, lang = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = QApplication([])
    store = Store.open(folder, os.environ["SAMENSPRAAK_PASSPHRASE"])
    window = SelfReportWindow(open_session(store, session_id), unlock_check=lambda _s: False)
    window.resize(1366, 768)
    window.show()
    window.language_page.buttons[lang].click()
    window.intro_page.start_button.click()
    out = sys.stdout
    out.write(f"pid {os.getpid()}\n")
    out.flush()
    count = [0]

    def step() -> None:
        if window.stack.currentWidget() is not window.question_page:
            out.write("done\n")
            out.flush()
            return
        item_id = window.current
        assert item_id is not None
        value = planned_value(window.form, item_id, count[0])
        answer_button(window, value).click()
        if window.flow.answers.get(item_id) == value:  # set only after the store call returned
            out.write(f"saved {item_id} {json.dumps(value)}\n")
            out.flush()
        count[0] += 1
        window.question_page.next_button.click()
        QTimer.singleShot(PACE_MS, step)

    QTimer.singleShot(PACE_MS, step)
    QTimer.singleShot(WATCHDOG_MS, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
