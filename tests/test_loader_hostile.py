"""Hostile form files are refused with a FormError, never a traceback, a hang or code run.

The files are loaded in one child process; its timeout is only a guard against a hang.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from instruments.loader import FormError, load_form_text
from instruments.yaml_source import MAX_DEPTH, SourceError, decode_source, read_yaml

ROOT = Path(__file__).resolve().parents[1]


def alias_bomb() -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        refs = ",".join([f"*a{n - 1}"] * 9)
        lines.append(f"a{n}: &a{n} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def hostile_files(folder: Path, marker: Path) -> dict[str, Path]:
    files = {
        "alias_bomb": alias_bomb(),
        "deep_flow_10000": ("[" * 10_000 + "]" * 10_000).encode(),
        "deep_mapping_10000": ("{a: " * 10_000 + "1" + "}" * 10_000).encode(),
        "python_apply": f"id: !!python/object/apply:os.system ['touch {marker}']\n".encode(),
        "python_object": b"id: !!python/object:builtins.dict {}\n",
        "binary": bytes(range(256)) * 64,
        "latin1": "id: caf\xe9\n".encode("latin-1"),
        "utf16": "id: test\n".encode("utf-16"),
        "scalar_5mb": b"id: " + b"x" * 5_000_000 + b"\n",
        "scalar_30k": b"title: {nl: " + b"x" * 30_000 + b"}\n",
        "many_nodes": b"[" + b"1," * 700_000 + b"1]\n",
    }
    paths = {}
    for name, data in files.items():
        path = folder / f"{name}.yaml"
        path.write_bytes(data)
        paths[name] = path
    return paths


CHILD = """
import json, sys
from instruments.loader import FormError, load_form_file
out = {}
for name, path in json.loads(sys.argv[1]).items():
    try:
        load_form_file(path)
        out[name] = "loaded"
    except FormError as exc:
        out[name] = [[p.line, p.col, p.message] for p in exc.problems]
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def hostile_results(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], Path]:
    folder = tmp_path_factory.mktemp("hostile")
    marker = folder / "pwned"
    paths = hostile_files(folder, marker)
    env_path = str(ROOT / "src")
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps({k: str(v) for k, v in paths.items()})],
        capture_output=True, text=True, timeout=120, env={"PYTHONPATH": env_path},
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout), marker


@pytest.mark.parametrize(("name", "fragment"), [
    ("alias_bomb", "anchors and aliases are not allowed in form files"),
    ("deep_flow_10000", f"nesting deeper than {MAX_DEPTH} levels"),
    ("deep_mapping_10000", f"nesting deeper than {MAX_DEPTH} levels"),
    ("python_apply", "tag '!!python/object/apply:os.system' is not allowed"),
    ("python_object", "tag '!!python/object:builtins.dict' is not allowed"),
    ("binary", "NUL bytes"),
    ("latin1", "not valid UTF-8 (byte 0xe9)"),
    ("utf16", "UTF-16"),
    ("scalar_5mb", "larger than 2 MiB"),
    ("scalar_30k", "value longer than 20000 characters"),
    ("many_nodes", "more than 200000 values"),
])
def test_hostile_file_is_refused_with_a_form_error(
    hostile_results: tuple[dict[str, object], Path], name: str, fragment: str
) -> None:
    results, _ = hostile_results
    problems = results[name]
    assert problems != "loaded"
    assert isinstance(problems, list)
    assert any(fragment in message for _, _, message in problems), problems


def test_tags_are_never_executed(hostile_results: tuple[dict[str, object], Path]) -> None:
    _, marker = hostile_results
    assert not marker.exists()


def test_deep_nesting_is_stopped_at_the_first_level_too_deep(
    hostile_results: tuple[dict[str, object], Path],
) -> None:
    results, _ = hostile_results
    assert results["deep_flow_10000"] == [[1, MAX_DEPTH + 1,
                                           f"nesting deeper than {MAX_DEPTH} levels"]]


def test_nesting_up_to_the_limit_is_read() -> None:
    deepest = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert read_yaml(deepest).data is not None
    with pytest.raises(SourceError):
        read_yaml("[" + deepest + "]")


def test_invalid_utf8_names_line_and_column_of_the_first_bad_byte() -> None:
    raw = "a: één\nb: x\n".encode() + b"c: \xc3\x28\n"
    with pytest.raises(SourceError) as info:
        decode_source(raw)
    issue = info.value.issues[0]
    assert (issue.line, issue.col) == (3, 4)


