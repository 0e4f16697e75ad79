"""Moving a draft's answers from an earlier version of a form to a later one, as the later
version declares (renamed items move to their new id). No answer is ever dropped: an answer
whose item the new version lacks, or that no longer fits its item, is kept apart as an answer
to a removed item, to be shown as such."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from instruments.answers import AnswerError, AnswerValue, check_value
from instruments.model import Form, Migration


class MigrationError(ValueError):
    """Two forms that are not an earlier and a later version of the same form."""


@dataclass(frozen=True)
class MovedAnswers:
    """The answers under the new version's ids, the answers kept apart, and what was renamed
    (old id -> new id). `unfit` explains answers kept apart because they no longer fit."""

    answers: dict[str, AnswerValue]
    removed: dict[str, AnswerValue]
    renamed: dict[str, str]
    unfit: dict[str, str]


def migration_for(new: Form, from_version: str) -> Migration:
    """The migration the new version declares from `from_version` (none declared: keep ids)."""
    declared = next((m for m in new.migrations if m.from_version == from_version), None)
    return declared or Migration(from_version=from_version)


def migrate_answers(old: Form, new: Form, answers: Mapping[str, AnswerValue]) -> MovedAnswers:
    """Move `answers`, given on `old`, to `new` (the same form, a later version)."""
    if old.id != new.id:
        raise MigrationError(f"form '{old.id}' cannot move to form '{new.id}'")
    from instruments.loader import version_key

    if version_key(new.version) <= version_key(old.version):
        raise MigrationError(f"{new.version} is not later than {old.version}")
    migration = migration_for(new, old.version)
    index = new.item_index()
    moved: dict[str, AnswerValue] = {}
    removed: dict[str, AnswerValue] = {}
    renamed: dict[str, str] = {}
    unfit: dict[str, str] = {}
    for item_id, value in answers.items():
        target = migration.renamed.get(item_id, item_id)
        if target not in index or item_id in migration.removed:
            removed[item_id] = value
            continue
        try:
            moved[target] = check_value(new, target, index[target][1], value)
        except AnswerError as exc:
            removed[item_id] = value
            unfit[item_id] = str(exc)
            continue
        if target != item_id:
            renamed[item_id] = target
    return MovedAnswers(moved, removed, renamed, unfit)
