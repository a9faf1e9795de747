"""The council packet memo: what a clerk puts in the agenda packet next to the ordinance.

A memorandum (TO / FROM / DATE / RE) that says in plain language what each section of the
ordinance does, reports the preemption check with citations, effective dates and the date
the law data was last reviewed, gives the ILRC-style score, lists the enacted ordinances
each provision is modeled on and the sources relied on, and says prominently that Drafter is
a drafting aid, not legal advice. Everything comes from the same assembled document model
and the same check the app shows, so the memo never disagrees with the ordinance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drafter.load.draft import Draft
from drafter.load.library import Clause, Library
from drafter.ordinance.assemble import assemble
from drafter.ordinance.document import Document, Section
from drafter.ordinance.localgov import LocalGovernment, local_government
from drafter.ordinance.render import context_for, render
from drafter.vocab import PROTECTIONS, STRENGTHS

if TYPE_CHECKING:
    from drafter.check.engine import Finding, Report
    from drafter.check.laws import Law, LawBook, StateLaw

# What the standard sections do, for a reader who will not read them.
ROLE_SUMMARIES = {
    "short_title": "Gives the {instrument} its short title{short}.",
    "purpose": ("States the purpose: {jurisdiction} does not use its personnel, "
                "facilities or funds for federal civil immigration enforcement, so that every "
                "resident can seek help from local government without fear. Cooperation on "
                "criminal matters, and criminal warrants, are not affected."),
    "definitions": "Defines the terms the {instrument} uses: {terms}.",
    "savings": ("Keeps the {instrument} within federal law: nothing in it stops an officer or "
                "employee from sending or receiving citizenship or immigration-status "
                "information as 8 U.S.C. \u00a7\u00a7 1373 and 1644 protect, and a provision "
                "that conflicts with federal or state law does not apply to the extent of "
                "the conflict."),
    "general_welfare": ("Makes clear that the {instrument} serves the general welfare and does "
                        "not create a duty for which {jurisdiction} could be sued for "
                        "money damages."),
    "severability": ("Keeps the rest of the {instrument} in force if a court holds any part of "
                     "it invalid."),
}


@dataclass
class SectionSummary:
    number: int
    heading: str
    summary: str
    clause: Clause | None = None
    edited: bool = False


@dataclass
class Factor:
    """One factor of the ILRC 7-factor county scale."""

    number: int
    protection: str
    local: bool          # this ordinance earns the point
    state: bool          # state law already provides it


@dataclass
class Alternative:
    """Another option of a chosen protection, and why the draft did not take it."""

    clause: Clause
    verdict: str | None          # the decisive verdict in the state, None if no finding
    why: str                     # one plain sentence


@dataclass
class FiscalItem:
    item: str
    note: str


# What each protection costs or forgoes, as a staff report's fiscal section lists it; the
# amounts are the finance office's to fill in.
FISCAL_ITEMS: dict[str, list[tuple[str, str]]] = {
    "legal_representation": [("Legal representation program",
                              "Contract with a nonprofit legal services provider; annual "
                              "appropriation.")],
    "agreements_287g": [("287(g) program reimbursements forgone",
                         "Any federal funding or reimbursement tied to a 287(g) agreement.")],
    "detention_contracts": [("Immigration detention revenue forgone",
                             "Per-diem payments under any intergovernmental service "
                             "agreement or contract to hold immigration detainees.")],
    "detainers": [("Detainer-related jail costs",
                   "Jail days no longer spent holding people past their release date "
                   "(a saving); staff time to review requests.")],
    "transparency": [("Public reporting", "Staff time to compile and publish the reports "
                                          "the ordinance requires.")],
    "enforcement": [("Training and complaint handling",
                     "Training for affected employees; staff time to receive and "
                     "investigate complaints.")],
    "data_sharing": [("Data-system changes",
                      "Changes to records systems and data-sharing agreements.")],
    "policing": [("Policy and training updates",
                  "Revising law-enforcement policies and training on the new procedures.")],
}
LEGAL_DEFENSE = ("Legal defense", "Defending the {instrument} if it is challenged in court, "
                 "by the {legal_officer} or outside counsel.")
TRAINING = ("Training and policy updates", "Training employees of the affected departments "
            "and revising their written policies.")

# How the body acts on each instrument, for the motion.
MOTION_VERBS = {"ordinance": "adopt", "order": "adopt", "resolution": "adopt",
                "local law": "enact", "act": "enact", "bylaw": "approve"}


@dataclass
class Packet:
    draft: Draft
    doc: Document
    report: Report
    state: StateLaw
    day: dt.date
    sections: list[SectionSummary]
    laws: list[Law]                          # every law a finding relies on, in order
    authorities: list[tuple[str, str]]       # (recital, authority) for the findings
    factors: list[Factor] = field(default_factory=list)
    lawbook: LawBook | None = None
    alternatives: dict[str, list[Alternative]] = field(default_factory=dict)  # by clause id

    @property
    def gov(self) -> LocalGovernment:
        return local_government(self.draft.jurisdiction)

    @property
    def instrument(self) -> str:
        return self.gov.instrument

    @property
    def motion_verb(self) -> str:
        return MOTION_VERBS.get(self.instrument, "adopt")

    def fiscal_items(self) -> list[FiscalItem]:
        """The costs and forgone revenue the chosen clauses imply, plus the defense of the
        measure and training, which every one of them implies."""
        gov = self.gov
        out = [FiscalItem(LEGAL_DEFENSE[0], LEGAL_DEFENSE[1].format(
            instrument=gov.instrument, legal_officer=gov.legal_officer))]
        prots = list(dict.fromkeys(s.clause.protection for s in self.sections if s.clause))
        seen = {LEGAL_DEFENSE[0]}
        for pid in prots:
            for item, note in FISCAL_ITEMS.get(pid, []):
                if item not in seen:
                    seen.add(item)
                    out.append(FiscalItem(item, note))
        if "Training and complaint handling" not in seen and prots:
            out.append(FiscalItem(*TRAINING))
        return out

    def findings_for(self, clause_id: str) -> list[Finding]:
        return self.report.for_clause(clause_id)

    def decisive(self, clause_id: str) -> Finding | None:
        from drafter.check.engine import decisive

        return decisive(self.findings_for(clause_id))


def _section_summary(s: Section, draft: Draft, library: Library) -> SectionSummary:
    ctx = context_for(draft)
    if s.clause_id:
        clause = library.clause(s.clause_id)
        text = render(clause.summary, ctx, f"summary of clause '{clause.id}'", clause.source,
                      clause.line)
        return SectionSummary(s.number, s.heading, " ".join(text.split()), clause, s.edited)
    gov = local_government(draft.jurisdiction)
    if s.role == "definitions":
        terms = [r.text for p in s.paragraphs for r in p.runs if r.bold]
        text = ROLE_SUMMARIES["definitions"].format(terms=_and(terms) or "none",
                                                    instrument=gov.instrument)
    elif s.role in ROLE_SUMMARIES:
        short = draft.ordinance.short_title
        text = ROLE_SUMMARIES[s.role].format(
            jurisdiction=gov.place.short, instrument=gov.instrument,
            short=f", the \u201c{short}\u201d" if short else "")
        text = text[:1].upper() + text[1:]
    else:  # the effective-date and repealer sections say it best themselves
        text = s.paragraphs[0].text if s.paragraphs else ""
    return SectionSummary(s.number, s.heading, text)


def _and(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _authorities(draft: Draft, library: Library) -> list[tuple[str, str]]:
    """The recitals' findings with their authority, in the ordinance's order."""
    fids = [f.id for f in library.findings.values() if f.general]
    for cc in draft.clauses:
        for fid in library.clause(cc.id).findings:
            if fid not in fids:
                fids.append(fid)
    ctx = context_for(draft)
    out = []
    for fid in fids:
        f = library.findings[fid]
        if f.authority:
            text = render(f.text, ctx, f"finding '{fid}'", f.source, f.line)
            out.append((" ".join(text.split()).rstrip(";."), f.authority))
    return out


def _factors(report: Report, library: Library, state: StateLaw, day: dt.date) -> list[Factor]:
    """Per factor, whether the ordinance and state law earn it, by the rules of
    `check.engine.ilrc_scores` (the tests hold the table to the report's two scores)."""
    from types import SimpleNamespace

    from drafter.check.engine import ilrc_scores, state_provides

    chosen = [library.clause(cid) for cid in report.clause_ids]
    decisive = {cid: report.decisive(cid).verdict for cid in report.clause_ids
                if report.for_clause(cid)}
    none = SimpleNamespace(laws=[])
    out = []
    for pid, (_, factor) in sorted(PROTECTIONS.items(), key=lambda kv: kv[1][1] or 99):
        if factor is None:
            continue
        mine = [c for c in chosen if c.protection == pid]
        local = ilrc_scores(mine, decisive, none, day)[0] > 0  # type: ignore[arg-type]
        state_has = state_provides(state, pid, day)
        out.append(Factor(factor, pid, local, state_has))
    return out


def build_packet(draft: Draft, library: Library, lawbook: LawBook | None = None,
                 today: dt.date | None = None, doc: Document | None = None) -> Packet:
    """Everything the memo says, without layout."""
    from drafter.check.engine import check_draft

    if lawbook is None:
        from drafter.check.laws import load_lawbook

        lawbook = load_lawbook(complete=False)
    day = today or dt.date.today()
    doc = doc or assemble(draft, library)
    report = check_draft(draft, library, lawbook, day)
    state = lawbook.state(draft.jurisdiction.state)
    sections = [_section_summary(s, draft, library) for s in doc.sections]
    laws: list[Law] = []
    for f in report.findings:
        law = lawbook.laws.get(f.rule)
        if law is not None and law not in laws:
            laws.append(law)
    return Packet(draft, doc, report, state, day, sections, laws,
                  _authorities(draft, library), _factors(report, library, state, day),
                  lawbook, _alternatives(draft, library, lawbook, day))


def short_citation(citations: list[str]) -> str:
    """The first authority of a finding in short form, for a line of text: "Fla. Stat. ch.
    908 (§§ 908.101-908.13)" rather than the whole list of sections relied on."""
    if not citations:
        return ""
    return citations[0].split("; ")[0].split(", esp.")[0].strip()


def _alternatives(draft: Draft, library: Library, lawbook: LawBook,
                  day: dt.date) -> dict[str, list[Alternative]]:
    """For each chosen clause, the other options of its protection and, in one plain
    sentence each, why the draft has the one it has."""
    from drafter.check.engine import clause_verdict, decisive

    j = draft.jurisdiction
    out: dict[str, list[Alternative]] = {}
    for cc in draft.clauses:
        chosen = library.clause(cc.id)
        rank = {s: i for i, s in enumerate(STRENGTHS)}
        mine = rank.get(chosen.strength, 0)
        alts = []
        for opt in library.options(chosen.protection):
            if opt.id == chosen.id:
                continue
            top = None
            if j.state:
                top = decisive(clause_verdict(opt, j.state, lawbook, day, kind=j.kind,
                                              library=library, draft=draft))
            verdict = top.verdict if top is not None else None
            theirs = rank.get(opt.strength, 0)
            cite = short_citation(top.citations) if top is not None else ""
            if verdict == "blocked":
                why = "Not recommended: state law does not allow it" + \
                    (f" ({cite})." if cite else ".")
            elif verdict == "at_risk" and theirs < mine:
                why = "Not recommended: it goes further, but it is at legal risk" + \
                    (f" ({cite})." if cite else ".")
            elif theirs < mine:
                why = ("It goes further than the recommended option; the "
                       f"{local_government(j).body} may substitute it.")
            elif theirs > mine:
                why = "It does less than the recommended option."
            else:
                why = "It takes a different approach of similar reach."
            alts.append(Alternative(opt, verdict, why))
        out[cc.id] = alts
    return out
