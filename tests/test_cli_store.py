"""The store command line: init, check, passwd, backup, restore, client, consent, audit, demo."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import storage.store
from storage.store import Store
from store_testing import FAST_KDF, PASS, db_file, new_store, sha256_file
from ui.cli.main import main


@pytest.fixture(autouse=True)
def _cheap_kdf_and_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage.store, "DEFAULT_KDF", FAST_KDF)
    monkeypatch.setenv("SAMENSPRAAK_PASSPHRASE", PASS)
    for name in ("SAMENSPRAAK_STORE", "SAMENSPRAAK_NEW_PASSPHRASE",
                 "SAMENSPRAAK_BACKUP_PASSPHRASE", "SAMENSPRAAK_LANG"):
        monkeypatch.delenv(name, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_add_list_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "s")
    assert run(capsys, "store", "init", "--store", store)[0] == 0
    code, out, _ = run(capsys, "client", "add", "--name", "Yara Bos", "--due-date", "2027-01-15",
                       "--bsn", "111222333", "--store", store)
    assert code == 0
    client_id = out.strip()
    code, out, _ = run(capsys, "client", "list", "--search", "yara", "--json", "--store", store)
    assert code == 0
    listed = json.loads(out)
    assert [(c["id"], c["name"], c["due_date"]) for c in listed] == [
        (client_id, "Yara Bos", "2027-01-15")]
    code, out, _ = run(capsys, "store", "check", "--store", store)
    assert code == 0 and out.strip()
    code, _, err = run(capsys, "store", "init", "--store", store)
    assert code != 0 and err.count("\n") == 1


def test_client_list_has_a_column_for_each_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "s")
    assert run(capsys, "store", "init", "--store", store)[0] == 0
    assert run(capsys, "client", "add", "--name", "Noor Visser", "--birth-date", "2024-02-03",
               "--store", store)[0] == 0
    assert run(capsys, "client", "add", "--name", "Yara Bos", "--due-date", "2027-01-15",
               "--store", store)[0] == 0
    code, out, _ = run(capsys, "client", "list", "--store", store)
    # A column for each date, '-' where a client has none.
    assert code == 0 and "Noor Visser  2024-02-03  -" in out and "Yara Bos  -  2027-01-15" in out


def test_store_folder_defaults_to_the_environment(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMENSPRAAK_STORE", str(tmp_path / "env-store"))
    assert run(capsys, "store", "init")[0] == 0
    assert Store.exists(tmp_path / "env-store")


def test_wrong_passphrase_is_one_line_with_its_own_exit_code(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    new_store(tmp_path / "s").close()
    monkeypatch.setenv("SAMENSPRAAK_PASSPHRASE", "wrong")
    code, out, err = run(capsys, "client", "list", "--store", str(tmp_path / "s"))
    assert code == 3 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err


def test_passphrase_file_and_passwd(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store = str(tmp_path / "s")
    new_store(tmp_path / "s").close()
    monkeypatch.delenv("SAMENSPRAAK_PASSPHRASE")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a tty: no prompt
    code, _, err = run(capsys, "client", "list", "--store", store)
    assert code == 2 and "SAMENSPRAAK_PASSPHRASE" in err
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(PASS + "\n")
    new.write_text("brand new\n")
    assert run(capsys, "store", "passwd", "--store", store, "--passphrase-file", str(old),
               "--new-passphrase-file", str(new))[0] == 0
    assert run(capsys, "store", "check", "--store", store, "--passphrase-file", str(new))[0] == 0
    assert run(capsys, "store", "check", "--store", store, "--passphrase-file", str(old))[0] == 3


def test_damaged_store_says_how_to_restore_and_is_left_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with new_store(tmp_path / "s") as s:
        for n in range(30):
            s.add_client(f"Client {n}")
    path = db_file(tmp_path / "s")
    data = bytearray(path.read_bytes())
    data[5000] ^= 0x10
    path.write_bytes(bytes(data))
    before = sha256_file(path)
    code, _, err = run(capsys, "store", "check", "--store", str(tmp_path / "s"))
    assert code == 4 and "store restore" in err and err.count("\n") == 1
    assert sha256_file(path) == before


def test_backup_and_restore_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    store, backup = str(tmp_path / "s"), str(tmp_path / "b.ssb")
    run(capsys, "store", "init", "--store", store)
    client_id = run(capsys, "client", "add", "--name", "Zeno", "--store", store)[1].strip()
    monkeypatch.setenv("SAMENSPRAAK_BACKUP_PASSPHRASE", "backup secret")
    assert run(capsys, "store", "backup", backup, "--store", store)[0] == 0
    code, _, err = run(capsys, "store", "backup", backup, "--store", store)
    assert code == 2 and err.count("\n") == 1
    assert run(capsys, "store", "restore", backup, "--store", store)[0] == 2
    assert run(capsys, "store", "restore", backup, "--store", str(tmp_path / "r"))[0] == 0
    code, out, _ = run(capsys, "client", "list", "--json", "--store", str(tmp_path / "r"))
    assert [c["id"] for c in json.loads(out)] == [client_id]
    garbage = tmp_path / "garbage.ssb"
    garbage.write_bytes(b"not a backup at all" * 100)
    code, _, err = run(capsys, "store", "restore", str(garbage), "--store", str(tmp_path / "g"))
    assert code == 4 and err.count("\n") == 1
    monkeypatch.setenv("SAMENSPRAAK_BACKUP_PASSPHRASE", "wrong")
    code, _, _ = run(capsys, "store", "restore", backup, "--store", str(tmp_path / "w"))
    assert code == 3 and not (tmp_path / "w").exists()


def test_consent_and_audit_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from store_testing import mini_form

    with new_store(tmp_path / "s") as s:
        client = s.add_client("Wout")
        session = s.start_session(client.id, mini_form())
    store = str(tmp_path / "s")
    code, out, _ = run(capsys, "consent", "add", "--session", session.id, "--recipient",
                       "huisarts", "--scope", "brief", "--store", store)
    assert code == 0
    consent_id = out.strip()
    code, out, _ = run(capsys, "consent", "withdraw", "--session", session.id, "--recipient",
                       "huisarts", "--note", "mondeling", "--store", store)
    assert code == 0 and out.strip() == consent_id
    code, out, _ = run(capsys, "consent", "list", "--client", client.id, "--json",
                       "--store", store)
    assert [(c["id"], c["active"]) for c in json.loads(out)] == [(consent_id, False)]
    code, out, _ = run(capsys, "audit", "--client", client.id, "--json", "--store", store)
    report = json.loads(out)
    assert code == 0 and report["chain_intact"] is True
    actions = [e["action"] for e in report["events"]]
    assert actions[:2] == ["add_client", "start_session"]
    assert "add_consent" in actions and "withdraw_consent" in actions
    assert {e["client_id"] for e in report["events"]} == {client.id}
    code, out, _ = run(capsys, "audit", "--store", store)
    assert code == 0 and "unlock" in out


def test_bad_input_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "s")
    run(capsys, "store", "init", "--store", store)
    for argv in (("client", "add", "--name", "A", "--birth-date", "31-12-2020"),
                 ("client", "add", "--name", "A", "--bsn", "123456789"),
                 ("consent", "add", "--session", "nope", "--recipient", "x", "--scope", "y"),
                 ("client", "erase", "nope", "--yes"),
                 ("client", "erase", "nope")):
        code, out, err = run(capsys, *argv, "--store", store)
        assert code == 2, argv
        assert err.count("\n") == 1 and "Traceback" not in err and "123456789" not in err


def test_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    new_store(tmp_path / "s").close()
    env = {**os.environ, "SAMENSPRAAK_PASSPHRASE": "wrong passphrase"}
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from ui.cli.main import main; sys.exit(main())",
         "client", "list", "--store", str(tmp_path / "s")],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert result.returncode == 3
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
