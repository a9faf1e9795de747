"""yamlio: the one YAML reader. Lines for every problem, text kept as typed, characters Word
cannot hold refused, only regular files read, and PyYAML's pure-Python loader as fallback."""

from __future__ import annotations

import ast
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.errors import DataErrors, DrafterError
from drafter.load.yamlio import Checker, load_yaml, parse_yaml, read_text_limited
from helpers import DRAFT, PACK, ROOT

SRC = ROOT / "src" / "drafter"


def texts(doc_text: str, *paths: tuple) -> list[str | None]:
    doc = parse_yaml(doc_text, "t.yaml")
    chk = Checker(doc)
    out = []
    for path in paths:
        value = doc.data
        for step in path:
            value = value[step]
        out.append(chk.text(value, path, "value"))
    assert not chk.problems, chk.problems
    return out


def problems(doc_text: str, path: tuple) -> list[str]:
    doc = parse_yaml(doc_text, "t.yaml")
    chk = Checker(doc)
    value = doc.data
    for step in path:
        value = value[step]
    chk.text(value, path, "value")
    return [str(p) for p in chk.problems]


# --- text stays what the user typed ---------------------------------------------------------


def test_text_fields_keep_numbers_dates_and_booleans_as_typed():
    doc = ("a: 2026.10\nb: 0123\nc: 2027-01-01\nd: yes\ne: 12:30\nf: 1_000\ng: 0x1F\n"
           "h: [1.50, Off]\ni: 7\n")
    got = texts(doc, ("a",), ("b",), ("c",), ("d",), ("e",), ("f",), ("g",), ("h", 0),
                ("h", 1), ("i",))
    assert got == ["2026.10", "0123", "2027-01-01", "yes", "12:30", "1_000", "0x1F", "1.50",
                   "Off", "7"]


def test_quoted_and_block_text_is_unchanged():
    assert texts("a: '2026.10'\nb: |\n  line one\n  line two\n", ("a",), ("b",)) == [
        "2026.10", "line one\nline two\n"]


def test_a_tag_forcing_another_type_must_be_quoted():
    assert problems("x: 1\na: !!float 7\n", ("a",)) == [
        "t.yaml:2: value must be written in quotes to be read as text exactly as typed "
        "(its tag 'float' makes it not text)"]
    assert "t.yaml:1: value must be written in quotes" in problems("a: !!int '12'\n", ("a",))[0]


def test_a_value_yaml_folded_from_several_lines_must_be_quoted():
    # a plain scalar over two lines that YAML reads as a timestamp: the line break is gone
    got = problems("x: 1\na: 2001-12-14\n  21:59:43.10 -5\n", ("a",))
    assert got == ["t.yaml:2: value must be written in quotes to be read as text exactly as "
                   "typed (it runs over several lines)"]


def test_data_built_in_code_still_validates():
    from drafter.load.yamlio import Located

    chk = Checker(Located("<app>", {"n": 12}))
    assert chk.text(12, ("n",), "number") == "12"
    assert chk.text(dt.date(2027, 1, 1), ("d",), "date") == "2027-01-01"
    assert chk.text(True, ("b",), "flag") is None
    assert [str(p) for p in chk.problems] == ["<app>: flag must be text, not true/false"]


# --- characters Word's XML cannot carry --------------------------------------------------------


@pytest.mark.parametrize(("escape", "code"), [
    ("\\uFFFE", "U+FFFE"), ("\\uFFFF", "U+FFFF"), ("\\x07", "U+0007"), ("\\r", "U+000D"),
    ("\\x85", "U+0085"), ("\\x1b", "U+001B"),
])
def test_escaped_characters_xml_cannot_carry_are_refused_with_line(escape: str, code: str):
    got = problems(f'x: 1\na: "ok{escape}ok"\n', ("a",))
    assert len(got) == 1 and got[0].startswith("t.yaml:2: value contains ") and code in got[0]


def test_tab_and_newline_are_fine():
    assert texts('a: "one\\ttwo\\nthree"\n', ("a",)) == ["one\ttwo\nthree"]


@pytest.mark.parametrize("char", ["\uffff", "\ufffe", "\x07", "\x7f"])
def test_raw_characters_yaml_refuses_are_reported_with_line(char: str):
    # non-ASCII text before the bad character: libyaml counts bytes, lines must not slip
    text = f"name: San José — 東京\nother: x\nbad: a{char}b\n"
    with pytest.raises(DrafterError) as exc:
        parse_yaml(text, "t.yaml")
    assert str(exc.value).startswith("t.yaml:3: contains ")
    assert f"U+{ord(char):04X}" in str(exc.value)


def test_a_key_with_a_control_character_is_refused():
    with pytest.raises(DataErrors, match=r"t.yaml:2: key contains a control character "
                                         r"\(U\+0007\)"):
        parse_yaml('a: 1\n"b\\x07": 2\n', "t.yaml")


def test_windows_line_endings_are_not_control_characters():
    doc = parse_yaml("a: |\r\n  one\r\n  two\r\nb: x\r\n", "t.yaml")
    assert doc.data == {"a": "one\ntwo\n", "b": "x"}
    assert doc.line(("b",)) == 4


