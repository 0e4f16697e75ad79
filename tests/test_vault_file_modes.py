"""The store folder is 0700 and every file in it (database, -wal, -shm, header, backups) 0600
under a umask of 022; an existing looser folder is tightened on open and the user told once."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.migrations import BACKUP_FOLDER
from storage.store import Store
from store_testing import PASS, back_to_version_1, mini_form, new_store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _modes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder.parent)): stat.S_IMODE(p.lstat().st_mode)
            for p in (folder, *folder.rglob("*"))}


def _assert_private(folder: Path) -> None:
    for name, mode in _modes(folder).items():
        wanted = 0o700 if (folder.parent / name).is_dir() else 0o600
        assert mode == wanted, f"{name}: {oct(mode)}"


def test_a_new_store_and_its_wal_shm_and_backups_are_private_under_umask_022(
        tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        client = store.add_client("Sara")
        session = store.start_session(client.id, mini_form())
        store.save_answer(session.id, "gezondheid.zorgen", 3)
        assert {p.name for p in folder.iterdir()} >= {"store.db", "store.db-wal",
                                                     "store.db-shm", "store.json"}
        _assert_private(folder)
        store.backup(tmp_path / "out" / "backup.ssb", "backup pass")
    assert stat.S_IMODE((tmp_path / "out" / "backup.ssb").stat().st_mode) == 0o600
    # An older schema: the migration's automatic backup (and its header copy) are private too.
    back_to_version_1(folder)
    Store.open(folder, PASS).close()
    assert list((folder / BACKUP_FOLDER).glob("*.db")) and list(
        (folder / BACKUP_FOLDER).glob("*.json"))
    _assert_private(folder)
    with Store.restore(tmp_path / "out" / "backup.ssb", "backup pass", tmp_path / "r",
                       "new pass") as restored:
        restored.add_client("Nog een")
        _assert_private(tmp_path / "r")


def test_an_existing_loose_folder_is_tightened_and_the_user_told_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    os.chmod(folder, 0o755)
    for path in folder.iterdir():
        os.chmod(path, 0o644)
    with Store.open(folder, PASS) as store:
        assert store.permissions_tightened
    _assert_private(folder)
    with Store.open(folder, PASS) as store:
        assert not store.permissions_tightened
    # The command line says it in one line, once.
    os.chmod(folder / "store.db", 0o644)
    from ui.cli.main import main

    monkeypatch.setenv("SAMENSPRAAK_PASSPHRASE", PASS)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a tty
    assert main(["store", "check", "--store", str(folder)]) == 0
    assert main(["store", "check", "--store", str(folder)]) == 0
    err = capsys.readouterr().err
    assert err.count("0700") == 1 and len([line for line in err.splitlines()
                                           if "0700" in line]) == 1


def test_a_new_store_in_an_existing_open_folder_makes_it_private(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    new_store(folder).close()
    _assert_private(folder)
