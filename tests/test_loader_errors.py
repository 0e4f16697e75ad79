"""Every class of form error is reported at the right file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from instruments.loader import FormError, FormProblem, load_form_file, load_form_text
from tiny_forms import TINY_HEAD

BAD = Path(__file__).parent / "data" / "forms_bad"


def problems_of(name: str) -> list[FormProblem]:
    with pytest.raises(FormError) as info:
        load_form_file(BAD / name)
    return info.value.problems


# (fixture file, line, column, a fragment of the message) of the single problem in the file.
SINGLE = [
    ("syntax.yaml", 26, 4, "YAML syntax error"),
    ("missing_key.yaml", 27, 9, "domains[0].items[0]: missing key 'text'"),
    ("extra_key.yaml", 26, 5, "unknown key 'colour'"),
    ("wrong_type.yaml", 11, 17, "scales[0].points[1].value: Input should be a valid integer"),
    ("union_type.yaml", 34, 22, "show_if.all[0].value: expected a boolean, integer, list or string"),
    ("unknown_scale.yaml", 20, 12, "unknown scale 's5'"),
    ("unknown_step.yaml", 29, 15, "unknown step 'nurse'"),
    ("duplicate_domain.yaml", 31, 9, "duplicate domain id 'sleep' (first at line 24)"),
    ("duplicate_item.yaml", 27, 14, "duplicate item id 'sleep.concern' (a matrix item at line 18"),
    ("condition_missing.yaml", 33, 22, "condition on unknown item 'worry'"),
    ("condition_self.yaml", 33, 22, "condition of item 'extra' on itself"),
    ("condition_later.yaml", 25, 18, "condition on later item 'extra'"),
    ("condition_value.yaml", 33, 46, "condition value 4 is not on the scale 's3'"),
    ("unknown_group.yaml", 25, 12, "names unknown group 'school'"),
    ("missing_language.yaml", 22, 11, "matrix[0].text: text has no en"),
    ("bad_tag.yaml", 5, 8, "tag '!foo' is not allowed"),
    ("python_tag.yaml", 1, 5, "tag '!!python/object/apply:os.system' is not allowed"),
    ("latin1.yaml", 25, 27, "not valid UTF-8 (byte 0xe9)"),
    ("empty.yaml", 1, 1, "the file is empty"),
]


@pytest.mark.parametrize(("name", "line", "col", "fragment"), SINGLE,
                         ids=[case[0] for case in SINGLE])
def test_error_points_at_offending_node(name: str, line: int, col: int, fragment: str) -> None:
    problems = problems_of(name)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.file == str(BAD / name)
    assert (problem.line, problem.col) == (line, col)
    assert fragment in problem.message
    assert str(problem).startswith(f"{BAD / name}:{line}:{col}: ")


def test_aliases_and_anchors_are_refused_where_they_stand() -> None:
    problems = problems_of("alias.yaml")
    assert [(p.line, p.col) for p in problems] == [(5, 8), (25, 12)]
    assert all(p.message == "anchors and aliases are not allowed in form files" for p in problems)


def test_outcome_selector_names_each_unknown_reference() -> None:
    problems = problems_of("outcome_selector.yaml")
    assert [(p.line, p.col) for p in problems] == [(44, 28), (44, 46), (44, 64)]
    assert "unknown item key 'worry'" in problems[0].message
    assert "unknown domain 'eating'" in problems[1].message
    assert "unknown group 'school'" in problems[2].message


def test_all_problems_are_collected_in_file_order() -> None:
    problems = problems_of("many_problems.yaml")
    assert [(p.line, p.col) for p in problems] == [(20, 12), (29, 15), (31, 9), (32, 12)]
    messages = " | ".join(p.message for p in problems)
    for fragment in ("unknown scale 's5'", "unknown step 'nurse'", "duplicate domain id 'sleep'",
                     "domains[1].title: text has no en"):
        assert fragment in messages


def test_form_error_text_is_one_problem_per_line() -> None:
    with pytest.raises(FormError) as info:
        load_form_file(BAD / "many_problems.yaml")
    lines = str(info.value).splitlines()
    assert lines == [str(p) for p in info.value.problems]
    assert len(lines) == 4


def test_stored_text_problems_carry_the_given_name() -> None:
    text = (BAD / "unknown_step.yaml").read_text(encoding="utf-8")
    with pytest.raises(FormError) as info:
        load_form_text(text, name="session:42")
    assert [str(p) for p in info.value.problems] == [
        "session:42:29:15: unknown step 'nurse' (steps: parent)"
    ]


MINIMAL = TINY_HEAD + """\
domains:
  - id: d
    title: {nl: D}
    items:
      - {key: a, type: scale, scale: s, step: p, text: {nl: A}}
      - {key: b, type: yes_no, step: p, text: {nl: B}}
"""


def with_items(extra: str) -> str:
    return MINIMAL + extra


def single_problem(text: str) -> FormProblem:
    with pytest.raises(FormError) as info:
        load_form_text(text, "t.yaml")
    assert len(info.value.problems) == 1, info.value.problems
    return info.value.problems[0]


def test_condition_on_yes_no_item_needs_a_boolean() -> None:
    problem = single_problem(with_items(
        "      - {key: c, type: text, step: p, text: {nl: C}, show_if: {all: [{item: b, value: 2}]}}\n"
    ))
    assert (problem.line, problem.col) == (18, 87)
    assert "'d.b' is a yes/no item" in problem.message


def test_condition_through_full_id_on_earlier_domain_is_accepted() -> None:
    text = with_items(
        "  - id: e\n    title: {nl: E}\n    items:\n"
        "      - {key: c, type: text, step: p, text: {nl: C}, show_if: {any: [{item: d.a, op: ge, value: 2}]}}\n"
    )
    loaded = load_form_text(text)
    assert loaded.form.domains[1].items[0].show_if is not None


def test_duplicate_key_in_a_mapping_is_reported_at_the_second_key() -> None:
    problem = single_problem(MINIMAL.replace("title: {nl: Klein}\n", "title: {nl: Klein}\ntitle: {nl: X}\n"))
    assert (problem.line, problem.col) == (6, 1)
    assert problem.message == "duplicate key 'title' (first at line 5)"


def test_model_rule_error_points_at_the_item_mapping() -> None:
    problem = single_problem(MINIMAL.replace("{key: a, type: scale, scale: s,", "{key: a, type: scale,"))
    assert (problem.line, problem.col) == (16, 9)
    assert "a scale item needs a 'scale'" in problem.message


def test_missing_top_level_key_points_at_the_document_start() -> None:
    problem = single_problem(MINIMAL.replace("notice: {nl: Test}\n", ""))
    assert (problem.line, problem.col) == (1, 1)
    assert problem.message == "(form): missing key 'notice'"


def test_outcome_per_group_without_groups_is_a_problem() -> None:
    problem = single_problem(with_items(
        "outcomes:\n"
        "  - id: o\n    title: {nl: O}\n    per: group\n    levels: [a, b]\n    default: a\n"
    ))
    assert (problem.line, problem.col) == (21, 10)
    assert "needs declared groups" in problem.message


def test_two_documents_in_one_file_are_refused() -> None:
    problem = single_problem(MINIMAL + "---\nid: other\n")
    assert (problem.line, problem.col) == (18, 1)
    assert "exactly one YAML document" in problem.message
