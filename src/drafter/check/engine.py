"""The preemption check: each chosen clause against its state's law and federal law, plus
the fit of the clause to the jurisdiction and its institutions, and conflicts between
chosen clauses. The wording lives in `check.messages`; here are the rules.

What a clause does is a set of acts (`Clause.restricted_acts`). Each law is a list of
provisions, each saying which acts it `requires`, `blocks`, `restricts` (broad language),
`uncertain`ly reaches, `protects` or `protects_partly`, and whom it `binds`. One finding per
law that speaks, by the first rule that applies:

* **Adverse** (requires/blocks/restricts/uncertain, binding the draft's officers for an act
  of the option): in force -> `blocked` (requires, blocks) or `at_risk` (restricts,
  uncertain); preliminarily `enjoined` or effective later -> `at_risk`. A protective law's
  `uncertain` acts are never adverse.
* **Protective**, binding the draft's officers: in force -> `state_law`, with coverage
  `full` when every act of the option is covered for every officer who does it, else
  `partial`; enjoined or effective later -> `allowed`.
* **Reach**: a protection that binds only others (state agencies, the DMV, schools) ->
  `allowed`, noting what the state covers: the clause is needed in full.
* A **pending** bill (however far along) and a law **struck** for good are shown, never
  decide (`decides` false); **repealed** laws are only noted.
* No deciding state finding -> `allowed` under the state's `<xx>-no-state-law` rule.

Federal: an option restricting `status_records` is `at_risk` under `us-1373-1644` without
the savings section and `allowed` with it (and with it, state law does not see the option
restricting status records either: the section preserves exactly those communications);
one restricting `private_detention` is `at_risk` under `us-geo-newsom`; other federal rules
speak through their provisions.

Fit (needs the draft): kind, agencies and the state's institutions (no county government,
state-run jails, who employs probation officers, who can direct the sheriff, who guards the
courts). Conflicts: two options of a protection, or clauses marked as contradicting.

`decisive()` is the one ordering: deciding findings first, worst verdict, a full state
protection before a partial one, state before federal before fit before conflict, higher
confidence. Everything that depends only on (state, acts, kind, day) is memoised per book.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from drafter.check import messages as m
from drafter.check.acts import covers, reach
from drafter.check.laws import (
    FEDERAL_RULES,
    RULE_1373,
    RULE_GEO,
    RULE_IMMUNITY,
    Law,
    LawBook,
    StateLaw,
    staleness,
)
from drafter.check.pressure import Pressure, overall, pressure_json, report_pressure
from drafter.load.draft import Draft
from drafter.load.library import Clause, Library, nearest_option
from drafter.ordinance.localgov import clause_kind, kind_refusal
from drafter.vocab import (
    ACTS,
    AGENCY_LABELS,
    COUNTY_KINDS,
    PROTECTION_ACTS,
    PROTECTIONS,
    VERDICT_SEVERITY,
    VERDICTS,
)

SOURCES = ("state", "federal", "fit", "conflict")
_CONFIDENCE_RANK = {"high": 2, "medium": 1, "low": 0}
_SOURCE_RANK = {"state": 3, "federal": 2, "fit": 1, "conflict": 0}
_ADVERSE_ORDER = ("requires", "blocks", "restricts", "uncertain")


@dataclass
class Finding:
    """One rule's verdict on one chosen clause. The facts are fields; `message` is the
    English made from them (verdict, consequence, what to do, research)."""

    clause: str
    protection: str
    verdict: str                      # blocked | at_risk | allowed | state_law
    rule: str                         # law id, or fit.* / conflict.*
    citations: list[str]
    message: str
    effective: dt.date | None = None
    status: str | None = None         # in_force | enjoined | struck | repealed | pending
    penalty: str | None = None
    confidence: str | None = None     # high | medium | low
    fix: str | None = None            # what the drafter can do about it
    source: str = "state"             # state | federal | fit | conflict
    summary: str = ""                 # one short line for tables and badges
    # what decided it, as data (ranking and callers read these, never the wording)
    effect: str = ""                  # requires|blocks|restricts|uncertain|protects|reach|...
    coverage: str = ""                # full | partial (state_law only)
    decides: bool = True              # False: shown, never decides (pending, struck, notes)
    acts: list[str] = field(default_factory=list)
    provision: str = ""               # the subsection cited, when narrower than the law
    alternative: str | None = None    # an option of the same protection the law allows
    notes: str = ""                   # maintainers' research notes (json/details only)

    @property
    def severity(self) -> int:
        return VERDICT_SEVERITY[self.verdict]

    def clone(self) -> Finding:
        """A copy whose lists are its own (memoised findings are handed out as clones)."""
        new = object.__new__(Finding)
        new.__dict__.update(self.__dict__)
        new.citations = list(self.citations)
        new.acts = list(self.acts)
        return new

    @property
    def rank(self) -> tuple[int, int, int, int, int]:
        return (1 if self.decides else 0, self.severity,
                0 if self.coverage == "partial" else 1, _SOURCE_RANK.get(self.source, 0),
                _CONFIDENCE_RANK.get(self.confidence or "", 1))


def decisive(findings: Iterable[Any]) -> Any | None:
    """The finding that decides a clause's verdict (see the module docstring), or None.
    The one ordering the engine, packet, comparison and app use."""
    best = None
    best_rank: tuple[int, ...] | None = None
    for f in findings:
        r = f.rank
        if best_rank is None or r > best_rank:
            best, best_rank = f, r
    return best


def _sort(findings: list[Finding]) -> list[Finding]:
    findings.sort(key=lambda f: f.rank, reverse=True)
    return findings


@dataclass(frozen=True)
class _Base:
    """A clause-independent finding (memoised); `bind` makes the Finding."""

    protection: str
    verdict: str
    rule: str
    citations: tuple[str, ...]
    head: str
    consequence: str
    research: str
    summary: str
    effective: dt.date | None
    status: str | None
    penalty: str | None
    confidence: str | None
    fix: str | None
    source: str
    effect: str = ""
    coverage: str = ""
    decides: bool = True
    acts: tuple[str, ...] = ()
    provision: str = ""
    notes: str = ""

    def bind(self, clause_id: str, protection: str, fix: str | None = None,
             alternative: str | None = None) -> Finding:
        fx = fix or self.fix
        msg = m.join(self.head, self.consequence,
                     f"What to do: {fx}" if fx and self.verdict in ("blocked", "at_risk")
                     else "", self.research)
        return Finding(clause_id, protection, self.verdict, self.rule, list(self.citations),
                       msg, self.effective, self.status, self.penalty, self.confidence, fx,
                       self.source, self.summary, self.effect, self.coverage, self.decides,
                       list(self.acts), self.provision, alternative, self.notes)


@dataclass
class Report:
    """The findings for one draft and its ILRC-style scores."""

    state: str
    jurisdiction: str
    findings: list[Finding]
    score_local: int
    score_with_state: int
    state_name: str = ""
    posture: str = ""
    checked_on: dt.date | None = None
    clause_ids: list[str] = field(default_factory=list)
    last_reviewed: dt.date | None = None
    # Federal pressure (check.pressure): apart from the verdicts, never deciding one.
    pressure: list[Pressure] = field(default_factory=list)
    pressure_level: str | None = None
    # One line when the law data is more than six months old on the check date.
    stale: str | None = None

    def pressure_for(self, clause_id: str) -> Pressure | None:
        return next((p for p in self.pressure if p.clause == clause_id), None)

    def for_clause(self, clause_id: str) -> list[Finding]:
        return [f for f in self.findings if f.clause == clause_id]

    def decisive(self, clause_id: str) -> Finding:
        found = decisive(self.for_clause(clause_id))
        if found is None:
            raise KeyError(f"no findings for clause '{clause_id}'")
        assert isinstance(found, Finding)
        return found

    def decisive_findings(self) -> list[Finding]:
        return [self.decisive(cid) for cid in self.clause_ids if self.for_clause(cid)]

    def by_verdict(self, decisive_only: bool = False) -> dict[str, list[Finding]]:
        """Findings grouped by verdict, every verdict present, worst first."""
        out: dict[str, list[Finding]] = {
            v: [] for v in sorted(VERDICTS, key=lambda v: -VERDICT_SEVERITY[v])}
        for f in (self.decisive_findings() if decisive_only else self.findings):
            out[f.verdict].append(f)
        return out


# --- one law against one option's acts ------------------------------------------------


@dataclass(frozen=True)
class _Assessment:
    effect: str                      # an adverse effect, protects, reach, maybe, informs
    acts: frozenset[str]
    cite: str
    note: str
    coverage: str = ""


@dataclass
class _LawIndex:
    """One law's provisions turned around for a draft kind: act -> what it says."""

    adverse: dict[str, tuple[int, str, str]]           # act -> (rank, cite, note)
    protective: dict[str, list[tuple[str, str, str]]]  # act -> [(coverage, cite, note)]
    other: dict[str, tuple[str, str, str]]             # act -> (maybe|informs, cite, note)


