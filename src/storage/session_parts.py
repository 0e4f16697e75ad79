"""What belongs to sessions, read in one way for every caller: the answers (one routine, for
one session or a whole period), the participants' own views and the decisions (each row becomes
a `Decision` here only)."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from instruments.decision import Decision
from instruments.participant_views import ParticipantView
from storage.columns import Columns, id_list
from storage.database import Connection

if TYPE_CHECKING:
    from instruments.answer_value import AnswerValue
    from instruments.participant_views import ItemViews


class Chosen(NamedTuple):
    """Which sessions: a subquery that selects their ids, and its parameters."""

    sql: str
    params: tuple[Any, ...] = ()

    @classmethod
    def ids(cls, session_ids: Iterable[str]) -> Chosen:
        return cls("SELECT value FROM json_each(?)", (id_list(list(session_ids)),))


class Answers(NamedTuple):
    """Answers per session id (and, when asked for, who gave each)."""

    values: dict[str, dict[str, AnswerValue]]
    by: dict[str, dict[str, str | None]]


def read_answers(conn: Connection, chosen: Chosen, session_ids: Iterable[str], *,
                 items: Collection[str] | None = None, with_by: bool = False) -> Answers:
    """The answers of the chosen sessions, keyed by the ids in `session_ids` (each gets a dict,
    empty when it has no answers; answers of sessions not named there are dropped).

    `items` limits the answers read to those items (None: all). SQLite builds one JSON object
    per session, so tens of thousands of rows reach Python instead of a million; the chosen
    ids come sorted from the subquery, so the answers are walked in key order, each page once;
    `+` tests the item on the row rather than looking up every wanted item."""
    values: dict[str, dict[str, AnswerValue]] = {sid: {} for sid in session_ids}
    by: dict[str, dict[str, str | None]] = {sid: {} for sid in values} if with_by else {}
    if not values or (items is not None and not items):
        return Answers(values, by)
    item_filter = ""
    item_params: tuple[str, ...] = ()
    if items is not None:
        item_params = tuple(sorted(items))
        item_filter = f" AND +a.item_id IN ({', '.join('?' for _ in item_params)})"
    value_sql = "json_array(json(a.value), a.answered_by)" if with_by else "json(a.value)"
    rows = conn.exec_driver_sql(
        f"SELECT a.session_id AS session_id, json_group_object(a.item_id, {value_sql}) AS found "
        f"FROM answers a WHERE a.session_id IN ({chosen.sql}){item_filter} "
        f"GROUP BY a.session_id", (*chosen.params, *item_params))
    for row in rows:
        sid = row._mapping["session_id"]
        found = values.get(sid)
        if found is None:
            continue
        parsed: dict[str, Any] = json.loads(row._mapping["found"])
        if with_by:
            for item_id, (value, who) in parsed.items():
                found[item_id] = value
                by[sid][item_id] = who
        else:
            found.update(parsed)
    return Answers(values, by)


def decision_from(row: Columns) -> Decision:
    """A decisions row (by column name) as a `Decision`: the one place this is done."""
    return Decision(row["outcome_id"], row["scope"] or None, row["suggested"], row["decided"],
                    row["reason"], row["decided_by"])


def read_decisions(conn: Connection, chosen: Chosen,
                   session_ids: Iterable[str]) -> dict[str, list[Decision]]:
    """The decisions of the chosen sessions in the order they were made, keyed like
    `read_answers`."""
    decisions: dict[str, list[Decision]] = {sid: [] for sid in session_ids}
    if not decisions:
        return decisions
    rows = conn.exec_driver_sql(
        f"SELECT d.session_id, d.outcome_id, d.scope, d.suggested, d.decided, d.reason, "
        f"d.decided_by FROM decisions d WHERE d.session_id IN ({chosen.sql}) "
        f"ORDER BY d.decided_at", chosen.params)
    for row in rows:
        listed = decisions.get(row._mapping["session_id"])
        if listed is not None:
            listed.append(decision_from(row._mapping))
    return decisions


def read_views(conn: Connection, chosen: Chosen,
               session_ids: Iterable[str]) -> dict[str, ItemViews]:
    """The views of the chosen sessions, keyed like `read_answers`: per session, per item, per
    participant, by name."""
    views: dict[str, ItemViews] = {sid: {} for sid in session_ids}
    if not views:
        return views
    rows = conn.exec_driver_sql(
        f"SELECT v.session_id, v.item_id, v.participant, v.value FROM participant_views v "
        f"WHERE v.session_id IN ({chosen.sql}) ORDER BY v.item_id, v.participant",
        chosen.params)
    for row in rows:
        session_id, item_id, participant, value = row
        found = views.get(session_id)
        if found is not None:
            found.setdefault(item_id, {})[participant] = ParticipantView.from_json(
                json.loads(value))
    return views


def views_json(views: ItemViews) -> dict[str, dict[str, dict[str, object]]]:
    """Views as plain JSON-ready data (a kept session version holds them so)."""
    return {item_id: {name: view.as_json() for name, view in by_name.items()}
            for item_id, by_name in views.items()}


def views_from_json(data: object) -> ItemViews:
    """The inverse of `views_json`; nothing (an older kept version) gives no views."""
    if not isinstance(data, dict):
        return {}
    return {item_id: {name: ParticipantView.from_json(view) for name, view in by_name.items()}
            for item_id, by_name in data.items()}
