"""The verdict matrix: shipped options in shipped states, every posture, each case naming
the verdict and the rule that must decide it. Expectations follow the law files' provisions
(acts blocked, required or protected, and whom each binds); the review's cases of issue 10
are marked. Checked as of 2026-11-29 with the savings section on (the default)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from drafter.check.engine import (
    check_draft,
    clause_verdict,
    decisive,
)
from drafter.check.laws import LawBook, load_lawbook
from drafter.formats.text import to_text
from drafter.load.draft import ChosenClause, new_draft
from drafter.load.library import load_library
from drafter.ordinance.assemble import assemble
from drafter.ordinance.localgov import kinds_in
from drafter.vocab import COUNTY_KINDS, STATES, binder_actors
from helpers import ROOT

AS_OF = dt.date(2026, 11, 29)

CASES = [
    ("TX", "detainers.reimbursement_condition", "county", "blocked", "tx-sb4-2017"),
    # review: § 752.053(b)(3) blocks assistance
    ("TX", "courthouse.no_local_assistance_request_rule", "county", "blocked", "tx-sb4-2017"),
    ("TX", "courthouse.no_local_role_in_court_arrests", "county", "blocked", "tx-sb4-2017"),
    # review: § 752.053(b)(4) jail entry
    ("TX", "facility_access.secure_law_enforcement_areas", "county", "blocked", "tx-sb4-2017"),
    ("TX", "facility_access.judicial_warrant_all_facilities", "county", "blocked", "tx-sb4-2017"),
    ("TX", "facility_access.sensitive_location_policies", "county", "at_risk", "tx-sb4-2017"),
    ("TX", "transparency.records_only", "county", "allowed", "tx-no-state-law"),
    ("TX", "interview_consent.written_consent", "county", "blocked", "tx-sb4-2017"),
    ("ID", "detainers.reimbursement_condition", "county", "blocked", "id-hb83-2025"),
    # review
    ("ID", "courthouse.no_local_assistance_request_rule", "county", "blocked", "id-19-6102-2023"),
    ("ID", "courthouse.no_local_role_in_court_arrests", "county", "blocked", "id-19-6102-2023"),
    ("ID", "facility_access.secure_law_enforcement_areas", "county", "blocked", "id-19-6102-2023"),
    ("ID", "facility_access.judicial_warrant_all_facilities", "county",
     "blocked", "id-19-6102-2023"),
    ("ID", "facility_access.sensitive_location_policies", "county", "at_risk", "id-19-6102-2023"),
    ("ID", "transparency.records_only", "county", "allowed", "id-no-state-law"),
    ("ID", "interview_consent.written_consent", "county", "blocked", "id-19-6102-2023"),
    ("IA", "detainers.reimbursement_condition", "county", "blocked", "ia-sf481-2018"),
    # review: § 27A.4 assist/cooperate
    ("IA", "courthouse.no_local_assistance_request_rule", "county", "blocked", "ia-sf481-2018"),
    ("IA", "courthouse.no_local_role_in_court_arrests", "county", "blocked", "ia-sf481-2018"),
    # review: § 27A.4 jail entry
    ("IA", "facility_access.secure_law_enforcement_areas", "county", "blocked", "ia-sf481-2018"),
    ("IA", "facility_access.judicial_warrant_all_facilities", "county", "blocked", "ia-sf481-2018"),
    ("IA", "facility_access.sensitive_location_policies", "county", "at_risk", "ia-sf481-2018"),
    ("IA", "transparency.records_only", "county", "allowed", "ia-no-state-law"),
    ("IA", "interview_consent.written_consent", "county", "blocked", "ia-sf481-2018"),
    # review: Fla. Stat. § 908.106 requires county jail agreements
    ("FL", "detention_contracts.ban_and_terminate", "county", "blocked", "fl-sb168-2019"),
    ("FL", "detention_contracts.no_new_or_expanded", "county", "blocked", "fl-sb168-2019"),
    ("FL", "agreements_287g.approval_gate", "county", "blocked", "fl-sb168-2019"),
    ("FL", "legal_representation.priority_fund", "county", "allowed", "fl-no-state-law"),
    ("FL", "detention_contracts.no_new_or_expanded", "city", "at_risk", "fl-sb168-2019"),
    ("GA", "detainers.judicial_warrant_only", "county", "blocked", "ga-36-80-23-2009"),
    ("GA", "status_inquiry.dont_ask", "county", "blocked", "ga-36-80-23-2009"),
    ("GA", "data_sharing.database_firewall_status_carveout", "county",
     "at_risk", "ga-36-80-23-2009"),
    ("GA", "policing.cite_and_release", "county", "at_risk", "ga-36-80-23-2009"),
    ("LA", "detainers.judicial_warrant_only", "county", "blocked", "la-sb208-2024"),
    ("LA", "status_inquiry.dont_ask", "county", "blocked", "la-sb208-2024"),
    ("LA", "data_sharing.database_firewall_status_carveout", "county", "at_risk", "la-sb208-2024"),
    ("LA", "policing.cite_and_release", "county", "allowed", "la-no-state-law"),
    ("NC", "detainers.judicial_warrant_only", "county", "blocked", "nc-hb10-2024"),
    ("NC", "status_inquiry.dont_ask", "county", "blocked", "nc-hb318-2015"),
    ("NC", "data_sharing.database_firewall_status_carveout", "county", "at_risk", "nc-hb318-2015"),
    ("NC", "policing.cite_and_release", "county", "at_risk", "nc-hb318-2025"),
    ("AL", "detainers.judicial_warrant_only", "county", "at_risk", "al-hb56-2011"),
    ("AL", "status_inquiry.dont_ask", "county", "blocked", "al-sb53-2025"),
    ("AL", "data_sharing.database_firewall_status_carveout", "county", "at_risk", "al-hb56-2011"),
    ("AL", "policing.cite_and_release", "county", "at_risk", "al-hb56-2011"),
    ("AZ", "detainers.judicial_warrant_only", "county", "at_risk", "az-sb1070-2010"),
    ("AZ", "status_inquiry.dont_ask", "county", "blocked", "az-sb1070-2010"),
    ("AZ", "data_sharing.database_firewall_status_carveout", "county", "at_risk", "az-sb1070-2010"),
    ("AZ", "policing.cite_and_release", "county", "at_risk", "az-sb1070-2010"),
    ("TN", "detainers.judicial_warrant_only", "county", "blocked", "tn-hb2315-2018"),
    ("TN", "status_inquiry.dont_ask", "county", "blocked", "tn-hb2315-2018"),
    ("TN", "data_sharing.database_firewall_status_carveout", "county", "at_risk", "tn-hb2315-2018"),
    ("TN", "policing.cite_and_release", "county", "allowed", "tn-no-state-law"),
    ("WV", "detainers.judicial_warrant_only", "county", "blocked", "wv-hb2008-2023"),
    ("WV", "status_inquiry.dont_ask", "county", "blocked", "wv-hb2008-2023"),
    ("WV", "data_sharing.database_firewall_status_carveout", "county", "at_risk", "wv-hb2008-2023"),
    ("WV", "policing.cite_and_release", "county", "allowed", "wv-no-state-law"),
    ("NH", "detainers.judicial_warrant_only", "county", "blocked", "nh-hb511-2025"),
    ("NH", "status_inquiry.dont_ask", "county", "at_risk", "nh-hb511-2025"),
    ("NH", "data_sharing.database_firewall_status_carveout", "county", "at_risk", "nh-hb511-2025"),
    ("NH", "policing.cite_and_release", "county", "allowed", "nh-no-state-law"),
    ("KS", "status_inquiry.no_inquiry_or_collection", "county", "blocked", "ks-hb2717-2022"),
    ("KS", "general_assistance.resources_bar_with_task_forces", "county",
     "blocked", "ks-hb2717-2022"),
    ("KS", "notification.release_info_warrant", "county", "at_risk", "ks-hb2717-2022"),
    ("MO", "status_inquiry.no_inquiry_or_collection", "county", "blocked", "mo-67-307-2008"),
    ("MO", "general_assistance.resources_bar_with_task_forces", "county",
     "at_risk", "mo-67-307-2008"),
    ("MO", "notification.release_info_warrant", "county", "at_risk", "mo-67-307-2008"),
    ("MS", "status_inquiry.no_inquiry_or_collection", "county", "blocked", "ms-sb2710-2017"),
    ("MS", "general_assistance.resources_bar_with_task_forces", "county",
     "at_risk", "ms-sb2710-2017"),
    ("MS", "notification.release_info_warrant", "county", "at_risk", "ms-sb2710-2017"),
    ("MT", "status_inquiry.no_inquiry_or_collection", "county", "at_risk", "mt-hb200-2021"),
    ("MT", "general_assistance.resources_bar_with_task_forces", "county",
     "at_risk", "mt-hb200-2021"),
    ("MT", "notification.release_info_warrant", "county", "blocked", "mt-hb200-2021"),
    ("ND", "status_inquiry.no_inquiry_or_collection", "county", "blocked", "nd-hb1155-2023"),
    ("ND", "general_assistance.resources_bar_with_task_forces", "county",
     "at_risk", "nd-hb1155-2023"),
    ("ND", "notification.release_info_warrant", "county", "at_risk", "nd-hb1155-2023"),
    ("SD", "status_inquiry.no_inquiry_or_collection", "county", "at_risk", "sd-sb7-2025"),
    ("SD", "general_assistance.resources_bar_with_task_forces", "county", "blocked", "sd-sb7-2025"),
    ("SD", "notification.release_info_warrant", "county", "at_risk", "sd-sb7-2025"),
    ("WY", "status_inquiry.no_inquiry_or_collection", "county", "at_risk", "wy-hb133-2025"),
    ("WY", "general_assistance.resources_bar_with_task_forces", "county",
     "at_risk", "wy-hb133-2025"),
    ("WY", "notification.release_info_warrant", "county", "at_risk", "wy-hb133-2025"),
    ("CA", "detainers.judicial_warrant_only", "county", "state_law", "ca-sb54-2017"),
    ("CA", "agreements_287g.prohibit_all", "county", "state_law", "ca-sb54-2017"),
    ("CA", "status_inquiry.dont_ask", "county", "state_law", "ca-sb54-2017"),
    ("CA", "detention_contracts.ban_and_terminate", "county", "state_law", "ca-sb29-ab32-2019"),
    ("IL", "detainers.judicial_warrant_only", "county", "state_law", "il-trust-act-2017"),
    ("IL", "agreements_287g.prohibit_all", "county", "state_law", "il-kifta-2019"),
    ("IL", "status_inquiry.dont_ask", "county", "state_law", "il-trust-act-2017"),
    ("IL", "detention_contracts.ban_and_terminate", "county", "state_law", "il-trust-act-2017"),
    ("WA", "detainers.judicial_warrant_only", "county", "state_law", "wa-essb5497-2019"),
    ("WA", "agreements_287g.prohibit_all", "county", "state_law", "wa-essb5497-2019"),
    ("WA", "status_inquiry.dont_ask", "county", "state_law", "wa-essb5497-2019"),
    ("WA", "detention_contracts.ban_and_terminate", "county", "state_law", "wa-essb5497-2019"),
    ("NJ", "detainers.judicial_warrant_only", "county", "state_law", "nj-ag-directive-2018-6"),
    ("NJ", "agreements_287g.prohibit_all", "county", "state_law", "nj-ag-directive-2018-6"),
    ("NJ", "status_inquiry.dont_ask", "county", "state_law", "nj-ag-directive-2018-6"),
    ("NJ", "detention_contracts.ban_and_terminate", "county", "state_law", "nj-ab5207-2021"),
    ("OR", "detainers.judicial_warrant_only", "county", "state_law", "or-sanctuary-law-1987"),
    ("OR", "agreements_287g.prohibit_all", "county", "state_law", "or-sanctuary-law-1987"),
    ("OR", "status_inquiry.dont_ask", "county", "state_law", "or-sanctuary-law-1987"),
    ("OR", "detention_contracts.ban_and_terminate", "county", "state_law", "or-sanctuary-law-1987"),
    ("CO", "detainers.judicial_warrant_only", "county", "state_law", "co-hb19-1124"),
    ("CO", "agreements_287g.prohibit_all", "county", "allowed", "co-no-state-law"),
    ("CO", "status_inquiry.dont_ask", "county", "allowed", "co-no-state-law"),
    ("CO", "detention_contracts.ban_and_terminate", "county", "state_law", "co-hb23-1100"),
    # review: EO 170 binds state agencies only
    ("NY", "status_inquiry.criminal_investigation_only", "county", "allowed", "ny-eo170-2017"),
    ("NY", "data_sharing.database_firewall_status_carveout", "county", "allowed", "ny-eo170-2017"),
    ("NY", "agreements_287g.prohibit_all", "county", "state_law", "ny-lclc-2026"),
    ("NY", "detainers.double_lock", "county", "state_law", "ny-wells-demarco-2018"),
    ("VA", "status_inquiry.criminal_investigation_only", "county",
     "at_risk", "va-jail-inquiry-2008"),
    ("VA", "data_sharing.database_firewall_status_carveout", "county", "allowed", "va-dmv-2021"),
    ("VA", "agreements_287g.prohibit_all", "county", "state_law", "va-sb783-2026"),
    ("VA", "detainers.double_lock", "county", "allowed", "va-no-state-law"),
    ("MA", "status_inquiry.criminal_investigation_only", "county", "allowed", "ma-no-state-law"),
    ("MA", "data_sharing.database_firewall_status_carveout", "county",
     "allowed", "ma-no-state-law"),
    ("MA", "agreements_287g.prohibit_all", "county", "allowed", "ma-eo-2026-01-29"),
    ("MA", "detainers.double_lock", "county", "state_law", "ma-lunn-2017"),
    ("MN", "status_inquiry.criminal_investigation_only", "county", "allowed", "mn-no-state-law"),
    ("MN", "data_sharing.database_firewall_status_carveout", "county", "allowed", "mn-dvs-2023"),
    ("MN", "agreements_287g.prohibit_all", "county", "allowed", "mn-no-state-law"),
    ("MN", "detainers.double_lock", "county", "allowed", "mn-no-state-law"),
    ("VT", "status_inquiry.criminal_investigation_only", "county", "state_law", "vt-act5-2017"),
    ("VT", "data_sharing.database_firewall_status_carveout", "county", "state_law", "vt-act5-2017"),
    ("VT", "agreements_287g.prohibit_all", "county", "state_law", "vt-act5-2017"),
    ("VT", "detainers.double_lock", "county", "allowed", "vt-no-state-law"),
    ("ME", "status_inquiry.criminal_investigation_only", "county", "state_law", "me-ld1971-2025"),
    ("ME", "data_sharing.database_firewall_status_carveout", "county",
     "state_law", "me-ld1971-2025"),
    ("ME", "agreements_287g.prohibit_all", "county", "allowed", "me-ld1971-2025"),
    ("ME", "detainers.double_lock", "county", "state_law", "me-ld1971-2025"),
    ("MD", "status_inquiry.criminal_investigation_only", "county",
     "state_law", "md-hb16-hb23-2021"),
    ("MD", "data_sharing.database_firewall_status_carveout", "county",
     "state_law", "md-hb16-hb23-2021"),
    ("MD", "agreements_287g.prohibit_all", "county", "state_law", "md-hb444-2026"),
    ("MD", "detainers.double_lock", "county", "allowed", "md-no-state-law"),
    ("NV", "status_inquiry.criminal_investigation_only", "county", "allowed", "nv-no-state-law"),
    # review 2026-11-30: the 2025 special-session school provisions bind school districts only
    ("NV", "data_sharing.database_firewall_status_carveout", "county",
     "allowed", "nv-2025-special-session"),
    ("NV", "agreements_287g.prohibit_all", "county", "allowed", "nv-no-state-law"),
    ("NV", "detainers.double_lock", "county", "allowed", "nv-no-state-law"),
    ("AK", "detainers.double_lock", "county", "allowed", "ak-no-state-law"),
    ("AK", "legal_representation.universal_representation", "county", "allowed", "ak-no-state-law"),
    ("KY", "detainers.double_lock", "county", "allowed", "ky-no-state-law"),
    ("KY", "legal_representation.universal_representation", "county", "allowed", "ky-no-state-law"),
    ("MI", "detainers.double_lock", "county", "allowed", "mi-no-state-law"),
    ("MI", "legal_representation.universal_representation", "county", "allowed", "mi-no-state-law"),
    ("OH", "detainers.double_lock", "county", "allowed", "oh-no-state-law"),
    ("OH", "legal_representation.universal_representation", "county", "allowed", "oh-no-state-law"),
    ("PA", "detainers.double_lock", "county", "allowed", "pa-no-state-law"),
    ("PA", "legal_representation.universal_representation", "county", "allowed", "pa-no-state-law"),
    ("WI", "detainers.double_lock", "county", "allowed", "wi-no-state-law"),
    ("WI", "legal_representation.universal_representation", "county", "allowed", "wi-no-state-law"),
    ("NE", "detainers.double_lock", "county", "allowed", "ne-no-state-law"),
    ("NE", "legal_representation.universal_representation", "county", "allowed", "ne-no-state-law"),
    ("OK", "detainers.double_lock", "county", "allowed", "ok-no-state-law"),
    ("OK", "legal_representation.universal_representation", "county", "allowed", "ok-no-state-law"),
    ("HI", "detainers.double_lock", "county", "allowed", "hi-no-state-law"),
    ("HI", "legal_representation.universal_representation", "county", "allowed", "hi-no-state-law"),
    ("RI", "detainers.double_lock", "county", "allowed", "ri-no-state-law"),
    ("RI", "legal_representation.universal_representation", "county", "allowed", "ri-no-state-law"),
    ("TX", "agreements_287g.prohibit_all", "city", "blocked", "tx-sb4-2017"),
    ("TX", "agreements_287g.approval_gate", "county", "blocked", "tx-sb4-2017"),
    ("DC", "detainers.judicial_warrant_only", "city-county",
     "state_law", "dc-sanctuary-values-2020"),
    ("OH", "general_assistance.comprehensive_bar", "county", "allowed", "oh-no-state-law"),
]


@pytest.fixture(scope="module")
def book() -> LawBook:
    return load_lawbook(ROOT / "laws")


@pytest.fixture(scope="module")
def lib():
    return load_library([ROOT / "clauses"])


def test_matrix_is_large_and_covers_every_posture(book):
    assert len(CASES) >= 120
    postures = {book.state(s).posture for s, *_ in CASES}
    assert postures == {"preempts", "mandates_cooperation", "protective", "mixed", "none"}
    assert {v for *_, v, _ in CASES} == {"blocked", "at_risk", "allowed", "state_law"}


@pytest.mark.parametrize(("state", "option", "kind", "verdict", "rule"), CASES,
                         ids=[f"{s}-{o}-{k}" for s, o, k, _, _ in CASES])
def test_option_verdict(book, lib, state, option, kind, verdict, rule):
    found = clause_verdict(lib.clause(option), state, book, AS_OF, kind=kind)
    top = decisive(found)
    assert (top.verdict, top.rule) == (verdict, rule), top.message
    assert top.decides and found[0] is top


def test_options_of_one_protection_can_differ(book, lib):
    """Texas: the assist-or-cooperate and jail-entry subsections block the courthouse and
    jail-access options, while a sensitive-locations policy is only at risk."""
    v = {c.id: decisive(clause_verdict(c, "TX", book, AS_OF, kind="county")).verdict
         for c in lib.options("facility_access")}
    assert v["facility_access.secure_law_enforcement_areas"] == "blocked"
    assert v["facility_access.sensitive_location_policies"] == "at_risk"


def test_blocked_finding_names_an_allowed_alternative(book, lib):
    d = new_draft("Orange", "county", "FL")
    d.clauses = [ChosenClause("detention_contracts.ban_and_terminate")]
    f = check_draft(d, lib, book, AS_OF).decisive("detention_contracts.ban_and_terminate")
    assert f.verdict == "blocked" and "908.106" in f.provision
    # order: verdict, consequence, what to do, research
    msg = f.message
    assert msg.startswith("Blocked:")
    assert msg.index("What to do:") > msg.index("Blocked:")
    assert msg.index("(Law data reviewed") > msg.index("What to do:")
    d2 = new_draft("Travis", "county", "TX")
    d2.clauses = [ChosenClause("courthouse.no_local_role_in_court_arrests")]
    f2 = check_draft(d2, lib, book, AS_OF).decisive(d2.clauses[0].id)
    assert f2.alternative == "courthouse.declaration_and_request"
    assert "courthouse.declaration_and_request" in f2.fix and "What to do:" in f2.message


def test_internal_notes_stay_out_of_messages(book, lib):
    for code in STATES:
        for pid in lib.protections:
            for f in clause_verdict(lib.options(pid)[0], code, book, AS_OF, kind="county"):
                low = f.message.lower()
                assert not re.search(r"\bverify\b|added in conversion|\bseed\b", low), \
                    (code, f.rule, f.message)


# --- pending bills, reach, protective uncertainty ----------------------------------------


def test_pending_bills_never_decide(book, lib):
    seen = 0
    for code, st in book.states.items():
        if not any(law.status == "pending" for law in st.laws):
            continue
        for c in lib.clauses.values():
            found = clause_verdict(c, code, book, AS_OF, kind="county")
            top = decisive(found)
            assert book.laws.get(top.rule) is None or book.rule(top.rule).status != "pending"
            for f in found:
                if f.status == "pending":
                    seen += 1
                    assert not f.decides and f.verdict == "allowed"
    assert seen > 5  # DC H.R. 2056, OH SB 172 / HB 26, WV SB 615, ... are shown


def _local(binds: frozenset[str]) -> bool:
    return any(binder_actors(b, None) for b in binds)


def test_laws_binding_only_others_never_make_state_law(book, lib):
    """An order for state agencies, a DMV law, a court rule: never `state_law` locally."""
    others = {law.id for law in book.laws.values()
              if law.provisions and not any(_local(p.binds) for p in law.provisions)}
    assert {"ny-eo170-2017", "ny-green-light-2019", "mn-dvs-2023",
            "ma-eo-2026-01-29", "va-dmv-2021"} <= others
    for code in STATES:
        for c in lib.clauses.values():
            for f in clause_verdict(c, code, book, AS_OF, kind="county"):
                if f.rule in others:
                    assert f.verdict != "state_law", (code, c.id, f.rule)


def test_new_york_status_inquiry_not_state_law_from_eo_170(book, lib):
    for c in lib.options("status_inquiry"):
        top = decisive(clause_verdict(c, "NY", book, AS_OF, kind="county"))
        assert top.verdict == "allowed" and top.rule == "ny-eo170-2017"
        assert top.effect == "reach" and "needed in full" in top.message


def test_protective_laws_never_put_a_clause_at_risk(book, lib):
    protective = [law for law in book.laws.values() if law.protective]
    assert any(law.acts("uncertain") for law in protective)  # ME LD 1971's 287(g) reach
    ids = {law.id for law in protective}
    for code in STATES:
        for c in lib.clauses.values():
            for kind in ("county", "city"):
                for f in clause_verdict(c, code, book, AS_OF, kind=kind):
                    if f.rule in ids:
                        assert f.verdict != "at_risk", (code, c.id, f.rule)


def test_struck_law_is_noted_not_applied(book, lib):
    found = clause_verdict(lib.clause("detention_contracts.ban_including_private"), "NJ",
                           book, AS_OF, kind="county")
    (struck,) = [f for f in found if f.rule == "nj-ab5207-2021-private"] or [None]
    assert struck is None or (not struck.decides and struck.verdict == "allowed")


# --- institutions ----------------------------------------------------------------------


def test_every_state_has_institutions(book):
    assert all(book.state(c).institutions is not None for c in STATES)


@pytest.mark.parametrize(("state", "option", "kind", "rule", "verdict"), [
    ("CT", "detainers.judicial_warrant_only", "county", "fit.government", "blocked"),
    ("RI", "status_inquiry.dont_ask", "county", "fit.government", "blocked"),
    ("HI", "detainers.judicial_warrant_only", "city-county", "fit.state_jails", "at_risk"),
    ("DE", "interview_consent.no_access", "county", "fit.state_jails", "at_risk"),
    ("CO", "probation.no_personal_information", "county", "fit.probation", "at_risk"),
    ("DC", "probation.no_personal_information", "city-county", "fit.probation", "at_risk"),
    ("MA", "detainers.double_lock", "county", "fit.sheriff", "at_risk"),
    ("PA", "detainers.double_lock", "county", "fit.sheriff", "allowed"),
])
def test_institution_fit_findings(book, lib, state, option, kind, rule, verdict):
    d = new_draft("Somewhere", kinds_in(state)[0], state)
    d.jurisdiction.kind = kind  # as a hand-edited draft may say
    d.jurisdiction.agencies.update({"jail": "Jail", "probation": "Probation Department",
                                    "police": "Police Department"})
    d.clauses = [ChosenClause(option)]
    found = [f for f in check_draft(d, lib, book, AS_OF).findings if f.rule == rule]
    assert found and found[0].verdict == verdict and found[0].fix
    if state == "DC":
        assert "federal agency" in found[0].message
    if state == "PA":  # Pennsylvania's jails answer to a prison board, not the sheriff
        assert "prison board" in found[0].message and "sheriff's jail" not in found[0].message
        assert not found[0].decides


def test_county_kinds_cover_parishes_and_boroughs():
    assert "parish" in COUNTY_KINDS and "borough" in COUNTY_KINDS


# --- the savings section ------------------------------------------------------------------


def test_savings_section_keeps_non_status_restrictions(lib):
    d = new_draft("Springfield", "county", "IL")
    d.jurisdiction.agencies.update({"jail": "Sangamon County Jail"})
    d.clauses = [ChosenClause("data_sharing.judicial_warrant_firewall"),
                 ChosenClause("notification.no_information")]
    text = " ".join(to_text(assemble(d, lib)).split())
    assert "8 U.S.C. § 1373 and 8 U.S.C. § 1644" in text
    # it preserves status information and nothing more ...
    assert "citizenship or immigration status" in text
    assert "permits no disclosure of any other information" in text
    assert "release date or time" in text and "continues to apply" in text
    # ... and no general conformity sentence that would undo the clauses
    assert "consistently with federal and state law" not in text
    assert "does not apply to the extent of the conflict" not in text
    # the clauses' own limits on other personal data are in the text, intact
    firewall = " ".join(lib.clause("data_sharing.judicial_warrant_firewall").text.split())
    assert "personal information" in firewall.lower() or "address" in firewall.lower()


def test_savings_section_lifts_status_conflict_but_not_other_data(book, lib):
    c = lib.clause("data_sharing.judicial_warrant_firewall")
    with_savings = clause_verdict(c, "KS", book, AS_OF, kind="county", savings_clause=True)
    without = clause_verdict(c, "KS", book, AS_OF, kind="county", savings_clause=False)
    assert decisive(without).verdict == "blocked"        # K.S.A. 12-16,140: status records
    top = decisive(with_savings)
    assert top.verdict == "at_risk" and "other_personal_data" in top.acts  # 12-16,141


def test_every_shipped_option_lists_its_acts(lib):
    from drafter.vocab import ACTS

    for c in lib.clauses.values():
        assert c.acts is not None, c.id          # said explicitly, even when empty
        assert set(c.acts) <= set(ACTS), c.id
        # the 1373 flag and the act say the same thing
        assert c.restricts_status_info == ("status_records" in c.acts), c.id
    # the strongest options restrict more than the weaker ones
    for pid, prot in lib.protections.items():
        opts = prot.clauses
        if len(opts) > 1:
            assert len(opts[0].restricted_acts) >= len(opts[-1].restricted_acts), pid


def test_unknown_act_in_a_clause_pack_is_a_problem(tmp_path):
    import pytest as _pytest

    from drafter.errors import DataErrors

    src = (ROOT / "clauses" / "protections" / "policing.yaml").read_text()
    bad = tmp_path / "policing.yaml"
    bad.write_text(src.replace("acts: [policing_reform]", "acts: [policing_reforms]", 1))
    with _pytest.raises(DataErrors) as info:
        load_library([bad])
    assert "did you mean 'policing_reform'" in str(info.value)


def test_a_fit_alternative_is_never_an_option_the_state_blocks(book, lib):
    """Florida county: a fit note on the jail-visitor rule (can the board direct the
    sheriff?) once offered written consent instead, which ch. 908 blocks too."""
    d = new_draft("Somewhere", "county", "FL")

    for option in ("interview_consent.visitor_rules", "detainers.judicial_warrant_only",
                   "notification.no_information", "probation.full_disentanglement"):
        d.clauses = [ChosenClause(option)]
        for f in check_draft(d, lib, book, AS_OF).findings:
            if f.source == "fit" and f.alternative:

                alt = lib.clause(f.alternative)
                verdicts = clause_verdict(alt, "FL", book, AS_OF, kind="county")
                assert decisive(verdicts).verdict != "blocked", (option, f.alternative)
