"""The BDS JGZ mapping: R034, R047, R048 and R051, only visible answers."""

from __future__ import annotations

import json

from export.bds import bds_json, bds_mapping
from export_support import HIDDEN_MARKER, SHOWN_MARKER, client, make_session


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
