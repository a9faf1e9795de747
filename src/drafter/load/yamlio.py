"""Read and validate Drafter's YAML files (drafts, clause packs, law data, the skeleton).

Why not `yaml.safe_load`: users edit these files by hand, so a message must name the line
of the bad value, not only the file, and a value the schema calls text must stay what the
user typed (`number: 2026.10` is the ordinance "2026.10", not the float 2026.1). So we
compose PyYAML's node tree (libyaml when available) and keep, beside the plain data, its
*shape*: each value's line and, for a value YAML did not read as text, the text as typed.
Aliases are refused (no "billion laughs"), and only regular files under a size limit are
read.

The shape is plain data too, so a file's data and shape together can be kept in the
parse cache (`parse_cache`), and a file read before is not parsed again: PyYAML is then
not even imported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from drafter.errors import DataErrors, DrafterError, Problem, did_you_mean
from drafter.load import parse_cache

if TYPE_CHECKING:
    import yaml

Path_ = tuple[str | int, ...]

# The shape of one YAML value, in plain data (see `Located`):
#   int                                      text: the line it is on
#   ("scalar", line, as_typed, why_not)      any other scalar; as_typed is None when YAML
#                                            changed it on the way, and why_not says why
#   ("map", line, {key: (key_line, shape)})  a mapping; a key's line is where it is written
#   ("seq", line, [shape, ...])              a list
Shape = int | tuple[Any, ...]

MAX_BYTES_DEFAULT = 4 * 1024 * 1024

_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"

# Characters Word's XML cannot carry, or that are invisible there: C0 controls except tab
# and newline, DEL, C1 controls, lone surrogates, and the non-characters U+FFFE and U+FFFF.
_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@functools.cache
def loader_class() -> type:
    """PyYAML's libyaml loader, an order of magnitude faster; the pure-Python one where
    PyYAML was built without libyaml."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _scalar_loader() -> Any:
    """Resolves and constructs scalars; never reads a stream, so one serves every parse."""
    return loader_class()("")


def _line_of(shape: Shape) -> int:
    return shape if isinstance(shape, int) else int(shape[1])


@dataclass
class Located:
    """Plain data from one YAML file, with its shape (see `Shape`).

    The shape answers the two questions validation asks about a value: on which line it
    is (`line`), and how it was written (`written`). `shape` is None for data that never
    was YAML text (a draft built by the app), which then has no lines to give."""

    file: str
    data: Any
    shape: Shape | None = field(default=None, repr=False, compare=False)

    def _walk(self, path: Path_) -> tuple[Shape | None, int | None]:
        """The shape at `path` (None when the path goes further than the file) and the
        line of the nearest step found: a mapping key's own line, a list item's first."""
        node = self.shape
        if node is None:
            return None, None
        line = _line_of(node)
        for step in path:
            found: Shape | None = None
            if isinstance(node, tuple) and node[0] == "map":
                entry = node[2].get(step)
                if entry is not None:
                    line, found = entry
            elif (isinstance(node, tuple) and node[0] == "seq" and isinstance(step, int)
                  and 0 <= step < len(node[2])):
                found = node[2][step]
                line = _line_of(found)
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
        if isinstance(node, int):  # read as text: the data holds it as typed
            value = self.data
            for step in path:
                value = value[step]
            return str(value)
        if not isinstance(node, tuple) or node[0] != "scalar":
            return None
        if node[2] is None:
            raise Unfaithful(node[3])
        return str(node[2])


class Unfaithful(Exception):
    """A scalar whose text as typed YAML did not keep (the message says why)."""


def read_text_limited(path: Path, max_bytes: int) -> str:
    """Read a UTF-8 text file, refusing anything that is not a regular file of at most
    `max_bytes` before reading a byte of it: a pipe would block, /dev/zero never ends."""
    return _decode(_read_bytes_limited(path, max_bytes), path)


def _read_bytes_limited(path: Path, max_bytes: int) -> bytes:
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
    return raw


def _decode(raw: bytes, path: Path) -> str:
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
    """Load one YAML file strictly; problems carry the file and line.

    A file whose bytes were parsed before, by this version of Drafter, comes from the parse
    cache; only a file that parsed without a problem is kept there."""
    path = Path(path)
    raw = _read_bytes_limited(path, max_bytes)
    kept = parse_cache.lookup(raw)
    if kept is not None:
        return Located(str(path), *kept)
    doc = parse_yaml(_decode(raw, path), str(path))
    parse_cache.store(raw, (doc.data, doc.shape))
    return doc