def _index(law: Law, kind: str | None) -> _LawIndex:
    cache: dict[str | None, _LawIndex] = law.__dict__.setdefault("_engine_index", {})
    hit = cache.get(kind)
    if hit is not None:
        return hit
    adverse: dict[str, tuple[int, str, str]] = {}
    protective: dict[str, list[tuple[str, str, str]]] = {}
    other: dict[str, tuple[str, str, str]] = {}
    for prov in law.provisions:
        actors = reach(prov.binds, kind)
        for i, eff in enumerate(_ADVERSE_ORDER):
            if eff == "uncertain" and law.protective:
                continue
            for a in prov.acts(eff):
                if covers(actors, a) and (a not in adverse or i < adverse[a][0]):
                    adverse[a] = (i, prov.cite, prov.note)
        for eff in ("protects", "protects_partly"):
            for a in prov.acts(eff):
                c = covers(actors, a)
                if c == "full" and eff == "protects_partly":
                    c = "partial"
                protective.setdefault(a, []).append((c, prov.cite, prov.note))
        for eff, label in (("uncertain", "maybe"), ("informs", "informs")):
            if eff == "uncertain" and not law.protective:
                continue
            for a in prov.acts(eff):
                other.setdefault(a, (label, prov.cite, prov.note))
    idx = _LawIndex(adverse, protective, other)
    cache[kind] = idx
    return idx


