"""Read and validate Drafter's YAML files (drafts, clause packs, law data, the skeleton).

Why not `yaml.safe_load`: users edit these files by hand, so a message must name the line
of the bad value, not only the file, and a value the schema calls text must stay what the
user typed (`number: 2026.10` is the ordinance "2026.10", not the float 2026.1). So we
compose PyYAML's node tree (libyaml when available), keep it beside the plain data, and ask
it for a line or for the text as written only when a validator needs one. Aliases are
refused (no "billion laughs"), and only regular files under a size limit are read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafter.errors import DataErrors, DrafterError, Problem, did_you_mean

try:  # libyaml is an order of magnitude faster; pure Python is the fallback
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]

MAX_BYTES_DEFAULT = 4 * 1024 * 1024

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"

# Characters Word's XML cannot carry, or that are invisible there: C0 controls except tab
# and newline, DEL, C1 controls, lone surrogates, and the non-characters U+FFFE and U+FFFF.
_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Located:
    """Plain data from one YAML file, with the node tree it came from.

    The tree answers the two questions validation asks about a value: on which line it
    is (`line`), and how it was written (`written`). `root` is None for data that never
    was YAML text (a draft built by the app), which then has no lines to give."""

    file: str
    data: Any
    root: yaml.Node | None = field(default=None, repr=False, compare=False)

    def _walk(self, path: Path_) -> tuple[yaml.Node | None, int | None]:
        """The node at `path` (None when the path goes further than the tree) and the line
        of the nearest step found: a mapping key's own line, a list item's first line."""
        node = self.root
        if node is None:
            return None, None
        line = node.start_mark.line + 1
        for step in path:
            found: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for knode, vnode in node.value:  # the last of duplicate keys wins, as in data
                    if knode.value == step and isinstance(knode, yaml.ScalarNode):
                        found, line = vnode, knode.start_mark.line + 1
            elif (isinstance(node, yaml.SequenceNode) and isinstance(step, int)
                  and 0 <= step < len(node.value)):
                found = node.value[step]
                line = found.start_mark.line + 1
            if found is None:
                return None, line
            node = found
        return node, line

    def line(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest ancestor in the file."""
        return self._walk(path)[1]

    def written(self, path: Path_) -> str | None:
        """The scalar at `path` exactly as typed, when the YAML kept it faithfully.

        Raises `Unfaithful` when YAML changed it on the way (a plain scalar folded from
        several lines) or the file asked for another type with a tag (`!!int`); None when
        there is no scalar there."""
        node = self._walk(path)[0]
        if not isinstance(node, yaml.ScalarNode):
            return None
        if node.tag == _STR_TAG:
            return str(node.value)
        if node.style:  # quoted or a block scalar, yet not text: a tag said otherwise
            raise Unfaithful(f"its tag '{node.tag.rsplit(':', 1)[-1]}' makes it not text")
        implicit = _LOADER.resolve(yaml.ScalarNode, node.value, (True, False))  # type: ignore[no-untyped-call]
        if node.tag != implicit:
            raise Unfaithful(f"its tag '{node.tag.rsplit(':', 1)[-1]}' makes it not text")
        if node.end_mark.line != node.start_mark.line:
            raise Unfaithful("it runs over several lines")
        return str(node.value)


class Unfaithful(Exception):
    """A scalar whose text as typed YAML did not keep (the message says why)."""