def test_utf16_is_read_only_when_asked_for() -> None:
    raw = "a: één\n".encode("utf-16")
    with pytest.raises(SourceError):
        decode_source(raw)
    assert decode_source(raw, encoding="utf-16") == "a: één\n"


def test_an_unknown_encoding_is_a_problem_not_a_crash() -> None:
    with pytest.raises(SourceError) as info:
        decode_source(b"a: 1\n", encoding="no-such-codec")
    assert "unknown text encoding" in info.value.issues[0].message


def test_a_utf8_bom_is_dropped() -> None:
    assert decode_source(b"\xef\xbb\xbfa: 1\n") == "a: 1\n"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_form_or_a_form_error(raw: bytes) -> None:
    try:
        text = decode_source(raw)
    except SourceError:
        return
    try:
        load_form_text(text)
    except FormError as exc:
        assert exc.problems


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}[]:-,&*!|>'\"#?%@` \n\tab1.")), max_size=200))
def test_any_yaml_like_text_gives_a_form_or_a_form_error(text: str) -> None:
    try:
        load_form_text(text)
    except FormError as exc:
        assert exc.problems
        assert all(p.line >= 1 and p.col >= 1 for p in exc.problems)


MINI_LINES = (ROOT / "tests" / "data" / "forms_ok" / "mini.yaml").read_text(
    encoding="utf-8").splitlines(keepends=True)
TOKENS = ["concern", "need", "rating", "sleep", "housing.need", "9", "-1", "true", "[]", "{}",
          "s5", "nurse", "ge", "in", "[1, 9]", "'x'", "null", "home", "school", "laag"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(MINI_LINES) - 1), st.sampled_from(TOKENS),
                          st.booleans()), min_size=1, max_size=4))
def test_mutated_valid_form_gives_a_form_or_positioned_problems(
    edits: list[tuple[int, str, bool]],
) -> None:
    lines = list(MINI_LINES)
    for index, token, drop in edits:
        line = lines[index]
        if drop:
            lines[index] = ""
        elif ": " in line:
            lines[index] = line.rsplit(": ", 1)[0] + ": " + token + "\n"
    try:
        load_form_text("".join(lines), "m.yaml")
    except FormError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "m.yaml"
            assert 1 <= problem.line <= len(lines) + 1
            assert not problem.message.startswith("cannot check the form"), problem


def _issues(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(SourceError) as info:
        read_yaml(text)
    return [(i.line, i.col, i.message) for i in info.value.issues]


DEPTH = f"nesting deeper than {MAX_DEPTH} levels"


def test_block_nesting_is_stopped_at_the_first_level_too_deep() -> None:
    text = "".join(f"{'  ' * n}k{n}:\n" for n in range(200)) + "  " * 200 + "v\n"
    assert _issues(text) == [(MAX_DEPTH + 1, 2 * MAX_DEPTH + 1, DEPTH)]


def test_flow_nesting_under_block_nesting_counts_both() -> None:
    block = "".join(f"{'  ' * n}k{n}:\n" for n in range(10))
    text = block + "  " * 10 + "[" * 5_000 + "]" * 5_000 + "\n"
    # Ten block mappings, then the bracket that opens the 51st level, on line 11.
    assert _issues(text) == [(11, 20 + (MAX_DEPTH - 10) + 1, DEPTH)]


def test_a_long_line_of_block_sequences_is_stopped_by_our_limit() -> None:
    assert _issues("- " * 5_000 + "x\n") == [(1, 2 * MAX_DEPTH + 1, DEPTH)]


def test_brackets_that_open_no_collection_are_not_counted_as_nesting() -> None:
    many = "[" * 200
    text = (f"# {many}\n"
            f"quoted: \"{many}\"\n"
            f"single: '{many}'\n"
            f"plain: a{many}\n"
            f"block: |\n  {many}\n  {many}\n"
            f"folded: >\n  {many}\n"
            f"flow: ['{many}', \"{many}\"]\n"
            "after: ok\n")
    data = read_yaml(text).data
    assert data["quoted"] == many and data["plain"] == "a" + many
    assert data["block"] == f"{many}\n{many}\n" and data["flow"] == [many, many]
    assert data["after"] == "ok"


@settings(max_examples=60, deadline=None)
@given(depth=st.integers(min_value=1, max_value=3 * MAX_DEPTH),
       opener=st.sampled_from(["[", "{a: "]))
def test_flow_nesting_is_refused_exactly_above_the_limit(depth: int, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    text = opener * depth + "1" + closer * depth
    if depth <= MAX_DEPTH:
        assert read_yaml(text).data is not None
    else:
        assert _issues(text) == [(1, len(opener) * MAX_DEPTH + 1, DEPTH)]