def _assess(law: Law, acts: frozenset[str], kind: str | None) -> _Assessment | None:
    """What `law` does to these acts for a draft of `kind`, before status and dates."""
    if not acts & law.all_acts:
        return None
    idx = _index(law, kind)
    adverse = [(idx.adverse[a], a) for a in acts if a in idx.adverse]
    if adverse:
        rank = min(r for (r, _, _), _ in adverse)
        hit = frozenset(a for (r, _, _), a in adverse if r == rank)
        _, cite, note = min((v for v, a in adverse if v[0] == rank), key=lambda v: v[1])
        return _Assessment(_ADVERSE_ORDER[rank], hit, cite, note)
    full: set[str] = set()
    part: set[str] = set()
    outside: set[str] = set()
    cites: list[str] = []
    notes: list[str] = []
    for a in sorted(acts):
        entries = idx.protective.get(a)
        if not entries:
            continue
        best = max((c for c, _, _ in entries), key=("", "partial", "full").index)
        (full if best == "full" else part if best == "partial" else outside).add(a)
        for _, cite, note in entries:
            if cite:
                cites.append(cite)
            if note:
                notes.append(note)
    cite = "; ".join(dict.fromkeys(cites))
    note = " ".join(dict.fromkeys(notes))
    if full or part:
        coverage = "full" if full == set(acts) else "partial"
        return _Assessment("protects", frozenset(full | part), cite, note, coverage)
    if outside:
        return _Assessment("reach", frozenset(outside), cite, note)
    for a in sorted(acts):
        if a in idx.other:
            label, cite, note = idx.other[a]
            return _Assessment(label, frozenset(x for x in acts if x in idx.other), cite,
                               note)
    return None


def _law_base(law: Law, pid: str, acts: frozenset[str], kind: str | None, day: dt.date,
              where: str, source: str) -> _Base | None:
    if law.status == "repealed":
        return None
    a = _assess(law, acts, kind)
    if a is None:
        return None
    # options of one protection often meet a law the same way: word each meeting once
    memo: dict[Any, _Base] = law.__dict__.setdefault("_engine_bases", {})
    key = (a, day, where, source)
    hit = memo.get(key)
    if hit is None:
        hit = memo[key] = _word_law_base(law, a, day, where, source)
    return hit


