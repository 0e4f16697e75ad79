"""Management report end to end over 30,000 completed sessions in an encrypted store: period
selection, loading, reduction, aggregation and the PDF, through the command line's own code
(and the app's background job), against reading the same answer rows from plain SQLite.

The store is built once (bulk-loaded through the store's own connection, as the store bench
does) and cached under build/bench-cache/, keyed by CACHE_VERSION; every run works on a copy."""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from export.inputs import Letterhead  # noqa: E402
from export.management import reduce_summary  # noqa: E402, F401  (imported before timing)
from instruments.answers import AnswerValue  # noqa: E402
from instruments.conditions import visibility  # noqa: E402
from instruments.loader import LoadedForm, load_catalog  # noqa: E402
from instruments.model import ItemType  # noqa: E402
from instruments.scoring import decide, score  # noqa: E402
from services.export_jobs import PeriodRequest, write_period_export  # noqa: E402
from storage.store import DB_NAME, HEADER_NAME, Store  # noqa: E402
from storage.summaries import basis as summary_basis  # noqa: E402
from storage.summaries import rules_fingerprint, summary_text, work_out  # noqa: E402
from store_testing import FAST_KDF, PASS  # noqa: E402
from ui.cli.demo_cmd import PROFESSIONALS, demo_answers  # noqa: E402
from ui.cli.export_cmd import run_period  # noqa: E402

CACHE_VERSION = "management-v5"  # v5: summaries with the outcomes on answers not all given
# The kept summaries are worked out by the rules as they are in this tree: a change to the rules'
# code builds a new store (an older one would have the first run time the one-off working out
# again of every summary, as after an upgrade, instead of the report).
CACHE = (Path(__file__).resolve().parents[2] / "build" / "bench-cache"
         / f"{CACHE_VERSION}-{rules_fingerprint()[:12]}")
CLIENTS = 10_000
COMPLETED = 30_000
DRAFTS = 2_000  # not counted: the selection has to skip them
POOL = 120  # distinct answer sets per form, reused with their decisions
# Share of the sessions per shipped form: mostly preSPARK and SPARK.
MIX = {"prespark": 34, "spark18": 16, "spark36": 15, "spark60": 13, "alpha-nl": 8,
       "giz-signalering": 7, "balansmeter": 7}
YEAR = 2025
START, END = date(YEAR, 1, 1), date(YEAR, 12, 31)
LETTERHEAD = Letterhead(organisation="JGZ Benchstad", professional="Bench")


def _with_hidden_answers(loaded: LoadedForm, answers: dict[str, AnswerValue],
                         rng: random.Random) -> dict[str, AnswerValue]:
    """Plant answers to some hidden items (given before an earlier answer changed)."""
    form = loaded.form
    shown = visibility(form, answers)
    planted = dict(answers)
    for full_id, _domain, item in form.all_items():
        if shown[full_id] or rng.random() > 0.4:
            continue
        if item.type in (ItemType.SCALE, ItemType.CHOICE) and item.scale:
            planted[full_id] = form.scale(item.scale).values()[-1]
        elif item.type == ItemType.YES_NO:
            planted[full_id] = True
    return planted


def _pool(loaded: LoadedForm, rng: random.Random) -> list[tuple[dict[str, AnswerValue],
                                                                 list[Any], str]]:
    """Answer sets with the decisions a professional took on them (some overridden) and the
    summary the store keeps at completion (as `Store.complete_session`)."""
    form = loaded.form
    levels = {o.id: o.levels for o in form.outcomes}
    out = []
    for _ in range(POOL):
        answers = _with_hidden_answers(loaded, demo_answers(form, rng, rng.random()), rng)
        decisions = []
        for result in score(form, answers).outcomes:
            if not result.needs_decision:
                continue
            decided, reason = result.suggested, None
            if rng.random() < 0.12:
                decided = rng.choice([lv for lv in levels[result.outcome_id]
                                      if lv != result.suggested])
                reason = "Besproken met de ouder."
            decisions.append(decide(form, result, decided, reason, "bench-professional"))
        out.append((answers, decisions, summary_text(work_out(form, answers))))
    return out


