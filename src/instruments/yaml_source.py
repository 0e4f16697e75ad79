"""Safe, position-tracking YAML reading for form and answer files (limits first, no tags run).

The reader never constructs arbitrary objects and never recurses: it decodes the bytes itself
(UTF-8 only unless asked otherwise), then streams parser events and builds plain dicts, lists
and scalars with an explicit stack, recording the 1-based line and column of every value and
every mapping key by its path. Hostile input (alias bombs, deep nesting, huge scalars, binary,
wrong encodings, custom tags) is refused with positioned problems, never a traceback.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 50
MAX_SCALAR = 20_000
MAX_NODES = 200_000

# A path into the data: mapping keys (str) and sequence indexes (int).
DataPath = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {f"{_TAG}map", f"{_TAG}seq"}
ALIAS_MESSAGE = "anchors and aliases are not allowed in form files"

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in the source text."""

    line: int
    col: int


@dataclass(frozen=True)
class SourceIssue:
    """One problem found while reading, at a 1-based line and column."""

    line: int
    col: int
    message: str


class SourceError(Exception):
    """The text could not be read as a safe YAML document; `issues` says where and why."""

    def __init__(self, issues: list[SourceIssue]) -> None:
        super().__init__("\n".join(f"{i.line}:{i.col}: {i.message}" for i in issues))
        self.issues = issues


@dataclass
class YamlDocument:
    """Plain data from one YAML document, with the position of every value and key."""

    data: Any
    value_marks: dict[DataPath, Position] = field(default_factory=dict)
    key_marks: dict[DataPath, Position] = field(default_factory=dict)

    def known_prefix(self, path: DataPath) -> DataPath:
        """The longest prefix of `path` that exists in the data."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.value_marks:
                return path[:end]
        return ()

    def position(self, path: DataPath) -> Position:
        """Where the value at `path` starts (or its nearest existing ancestor)."""
        return self.value_marks.get(self.known_prefix(path), Position(1, 1))

    def key_position(self, path: DataPath) -> Position:
        """Where the mapping key naming `path` is; the value position when there is no key."""
        return self.key_marks.get(path) or self.position(path)


# ----- bytes to text ----------------------------------------------------------------------------


def _line_col(raw: bytes, offset: int) -> Position:
    """The line and column (in characters) of a byte offset, counting only the valid prefix."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Position(line, col)


def decode_source(raw: bytes, encoding: str | None = None) -> str:
    """Decode form bytes to text: UTF-8 (an optional BOM is dropped) unless `encoding` is given.

    Refuses files above MAX_BYTES, UTF-16/32 that was not asked for, NUL bytes (binary files)
    and invalid UTF-8, naming the position of the first bad byte.
    """
    if len(raw) > MAX_BYTES:
        raise SourceError([SourceIssue(1, 1, f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB "
                                             f"({len(raw)} bytes); form files are small text files")])
    try:
        codec = codecs.lookup(encoding or "utf-8").name
    except LookupError:
        raise SourceError([SourceIssue(1, 1, f"unknown text encoding '{encoding}'")]) from None
    if codec != "utf-8":
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as exc:
            raise SourceError([SourceIssue(1, 1, f"not valid {encoding}: {exc.reason} at byte "
                                                 f"{exc.start}")]) from None
        return text.removeprefix("\ufeff")
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                      (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if raw.startswith(bom):
            raise SourceError([SourceIssue(1, 1, f"file is {name}-encoded; save form files as UTF-8")])
    nul = raw.find(b"\x00")
    if nul >= 0:
        pos = _line_col(raw, nul)
        head = raw[:64]
        if max(head[0::2].count(0), head[1::2].count(0)) * 4 >= len(head):
            message = "file looks UTF-16-encoded (NUL bytes); save form files as UTF-8"
        else:
            message = "file contains NUL bytes: a binary file, not a YAML text"
        raise SourceError([SourceIssue(pos.line, pos.col, message)])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        pos = _line_col(raw, exc.start)
        raise SourceError([SourceIssue(pos.line, pos.col,
                                       f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                                       "save form files as UTF-8")]) from None
    return text.removeprefix("\ufeff")


# ----- text to data -----------------------------------------------------------------------------


class _BadKey:
    """Stands in for a mapping key that is not a plain scalar; its value is dropped."""


@dataclass
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: DataPath
    key: Any = None
    has_key: bool = False
    key_pos: Position | None = None


def _pos(mark: Any) -> Position:
    return Position(int(mark.line) + 1, int(mark.column) + 1)


def _scalar_value(event: yaml.ScalarEvent) -> Any:
    """Resolve and construct a scalar with the safe constructor (standard tags only)."""
    tag = event.tag
    if tag is None or tag == "!":
        if tag == "!" or not event.implicit[0]:
            return event.value
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value, None, None, event.style)
    if tag == f"{_TAG}int":
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == f"{_TAG}float":
        return _CONSTRUCTOR.construct_yaml_float(node)
    if tag == f"{_TAG}bool":
        return _CONSTRUCTOR.construct_yaml_bool(node)
    if tag == f"{_TAG}null":
        return None
    return event.value  # str, and implicit timestamps kept as their text


