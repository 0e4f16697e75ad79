"""`client add` and `client edit` keep the referrer's role and practice; bad input is one line
and a non-zero exit, and an edit changes only the fields it was given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import storage.store
from store_testing import FAST_KDF, PASS
from ui.cli.main import main


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str]) -> str:
    monkeypatch.setattr(storage.store, "DEFAULT_KDF", FAST_KDF)
    monkeypatch.setenv("SAMENSPRAAK_PASSPHRASE", PASS)
    monkeypatch.delenv("SAMENSPRAAK_LANG", raising=False)
    path = str(tmp_path / "s")
    assert main(["store", "init", "--store", path]) == 0
    capsys.readouterr()
    return path


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_client_add_keeps_the_referrers_role_and_practice(
        folder: str, capsys: pytest.CaptureFixture[str]) -> None:
    added = _json(capsys, "client", "add", "--store", folder, "--name", "Yara Bos",
                  "--referrer", "Anna de Vries", "--referrer-role", "verloskundige",
                  "--referrer-practice", "Verloskundigenpraktijk De Wieg", "--json")
    listed = _json(capsys, "client", "list", "--store", folder, "--json")
    assert listed == [added]  # type: ignore[comparison-overlap]
    assert (added["referrer"], added["referrer_role"], added["referrer_practice"]) == (
        "Anna de Vries", "verloskundige", "Verloskundigenpraktijk De Wieg")


def test_client_edit_changes_only_what_it_is_given_and_an_empty_value_clears(
        folder: str, capsys: pytest.CaptureFixture[str]) -> None:
    added = _json(capsys, "client", "add", "--store", folder, "--name", "Yara Bos",
                  "--birth-date", "2024-02-03", "--referrer", "Anna de Vries", "--json")
    client_id = str(added["id"])
    edited = _json(capsys, "client", "edit", client_id, "--store", folder,
                   "--referrer-role", "huisarts", "--referrer-practice", "Praktijk Oost",
                   "--json")
    assert (edited["name"], edited["birth_date"], edited["referrer"]) == (
        "Yara Bos", "2024-02-03", "Anna de Vries")
    assert (edited["referrer_role"], edited["referrer_practice"]) == ("huisarts",
                                                                      "Praktijk Oost")
    cleared = _json(capsys, "client", "edit", client_id, "--store", folder,
                    "--referrer-practice", "", "--json")
    assert cleared["referrer_practice"] is None and cleared["referrer_role"] == "huisarts"
    assert main(["client", "edit", client_id, "--store", folder, "--name", "Yara de Bos"]) == 0
    assert client_id in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["--referrer-role", "verlos\x1b[2Jkundige"],
    ["--referrer-practice", "p" * 201],
    [],
])
def test_client_edit_refuses_bad_or_missing_input_in_one_line(
        folder: str, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    added = _json(capsys, "client", "add", "--store", folder, "--name", "Yara Bos",
                  "--referrer-role", "verloskundige", "--json")
    code = main(["client", "edit", str(added["id"]), "--store", folder, *argv])
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    listed = _json(capsys, "client", "list", "--store", folder, "--json")
    assert listed[0]["referrer_role"] == "verloskundige"  # type: ignore[index]
