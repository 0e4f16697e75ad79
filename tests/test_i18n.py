"""Message catalogs: every file parses, and every language of an area has the same keys."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from conftest import ROOT
from instruments.flat_catalog import parse_flat_catalog
from instruments.i18n import catalog, tr

I18N = ROOT / "resources" / "i18n"


def _areas() -> dict[str, dict[str, Path]]:
    areas: dict[str, dict[str, Path]] = defaultdict(dict)
    for path in sorted(I18N.glob("*.yaml")):
        area, lang, _ = path.name.rsplit(".", 2)
        areas[area][lang] = path
    return areas


def test_every_catalog_is_a_flat_mapping_of_text() -> None:
    for langs in _areas().values():
        for path in langs.values():
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert isinstance(data, dict), path
            bad = [k for k, v in data.items() if not isinstance(v, str)]
            assert not bad, f"{path}: non-text values for {bad}"


def test_every_shipped_catalog_reads_the_same_without_yaml_as_with_it() -> None:
    for path in sorted(I18N.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert parse_flat_catalog(text) == yaml.safe_load(text), path.name


def test_a_catalog_outside_the_flat_subset_is_still_read_with_yaml(tmp_path: Path) -> None:
    (tmp_path / "t.nl.yaml").write_text("plain: Gewoon\nquoted: 'enkel: aanhalingsteken'\n")
    assert catalog("nl", tmp_path) == {"plain": "Gewoon", "quoted": "enkel: aanhalingsteken"}


def test_every_language_of_an_area_has_the_same_keys() -> None:
    for area, langs in _areas().items():
        assert "nl" in langs, f"area {area} has no Dutch source catalog"
        source = set(yaml.safe_load(langs["nl"].read_text(encoding="utf-8")))
        for path in langs.values():
            keys = set(yaml.safe_load(path.read_text(encoding="utf-8")))
            assert keys == source, (
                f"{path.name}: missing {sorted(source - keys)[:5]}, extra {sorted(keys - source)[:5]}"
            )


def test_tr_falls_back_to_dutch_then_to_the_key(tmp_path: Path) -> None:
    (tmp_path / "t.nl.yaml").write_text("hello: Hallo {name}\nonly_nl: Alleen NL\n")
    (tmp_path / "t.en.yaml").write_text("hello: Hello {name}\n")
    assert catalog("en", tmp_path)["hello"] == "Hello {name}"
    assert "only_nl" not in catalog("en", tmp_path)
    assert tr("no.such.key", "en") == "no.such.key"
