"""Background operations: run a callable off the GUI thread, deliver its outcome on it.

In the spirit of Anki's QueryOp: `BackgroundOp(fn).on_success(...).on_failure(...).run()`.
The callable runs on the global QThreadPool; `succeeded(result)` or `failed(exc)` and then
`done` are emitted and received on the GUI thread (queued across threads). Tests can wait on
`op.done` with `qtbot.waitSignal`, or run every op inline with `run_synchronously()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_synchronous = False
_running: set[BackgroundOp] = set()


@contextmanager
def run_synchronously() -> Iterator[None]:
    """Within this block, every BackgroundOp runs inline on the calling thread (tests)."""
    global _synchronous
    previous, _synchronous = _synchronous, True
    try:
        yield
    finally:
        _synchronous = previous


class _Signals(QObject):
    """Carrier of the worker's outcome; lives on the GUI thread."""

    finished = Signal(bool, object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            self.signals.finished.emit(False, exc)
            return
        self.signals.finished.emit(True, result)


class BackgroundOp(QObject):
    """One operation off the GUI thread; outcome signals arrive on the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._signals = _Signals()
        self._signals.finished.connect(self._deliver)
        self.running = False

    def on_success(self, slot: Callable[[Any], None]) -> BackgroundOp:
        self.succeeded.connect(slot)
        return self

    def on_failure(self, slot: Callable[[BaseException], None]) -> BackgroundOp:
        self.failed.connect(slot)
        return self

    def run(self) -> BackgroundOp:
        self.running = True
        _running.add(self)
        if _synchronous:
            runnable = _Runnable(self._fn, self._signals)
            runnable.setAutoDelete(False)
            runnable.run()
        else:
            QThreadPool.globalInstance().start(_Runnable(self._fn, self._signals))
        return self

    def _deliver(self, ok: bool, payload: object) -> None:
        self.running = False
        _running.discard(self)
        if ok:
            self.succeeded.emit(payload)
        else:
            self.failed.emit(payload)
        self.done.emit()


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Block until the thread pool is idle (used at shutdown so no worker outlives the app)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