def _word_law_base(law: Law, a: _Assessment, day: dt.date, where: str, source: str
                   ) -> _Base:
    pid = ""  # the clause's protection is set when the finding is bound
    cites = (law.citation,) if law.citation else ()
    penalty = law.penalties if m.meaningful(law.penalties) else None
    common: dict[str, Any] = dict(
        protection=pid, rule=law.id, citations=cites, effective=law.effective,
        status=law.status, penalty=penalty, confidence=law.confidence, source=source,
        acts=tuple(x for x in ACTS if x in a.acts), provision=a.cite, notes=law.notes)
    later = law.effective is not None and law.effective > day
    if law.status == "pending":
        return _Base(verdict="allowed", head=m.pending_head(law, a.effect, a.acts, a.cite),
                     consequence="", research=m.research(law, a.note),
                     summary=m.short(law, "pending bill; not yet law"),
                     fix=m.FIX_PENDING if a.effect in _ADVERSE_ORDER else None,
                     effect=a.effect, decides=False, **common)
    if law.status == "struck":
        return _Base(verdict="allowed", head=m.struck_head(law, a.acts, a.cite),
                     consequence="", research=m.research(law, a.note),
                     summary=m.short(law, "struck down; not applied"), fix=None,
                     effect=a.effect, decides=False, **common)
    if a.effect in _ADVERSE_ORDER:
        if law.status == "enjoined":
            verdict, fix = "at_risk", m.FIX_ENJOINED
        elif later:
            assert law.effective is not None
            verdict, fix = "at_risk", m.fix_future(law.effective)
        elif a.effect in ("requires", "blocks"):
            verdict, fix = "blocked", m.FIX_BLOCKED
        elif a.effect == "uncertain":
            verdict, fix = "at_risk", m.FIX_UNCERTAIN
        else:
            verdict, fix = "at_risk", m.FIX_AT_RISK
        head = m.adverse_head(law, verdict, a.effect, a.acts, a.cite, where,
                              status=law.status, effective=law.effective, day=day)
        return _Base(verdict=verdict, head=head,
                     consequence=m.consequence(law, with_litigation=True),
                     research=m.research(law, a.note, in_force=law.status == "in_force"
                                         and not later),
                     summary=m.adverse_summary(law, a.effect, a.acts, status=law.status,
                                               effective=law.effective, day=day),
                     fix=fix, effect=a.effect, **common)
    if a.effect == "protects":
        suspended = law.status == "enjoined" or later
        head = m.protective_head(law, a.coverage, a.acts, a.cite, where, status=law.status,
                                 effective=law.effective, day=day)
        return _Base(verdict="allowed" if suspended else "state_law", head=head,
                     consequence=m.litigation(law) if law.status == "enjoined" else "",
                     research=m.research(law, a.note, in_force=not suspended),
                     summary=m.protective_summary(law, a.coverage, status=law.status,
                                                  effective=law.effective, day=day),
                     fix=None, effect="protects",
                     coverage="" if suspended else a.coverage, **common)
    if a.effect == "reach":
        head = m.reach_head(law, a.acts, a.cite)
        summary = m.reach_summary(law)
    elif a.effect == "maybe":
        head = m.maybe_head(law, a.acts, a.cite)
        summary = m.short(law, "protective law may also cover this")
    else:
        head = m.informs_head(law, a.cite, where)
        summary = m.short(law, f"{where} law allows this")
    return _Base(verdict="allowed", head=head, consequence="",
                 research=m.research(law, a.note), summary=summary, fix=None,
                 effect=a.effect, decides=law.status == "in_force" and not later, **common)


def _no_law_base(st: StateLaw, pid: str, acts: frozenset[str],
                 fed_note: dict[str, str] | None) -> _Base:
    rid = f"{st.code.lower()}-no-state-law"
    own = st.law(rid)
    others = [law.id for law in st.laws if law.id != rid and law.status != "repealed"]
    gone = [m.law_title(law) for law in st.laws if law.status in ("repealed", "struck")
            and any(acts & p.acts(e) for p in law.provisions for e in p.effects)]
    conf = own.confidence if own else st.posture_confidence
    reviewed = (own.last_reviewed if own else None) or st.last_reviewed
    own_note = " ".join(p.note for p in own.provisions) if own else ""
    return _Base(pid, "allowed", rid, (own.citation,) if own and own.citation else (),
                 m.no_law_head(st, acts), "",
                 m.no_law_research(st, others, gone, own_note, fed_note, conf, reviewed),
                 m.no_law_summary(st, bool(others), conf), own.effective if own else None,
                 own.status if own else None, None, conf, None, "state", effect="none")


