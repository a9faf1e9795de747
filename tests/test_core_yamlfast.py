"""yamlfast: the fast reader gives exactly what yamlparse gives (types, values, key order),
or raises Unsupported so the caller falls back to yamlparse."""

from __future__ import annotations

import math
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from drafter import yamlfast, yamlparse
from helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_library  # noqa: E402


def same(a: Any, b: Any) -> bool:
    """Equal with the same types all the way down (1 == True == 1.0 in Python)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def reference(text: str) -> tuple[bool, Any]:
    """(True, Located) when yamlparse accepts the text, else (False, the exception)."""
    try:
        return True, yamlparse.parse(text, "x.yaml")
    except Exception as exc:  # noqa: BLE001 - DrafterError, DataErrors or worse: all "no"
        return False, exc


def check(text: str) -> bool:
    """Assert the contract for one document; True if yamlfast handled it. The lines of
    paths up to two deep must be the ones yamlparse records, too."""
    try:
        got, lines = yamlfast.load_with_lines(text, 2)
    except yamlfast.Unsupported:
        return False
    ok, ref = reference(text)
    assert ok, f"yamlfast accepted what yamlparse rejects ({ref}):\n{text!r}"
    assert same(got, ref.data), \
        f"differs from yamlparse:\n{text!r}\nfast: {got!r}\nref:  {ref.data!r}"
    assert same(yamlfast.load(text), got)
    shallow = {p: n for p, n in ref.lines.items() if len(p) <= 2}
    assert lines == shallow, f"lines differ:\n{text!r}\nfast: {lines}\nref:  {shallow}"
    return True


# --- real files ---------------------------------------------------------------------------

SHIPPED = sorted(p for d in ("clauses", "laws", "templates", "examples")
                 for p in (ROOT / d).rglob("*.yaml"))
FIXTURES = sorted((ROOT / "tests" / "data").rglob("*.yaml"))


def test_there_are_files_to_compare():
    assert len(SHIPPED) > 50 and FIXTURES


@pytest.mark.parametrize("path", SHIPPED + FIXTURES, ids=lambda p: str(p.relative_to(ROOT)))
def test_real_files_take_the_fast_path(path: Path):
    text = path.read_text(encoding="utf-8-sig")
    ok, _ = reference(text)
    if ok or path in SHIPPED:
        assert check(text), f"{path} fell back to libyaml"
    else:  # a deliberately broken fixture
        with pytest.raises(yamlfast.Unsupported):
            yamlfast.load(text)


def test_synthetic_library(tmp_path: Path):
    folder = write_library(tmp_path / "lib", 200)
    files = sorted(folder.glob("*.yaml"))
    assert len(files) > 10
    for f in files:
        assert check(f.read_text(encoding="utf-8")), f


def test_pyyaml_is_not_imported_for_the_clause_library():
    code = ("import sys, pathlib; import drafter.yamlfast as y; assert 'yaml' not in sys.modules; "
            "[y.load(p.read_text(encoding='utf-8')) "
            f"for p in pathlib.Path({str(ROOT / 'clauses')!r}).rglob('*.yaml')]; "
            "assert 'yaml' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.mark.parametrize("value", [
    "0", "-0", "+0", "7", "-12", "+3", "1234567890123456", "12345678901234567890", "017",
    "2018-01-01", "2024-02-29", "2023-02-29", "2026-13-03", "0000-01-01", "2018-01-01x",
    "1_000", "1:20", "1.5", ".inf", "2001-12-14 21:59:43.10 -5", "12 monkeys", "5 ILCS 805/5",
    "287(g)", "2026-19", "~", *sorted(yamlfast._CONSTANTS)])
def test_shortcuts_resolve_like_pyyaml(value: str):
    import yaml

    yamlfast._cache.clear()
    fast = yamlfast._resolve(value)
    slow = yamlfast._construct(yaml, value)
    assert fast is slow if slow is yamlfast._FAIL else same(fast, slow)


# --- a battery of snippets ----------------------------------------------------------------

BLOCK = "text: |\n  line one\n\n  line two\n    indented\n\n"

# Ordinary forms Drafter's files use: these must take the fast path.
MUST_HANDLE = [
    "", "# only a comment\n", "\n\n", "--- # doc\na: 1\n", "# c\n---\na: 1\n",
    "a: 1\nb: two\n", "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: False\n",
    "a: null\nb: ~\nc: Null\nd:\n", "a: 0o17\nb: 017\nc: 0x1F\nd: 0b101\ne: 1_000\nf: 1:20\n",
    "a: 1.5\nb: -.5\nc: .inf\nd: -.Inf\ne: .nan\nf: 1e3\ng: 1.0e+3\nh: 190:20:30.15\n",
    "a: 2018-01-01\nb: 2001-12-14t21:59:43.10-05:00\nc: 2001-12-14 21:59:43.10 -5\n",
    "d: 2001-12-15T02:59:43.1Z\ne: 2002-12-14\nf: 2018-1-1\n",
    "2014: a\nnull: b\nyes: c\n1.5: d\n~: e\n'x': f\n\"y\": g\n",
    "a: 'it''s # not: a comment'\nb: \"x: y # z\"\n",
    "a: value # comment\nb: 'q' # c\nc: \"d\"   # c\n", "url: http://x#y\n",
    "a: b:c\nd: x:y:z\ne: a,b\nf: a[0]\ng: C:\\path\n",
    "- - a\n  - b\n- - c\n", "- a\n-\n- c\n", "k:\n- a\n- b\nj: 1\n",
    "k:\n  - a: 1\n    b: 2\n  - c\n", "- id: x\n  tags: [a, b]\n- id: y\n",
    BLOCK, "a: |-\n  x\n\n\nb: 1\n", "a: |+\n  x\n\n\nb: 1\n", "a: |+\n  x\n",
    "a: >\n  folded\n  line\n\n  para\n    more\n  back\n", "a: >-\n  x\n  y\n\n",
    "a: >+\n  x\n\n", "a: |\n  # not a comment\n  x\n", "a: |  # comment\n  x\n",
    "a: |\n\n  leading blank\n", "a: |\n  x\n      \n  y\n", "a: |\n  x",
    "- |\n  in a list\n- >-\n  folded item\n",
    "a: trailing spaces   \nb: 'q'  \n", "a: 1\r\nb: |\r\n  x\r\n  y\r\n",
    "title: Émile – naïve café ✓ 😀\nrtl: שלום עולם\n",
    "a: [a, b, 'c, d', \"e\"]\nb: {k: v, k2: 'x, y', n: 3}\nc: []\nd: {}\n",
    "a: [1, 2.5, yes, null, 2018-01-01, -1]\n", "a: [ x ,  y ]  # comment\n",
    "hello\n", "42\n", "'quoted'\n", "- a\n- b\n", "[a, b]\n", "{a: 1}\n",
    "a: first\n  second\n\n  third\n", "- plain\n  continued\n",
    "a: 'single\n  folded'\n", "a: \"double\n\n  para\"\n",
    "a: \"esc \\\" \\\\ \\n \\t \\x41 \\u00e9 \\U0001F600\"\n",
    "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n", "a:   1\nb:\n\n  # c\n  x: 2\n",
    "x y: 1\n'a b': 2\n", "a: -5\nb: +5\nc: --x\nd: -x\n", "a: =b\nb: <x\n",
    "  a: 1\n  b: 2\n", "a: 1 # c\n# c\n  # c\nb: 2\n",
]

# Anything goes for these, as long as yamlfast equals yamlparse or refuses.
OTHER = [
    "---\n", "---\n# only a comment\n",
    "a: 1\na: 2\n", "a: 1\n'a': 2\n", "<<: {a: 1}\n", "b: &x 1\nc: *x\n", "a: !!str 1\n",
    "a: !custom x\n", "? complex\n: value\n", "a:\n\tb: 1\n", "a: b\n c: d\n",
    "a: 1\n  b: 2\n", "a:\n  - x\n  y: 1\n", "a: 'unclosed\n", "a: [unclosed\n",
    "a: {k: v\n", "a: \"bad \\q escape\"\n", "---\na: 1\n---\nb: 2\n", "a: 1\n...\n",
    "%YAML 1.1\n---\na: 1\n", "a: 2026-13-03\n", "a: =\n", "a: <<\n", "a: b: c\n",
    "a:b\n", "- a\nb: 1\n", "a: - b\n", "a: |2\n   x\n", "a: |\nb: 1\n",
    "a: |\n    x\n  y\n", "a: >\n\n      \n  x\n", "a: x\n\n  # c\n  y\n",
    "a: 'x' y\n", "a: [a, [b]]\n", "a: {b: {c: 1}}\n", "a: [a: b]\n", "a: [a, ]\n",
    "a: {x}\n", "a: {\"k\":1}\n", "a: @x\n", "a: `x\n", "a: %x\n", "a: ?x\n",
    "a: :x\n", "a: x\u0085y\n", "a: x\u2028y\n", "a: \x07\n", "\ufeffa: 1\n",
    "a: \"\\ud800\"\n", "a: 'x'#c\n", "a: x\n  - y\n", "...\n", "--- a\n", "- - \n",
    "a:\n- b\n  - c\n", "a: 1\r2\n", "a: '''\n", "a: \"\\\n  b\"\n", "x" * 1100 + ": 1\n",
    "a: \"x\"\n  : y\n", "- 'a\n  b': c\n", "-\n  -\n    - x\n", "a: ...x\n", "...: 1\n",
]

# Everything here is a problem yamlparse reports: yamlfast must refuse it.
PROBLEMS = [
    "a: 1\na: 2\n", "a: 1\n\"a\": 2\n", "x:\n  <<: {a: 1}\n", "a: &x 1\nb: *x\n",
    "a: 2026-13-03\n", "a: 2026-02-30\n", "a: [2026-13-03]\n", "a: {b: 1, b: 2}\n",
    "a: [unclosed\n", "a: 'unclosed\n", "a: b: c\n", "a:\n\tb: 1\n", "- a\nb: 1\n",
    "a: 1\n b: 2\n", "? [a, b]\n: c\n", "a: =\n",
]


@pytest.mark.parametrize("text", MUST_HANDLE + OTHER)
def test_snippet_matches_or_is_refused(text: str):
    check(text)


@pytest.mark.parametrize("text", MUST_HANDLE)
def test_ordinary_snippets_take_the_fast_path(text: str):
    assert check(text)


@pytest.mark.parametrize("text", PROBLEMS)
def test_problems_are_refused(text: str):
    assert not reference(text)[0], "not a problem for yamlparse: fix the test"
    with pytest.raises(yamlfast.Unsupported):
        yamlfast.load(text)


def test_battery_is_large_enough():
    assert len(MUST_HANDLE) + len(OTHER) >= 120


# --- random documents ---------------------------------------------------------------------

# Plain scalars that are valid values (many resolve to numbers, bools, nulls or dates) ...
WORDS = ["alpha", "Beta gamma", "x", "It's", "say \"hi\"", "café ✓", "a,b", "a:b",
         "http://x#y", "a[0]", "C:\\dir", "1", "-2", "+3", "017", "0o17", "0x1f", "1_000",
         "1:20", "1.5", "-.5", ".inf", ".NaN", "1e3", "2018-01-01", "2018-1-1",
         "2001-12-14 21:59:43.10 -5", "2002-12-14T21:59:43Z", "yes", "No", "on", "OFF",
         "true", "null", "~", "--x", "-x", "trailing  ", "two  spaces", "...x",
         "\u00e9\u0301", "😀", "שלום", "#x"]
# ... and ones that are invalid or that yamlfast may refuse.
WILD = ["=", "<<", "2026-13-03", "a #b", "a: b", "x:", "!x", "&x", "*x", "|", ">", "%x",
        "`x", "@x", "- x", ":x", "?x", "x\ty"]
KEYS = ["id", "title", "a b", "2014", "null", "yes", "~", "'q k'", "\"d: k\"", "k-1",
        "a#b", "url", "'<<'", "é"]
WILD_KEYS = ["<<", "-k", "? k", "x", "x", "&a k", "[a]"]


class Gen:
    """Random YAML documents built from the forms Drafter's files use; `wild` mixes in
    forms that are invalid or outside yamlfast's subset."""

    def __init__(self, seed: int, wild: bool):
        self.rng = random.Random(seed)
        self.wild = wild

    def word(self) -> str:
        pool = WILD if self.wild and self.rng.random() < 0.1 else WORDS
        return self.rng.choice(pool)

    def scalar(self, ind: int) -> tuple[str, list[str]]:
        """(text after `key: `, following lines) for a random scalar."""
        rng = self.rng
        pad = " " * (ind + rng.choice([1, 2, 2, 4]))
        r = rng.random()
        word = self.word()
        if r < 0.35:
            return word.replace("#x", "x#"), []
        if r < 0.45:
            return "'" + word.replace("'", "''") + "'", []
        if r < 0.52:
            esc = rng.choice(["\\n", "\\t", "\\\\", "\\\"", "\\x41", "\\u00e9", "\\/",
                              "\\U0001F600", ""] + ["\\q", "\\ud800"] * self.wild)
            return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + esc + '"', []
        if r < 0.62:
            pool = WORDS if self.wild else [w for w in WORDS if not {":", "#", ",", "["} & set(w)]
            items = [rng.choice(pool) for _ in range(rng.randint(0, 3))]
            if rng.random() < 0.5:
                return "[" + ", ".join(items) + "]", []
            keys = rng.sample(["k", "j", "'q'", "2014", "\"<<\""], len(items))
            pairs = ", ".join(f"{k}: {v}" for k, v in zip(keys, items, strict=True))
            return "{" + pairs + "}", []
        if r < 0.82:
            headers = ["|", "|-", "|+", ">", ">-", ">+", "| # c"] + ["|2", "|#c"] * self.wild
            body = [pad + self.word()]
            for _ in range(rng.randint(0, 4)):
                body.append(rng.choice([pad + self.word(), "", pad + "  more", pad + "   ",
                                        pad + "# text", " " * rng.randint(0, 3)]))
            return rng.choice(headers), body
        if r < 0.92:
            more = [rng.choice([pad + self.word().lstrip("-?#"), ""])
                    for _ in range(rng.randint(1, 3))]
            return word.lstrip("#"), [*more, pad + "end"]
        quote = rng.choice("'\"")
        if rng.random() < 0.5:
            return quote + "first", ["", pad + "second" + quote]
        return quote + "first  ", [pad + "mid # x", pad + "end" + quote]

    def node(self, depth: int, ind: int) -> tuple[str, list[str]]:
        """(text after `key:`/`-`, following lines) for a random node."""
        rng = self.rng
        r = rng.random()
        if depth < 3 and r < 0.25:
            return "", self.mapping(depth + 1, ind + rng.choice([2, 2, 4, 1]))
        if depth < 3 and r < 0.45:
            return "", self.sequence(depth + 1, ind + rng.choice([0, 2, 2, 4]))
        if r < 0.5:
            return rng.choice(["", " # empty"]), []
        text, more = self.scalar(ind)
        if rng.random() < 0.15:
            text += rng.choice([" # comment", "  #c", "  "])
        return " " + text, more

    def mapping(self, depth: int, ind: int) -> list[str]:
        rng = self.rng
        lines = []
        keys = rng.sample(KEYS, rng.randint(1, 4))
        if self.wild and rng.random() < 0.2:
            keys[0] = rng.choice(WILD_KEYS)
        for key in keys:
            inline, more = self.node(depth, ind)
            lines.append(" " * ind + key + ":" + inline)
            lines += more
        return lines

    def sequence(self, depth: int, ind: int) -> list[str]:
        rng = self.rng
        lines = []
        for _ in range(rng.randint(1, 4)):
            if depth < 3 and rng.random() < 0.3:  # `- key: value` or `- - item`
                make = self.mapping if rng.random() < 0.7 else self.sequence
                sub = make(depth + 1, ind + 2)
                lines.append(" " * ind + "- " + sub[0][ind + 2:])
                lines += sub[1:]
            else:
                inline, more = self.node(depth, ind)
                lines.append(" " * ind + "-" + inline)
                lines += more
        return lines

    def document(self) -> str:
        rng = self.rng
        lines = self.mapping(0, 0) if rng.random() < 0.8 else self.sequence(0, 0)
        if self.wild:  # comments and blank lines anywhere, even inside scalars
            for _ in range(rng.randint(0, 2)):
                lines.insert(rng.randint(0, len(lines)), rng.choice(["", "# c", "  # c", "   "]))
        text = "\n".join(lines) + rng.choice(["\n", "", "\n\n"])
        if rng.random() < 0.1:
            text = text.replace("\n", "\r\n")
        return text

    def mutate(self, text: str) -> str:
        rng = self.rng
        for _ in range(rng.randint(1, 3)):
            pos = rng.randint(0, len(text))
            op = rng.random()
            if op < 0.4:
                text = text[:pos] + rng.choice(" :#-'\"[]{}|>!&*?,\t\n.") + text[pos:]
            elif op < 0.7:
                text = text[:pos] + text[pos + 1:]
            else:
                lines = text.split("\n")
                lines.insert(rng.randrange(len(lines)), lines[rng.randrange(len(lines))])
                text = "\n".join(lines)
        return text


