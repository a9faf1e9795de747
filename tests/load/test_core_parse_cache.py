"""parse_cache: a file read before is not parsed again, yet what loads is always what the
file says, with the same lines and the same errors; a broken, planted or unwritable cache
is ignored."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.errors import DataErrors
from drafter.load import parse_cache
from drafter.load.library import load_library
from drafter.load.resources import data_dir
from drafter.load.yamlio import Checker, Located, load_yaml, parse_yaml
from helpers import PACK, ROOT


def entries(where: Path) -> list[Path]:
    return sorted(where.glob("*.pickle")) if where.is_dir() else []


def same(a: Located, b: Located, paths: list[tuple]) -> None:
    assert a.data == b.data and a.file == b.file
    for path in paths:
        assert a.line(path) == b.line(path), path


DOC = ("title: Ordinance\nnumber: 2026.10\nwhen: 2027-01-01\nlist:\n  - one\n  -\n    k: yes\n"
       "tagged: !!float 1\nfolded: a\n  b\n")
PATHS = [(), ("title",), ("number",), ("list",), ("list", 0), ("list", 1, "k"), ("tagged",),
         ("nothing", "here"), ("list", 9)]


def test_second_read_is_a_hit_with_the_same_data_lines_and_text_as_typed(cache, tmp_path):
    f = tmp_path / "d.yaml"
    f.write_text(DOC, encoding="utf-8")
    first = load_yaml(f)
    assert len(entries(cache)) == 1
    kept = parse_cache.lookup(f.read_bytes())
    assert kept is not None and kept[0] == first.data
    second = load_yaml(f)
    same(first, second, PATHS)
    assert second.data["when"] == dt.date(2027, 1, 1)
    for doc in (first, second):
        chk = Checker(doc)
        assert chk.text(doc.data["number"], ("number",), "number") == "2026.10"
        assert chk.text(doc.data["when"], ("when",), "when") == "2027-01-01"
        assert chk.text(doc.data["list"][1]["k"], ("list", 1, "k"), "k") == "yes"
        assert chk.text(doc.data["tagged"], ("tagged",), "tagged") is None
        assert chk.text(doc.data["folded"], ("folded",), "folded") == "a b"
        assert [str(p) for p in chk.problems] == [
            f"{f}:8: tagged must be written in quotes to be read as text exactly as typed "
            "(its tag 'float' makes it not text)"]


def test_every_shipped_file_reads_back_from_the_cache_as_parsed(cache):
    files = [f for name in ("clauses", "laws", "jurisdictions")
             for f in sorted(data_dir(name).rglob("*.yaml"))]
    assert len(files) > 100
    for f in files:
        fresh = parse_yaml(f.read_text(encoding="utf-8-sig"), str(f))
        load_yaml(f)  # stores
        hit = load_yaml(f)
        assert hit.data == fresh.data and hit.shape == fresh.shape, f
    assert len(entries(cache)) == len({f.read_bytes() for f in files})


def test_library_from_a_warm_cache_equals_one_parsed_afresh(cache, monkeypatch):
    warm = load_library([PACK])
    warm = load_library([PACK])  # every file a hit now
    monkeypatch.setenv(parse_cache.ENV_SWITCH, "off")
    parse_cache.folder.cache_clear()
    cold = load_library([PACK])
    assert warm.clauses == cold.clauses
    assert [c.line for c in warm.clauses.values()] == [c.line for c in cold.clauses.values()]


def test_changed_bytes_are_parsed_again(cache, tmp_path):
    f = tmp_path / "d.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    assert load_yaml(f).data == {"a": 1}
    f.write_text("a: 2\n", encoding="utf-8")
    assert load_yaml(f).data == {"a": 2}
    assert len(entries(cache)) == 2


def test_a_file_with_problems_is_never_kept_and_errors_keep_their_lines(cache, tmp_path):
    f = tmp_path / "d.yaml"
    f.write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataErrors) as err:
            load_yaml(f)
        assert str(err.value) == f"{f}:3: duplicate key 'a'"
    assert entries(cache) == []


def test_validation_problems_name_the_same_line_from_a_hit(cache, tmp_path):
    bad = PACK.read_text(encoding="utf-8").replace("strength: strongest",
                                                   "strength: strongerest", 1)
    f = tmp_path / "pack.yaml"
    f.write_text(bad, encoding="utf-8")
    messages = []
    for _ in range(2):
        with pytest.raises(DataErrors) as err:
            load_library([f])
        messages.append(str(err.value))
    assert len(entries(cache)) == 1  # it parsed; only validation found the problem
    assert messages[0] == messages[1] and f"{f}:" in messages[0]
    assert "unknown strength 'strongerest'" in messages[0]


@pytest.mark.parametrize("damage", ["cut short", "not a pair", "planted"])
def test_a_damaged_or_planted_entry_is_ignored_and_replaced(cache, tmp_path, damage):
    f = tmp_path / "d.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    load_yaml(f)
    [entry] = entries(cache)
    marker = tmp_path / "ran"
    if damage == "cut short":
        entry.write_bytes(entry.read_bytes()[:5])
    elif damage == "not a pair":
        entry.write_bytes(pickle.dumps({"a": 1}))
    else:
        class Planted:
            def __reduce__(self):
                return (os.mkdir, (str(marker),))
        entry.write_bytes(pickle.dumps(({"a": 666}, Planted())))
    assert load_yaml(f).data == {"a": 1}
    assert not marker.exists()
    assert parse_cache.lookup(f.read_bytes()) is not None  # parsed again and kept anew


def test_an_unwritable_cache_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(parse_cache.ENV_DIR, str(blocker / "cache"))
    parse_cache.folder.cache_clear()
    try:
        f = tmp_path / "d.yaml"
        f.write_text("a: 1\n", encoding="utf-8")
        assert load_yaml(f).data == {"a": 1}
        assert load_yaml(f).data == {"a": 1}
        assert list(tmp_path.glob("**/*.tmp")) == []
    finally:
        parse_cache.folder.cache_clear()


def test_off_keeps_nothing(cache, tmp_path, monkeypatch):
    monkeypatch.setenv(parse_cache.ENV_SWITCH, "off")
    parse_cache.folder.cache_clear()
    f = tmp_path / "d.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    load_yaml(f)
    load_yaml(f)
    assert not cache.exists()


def test_another_version_of_drafter_does_not_read_this_ones_entries(cache, tmp_path,
                                                                     monkeypatch):
    import drafter

    f = tmp_path / "d.yaml"
    f.write_text("a: 1\n", encoding="utf-8")
    load_yaml(f)
    parse_cache._key.cache_clear()
    monkeypatch.setattr(drafter, "__version__", "0.0.0-other")
    try:
        assert parse_cache.lookup(f.read_bytes()) is None
        load_yaml(f)
        assert len(entries(cache)) == 2
    finally:
        parse_cache._key.cache_clear()


def test_the_folder_is_pruned_to_the_newest_entries(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(parse_cache, "MAX_ENTRIES", 6)
    monkeypatch.setattr(parse_cache, "KEEP_AFTER_PRUNE", 3)
    for i in range(7):
        f = tmp_path / f"d{i}.yaml"
        f.write_text(f"a: {i}\n", encoding="utf-8")
        load_yaml(f)
        entry = parse_cache._entry_path(f.read_bytes())
        if entry is not None and entry.exists():  # coarse file times must not tie
            os.utime(entry, ns=(i * 10**9, i * 10**9))
    assert len(entries(cache)) == 3
    newest = parse_cache.lookup((tmp_path / "d6.yaml").read_bytes())
    assert newest is not None and newest[0] == {"a": 6}


def test_a_warm_start_does_not_import_pyyaml(cache):
    """The point of the cache: a library and a state's laws read before load without
    PyYAML (its import alone is a fifth of an export)."""
    code = """
