"""BackgroundOp: work runs on a pool thread, its outcome arrives on the GUI thread."""

from __future__ import annotations

import threading

import pytest

from ui.workers import BackgroundOp, run_synchronously


def test_result_is_computed_off_the_gui_thread_and_delivered_on_it(qtbot) -> None:
    seen: dict[str, threading.Thread] = {}
    results: list[object] = []

    def work() -> int:
        seen["worker"] = threading.current_thread()
        return 41 + 1

    def done(value: object) -> None:
        seen["delivery"] = threading.current_thread()
        results.append(value)

    op = BackgroundOp(work).on_success(done)
    with qtbot.waitSignal(op.done, timeout=5000):
        op.run()
    assert results == [42]
    assert seen["worker"] is not threading.main_thread()
    assert seen["delivery"] is threading.main_thread()
    assert not op.running


def test_an_exception_is_delivered_to_the_failure_slot(qtbot) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        raise KeyError("boom")

    op = BackgroundOp(work).on_failure(errors.append)
    with qtbot.waitSignal(op.failed, timeout=5000):
        op.run()
    assert len(errors) == 1 and isinstance(errors[0], KeyError)


@pytest.mark.parametrize("fail", [False, True])
def test_run_synchronously_delivers_before_run_returns(qtbot, fail: bool) -> None:
    outcome: list[str] = []

    def work() -> str:
        if fail:
            raise ValueError("nope")
        return "ok"

    with run_synchronously():
        op = BackgroundOp(work)
        op.on_success(lambda v: outcome.append(str(v)))
        op.on_failure(lambda e: outcome.append(type(e).__name__))
        with qtbot.waitSignal(op.done, timeout=1000):
            op.run()
    assert outcome == (["ValueError"] if fail else ["ok"])