def read_text_limited(path: Path, max_bytes: int) -> str:
    """Read a UTF-8 text file, refusing anything that is not a regular file of at most
    `max_bytes` before reading a byte of it: a pipe would block, /dev/zero never ends."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DrafterError("file not found", path) from None
    except OSError as exc:
        raise DrafterError(f"cannot read file: {exc.strerror}", path) from None
    _check_regular(st, path, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as fh:
            # the path may have been swapped for something else since the stat above
            _check_regular(os.fstat(fh.fileno()), path, max_bytes)
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise DrafterError(f"cannot read file: {exc.strerror}", path) from None
    if len(raw) > max_bytes:
        raise DrafterError(f"file is too large (it grew past the limit of "
                           f"{max_bytes / 1048576:.0f} MB while being read)", path)
    if b"\x00" in raw:
        raise DrafterError("not a text file (it contains NUL bytes)", path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DrafterError(f"not UTF-8 text (bad byte at offset {exc.start})", path) from None


def _check_regular(st: os.stat_result, path: Path, max_bytes: int) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise DrafterError("is a folder, not a file", path)
    if not stat.S_ISREG(st.st_mode):
        raise DrafterError("is not a regular file (a device, pipe or socket); Drafter reads "
                           "only ordinary files", path)
    if st.st_size > max_bytes:
        raise DrafterError(
            f"file is too large ({st.st_size / 1048576:.1f} MB; the limit is "
            f"{max_bytes / 1048576:.0f} MB)", path)


def load_yaml(path: Path | str, max_bytes: int = MAX_BYTES_DEFAULT) -> Located:
    """Load one YAML file strictly; problems carry the file and line."""
    path = Path(path)
    return parse_yaml(read_text_limited(path, max_bytes), str(path))


def parse_yaml(text: str, file: str) -> Located:
    """Parse YAML text strictly: every problem found is raised together, with its line."""
    try:
        loader = _Loader(text)  # the pure-Python reader checks characters here already
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise DrafterError(f"invalid YAML: {_yaml_message(exc)}", file,
                           _yaml_line(exc)) from None
    except yaml.reader.ReaderError as exc:
        # YAML refuses control characters before parsing, with an offset, not a line
        char = exc.character
        code = ord(char) if isinstance(char, str) else int(char)
        raise DrafterError(f"contains {_char_name(chr(code))}; remove it", file,
                           _offset_line(text, exc.position)) from None
    except yaml.YAMLError as exc:
        raise DrafterError(f"invalid YAML: {exc}", file) from None
    if root is None:
        return Located(file, None)
    conv = _Converter(file)
    try:
        data = conv.convert(root)
    except _AliasFound as exc:
        raise DrafterError("anchors and aliases (&, *) are not allowed in Drafter files",
                           file, exc.line) from None
    except RecursionError:
        raise DrafterError("YAML is nested too deeply", file) from None
    if conv.problems:
        raise DataErrors(conv.problems)
    return Located(file, data, root)


def _offset_line(text: str, offset: int) -> int | None:
    """The line of a reader error's offset: libyaml counts UTF-8 bytes, PyYAML characters."""
    if offset < 0:
        return None
    if _Loader.__name__.startswith("C"):
        return text.encode("utf-8", "surrogatepass")[:offset].count(b"\n") + 1
    return text.count("\n", 0, offset) + 1


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    msg = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        msg = f"{exc.context}: {exc.problem}"
    if (exc.context_mark is not None and exc.problem_mark is not None
            and exc.problem_mark.line != exc.context_mark.line):
        msg += f" (noticed at line {exc.problem_mark.line + 1})"
    return msg


def _yaml_line(exc: yaml.MarkedYAMLError) -> int | None:
    # The context mark is where the broken construct starts (an unclosed bracket or quote);
    # that is the line a user must fix. The problem mark is where the parser gave up, often
    # the end of the file.
    mark = exc.context_mark or exc.problem_mark
    return mark.line + 1 if mark is not None else None


_LOADER = _Loader("")  # resolves and constructs scalars; never reads a stream


class _AliasFound(Exception):
    def __init__(self, line: int):
        self.line = line


