"""Clause library loading: validation, error collection, the shipped library."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from drafter.check.laws import clear_cache, load_lawbook
from drafter.errors import DataErrors
from drafter.load import library
from drafter.load.library import load_library
from drafter.vocab import PROTECTIONS
from helpers import PACK, ROOT


def test_pack_loads_with_terms_and_findings():
    lib = load_library([PACK])
    assert [c.id for c in lib.options("detainers")] == ["detainers.test_strong",
                                                        "detainers.test_limited"]
    assert lib.options("detainers")[0].strength == "strongest"  # sorted strongest first
    assert lib.terms["detainer"].term == "Civil Immigration Detainer"
    assert lib.findings["general_one"].general is True


def test_pick_nearest_strength():
    lib = load_library([PACK])
    assert lib.pick("detainers", "strong").id == "detainers.test_strong"
    assert lib.pick("detainers", "moderate").id == "detainers.test_limited"
    assert lib.pick("notification", "strong") is None


def test_all_problems_reported_with_lines_and_hints(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "protection: detainer\n"            # 1: unknown protection (did you mean)
        "options:\n"
        "  - id: detainers.x\n"
        "    strenght: strong\n"            # 4: unknown key (did you mean)
        "    strength: mighty\n"            # 5: unknown strength
        "    title: T\n"
        "    summary: S\n"
        "    text: body\n"
        "    kinds: [city, township]\n"      # 9: unknown kind
        "    terms: [nope]\n",
        encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_library([bad])
    msgs = [str(p) for p in exc.value.problems]
    text = "\n".join(msgs)
    assert f"{bad}:1: unknown protection id 'detainer' (did you mean 'detainers'?)" in text
    assert f"{bad}:4: unknown key 'strenght' in option (did you mean 'strength'?)" in text
    assert f"{bad}:5: unknown strength 'mighty'" in text
    assert f"{bad}:9: unknown jurisdiction kind 'township'" in text
    assert len(msgs) >= 4


def test_malformed_yaml_names_line(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("protection: detainers\noptions:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_library([bad])
    p = exc.value.problems[0]
    assert p.file == str(bad) and p.line is not None and "invalid YAML" in p.message


def test_duplicate_ids_across_files(tmp_path):
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    body = ("definitions:\n  t:\n    term: T\n    definition: means t.\n")
    a.write_text(body, encoding="utf-8")
    b.write_text(body, encoding="utf-8")
    with pytest.raises(DataErrors, match="duplicate definition id 't'"):
        load_library([tmp_path])


def test_unknown_references_have_hints(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text(PACK.read_text(encoding="utf-8").replace("terms: [detainer]",
                                                          "terms: [detainr]"), encoding="utf-8")
    with pytest.raises(DataErrors, match=r"unknown term id 'detainr' \(did you mean 'detainer'"):
        load_library([f])


# --- the shipped library -----------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return load_library([ROOT / "clauses"])


def test_shipped_library_is_complete(shipped):
    assert len(shipped.clauses) >= 40
    for pid in PROTECTIONS:
        opts = shipped.options(pid)
        need = 3 if pid in ("detainers", "notification", "interview_consent",
                            "status_inquiry", "data_sharing") else 2
        assert len(opts) >= need, pid
        assert len({c.strength for c in opts}) == len(opts) or len(opts) > 4, pid
    assert len(shipped.terms) >= 20
    assert len(shipped.findings) >= 12
    assert all(f.authority for f in shipped.findings.values())


def test_shipped_clauses_have_required_content(shipped):
    for c in shipped.clauses.values():
        assert c.summary and c.text and c.title, c.id
        assert c.modeled_on, f"{c.id} names no enacted example"
        assert c.kinds, c.id
        assert c.id.startswith(c.protection + "."), c.id
        assert "{{ police }}" not in c.text or "police" in c.agencies, c.id
        assert "{{ jail }}" not in c.text or "jail" in c.agencies, c.id
        assert "{{ probation }}" not in c.text or "probation" in c.agencies, c.id


def test_loaded_clauses_come_from_the_running_code(cache, monkeypatch):
    """A field added to Clause is on every clause loaded afterwards: the parse cache holds
    the files' plain data, never objects an older Drafter built."""
    load_library([PACK])  # what the older version did before the upgrade
    assert list(cache.glob("*.pickle"))

    @dataclass
    class Clause(library.Clause):  # the same class, one release later
        added: list[str] = field(default_factory=list)

    monkeypatch.setattr(library, "Clause", Clause)
    lib = load_library([PACK])
    assert all(c.__dict__.get("added") == [] for c in lib.clauses.values())


def test_the_parse_cache_holds_only_plain_data(cache):
    import io
    import pickle

    load_library([PACK])
    load_library([ROOT / "clauses"])
    clear_cache()  # the law book an earlier test loaded would be handed back unread
    load_lawbook(ROOT / "laws", only="TX")
    entries = list(cache.glob("*.pickle"))
    assert len(entries) > 10
    named: set[tuple[str, str]] = set()

    class Recording(pickle.Unpickler):
        def find_class(self, module, name):
            named.add((module, name))
            return super().find_class(module, name)

    for entry in entries:
        Recording(io.BytesIO(entry.read_bytes())).load()
    assert named <= {("datetime", "date"), ("datetime", "datetime")}, named
    assert ("datetime", "date") in named  # the law files' dates (the test can see classes)


def test_text_fields_keep_what_was_typed(tmp_path):
    f = tmp_path / "p.yaml"
    text = PACK.read_text(encoding="utf-8")
    text = text.replace("citation: K.C.C. 2.15.020}", "citation: 2.150}")
    text = text.replace("title: Holds for serious felonies", "title: 0123")
    text = text.replace("term: Unused Term", "term: yes")
    f.write_text(text, encoding="utf-8")
    lib = load_library([f])
    assert lib.clauses["detainers.test_strong"].modeled_on[0].citation == "2.150"
    assert lib.clauses["detainers.test_limited"].title == "0123"
    assert lib.terms["unused"].term == "yes"


def test_characters_word_cannot_hold_are_refused_with_line(tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text(PACK.read_text(encoding="utf-8").replace(
        "summary: Holds only for people convicted of serious felonies.",
        'summary: "Holds only \\uFFFE for serious felonies."'), encoding="utf-8")
    with pytest.raises(DataErrors, match=rf"{f}:27: summary contains a character Word "
                                         r"cannot hold \(U\+FFFE\)"):
        load_library([f])