def _hex_id(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def _build(folder: Path, plain: Path) -> None:
    """The encrypted store and a plain SQLite copy of its sessions and answer rows."""
    rng = random.Random(30_000)
    catalog, _problems = load_catalog()
    forms = {form_id: catalog.latest(form_id) for form_id in MIX}
    pools = {form_id: _pool(loaded, rng) for form_id, loaded in forms.items() if loaded}
    names = list(pools)
    weights = [MIX[n] for n in names]
    # Ids as the store makes them (32 hex digits): their size shapes the tables' pages.
    client_ids = [_hex_id(rng) for _ in range(CLIENTS)]
    sessions, answers, decisions, summaries = [], [], [], []
    for n in range(COMPLETED + DRAFTS):
        form_id = rng.choices(names, weights)[0]
        loaded = forms[form_id]
        assert loaded is not None
        chosen, decided, summary = rng.choice(pools[form_id])
        created = datetime(YEAR, 1, 1, 8, tzinfo=UTC) + timedelta(
            days=rng.randrange(365), minutes=rng.randrange(600))
        draft = n >= COMPLETED
        completed = None if draft else _iso(created + timedelta(minutes=rng.randrange(20, 90)))
        session_id = _hex_id(rng)
        sessions.append((session_id, client_ids[n % CLIENTS], form_id, loaded.form.version,
                         loaded.content_hash, "draft" if draft else "completed", _iso(created),
                         completed or _iso(created), completed))
        by = PROFESSIONALS[n % len(PROFESSIONALS)] if loaded.form.attributed else None
        answers += [(session_id, item_id, json.dumps(value, ensure_ascii=False), by,
                     _iso(created)) for item_id, value in chosen.items()]
        if not draft:
            summaries.append((session_id, summary, summary_basis(loaded.content_hash)))
            decisions += [(session_id, d.outcome_id, d.scope or "", d.suggested, d.decided,
                           d.reason, d.decided_by, completed) for d in decided]
    with (Store.create(folder, PASS, kdf=FAST_KDF, user="bench") as store,
          store._tx() as conn):  # bench-only shortcut: the API would take many minutes
        raw = conn.dbapi_connection
        raw.executemany(
            "INSERT INTO clients (id, name, search, birth_date, due_date, bsn, referrer, "
            "created_at, updated_at) VALUES (?, ?, ?, NULL, NULL, NULL, NULL, ?, ?)",
            [(client_id, f"Bench {i}", f"bench {i}", _iso(datetime(YEAR, 1, 1, tzinfo=UTC)),
              _iso(datetime(YEAR, 1, 1, tzinfo=UTC))) for i, client_id in enumerate(client_ids)])
        raw.executemany(
            "INSERT INTO form_texts (hash, form_id, form_version, text) VALUES (?, ?, ?, ?)",
            [(lf.content_hash, lf.form.id, lf.form.version, lf.source)
             for lf in forms.values() if lf is not None])
        raw.executemany(
            "INSERT INTO sessions (id, client_id, form_id, form_version, form_hash, state, "
            "position, notes, migrated_from, created_at, updated_at, completed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, NULL, '', '[]', ?, ?, ?)", sessions)
        raw.executemany(
            "INSERT INTO answers (session_id, item_id, value, answered_by, saved_at) "
            "VALUES (?, ?, ?, ?, ?)", answers)
        raw.executemany(
            "INSERT INTO decisions (session_id, outcome_id, scope, suggested, decided, "
            "reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", decisions)
        raw.executemany(
            "INSERT INTO session_summaries (session_id, help_domains, basis) VALUES (?, ?, ?)",
            summaries)
    copy = sqlite3.connect(plain)
    copy.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, form_id TEXT, state TEXT, "
                 "created_at TEXT, completed_at TEXT)")
    copy.execute("CREATE TABLE answers (session_id TEXT NOT NULL, item_id TEXT NOT NULL, "
                 "value TEXT NOT NULL, PRIMARY KEY (session_id, item_id)) WITHOUT ROWID")
    copy.executemany("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
                     [(s[0], s[2], s[5], s[6], s[8]) for s in sessions])
    copy.executemany("INSERT INTO answers VALUES (?, ?, ?)", [a[:3] for a in answers])
    copy.commit()
    copy.close()


