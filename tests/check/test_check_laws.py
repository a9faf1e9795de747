"""Law data: the shipped laws/ folder is complete and valid; bad data is reported in full."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from drafter.check.laws import (
    CONFIDENCES,
    EFFECTS,
    FEDERAL_RULES,
    POSTURES,
    STATUSES,
    clear_cache,
    load_lawbook,
)
from drafter.errors import DataErrors, DrafterError
from drafter.vocab import ACTS, BINDERS, STATES
from helpers import DATA, ROOT

LAWS = ROOT / "laws"
FIXTURE_LAWS = DATA / "laws"


# --- the shipped law data --------------------------------------------------------------


@pytest.fixture(scope="module")
def book():
    assert LAWS.is_dir(), "the shipped laws/ folder is missing"
    return load_lawbook(LAWS)


def test_every_state_and_dc_has_a_file(book):
    files = {p.stem for p in LAWS.glob("*.yaml")}
    assert set(STATES) <= files
    assert "federal" in files
    assert set(book.states) == set(STATES)
    assert len(book.states) == 51
    assert book.missing == []


def test_every_file_validates_and_ids_are_unique(book):
    ids = [law.id for st in [*book.states.values(), book.federal] for law in st.laws]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(book.laws)


def test_every_rule_carries_citation_date_status_and_review(book):
    for law in book.laws.values():
        assert law.citation, law.id
        assert law.status in STATUSES, law.id
        assert law.confidence in CONFIDENCES, law.id
        assert isinstance(law.last_reviewed, dt.date), law.id
        # an unknown effective date must say why
        assert law.effective is not None or law.effective_note, law.id
        for prov in law.provisions:
            assert set(prov.effects) <= set(EFFECTS), law.id
            assert all(a in ACTS for e in prov.effects.values() for a in e), law.id
            assert prov.binds and prov.binds <= set(BINDERS), law.id
    for st in book.states.values():
        assert st.posture in POSTURES and st.last_reviewed is not None, st.code
        assert st.name == STATES[st.code]


def test_federal_rules_present(book):
    assert book.federal.code == "US"
    for rid in FEDERAL_RULES:
        assert book.federal.law(rid) is not None, rid
        assert book.laws[rid].state == "US"
    assert "detainers" in book.federal.extra["federal_notes"]


def test_all_five_postures_are_represented(book):
    assert {st.posture for st in book.states.values()} == set(POSTURES)


def test_state_lookup_errors_are_clear(book):
    assert book.state("tx").code == "TX"
    with pytest.raises(DrafterError, match="unknown state code 'ZZ'"):
        book.state("ZZ")


def test_lawbook_is_cached_and_reloaded_on_change(tmp_path):
    folder = tmp_path / "laws"
    shutil.copytree(FIXTURE_LAWS, folder)
    first = load_lawbook(folder, complete=False)
    assert load_lawbook(folder, complete=False) is first
    ak = folder / "AK.yaml"
    ak.write_text(ak.read_text().replace("posture: none", "posture: preempts"))
    second = load_lawbook(folder, complete=False)
    assert second is not first and second.states["AK"].posture == "preempts"
    clear_cache()
    assert load_lawbook(folder, complete=False) is not second


# --- completeness and bad data -----------------------------------------------------------


def test_missing_state_file_is_a_problem_naming_the_file():
    with pytest.raises(DataErrors) as info:
        load_lawbook(FIXTURE_LAWS)  # the fixtures hold only a few states
    messages = [str(p) for p in info.value.problems]
    assert not [m for m in messages if "TX.yaml" in m]  # present in the fixtures
    wy = [m for m in messages if "WY.yaml" in m]
    assert len(wy) == 1 and "missing law file for Wyoming (WY)" in wy[0]
    assert len(info.value.problems) == 51 - 4


def test_incomplete_folder_loads_without_completeness_and_names_missing_state():
    book = load_lawbook(FIXTURE_LAWS, complete=False)
    assert sorted(book.states) == ["AK", "CA", "IL", "TX"]
    with pytest.raises(DrafterError) as info:
        book.state("NY")
    msg = str(info.value)
    assert "no law data for state 'NY'" in msg and "NY.yaml" in msg


def _folder_with(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "laws"
    shutil.copytree(FIXTURE_LAWS, folder)
    (folder / name).write_text(text)
    return folder


BAD_STATE = """\
state: AK
name: Alaska
posture: nonee
posture_confidence: high
summary: Bad fixture.
last_reviewed: 2026-11-21
lawz: []
laws:
- id: ak-bad-1
  citation: Bad Act
  name: Bad
  effective: 1 Sept 2020
  status: in_forse
  binds: [locals]
  provisions:
  - blocks: [hold_past_releas]
    protects: [release_notice]
    blockz: [status_records]
  confidence: high
  last_reviewed: 2026-11-21
  penalty: none
- id: ak-bad-1
  citation: Dup
  name: Dup
  status: in_force
  binds: []
  provisions: []
  confidence: high
  last_reviewed: 2026-11-21
institutions:
  jail: county
  jails: county
  probation: county
  court_security: sherif
  board_directs_sheriff: 'yes'
  confidence: high