def _bases(book: LawBook, code: str, pid: str, acts: frozenset[str], kind: str | None,
           day: dt.date) -> tuple[_Base, ...]:
    key = ("opt", code, pid, acts, kind, day)
    hit: tuple[_Base, ...] | None = book.memo.get(key)
    if hit is not None:
        return hit
    st = book.state(code)
    out = [b for law in st.laws
           if (b := _law_base(law, pid, acts, kind, day, m.place(st), "state")) is not None]
    if not any(b.decides for b in out):
        out.append(_no_law_base(st, pid, acts, book.federal_note(pid)))
    for law in book.federal.laws:
        if law.id in (RULE_1373, RULE_GEO):
            continue  # applied below, from what the option does
        # rules aimed at federal officers are worded by the immunity flag below
        seen = acts - {"federal_agent_conduct"} if law.id == RULE_IMMUNITY else acts
        b = _law_base(law, pid, seen, kind, day, "federal", "federal")
        if b is not None:
            out.append(b)
    result = tuple(out)
    book.memo[key] = result
    return result


def _federal_flag_bases(book: LawBook) -> dict[str, _Base]:
    hit: dict[str, _Base] | None = book.memo.get("flags")
    if hit is not None:
        return hit
    law = book.rule(RULE_1373)
    geo = book.rule(RULE_GEO)
    cite, gcite = law.citation or law.id, geo.citation or geo.id

    def base(rule: Law, verdict: str, head: str, summary: str, fix: str | None,
             effect: str, act: str) -> _Base:
        return _Base("", verdict, rule.id, (rule.citation,) if rule.citation else (), head,
                     m.consequence(rule) if verdict == "at_risk" else "",
                     m.research(rule), m.short(rule, summary), rule.effective, rule.status,
                     rule.penalties if m.meaningful(rule.penalties) else None,
                     rule.confidence, fix, "federal", effect=effect, acts=(act,),
                     notes=rule.notes)

    out = {
        "1373_risk": base(law, "at_risk", m.fed_1373_risk(cite),
                          "limits status information; no savings section", m.FIX_1373,
                          "restricts", "status_records"),
        "1373_ok": base(law, "allowed", m.fed_1373_ok(cite),
                        "savings section preserves 1373/1644 communications", None,
                        "informs", "status_records"),
        "geo": base(geo, "at_risk", m.fed_geo(gcite), "reaches private detention contractors",
                    "Limit the clause to the jurisdiction's own contracts, land and "
                    "facilities (an option that does not reach private contractors).",
                    "restricts", "private_detention"),
    }
    imm = book.laws.get(RULE_IMMUNITY)
    if imm is not None:
        out["immunity"] = base(imm, "at_risk", m.fed_immunity(imm.citation or imm.id),
                               "binds federal officers: intergovernmental immunity",
                               m.FIX_IMMUNITY, "restricts", "federal_agent_conduct")
    book.memo["flags"] = out
    return out


def _option_bases(clause: Clause, code: str, book: LawBook, day: dt.date,
                  savings_clause: bool, kind: str | None) -> list[_Base]:
    acts = clause.restricted_acts
    # The savings section preserves exactly the status communications of 8 U.S.C. 1373 and
    # 1644, so with it the option no longer restricts status records as state law sees it;
    # its limits on other personal data keep their force.
    seen = acts - {"status_records"} if savings_clause else acts
    bases = list(_bases(book, code, clause.protection, seen, kind, day))
    if "status_records" in acts or clause.restricts_status_info:
        flags = _federal_flag_bases(book)
        bases.append(flags["1373_ok" if savings_clause else "1373_risk"])
    if "private_detention" in acts or (clause.protection == "detention_contracts"
                                       and clause.reaches_private_contractors):
        bases.append(_federal_flag_bases(book)["geo"])
    if "federal_agent_conduct" in acts and "immunity" in _federal_flag_bases(book):
        bases.append(_federal_flag_bases(book)["immunity"])
    return bases


def _top(bases: list[_Base]) -> _Base:
    return max(bases, key=lambda b: (b.decides, VERDICT_SEVERITY[b.verdict],
                                     b.coverage != "partial", _SOURCE_RANK[b.source]))


