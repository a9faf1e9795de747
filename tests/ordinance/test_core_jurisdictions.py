"""Every kind of government in every state assembles into an ordinance that is right for
that place: its body, instrument, enacting clause, officers and short form, and nothing
borrowed from another state."""

from __future__ import annotations

import re

import pytest

from drafter.errors import DrafterError
from drafter.formats.text import to_text
from drafter.load.draft import ChosenClause, new_draft
from drafter.load.library import Library, load_library
from drafter.load.profiles import load_profiles
from drafter.ordinance.assemble import assemble
from drafter.ordinance.localgov import check_kind_exists, clause_kind, local_government
from helpers import ROOT

PROFILES = load_profiles()
CASES = [(s, k) for s, sp in sorted(PROFILES.items()) for k in sp.kinds]
# Body names that belong to some states only; one in another state's document is a leak.
STATE_BODIES = {
    "Commissioners Court": {"TX"}, "Police Jury": {"LA"},
    "Select Board": {"MA", "VT", "NH", "ME", "CT"},
}


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library([ROOT / "clauses"])


def _all_fitting(lib: Library, kind: str, agencies: dict[str, str | None],
                 state: str = "") -> list[ChosenClause]:
    kind = clause_kind(state, kind)
    out = []
    for p in lib.protections.values():
        for c in p.clauses:
            if kind in c.kinds and all(agencies.get(a) for a in c.agencies):
                out.append(ChosenClause(c.id))
                break
    return out


@pytest.mark.parametrize(("state", "kind"), CASES, ids=[f"{s}-{k}" for s, k in CASES])
def test_every_state_and_kind_assembles_right(lib: Library, state: str, kind: str) -> None:
    name = {"city": "City of Fairview", "county": "Fairview County", "parish": "Fairview Parish",
            "town": "Town of Fairview"}.get(kind, "Fairview")
    d = new_draft(name, kind, state)
    d.clauses = _all_fitting(lib, kind, d.jurisdiction.agencies, state)
    doc = assemble(d, lib)
    text = to_text(doc)
    gov = local_government(d.jurisdiction)
    assert "{{" not in text and "}}" not in text and "{%" not in text
    assert "City of City" not in text and "County County" not in text
    assert "Town of Town" not in text and "Parish Parish" not in text
    assert re.search(r"\bthe the\b", text, re.IGNORECASE) is None
    profile = PROFILES[state].kinds[kind]
    assert d.jurisdiction.body == profile.body
    assert doc.enacting == gov.enacting
    assert gov.place.formal in text
    signers = [p.text for p in doc.signature if p.kind == "sign"]
    expected = [profile.presiding_officer or "[Presiding Officer]",
                profile.clerk or "[Clerk]", profile.legal_officer or "[Legal Officer]"]
    if profile.clerk_certificate:  # the clerk signs the certificate too
        expected.append(profile.clerk or "[Clerk]")
    assert signers == expected
    for body, states in STATE_BODIES.items():
        if state not in states:
            assert body not in text, body
    if profile.instrument != "ordinance":
        assert "this ordinance" not in text.lower() or profile.instrument.startswith(
            "ordinance"), "the instrument is named as the state names it"


@pytest.mark.parametrize(("state", "kind", "why"), [
    ("CT", "county", "Connecticut has no county government"),
    ("RI", "county", "Rhode Island has no county government"),
    ("OH", "parish", "parishes exist only in Louisiana"),
    ("LA", "county", "Louisiana has parishes, not counties"),
])
def test_a_kind_the_state_lacks_is_refused(state: str, kind: str, why: str) -> None:
    with pytest.raises(DrafterError, match=why):
        check_kind_exists(state, kind)
    with pytest.raises(DrafterError, match=why):
        new_draft("Fairview", kind, state)


GOLDEN = {
    # state, kind, typed name: body, instrument, enacting clause start, legal officer, formal
    ("CA", "county", "Riverside County"): ("Board of Supervisors", "ordinance",
        "The Board of Supervisors of the County of Riverside ordains", "County Counsel",
        "County of Riverside"),
    ("TX", "county", "Harris"): ("Commissioners Court", "order",
        "BE IT ORDERED BY THE COMMISSIONERS COURT OF HARRIS COUNTY, TEXAS", "County Attorney",
        "Harris County"),
    ("FL", "county", "Alachua County"): ("Board of County Commissioners", "ordinance",
        "BE IT ORDAINED BY THE BOARD OF COUNTY COMMISSIONERS OF ALACHUA COUNTY, FLORIDA",
        "County Attorney", "Alachua County"),
    ("NY", "county", "Westchester"): ("County Legislature", "local law",
        "BE IT ENACTED BY THE COUNTY LEGISLATURE OF THE COUNTY OF WESTCHESTER",
        "County Attorney", "County of Westchester"),
    ("NY", "city", "City of Ithaca"): ("Common Council", "local law",
        "BE IT ENACTED BY THE COMMON COUNCIL OF THE CITY OF ITHACA", "Corporation Counsel",
        "City of Ithaca"),
    ("MA", "town", "Town of Amherst"): ("Town Meeting", "bylaw", "Voted: that the Town of Amherst",
        "Town Counsel", "Town of Amherst"),
    ("LA", "parish", "Calcasieu Parish"): ("Police Jury", "ordinance",
        "BE IT ORDAINED by the Police Jury of Calcasieu Parish, Louisiana", "District Attorney",
        "Calcasieu Parish"),
    ("VA", "city", "Richmond"): ("City Council", "ordinance",
        "BE IT ORDAINED BY THE COUNCIL OF THE CITY OF RICHMOND", "City Attorney",
        "City of Richmond"),
    ("PA", "borough", "State College"): ("Borough Council", "ordinance",
        "BE IT ORDAINED AND ENACTED BY THE BOROUGH COUNCIL OF THE BOROUGH OF STATE COLLEGE",
        "Borough Solicitor", "Borough of State College"),
    ("WA", "city", "Spokane"): ("City Council", "ordinance",
        "THE CITY COUNCIL OF THE CITY OF SPOKANE, WASHINGTON, DO ORDAIN", "City Attorney",
        "City of Spokane"),
}