import json, sys
from drafter.check.laws import load_lawbook
from drafter.load.session import draft_with_library
draft, lib = draft_with_library(sys.argv[1])
load_lawbook(None, only=draft.jurisdiction.state)
print(json.dumps({"yaml": "yaml" in sys.modules, "clauses": len(lib.clauses)}))
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    draft = str(ROOT / "examples" / "riverside-county-ca.yaml")
    runs = [json.loads(subprocess.run([sys.executable, "-c", code, draft], env=env,
                                      capture_output=True, text=True, check=True).stdout)
            for _ in range(2)]
    assert runs[0]["yaml"] is True and runs[1]["yaml"] is False
    assert runs[0]["clauses"] == runs[1]["clauses"] > 50


def test_threads_loading_the_same_new_file_all_get_it_and_leave_one_good_entry(cache,
                                                                               tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    f = tmp_path / "d.yaml"
    f.write_text("items:\n" + "".join(f"  - item {i}\n" for i in range(2000)),
                 encoding="utf-8")
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda _: load_yaml(f).data, range(16)))
    assert all(g == got[0] for g in got) and len(got[0]["items"]) == 2000
    assert len(entries(cache)) == 1 and list(cache.glob("*.tmp")) == []
    kept = parse_cache.lookup(f.read_bytes())
    assert kept is not None and kept[0] == got[0]
