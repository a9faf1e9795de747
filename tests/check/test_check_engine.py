"""The preemption engine on fixture law data (tests/data/laws): statuses, dates, federal
rules, fit, conflicts, scores and the JSON shape."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.check.engine import (
    Finding,
    Report,
    check_draft,
    clause_verdict,
    protection_verdict,
    report_json,
)
from drafter.check.laws import load_lawbook
from drafter.errors import DrafterError
from drafter.load.draft import ChosenClause, Draft, ExportOptions, Jurisdiction
from drafter.load.library import Clause, Library, Protection
from drafter.vocab import KINDS, PROTECTIONS
from helpers import DATA

TODAY = dt.date(2026, 11, 21)
LATER = dt.date(2030, 1, 1)


@pytest.fixture(scope="module")
def book():
    return load_lawbook(DATA / "laws", complete=False)


def make_clause(pid: str, slug: str = "x", strength: str = "strong", kinds=KINDS,
                agencies=(), rsi: bool = False, rpc: bool = False, conflicts=()) -> Clause:
    return Clause(id=f"{pid}.{slug}", protection=pid, strength=strength, title=f"{pid} {slug}",
                  summary="S", text="T", heading="H", terms=[], findings=[], modeled_on=[],
                  kinds=list(kinds), agencies=list(agencies), restricts_status_info=rsi,
                  reaches_private_contractors=rpc, notes="", conflicts_with=list(conflicts))


def make_library(*clauses: Clause) -> Library:
    prots = {pid: Protection(pid, label, "", factor)
             for pid, (label, factor) in PROTECTIONS.items()}
    for c in clauses:
        prots[c.protection].clauses.append(c)
    for p in prots.values():
        p.clauses.sort(key=lambda c: c.strength_rank)
    return Library(prots, {c.id: c for c in clauses}, {}, {})


def make_draft(state: str, kind: str, *ids: str, savings: bool = True, **agencies) -> Draft:
    jur = Jurisdiction(name="Springfield", kind=kind, state=state, agencies=dict(agencies))
    return Draft(jurisdiction=jur, clauses=[ChosenClause(i) for i in ids],
                 export=ExportOptions(savings_clause=savings))


def verdict(book, state: str, pid: str, today=TODAY, **kw) -> tuple[Finding, list[Finding]]:
    found = clause_verdict(make_clause(pid, **kw), state, book, today)
    return found[0], found


# --- state law in force ------------------------------------------------------------------


def test_requires_cooperation_is_blocked_with_citation_date_penalty_and_why(book):
    f, found = verdict(book, "TX", "detainers")
    assert (f.verdict, f.rule, f.source) == ("blocked", "tx-fixture-ban", "state")
    assert f.citations == ["Fixture Gov't Code ch. 752"]
    assert f.effective == dt.date(2017, 9, 1) and f.status == "in_force"
    assert f.penalty.startswith("Class A misdemeanor") and f.confidence == "high"
    for needle in ("Fixture Gov't Code ch. 752", "September 1, 2017", "Penalty: Class A",
                   "Jails must honor detainers", "El Cenizo", "do what this clause forbids"):
        assert needle in f.message, needle
    assert f.fix
    # the federal detainer rule adds an informative allowed finding after it
    fed = [x for x in found if x.rule == "us-detainer-reg"]
    assert fed and fed[0].verdict == "allowed" and fed[0].source == "federal"


def test_blocks_restricts_uncertain(book):
    f, _ = verdict(book, "TX", "status_inquiry")
    assert (f.verdict, f.rule) == ("blocked", "tx-fixture-ban")
    f, _ = verdict(book, "TX", "courthouse")
    assert (f.verdict, f.rule) == ("at_risk", "tx-fixture-ban")
    assert "probably reaches" in f.message and f.effect == "restricts"
    f, _ = verdict(book, "TX", "policing")
    assert (f.verdict, f.rule) == ("at_risk", "tx-fixture-ban")
    assert "needs review" in f.message and f.effect == "uncertain"


def test_low_confidence_and_unknown_date_are_marked(book):
    f, _ = verdict(book, "TX", "notification")
    assert (f.verdict, f.rule, f.confidence) == ("at_risk", "tx-fixture-lowconf", "low")
    assert "Unverified" in f.message and "low confidence" in f.message
    assert "effective date unknown (Date not found)" in f.message
    assert f.summary.endswith("(unverified)")


def test_already_and_partially_protects_are_state_law(book):
    f, _ = verdict(book, "CA", "detainers")
    assert (f.verdict, f.rule) == ("state_law", "ca-fixture-values")
    assert "Already state law" in f.message and "January 1, 2018" in f.message
    assert f.coverage == "full"
    f, _ = verdict(book, "CA", "notification")
    assert (f.verdict, f.rule) == ("state_law", "ca-fixture-values")
    assert f.coverage == "partial" and "Partly state law" in f.message
    assert ("State law covers release dates only; a local clause can add custody "
            "status.") in f.message


# --- time and status ---------------------------------------------------------------------


def test_future_adverse_law_is_at_risk_until_it_takes_effect(book):
    f, _ = verdict(book, "TX", "transparency", today=TODAY)
    assert (f.verdict, f.rule) == ("at_risk", "tx-fixture-future")
    assert "takes effect on January 1, 2030" in f.message
    assert "will be blocked from that date" in f.message and "Penalty: Removal" in f.message
    assert f.effective == LATER
    f, _ = verdict(book, "TX", "transparency", today=LATER)
    assert (f.verdict, f.rule) == ("blocked", "tx-fixture-future")


def test_future_protective_law_is_allowed_until_it_takes_effect(book):
    f, _ = verdict(book, "CA", "facility_access", today=TODAY)
    assert (f.verdict, f.rule) == ("allowed", "ca-fixture-future")
    assert "takes effect on January 1, 2030" in f.message
    f, _ = verdict(book, "CA", "facility_access", today=LATER)
    assert (f.verdict, f.rule) == ("state_law", "ca-fixture-future")


def test_enjoined_adverse_law_does_not_block_but_is_shown_at_risk(book):
    f, _ = verdict(book, "TX", "enforcement")
    assert (f.verdict, f.rule, f.status) == ("at_risk", "tx-fixture-enjoined", "enjoined")
    assert "enjoined" in f.message and "Doe v. Texas" in f.message
    assert "cannot be enforced for now" in f.message


def test_enjoined_protective_law_is_not_state_law(book):
    f, _ = verdict(book, "CA", "interview_consent")
    assert (f.verdict, f.rule, f.status) == ("allowed", "ca-fixture-enjoined", "enjoined")
    assert "United States v. California" in f.message and "not state law" in f.message


def test_pending_bills_are_shown_but_never_decide(book):
    f, found = verdict(book, "TX", "legal_representation")
    assert (f.verdict, f.rule) == ("allowed", "tx-no-state-law")  # not the bill
    (bill,) = [x for x in found if x.rule == "tx-fixture-pending"]
    assert (bill.verdict, bill.status, bill.decides) == ("allowed", "pending", False)
    assert "Pending, not yet law" in bill.message and "Unverified" in bill.message
    f, found = verdict(book, "CA", "courthouse")  # a protective bill puts nothing at risk
    assert f.rule != "ca-fixture-pending" and f.verdict == "allowed"
    assert any(x.rule == "ca-fixture-pending" and not x.decides for x in found)


def test_repealed_law_is_ignored_but_noted(book):
    f, found = verdict(book, "TX", "data_sharing")
    assert (f.verdict, f.rule) == ("allowed", "tx-no-state-law")
    assert "Fixture repealed law" in f.message and "repealed" in f.message
    assert not any(x.rule == "tx-fixture-repealed" for x in found)


def test_no_state_law_names_the_state_rule_and_marks_uncertainty(book):
    f, found = verdict(book, "AK", "detainers")
    assert (f.verdict, f.rule, f.source) == ("allowed", "ak-no-state-law", "state")
    assert "no Alaska law found" in f.message and "Unverified" in f.message
    assert [x.verdict for x in found] == ["allowed", "allowed"]  # + us-detainer-reg
    f, _ = verdict(book, "AK", "transparency")
    assert "Keeping records of ICE requests is a local choice" in f.message  # federal note


def test_unknown_state_in_lawbook(book):
    with pytest.raises(DrafterError, match="no law data for state 'NY'"):
        verdict(book, "NY", "detainers")


# --- federal rules -----------------------------------------------------------------------


def test_1373_without_savings_clause_is_at_risk(book):
    c = make_clause("status_inquiry", rsi=True)
    found = clause_verdict(c, "AK", book, TODAY, savings_clause=False)
    f = found[0]
    assert (f.verdict, f.rule, f.source) == ("at_risk", "us-1373-1644", "federal")
    assert f.protection == "status_inquiry" and f.clause == c.id
    assert "8 U.S.C. § 1373" in f.message and "no savings clause" in f.message
    assert "savings_clause: true" in f.fix


def test_1373_with_savings_clause_is_allowed(book):
    c = make_clause("status_inquiry", rsi=True)
    found = clause_verdict(c, "AK", book, TODAY, savings_clause=True)
    fed = [f for f in found if f.rule == "us-1373-1644"]
    assert len(fed) == 1 and fed[0].verdict == "allowed"
    assert "savings section protects" in fed[0].message
    assert found[0].verdict == "allowed"


def test_1373_effects_are_not_applied_to_every_clause(book):
    # federal.yaml lists data_sharing: restricts on us-1373-1644; only the clause flag counts
    found = clause_verdict(make_clause("data_sharing"), "AK", book, TODAY,
                           savings_clause=False)
    assert all(f.rule != "us-1373-1644" for f in found)
    assert found[0].verdict == "allowed"


def test_geo_newsom_for_private_contractors(book):
    f, _ = verdict(book, "AK", "detention_contracts", rpc=True)
    assert (f.verdict, f.rule, f.source) == ("at_risk", "us-geo-newsom", "federal")
    assert "private detention contractors" in f.message and f.fix
    _, found = verdict(book, "AK", "detention_contracts", rpc=False)
    assert all(x.rule != "us-geo-newsom" for x in found)
    _, found = verdict(book, "AK", "courthouse", rpc=True)  # only detention_contracts
    assert all(x.rule != "us-geo-newsom" for x in found)


def test_findings_sorted_worst_first_and_protection_verdict(book):
    _, found = verdict(book, "CA", "detention_contracts", rpc=True)
    assert [f.verdict for f in found][0] == "at_risk"
    sev = [f.severity for f in found]
    assert sev == sorted(sev, reverse=True)
    assert protection_verdict("detainers", "TX", book, TODAY) == "blocked"
    assert protection_verdict("detainers", "CA", book, TODAY) == "state_law"
    assert protection_verdict("detainers", "AK", book, TODAY) == "allowed"


# --- fit and conflicts -------------------------------------------------------------------


JAIL_CLAUSE = make_clause("detainers", "jail_rule", kinds=("county", "city-county"),
                          agencies=("jail",))
CITY_OPTION = make_clause("detainers", "any_kind", strength="moderate", kinds=KINDS)


def test_fit_agency_when_the_draft_names_no_jail(book):
    clause = make_clause("detainers", "jail_any", kinds=KINDS, agencies=("jail",))
    lib = make_library(clause, CITY_OPTION)
    draft = make_draft("AK", "borough", clause.id, jail=None)
    report = check_draft(draft, lib, book, TODAY)
    fits = [f for f in report.findings if f.rule == "fit.agency"]
    assert len(fits) == 1
    f = fits[0]
    assert (f.verdict, f.source, f.clause) == ("at_risk", "fit", clause.id)
    assert "sheriff's office / jail" in f.message
    assert "detainers.any_kind" in f.fix  # the option that fits
    assert report.decisive(clause.id).rule == "fit.agency"


def test_fit_kind_city_cannot_direct_county_jail(book):
    lib = make_library(JAIL_CLAUSE, CITY_OPTION)
    draft = make_draft("AK", "city", JAIL_CLAUSE.id, police="Springfield PD")
    report = check_draft(draft, lib, book, TODAY)
    rules = {f.rule for f in report.for_clause(JAIL_CLAUSE.id)}
    assert {"fit.kind", "fit.agency", "ak-no-state-law"} <= rules
    kind = next(f for f in report.findings if f.rule == "fit.kind")
    assert kind.verdict == "at_risk" and kind.fix
    assert "cannot direct a county sheriff" in kind.message
    assert "county or city and county" in kind.message


def test_fit_passes_when_kind_and_agency_match(book):
    lib = make_library(JAIL_CLAUSE)
    draft = make_draft("AK", "borough", JAIL_CLAUSE.id, jail="Sauk County Jail")
    report = check_draft(draft, lib, book, TODAY)
    assert not [f for f in report.findings if f.source in ("fit", "conflict")]
    assert report.decisive(JAIL_CLAUSE.id).verdict == "allowed"


def test_two_options_of_one_protection(book):
    a = make_clause("notification", "a")
    b = make_clause("notification", "b", strength="limited")
    lib = make_library(a, b)
    report = check_draft(make_draft("AK", "city", a.id, b.id), lib, book, TODAY)
    same = [f for f in report.findings if f.rule == "conflict.same_protection"]
    assert {f.clause for f in same} == {a.id, b.id}
    assert all(f.verdict == "at_risk" and f.source == "conflict" and f.fix for f in same)
    assert b.id in same[0].message


def test_conflicts_with_another_chosen_clause(book):
    a = make_clause("policing", "a", conflicts=("detainers.b",))
    b = make_clause("detainers", "b")
    c = make_clause("transparency", "c")
    lib = make_library(a, b, c)
    report = check_draft(make_draft("AK", "city", a.id, b.id, c.id), lib, book, TODAY)
    conf = [f for f in report.findings if f.rule == "conflict.clause"]
    assert sorted(f.clause for f in conf) == [b.id, a.id]  # one each, not duplicated
    assert all(f.verdict == "at_risk" and f.fix for f in conf)
    assert not [f for f in report.for_clause(c.id) if f.source == "conflict"]
    # the conflict is only raised when both are chosen
    report = check_draft(make_draft("AK", "city", a.id, c.id), lib, book, TODAY)
    assert not [f for f in report.findings if f.rule == "conflict.clause"]


def test_unknown_clause_in_draft(book):
    with pytest.raises(DrafterError, match="unknown clause id 'detainers.nope'"):
        check_draft(make_draft("AK", "city", "detainers.nope"), make_library(), book, TODAY)


# --- report, scores, JSON ----------------------------------------------------------------


def test_every_chosen_clause_gets_a_finding_and_decisive_is_worst(book):
    clauses = [make_clause(pid) for pid in PROTECTIONS]
    lib = make_library(*clauses)
    draft = make_draft("TX", "county", *[c.id for c in clauses], police="P", jail="J",
                       probation="Pr")
    report = check_draft(draft, lib, book, TODAY)
    assert report.clause_ids == [c.id for c in clauses]
    for c in clauses:
        mine = report.for_clause(c.id)
        assert mine, c.id
        worst = max(f.severity for f in mine)
        assert report.decisive(c.id).severity == worst
        assert mine[0] is report.decisive(c.id)  # worst first in the list
    groups = report.by_verdict(decisive_only=True)
    assert list(groups) == ["blocked", "at_risk", "state_law", "allowed"]
    assert sum(len(v) for v in groups.values()) == len(clauses)
    assert {f.clause for f in groups["blocked"]} == {"detainers.x", "status_inquiry.x"}
    with pytest.raises(KeyError):
        report.decisive("nope.x")


def test_score_local_counts_unblocked_non_limited_factor_clauses(book):
    clauses = [
        make_clause("detainers"),                                # factor 3, blocked in TX
        make_clause("status_inquiry"),                           # factor 6, blocked
        make_clause("agreements_287g"),                          # factor 1, allowed: +1
        make_clause("notification", strength="moderate"),        # factor 4, at_risk: +1
        make_clause("general_assistance", strength="limited"),   # factor 7, limited: 0
        make_clause("courthouse"),                               # no factor
        make_clause("interview_consent", strength="strongest"),  # factor 5, allowed: +1
    ]
    lib = make_library(*clauses)
    report = check_draft(make_draft("TX", "county", *[c.id for c in clauses]), lib, book,
                         TODAY)
    assert report.score_local == 3
    assert report.score_with_state == 3  # Texas (fixture) protects nothing


def test_score_with_state_law_counts_in_force_already_protects(book):
    report = check_draft(make_draft("CA", "county"), make_library(), book, TODAY)
    # detainers, agreements_287g, status_inquiry; not notification (partial), not
    # interview_consent (enjoined), not detention_contracts (2030), courthouse (pending)
    assert (report.score_local, report.score_with_state) == (0, 3)
    report = check_draft(make_draft("CA", "county"), make_library(), book, LATER)
    assert report.score_with_state == 4
    c = make_clause("detention_contracts")
    report = check_draft(make_draft("CA", "county", c.id), make_library(c), book, TODAY)
    assert (report.score_local, report.score_with_state) == (1, 4)
    assert 0 <= report.score_local <= report.score_with_state <= 7


def test_report_json_contract(book):
    c = make_clause("detainers")
    report = check_draft(make_draft("TX", "county", c.id), make_library(c), book, TODAY)
    out = report_json(report)
    # the design contract's keys, in order, then only the documented extras
    assert list(out)[:4] == ["state", "jurisdiction", "findings", "score"]
    assert list(out)[4:] == ["pressure", "pressure_level", "law_data"]
    assert out["state"] == "TX" and out["jurisdiction"] == "Springfield County"
    assert out["score"] == {"local": 0, "with_state_law": 0}
    for f in out["findings"]:
        assert isinstance(f["clause"], str) and isinstance(f["protection"], str)
        assert f["verdict"] in ("blocked", "at_risk", "allowed", "state_law")
        assert isinstance(f["rule"], str) and f["rule"]
        assert isinstance(f["citations"], list)
        assert all(isinstance(x, str) for x in f["citations"])
        assert isinstance(f["message"], str) and f["message"]
    assert out["findings"][0]["effective"] == "2017-09-01"


def test_clause_verdict_is_memoised_and_stable(book):
    c = make_clause("detainers")
    first = clause_verdict(c, "TX", book, TODAY)
    second = clause_verdict(c, "tx", book, TODAY)
    assert first == second and first[0] is not second[0]  # fresh objects each call
    first[0].citations.append("mutated")
    assert "mutated" not in clause_verdict(c, "TX", book, TODAY)[0].citations


def test_report_helpers():
    f = Finding("a.x", "detainers", "at_risk", "r", [], "m")
    g = Finding("a.x", "detainers", "at_risk", "r2", [], "m")
    report = Report("AK", "City of X", [f, g], 0, 0, clause_ids=["a.x"])
    assert report.decisive("a.x") is f  # first of equals