# --- lines --------------------------------------------------------------------------------------


def test_lines_of_keys_items_and_missing_paths():
    doc = parse_yaml("top:\n  list:\n    - a\n    -\n      k: v\n  other: 1\n", "t.yaml")
    assert doc.line(()) == 1
    assert doc.line(("top",)) == 1
    assert doc.line(("top", "list", 1, "k")) == 5
    assert doc.line(("top", "list", 0)) == 3
    assert doc.line(("top", "other")) == 6
    assert doc.line(("top", "list", 7)) == 2          # nearest ancestor found
    assert doc.line(("top", "missing", "deeper")) == 1


def test_duplicate_merge_and_alias_problems_name_lines():
    with pytest.raises(DataErrors) as exc:
        parse_yaml("a: 1\nb: 2\na: 3\nc:\n  <<: {x: 1}\n", "t.yaml")
    assert [str(p) for p in exc.value.problems] == [
        "t.yaml:3: duplicate key 'a'", "t.yaml:5: merge keys (<<) are not allowed"]
    with pytest.raises(DrafterError, match=r"t.yaml:2: anchors and aliases"):
        parse_yaml("a: &x [1]\nb: *x\n", "t.yaml")


# --- only regular files --------------------------------------------------------------------------


def test_a_folder_is_refused(tmp_path: Path):
    with pytest.raises(DrafterError, match="is a folder, not a file"):
        load_yaml(tmp_path)


def test_a_two_gigabyte_file_is_refused_without_reading_it(tmp_path: Path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(2 * 1024 ** 3)  # sparse: costs no disk
    with pytest.raises(DrafterError, match=r"too large \(2048\.0 MB; the limit is 4 MB\)"):
        load_yaml(big)


def test_a_file_that_grows_past_the_limit_while_read_is_refused(tmp_path: Path,
                                                                 monkeypatch):
    f = tmp_path / "f.yaml"
    f.write_bytes(b"a: " + b"x" * 5000)
    real_stat, real_fstat = os.stat, os.fstat

    def small(st: os.stat_result) -> os.stat_result:  # what a stat said a moment ago
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid,
                               st.st_gid, 10, st.st_atime, st.st_mtime, st.st_ctime))

    monkeypatch.setattr(os, "stat", lambda *a, **k: small(real_stat(*a, **k)))
    monkeypatch.setattr(os, "fstat", lambda *a, **k: small(real_fstat(*a, **k)))
    with pytest.raises(DrafterError, match="grew past the limit of 0 MB"):
        read_text_limited(f, 1000)


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """`drafter ...` in a process that can neither hang the suite nor eat the machine."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=60, preexec_fn=limit)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_as_draft_or_pack_is_one_line_and_exit_2(tmp_path: Path):
    fifo = tmp_path / "draft.yaml"
    os.mkfifo(fifo)
    for args in (["check", str(fifo)], ["--library", str(fifo), "check", str(DRAFT)]):
        proc = _cli(args, tmp_path)
        assert proc.returncode == 2, proc
        assert proc.stderr.strip() == (f"drafter: {fifo}: is not a regular file (a device, pipe or "
                                       "socket); Drafter reads only ordinary files"), proc


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_at_once(tmp_path: Path):
    proc = _cli(["check", "/dev/zero"], tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "/dev/zero: is not a regular file" in proc.stderr


# --- one module, PyYAML's loaders ----------------------------------------------------------------


def test_one_yaml_module_that_imports_no_other_drafter_module_but_errors_and_its_cache():
    assert not list(SRC.rglob("yamlparse.py")) and not list(SRC.rglob("yamlfast.py"))
    tree = ast.parse((SRC / "load" / "yamlio.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert {m for m in imported if m and m.startswith("drafter")} == {
        "drafter.errors", "drafter.load"}  # drafter.load: its parse_cache


def test_pure_python_loader_gives_the_same_data_lines_and_errors():
    """Where libyaml is absent, PyYAML's SafeLoader reads the same files the same way."""
    code = r"""
import yaml
del yaml.CSafeLoader
from drafter.load.yamlio import loader_class, parse_yaml, Checker
from drafter.errors import DrafterError
from drafter.load.library import load_library
assert loader_class() is yaml.SafeLoader
lib = load_library([PACK])
print(lib.clauses["detainers.test_strong"].line)
doc = parse_yaml("a: 1\nb: 2026.10\nc: !!float 1\n", "t.yaml")
chk = Checker(doc)
print(chk.text(doc.data["b"], ("b",), "b"), chk.text(doc.data["c"], ("c",), "c"))
print(chk.problems[0])
try:
    parse_yaml("name: José\nbad: a\uffffb\n", "t.yaml")
except DrafterError as exc:
    print(exc)
"""
    out = subprocess.run([sys.executable, "-c", f"PACK = {str(PACK)!r}\n{code}"],
                         capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src"),
                              "DRAFTER_CACHE": "off"}).stdout
    assert out.splitlines() == [
        "7",
        "2026.10 None",
        "t.yaml:3: c must be written in quotes to be read as text exactly as typed (its tag "
        "'float' makes it not text)",
        "t.yaml:2: contains a character Word cannot hold (U+FFFF); remove it",
    ]
