"""Exports are written atomically where the user chose (0600, only onto a regular file or a new
name), and nothing lands in the temp folder."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from export.atomic import UnsafeTarget, atomic_path, check_target, write_bytes, write_text
from export.bds import bds_json
from export.fhir import questionnaire, questionnaire_response, to_json
from export.letter import build_letter
from export.management import aggregate, build_management_report, management_row
from export.report import build_report
from export.research import research_table, to_csv, write_sav
from export_support import client, consent, make_session


def test_write_replaces_the_target_and_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temp(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_every_export_leaves_the_system_temp_folder_untouched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    watched = tmp_path / "systemtemp"
    watched.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(watched))
    monkeypatch.setenv("TMPDIR", str(watched))
    session = make_session()
    write_bytes(out / "brief.pdf", build_letter(session, client(), [consent()]))
    write_bytes(out / "verslag.pdf", build_report(session, client()))
    write_bytes(out / "q.json", to_json(questionnaire(session.loaded)).encode())
    write_bytes(out / "qr.json", to_json(questionnaire_response(session, client())).encode())
    write_bytes(out / "bds.json", bds_json(session, client()).encode())
    table = research_table([session], b"key")
    write_bytes(out / "data.csv", to_csv(table))
    write_sav(table, out / "data.sav")
    write_bytes(out / "management.pdf", build_management_report(
        aggregate([management_row(session)]), start=date(2026, 1, 1), end=date(2026, 12, 31)))
    assert list(watched.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == sorted([
        "brief.pdf", "verslag.pdf", "q.json", "qr.json", "bds.json", "data.csv", "data.sav",
        "management.pdf"])


# ----- what the write may land on, and with which mode -------------------------------------------



@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.mark.usefixtures("open_umask")
def test_a_written_file_is_0600_even_with_an_open_umask(tmp_path: Path) -> None:
    target = tmp_path / "verslag.pdf"
    write_bytes(target, b"%PDF-")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.usefixtures("open_umask")
def test_replacing_a_readable_file_leaves_it_0600(tmp_path: Path) -> None:
    target = tmp_path / "data.csv"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_text(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.usefixtures("open_umask")
def test_an_spss_file_is_0600_even_with_an_open_umask(tmp_path: Path) -> None:
    target = tmp_path / "data.sav"
    write_sav(research_table([make_session()], b"key"), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_dev_full_is_refused_as_a_target_before_anything_is_written() -> None:
    with pytest.raises(UnsafeTarget, match="not a regular file"):
        check_target("/dev/full")
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


def test_a_device_node_is_never_replaced(tmp_path: Path) -> None:
    device = tmp_path / "full"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # a copy of /dev/full's node
    except PermissionError:
        pytest.skip("creating a device node needs root")
    with pytest.raises(UnsafeTarget) as caught:
        write_bytes(device, b"plaintext report")
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert "\n" not in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["full"]


def test_a_pipe_is_never_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(UnsafeTarget, match="not a regular file"):
        write_bytes(pipe, b"x")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_symlink_is_never_written_through_nor_replaced(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"keep")
    link = tmp_path / "brief.pdf"
    link.symlink_to(elsewhere)
    with pytest.raises(UnsafeTarget, match="symbolic link"):
        write_bytes(link, b"new")
    assert link.is_symlink() and elsewhere.read_bytes() == b"keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf", "elsewhere.txt"]


def test_a_folder_is_refused_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    with pytest.raises(UnsafeTarget, match="is a folder") as caught:
        write_bytes(folder, b"x")
    assert "\n" not in str(caught.value)
    assert list(folder.iterdir()) == []


def test_a_target_turned_into_a_symlink_while_writing_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"keep")
    with pytest.raises(UnsafeTarget), atomic_path(target) as tmp:
        tmp.write_bytes(b"new")
        target.symlink_to(elsewhere)
    assert target.is_symlink() and elsewhere.read_bytes() == b"keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf", "elsewhere.txt"]


def test_unsafe_target_is_an_os_error_for_callers_that_report_failed_writes() -> None:
    assert issubclass(UnsafeTarget, OSError)
