"""Erasure on request: the client's data is gone from every file; the audit keeps only that an
erasure happened. No client data in plain text anywhere on disk (store folder, backup, temp)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from storage.errors import RecordNotFound
from storage.store import Store
from store_testing import PASS, mini_form, new_store, raw_connection

MARKER = "Qzxmarkerwq"


def _needles() -> list[bytes]:
    out = []
    for text in (MARKER, MARKER.lower(), MARKER.upper()):
        out += [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]
    return out


def _files_holding_marker(*roots: Path) -> list[Path]:
    found = []
    for root in roots:
        for path in [root, *root.rglob("*")] if root.is_dir() else [root]:
            if path.is_file():
                data = path.read_bytes()
                if any(needle in data for needle in _needles()):
                    found.append(path)
    return found


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp folder of our own, so every temp file this test makes can be scanned."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_no_marker_on_disk_after_a_session_an_erasure_and_a_backup(
        tmp_path: Path, private_tmp: Path) -> None:
    folder = tmp_path / "store"
    with new_store(folder) as store:
        keep = store.add_client("Gewone Naam")
        kept_session = store.start_session(keep.id, mini_form())
        client = store.add_client(f"{MARKER} Jansen", referrer=f"dr. {MARKER}")
        session = store.start_session(client.id, mini_form())
        for n in range(30):  # enough to spill pages and WAL frames
            store.save_answer(session.id, "gezondheid.toelichting", f"{MARKER} antwoord {n}")
        store.set_notes(session.id, f"notitie {MARKER}")
        store.add_consent(session.id, given_by=f"moeder {MARKER}", recipient="huisarts",
                          scope="brief")
        assert _files_holding_marker(folder, private_tmp) == []
        store.erase_client(client.id)
        assert Path(f"{store.db_path}-wal").stat().st_size == 0
        store.backup(tmp_path / "backup.ssb", "backup pass")
        with pytest.raises(RecordNotFound):
            store.get_client(client.id)
        with pytest.raises(RecordNotFound):
            store.get_session(session.id)
        assert store.search_clients(MARKER) == []
        assert store.consents(client_id=client.id) == []
        assert store.get_session(kept_session.id).client_id == keep.id
        erase = [e for e in store.audit_events(client.id) if e.action == "erase"]
        assert len(erase) == 1 and erase[0].detail == ""
        assert store.verify_audit() == []
    assert _files_holding_marker(folder, private_tmp, tmp_path / "backup.ssb") == []
    # Nothing of the client is left in any table of the decrypted database either.
    conn = raw_connection(folder)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        for row in conn.execute(f"SELECT * FROM {table}"):
            assert MARKER.lower() not in repr(row).lower()
    conn.close()
    with Store.restore(tmp_path / "backup.ssb", "backup pass", tmp_path / "r", PASS) as restored:
        assert [c.id for c in restored.search_clients()] == [keep.id]
    assert _files_holding_marker(tmp_path / "r", private_tmp) == []


def test_erasing_an_unknown_client_is_an_error(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store, pytest.raises(RecordNotFound):
        store.erase_client("nobody")


def test_erased_client_is_gone_after_reopening(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        client = store.add_client("Weg")
        store.erase_client(client.id)
    with Store.open(folder, PASS) as store:
        assert store.search_clients() == []
        assert [e.action for e in store.audit_events(client.id)] == ["add_client", "erase"]
