"""KDF parameters from a header or a backup are used only within bounds (memory, passes,
parallelism, salt length): outside them the open or restore is refused in one line before
any key derivation runs (so an absurd time_cost cannot hang it), never with a traceback."""

from __future__ import annotations

import io
import json
import struct
import sys
from pathlib import Path
from typing import Any

import pytest

import storage.kdf
from storage.backup_file import MAGIC
from storage.errors import InvalidInput
from storage.records import KdfParams
from storage.store import HEADER_NAME, Store, StoreDamaged
from store_testing import PASS, new_store

BACKUP_PASS = "a different backup passphrase"


@pytest.fixture
def no_kdf_work(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts Argon2 runs (none may happen for refused parameters)."""
    calls: list[int] = []
    real = storage.kdf.hash_secret_raw

    def counted(**kwargs: Any) -> bytes:
        calls.append(kwargs["time_cost"])
        return real(**kwargs)

    monkeypatch.setattr(storage.kdf, "hash_secret_raw", counted)
    return calls


BAD_SLOTS = [
    {"time_cost": 1000000},
    {"memory_kib": 0},
    {"memory_kib": -5},
    {"parallelism": 0},
    {"salt": "00"},
    {"time_cost": 1e400},
    {"time_cost": "3"},
    {"time_cost": True},
    {"memory_kib": 1024 * 1024, "time_cost": 16},
]


def _edit_header(folder: Path, change: dict[str, Any]) -> None:
    path = folder / HEADER_NAME
    data = json.loads(path.read_text())
    data["kdf"].update(change)
    text = json.dumps(data).replace("Infinity", "1e400")
    path.write_text(text)


@pytest.mark.parametrize("change", BAD_SLOTS)
def test_a_header_with_kdf_parameters_out_of_bounds_is_refused_before_any_work(
        tmp_path: Path, change: dict[str, Any], no_kdf_work: list[int]) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    _edit_header(folder, change)
    no_kdf_work.clear()
    with pytest.raises(StoreDamaged) as caught:
        Store.open(folder, PASS)
    assert no_kdf_work == []
    assert caught.value.key in {"store.error.kdf_bounds", "store.error.header_damaged"}
    assert "\n" not in str(caught.value)


def test_an_absurd_time_cost_is_named_in_the_one_line(tmp_path: Path,
                                                      no_kdf_work: list[int]) -> None:
    folder = tmp_path / "s"
    new_store(folder).close()
    _edit_header(folder, {"time_cost": 1000000})
    no_kdf_work.clear()
    with pytest.raises(StoreDamaged) as caught:
        Store.open(folder, PASS)
    assert caught.value.key == "store.error.kdf_bounds" and "time_cost" in str(caught.value)
    assert no_kdf_work == []


@pytest.mark.parametrize("change", BAD_SLOTS[:5])
def test_a_backup_with_kdf_parameters_out_of_bounds_is_refused_before_any_work(
        tmp_path: Path, change: dict[str, Any], no_kdf_work: list[int]) -> None:
    with new_store(tmp_path / "s") as store:
        store.backup(tmp_path / "b.ssb", BACKUP_PASS)
    raw = (tmp_path / "b.ssb").read_bytes()
    (length,) = struct.unpack(">I", raw[len(MAGIC):len(MAGIC) + 4])
    start = len(MAGIC) + 4
    data = json.loads(raw[start:start + length])
    data["kdf"].update(change)
    text = json.dumps(data).encode()
    (tmp_path / "bad.ssb").write_bytes(MAGIC + struct.pack(">I", len(text)) + text
                                       + raw[start + length:])
    no_kdf_work.clear()
    with pytest.raises(StoreDamaged) as caught:
        Store.restore(tmp_path / "bad.ssb", BACKUP_PASS, tmp_path / "r", "new pass")
    assert no_kdf_work == [] and caught.value.key == "store.error.kdf_bounds"
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("kdf", [KdfParams(0, 1, 1), KdfParams(8192, 0, 1),
                                 KdfParams(8192, 10 ** 6, 1), KdfParams(8192, 1, 999)])
def test_creating_a_store_with_kdf_parameters_out_of_bounds_is_refused(
        tmp_path: Path, kdf: KdfParams) -> None:
    with pytest.raises(InvalidInput):
        Store.create(tmp_path / "s", PASS, kdf=kdf)
    assert not (tmp_path / "s" / HEADER_NAME).exists()


def test_the_command_line_says_it_in_one_line_with_a_non_zero_exit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from ui.cli.main import main

    folder = tmp_path / "s"
    new_store(folder).close()
    _edit_header(folder, {"memory_kib": 0})
    monkeypatch.setenv("SAMENSPRAAK_PASSPHRASE", PASS)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["store", "check", "--store", str(folder)]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "memory_kib" in err and "Traceback" not in err
