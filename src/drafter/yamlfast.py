"""A fast pure-Python reader for the plain YAML that Drafter's own files use.

Why: composing a node tree with libyaml costs about 0.45 s for a 5,000-clause library, and
the clause library and the law data are read on every start. Drafter's files use a small,
regular part of YAML, which a line-based reader handles several times faster.

`load(text)` returns exactly what `drafter.yamlparse.parse(text, file).data` returns, or
raises `Unsupported`; the caller then falls back to `yamlparse`, which also reports any error
with its line. Plain scalars that may not be strings (numbers, booleans, nulls, dates) are
resolved and constructed by PyYAML itself (imported on first need), exactly as `yamlparse`
does; mapping keys stay the raw text, as there.

Handled: block mappings and sequences (also `- key: value` items and sequences at their
parent key's indent), comments, plain scalars (also over several lines), single- and
double-quoted scalars (also over several lines), `|` and `>` block scalars with `-`/`+`
chomping, one-line flow sequences and mappings of scalars, `key:` (None), a leading `---`.

Refused (`Unsupported`): anything that is invalid YAML or that `yamlparse` reports (duplicate
keys, merge keys `<<`, values YAML cannot construct), anchors, aliases, tags, directives,
`? ` keys, several documents or `...`, tabs, control characters, CRs outside CRLF and the
non-ASCII line breaks, nested or multi-line flow collections, `:` or `#` in plain scalars
inside flow collections, explicit block indentation indicators, empty block scalars,
escaped line breaks, over-long keys, and some rare but valid forms (a comment in the middle
of a multi-line scalar, a continuation line that starts with an indicator, a plain scalar
starting with `?` or `:`) where matching libyaml exactly would take more care than it is
worth.
"""

from __future__ import annotations

import datetime
import re
from typing import Any


class Unsupported(Exception):
    """The text is outside the subset handled here (or is not valid YAML)."""


# Characters libyaml rejects, plus ones we leave to it: tab, CR, BOM, NEL and the Unicode
# line and paragraph separators (all line breaks in YAML 1.1).
_BAD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_KEY_SLOW_FIRST = _INDICATORS | frozenset(".<")  # keys that need a closer look (`_key`)
# First characters for which PyYAML's implicit resolvers (resolver.py) may give a non-str
# tag, other than the bool and null words below.
_SLOW_FIRST = frozenset("-+.0123456789<=!&*~")
_WORDS = frozenset(form for word in ("yes", "no", "true", "false", "on", "off", "null")
                   for form in (word, word.title(), word.upper()))
_DQ_BODY = re.compile(r'(?:[^"\\]|\\.)*+')
_ESC = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f",
            "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
            "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
# A scalar in a one-line flow collection: quoted, or plain without `#`, `:` or brackets.
# Possessive quantifiers (*+): nothing after an item could use what they took, and they
# keep a failing match linear.
_SQ = r"'(?:[^']|'')*+'"
_DQ = r'"(?:[^"\\]|\\.)*+"'
_PLAIN = r"(?:[^-?:,\[\]{}#&*!|>'\"%@` ]|-[^ ,\[\]{}:#])[^,\[\]{}:#]*+"
_FLOW_ITEMS = re.compile(f"({_SQ})|({_DQ})|({_PLAIN})")
_ITEM = f"(?:{_SQ}|{_DQ}|{_PLAIN}) *"
_PAIR = f"{_ITEM}: +{_ITEM}"
_FLOW_SEQ = re.compile(rf"\[ *(?:{_ITEM}(?:, *{_ITEM})*)?\]")
_FLOW_MAP = re.compile(rf"\{{ *(?:{_PAIR}(?:, *{_PAIR})*)?\}}")
_MAX_KEY = 1000  # libyaml refuses simple keys longer than 1024 characters

_STR_TAG = "tag:yaml.org,2002:str"
_CONSTANTS: dict[str, Any] = {form: value for word, value in (
    ("yes", True), ("no", False), ("true", True), ("false", False), ("on", True),
    ("off", False), ("null", None)) for form in (word, word.title(), word.upper())}
_CONSTANTS["~"] = None
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")  # decimal ints: what PyYAML's int() gives
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Every character in the int, float, timestamp, merge, value and null patterns of PyYAML's
# implicit resolvers: a plain scalar with any other character is a string.
_MAYBE_NOT_STR = re.compile(r"[-+_.:0-9a-fA-FiInNxXTtZ <=~!&*]+")
_FAIL = object()
_cache: dict[str, Any] = {}
_yaml: Any = None