@pytest.mark.parametrize("seed", range(3))
def test_random_documents(seed: int):
    gen = Gen(seed, wild=False)
    handled = sum(check(gen.document()) for _ in range(150))
    assert handled >= 100  # the fast path does not get out of it by refusing


@pytest.mark.parametrize("seed", range(3))
def test_random_wild_documents(seed: int):
    gen = Gen(100 + seed, wild=True)
    for _ in range(150):
        check(gen.document())


@pytest.mark.parametrize("seed", range(3))
def test_random_broken_documents(seed: int):
    gen = Gen(200 + seed, wild=True)
    for _ in range(150):
        check(gen.mutate(gen.document()))


def test_deeper_lines_are_read_on_demand():
    """A file on the fast path knows where its entries start; the first question about a
    deeper line (only a problem report asks one) re-reads it with libyaml."""
    from drafter.yamlio import parse_yaml

    text = "options:\n  - id: a\n    kinds:\n      - city\n      - village\n  - id: b\n"
    loc = parse_yaml(text, "f.yaml")
    assert not loc.exact and loc.lines == {(): 1, ("options",): 1, ("options", 0): 2,
                                           ("options", 1): 6}
    assert loc.line(("options", 1, "id")) == 6 and loc.exact
    assert loc.line(("options", 0, "kinds", 1)) == 5
    assert loc.lines == yamlparse.parse(text, "f.yaml").lines
