"""Jurisdiction profiles: read strictly, every problem named with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import DrafterError
from drafter.load.profiles import load_profile, load_profiles

GOOD = """\
state: TX
name: Texas
last_reviewed: 2026-11-29
county_government: true
kinds:
  county:
    name_pattern: "{name} County"
    short_form: the County
    body: Commissioners Court
    instrument: order
    enacting_clause: "BE IT ORDERED BY THE COMMISSIONERS COURT OF {formal_name}:"
    legal_officer: County Attorney
    clerk: County Clerk
    presiding_officer: County Judge
    sources: [https://example.org/loc-gov-code]
    confidence: high
"""


def write(tmp_path: Path, text: str, name: str = "TX.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_a_good_profile_loads(tmp_path: Path) -> None:
    p = load_profile(write(tmp_path, GOOD))
    county = p.kind("county")
    assert county is not None
    assert county.body == "Commissioners Court"
    assert county.instrument == "order"
    assert county.sources == ("https://example.org/loc-gov-code",)
    assert p.kind("parish") is None


def test_every_problem_is_named_with_its_line(tmp_path: Path) -> None:
    bad = GOOD.replace("    instrument: order", "    instrument: decree") \
              .replace('"{name} County"', '"{place} County"') \
              .replace("    clerk: County Clerk", "    clerc: County Clerk")
    with pytest.raises(DrafterError) as exc:
        load_profile(write(tmp_path, bad))
    text = str(exc.value)
    assert "TX.yaml:10: unknown instrument 'decree'" in text
    assert "TX.yaml:7: name pattern may use only {name}" in text
    assert "unknown key 'clerc'" in text and "did you mean 'clerk'" in text


def test_enacting_clause_with_an_unknown_field_is_refused(tmp_path: Path) -> None:
    bad = GOOD.replace("{formal_name}:", "{county_name}:")
    with pytest.raises(DrafterError, match="enacting clause may use only"):
        load_profile(write(tmp_path, bad))


def test_file_name_must_match_the_state(tmp_path: Path) -> None:
    with pytest.raises(DrafterError, match="name it TX.yaml"):
        load_profile(write(tmp_path, GOOD, "FL.yaml"))


def test_a_kind_that_is_not_offered_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DrafterError, match="unknown kind of government 'township'"):
        load_profile(write(tmp_path, GOOD + "  township: {}\n"))


def test_problems_of_several_files_are_reported_together(tmp_path: Path) -> None:
    write(tmp_path, GOOD.replace("instrument: order", "instrument: decree"))
    write(tmp_path, "state: FL\nkinds: [1, 2]\n", "FL.yaml")
    with pytest.raises(DrafterError) as exc:
        load_profiles(tmp_path)
    assert "FL.yaml" in str(exc.value) and "TX.yaml" in str(exc.value)


def test_shipped_profiles_cover_every_state_with_sources() -> None:
    from drafter.vocab import STATES

    profiles = load_profiles()
    assert set(profiles) == set(STATES)
    for state, sp in profiles.items():
        assert sp.kinds, state
        assert sp.last_reviewed is not None, state
        for kind, kp in sp.kinds.items():
            assert kp.body and kp.instrument, (state, kind)
            assert kp.sources, (state, kind)
    assert not profiles["CT"].county_government and "county" not in profiles["CT"].kinds
    assert not profiles["RI"].county_government
    assert set(profiles["LA"].kinds) >= {"parish"} and "county" not in profiles["LA"].kinds
    assert all("parish" not in sp.kinds for s, sp in profiles.items() if s != "LA")
