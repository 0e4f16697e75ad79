"""Session screen benchmarks: moving to the next domain (p95) and peak memory after a whole
preSPARK, each against a floor measured in the same run."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from services.opened_session import open_session  # noqa: E402
from ui.session.view import SessionView  # noqa: E402
from ui_session_support import PRESPARK_FORM, new_store, show_for_keyboard, start  # noqa: E402

ROUNDS = 8


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def test_bench_next_domain_p95(qtbot: QtBot, tmp_path: Path,
                               bench_record: Callable[..., None]) -> None:
    store = new_store(tmp_path)
    session_id, loaded = start(store, PRESPARK_FORM)
    view = SessionView(open_session(store, session_id), "nl")
    show_for_keyboard(qtbot, view)
    qtbot.waitUntil(lambda: None not in view.pages, timeout=10000)  # built ahead when idle
    view.grab()
    steps = len(loaded.form.counted_domains())
    shown: list[float] = []
    shown_cpu: list[float] = []  # this thread's CPU time: robust when other work shares the CPU
    with_position: list[float] = []
    for _ in range(ROUNDS):
        view.go_to_domain(loaded.form.counted_domains()[0].id)
        view.store_position()
        # The jump back is the reset between rounds, not a measured step: its layout and paint
        # happen here, as they would before a user presses the next key (otherwise the first
        # step of each round was charged the paint of two pages: 20 ms against 10 ms).
        QApplication.sendPostedEvents()
        for _ in range(steps):
            focus = QApplication.focusWidget() or view
            start_at = time.perf_counter()
            start_cpu = time.thread_time()
            qtbot.keyClick(focus, Qt.Key.Key_PageDown)
            QApplication.sendPostedEvents()  # layout and paint of the window
            turned = time.perf_counter()
            shown_cpu.append((time.thread_time() - start_cpu) * 1000)
            view.store_position()  # what the next idle moment does
            done = time.perf_counter()
            shown.append((turned - start_at) * 1000)
            with_position.append((done - start_at) * 1000)
    view.shutdown()
    store.close()

    stack = QStackedWidget()
    qtbot.addWidget(stack)
    stack.resize(1366, 768)
    for _ in range(steps + 1):
        stack.addWidget(QWidget())
    stack.show()
    qtbot.waitExposed(stack)
    stack.grab()
    floor: list[float] = []
    floor_cpu: list[float] = []
    for _ in range(ROUNDS):
        stack.setCurrentIndex(0)
        for i in range(steps):
            start_at = time.perf_counter()
            start_cpu = time.thread_time()
            stack.setCurrentIndex(i + 1)
            QApplication.sendPostedEvents()
            floor.append((time.perf_counter() - start_at) * 1000)
            floor_cpu.append((time.thread_time() - start_cpu) * 1000)
    bench_record("session_next_domain_p95", p95(shown), "ms", p95(floor))
    bench_record("session_next_domain_p50", statistics.median(shown), "ms",
                 statistics.median(floor))
    bench_record("session_next_domain_cpu_p95", p95(shown_cpu), "ms", p95(floor_cpu))
    bench_record("session_next_domain_with_position_write_p95", p95(with_position), "ms",
                 p95(floor))


_FULL_PRESPARK = textwrap.dedent("""
    import json, sys, tempfile
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from ui_session_support import PRESPARK_FORM, new_store, start
    from instruments.model import ItemType
    from ui.session.view import SessionView
    from services.opened_session import open_session
    store = new_store(Path(tempfile.mkdtemp()))
    session_id, loaded = start(store, PRESPARK_FORM)
    view = SessionView(open_session(store, session_id), "nl")
    view.resize(1366, 768)
    view.show()
    app.processEvents()
    c = view.controller
    for n, domain in enumerate(c.pages):
        view.go_to_domain(domain.id)
        app.processEvents()
        for item_id, item in c.items(domain):
            if not c.is_visible(item_id):
                continue
            if item.type in (ItemType.SCALE, ItemType.CHOICE):
                value = c.form.scale(item.scale).values()[(n + 1) % 3]
            elif item.type == ItemType.YES_NO:
                value = True
            elif item.type == ItemType.ACTIONS:
                value = ["Afspraak %d" % n]
            else:
                value = "Notitie %d" % n
            view._on_chosen(item_id, value)
        view.show_together()
        app.processEvents()
    view.show_closing()
    app.processEvents()
    panel = view.closing.panels[0]
    # Her own judgement (the page starts without one), then the deliberate second step.
    level = panel.scope.result.suggestion or next(iter(panel.radios))
    panel.radios[level].setChecked(True)
    panel.reason.setText("bench")
    panel.record()
    view.finish()
    app.processEvents()
    view.finish_dialog.confirm_button.click()
    app.processEvents()
    assert c.completed
    view.shutdown()
    store.close()
    print(json.dumps({"hwm_kib": [int(line.split()[1]) for line in open("/proc/self/status")
                               if line.startswith("VmHWM:")][0]}))
""")

_BARE_WINDOW = textwrap.dedent("""
    import json
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication([])
    window = QWidget()
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    window.grab()
    print(json.dumps({"hwm_kib": [int(line.split()[1]) for line in open("/proc/self/status")
                               if line.startswith("VmHWM:")][0]}))
""")


def _peak_rss_mib(script: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")]))
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, timeout=300, check=True)
    last = [line for line in out.stdout.splitlines() if line.startswith("{")][-1]
    # VmHWM: the peak resident size of this process image (ru_maxrss would carry the forking
    # test process's own peak across exec).
    return float(json.loads(last)["hwm_kib"]) / 1024


def test_bench_peak_memory_after_a_full_prespark(bench_record: Callable[..., None]) -> None:
    floor = _peak_rss_mib(_BARE_WINDOW)
    peak = _peak_rss_mib(_FULL_PRESPARK)
    bench_record("session_full_prespark_peak_rss", peak, "MiB", floor)