def _check_tag(tag: str | None, allowed: set[str], pos: Position,
               issues: list[SourceIssue]) -> None:
    if tag is not None and tag != "!" and tag not in allowed:
        shown = "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag
        issues.append(SourceIssue(pos.line, pos.col,
                                  f"tag '{shown}' is not allowed in form files"))


def _syntax_issue(exc: yaml.YAMLError, text: str) -> SourceIssue:
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        pos = _pos(exc.problem_mark)
        message = exc.problem or "invalid YAML"
        if exc.context:
            message = f"{message} ({exc.context})"
        return SourceIssue(pos.line, pos.col, f"YAML syntax error: {message}")
    if isinstance(exc, yaml.reader.ReaderError):
        offset = min(int(exc.position), len(text))
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        return SourceIssue(line, col, f"YAML syntax error: {exc.reason} "
                                      f"(character U+{ord(char[:1] or ' '):04X})")
    return SourceIssue(1, 1, f"YAML syntax error: {exc}")


DEPTH_MESSAGE = f"nesting deeper than {MAX_DEPTH} levels"


def _flow_too_deep(text: str) -> int | None:
    """The offset of the first flow bracket that opens a level deeper than MAX_DEPTH, or None.

    A YAML parser looks ahead over a line before it hands out events, so a line of brackets
    reaches the parser's own limits before our event check sees them. This scan runs first and
    needs no parser: it follows comments, quoted scalars and block scalars well enough to count
    only brackets that open flow collections. It never rejects on its own judgement of anything
    but depth; every other problem is left to the parser.
    """
    depth = 0
    block_indent = -1  # inside a block scalar: lines indented deeper than this are its text
    node_start = True  # the next character may start a node (so a bracket or quote is syntax)
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char == "\n":
            i += 1
            if depth == 0:
                node_start = True
                indent = 0
                while i < end and text[i] == " ":
                    i, indent = i + 1, indent + 1
                if block_indent >= 0:
                    if i >= end or text[i] == "\n" or indent > block_indent:
                        i = text.find("\n", i)
                        i = end if i < 0 else i
                        continue
                    block_indent = -1
            continue
        if char in " \t":
            i += 1
            continue
        if char == "#" and (i == 0 or text[i - 1] in " \t\n"):
            i = text.find("\n", i)
            i = end if i < 0 else i
            continue
        if node_start and char in "'\"":
            i = _quoted_end(text, i)
            node_start = False
            continue
        if char in "[{" and (node_start or depth > 0):
            depth += 1
            if depth > MAX_DEPTH:
                return i
            node_start = True
        elif char in "]}" and depth > 0:
            depth -= 1
            node_start = False
        elif char == "," and depth > 0 or char in "-?:" and (i + 1 >= end or text[i + 1] in " \t\n"):
            node_start = True
        elif char in "|>" and node_start and depth == 0:
            line_start = text.rfind("\n", 0, i) + 1
            block_indent = len(text[line_start:i]) - len(text[line_start:i].lstrip(" "))
            node_start = False
        else:
            node_start = False
        i += 1
    return None


def _quoted_end(text: str, start: int) -> int:
    """The offset just past the quoted scalar that starts at `start` (or the end of the text)."""
    quote, i = text[start], start + 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text[i + 1:i + 2] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return len(text)


def read_yaml(text: str) -> YamlDocument:
    """Read one YAML document into plain data with positions, or raise SourceError.

    Nesting is limited here, before the parser's own limits, so the message and its position
    are ours whatever the YAML library's version: where a bracket goes too deep, only the text
    before it is parsed, to find the first level too deep counting block nesting too.
    """
    too_deep = _flow_too_deep(text)
    if too_deep is None:
        return _read_events(text)
    line = text.count("\n", 0, too_deep) + 1
    col = too_deep - (text.rfind("\n", 0, too_deep) + 1) + 1
    issues: list[SourceIssue] = []
    try:
        _read_events(text[:too_deep])
    except SourceError as exc:
        issues = [i for i in exc.issues if not i.message.startswith("YAML syntax error")]
    if not any(i.message == DEPTH_MESSAGE for i in issues):
        issues.append(SourceIssue(line, col, DEPTH_MESSAGE))
    raise SourceError(issues)