"""


def test_every_problem_reported_with_file_line_and_hint(tmp_path):
    folder = _folder_with(tmp_path, "AK.yaml", BAD_STATE)
    with pytest.raises(DataErrors) as info:
        load_lawbook(folder, complete=False)
    probs = info.value.problems
    text = "\n".join(str(p) for p in probs)
    by_line = {(p.line, p.message.split(" '")[0]) for p in probs}
    assert all(p.file and p.file.endswith("AK.yaml") for p in probs), text
    assert (3, "unknown posture") in by_line and "did you mean 'none'" in text
    assert (7, "unknown key") in by_line and "did you mean 'laws'" in text
    assert any(p.line == 12 and "effective must be a date" in p.message for p in probs)
    assert any(p.line == 13 and "unknown status 'in_forse'" in p.message
               and "did you mean 'in_force'" in p.message for p in probs), text
    assert any(p.line == 14 and "unknown binder 'locals'" in p.message
               and "did you mean 'local'" in p.message for p in probs), text
    assert any(p.line == 16 and "unknown act 'hold_past_releas'" in p.message
               and "did you mean 'hold_past_release'" in p.message for p in probs), text
    assert any(p.line == 18 and "unknown key 'blockz'" in p.message
               and "did you mean 'blocks'" in p.message for p in probs), text
    assert any(p.line == 21 and "unknown key 'penalty'" in p.message
               and "did you mean 'penalties'" in p.message for p in probs), text
    assert any("duplicate law id 'ak-bad-1'" in p.message and p.line == 22 for p in probs)
    assert any("missing required key 'effective'" in p.message and p.line == 22
               for p in probs), text
    assert any("unknown key 'jail' in institutions" in p.message
               and "did you mean 'jails'" in p.message for p in probs), text
    assert any("'sherif'" in p.message and "did you mean 'sheriff'" in p.message
               for p in probs), text


def test_problems_collected_across_files(tmp_path):
    folder = _folder_with(tmp_path, "AK.yaml", BAD_STATE)
    (folder / "CA.yaml").write_text((FIXTURE_LAWS / "CA.yaml").read_text().replace(
        "protects: [", "protected: ["))
    (folder / "Texas.yaml").write_text("state: TX\n")
    with pytest.raises(DataErrors) as info:
        load_lawbook(folder, complete=False)
    files = {Path(p.file).name for p in info.value.problems}
    assert {"AK.yaml", "CA.yaml", "Texas.yaml"} <= files


def test_duplicate_ids_across_files_and_wrong_state(tmp_path):
    text = (FIXTURE_LAWS / "IL.yaml").read_text().replace("il-fixture-trust", "ca-fixture-values")
    folder = _folder_with(tmp_path, "IL.yaml", text.replace("state: IL", "state: CA"))
    with pytest.raises(DataErrors) as info:
        load_lawbook(folder, complete=False)
    text = "\n".join(str(p) for p in info.value.problems)
    assert "duplicate law id 'ca-fixture-values' (also in" in text
    assert "state 'CA' does not match the file name (expected 'IL')" in text


def test_federal_file_must_carry_the_engine_rules(tmp_path):
    fed = (FIXTURE_LAWS / "federal.yaml").read_text().replace("id: us-geo-newsom",
                                                              "id: us-geo-newsome")
    folder = _folder_with(tmp_path, "federal.yaml", fed)
    with pytest.raises(DataErrors, match="federal rule 'us-geo-newsom' is missing"):
        load_lawbook(folder, complete=False)
    (folder / "federal.yaml").unlink()
    with pytest.raises(DataErrors, match="missing federal.yaml"):
        load_lawbook(folder, complete=False)


def test_federal_extra_keys_only_in_federal_file(tmp_path):
    text = (FIXTURE_LAWS / "AK.yaml").read_text() + "federal_notes: {}\n"
    folder = _folder_with(tmp_path, "AK.yaml", text)
    with pytest.raises(DataErrors, match="unknown key 'federal_notes'"):
        load_lawbook(folder, complete=False)


def test_reserved_rule_prefix_and_bad_yaml(tmp_path):
    text = (FIXTURE_LAWS / "IL.yaml").read_text().replace("il-fixture-trust", "fit.agency")
    folder = _folder_with(tmp_path, "IL.yaml", text)
    (folder / "AK.yaml").write_text("state: [AK\n")
    with pytest.raises(DataErrors) as info:
        load_lawbook(folder, complete=False)
    text = "\n".join(str(p) for p in info.value.problems)
    assert "reserved for the engine's own rules" in text
    assert "AK.yaml" in text and "invalid YAML" in text


def test_impossible_date_is_a_problem_not_a_crash(tmp_path):
    text = (FIXTURE_LAWS / "IL.yaml").read_text().replace("effective: 2017-08-28",
                                                          "effective: 2017-13-28")
    folder = _folder_with(tmp_path, "IL.yaml", text)
    with pytest.raises(DataErrors) as info:
        load_lawbook(folder, complete=False)
    (problem,) = info.value.problems
    assert problem.file.endswith("IL.yaml") and "month must be in 1..12" in problem.message


def test_missing_folder():
    with pytest.raises(DrafterError, match="law data folder not found"):
        load_lawbook(DATA / "no-such-folder")
