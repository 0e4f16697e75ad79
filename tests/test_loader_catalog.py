"""Loading valid forms: content hash, stored text, folders of forms and the catalog."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from instruments.loader import (
    FormCatalog,
    FormError,
    load_catalog,
    load_form_file,
    load_form_text,
    load_forms,
    version_key,
)

DATA = Path(__file__).parent / "data"
MINI = DATA / "forms_ok" / "mini.yaml"


def test_valid_form_loads_with_matrix_templates_in_every_domain() -> None:
    loaded = load_form_file(MINI)
    form = loaded.form
    assert [d.id for d in form.counted_domains()] == ["sleep", "housing"]
    ids = [full_id for full_id, _, _ in form.all_items()]
    assert "sleep.need" in ids and "housing.need" in ids
    assert ids.index("housing.moving") > ids.index("housing.actions")
    assert loaded.path == MINI


def test_content_hash_is_sha256_of_the_utf8_text() -> None:
    loaded = load_form_file(MINI)
    assert loaded.source == MINI.read_text(encoding="utf-8")
    assert loaded.content_hash == hashlib.sha256(MINI.read_bytes()).hexdigest()


def test_stored_text_loads_to_the_same_form_and_hash() -> None:
    loaded = load_form_file(MINI)
    again = load_form_text(loaded.source)
    assert again.form == loaded.form
    assert again.content_hash == loaded.content_hash
    assert again.path is None


def test_any_change_to_the_text_changes_the_hash() -> None:
    loaded = load_form_file(MINI)
    changed = load_form_text(loaded.source + "\n# a comment\n")
    assert changed.form == loaded.form
    assert changed.content_hash != loaded.content_hash


def write_version(folder: Path, version: str, name: str | None = None) -> Path:
    text = MINI.read_text(encoding="utf-8").replace("version: 1.2.0", f"version: {version}")
    path = folder / (name or f"mini-{version}.yaml")
    path.write_text(text, encoding="utf-8")
    return path


def test_a_broken_file_does_not_stop_the_others(tmp_path: Path) -> None:
    write_version(tmp_path, "1.0.0")
    shutil.copy(DATA / "forms_bad" / "unknown_step.yaml", tmp_path / "broken.yml")
    (tmp_path / "notes.txt").write_text("not a form")
    forms, problems = load_forms([tmp_path])
    assert [f.form.version for f in forms] == ["1.0.0"]
    assert [p.file for p in problems] == [str(tmp_path / "broken.yml")]


def test_same_id_and_version_twice_names_both_files(tmp_path: Path) -> None:
    first = tmp_path / "a"
    second = tmp_path / "b"
    first.mkdir()
    second.mkdir()
    one = write_version(first, "1.0.0")
    two = write_version(second, "1.0.0", "copy.yaml")
    forms, problems = load_forms([first, second])
    assert [f.path for f in forms] == [one]
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.line, problem.col) == (str(two), 3, 10)
    assert str(one) in problem.message and "'mini' version 1.0.0" in problem.message


def test_catalog_latest_is_the_highest_semantic_version(tmp_path: Path) -> None:
    for version in ("1.9.0", "1.10.0", "1.2.3"):
        write_version(tmp_path, version)
    forms, problems = load_forms([tmp_path])
    assert problems == []
    catalog = FormCatalog(forms)
    assert catalog.versions("mini") == ["1.2.3", "1.9.0", "1.10.0"]
    latest = catalog.latest("mini")
    assert latest is not None and latest.form.version == "1.10.0"
    assert catalog.get("mini", "1.9.0") is not None
    assert catalog.get("mini", "2.0.0") is None
    assert catalog.latest("absent") is None
    assert catalog.ids() == ["mini"]
    assert [f.form.version for f in catalog.all()] == ["1.2.3", "1.9.0", "1.10.0"]
    assert catalog.by_hash(latest.content_hash) is latest


def test_version_key_orders_numerically() -> None:
    assert sorted(["1.10.0", "1.9.0", "0.1.0"], key=version_key) == ["0.1.0", "1.9.0", "1.10.0"]


def test_load_catalog_adds_the_organisation_folder(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAMENSPRAAK_FORMS", raising=False)
    own = write_version(tmp_path, "7.0.0")
    catalog, _problems = load_catalog(tmp_path)
    found = catalog.get("mini", "7.0.0")
    assert found is not None and found.path == own


def test_missing_file_is_a_form_error(tmp_path: Path) -> None:
    with pytest.raises(FormError) as info:
        load_form_file(tmp_path / "absent.yaml")
    assert info.value.problems[0].file == str(tmp_path / "absent.yaml")
    assert "cannot read file" in info.value.problems[0].message


def test_shipped_forms_all_load_without_problems() -> None:
    forms_dir = Path(__file__).resolve().parents[1] / "forms"
    forms, problems = load_forms([forms_dir])
    assert [str(p) for p in problems] == []
    assert len(forms) == len(list(forms_dir.glob("*.y*ml")))
