"""Faults under the store are named by their real cause in one line (disk full, read-only,
a missing header), never "damaged" for a healthy store; a lost header comes back from its
second copy; staging leftovers of killed processes go at the next start; a failed restore
leaves no folder."""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import storage.header
import storage.store
from storage import migrations
from storage.database import raw_cursor
from storage.faults import StoreFault
from storage.header import copy_path
from storage.leftovers import MARKER
from storage.store import HEADER_NAME, Store, StoreDamaged, StoreError
from store_testing import FAST_KDF, PASS, new_store
from ui.cli.main import main
from ui.cli.store_args import EXIT_DAMAGED

BACKUP_PASS = "a different backup passphrase"


def _cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
         *argv: str) -> tuple[int, str]:
    monkeypatch.setattr(storage.store, "DEFAULT_KDF", FAST_KDF)
    monkeypatch.setenv("SAMENSPRAAK_PASSPHRASE", PASS)
    monkeypatch.setenv("SAMENSPRAAK_BACKUP_PASSPHRASE", BACKUP_PASS)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    capsys.readouterr()
    code = main(list(argv))
    return code, capsys.readouterr().err.strip()


def test_a_lost_header_is_put_back_from_its_second_copy(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        client = store.add_client("Bram")
    assert copy_path(folder / HEADER_NAME).read_bytes() == (folder / HEADER_NAME).read_bytes()
    (folder / HEADER_NAME).unlink()
    with Store.open(folder, PASS) as store:
        assert store.get_client(client.id).name == "Bram"
        assert "header_recovered" in [e.action for e in store.audit_events()]
    assert (folder / HEADER_NAME).is_file()


def test_without_header_or_copy_the_message_names_the_missing_header(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    (folder / HEADER_NAME).unlink()
    copy_path(folder / HEADER_NAME).unlink()
    with pytest.raises(StoreDamaged) as caught:
        Store.open(folder, PASS)
    assert caught.value.key == "store.error.header_missing"
    code, err = _cli(monkeypatch, capsys, "store", "check", "--store", str(folder))
    assert code != 0 and len(err.splitlines()) == 1
    assert HEADER_NAME in err and "init" not in err


def test_a_full_database_says_disk_full_and_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        kept = store.add_client("Kept")
        with raw_cursor(store._vault._engine) as cursor:  # SQLite's own "disk is full"
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {pages + 1}")
        with pytest.raises(StoreFault) as caught:
            for n in range(200):
                store.add_client(f"Client {n} " + "x" * 150)
        assert caught.value.key == "store.error.disk_full" and "\n" not in str(caught.value)
    with Store.open(folder, PASS) as store:
        assert store.check() == []
        assert store.get_client(kept.id).name == "Kept"


def test_a_header_that_cannot_be_written_says_disk_full_for_passwd(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "s"
    store = new_store(folder)

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.header, "atomic_write_bytes", full)
    with pytest.raises(StoreFault) as caught:
        store.change_passphrase("a new passphrase")
    assert caught.value.key == "store.error.disk_full"
    monkeypatch.undo()
    store.close()
    Store.open(folder, PASS).close()  # nothing changed: the old passphrase still opens


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_staging_leftovers_of_killed_processes_go_at_the_next_start(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    dead, alive = _dead_pid(), os.getpid()
    backups = folder / migrations.BACKUP_FOLDER
    backups.mkdir()
    leftovers = [folder / f".store.json{MARKER}{dead}-abc.tmp",
                 backups / f"store-v1-x{MARKER}{dead}-copy.db",
                 tmp_path / f".r.restoring{MARKER}{dead}-q1"]
    for path in leftovers[:2]:
        path.write_bytes(b"half")
    leftovers[2].mkdir()
    (leftovers[2] / "store.db").write_bytes(b"half")
    busy = folder / f".store.json{MARKER}{alive}-def.tmp"
    busy.write_bytes(b"still being written")
    Store.open(folder, PASS).close()
    assert not leftovers[0].exists() and not leftovers[1].exists() and busy.exists()
    with new_store(tmp_path / "other") as store:
        store.backup(tmp_path / "b.ssb", BACKUP_PASS)
    Store.restore(tmp_path / "b.ssb", BACKUP_PASS, tmp_path / "r", "new pass").close()
    assert not leftovers[2].exists()


def test_a_restore_that_fails_late_leaves_no_folder(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    with new_store(tmp_path / "s") as store:
        store.add_client("Bram")
        store.backup(tmp_path / "b.ssb", BACKUP_PASS)

    def broken(*_args: object, **_kwargs: object) -> list[Path]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(migrations, "migrate", broken)
    with pytest.raises(StoreFault) as caught:
        Store.restore(tmp_path / "b.ssb", BACKUP_PASS, tmp_path / "r", "new pass")
    assert caught.value.key == "store.error.disk_full"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.ssb", "s"]


# ----- on a real small or read-only file system (when this machine lets the tests mount) -----


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    place = tmp_path / "mnt"
    place.mkdir()
    if sys.platform != "linux" or shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("needs root on Linux to mount a small tmpfs")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(place)],
                          capture_output=True)
    if made.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        yield place
    finally:
        subprocess.run(["umount", "-l", str(place)], check=False)


def _remount(place: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(place)], check=True)


def test_a_healthy_store_on_a_read_only_disk_is_never_called_damaged(
        small_disk: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = small_disk / "s"
    with new_store(folder) as store:
        store.add_client("Bram")
    _remount(small_disk, "ro")
    try:
        with pytest.raises(StoreFault) as caught:
            Store.open(folder, PASS)
        assert caught.value.key == "store.error.read_only"
        code, err = _cli(monkeypatch, capsys, "store", "check", "--store", str(folder))
        assert code not in (0, EXIT_DAMAGED) and len(err.splitlines()) == 1
        assert "reservekopie terug" not in err and "alleen-lezen" in err
    finally:
        _remount(small_disk, "rw")
    with Store.open(folder, PASS) as store:
        assert store.check() == []


def _fill(path: Path) -> None:
    """Take every free byte of the disk `path` is on."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


def test_a_full_disk_is_named_for_writes_backup_and_passwd(
        small_disk: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = small_disk / "s"
    store = new_store(folder)
    with pytest.raises(StoreFault) as caught:
        for n in range(100_000):
            store.add_client(f"Client {n} " + "x" * 180)
    assert caught.value.key == "store.error.disk_full"
    store.close()
    _fill(small_disk / "filler")  # closing freed the WAL's pages: make the disk full again
    # Still opens, read-only, for check, the audit log and a backup to another disk.
    # The unlock event needs a few pages: when the WAL file kept room from before (its
    # checkpoint at close could not grow the database), the open writes there and is normal.
    with Store.open(folder, PASS) as full:
        if full.read_only:
            assert full.read_only_reason == "store.error.disk_full"
            with pytest.raises(StoreError):
                full.add_client("Nieuw")
        else:
            assert full.read_only_reason == "" and (folder / "store.db-wal").stat().st_size > 0
        assert full.check() == [] and full.audit_events()
        rescue = small_disk.parent / "rescue.ssb"
        if full.read_only:
            full.backup(rescue, BACKUP_PASS)
        else:  # a writable store audits the backup: either that fits, or nothing is written
            try:
                full.backup(rescue, BACKUP_PASS)
            except StoreFault as fault:
                assert fault.key == "store.error.disk_full" and not rescue.exists()
    for argv in (["store", "backup", str(small_disk / "b.ssb")], ["store", "passwd"]):
        monkeypatch.setenv("SAMENSPRAAK_NEW_PASSPHRASE", "a new passphrase")
        code, err = _cli(monkeypatch, capsys, *argv, "--store", str(folder))
        errors = [line for line in err.splitlines() if line.startswith("samenspraak:")]
        assert code != 0 and len(errors) == 1 and "vol" in errors[0], err
        assert "Traceback" not in err


def test_a_store_whose_disk_refuses_the_unlock_event_opens_read_only_for_rescue(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        store.add_client("Bram")
    real_event = Store._event

    def full_disk_on_unlock(self: Store, action: str, **kw: object) -> None:
        if action == "unlock":
            raise StoreFault(key="store.error.disk_full")
        real_event(self, action, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_event", full_disk_on_unlock)
    with Store.open(folder, PASS) as full:
        assert full.read_only and full.read_only_reason == "store.error.disk_full"
        assert full.check() == [] and full.audit_events()
        full.backup(tmp_path / "rescue.ssb", BACKUP_PASS)
        with pytest.raises(StoreError):
            full.add_client("Nieuw")
    assert (tmp_path / "rescue.ssb").stat().st_size > 0