def _cached_store() -> tuple[Path, Path]:
    folder, plain = CACHE / "store", CACHE / "plain.db"
    if not (folder / DB_NAME).exists() or not plain.exists():
        for older in CACHE.parent.glob("management-*"):
            shutil.rmtree(older, ignore_errors=True)
        CACHE.mkdir(parents=True)
        started = time.perf_counter()
        _build(CACHE / "building", plain)
        (CACHE / "building").rename(folder)
        print(f"built the 30,000-session bench store in {time.perf_counter() - started:.0f} s")
    return folder, plain


def _fresh_copy(folder: Path, target: Path) -> Path:
    target.mkdir()
    for name in (DB_NAME, HEADER_NAME):
        shutil.copy2(folder / name, target / name)
    return target


def _floor(plain: Path) -> float:
    """Bare plain SQLite: count the period's completed sessions and fetch their answer rows."""
    conn = sqlite3.connect(plain)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        conn.execute("SELECT count(*) FROM sessions WHERE state = 'completed' AND "
                     "substr(completed_at, 1, 10) BETWEEN ? AND ?",
                     (START.isoformat(), END.isoformat())).fetchall()
        conn.execute("SELECT a.session_id, a.item_id, a.value FROM sessions s "
                     "JOIN answers a ON a.session_id = s.id WHERE s.state = 'completed' AND "
                     "substr(s.completed_at, 1, 10) BETWEEN ? AND ?",
                     (START.isoformat(), END.isoformat())).fetchall()
        times.append(time.perf_counter() - start)
    conn.close()
    return statistics.median(times)


def _cli_args(out: Path) -> argparse.Namespace:
    return argparse.Namespace(out=str(out), lang="nl", organisation=LETTERHEAD.organisation,
                              professional=LETTERHEAD.professional, form=None, start=START,
                              end=END)


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def test_bench_management_report_end_to_end_over_30000_stored_sessions(
        tmp_path: Path, bench_record: Callable[..., None]) -> None:
    folder, plain = _cached_store()
    copy = _fresh_copy(folder, tmp_path / "store")
    floor = _floor(plain)
    cli, app = [], []
    for run in range(3):
        # A fresh Store each run: nothing the store caches survives, as in a new CLI process.
        with Store.open(copy, PASS, user="bench") as store:
            out = tmp_path / f"cli-{run}.pdf"
            cli.append(_timed(lambda: run_period("management", store, _cli_args(out), out)))  # noqa: B023
        with Store.open(copy, PASS, user="bench") as store:
            request = PeriodRequest(kind="management", start=START, end=END, form_id=None,
                                    letterhead=LETTERHEAD)
            counted: list[int] = []
            target = tmp_path / f"app-{run}.pdf"
            app.append(_timed(lambda: counted.append(write_period_export(  # noqa: B023
                store, request, target, progress=lambda _d, _t: None))))  # noqa: B023
            assert counted == [COMPLETED]
            exports = [e for e in store.audit_events() if e.action == "export"]
            assert exports[-1].detail.endswith(f"sessions={COMPLETED}")
    with Store.open(copy, PASS, user="bench") as store:  # where the time goes: the read
        read = _timed(lambda: store.session_rows(start=START, end=END, items=lambda _f: (),
                                                 summaries=True))
    # Figure: the first run (nothing cached in the store); the floor: plain SQLite reading
    # the same sessions' answer rows (see _floor), measured in this run.
    bench_record("management_30k_end_to_end", cli[0], "s", floor)
    bench_record("management_30k_app_job", app[0], "s", floor)
    bench_record("management_30k_bulk_read", read, "s", floor)
    print(f"management 30k: CLI path runs {', '.join(f'{t:.2f}' for t in cli)} s; app job "
          f"{', '.join(f'{t:.2f}' for t in app)} s; plain SQLite floor {floor:.2f} s "
          f"(target 2 s)")
