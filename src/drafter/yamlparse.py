"""Parsing YAML into plain data with a line for every path (the part of `yamlio` that
needs PyYAML, kept apart so a cached load never imports it).

We compose the node tree (libyaml when available), refuse aliases (no "billion laughs"),
and convert nodes to plain Python while recording the line of each path and flagging
duplicate keys, merge keys and values YAML cannot construct.
"""

from __future__ import annotations

from typing import Any

import yaml

from drafter.errors import DataErrors, DrafterError, Problem
from drafter.yamlio import Located, Path_

try:  # libyaml is an order of magnitude faster; pure Python is the fallback
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


def parse(text: str, file: str) -> Located:
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        # The context mark is where the broken construct starts (an unclosed bracket or
        # quote); that is the line a user must fix. The problem mark is where the parser
        # gave up, often the end of the file.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        msg = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            msg = f"{exc.context}: {exc.problem}"
        if (exc.context_mark is not None and exc.problem_mark is not None
                and exc.problem_mark.line != exc.context_mark.line):
            msg += f" (noticed at line {exc.problem_mark.line + 1})"
        raise DrafterError(f"invalid YAML: {msg}", file, line) from None
    except yaml.YAMLError as exc:
        raise DrafterError(f"invalid YAML: {exc}", file) from None
    located = Located(file, None)
    if node is None:
        return located
    conv = _Converter(file, located.lines)
    try:
        located.data = conv.convert(node, ())
    except _AliasFound as exc:
        raise DrafterError("anchors and aliases (&, *) are not allowed in Drafter files",
                           file, exc.line) from None
    except RecursionError:
        raise DrafterError("YAML is nested too deeply", file) from None
    if conv.problems:
        raise DataErrors(conv.problems)
    return located


_STR_TAG = "tag:yaml.org,2002:str"


class _AliasFound(Exception):
    def __init__(self, line: int):
        self.line = line


class _Converter:
    """Node tree -> plain Python; records lines; flags duplicate keys."""

    def __init__(self, file: str, lines: dict[Path_, int]):
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []
        self.loader = _Loader("")
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        # An alias is the same node object reached twice: refuse it before it multiplies.
        if id(node) in self.seen:
            raise _AliasFound(node.start_mark.line + 1)
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, yaml.ScalarNode):
                    self.problems.append(Problem("mapping keys must be plain text", self.file,
                                                 knode.start_mark.line + 1))
                    continue
                if knode.tag == "tag:yaml.org,2002:merge":
                    self.problems.append(Problem("merge keys (<<) are not allowed", self.file,
                                                 knode.start_mark.line + 1))
                    continue
                key = knode.value
                if key in out:
                    self.problems.append(Problem(f"duplicate key '{key}'", self.file,
                                                 knode.start_mark.line + 1))
                sub = (*path, key)
                self.lines[sub] = knode.start_mark.line + 1
                out[key] = self.convert(vnode, sub)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag == _STR_TAG:  # the common case, without the constructor machinery
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            # e.g. "2026-13-03" looks like a date to YAML but is not one
            self.problems.append(Problem(f"bad value '{node.value}': {exc}", self.file,
                                         node.start_mark.line + 1))
            return None


