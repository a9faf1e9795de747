"""The 2025-2026 protections (issue 15): property used for enforcement, surveillance data,
officer identification and sensitive places. Schema and completeness of the law data's
per-protection review, verdicts in states of every posture (each case names the verdict and
the rule that must decide it, read off the law files), federal pressure apart from the
verdicts, and the staleness line."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from drafter.check.engine import check_draft, clause_verdict, decisive, report_json
from drafter.check.laws import (
    _months_before,
    clear_cache,
    load_lawbook,
    missing_reviews,
    reviewed_on,
    staleness,
)
from drafter.check.pressure import clause_pressure, overall
from drafter.errors import DataErrors
from drafter.load.draft import ChosenClause, Draft, Jurisdiction
from drafter.load.library import load_library
from drafter.vocab import (
    ACTS,
    PROTECTIONS,
    REVIEW_ACTS,
    REVIEWED_PROTECTIONS,
    STATES,
    STRENGTHS,
)
from helpers import ROOT, run_cli

AS_OF = dt.date(2026, 11, 29)
NEW = ("property_use", "surveillance_data", "officer_identification", "sensitive_places")


@pytest.fixture(scope="module")
def book():
    return load_lawbook(ROOT / "laws")


@pytest.fixture(scope="module")
def lib():
    return load_library([ROOT / "clauses"])


def option(lib, protection: str, strength: str):
    return next(c for c in lib.options(protection) if c.strength == strength)


# --- the clause library -----------------------------------------------------------------

def test_new_protections_are_in_the_vocabulary_without_ilrc_factor():
    assert set(NEW) == set(REVIEWED_PROTECTIONS)
    for pid in NEW:
        label, factor = PROTECTIONS[pid]
        assert label and factor is None
        assert REVIEW_ACTS[pid] and REVIEW_ACTS[pid] <= set(ACTS)


def test_each_new_protection_has_graded_options(lib):
    for pid in NEW:
        opts = lib.options(pid)
        assert [c.strength for c in opts] == list(STRENGTHS), pid
        for c in opts:
            assert c.summary and c.heading and c.terms and c.findings and c.modeled_on, c.id
            assert set(c.acts) <= set(ACTS), c.id
            assert "{{ instrument }}" in c.text or "{{ body }}" in c.text \
                or "{{ agencies_of }}" in c.text, c.id


def test_rules_aimed_at_federal_officers_are_marked_as_such(lib):
    # only the options that bind federal officers themselves carry the act
    marked = {c.id for pid in NEW for c in lib.options(pid) if "federal_agent_conduct" in c.acts}
    assert marked == {"property_use.no_staging_any_person",
                      "officer_identification.all_officers_identified"}


# --- law data: schema and completeness -------------------------------------------------

def test_every_state_reviews_every_new_protection(book):
    assert missing_reviews(book) == {}
    for code in STATES:
        st = book.state(code)
        for pid in NEW:
            r = st.reviews[pid]
            assert r.finding in ("silent", "speaks"), (code, pid)
            assert r.reviewed is not None and r.reviewed >= AS_OF and r.note, (code, pid)
            if r.finding == "speaks":
                assert r.laws and all(st.law(i) for i in r.laws), (code, pid)
            else:
                assert not r.laws


def test_silent_and_speaking_states_are_where_the_research_puts_them(book):
    def finding(code, pid):
        return book.state(code).reviews[pid].finding

    assert finding("TX", "property_use") == "speaks"
    assert finding("CA", "surveillance_data") == "speaks"
    assert finding("AK", "surveillance_data") == "silent"
    assert finding("NY", "officer_identification") == "silent"
    assert finding("NJ", "property_use") == "speaks"
    assert finding("OH", "property_use") == "silent"      # only pending bills there


def test_new_laws_carry_citation_date_status_sources(book):
    for lid in ("ca-sb34-2015", "ca-sb805-2025-federal", "ca-ab49-sb81-2025",
                "il-alpr-2-130-2023", "vt-alpr-1607-2013", "va-hb2724-2025", "co-sb26-070",
                "us-intergovernmental-immunity"):
        law = book.rule(lid)
        assert law.citation and law.status and law.confidence, lid
        assert law.last_reviewed is not None and law.last_reviewed >= AS_OF, lid
        assert law.sources or lid.startswith("us-"), lid
        assert law.effective is not None or law.effective_note, lid


def _copy_laws(tmp_path: Path) -> Path:
    dst = tmp_path / "laws"
    shutil.copytree(ROOT / "laws", dst)
    clear_cache()
    return dst


def _problems(folder: Path) -> str:
    with pytest.raises(DataErrors) as exc:
        load_lawbook(folder)
    return "\n".join(p.message for p in exc.value.problems)


def test_a_silent_review_cannot_hide_a_law_that_speaks(tmp_path):
    folder = _copy_laws(tmp_path)
    f = folder / "TX.yaml"
    text = f.read_text()
    start = text.index("  property_use:\n    finding: speaks")
    text = text[:start] + text[start:].replace(
        "finding: speaks\n    laws: [tx-sb4-2017]", "finding: silent", 1)
    f.write_text(text)
    msg = _problems(folder)
    assert "'property_use' is marked silent, but tx-sb4-2017" in msg


def test_a_review_must_list_exactly_the_laws_that_speak(tmp_path):
    folder = _copy_laws(tmp_path)
    f = folder / "CA.yaml"
    text = f.read_text()
    text = text.replace("laws: [ca-sb34-2015]", "laws: [ca-sb54-2017]", 1)
    f.write_text(text)
    msg = _problems(folder)
    assert "missing ca-sb34-2015" in msg and "not speaking to its acts: ca-sb54-2017" in msg


def test_review_entries_are_validated(tmp_path):
    folder = _copy_laws(tmp_path)
    f = folder / "AK.yaml"
    text = f.read_text().replace("  property_use:\n    finding: silent",
                                 "  property_uses:\n    finding: quiet", 1)
    f.write_text(text)
    msg = _problems(folder)
    assert "unknown protection id 'property_uses'" in msg


def test_a_missing_review_is_reported_by_the_completeness_check(tmp_path):
    folder = _copy_laws(tmp_path)
    f = folder / "AK.yaml"
    text = f.read_text()
    f.write_text(text[:text.index("protections:")])
    assert missing_reviews(load_lawbook(folder)) == {"AK": list(NEW)}


def test_pressure_data_is_validated(tmp_path):
    folder = _copy_laws(tmp_path)
    f = folder / "federal.yaml"
    text = f.read_text().replace("      level: high\n      actions: [doj-suits-2025, eo-14287]",
                                 "      level: severe\n      actions: [doj-suits-2026]", 1)
    f.write_text(text)
    msg = _problems(folder)
    assert "severe" in msg and "unknown pressure action 'doj-suits-2026'" in msg


# --- verdicts across postures ------------------------------------------------------------

CASES = [
    # mandates_cooperation: statutes that forbid limiting assistance
    ("TX", "property_use", "strong", "blocked", "tx-sb4-2017"),
    ("TX", "property_use", "limited", "allowed", "tx-no-state-law"),
    ("TX", "surveillance_data", "moderate", "at_risk", "tx-sb4-2017"),   # uncertain
    ("TX", "officer_identification", "strong", "blocked", "tx-sb4-2017"),  # joint operations
    ("TX", "officer_identification", "moderate", "allowed", "tx-no-state-law"),
    ("TX", "sensitive_places", "strong", "blocked", "tx-sb4-2017"),
    ("TX", "sensitive_places", "moderate", "allowed", "tx-no-state-law"),
    ("FL", "surveillance_data", "limited", "blocked", "fl-sb168-2019"),
    ("TN", "surveillance_data", "limited", "at_risk", "tn-hb2315-2018"),   # Nashville lesson
    ("GA", "property_use", "strong", "at_risk", "ga-36-80-23-2009"),
    ("GA", "sensitive_places", "strong", "blocked", "ga-36-80-23-2009"),
    # preempts: general bans on limiting cooperation
    ("MO", "property_use", "moderate", "at_risk", "mo-67-307-2008"),       # uncertain
    ("MO", "officer_identification", "moderate", "allowed", "mo-no-state-law"),
    ("WY", "surveillance_data", "moderate", "allowed", "wy-no-state-law"),
    # protective
    ("CA", "surveillance_data", "limited", "state_law", "ca-sb34-2015"),
    ("CA", "surveillance_data", "strong", "state_law", "ca-sb34-2015"),
    ("CA", "officer_identification", "moderate", "state_law", "ca-sb627-sb805-2025"),
    ("CA", "officer_identification", "strongest", "at_risk", "us-intergovernmental-immunity"),
    ("CA", "sensitive_places", "moderate", "allowed", "ca-ab49-sb81-2025"),  # binds schools
    ("CA", "property_use", "strong", "allowed", "ca-no-state-law"),
    ("IL", "surveillance_data", "limited", "state_law", "il-alpr-2-130-2023"),
    ("WA", "surveillance_data", "limited", "state_law", "wa-essb6002-2026"),
    ("NJ", "property_use", "strong", "state_law", "nj-ag-directive-2018-6"),
    ("VT", "surveillance_data", "moderate", "state_law", "vt-alpr-1607-2013"),
    ("VA", "surveillance_data", "moderate", "state_law", "va-hb2724-2025"),
    ("NY", "property_use", "strongest", "at_risk", "us-intergovernmental-immunity"),
    ("CO", "surveillance_data", "strong", "allowed", "co-no-state-law"),    # SB26-070 pending
    # none / mixed
    ("OH", "property_use", "strong", "allowed", "oh-no-state-law"),
    ("OH", "officer_identification", "strongest", "at_risk", "us-intergovernmental-immunity"),
    ("AK", "sensitive_places", "strong", "allowed", "ak-no-state-law"),
    ("NV", "officer_identification", "moderate", "allowed", "nv-no-state-law"),
]


@pytest.mark.parametrize(("state", "pid", "strength", "verdict", "rule"), CASES)
def test_new_protection_verdicts(book, lib, state, pid, strength, verdict, rule):
    top = decisive(clause_verdict(option(lib, pid, strength), state, book, AS_OF))
    assert (top.verdict, top.rule) == (verdict, rule)


def test_cases_cover_ten_states_and_every_posture(book):
    states = {c[0] for c in CASES}
    assert len(states) >= 10
    assert {book.state(s).posture for s in states} >= {
        "mandates_cooperation", "preempts", "protective", "none", "mixed"}


def test_partial_and_full_state_law_are_told_apart(book, lib):
    strong = decisive(clause_verdict(option(lib, "surveillance_data", "strong"), "CA", book,
                                     AS_OF))
    limited = decisive(clause_verdict(option(lib, "surveillance_data", "limited"), "CA", book,
                                      AS_OF))
    assert (strong.coverage, limited.coverage) == ("partial", "full")


def test_a_pending_bill_is_shown_but_does_not_decide(book, lib):
    found = clause_verdict(option(lib, "surveillance_data", "strong"), "CO", book, AS_OF)
    pending = [f for f in found if f.rule == "co-sb26-070"]
    assert pending and not pending[0].decides


def test_federal_officer_rules_are_at_risk_everywhere_own_officer_rules_are_not(book, lib):
    fed = option(lib, "officer_identification", "strongest")
    own = option(lib, "officer_identification", "moderate")
    for code in STATES:
        found = clause_verdict(fed, code, book, AS_OF)
        imm = [f for f in found if f.rule == "us-intergovernmental-immunity"]
        assert imm and imm[0].verdict == "at_risk" and "intergovernmental" in imm[0].message
        assert decisive(found).verdict in ("at_risk", "blocked"), code
        mine = clause_verdict(own, code, book, AS_OF)
        assert not any(f.rule == "us-intergovernmental-immunity" and f.verdict == "at_risk"
                       for f in mine), code


def test_blocked_texas_property_clause_points_to_the_allowed_option(book, lib):
    found = clause_verdict(option(lib, "property_use", "strong"), "TX", book, AS_OF,
                           library=lib)
    assert found[0].alternative == "property_use.referral_and_record"


# --- federal pressure ----------------------------------------------------------------------

def _draft(state: str, ids: list[str], savings: bool = True) -> Draft:
    d = Draft(jurisdiction=Jurisdiction(name="Testville", kind="city", state=state,
                                        agencies={"police": "Testville Police Department"}),
              clauses=[ChosenClause(i) for i in ids])
    d.export.savings_clause = savings
    return d


def test_pressure_levels_follow_what_the_clause_does(book, lib):
    def level(pid, strength, state="TX"):
        p = clause_pressure(option(lib, pid, strength), state, book)
        return p.level if p else None

    assert level("officer_identification", "strongest") == "high"
    assert level("officer_identification", "moderate") == "low"
    assert level("officer_identification", "limited") is None    # restricts nothing
    assert level("property_use", "strong") == "medium"
    assert level("surveillance_data", "moderate") == "low"
    assert level("surveillance_data", "strong") == "medium"


def test_pressure_names_injunctions_that_protect_the_state(book, lib):
    notice = next(c for c in lib.options("notification") if "release_notice" in c.restricted_acts)
    ca = clause_pressure(notice, "CA", book)
    tx = clause_pressure(notice, "TX", book)
    assert ca is not None and tx is not None
    assert any("enjoined for California" in r for r in ca.relief)
    assert tx.relief == () and "California v. U.S. Dep't of Transportation" in tx.message


def test_savings_section_removes_status_pressure(book, lib):
    opt = min((c for c in lib.clauses.values() if "status_records" in c.restricted_acts),
              key=lambda c: len(c.restricted_acts))
    without = clause_pressure(opt, "CA", book, savings_clause=False)
    assert without is not None and without.level == "high"
    assert "status_records" in without.acts
    kept = clause_pressure(opt, "CA", book, savings_clause=True)
    assert kept is None or "status_records" not in kept.acts


def test_pressure_is_reported_apart_from_the_verdict(book, lib):
    ids = ["officer_identification.all_officers_identified", "sensitive_places.model_protocols"]
    report = check_draft(_draft("CA", ids), lib, book, AS_OF)
    assert report.pressure_level == "high" == overall(report.pressure)
    out = report_json(report)
    assert out["pressure_level"] == "high"
    assert [p["clause"] for p in out["pressure"]] == ids
    # the verdicts are the engine's, unchanged by pressure
    for cid in ids:
        assert report.decisive(cid).verdict == decisive(
            clause_verdict(lib.clause(cid), "CA", book, AS_OF, kind="city", library=lib,
                           draft=_draft("CA", ids))
            + [f for f in report.for_clause(cid) if f.source in ("fit", "conflict")]).verdict
    assert report.decisive("sensitive_places.model_protocols").verdict == "allowed"


# --- staleness -------------------------------------------------------------------------------

def test_staleness_names_the_older_federal_data(tmp_path):
    folder = _copy_laws(tmp_path)
    f = folder / "federal.yaml"
    text = f.read_text()
    f.write_text(text.replace("\nlast_reviewed: 2026-11-29\n", "\nlast_reviewed: 2026-01-10\n", 1))
    book = load_lawbook(folder)
    assert reviewed_on(book, "TX") == dt.date(2026, 1, 10)
    line = staleness(book, "TX", AS_OF)
    assert line is not None and "federal law" in line and "2026-01-10" in line

def test_months_before_clamps_to_the_month_end():
    assert _months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)
    assert _months_before(dt.date(2027, 1, 15), 6) == dt.date(2026, 7, 15)


def test_staleness_after_six_months(book):
    assert reviewed_on(book, "TX") == AS_OF
    assert staleness(book, "TX", dt.date(2027, 5, 29)) is None
    line = staleness(book, "TX", dt.date(2027, 5, 30))
    assert line is not None and "2026-11-29" in line and "Texas" in line
    assert "\n" not in line


def test_check_command_shows_review_date_staleness_and_pressure(tmp_path):
    draft = tmp_path / "d.yaml"
    draft.write_text(
        "drafter_draft: 1\njurisdiction:\n  name: Austin\n  kind: city\n  state: TX\n"
        "  agencies:\n    police: Austin Police Department\nordinance:\n  number: O-1\n"
        "clauses:\n  - id: officer_identification.all_officers_identified\n"
        "  - id: property_use.referral_and_record\n")
    fresh = run_cli("check", str(draft), "--as-of", "2026-12-01")
    assert fresh.returncode == 0, fresh.stderr
    assert "law data last reviewed 2026-11-29" in fresh.stdout
    assert "more than six months" not in fresh.stdout
    assert "federal pressure (not a verdict): high" in fresh.stdout
    assert "with state law 0/7; federal pressure: high" in fresh.stdout
    old = run_cli("check", str(draft), "--as-of", "2027-07-01")
    notes = [ln for ln in old.stdout.splitlines() if "more than six months" in ln]
    assert len(notes) == 1 and notes[0].startswith("Note: The law data for Texas")
