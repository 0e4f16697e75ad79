"""Exports are written atomically where the user chose, and nothing lands in the temp folder."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest

from export.atomic import atomic_path, write_bytes
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