def load(text: str) -> Any:
    """Plain data equal to `yamlparse.parse(text, ...).data`, or raise `Unsupported`."""
    return load_with_lines(text, 0)[0]


def load_with_lines(text: str, depth: int) -> tuple[Any, dict[tuple, int]]:
    """`load`, plus the line of every mapping key and list item up to `depth` deep, as
    `yamlparse` records them (a key's own line; an item's first line). Deeper lines cost
    time on every load and are only needed to report a problem, so they are left to
    `yamlparse`."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if text.isascii():
        if text.encode("ascii").translate(None, _PRINTABLE_ASCII):
            raise Unsupported("control character")
    elif _BAD.search(text):
        raise Unsupported("control character or line break")
    parser = _Parser(text, depth)
    try:
        return parser.document(), parser.found
    except RecursionError:
        raise Unsupported("nested too deeply") from None


def _resolve(value: str) -> Any:
    """What yamlparse makes of a plain scalar that may not be a string (cached)."""
    global _yaml
    out: Any
    if value in _CONSTANTS:  # the common cases, without importing PyYAML
        out = _CONSTANTS[value]
    elif not _MAYBE_NOT_STR.fullmatch(value):
        out = value
    elif len(value) < 18 and _INT.fullmatch(value):
        out = int(value)
    elif _DATE.fullmatch(value):
        try:
            out = datetime.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:  # e.g. 2026-13-03
            out = _FAIL
    else:
        if _yaml is None:
            import yaml

            _yaml = yaml
        out = _construct(_yaml, value)
    if len(_cache) > 20000:
        _cache.clear()
    _cache[value] = out
    return out


def _construct(yaml: Any, value: str) -> Any:
    """A plain scalar resolved and constructed as yamlparse does it, or _FAIL."""
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STR_TAG:
        return value
    try:
        out = yaml.constructor.SafeConstructor().construct_object(
            yaml.ScalarNode(tag, value), deep=True)
    except Exception:  # yamlparse reports these as problems
        return _FAIL
    if out is not None and not isinstance(out, (int, float, str, datetime.date)):
        return _FAIL  # not expected from a plain scalar; cached values must be immutable
    return out


def _plain(value: str) -> Any:
    if value[0] in _SLOW_FIRST or value in _WORDS:
        out = _cache.get(value, _FAIL)
        if out is _FAIL:
            out = _resolve(value)
            if out is _FAIL:
                raise Unsupported(f"bad value {value!r}")
        return out
    return value


def _is_dash(t: str) -> bool:
    return t[:1] == "-" and (len(t) == 1 or t[1] == " ")


def _tail_ok(tail: str) -> bool:
    """Nothing, or a comment, after a quoted scalar, flow collection or block header."""
    if not tail:
        return True
    rest = tail.lstrip(" ")
    return tail[0] == " " and (not rest or rest[0] == "#")


def _unescape(m: re.Match[str]) -> str:
    s = m.group(1)
    if len(s) == 1:
        try:
            return _ESCAPES[s]
        except KeyError:
            raise Unsupported(f"escape \\{s}") from None
    code = int(s[1:], 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise Unsupported("bad escape")
    return chr(code)


def _quoted(s: str, pos: int) -> tuple[str, int] | None:
    """A quoted scalar starting at s[pos] and closed on this line: (value, end position)."""
    end = _close(s, pos + 1, s[pos])
    if end < 0:
        return None
    inner = s[pos + 1:end]
    return _unquote(inner, s[pos]), end + 1


def _close(s: str, pos: int, quote: str) -> int:
    """The position of the quote that closes a scalar at or after s[pos], or -1."""
    if quote == "'":
        j = s.find("'", pos)
        while j >= 0 and s.startswith("'", j + 1):
            j = s.find("'", j + 2)
        return j
    end = _DQ_BODY.match(s, pos).end()  # type: ignore[union-attr]
    if end == len(s):
        return -1
    if s[end] != '"':  # a backslash at the end of the line: an escaped line break
        raise Unsupported("escaped line break")
    return end


def _unquote(raw: str, quote: str) -> str:
    if quote == "'":
        return raw.replace("''", "'")
    return _ESC.sub(_unescape, raw) if "\\" in raw else raw


def _key(t: str) -> tuple[str, str] | None:
    """(key, text after the colon) if the line content `t` starts a mapping entry."""
    c = t[0]
    if c == "'" or c == '"':
        quoted = _quoted(t, 0)
        if quoted is None:
            return None  # a multi-line quoted scalar cannot be a key
        key, end = quoted
        if t.startswith(":", end) and (len(t) == end + 1 or t[end + 1] == " "):
            if end > _MAX_KEY:
                raise Unsupported("long key")
            return key, t[end + 1:]
        return None
    if c in _INDICATORS:
        return None
    idx = t.find(": ")
    if idx < 0:
        if t[-1] != ":":
            return None
        idx = len(t) - 1
    if t.find(" #", 0, idx) >= 0:
        return None
    key = t[:idx].rstrip(" ")
    if key == "<<" or idx > _MAX_KEY or key.startswith("..."):
        raise Unsupported("merge key, long key or document marker")
    return key, t[idx + 1:]


def _flow(s: str) -> tuple[Any, int]:
    """A one-line flow sequence or mapping of scalars: (value, end position)."""
    m = (_FLOW_SEQ if s[0] == "[" else _FLOW_MAP).match(s)
    if m is None:
        raise Unsupported("flow collection")
    values = []
    for squoted, dquoted, plain in _FLOW_ITEMS.findall(s, 1, m.end() - 1):
        if squoted:
            values.append((squoted[1:-1].replace("''", "'"), False))
        elif dquoted:
            values.append((_unquote(dquoted[1:-1], '"'), False))
        else:
            values.append((plain.rstrip(" "), True))
    if s[0] == "[":
        return [_plain(v) if p else v for v, p in values], m.end()
    out: dict[str, Any] = {}
    for j in range(0, len(values), 2):
        key, plain_key = values[j]
        value, plain_value = values[j + 1]
        if key in out or (plain_key and key == "<<") or len(key) > _MAX_KEY:
            raise Unsupported("duplicate, merge or long key")
        out[key] = _plain(value) if plain_value else value
    return out, m.end()


class _Parser:
    """Recursive descent over lines. Methods that parse a node return (value, index of the
    next content line, its indent), the index being len(lines) and the indent -1 at the end.
    `parent` is the indent of the enclosing block collection (libyaml's `parser->indent`)."""

    def __init__(self, text: str, depth: int = 0):
        self.text = text
        self.depth = depth
        self.found: dict[tuple, int] = {}
        self.lines = text.split("\n")
        self.n = len(self.lines)
        self.flows: dict[str, Any] = {}

    def skip(self, j: int) -> tuple[int, int]:
        """The next line at or after j that is not blank or a comment, and its indent."""
        lines = self.lines
        n = self.n
        while j < n:
            line = lines[j]
            t = line.lstrip(" ")
            if t and t[0] != "#":
                return j, len(line) - len(t)
            j += 1
        return n, -1

    def document(self) -> Any:
        lines = self.lines
        j, ind = self.skip(0)
        start = 0
        if j < self.n and lines[j].startswith("---"):
            if not _tail_ok(lines[j][3:]):
                raise Unsupported("content after ---")
            start = sum(len(line) + 1 for line in lines[:j + 1]) - 1
            j, ind = self.skip(j + 1)
        text = self.text
        if text.find("\n---", start) >= 0 or text.find("\n...", start) >= 0 \
                or text.startswith("..."):
            raise Unsupported("several documents or a document end marker")
        if j >= self.n:
            if start:  # "---" and nothing: an empty node, whose line libyaml knows
                raise Unsupported("empty explicit document")
            return None
        path: tuple | None = None
        if self.depth:
            path = ()
            self.found[()] = j + 1
        value, j, ind = self.node(j, ind, -1, path)
        if j < self.n:
            raise Unsupported("unexpected content")
        return value

    def node(self, i: int, col: int, parent: int,
             path: tuple | None = None) -> tuple[Any, int, int]:
        """A block node whose first line is lines[i] from column col. With `path`, the
        lines of its keys or items are recorded (`load_with_lines`)."""
        t = self.lines[i][col:]
        if _is_dash(t):
            return self.sequence(i, col, path)
        first = _key(t)
        if first is not None:
            return self.mapping(i, col, first, path)
        return self.scalar(t, i, parent, path)

    def mapping(self, i: int, m: int, first: tuple[str, str],
                path: tuple | None = None) -> tuple[Any, int, int]:
        # The common entries (`key: plain value` followed by a line at this indent) are
        # handled inline: this loop is where a large library spends its time.
        lines = self.lines
        n = self.n
        out: dict[str, Any] = {}
        key, rest = first
        found = self.found if path is not None else None
        sub: tuple | None = None
        while True:
            if key in out:
                raise Unsupported(f"duplicate key {key!r}")
            if found is not None:
                sub = (*path, key)  # type: ignore[misc]
                found[sub] = i + 1
                if len(sub) >= self.depth:
                    sub = None
            t = rest.lstrip(" ")
            nxt = None  # the next line's content, when known to be at indent m
            if not t or t[0] == "#":
                i, ind = self.skip(i + 1)
                if ind > m:
                    out[key], i, ind = self.node(i, ind, m, sub)
                elif ind == m and _is_dash(lines[i][m:]):
                    out[key], i, ind = self.sequence(i, m, sub)
                else:
                    out[key] = None
            elif t[0] in _INDICATORS:
                out[key], i, ind = self.scalar(t, i, m, sub)
            else:
                h = t.find(" #")
                value = (t if h < 0 else t[:h]).rstrip(" ")
                if ": " in value or value[-1] == ":":
                    raise Unsupported("':' in a plain scalar")
                i += 1
                if i < n:
                    line = lines[i]
                    nxt = line.lstrip(" ")
                    ind = len(line) - len(nxt)
                    if not nxt or nxt[0] == "#" or ind > m:  # maybe more lines of the scalar
                        nxt = None
                        if h < 0:
                            value, i = self.continuation(value, i - 1, m)
                            i += 1
                        i, ind = self.skip(i)
                else:
                    ind = -1
                out[key] = _plain(value) if value[0] in _SLOW_FIRST or value in _WORDS \
                    else value
            if i >= n or ind < m:
                return out, i, ind
            if ind > m:
                raise Unsupported("bad indentation")
            t = lines[i][m:] if nxt is None else nxt
            idx = t.find(": ")
            if t[0] in _KEY_SLOW_FIRST or idx < 0 or idx > _MAX_KEY or "#" in t[:idx]:
                kr = _key(t)
                if kr is None:
                    raise Unsupported("expected a key")
                key, rest = kr
            else:
                key = t[:idx].rstrip(" ") if t[idx - 1] == " " else t[:idx]
                rest = t[idx + 2:]

    def sequence(self, i: int, s: int, path: tuple | None = None) -> tuple[Any, int, int]:
        lines = self.lines
        n = self.n
        out: list[Any] = []
        sub: tuple | None = None
        while True:
            rest = lines[i][s + 1:]
            t = rest.lstrip(" ")
            if path is not None:
                sub = (*path, len(out))
                self.found[sub] = i + 1  # an item starting on the dash's line
                if len(sub) >= self.depth:
                    sub = None
            if not t or t[0] == "#":
                i, ind = self.skip(i + 1)
                if ind > s:
                    if path is not None:  # the item starts on its first line of content
                        self.found[(*path, len(out))] = i + 1
                    value, i, ind = self.node(i, ind, s, sub)
                else:
                    value = None
            else:
                col = s + 1 + len(rest) - len(t)
                if _is_dash(t):
                    value, i, ind = self.sequence(i, col, sub)
                else:
                    first = _key(t)
                    if first is not None:
                        value, i, ind = self.mapping(i, col, first, sub)
                    else:
                        value, i, ind = self.scalar(t, i, s, sub)
            out.append(value)
            if i >= n or ind < s:
                return out, i, ind
            if ind > s:
                raise Unsupported("bad indentation")
            if not _is_dash(lines[i][s:]):
                return out, i, ind  # the parent decides whether this line is valid

    def scalar(self, t: str, i: int, parent: int,
               path: tuple | None = None) -> tuple[Any, int, int]:
        """A scalar or flow collection starting with `t` (stripped, not a comment) on line i."""
        c = t[0]
        if c == "'" or c == '"':
            quoted = _quoted(t, 0)
            if quoted is None:
                return self.quoted_lines(t, i, parent)
            value, end = quoted
        elif c == "[" or c == "{":
            # One-line flow collections repeat (`kinds: [city, county]`): parse each once.
            value = self.flows.get(t)
            if value is None:
                value, end = _flow(t)
                if not _tail_ok(t[end:]):
                    raise Unsupported("text after a flow collection")
                self.flows[t] = value
            if path is not None:  # a one-line collection: every item is on line i
                for k in (value if c == "{" else range(len(value))):
                    self.found[(*path, k)] = i + 1
            j, ind = self.skip(i + 1)
            return value.copy(), j, ind
        elif c == "|" or c == ">":
            return self.block(t, i, parent)
        elif c in _INDICATORS and not (c == "-" and len(t) > 1 and t[1] != " "):
            raise Unsupported(f"indicator {c!r}")
        else:
            return self.plain(t, i, parent)
        if not _tail_ok(t[end:]):
            raise Unsupported("text after a quoted scalar or flow collection")
        j, ind = self.skip(i + 1)
        return value, j, ind

    def quoted_lines(self, t: str, i: int, parent: int) -> tuple[Any, int, int]:
        """A quoted scalar that goes on past line i, folded as YAML folds flow scalars."""
        quote = t[0]
        lines = self.lines
        n = self.n
        parts = [t[1:].rstrip(" ")]
        breaks = 0
        while True:
            if parts[-1].endswith("\\"):
                raise Unsupported("escaped line break")
            i += 1
            if i >= n:
                raise Unsupported("unclosed quoted scalar")
            line = lines[i]
            s = line.lstrip(" ")
            if not s:
                breaks += 1
                continue
            if len(line) - len(s) <= parent:
                raise Unsupported("quoted scalar not indented")
            parts.append("\n" * breaks if breaks else " ")
            breaks = 0
            end = _close(s, 0, quote)
            if end >= 0:
                parts.append(s[:end])
                break
            parts.append(s.rstrip(" "))
        if not _tail_ok(s[end + 1:]):
            raise Unsupported("text after a quoted scalar")
        j, ind = self.skip(i + 1)
        return _unquote("".join(parts), quote), j, ind

    def plain(self, t: str, i: int, parent: int) -> tuple[Any, int, int]:
        h = t.find(" #")
        if h >= 0:
            t = t[:h]
        value = t.rstrip(" ")
        if ": " in value or value[-1] == ":":
            raise Unsupported("':' in a plain scalar")
        if h < 0:  # a comment ends a plain scalar, else it may go on on deeper lines
            value, i = self.continuation(value, i, parent)
        j, ind = self.skip(i + 1)
        return _plain(value), j, ind

    def continuation(self, value: str, i: int, parent: int) -> tuple[str, int]:
        """Fold the lines of a multi-line plain scalar; returns (value, its last line)."""
        lines = self.lines
        n = self.n
        parts: list[str] = []
        breaks = 0
        j = i + 1
        while j < n:
            line = lines[j]
            t = line.lstrip(" ")
            if not t:
                breaks += 1
                j += 1
                continue
            ind = len(line) - len(t)
            if ind <= parent or t[0] == "#":
                break
            t = t.rstrip(" ")
            if (t[0] in _INDICATORS or " #" in t or ": " in t or t[-1] == ":"
                    or (ind == 0 and t.startswith("..."))):
                raise Unsupported("unusual multi-line plain scalar")
            parts.append("\n" * breaks if breaks else " ")
            parts.append(t)
            breaks = 0
            i = j
            j += 1
        if parts:
            value += "".join(parts)
        return value, i

    def block(self, t: str, i: int, parent: int) -> tuple[Any, int, int]:
        """A literal (|) or folded (>) block scalar whose header is `t` on line i."""
        literal = t[0] == "|"
        chomp = t[1:2]
        if chomp in ("-", "+"):
            tail = t[2:]
        else:
            chomp = ""
            tail = t[1:]
        if not _tail_ok(tail):
            raise Unsupported("block scalar header")
        lines = self.lines
        n = self.n
        j = i + 1
        widest_blank = 0
        while j < n:
            line = lines[j]
            if line.lstrip(" "):
                break
            widest_blank = max(widest_blank, len(line))
            j += 1
        if j >= n:
            raise Unsupported("empty block scalar")
        line = lines[j]
        indent = len(line) - len(line.lstrip(" "))
        if indent <= parent or indent < 1 or widest_blank > indent:
            raise Unsupported("empty block scalar or unusual indentation")
        pad = " " * indent
        last = j
        j += 1
        while j < n:
            line = lines[j]
            if line.startswith(pad) and len(line) > indent:
                last = j
            elif line.lstrip(" "):
                break
            j += 1
        body = lines[i + 1:last + 1]
        value = "\n".join([ln[indent:] for ln in body]) if literal else _fold(body, indent)
        if chomp != "-" and last < n - 1:
            value += "\n"
        if chomp == "+":
            value += "\n" * (min(j, n - 1) - last - 1)
        k, ind = self.skip(j)
        return value, k, ind


def _fold(body: list[str], indent: int) -> str:
    """Folded block scalar content, as libyaml's scanner builds it."""
    out: list[str] = []
    leading_break = ""
    breaks = 0
    leading_blank = False
    for line in body:
        if len(line) <= indent:
            breaks += 1
            continue
        text = line[indent:]
        blank = text[0] == " "
        if leading_break and not leading_blank and not blank:
            if not breaks:
                out.append(" ")
        else:
            out.append(leading_break)
        out.append("\n" * breaks)
        breaks = 0
        leading_blank = blank
        out.append(text)
        leading_break = "\n"
    return "".join(out)