# --- public API ----------------------------------------------------------------------------


def clause_verdict(clause: Clause, state_code: str, lawbook: LawBook,
                   today: dt.date | None = None, *, savings_clause: bool = True,
                   kind: str | None = None, library: Library | None = None,
                   draft: Draft | None = None) -> list[Finding]:
    """State and federal findings for one option in one state, decisive first.

    `kind` narrows whom a law must bind (None: any local draft); with `library` a blocked
    or at-risk verdict names the nearest option of the protection that the law allows (and,
    with `draft`, that fits its kind and agencies). Cheap: memoised on the law book; each
    call gets its own Finding objects.
    """
    day = today or dt.date.today()
    code = state_code.upper()
    key = ("clause", clause.id, clause.protection, clause.restricted_acts,
           clause.restricts_status_info, clause.reaches_private_contractors,
           clause.strength, code, day, savings_clause, kind, id(library))
    hit = lawbook.memo.get(key) if draft is None else None
    if hit is not None:
        return [f.clone() for f in hit]
    bases = _option_bases(clause, code, lawbook, day, savings_clause, kind)
    top = _top(bases)
    alt: Clause | None = None
    if library is not None and top.verdict in ("blocked", "at_risk"):
        alt = _alternative(clause, code, lawbook, day, savings_clause, kind, library, draft)
    findings = []
    for b in bases:
        if b is top and alt is not None:
            fix = m.alternative_fix(alt.title, alt.id, alt.strength,
                                    "federal" if b.source == "federal"
                                    else lawbook.state(code).name)
            findings.append(b.bind(clause.id, clause.protection, fix, alt.id))
        else:
            findings.append(b.bind(clause.id, clause.protection))
    _sort(findings)
    if draft is None:
        lawbook.memo[key] = tuple(f.clone() for f in findings)
    return findings


def _alternative(clause: Clause, code: str, book: LawBook, day: dt.date, savings: bool,
                 kind: str | None, lib: Library, draft: Draft | None) -> Clause | None:
    """The nearest other option of the protection whose verdict is allowed or state law."""
    ok = []
    for c in lib.options(clause.protection):
        if c.id == clause.id:
            continue
        if draft is not None:
            j = draft.jurisdiction
            wrong_kind = c.kinds and clause_kind(j.state, j.kind) not in c.kinds
            if wrong_kind or not all(j.agency(a) for a in c.agencies):
                continue
        if _top(_option_bases(c, code, book, day, savings, kind)).verdict in ("allowed",
                                                                               "state_law"):
            ok.append(c)
    return nearest_option(ok, clause.strength_rank)


def protection_verdict(protection: str, state_code: str, lawbook: LawBook,
                       today: dt.date | None = None) -> str:
    """The decisive state verdict for a protection's own acts in a state (GUI summary)."""
    day = today or dt.date.today()
    acts = PROTECTION_ACTS.get(protection, frozenset())
    return _top(list(_bases(lawbook, state_code.upper(), protection, acts, None,
                            day))).verdict


def state_provides(state: StateLaw, protection: str, day: dt.date,
                   kind: str | None = None) -> bool:
    """Whether a state law in force already fully provides the protection's acts for
    local officers (the ILRC "with state law" point)."""
    acts = PROTECTION_ACTS.get(protection, frozenset())
    for law in state.laws:
        if not law.in_force_on(day):
            continue
        a = _assess(law, acts, kind)
        if a is not None and a.effect == "protects" and a.coverage == "full":
            return True
    return False


