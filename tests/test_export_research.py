"""Pseudonymised research data: CSV and SPSS .sav with labels, hidden answers left out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyreadstat
import pytest

from export.research import pseudonym, research_table, to_csv, write_sav
from export_support import HIDDEN_MARKER, SHOWN_MARKER, make_session, shipped_form_file

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


# ----- CSV for Dutch spreadsheets and other tools ------------------------------------------------------


def test_dutch_csv_opens_in_columns_with_a_bom_and_semicolons() -> None:
    table = research_table(_sessions(), KEY)
    data = to_csv(table, lang="nl")
    assert data.startswith(b"\xef\xbb\xbf")  # the UTF-8 byte order mark Excel looks for
    text = data.decode("utf-8-sig")
    header = text.splitlines()[0]
    assert header.split(";") == table.names  # each name its own column
    assert "," not in header
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 3 and all(len(r) == len(table.names) for r in rows)


def test_csv_for_other_tools_is_comma_separated_without_a_bom() -> None:
    table = research_table(_sessions(), KEY, lang="en")
    data = to_csv(table, lang="en")
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8").splitlines()[0].split(",") == table.names


def test_the_delimiter_can_be_chosen() -> None:
    table = research_table(_sessions(), KEY)
    assert to_csv(table, lang="nl", delimiter="\t").decode("utf-8-sig").splitlines()[0] == (
        "\t".join(table.names))
    assert to_csv(table, delimiter="|").decode("utf-8").splitlines()[0] == "|".join(table.names)
    with pytest.raises(ValueError):
        to_csv(table, delimiter=";;")


def test_the_header_is_the_same_when_a_period_has_no_sessions() -> None:
    form = make_session().form
    full = research_table(_sessions(), KEY, forms=[form])
    empty = research_table([], KEY, forms=[form])
    assert empty.names == full.names
    assert empty.rows == []
    assert len(full.names) > 10
    assert to_csv(empty, lang="nl").decode("utf-8-sig").splitlines() == [";".join(full.names)]


def test_a_form_given_for_the_header_must_be_the_exported_one() -> None:
    from instruments.loader import load_form_file

    other = load_form_file(shipped_form_file("prespark")).form
    with pytest.raises(ValueError, match="one form"):
        research_table(_sessions(), KEY, forms=[other])
