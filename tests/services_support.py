"""Qt-free helpers for the service and store tests: a real encrypted store with a cheap KDF, a
started session, completed sessions of the export test form."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from export.inputs import Letterhead
from export_support import load_test_form, sample_answers, shipped_form_file
from instruments.loader import LoadedForm, load_form_file
from instruments.scoring import decide, score
from storage.store import Store
from store_testing import FAST_KDF, PASS
from store_testing import FAST_KDF as CHEAP_KDF

ROOT = Path(__file__).resolve().parents[1]
MINI_FORM = ROOT / "tests" / "data" / "session_mini.yaml"
PRESPARK_FORM = shipped_form_file("prespark")
PASSPHRASE = "een lange testzin voor de kluis"
# About ten weeks ahead of the day the tests run, so the store's plausibility rule always holds.
DUE_DATE = date.today() + timedelta(weeks=10)


def new_store(folder: Path) -> Store:
    return Store.create(folder / "store", PASSPHRASE, user="tester", kdf=CHEAP_KDF)


def reopen(folder: Path) -> Store:
    return Store.open(folder / "store", PASSPHRASE, user="tester")


def start(store: Store, form_file: Path = MINI_FORM, referrer: str | None = "Verloskundige Test"
          ) -> tuple[str, LoadedForm]:
    """A new client (fictional) with a draft session of `form_file`; returns the session id."""
    client = store.add_client("Testcliënt Fictief", referrer=referrer)
    loaded = load_form_file(form_file)
    return store.start_session(client.id, loaded).id, loaded


REFERRER = "Verloskundigenpraktijk De Wieg"
LETTERHEAD = Letterhead(organisation="JGZ Voorbeeldstad", professional="Anna de Vries")
CLIENT_NAME = "Ayşe Kaya"
FORM_ID = "export-test"


@contextmanager
def open_store(folder: Path) -> Iterator[Store]:
    store = Store.create(folder, PASS, user="tester", kdf=FAST_KDF)
    try:
        yield store
    finally:
        store.close()


def add_completed_session(store: Store, client_id: str, *, decided: str = "hoog") -> str:
    """A completed session of the export test form (with a planted hidden answer)."""
    loaded = load_test_form()
    session = store.start_session(client_id, loaded)
    for item_id, value in sample_answers().items():
        store.save_answer(session.id, item_id, value)  # type: ignore[arg-type]
    result = score(loaded.form, sample_answers()).outcome("risk")  # type: ignore[arg-type]
    reason = None if decided == result.suggested else "Besproken met de ouder."
    store.save_decision(session.id, decide(loaded.form, result, decided, reason))
    store.complete_session(session.id)
    return session.id


def add_client(store: Store, name: str = CLIENT_NAME) -> str:
    return store.add_client(name, due_date=DUE_DATE, referrer=REFERRER).id


def export_events(store: Store) -> list[Any]:
    return [e for e in store.audit_events() if e.action == "export"]


def files_in(folder: Path) -> list[str]:
    """Every file name under `folder` (temp files included: nothing may be left behind)."""
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def today() -> date:
    return datetime.now().date()