@pytest.mark.parametrize("key", GOLDEN, ids=["-".join(k[:2]) for k in GOLDEN])
def test_golden_places(lib: Library, key: tuple[str, str, str]) -> None:
    state, kind, typed = key
    body, instrument, enacting, legal, formal = GOLDEN[key]
    d = new_draft(typed, kind, state)
    d.clauses = _all_fitting(lib, kind, d.jurisdiction.agencies, state)
    doc = assemble(d, lib)
    text = to_text(doc)
    gov = local_government(d.jurisdiction)
    assert gov.body == body
    assert gov.instrument == instrument
    assert doc.enacting.startswith(enacting)
    assert gov.legal_officer == legal
    assert gov.place.formal == formal
    in_full = re.findall(re.escape(formal) + r"(?! Sheriff| Probation| Police)", text)
    assert len(in_full) <= 4, "said in full in the title, first recital and signature only"
    short = gov.place.short
    assert f"(the “{short[4:]}”)" in text
    assert doc.title.startswith(f"{gov.an_instrument.upper()} OF")


@pytest.mark.parametrize(("state", "kind", "voluntary"), [
    ("TX", "county", False),   # Tex. Code Crim. Proc. art. 2A.060: jails honour detainers
    ("FL", "county", False),   # Fla. Stat. ch. 908
    ("CA", "county", True),
    ("IL", "county", True),
])
def test_recitals_never_call_voluntary_what_state_law_requires(
        lib: Library, state: str, kind: str, voluntary: bool) -> None:
    d = new_draft("Fairview", kind, state)
    d.clauses = [ChosenClause("detainers.judicial_warrant_only"),
                 ChosenClause("agreements_287g.prohibit_all")]
    recitals = " ".join(p.text for p in assemble(d, lib).recitals)
    assert ("compliance is voluntary" in recitals) is voluntary
    assert ("are voluntary; no federal law requires" in recitals) is voluntary


@pytest.mark.parametrize(("state", "kind", "first"), [
    ("MA", "town", "the Town of Fairview (the “Town”) is a political subdivision of the "
                   "Commonwealth of Massachusetts"),
    ("VA", "city", "the City of Fairview (the “City”) is a political subdivision of the "
                   "Commonwealth of Virginia"),
    ("TX", "county", "Fairview County (the “County”) is a political subdivision of the State "
                     "of Texas, and the Commissioners Court is its governing body"),
    ("DC", "city-county", "the District of Columbia (the “District”) is a body corporate"),
])
def test_first_recital_names_the_place_and_its_state_rightly(
        lib: Library, state: str, kind: str, first: str) -> None:
    doc = assemble(new_draft("Fairview", kind, state), lib)
    assert first in doc.recitals[0].text
    assert "State of District" not in to_text(doc)


GOLDEN_DIR = ROOT / "tests" / "data" / "golden" / "places"


@pytest.mark.parametrize("key", GOLDEN, ids=["-".join(k[:2]) for k in GOLDEN])
def test_golden_text_of_each_place(lib: Library, key: tuple[str, str, str]) -> None:
    """The whole ordinance of each place, as text, read once by a person and kept: any
    change to how a place is named or how its ordinance reads shows up here for review
    (rerun with UPDATE_GOLDEN=1 and read the diff)."""
    import datetime as dt
    import os

    state, kind, typed = key
    d = new_draft(typed, kind, state)
    d.ordinance.draft_date = dt.date(2026, 11, 29)
    d.clauses = _all_fitting(lib, kind, d.jurisdiction.agencies, state)
    text = to_text(assemble(d, lib))
    golden = GOLDEN_DIR / f"{state.lower()}-{kind}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), \
        f"{golden.name} changed; if intended, rerun with UPDATE_GOLDEN=1 and review the diff"


def test_clerks_certificate_where_the_profile_has_one(lib: Library) -> None:
    ny = to_text(assemble(new_draft("Westchester", "county", "NY"), lib))
    assert "CLERK’S CERTIFICATE" in ny
    assert ("copy of the local law adopted by the County Legislature of the County of "
            "Westchester") in ny and "Municipal Home Rule Law § 27" in ny
    assert "CLERK’S CERTIFICATE" not in to_text(assemble(new_draft("Harris", "county", "TX"),
                                                           lib))