def _fit_findings(clause: Clause, draft: Draft, lib: Library, st: StateLaw, book: LawBook,
                  day: dt.date) -> list[Finding]:
    j = draft.jurisdiction
    out = []
    savings = draft.export.savings_clause

    def open_here(c: Clause) -> bool:  # an alternative the state blocks is no way out
        return _top(_option_bases(c, st.code, book, day, savings, j.kind)).verdict != "blocked"

    found: list[Clause | None] = []

    def alternative() -> Clause | None:
        """The option that fits best, looked for only when a finding needs it: most
        clauses fit, and the app checks every chosen clause on every edit."""
        if not found:
            found.append(nearest_option(
                [c for c in lib.options(clause.protection)
                 if c.id != clause.id and (not c.kinds or
                                           clause_kind(j.state, j.kind) in c.kinds)
                 and all(j.agency(a) for a in c.agencies) and open_here(c)],
                clause.strength_rank))
        return found[0]

    def alt_text() -> str:
        alt = alternative()
        return (f"choose '{alt.id}' ({alt.strength}), which fits" if alt else
                "remove the clause")

    def fit(verdict: str, rule: str, msg: str, summary: str, fix: str,
            decides: bool = True) -> None:
        alt = alternative()
        out.append(Finding(clause.id, clause.protection, verdict, rule, [],
                           m.join(msg, f"What to do: {fix}"), fix=fix, source="fit",
                           summary=summary, effect="fit", decides=decides,
                           confidence=inst.confidence if inst else None,
                           alternative=alt.id if alt else None))

    inst = st.institutions
    if clause.kinds and clause_kind(j.state, j.kind) not in clause.kinds:
        msg, summary = m.wrong_kind(clause.kinds, j.display_name, j.kind,
                                    "jail" in clause.agencies and j.kind in ("city", "town"))
        fit("at_risk", "fit.kind", msg, summary,
            f"Check the jurisdiction kind, or {alt_text()}.")
    for a in clause.agencies:
        if not j.agency(a):
            label = AGENCY_LABELS.get(a, a).lower()
            msg, summary = m.missing_agency(label, j.display_name)
            fit("at_risk", "fit.agency", msg, summary,
                f"If {j.display_name} runs one, name it in the draft (jurisdiction, "
                f"agencies, {a}); otherwise {alt_text()}.")
    if inst is None:
        return out
    actors = {ACTS[a][1] for a in clause.restricted_acts if a in ACTS}
    county = j.kind in COUNTY_KINDS
    refusal = kind_refusal(j.state, j.kind)
    if refusal:
        fit("blocked", "fit.government", *m.no_such_kind(refusal))
    if "jail" in actors and inst.jails == "state":
        fit("at_risk", "fit.state_jails", *m.state_jails(st))
    if "probation" in actors and inst.probation in ("state", "court", "federal"):
        fit("at_risk", "fit.probation", *m.supervision(st, inst.probation))
    if "jail" in actors and county and inst.jails != "state":
        if inst.board_directs_sheriff == "no":
            fit("at_risk", "fit.sheriff", *m.sheriff_no(st))
        elif inst.board_directs_sheriff == "partly":
            fit("allowed", "fit.sheriff", *m.sheriff_partly(st, inst.jails), decides=False)
    if "courthouse_assistance" in clause.restricted_acts and inst.court_security in (
            "state", "court", "federal"):
        fit("allowed", "fit.court_security", *m.court_security(st, inst.court_security),
            decides=False)
    return out


def _conflict_findings(chosen: list[Clause]) -> list[Finding]:
    out: list[Finding] = []
    by_prot: dict[str, list[Clause]] = {}
    for c in chosen:
        by_prot.setdefault(c.protection, []).append(c)
    for pid, group in by_prot.items():
        if len(group) < 2:
            continue
        ids = [c.id for c in group]
        for c in group:
            others = ", ".join(f"'{i}'" for i in ids if i != c.id)
            msg, summary, fix = m.same_protection(len(group), pid, c.id, others)
            out.append(Finding(c.id, pid, "at_risk", "conflict.same_protection", [],
                               m.join(msg, f"What to do: {fix}"), summary=summary, fix=fix,
                               source="conflict", effect="conflict"))
    by_id = {c.id: c for c in chosen}
    pairs: list[tuple[str, str]] = []
    for c in chosen:
        for o in c.conflicts_with:
            if o in by_id and o != c.id and (c.id, o) not in pairs and (o, c.id) not in pairs:
                pairs.append((c.id, o))
    for a, b in pairs:
        for me, other in ((a, b), (b, a)):
            fix = f"Keep either '{a}' or '{b}', not both."
            out.append(Finding(me, by_id[me].protection, "at_risk", "conflict.clause", [],
                               m.join(m.clause_conflict(me, other), f"What to do: {fix}"),
                               summary=f"contradicts '{other}', also chosen", fix=fix,
                               source="conflict", effect="conflict"))
    return out


