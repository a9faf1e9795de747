"""One analysis of an existing ordinance: what it establishes, how the state's law treats
that, and what is missing. The command, its JSON and the app's dialog all read this.

The check is the same one `drafter check` runs, on a draft built from the options found,
so an analysis never disagrees with what a draft started from it would be told.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.analyze.detect import Place, detect_place
from drafter.analyze.extract import Extracted, extract
from drafter.analyze.match import Match, find_protections
from drafter.analyze.sections import Section, split_sections
from drafter.check.engine import Report, check_draft, finding_json
from drafter.check.laws import LawBook
from drafter.errors import DrafterError
from drafter.load.draft import ChosenClause, Draft, new_draft
from drafter.load.library import Clause, Library, nearest_option
from drafter.vocab import KINDS, PROTECTIONS, STATES


@dataclass
class Found:
    match: Match
    clause: Clause

    @property
    def refs(self) -> list[str]:
        return list(dict.fromkeys(h.ref for h in self.match.establishing))


@dataclass
class Gap:
    protection: str
    suggested_option: str | None
    why: str


@dataclass
class Analysis:
    extracted: Extracted
    sections: list[Section]
    place: Place
    found: list[Found]
    draft: Draft | None = None
    report: Report | None = None
    gaps: list[Gap] = field(default_factory=list)

    @property
    def note(self) -> str | None:
        if self.found:
            return None
        reading = sum(1 for s in self.sections if s.operative and s.passages)
        return (f"No protections found: none of the {reading} operative section(s) limits "
                "local help with federal civil immigration enforcement.")


def _resolve(lib: Library, m: Match) -> Clause | None:
    c = lib.clauses.get(f"{m.protection}.{m.option}")
    if c is not None:
        return c
    return nearest_option(lib.options(m.protection), "moderate")


_AGENCY_WORDS = {"jail": "Jail", "police": "Police Department",
                 "probation": "Probation Department"}


def _name_agencies(draft: Draft, found: list[Found]) -> None:
    """A text that restricts its jail has a jail: name the agencies the options found
    direct, where the state's defaults named none, so the check judges the law and not a
    blank in the draft."""
    j = draft.jurisdiction
    for f in found:
        for agency in f.clause.agencies:
            if not j.agency(agency):
                j.agencies[agency] = f"{j.display_name} {_AGENCY_WORDS.get(agency, agency)}"


def _kind_for(
kind: str | None, state: str, found: list[Found]) -> str:
    from drafter.ordinance.localgov import kinds_in

    have = kinds_in(state) or KINDS
    if kind and kind in have:
        return kind
    jail = any(f.match.protection in ("detainers", "notification", "interview_consent",
                                      "detention_contracts") for f in found)
    for k in (("county", "city") if jail else ("city", "county")):
        if k in have:
            return k
    return have[0]


def _gaps(a: Analysis, lib: Library, book: LawBook | None, day: dt.date) -> list[Gap]:
    from drafter.check.proposal import propose

    out: list[Gap] = []
    have = {f.match.protection: f.clause for f in a.found}
    for pid in PROTECTIONS:
        if pid not in lib.protections:
            continue
        title = lib.protections[pid].title
        if a.draft is None or book is None:
            best = lib.pick(pid, "strongest")
            if pid not in have and best is not None:
                out.append(Gap(pid, best.id, f"{title}: not found in the text (state law not "
                                             "checked: pass --state)"))
            continue
        prop = propose(a.draft, lib, book, [pid], "strongest", day)
        state = STATES.get(a.draft.jurisdiction.state, a.draft.jurisdiction.state)
        if pid not in have:
            if prop.chosen:
                out.append(Gap(pid, prop.chosen[0].id,
                               f"{title}: not found in the text; this is the strongest option "
                               f"{state} law does not block"))
            elif pid in prop.all_blocked:
                out.append(Gap(pid, None, f"{title}: not found in the text, and every option "
                                          f"is blocked by {state} law"))
            elif pid in prop.unfit:
                out.append(Gap(pid, None, f"{title}: not found in the text; {prop.unfit[pid]}"))
            continue
        cur = have[pid]
        if prop.chosen and prop.chosen[0].strength_rank < cur.strength_rank:
            best = prop.chosen[0]
            out.append(Gap(pid, best.id, f"{title}: the text is closest to '{cur.title}' "
                                         f"({cur.strength}); '{best.title}' ({best.strength}) "
                                         f"is not blocked by {state} law"))
    return out


def analyze(path: Path | str, lib: Library, book: LawBook | None, *, state: str | None = None,
            kind: str | None = None, today: dt.date | None = None) -> Analysis:
    """Read, match, check and compare one document. `book` None skips the law check."""
    if state is not None and state.upper() not in STATES:
        raise DrafterError(f"unknown state code '{state}'")
    if kind is not None and kind not in KINDS:
        raise DrafterError(f"unknown jurisdiction kind '{kind}'")
    day = today or dt.date.today()
    ex = extract(path)
    sections = split_sections(ex.paragraphs)
    place = detect_place(ex.text)
    if state:
        place.state = state.upper()
    if kind:
        place.kind = kind
        if place.state:
            from drafter.ordinance.localgov import check_kind_exists

            check_kind_exists(place.state, kind)  # a parish in Texas is an error, not a guess

    found = []
    for m in find_protections(sections):
        c = _resolve(lib, m)
        if c is not None:
            found.append(Found(m, c))
    a = Analysis(ex, sections, place, found)
    if place.state and book is not None:
        try:
            kind_ = _kind_for(place.kind, place.state, found)
            draft = new_draft(place.name or "Unnamed", kind_, place.state,
                              [f.clause.id for f in found])
        except DrafterError:
            draft = None
        if draft is not None:
            _name_agencies(draft, found)
            a.draft = draft
            if place.state in book.states:
                a.report = check_draft(draft, lib, book, day)
            else:
                book = None
    a.gaps = _gaps(a, lib, book if a.report is not None else None, day)
    return a


def to_draft(a: Analysis, lib: Library) -> Draft:
    """A draft with the nearest options found, ready to strengthen in the app."""
    if a.draft is None:
        if not a.place.state:
            raise DrafterError("the text does not say which state it is in: pass --state XX")
        raise DrafterError(f"cannot start a draft for a {a.place.kind} in {a.place.state}")
    d = a.draft.copy()
    d.clauses = [ChosenClause(f.clause.id) for f in a.found]
    d.ordinance.title = ""
    return d


def analysis_json(a: Analysis) -> dict[str, Any]:
    by_section: dict[str, list[dict[str, Any]]] = {}
    for f in a.found:
        seen: set[str] = set()
        for h in f.match.establishing:
            if h.section in seen:
                continue
            seen.add(h.section)
            by_section.setdefault(h.section, []).append({
                "protection": f.match.protection, "option": f.clause.id,
                "strength": f.clause.strength, "confidence": f.match.confidence,
                "quote": h.quote, "ref": h.ref})
    sections = [{"ref": s.ref, "heading": s.heading, "operative": s.operative,
                 "protections": by_section.get(s.ref, [])} for s in a.sections]
    r = a.report
    out: dict[str, Any] = {
        "file": a.extracted.file,
        "jurisdiction": a.draft.jurisdiction.display_name if a.draft and a.place.name
        else a.place.name,
        "state": a.place.state,
        "kind": a.draft.jurisdiction.kind if a.draft else a.place.kind,
        "sections": sections,
        "found": {f.match.protection: {"option": f.clause.id, "strength": f.clause.strength,
                                       "confidence": f.match.confidence, "refs": f.refs}
                  for f in a.found},
        "score": {"local": r.score_local if r else None,
                  "with_state_law": r.score_with_state if r else None},
        "findings": [finding_json(x) for x in r.findings] if r else [],
        "gaps": [{"protection": g.protection, "suggested_option": g.suggested_option,
                  "why": g.why} for g in a.gaps],
    }
    if a.note:
        out["note"] = a.note
    return out
