"""Names and texts: control characters, bidi overrides and undecodable bytes are refused in one
line, lengths are bounded (name 200, notes 100,000, search 200), a name must show something,
dates are plausible; the command line refuses them without a traceback."""

from __future__ import annotations

import io
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

import storage.store
from storage.errors import InvalidInput
from storage.store import Store
from storage.text_rules import NAME_MAX, NOTES_MAX, SEARCH_MAX, shown
from store_testing import FAST_KDF, PASS, mini_form, new_store
from ui.cli.main import main


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with new_store(tmp_path / "s") as opened:
        yield opened


def _refused(call: object, *args: object, **kwargs: object) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    assert "\n" not in str(caught.value)
    return caught.value


@pytest.mark.parametrize("name", [
    "Clear\x1b[2Jscreen", "Bell\x07", "Nul\x00", "Line\nbreak", "\u202eesreveR", "Iso\u2066late",
    "Bad\udcff", "\u200b\u200d", "\u0301\u0301", "\x7f",
])
def test_names_with_control_or_invisible_characters_are_refused(store: Store,
                                                                 name: str) -> None:
    error = _refused(store.add_client, name)
    assert name not in str(error)
    assert store.search_clients() == []


def test_ordinary_names_of_every_script_are_kept(store: Store) -> None:
    for name in ("Zoë van Dijk", "محمد العلي", "Ørjan O'Neill-Jansen", "李 小龙", "J. (Jan) de 2e"):
        assert store.add_client(name).name == name


def test_lengths_are_bounded(store: Store) -> None:
    assert store.add_client("A" * NAME_MAX).name == "A" * NAME_MAX
    assert _refused(store.add_client, "A" * (NAME_MAX + 1)).key == "store.error.too_long"
    client = store.add_client("Bram")
    session = store.start_session(client.id, mini_form())
    store.set_notes(session.id, "regel 1\nregel 2\ttab\r\n" + "x" * 100)
    _refused(store.set_notes, session.id, "x" * (NOTES_MAX + 1))
    _refused(store.set_notes, session.id, "clear \x1b[2J")
    _refused(store.search_clients, "a" * (SEARCH_MAX + 1))
    _refused(store.search_clients, "\x1b")
    _refused(store.add_consent, session.id, given_by="moeder", recipient="\u202ehuisarts",
             scope="brief")
    _refused(store.update_client, client.id, referrer="x\x00y")
    assert store.get_client(client.id).referrer is None


def test_a_huge_or_negative_limit_is_no_database_error(store: Store) -> None:
    store.add_client("Bram")
    assert len(store.search_clients(limit=10 ** 20)) == 1
    _refused(store.search_clients, limit=-1)


def test_dates_must_be_plausible(store: Store) -> None:
    today = date.today()
    assert _refused(store.add_client, "Eva", birth_date=today + timedelta(days=1)).key == \
        "store.error.birth_in_future"
    _refused(store.add_client, "Eva", birth_date=date(9999, 12, 31))
    _refused(store.add_client, "Eva", due_date=today + timedelta(days=320))
    _refused(store.add_client, "Eva", due_date=today - timedelta(days=380))
    kept = store.add_client("Eva", due_date=today + timedelta(days=280), birth_date=None)
    assert store.add_client("Fleur", birth_date=today).birth_date == today
    assert store.add_client("Gijs", due_date=today - timedelta(days=300)).due_date
    # A kept due date is not checked again when another field changes.
    assert store.update_client(kept.id, referrer="huisarts").referrer == "huisarts"


def test_the_command_line_refuses_bad_names_and_limits_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(storage.store, "DEFAULT_KDF", FAST_KDF)
    monkeypatch.setenv("SAMENSPRAAK_PASSPHRASE", PASS)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    folder = str(tmp_path / "s")
    assert main(["store", "init", "--store", folder]) == 0
    capsys.readouterr()
    bad = b"Bad\xff".decode("utf-8", "surrogateescape")  # as argv holds undecodable bytes
    assert main(["client", "add", "--store", folder, "--name", bad]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert main(["client", "add", "--store", folder, "--name", "Goed"]) == 0
    capsys.readouterr()
    assert main(["client", "list", "--store", folder, "--limit",
                 "100000000000000000000"]) == 0
    assert "Goed" in capsys.readouterr().out


@pytest.mark.parametrize(("text", "expected"), [
    ("Clear\x1b[2J", "Clear\\x1b[2J"), ("Bell\x07", "Bell\\x07"), ("\u202eabc", "\\u202eabc"),
    ("Bad\udcff", "Bad\\udcff"), ("Zoë van Dijk", "Zoë van Dijk"), ("محمد", "محمد"),
])
def test_text_is_escaped_for_the_terminal(text: str, expected: str) -> None:
    assert shown(text) == expected
