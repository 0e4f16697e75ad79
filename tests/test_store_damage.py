"""A damaged store is refused with a way out, and never modified."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage.store import HEADER_NAME, Store, StoreDamaged
from store_testing import PASS, db_file, mini_form, new_store, sha256_file


def _filled(folder: Path) -> None:
    with new_store(folder) as store:
        for n in range(40):
            client = store.add_client(f"Client {n}")
            session = store.start_session(client.id, mini_form())
            store.save_answer(session.id, "gezondheid.toelichting", "x" * 200)


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("page", [0, 2, -1], ids=["first-page", "third-page", "last-page"])
def test_a_flipped_byte_is_refused_and_the_file_is_left_unchanged(tmp_path: Path,
                                                                   page: int) -> None:
    folder = tmp_path / "s"
    _filled(folder)
    path = db_file(folder)
    pages = path.stat().st_size // 4096
    assert pages > 3
    index = page if page >= 0 else pages - 1
    _flip(path, index * 4096 + 1000)
    before = sha256_file(path)
    with pytest.raises(StoreDamaged) as caught:
        Store.open(folder, PASS)
    message = str(caught.value)
    assert "store restore" in message
    assert sha256_file(path) == before
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_check_reports_damage_that_appears_while_open(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    _filled(folder)
    with Store.open(folder, PASS) as store:
        assert store.check() == []
        _flip(db_file(folder), 3 * 4096 + 500)
        assert store.check() != []


def test_a_damaged_header_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    header = folder / HEADER_NAME
    header.write_text(header.read_text()[:-20])
    before = sha256_file(header), sha256_file(db_file(folder))
    with pytest.raises(StoreDamaged):
        Store.open(folder, PASS)
    assert (sha256_file(header), sha256_file(db_file(folder))) == before