def ilrc_scores(chosen: list[Clause], decisive: dict[str, str], state: StateLaw,
                day: dt.date) -> tuple[int, int]:
    """ILRC-style 0-7 county scale (`clause-options.md` Part C), one point per factor.

    * Local: a factor counts when the draft chooses a clause of that factor's protection
      whose decisive verdict is not `blocked` and whose strength is not `limited` (whether
      ILRC gives credit for carve-out-heavy policies is unverified; no credit is claimed).
    * With state law: the local factors plus every factor whose acts a state law in force
      on `day` already fully provides for local officers (`state_provides`).
    """
    local: set[str] = set()
    for c in chosen:
        factor = PROTECTIONS.get(c.protection, ("", None))[1]
        if factor is None or c.strength == "limited":
            continue
        if decisive.get(c.id) != "blocked":
            local.add(c.protection)
    with_state = set(local)
    for pid, (_, factor) in PROTECTIONS.items():
        if factor is not None and getattr(state, "laws", None) and \
                state_provides(state, pid, day):
            with_state.add(pid)
    return len(local), len(with_state)


def check_draft(draft: Draft, library: Library, lawbook: LawBook,
                today: dt.date | None = None) -> Report:
    """Check every chosen clause of a draft; see the module docstring for the rules."""
    day = today or dt.date.today()
    code = draft.jurisdiction.state
    st = lawbook.state(code)
    kind = draft.jurisdiction.kind
    chosen = [library.clause(cc.id) for cc in draft.clauses]
    conflicts = _conflict_findings(chosen)
    findings: list[Finding] = []
    verdicts: dict[str, str] = {}
    for c in chosen:
        mine = clause_verdict(c, st.code, lawbook, day,
                              savings_clause=draft.export.savings_clause, kind=kind,
                              library=library, draft=draft)
        mine += _fit_findings(c, draft, library, st, lawbook, day)
        mine += [f for f in conflicts if f.clause == c.id]
        _sort(mine)
        findings.extend(mine)
        verdicts[c.id] = mine[0].verdict
    local, with_state = ilrc_scores(chosen, verdicts, st, day)
    pressures = report_pressure(chosen, st.code, lawbook,
                                savings_clause=draft.export.savings_clause)
    return Report(st.code, draft.jurisdiction.display_name, findings, local, with_state,
                  st.name, st.posture, day, [c.id for c in chosen], st.last_reviewed,
                  pressures, overall(pressures), staleness(lawbook, st.code, day))


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "clause": f.clause,
        "protection": f.protection,
        "verdict": f.verdict,
        "rule": f.rule,
        "citations": list(f.citations),
        "message": f.message,
        "summary": f.summary,
        # extras (documented): the facts behind the message
        "source": f.source,
        "effective": f.effective.isoformat() if f.effective else None,
        "status": f.status,
        "penalty": f.penalty,
        "confidence": f.confidence,
        "fix": f.fix,
        "effect": f.effect,
        "coverage": f.coverage or None,
        "decides": f.decides,
        "acts": list(f.acts),
        "provision": f.provision or None,
        "alternative": f.alternative,
        "notes": f.notes or None,
    }


def report_json(report: Report) -> dict[str, Any]:
    """The `drafter check --json` object of the design contract."""
    return {
        "state": report.state,
        "jurisdiction": report.jurisdiction,
        "findings": [finding_json(f) for f in report.findings],
        "score": {"local": report.score_local, "with_state_law": report.score_with_state},
        # extras (documented; added keys only): federal pressure, apart from the verdicts,
        # and the age of the law data
        "pressure": [pressure_json(p) for p in report.pressure],
        "pressure_level": report.pressure_level,
        "law_data": {"last_reviewed": report.last_reviewed.isoformat()
                     if report.last_reviewed else None, "stale": report.stale},
    }


def states_json(book: LawBook) -> list[dict[str, Any]]:
    from drafter.vocab import STATES

    out = []
    for code, name in STATES.items():
        st = book.states.get(code)
        if st is None:
            continue
        out.append({"code": code, "name": name, "posture": st.posture,
                    "posture_confidence": st.posture_confidence, "laws": len(st.laws),
                    "last_reviewed": st.last_reviewed.isoformat() if st.last_reviewed
                    else None})
    return out


fmt_date = m.fmt_date

__all__ = [
    "FEDERAL_RULES", "Finding", "Report", "check_draft", "clause_verdict",
    "decisive", "finding_json", "ilrc_scores", "protection_verdict",
    "report_json", "state_provides", "states_json",
]
