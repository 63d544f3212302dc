"""Safe YAML reading with line numbers, and canonical YAML writing.

PyYAML's ``safe_load`` still expands aliases (billion laughs), keeps the last of
duplicate keys silently and forgets where each value came from.  We compose
the node tree ourselves so every value keeps its line, and refuse anchors,
aliases, duplicate keys, custom tags and oversized files outright.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.errors import DataError, Problem

MAX_BYTES = 256 * 1024  # a paper file is a few KB; 100 KB abstracts still fit

_STANDARD_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}

Path = tuple[Any, ...]
# libyaml's parser when PyYAML was built with it (about ten times faster); same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Loaded:
    """A YAML document as plain Python data, with a line for every key and item."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)  # source text of scalars

    def line(self, *path: Any) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


class _Constructor(yaml.constructor.SafeConstructor):
    pass


def loads(text: str, path: str) -> Loaded:
    """Parse one YAML document; raise DataError naming ``path`` and the line."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise DataError([Problem(path, 1, f"file is larger than {MAX_BYTES // 1024} KB; refusing to read it")])
    text = text.lstrip("\ufeff")
    try:
        node, failed = _compose(text, path, _LOADER), False
    except yaml.YAMLError:
        node, failed = None, True  # reported below in the pure-Python parser's words, which name the problem better
    try:
        if failed:
            node = _compose(text, path, yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise DataError([Problem(path, line, f"invalid YAML: {exc.problem or exc.context}{_hint(exc)}")]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(path, 1, f"invalid YAML: {exc}")]) from None
    loaded = Loaded(None)
    if node is None:
        return loaded
    problems: list[Problem] = []
    loaded.data = _build(node, (), loaded, path, problems)
    if problems:
        raise DataError(problems)
    return loaded


def _compose(text: str, path: str, loader: type) -> yaml.Node | None:
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            line = event.start_mark.line + 1
            raise DataError([Problem(path, line, "YAML anchors and aliases (&name, *name) are not allowed")])
    return yaml.compose(text, Loader=loader)


def _hint(exc: yaml.MarkedYAMLError) -> str:
    """The usual cause of PyYAML's terser messages, in a curator's words."""
    problem = str(exc.problem or "")
    if "mapping values are not allowed" in problem:
        return '; a value that contains ": " must be quoted, e.g. title: "SAGS: Structure-Aware …"'
    if "found character '\\t'" in problem:
        return "; indent with spaces, not tabs"
    if "found unexpected end of stream" in problem:
        return "; check for an unclosed quote or bracket"
    return ""


def _build(node: yaml.Node, at: Path, out: Loaded, path: str, problems: list[Problem]) -> Any:
    line = node.start_mark.line + 1
    out.lines[at] = line
    if node.tag not in _STANDARD_TAGS:
        problems.append(Problem(path, line, f"YAML tag {node.tag!r} is not allowed; write plain values"))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, at + ("<key>",), out, path, problems)
            if not isinstance(key, str):
                problems.append(Problem(path, key_node.start_mark.line + 1, f"key {key!r} must be text"))
                continue
            if key in result:
                problems.append(
                    Problem(path, key_node.start_mark.line + 1, f"duplicate key {key!r} (first set on line {out.lines[at + (key,)]})")
                )
                continue
            out.lines[at + (key,)] = key_node.start_mark.line + 1
            result[key] = _build(value_node, at + (key,), out, path, problems)
            out.lines[at + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, at + (i,), out, path, problems) for i, item in enumerate(node.value)]
    out.raw[at] = node.value
    try:
        return _Constructor().construct_object(node)
    except ValueError:  # "2024-13-01" looks like a date but is none: keep the text for the schema to report
        return node.value


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Long prose reads best folded; everything else stays on one line.
    style = ">" if len(value) > 80 and "\n" not in value and value == value.strip() else None
    if "\n" in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dumps(data: dict[str, Any]) -> str:
    """Canonical YAML for a paper: keys in the given order, wide lines, UTF-8."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, default_flow_style=False)


def has_comments(text: str) -> bool:
    """True when ``text`` holds a YAML comment, which a canonical rewrite would drop."""
    if "#" not in text:
        return False
    covered = bytearray(len(text) + 1)
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            start, end = token.start_mark.index, token.end_mark.index
            covered[start:end] = b"\x01" * (end - start)
    except yaml.YAMLError:
        return True  # unreadable: treat as precious
    return any(ch == "#" and not covered[i] for i, ch in enumerate(text))