class _Converter:
    """Node tree -> plain Python (dicts, lists, scalars); flags duplicate and merge keys,
    keys that are not text, keys with characters XML cannot carry, and scalars YAML
    cannot construct."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def _problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(message, self.file, node.start_mark.line + 1))

    def convert(self, node: yaml.Node, line: int = 0) -> Any:
        """`line`: where the node was reached (an alias node is its anchor's node, so its
        own mark names the anchor's line, not the alias's)."""
        # An alias is the same node object reached twice: refuse it before it multiplies.
        if id(node) in self.seen:
            raise _AliasFound(line or node.start_mark.line + 1)
        self.seen.add(id(node))
        if node.tag == _STR_TAG and isinstance(node, yaml.ScalarNode):
            return node.value
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, yaml.ScalarNode):
                    self._problem(knode, "mapping keys must be plain text")
                    continue
                if knode.tag == _MERGE_TAG:
                    self._problem(knode, "merge keys (<<) are not allowed")
                    continue
                key = knode.value
                if key in out:
                    self._problem(knode, f"duplicate key '{key}'")
                bad = _BAD_CHAR.search(key)
                if bad:
                    self._problem(knode, f"key contains {_char_name(bad.group())}")
                out[key] = self.convert(vnode, knode.start_mark.line + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, node.start_mark.line + 1) for item in node.value]
        # scalar constructors keep no state, so one loader serves every parse and thread
        construct = _LOADER.yaml_constructors.get(node.tag)
        if construct is None:
            self._problem(node, f"unknown tag '{node.tag}'; Drafter files use no tags")
            return None
        try:
            return construct(_LOADER, node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, IndexError) as exc:
            # e.g. "2026-13-03" looks like a date to YAML but is not one
            self._problem(node, f"bad value '{node.value}': {exc}; put it in quotes if it "
                          "is meant as text")
            return None


def _char_name(char: str) -> str:
    what = "a control character" if char < "\ud800" else "a character Word cannot hold"
    return f"{what} (U+{ord(char):04X})"


# --- validation helpers -------------------------------------------------------------------


class Checker:
    """Collects problems while validating a `Located` document against expectations."""

    def __init__(self, doc: Located):
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, path: Path_, message: str) -> None:
        self.problems.append(Problem(message, self.doc.file, self.doc.line(path)))

    def mapping(self, value: Any, path: Path_, what: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.add(path, f"{what} must be a mapping of keys to values, not {_kind(value)}")
        return {}

    def keys(self, value: dict[str, Any], path: Path_, allowed: Iterable[str],
             required: Iterable[str] = (), what: str = "") -> None:
        allowed = list(allowed)
        for key in value:
            if key not in allowed:
                where = f" in {what}" if what else ""
                self.add((*path, key),
                         f"unknown key '{key}'{where}{did_you_mean(key, allowed)}")
        for key in required:
            if key not in value or value[key] is None or value[key] == "":
                where = f" in {what}" if what else ""
                self.add(path, f"missing required key '{key}'{where}")

    def text(self, value: Any, path: Path_, what: str, required: bool = True,
             max_len: int = 100_000) -> str | None:
        """A value the schema calls text, as the user typed it: `2026.10` stays "2026.10",
        `0123` stays "0123", `yes` stays "yes"."""
        if value is None:
            if required:
                self.add(path, f"{what} is missing")
            return None
        if not isinstance(value, str):
            written = self._written(path, what)
            if written is False:
                return None
            if isinstance(written, str):
                value = written
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                value = str(value)  # data built in code or by yaml.safe_load: no tree
            elif isinstance(value, dt.date):
                value = value.isoformat()
            else:
                self.add(path, f"{what} must be text, not {_kind(value)}")
                return None
        s: str = value
        if len(s) > max_len:
            self.add(path, f"{what} is too long ({len(s)} characters; at most {max_len})")
            return s[:max_len]
        bad = _BAD_CHAR.search(s)
        if bad:
            self.add(path, f"{what} contains {_char_name(bad.group())}")
            s = _BAD_CHAR.sub("", s)
        return s

    def _written(self, path: Path_, what: str) -> str | None | bool:
        """The text as typed; None when unknown; False after reporting why it cannot be."""
        try:
            return self.doc.written(path)
        except Unfaithful as exc:
            self.add(path, f"{what} must be written in quotes to be read as text exactly as "
                     f"typed ({exc})")
            return False

    def choice(self, value: Any, path: Path_, choices: Iterable[str], what: str) -> str | None:
        choices = list(choices)
        if value in choices:
            return value  # type: ignore[no-any-return]
        shown = value
        if not isinstance(value, str):
            with contextlib.suppress(Unfaithful):  # `strength: yes` is shown as typed
                shown = self.doc.written(path) or value
        self.add(path, f"unknown {what} '{shown}'{did_you_mean(str(shown), choices)}; "
                 f"expected one of: {', '.join(choices)}")
        return None

    def str_list(self, value: Any, path: Path_, what: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(path, f"{what} must be a list")
            return []
        out = []
        for i, item in enumerate(value):
            s = self.text(item, (*path, i), f"{what} item")
            if s is not None:
                out.append(s)
        return out

    def date(self, value: Any, path: Path_, what: str) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.add(path, f"{what} must be a date like 2026-11-21, not '{value}'")
            return None

    def raise_if_any(self) -> None:
        if self.problems:
            raise DataErrors(self.problems)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def clean_text(s: str) -> str:
    """Strip characters Word's XML cannot carry, which a user may have pasted."""
    return _BAD_CHAR.sub("", s)

