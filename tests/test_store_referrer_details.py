"""The client's referrer: name, role and practice are kept and read back (also after the store
is closed and opened again), held to the one-line text rules, and unknown stays unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.errors import InvalidInput
from storage.store import Store
from storage.text_rules import LINE_MAX
from store_testing import PASS, new_store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with new_store(tmp_path / "s") as opened:
        yield opened


def test_role_and_practice_survive_closing_and_opening_the_store(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        client = store.add_client("Eva", referrer="Anna de Vries", referrer_role="verloskundige",
                                  referrer_practice="Verloskundigenpraktijk De Wieg")
    with Store.open(tmp_path / "s", PASS) as store:
        again = store.get_client(client.id)
        listed = store.search_clients("eva")[0]
    for record in (again, listed):
        assert (record.referrer, record.referrer_role, record.referrer_practice) == (
            "Anna de Vries", "verloskundige", "Verloskundigenpraktijk De Wieg")


def test_a_client_without_role_or_practice_reads_them_as_unknown(store: Store) -> None:
    client = store.add_client("Eva", referrer="Anna de Vries", referrer_role="  ",
                              referrer_practice="")
    assert client.referrer_role is None and client.referrer_practice is None


def test_role_and_practice_can_be_changed_and_cleared(store: Store) -> None:
    client = store.add_client("Eva", referrer="Anna de Vries")
    changed = store.update_client(client.id, referrer_role=" huisarts ",
                                  referrer_practice="Huisartsen   Centrum")
    assert (changed.referrer_role, changed.referrer_practice) == ("huisarts",
                                                                  "Huisartsen Centrum")
    assert changed.referrer == "Anna de Vries"
    cleared = store.update_client(client.id, referrer_practice=None)
    assert cleared.referrer_role == "huisarts" and cleared.referrer_practice is None
    actions = [e.action for e in store.audit_events(client.id)]
    assert actions.count("update_client") == 2


@pytest.mark.parametrize("field", ["referrer_role", "referrer_practice"])
@pytest.mark.parametrize("bad", ["verlos\x1b[2Jkundige", "a\nb", "\u202ehuisarts", "x\x00",
                                 "Bad\udcff", "x" * (LINE_MAX + 1), 7])
def test_bad_role_or_practice_is_refused_and_nothing_is_stored(store: Store, field: str,
                                                              bad: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.add_client("Eva", **{field: bad})
    assert "\n" not in str(caught.value)
    assert store.search_clients() == []
    client = store.add_client("Fleur", **{field: "verloskundige"})
    with pytest.raises(InvalidInput):
        store.update_client(client.id, **{field: bad})
    assert getattr(store.get_client(client.id), field) == "verloskundige"


def test_a_role_or_practice_at_the_length_limit_is_kept(store: Store) -> None:
    client = store.add_client("Eva", referrer_role="r" * LINE_MAX,
                              referrer_practice="p" * LINE_MAX)
    assert len(client.referrer_role or "") == LINE_MAX
    assert len(client.referrer_practice or "") == LINE_MAX