def parse_yaml(text: str, file: str) -> Located:
    """Parse YAML text strictly: every problem found is raised together, with its line."""
    import yaml

    try:
        loader = loader_class()(text)  # the pure-Python reader checks characters here
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
        data, shape = conv.convert(root)
    except _AliasFound as exc:
        raise DrafterError("anchors and aliases (&, *) are not allowed in Drafter files",
                           file, exc.line) from None
    except RecursionError:
        raise DrafterError("YAML is nested too deeply", file) from None
    if conv.problems:
        raise DataErrors(conv.problems)
    return Located(file, data, shape)


def _offset_line(text: str, offset: int) -> int | None:
    """The line of a reader error's offset: libyaml counts UTF-8 bytes, PyYAML characters."""
    if offset < 0:
        return None
    if loader_class().__name__.startswith("C"):
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


class _AliasFound(Exception):
    def __init__(self, line: int):
        self.line = line


class _Converter:
    """Node tree -> plain data and its shape; flags duplicate and merge keys, keys that
    are not text, keys with characters XML cannot carry, and scalars YAML cannot
    construct."""

    def __init__(self, file: str):
        import yaml

        self.file = file
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self._yaml = yaml
        self._loader = _scalar_loader()

    def _problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(message, self.file, node.start_mark.line + 1))

    def convert(self, node: yaml.Node, line: int = 0) -> tuple[Any, Shape]:
        """`line`: where the node was reached (an alias node is its anchor's node, so its
        own mark names the anchor's line, not the alias's)."""
        # An alias is the same node object reached twice: refuse it before it multiplies.
        seen = self.seen
        if id(node) in seen:
            raise _AliasFound(line or node.start_mark.line + 1)
        seen.add(id(node))
        pyyaml = self._yaml
        scalar_node = pyyaml.ScalarNode
        at = node.start_mark.line + 1
        if node.tag == _STR_TAG and isinstance(node, scalar_node):
            return node.value, at
        if isinstance(node, pyyaml.MappingNode):
            out: dict[str, Any] = {}
            keys: dict[str, tuple[int, Shape]] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, scalar_node):
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
                key_line = knode.start_mark.line + 1
                if (vnode.tag == _STR_TAG and id(vnode) not in seen
                        and isinstance(vnode, scalar_node)):  # most values: text, inline
                    seen.add(id(vnode))
                    out[key] = vnode.value
                    keys[key] = (key_line, vnode.start_mark.line + 1)
                else:
                    out[key], value_shape = self.convert(vnode, key_line)
                    keys[key] = (key_line, value_shape)
            return out, ("map", at, keys)
        if isinstance(node, pyyaml.SequenceNode):
            items = [self.convert(item, at) for item in node.value]
            return [value for value, _ in items], ("seq", at, [shape for _, shape in items])
        return self._scalar(cast("yaml.ScalarNode", node), at)

    def _scalar(self, node: yaml.ScalarNode, at: int) -> tuple[Any, Shape]:
        loader = self._loader
        construct = loader.yaml_constructors.get(node.tag)
        if construct is None:
            self._problem(node, f"unknown tag '{node.tag}'; Drafter files use no tags")
            return None, at
        try:
            value = construct(loader, node)
        except (self._yaml.YAMLError, ValueError, TypeError, OverflowError,
                IndexError) as exc:
            # e.g. "2026-13-03" looks like a date to YAML but is not one
            self._problem(node, f"bad value '{node.value}': {exc}; put it in quotes if it "
                          "is meant as text")
            return None, at
        # Not text: keep the text as typed for a schema that calls this value text, or
        # why it cannot be (`Checker.text` says so).
        why_not = None
        if (node.style or node.tag != loader.resolve(
                self._yaml.ScalarNode, node.value, (True, False))):
            why_not = f"its tag '{node.tag.rsplit(':', 1)[-1]}' makes it not text"
        elif node.end_mark.line != node.start_mark.line:
            why_not = "it runs over several lines"
        return value, ("scalar", at, None if why_not else str(node.value), why_not)


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

