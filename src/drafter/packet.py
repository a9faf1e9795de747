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

from drafter.assemble import assemble
from drafter.document import Document, Section
from drafter.draft import Draft
from drafter.library import Clause, Library
from drafter.render import context_for, render
from drafter.vocab import PROTECTIONS

if TYPE_CHECKING:
    from drafter.check.engine import Finding, Report
    from drafter.check.laws import Law, LawBook, StateLaw

# What the standard sections do, for a reader who will not read them.
ROLE_SUMMARIES = {
    "short_title": "Gives the ordinance its short title{short}.",
    "purpose": ("States the purpose: the {jurisdiction} does not use its personnel, "
                "facilities or funds for federal civil immigration enforcement, so that every "
                "resident can seek help from local government without fear. Cooperation on "
                "criminal matters, and criminal warrants, are not affected."),
    "definitions": "Defines the terms the ordinance uses: {terms}.",
    "savings": ("Keeps the ordinance within federal law: nothing in it stops an officer or "
                "employee from sending or receiving citizenship or immigration-status "
                "information as 8 U.S.C. \u00a7\u00a7 1373 and 1644 protect, and a provision "
                "that conflicts with federal or state law does not apply to the extent of "
                "the conflict."),
    "general_welfare": ("Makes clear that the ordinance serves the general welfare and does "
                        "not create a duty for which the {jurisdiction} could be sued for "
                        "money damages."),
    "severability": ("Keeps the rest of the ordinance in force if a court holds any part of "
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
    if s.role == "definitions":
        terms = [r.text for p in s.paragraphs for r in p.runs if r.bold]
        text = ROLE_SUMMARIES["definitions"].format(terms=_and(terms) or "none")
    elif s.role in ROLE_SUMMARIES:
        short = draft.ordinance.short_title
        text = ROLE_SUMMARIES[s.role].format(
            jurisdiction=draft.jurisdiction.display_name,
            short=f", the \u201c{short}\u201d" if short else "")
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
                  lawbook)