def _read_events(text: str) -> YamlDocument:
    """Stream the parser's events into plain data with positions, or raise SourceError."""
    issues: list[SourceIssue] = []
    doc = YamlDocument(data=None)
    stack: list[_Frame] = []
    documents = 0
    nodes = 0
    root_set = False

    def attach(value: Any, pos: Position, is_scalar: bool) -> DataPath | None:
        """Put a value into its parent (or as the root); returns its path, None if dropped."""
        nonlocal root_set
        if not stack:
            doc.data = value
            root_set = True
            doc.value_marks[()] = pos
            return ()
        frame = stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            doc.value_marks[path] = pos
            return path
        if not frame.has_key:
            frame.has_key, frame.key_pos = True, pos
            if not is_scalar:
                issues.append(SourceIssue(pos.line, pos.col,
                                          "a mapping key must be a plain value, not a collection"))
                frame.key = _BadKey()
            else:
                frame.key = value
                if value in frame.container:
                    first = doc.key_marks.get((*frame.path, value))
                    where = f" (first at line {first.line})" if first else ""
                    issues.append(SourceIssue(pos.line, pos.col,
                                              f"duplicate key '{value}'{where}"))
                    frame.key = _BadKey()
            return None
        key = frame.key
        frame.has_key, frame.key = False, None
        if isinstance(key, _BadKey):
            return None
        path = (*frame.path, key)
        frame.container[key] = value
        doc.value_marks[path] = pos
        if frame.key_pos is not None:
            doc.key_marks[path] = frame.key_pos
        return path

    events = yaml.parse(text, Loader=_Loader)
    try:
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    pos = _pos(event.start_mark)
                    issues.append(SourceIssue(pos.line, pos.col,
                                              "a form file holds exactly one YAML document"))
                    break
                continue
            if not isinstance(event, yaml.NodeEvent | yaml.CollectionEndEvent):
                continue
            pos = _pos(event.start_mark)
            if isinstance(event, yaml.AliasEvent):
                issues.append(SourceIssue(pos.line, pos.col, ALIAS_MESSAGE))
                attach(None, pos, True)
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                continue
            nodes += 1
            if nodes > MAX_NODES:
                issues.append(SourceIssue(pos.line, pos.col,
                                          f"more than {MAX_NODES} values; not a form file"))
                break
            if event.anchor is not None:
                issues.append(SourceIssue(pos.line, pos.col, ALIAS_MESSAGE))
            if isinstance(event, yaml.ScalarEvent):
                _check_tag(event.tag, _SCALAR_TAGS, pos, issues)
                if len(event.value) > MAX_SCALAR:
                    issues.append(SourceIssue(pos.line, pos.col,
                                              f"value longer than {MAX_SCALAR} characters"))
                    attach(None, pos, True)
                    continue
                frame = stack[-1] if stack else None
                is_key = frame is not None and isinstance(frame.container, dict) and not frame.has_key
                try:
                    # Keys are names: kept as written (`no`, `on`, `1` stay text) unless tagged.
                    value = event.value if is_key and event.tag is None else _scalar_value(event)
                except (ValueError, OverflowError, yaml.YAMLError):
                    issues.append(SourceIssue(pos.line, pos.col,
                                              f"cannot read value {event.value[:40]!r}"))
                    value = None
                attach(value, pos, True)
                continue
            if not isinstance(event, yaml.CollectionStartEvent):  # pragma: no cover
                continue
            # A mapping or a sequence starts.
            _check_tag(event.tag, _COLLECTION_TAGS, pos, issues)
            if len(stack) + 1 > MAX_DEPTH:
                issues.append(SourceIssue(pos.line, pos.col, DEPTH_MESSAGE))
                break
            container: dict[Any, Any] | list[Any] = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            path = attach(container, pos, False)
            if path is None:  # a collection used as a key: read it, then drop it
                path = ("\x00dropped",)
            stack.append(_Frame(container, path))
    except yaml.YAMLError as exc:
        issues.append(_syntax_issue(exc, text))
    finally:
        close = getattr(events, "close", None)
        if close is not None:
            close()
    if issues:
        raise SourceError(issues)
    if not root_set:
        doc.data = None
    return doc
