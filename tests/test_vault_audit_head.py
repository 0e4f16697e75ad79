"""A store whose audit head is damaged (the next event would reuse a sequence number) still
opens, read-only: check names the problem, the audit log can be read and a backup made (to
rescue the data), and nothing that must be audited happens."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import storage.store
from storage.errors import StoreError
from storage.store import Store
from store_testing import FAST_KDF, PASS, new_store, raw_connection
from ui.cli.main import main

BACKUP_PASS = "a different backup passphrase"


def _damaged_head(folder: Path) -> str:
    with new_store(folder) as store:
        client = store.add_client("Bram")
        store.add_client("Cor")
    conn = raw_connection(folder)
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'audit_head_seq'")
    conn.close()
    return client.id


def test_a_damaged_audit_head_opens_read_only_for_check_audit_and_backup(
        tmp_path: Path) -> None:
    folder = tmp_path / "s"
    client_id = _damaged_head(folder)
    with Store.open(folder, PASS) as store:
        assert store.read_only and store.audit_problems
        assert store.check() == store.audit_problems
        assert len(store.audit_events()) >= 3
        store.backup(tmp_path / "rescue.ssb", BACKUP_PASS)
        for refused in (lambda: store.add_client("Nieuw"), lambda: store.get_client(client_id),
                        lambda: store.search_clients()):
            with pytest.raises(StoreError) as caught:
                refused()
            assert caught.value.key == "store.error.audit_read_only"
    conn = raw_connection(folder)
    assert conn.execute("SELECT count(*) FROM clients").fetchone()[0] == 2
    conn.close()


def test_the_command_line_can_check_audit_and_back_up_such_a_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "s"
    _damaged_head(folder)
    monkeypatch.setattr(storage.store, "DEFAULT_KDF", FAST_KDF)
    monkeypatch.setenv("SAMENSPRAAK_PASSPHRASE", PASS)
    monkeypatch.setenv("SAMENSPRAAK_BACKUP_PASSPHRASE", BACKUP_PASS)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    capsys.readouterr()
    assert main(["store", "check", "--store", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err and out.strip()
    assert main(["audit", "--store", str(folder)]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err
    assert main(["store", "backup", str(tmp_path / "b.ssb"), "--store", str(folder)]) == 0
    capsys.readouterr()
    restored = tmp_path / "r"
    assert main(["store", "restore", str(tmp_path / "b.ssb"), "--store", str(restored)]) != 0
    # The rescue copy holds the same damaged head: restore refuses it in one line, and the
    # data can still be read from it by whoever repairs it.
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
