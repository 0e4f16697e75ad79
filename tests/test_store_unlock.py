"""Opening the store: Argon2id key, wrong passphrase, failed-unlock counter, passphrase change."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from storage.header import KeySlot, read_header, write_header
from storage.kdf import derive_key, key_check, new_salt
from storage.store import (
    HEADER_NAME,
    Store,
    StoreError,
    StoreExists,
    StoreNotFound,
    WrongPassphrase,
)
from store_testing import FAST_KDF, PASS, db_file, new_store, sha256_file


def test_a_created_store_opens_with_its_passphrase_and_keeps_data(tmp_path: Path) -> None:
    with new_store(tmp_path / "s") as store:
        client = store.add_client("Anna de Vries")
    assert Store.exists(tmp_path / "s")
    with Store.open(tmp_path / "s", PASS) as store:
        assert store.get_client(client.id).name == "Anna de Vries"
        assert store.failed_unlocks == 0


def test_header_holds_salt_and_kdf_parameters_but_no_key(tmp_path: Path) -> None:
    new_store(tmp_path / "s").close()
    data = json.loads((tmp_path / "s" / HEADER_NAME).read_text())
    assert data["kdf"]["algorithm"] == "argon2id"
    assert data["kdf"]["memory_kib"] == FAST_KDF.memory_kib
    assert len(bytes.fromhex(data["kdf"]["salt"])) == 16
    assert data["failed_unlocks"] == 0
    salt = bytes.fromhex(data["kdf"]["salt"])
    key = derive_key(PASS, salt, FAST_KDF)
    assert key.hex() not in json.dumps(data)


def test_wrong_passphrase_raises_prints_nothing_and_leaves_the_database_alone(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    before = sha256_file(db_file(folder))
    capfd.readouterr()
    with pytest.raises(WrongPassphrase):
        Store.open(folder, "not the passphrase")
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert sha256_file(db_file(folder)) == before
    assert read_header(folder / HEADER_NAME).failed_unlocks == 1


def test_failed_unlocks_are_counted_shown_and_audited_at_the_next_good_unlock(
        tmp_path: Path) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    for _ in range(3):
        with pytest.raises(WrongPassphrase):
            Store.open(folder, "guess")
    with Store.open(folder, PASS) as store:
        assert store.failed_unlocks == 3
        failed = [e for e in store.audit_events() if e.action == "failed_unlock"]
        assert [e.detail for e in failed] == ["count=3"]
    assert read_header(folder / HEADER_NAME).failed_unlocks == 0
    with Store.open(folder, PASS) as store:
        assert store.failed_unlocks == 0


def test_create_never_overwrites_and_open_needs_a_store(tmp_path: Path) -> None:
    new_store(tmp_path / "s").close()
    with pytest.raises(StoreExists):
        new_store(tmp_path / "s")
    with pytest.raises(StoreNotFound):
        Store.open(tmp_path / "elsewhere", PASS)


def test_change_passphrase_rekeys_the_database(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        client = store.add_client("Bram")
        store.change_passphrase("a new passphrase")
        assert store.check() == []
        store.add_client("Cor")
    with pytest.raises(WrongPassphrase):
        Store.open(folder, PASS)
    with Store.open(folder, "a new passphrase") as store:
        assert store.get_client(client.id).name == "Bram"
        assert len(store.search_clients()) == 2
        assert store.check() == []
        assert "change_passphrase" in [e.action for e in store.audit_events()]


def test_passphrase_change_interrupted_before_the_rekey_opens_with_the_old_passphrase(
        tmp_path: Path) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    header = read_header(folder / HEADER_NAME)
    salt = new_salt()
    pending = KeySlot(salt, FAST_KDF, key_check(derive_key("newer", salt, FAST_KDF)))
    write_header(folder / HEADER_NAME, replace(header, pending=pending))
    with pytest.raises(StoreError) as caught:  # the database still has the old key
        Store.open(folder, "newer")
    assert caught.value.key == "store.error.passphrase_change_not_done"
    with Store.open(folder, PASS) as store:
        assert store.check() == []
    assert read_header(folder / HEADER_NAME).pending is None


def test_passphrase_change_interrupted_after_the_rekey_opens_with_the_new_passphrase(
        tmp_path: Path) -> None:
    folder = tmp_path / "s"
    with new_store(folder) as store:
        old_header = read_header(folder / HEADER_NAME)
        store.change_passphrase("newer")
    finished = read_header(folder / HEADER_NAME)
    # As if the process died after the rekey, before the header was finalised.
    write_header(folder / HEADER_NAME, replace(old_header, pending=finished.slot))
    with pytest.raises(StoreError) as caught:
        Store.open(folder, PASS)
    assert caught.value.key == "store.error.passphrase_change_interrupted"
    with Store.open(folder, "newer") as store:
        assert store.check() == []
    assert read_header(folder / HEADER_NAME).slot == finished.slot
