"""The BDS JGZ mapping: R034, R047, R048 and R051 (G083 as the BDS defines it), only visible
answers, the due date of a prenatal client."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from export.bds import bds_json, bds_mapping, g083_entries
from export_support import (
    CONDUCTOR,
    EXPORTER,
    HIDDEN_MARKER,
    LETTERHEAD,
    SHOWN_MARKER,
    client,
    make_session,
    shipped_session,
)
from instruments.answers import DECLINED


def test_mapping_fills_the_four_rubrics() -> None:
    data = bds_mapping(make_session(decided="verhoogd", reason="netwerk"), client())
    rubrics = data["rubrics"]
    housing = next(d for d in rubrics["R034"]["domains"] if d["domain"] == "housing")
    assert housing["professional_rating"]["code"] == 5 and housing["needs_attention"]
    conclusion = rubrics["R047"]["conclusions"][0]
    assert (conclusion["suggested"], conclusion["decided"], conclusion["overridden"]) == (
        "hoog", "verhoogd", True)
    assert conclusion["reason"] == "netwerk"
    assert {a["action"] for a in rubrics["R048"]["actions"]} == {
        "Aanmelden bij schuldhulpverlening", "Huisbezoek over zes weken"}
    elements = {e["element"]: e for e in rubrics["R051"]["elements"]}
    assert elements["export-test.housing.concern"]["value"] == 4
    assert "export-test.housing.prof" not in elements  # already in R034


def test_mapping_leaves_hidden_answers_out() -> None:
    text = bds_json(make_session())
    assert HIDDEN_MARKER not in text
    assert SHOWN_MARKER in text
    json.loads(text)


# ----- R051 as the BDS defines it: G083 with 1332, 1333, 1334, 1335 ---------------------------------


BDS_KEYS = {"1332", "1333", "1334", "1335"}


def _g083(data: dict) -> list[dict[str, str]]:
    return data["rubrics"]["R051"]["G083"]


@pytest.mark.parametrize("name", ["prespark", "alpha-nl", "giz-uitgebreid"])
def test_every_g083_entry_is_a_bds_question_and_answer_within_an200(name: str) -> None:
    entries = _g083(bds_mapping(shipped_session(name), client()))
    assert entries
    for entry in entries:
        assert {"1332", "1333"} <= set(entry) <= BDS_KEYS
        assert all(isinstance(v, str) and 0 < len(v) <= 200 for v in entry.values()), entry


def test_g083_holds_every_visible_niet_bds_answer_and_the_notes() -> None:
    session = make_session()
    entries = _g083(bds_mapping(session, client()))
    by_code = {e["1332"].split("]")[0].lstrip("["): e for e in entries}
    assert by_code["export-test.housing.concern"]["1333"] == "4 veel"
    assert by_code["export-test.housing.concern"]["1332"] == (
        "[export-test.housing.concern] Wonen en geld: Zorgen sinds de zwangerschap")
    assert by_code["export-test.housing.concern_text"]["1333"] == SHOWN_MARKER
    assert "export-test.health.concern_text" not in by_code  # hidden by its condition
    assert "export-test.housing.prof" not in by_code  # in R034
    assert by_code["export-test.notes"]["1333"] == session.notes
    assert HIDDEN_MARKER not in json.dumps(entries)


def test_a_declined_answer_is_said_as_declined_not_left_empty() -> None:
    session = make_session()
    data = bds_mapping(replace(session, answers={**session.answers, "support.concern": DECLINED}),
                       client())
    entry = next(e for e in _g083(data) if e["1332"].startswith("[export-test.support.concern]"))
    assert entry["1333"] == "liever niet gezegd"


def test_a_long_answer_is_split_over_numbered_entries_never_cut() -> None:
    text = " ".join(f"woord{i}" for i in range(120))  # about 840 characters
    entries = g083_entries("[f.x] Vraag", text)
    assert len(entries) == 5
    assert [e["1332"] for e in entries] == [f"[f.x] Vraag ({n}/5)" for n in range(1, 6)]
    assert "".join(e["1333"] for e in entries) == text
    assert all(len(e["1333"]) <= 200 for e in entries)


def test_activity_and_rubric_ids_are_carried_when_given() -> None:
    entries = _g083(bds_mapping(make_session(), client(), activity_id="PHB-0042",
                                rubric_id="R034"))
    assert all(e["1334"] == "PHB-0042" and e["1335"] == "R034" for e in entries)
    plain = _g083(bds_mapping(make_session(), client()))
    assert not any({"1334", "1335"} & set(e) for e in plain)
    with pytest.raises(ValueError, match="1334"):
        bds_mapping(make_session(), client(), activity_id="ACTIVITY-12345")


def test_a_prenatal_client_carries_the_due_date() -> None:
    prenatal = bds_mapping(make_session(), client())["client"]
    assert prenatal["due_date"] == "2027-02-14" and prenatal["prenatal"] is True
    born = bds_mapping(make_session(), replace(client(), birth_date=date(2026, 1, 5)))["client"]
    assert born["birth_date"] == "2026-01-05" and born["prenatal"] is False


def test_the_session_names_the_conductor_not_the_exporter() -> None:
    session = replace(make_session(), letterhead=replace(LETTERHEAD, professional=EXPORTER))
    data = bds_mapping(session, client())
    assert data["session"]["professional"] == CONDUCTOR.name
    assert data["session"]["agb"] == CONDUCTOR.agb
    assert EXPORTER not in json.dumps(data)


def test_bds_carries_the_shared_conclusion_and_no_participant_view() -> None:
    session = shipped_session("giz-multidisciplinair")
    text = json.dumps(bds_mapping(session, client()), ensure_ascii=False)
    notes = [v.note for by_name in session.views.values() for v in by_name.values() if v.note]
    assert notes and not any(note in text for note in notes)
