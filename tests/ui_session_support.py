"""Shared setup for the session UI tests: a real store with a cheap KDF and a started session."""

from __future__ import annotations

from pathlib import Path

from instruments.loader import LoadedForm, load_form_file
from storage.records import KdfParams
from storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
MINI_FORM = ROOT / "tests" / "data" / "session_mini.yaml"
PRESPARK_FORM = ROOT / "forms" / "prespark-1.0.0.yaml"
CHEAP_KDF = KdfParams(memory_kib=8192, time_cost=1, parallelism=1)
PASSPHRASE = "een lange testzin voor de kluis"


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
