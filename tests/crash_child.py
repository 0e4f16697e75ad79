"""Crash-test helper: a process that saves answers in a loop and prints each item id only after
its commit returned, so a parent can SIGKILL it at random moments and check nothing reported
as saved was lost.

    crash_child.py FOLDER PASSPHRASE           save answers until killed (or done)
    crash_child.py FOLDER PASSPHRASE --serve   fork one saver per "run" line on stdin; after each
                                               ends print "done <signal>" (a fork server keeps the
                                               import cost out of every round)
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

ITEMS = 400


def crash_form_text() -> str:
    """A form with many text items, so a run is always killed before it runs out."""
    items = "\n".join(
        f"      - {{key: t{n}, type: text, step: ouder, text: {{nl: Vraag {n}}}}}"
        for n in range(ITEMS)
    )
    return (
        "id: crash\nversion: 1.0.0\ninstrument: other\nlanguages: [nl]\n"
        "title: {nl: Crash}\nnotice: {nl: Test}\n"
        "scales:\n  - id: s\n    points: [{value: 1, label: {nl: a}}, {value: 2, label: {nl: b}}]\n"
        "steps:\n  - {id: ouder, answered_by: parent, title: {nl: Ouder}}\n"
        "domains:\n  - id: d\n    title: {nl: D}\n    items:\n" + items + "\n"
    )


def save_until_killed(folder: Path, passphrase: str) -> None:
    from instruments.loader import load_form_text
    from storage.store import Store

    out = sys.stdout
    out.write(f"pid {os.getpid()}\n")
    out.flush()
    store = Store.open(folder, passphrase)
    clients = store.search_clients(limit=1)
    client = clients[0] if clients else store.add_client("Crash Test")
    session = store.start_session(client.id, load_form_text(crash_form_text(), "crash.yaml"))
    out.write(f"session {session.id}\n")
    out.flush()
    for n in range(ITEMS):
        item_id = f"d.t{n}"
        store.save_answer(session.id, item_id, f"value {n}")
        out.write(f"saved {item_id}\n")  # only after the commit returned
        out.flush()
    store.close()


def serve(folder: Path, passphrase: str) -> None:
    import instruments.loader  # noqa: F401  (import once, before forking)
    import storage.store  # noqa: F401

    for line in sys.stdin:
        if line.strip() != "run":
            continue
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                save_until_killed(folder, passphrase)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else -1
        sys.stdout.write(f"done {sig}\n")
        sys.stdout.flush()


# ----- the parent side, used by the tests ---------------------------------------------------


@dataclass
class CrashReport:
    kills: int = 0
    rounds: int = 0
    reported: dict[str, dict[str, str]] = field(default_factory=dict)


def kill_rounds(folder: Path, passphrase: str, kills: int, seed: int,
                max_delay: float = 0.15) -> CrashReport:
    """Run savers and SIGKILL each at a random moment until `kills` of them died that way."""
    rng = random.Random(seed)
    report = CrashReport()
    proc = subprocess.Popen(
        [sys.executable, __file__, str(folder), passphrase, "--serve"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        while report.kills < kills and report.rounds < kills * 2:
            report.rounds += 1
            proc.stdin.write("run\n")
            proc.stdin.flush()
            first = proc.stdout.readline().split()
            if first[0] == "done":  # the saver failed before it started
                raise RuntimeError("crash child failed to start")
            child = int(first[1])
            # Odd rounds: kill at a random moment from the start (often while unlocking);
            # even rounds: from the first save on (while answers are being committed).
            timer = threading.Timer(rng.uniform(0.0, max_delay), os.kill,
                                    (child, signal.SIGKILL))
            during_saves = report.rounds % 2 == 0
            if not during_saves:
                timer.start()
            session = ""
            while True:
                words = proc.stdout.readline().split()
                if not words:
                    raise RuntimeError("crash child server ended")
                if words[0] == "done":
                    if int(words[1]) == signal.SIGKILL:
                        report.kills += 1
                    break
                if words[0] == "session":
                    session = words[1]
                    report.reported[session] = {}
                    if during_saves:
                        timer.start()
                elif words[0] == "saved":
                    n = words[1].split(".t")[1]
                    report.reported[session][words[1]] = f"value {n}"
            timer.cancel()
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    return report


if __name__ == "__main__":
    target, secret = Path(sys.argv[1]), sys.argv[2]
    if "--serve" in sys.argv[3:]:
        serve(target, secret)
    else:
        save_until_killed(target, secret)
