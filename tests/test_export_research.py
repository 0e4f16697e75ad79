"""Pseudonymised research data: CSV and SPSS .sav with labels, hidden answers left out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyreadstat

from export.research import pseudonym, research_table, to_csv, write_sav
from export_support import HIDDEN_MARKER, SHOWN_MARKER, make_session

KEY = b"k" * 32


def _sessions() -> list:
    return [
        make_session(session_id="s1", client_id="client-a"),
        make_session(session_id="s2", client_id="client-b", decided="laag", reason="netwerk"),
    ]


def test_csv_has_pseudonyms_codes_and_no_identifying_text() -> None:
    table = research_table(_sessions(), KEY)
    text = to_csv(table).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["pseudonym"] for r in rows] == [pseudonym("client-a", KEY), pseudonym("client-b", KEY)]
    assert "client-a" not in text
    assert HIDDEN_MARKER not in text and SHOWN_MARKER not in text  # free text never exported
    assert rows[0]["housing_need"] == "4"
    assert rows[0]["support_need"] == "-1"  # declined
    assert rows[0]["health_help_given"] == ""  # hidden item: empty
    assert rows[0]["housing_help_given"] == "1"
    assert (rows[0]["risk_sugg"], rows[0]["risk_dec"], rows[0]["risk_ovr"]) == ("3", "3", "0")
    assert (rows[1]["risk_dec"], rows[1]["risk_ovr"]) == ("1", "1")


def test_pseudonym_depends_on_the_key() -> None:
    assert pseudonym("client-a", KEY) == pseudonym("client-a", KEY)
    assert pseudonym("client-a", KEY) != pseudonym("client-a", b"other key")


def test_drafts_are_not_counted() -> None:
    draft = make_session(session_id="s3", client_id="c3")
    draft = type(draft)(**{**draft.__dict__, "state": "draft"})
    assert len(research_table([*_sessions(), draft], KEY).rows) == 2


def test_sav_reads_back_with_variable_and_value_labels(tmp_path: Path) -> None:
    target = tmp_path / "onderzoek.sav"
    write_sav(research_table(_sessions(), KEY), target)
    frame, meta = pyreadstat.read_sav(str(target), user_missing=True)
    assert list(frame["pseudonym"]) == [pseudonym("client-a", KEY), pseudonym("client-b", KEY)]
    labels = meta.column_names_to_labels
    assert labels["housing_need"] == "Wonen en geld: Hulpvraag nu"
    assert meta.variable_value_labels["housing_need"][4.0] == "begeleiding"
    assert meta.variable_value_labels["support_need"][-1.0] == "liever niet gezegd"
    assert meta.variable_value_labels["risk_dec"] == {1.0: "laag risico", 2.0: "verhoogd risico",
                                                      3.0: "hoog risico"}
    assert frame["housing_need"].iloc[0] == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["onderzoek.sav"]
