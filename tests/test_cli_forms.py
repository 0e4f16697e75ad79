"""The `samenspraak forms check|list` and `session score` commands: output and exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from instruments.answers import DECLINED
from ui.cli.main import main

DATA = Path(__file__).parent / "data"
MINI = DATA / "forms_ok" / "mini.yaml"
BAD = DATA / "forms_bad"


@pytest.fixture(autouse=True)
def _no_org_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAMENSPRAAK_FORMS", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_of_a_valid_file_prints_ok_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "forms", "check", str(MINI))
    assert code == 0
    assert err == ""
    assert f"OK {MINI}: mini 1.2.0, 2 domeinen, 13 vragen, talen nl, en" in out


def test_check_prints_each_problem_to_stderr_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "forms", "check", str(MINI), str(BAD / "many_problems.yaml"))
    assert code == 1
    problem_lines = [line for line in err.splitlines() if line.startswith(str(BAD))]
    assert [line.split(": ")[0] for line in problem_lines] == [
        f"{BAD / 'many_problems.yaml'}:{pos}" for pos in ("20:12", "29:15", "31:9", "32:12")
    ]
    assert "OK" in out and "mini 1.2.0" in out


def test_check_of_a_folder_checks_every_form_file(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(MINI, tmp_path / "a.yaml")
    shutil.copy(BAD / "unknown_scale.yaml", tmp_path / "b.yml")
    code, _out, err = run(capsys, "forms", "check", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'b.yml'}:20:12: unknown scale 's5'" in err


def test_check_of_a_missing_path_is_one_clear_error(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "forms", "check", str(tmp_path / "absent.yaml"))
    assert code == 2
    assert err.strip() == f"samenspraak: bestand of map bestaat niet: {tmp_path / 'absent.yaml'}"


def test_check_of_a_folder_without_forms_fails(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "forms", "check", str(tmp_path))
    assert code == 1
    assert "geen formulierbestanden" in err


def test_check_without_paths_checks_the_shipped_forms(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "forms", "check")
    shipped = sorted((Path(__file__).resolve().parents[1] / "forms").glob("*.yaml"))
    assert code == 0, err
    assert out.count("\nOK ") + out.startswith("OK ") == len(shipped)


def test_list_json_gives_every_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(MINI, tmp_path / "mini.yaml")
    code, out, _err = run(capsys, "forms", "list", "--json", "--forms-dir", str(tmp_path))
    assert code == 0
    rows = json.loads(out)
    mini = next(row for row in rows if row["id"] == "mini")
    assert mini == {
        "id": "mini", "version": "1.2.0", "title": "Mini-gesprek", "instrument": "other",
        "mode": "conversation", "example": False, "age_range": mini["age_range"],
        "domains": 2, "items": 13,
        "languages": ["nl", "en"], "hash": mini["hash"], "path": str(tmp_path / "mini.yaml"),
    }
    assert len(mini["hash"]) == 64


def test_list_json_gives_the_age_range_of_every_shipped_form(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _err = run(capsys, "forms", "list", "--json")
    assert code == 0
    ages = {row["id"]: row["age_range"] for row in json.loads(out)}
    assert ages["giz-signalering"] == {"from_months": -9, "to_months": 276,
                                       "text": "van 9 maanden voor de geboorte tot 23 jaar"}
    assert ages["prespark"]["from_months"] == -9 and ages["prespark"]["to_months"] == 0
    assert all(age is not None for age in ages.values())


def test_list_text_shows_short_hash_and_title_in_the_asked_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(MINI, tmp_path / "mini.yaml")
    code, out, _err = run(capsys, "forms", "list", "--forms-dir", str(tmp_path), "--lang", "en")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("mini "))
    fields = line.split()
    assert fields[:6] == ["mini", "1.2.0", "other", "conversation", "2", "13"]
    assert len(fields[7]) == 12
    assert line.endswith("Mini conversation")


def test_list_reports_skipped_broken_files(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(BAD / "alias.yaml", tmp_path / "alias.yaml")
    code, out, err = run(capsys, "forms", "list", "--forms-dir", str(tmp_path))
    assert code == 0
    assert "1 formulierbestand(en) overgeslagen" in err


# ----- session score ---------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_score_prints_the_result_with_form_hash(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    answers = write(tmp_path / "a.yaml", (
        "sleep.concern: 1\n"
        "sleep.help_needed: true\n"  # hidden: concern < 2, so never scored
        f"sleep.need: {DECLINED}\n"
        "sleep.rating: 6\n"
        "housing.need: 1\n"
        "housing.rating: 5\n"
    ))
    code, out, err = run(capsys, "session", "score", "--form", str(MINI), "--answers", str(answers),
                         "--lang", "en")
    assert code == 0, err
    result = json.loads(out)
    assert (result["form_id"], result["form_version"]) == ("mini", "1.2.0")
    assert len(result["form_hash"]) == 64
    risk = next(o for o in result["outcomes"] if o["outcome_id"] == "risk")
    assert risk["suggested"] == "hoog"
    assert risk["suggested_label"] == "high"
    assert {f["rule_id"] for f in risk["fired"]} == {"one-high", "two-high"}
    assert result["hidden_answers_ignored"] == ["sleep.help_needed"]
    housing = next(p for p in result["profiles"] if p["domain_id"] == "housing")
    assert (housing["parent"], housing["professional"], housing["marked"]) == (1, 5, True)


def test_score_reads_json_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = write(tmp_path / "a.json", json.dumps({"sleep.rating": 2}))
    code, out, _err = run(capsys, "session", "score", "--form", str(MINI), "--answers", str(answers))
    assert code == 0
    risk = next(o for o in json.loads(out)["outcomes"] if o["outcome_id"] == "risk")
    assert risk["suggested"] == "laag" and risk["fired"] == []
    # one of the two domains answered meets the form's minimum: a lower bound, marked so
    assert risk["status"] == "partial"


def test_score_reports_every_bad_answer_with_its_line(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    answers = write(tmp_path / "a.yaml", (
        "sleep.concern: 9\n"
        "sleep.rating: high\n"
        "nope.item: 1\n"
        "sleep.help_needed: maybe\n"
        f"sleep.concern2: {DECLINED}\n"
        f"sleep.rating2: 1\n"
    ))
    code, out, err = run(capsys, "session", "score", "--form", str(MINI), "--answers", str(answers))
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines[0] == f"{answers}:1:1: sleep.concern: 9 is not on scale 'concern5' (allowed: [1, 2, 3, 4, 5])"
    assert lines[1].startswith(f"{answers}:2:1: sleep.rating: expected one of")
    assert lines[2] == f"{answers}:3:1: nope.item: unknown item id for form 'mini' 1.2.0"
    assert lines[3].startswith(f"{answers}:4:1: sleep.help_needed: expected yes/no")
    assert lines[-1] == "samenspraak: 6 antwoord(en) passen niet bij formulier mini 1.2.0"


def test_score_refuses_declining_an_item_that_cannot_be_declined(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write(tmp_path / "a.yaml", f"sleep.rating: {DECLINED}\n")
    code, _out, err = run(capsys, "session", "score", "--form", str(MINI), "--answers", str(answers))
    assert code == 2
    assert "sleep.rating: this item cannot be declined" in err


def test_score_finds_a_form_by_id_and_version(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    for version in ("1.2.0", "1.3.0"):
        text = MINI.read_text(encoding="utf-8").replace("version: 1.2.0", f"version: {version}")
        write(tmp_path / f"mini-{version}.yaml", text)
    answers = write(tmp_path / "a.yaml", "sleep.rating: 1\n")
    base = ["session", "score", "--answers", str(answers), "--forms-dir", str(tmp_path)]
    code, out, _err = run(capsys, *base, "--form", "mini")
    assert code == 0 and json.loads(out)["form_version"] == "1.3.0"
    code, out, _err = run(capsys, *base, "--form", "mini@1.2.0")
    assert code == 0 and json.loads(out)["form_version"] == "1.2.0"
    code, _out, err = run(capsys, *base, "--form", "mini@9.9.9")
    assert code == 2 and "geen versie 9.9.9" in err
    code, _out, err = run(capsys, *base, "--form", "absent")
    assert code == 2 and "onbekend formulier 'absent'" in err


def test_score_with_a_broken_form_lists_its_problems(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    answers = write(tmp_path / "a.yaml", "x.y: 1\n")
    code, _out, err = run(capsys, "session", "score", "--form", str(BAD / "unknown_step.yaml"),
                          "--answers", str(answers))
    assert code == 2
    assert f"{BAD / 'unknown_step.yaml'}:29:15: unknown step 'nurse'" in err


@pytest.mark.parametrize(("content", "fragment"), [
    (b"- just\n- a list\n", "een antwoordbestand is een lijst van vraag-id: antwoord"),
    (b"a: &x 1\nb: *x\n", "anchors and aliases are not allowed"),
    (b"\x00\x01binary", "NUL bytes"),
])
def test_score_with_an_unusable_answers_file_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, fragment: str
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_bytes(content)
    code, _out, err = run(capsys, "session", "score", "--form", str(MINI), "--answers", str(answers))
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err


def test_console_script_never_shows_a_traceback_on_a_hostile_form(tmp_path: Path) -> None:
    hostile = tmp_path / "bomb.yaml"
    hostile.write_text("a: &a [1, 2]\nb: [*a, *a]\nc: !!python/object/apply:os.system [ls]\n")
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    proc = subprocess.run([sys.executable, "-m", "ui.cli.main", "forms", "check", str(hostile)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{hostile}:1:4: anchors and aliases are not allowed in form files" in proc.stderr
    assert f"{hostile}:3:4: tag '!!python/object/apply:os.system' is not allowed" in proc.stderr


def test_cli_messages_exist_in_dutch_and_english() -> None:
    folder = Path(__file__).resolve().parents[1] / "resources" / "i18n"
    nl = yaml.safe_load((folder / "cli_forms.nl.yaml").read_text(encoding="utf-8"))
    en = yaml.safe_load((folder / "cli_forms.en.yaml").read_text(encoding="utf-8"))
    assert set(nl) == set(en)
    assert all(isinstance(v, str) and v for v in [*nl.values(), *en.values()])


def test_check_speaks_english_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "forms", "check", "--lang", "en", str(MINI))
    assert code == 0
    assert f"OK {MINI}: mini 1.2.0, 2 domains, 13 items, languages nl, en" in out


def test_list_and_check_take_the_example_forms_only_with_examples(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "forms", "list", "--json")
    assert code == 0 and not any(row["example"] for row in json.loads(out))
    code, out, _err = run(capsys, "forms", "list", "--json", "--examples")
    examples = [row["id"] for row in json.loads(out) if row["example"]]
    assert code == 0 and examples == ["voorbeeld-gezondheid", "voorbeeld-huisbezoek"]
    code, out, _err = run(capsys, "forms", "check", "--examples")
    assert code == 0 and "voorbeeld-huisbezoek 0.2.0" in out
