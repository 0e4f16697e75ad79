"""A draft started on an earlier form version moves to the current one without loss: a test per
changed shipped form, and the declared renames and removals of the format."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import FORMS_DIR
from instruments.answers import DECLINED, AnswerValue, check_answers
from instruments.loader import FormError, load_catalog, load_form_text
from instruments.migration import MigrationError, migrate_answers, migration_for
from instruments.model import Form, ItemType
from tiny_forms import TINY_HEAD

SUPERSEDED = sorted((FORMS_DIR / "superseded").glob("*.yaml"))


def every_answer(form: Form) -> dict[str, AnswerValue]:
    """An answer to every item of the form, hidden ones too (a draft keeps them)."""
    out: dict[str, AnswerValue] = {}
    for n, (full_id, _, item) in enumerate(form.all_items()):
        if item.allow_decline and n % 5 == 0:
            out[full_id] = DECLINED
        elif item.type in (ItemType.SCALE, ItemType.CHOICE):
            values = form.scale(item.scale or "").values()
            out[full_id] = values[n % len(values)]
        elif item.type == ItemType.YES_NO:
            out[full_id] = n % 2 == 0
        elif item.type == ItemType.ACTIONS:
            out[full_id] = [f"afspraak {n}"]
        elif item.type == ItemType.TEXT:
            out[full_id] = f"tekst {n}"
    return check_answers(form, out)


def test_every_changed_shipped_form_has_its_earlier_version_kept() -> None:
    catalog, _ = load_catalog()
    assert {load_form_text(p.read_text(encoding="utf-8")).form.id for p in SUPERSEDED} == set(
        catalog.ids())


@pytest.mark.parametrize("old_path", SUPERSEDED, ids=[p.stem for p in SUPERSEDED])
def test_a_draft_on_the_earlier_version_moves_with_every_answer_kept(old_path: Any) -> None:
    old = load_form_text(old_path.read_text(encoding="utf-8")).form  # as a session stored it
    catalog, _ = load_catalog()
    latest = catalog.latest(old.id)
    assert latest is not None and latest.form.version != old.version
    answers = every_answer(old)
    moved = migrate_answers(old, latest.form, answers)
    declared = migration_for(latest.form, old.version)
    # nothing is lost: every answer moves, or is kept apart because its item was removed (as
    # the new version declares) or no longer fits it
    back = {old_id: moved.answers[moved.renamed.get(old_id, old_id)]
            for old_id in answers if old_id not in moved.removed}
    assert {**back, **moved.removed} == answers
    assert set(moved.removed) <= set(declared.removed) | set(moved.unfit)
    assert check_answers(latest.form, moved.answers) == moved.answers
    if not declared.removed and not declared.renamed:
        assert moved.answers == answers  # items unchanged: the draft moves as it is


def test_a_prespark_1_draft_keeps_its_merged_help_answer_apart_and_the_rest_moves() -> None:
    old = load_form_text((FORMS_DIR / "superseded" / "prespark-1.0.0.yaml").read_text()).form
    catalog, _ = load_catalog()
    new = catalog.latest("prespark")
    assert new is not None and new.form.version == "2.0.0"
    first = old.counted_domains()[0].id
    answers = {f"{first}.concern": 3, f"{first}.help_needed": True, f"{first}.help_enough": 4,
               f"{first}.need_now": 3, f"{first}.professional": 2}
    moved = migrate_answers(old, new.form, answers)
    assert moved.removed == {f"{first}.help_needed": True, f"{first}.help_enough": 4}
    assert "not on scale" in moved.unfit[f"{first}.help_enough"]
    assert moved.answers == {f"{first}.concern": 3, f"{first}.need_now": 3,
                             f"{first}.professional": 2}


# The tiny head with a version to fill in, one domain of ITEMS and the MIGRATIONS.
OLD = TINY_HEAD.replace("version: 1.0.0", "version: VERSION") + """\
domains:
  - id: d
    title: {nl: D}
    items:
ITEMS
MIGRATIONS
"""


def tiny(version: str, items: list[str], migrations: str = "") -> str:
    return (OLD.replace("VERSION", version)
            .replace("ITEMS", "\n".join(f"      - {i}" for i in items))
            .replace("MIGRATIONS", migrations))


A = "{key: a, type: scale, scale: s, step: p, text: {nl: A}}"
B = "{key: b, type: scale, scale: s, step: p, text: {nl: B}}"
C_TEXT = "{key: c, type: text, step: p, text: {nl: C}}"
C_YES = "{key: c, type: yes_no, step: p, text: {nl: C}}"
RENAMED = "migrations:\n  - {from_version: 1.0.0, renamed: {d.a: d.b}, removed: [d.c]}\n"


def test_a_declared_rename_moves_the_answer_and_a_removed_item_keeps_it_apart() -> None:
    old = load_form_text(tiny("1.0.0", [A, C_TEXT])).form
    new = load_form_text(tiny("2.0.0", [B], RENAMED), stored=False).form
    moved = migrate_answers(old, new, {"d.a": 2, "d.c": "nog weten"})
    assert moved.answers == {"d.b": 2}
    assert moved.renamed == {"d.a": "d.b"}
    assert moved.removed == {"d.c": "nog weten"}


def test_an_answer_that_no_longer_fits_its_item_is_kept_apart_with_the_reason() -> None:
    old = load_form_text(tiny("1.0.0", [A, C_TEXT])).form
    new = load_form_text(tiny("1.1.0", [A, C_YES])).form
    moved = migrate_answers(old, new, {"d.a": 1, "d.c": "misschien"})
    assert moved.answers == {"d.a": 1} and moved.removed == {"d.c": "misschien"}
    assert "expected yes/no" in moved.unfit["d.c"]


def test_only_a_later_version_of_the_same_form_is_a_move() -> None:
    old = load_form_text(tiny("1.1.0", [A])).form
    with pytest.raises(MigrationError):
        migrate_answers(old, load_form_text(tiny("1.0.0", [A])).form, {})
    other = load_form_text(tiny("2.0.0", [A]).replace("id: tiny", "id: other")).form
    with pytest.raises(MigrationError):
        migrate_answers(old, other, {})


@pytest.mark.parametrize(("migrations", "fragment"), [
    ("migrations:\n  - {from_version: 2.0.0}\n", "comes from an earlier version than 2.0.0"),
    ("migrations:\n  - {from_version: 1.0.0, renamed: {d.a: d.x}}\n",
     "renamed to 'd.x', which this version does not have"),
    ("migrations:\n  - {from_version: 1.0.0, renamed: {d.b: d.b}}\n",
     "still has an item with that id"),
    ("migrations:\n  - {from_version: 1.0.0, removed: [d.b]}\n",
     "listed as removed but this version still has it"),
    ("migrations:\n  - {from_version: one}\n", "not a semantic version"),
])
def test_the_loader_checks_declared_migrations(migrations: str, fragment: str) -> None:
    with pytest.raises(FormError) as info:
        load_form_text(tiny("2.0.0", [B], migrations), "t.yaml", stored=False)
    assert any(fragment in p.message for p in info.value.problems), info.value.problems
