"""A background thread that does one job at the first pause in a stream of commits (or at the
latest after a bound), so disk work that need not hold up a save happens between saves."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class PauseWorker:
    """Runs `job` off the caller's thread after `note()`s: once no note came for `pause`
    seconds, or `latest_s` seconds after the first unserved note. Notes that arrive while the
    job runs are served by the next run."""

    def __init__(self, job: Callable[[], None], *, name: str, pause: float,
                 latest_s: float) -> None:
        self._job = job
        self._name = name
        self.pause = pause
        self.latest_s = latest_s
        self._state = threading.Condition()
        self._noted = 0
        self._served = 0
        self.failures = 0
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._hurry = False

    @property
    def unserved(self) -> int:
        with self._state:
            return self._noted - self._served

    def note(self) -> None:
        with self._state:
            self._noted += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name=self._name, daemon=True)
                self._thread.start()
            elif self._noted - self._served == 1:
                # Only an idle thread needs waking: one that waits for a pause looks at the
                # count when its wait ends, so a burst of notes costs it no wake-up each.
                self._state.notify_all()

    def run_now(self) -> None:
        """Run the job for every note so far at once, and wait until it has."""
        with self._state:
            self._hurry = True
            self._state.notify_all()
            while self._served < self._noted and self._thread is not None:
                self._state.wait()
            self._hurry = False

    def stop(self) -> None:
        """Serve what is pending at once, then end the thread."""
        with self._state:
            self._stopping = True
            self._state.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join()
        with self._state:
            self._thread = None
            self._stopping = False

    def _serve(self) -> None:
        while True:
            with self._state:
                while self._served >= self._noted and not self._stopping:
                    self._state.wait()
                if self._served >= self._noted:
                    return  # stopping, and nothing pending
                self._wait_for_a_pause()
                target = self._noted
            try:
                self._job()
                failed = False
            except Exception:  # the job's own failure: noted, and the thread goes on
                failed = True
            with self._state:
                self._served = max(self._served, target)
                self.failures += failed
                self._state.notify_all()

    def _wait_for_a_pause(self) -> None:
        """Hold back (the state lock held) while notes follow each other closely, at most
        `latest_s`; a run_now or stop goes at once."""
        deadline = time.monotonic() + self.latest_s
        while not (self._stopping or self._hurry):
            seen = self._noted
            left = min(self.pause, deadline - time.monotonic())
            if left <= 0:
                return
            self._state.wait(left)
            if self._noted == seen:
                return  # a pause: no note since
