"""Strict YAML reading that remembers where every value came from.

Why not `yaml.safe_load`: users edit these files by hand, and a message must name the line
of the bad value, not only the file. We compose the node tree (libyaml when available),
refuse aliases (no "billion laughs"), refuse over-large files before parsing, and convert
nodes to plain Python while recording the line of each path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import pickle
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import DataErrors, DrafterError, Problem, did_you_mean

Path_ = tuple[str | int, ...]

MAX_BYTES_DEFAULT = 4 * 1024 * 1024


SHALLOW = 2  # the fast reader records lines this deep: files, entries (clauses, terms...)


@dataclass
class Located:
    """Plain data from a YAML file, plus the line of every mapping key and list item.

    Files read by the fast reader (`drafter.yamlfast`) know the lines of paths up to
    `SHALLOW` deep, which is all a valid file needs (where each clause, term, law begins);
    the first question about a deeper path, which only a problem report asks, re-reads the
    text with libyaml for every line."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    text: str | None = field(default=None, repr=False, compare=False)
    exact: bool = True

    def line(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest ancestor we know."""
        p = tuple(path)
        if not self.exact and len(p) > SHALLOW:
            self._exact_lines()
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), None)

    def _exact_lines(self) -> None:
        self.exact = True
        if self.text is None:
            return
        from drafter.yamlparse import parse

        # the fast reader accepted the text, so libyaml does too
        with contextlib.suppress(DrafterError):
            self.lines = parse(self.text, self.file).lines


def read_text_limited(path: Path, max_bytes: int) -> str:
    """Read a UTF-8 file, refusing huge or binary files with a clear message."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DrafterError("file not found", path) from None
    except OSError as exc:
        raise DrafterError(f"cannot read file: {exc.strerror}", path) from None
    if path.is_dir():
        raise DrafterError("is a folder, not a file", path)
    if size > max_bytes:
        raise DrafterError(
            f"file is too large ({size / 1048576:.1f} MB; the limit is "
            f"{max_bytes / 1048576:.0f} MB)", path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DrafterError(f"cannot read file: {exc.strerror}", path) from None
    if b"\x00" in raw:
        raise DrafterError("not a text file (it contains NUL bytes)", path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DrafterError(f"not UTF-8 text (bad byte at offset {exc.start})", path) from None


def load_yaml(path: Path | str, max_bytes: int = MAX_BYTES_DEFAULT,
              cache: bool = False) -> Located:
    """Load one YAML file strictly, with line numbers.

    With `cache`, a parse of the same bytes is reused from the user's cache folder (like
    .pyc files): large clause libraries and the law data then load in milliseconds. Only
    files that parsed without problems are cached, so errors are always recomputed."""
    path = Path(path)
    return load_yaml_text(read_text_limited(path, max_bytes), path, cache)


def load_yaml_text(text: str, path: Path, cache: bool = True) -> Located:
    """`load_yaml` for text already read (callers that also hash the text)."""
    if not cache:
        return parse_yaml(text, str(path))
    key = cache_key("yaml", str(path), text)
    hit = cache_get(key)
    if isinstance(hit, tuple) and len(hit) == 3:
        data, lines, exact = hit
        return Located(str(path), data, lines, text, exact)
    located = parse_yaml(text, str(path))
    cache_put(key, (located.data, located.lines, located.exact))
    return located


def cache_key(kind: str, *parts: str) -> str:
    h = hashlib.sha256(f"{CACHE_VERSION}\0{kind}".encode())
    for part in parts:
        h.update(b"\0")
        h.update(part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def cache_get(key: str) -> Any | None:
    """A cached object, or None (missing, unreadable, from another version, disabled)."""
    if os.environ.get("DRAFTER_NO_CACHE"):
        return None
    try:
        with (cache_dir() / f"{key}.pickle").open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError,
            ImportError, IndexError):
        return None


def cache_put(key: str, obj: Any) -> None:
    """Store atomically; a read-only or full cache folder just means no caching."""
    if os.environ.get("DRAFTER_NO_CACHE"):
        return
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _prune(folder)
        tmp = folder / f"{key}.{os.getpid()}.tmp"
        with tmp.open("wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{key}.pickle")
    except (OSError, pickle.PickleError, RecursionError):
        pass


CACHE_VERSION = 2
CACHE_MAX_FILES = 400


def _prune(folder: Path) -> None:
    """Keep the cache bounded: every edited draft adds an entry. Runs on a cache miss only."""
    entries = list(folder.glob("*.pickle"))
    if len(entries) < CACHE_MAX_FILES:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) - CACHE_MAX_FILES // 2]:
        with contextlib.suppress(OSError):
            old.unlink()


def cache_dir() -> Path:
    """Where parsed data is cached: $DRAFTER_CACHE, else the XDG cache folder."""
    override = os.environ.get("DRAFTER_CACHE")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "drafter" / "parsed"


def parse_yaml(text: str, file: str) -> Located:
    """Parse YAML text strictly, with line numbers.

    The fast reader (`drafter.yamlfast`) takes the plain YAML Drafter's files use, several
    times faster than libyaml; anything else, errors included, goes to `drafter.yamlparse`
    (libyaml), which reports every problem with its line. PyYAML is imported only there,
    or to resolve a number or date, on a cache miss."""
    from drafter.yamlfast import Unsupported, load_with_lines

    try:
        data, lines = load_with_lines(text, SHALLOW)
    except Unsupported:
        from drafter.yamlparse import parse

        return parse(text, file)
    return Located(file, data, lines, text, exact=False)


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
        if value is None:
            if required:
                self.add(path, f"{what} is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.add(path, f"{what} must be text, not {_kind(value)}")
            return None
        s = str(value)
        if len(s) > max_len:
            self.add(path, f"{what} is too long ({len(s)} characters; at most {max_len})")
            return s[:max_len]
        bad = _BAD_CONTROL.search(s)
        if bad:
            self.add(path, f"{what} contains a control character (U+{ord(bad.group()):04X})")
            s = _BAD_CONTROL.sub("", s)
        return s

    def choice(self, value: Any, path: Path_, choices: Iterable[str], what: str) -> str | None:
        choices = list(choices)
        if value in choices:
            return value
        self.add(path, f"unknown {what} '{value}'{did_you_mean(str(value), choices)}; "
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


# C0 controls except tab/newline/CR, DEL and C1 controls: invalid or invisible in Word XML
_BAD_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def clean_text(s: str) -> str:
    """Strip control characters a user may have pasted (they break Word XML)."""
    return _BAD_CONTROL.sub("", s)


Validator = Callable[[Checker, Any], Any]
