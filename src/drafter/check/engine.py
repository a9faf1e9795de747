"""The preemption check: each chosen clause against its state's law and federal law, plus
the fit of the clause to the jurisdiction and conflicts between chosen clauses.

Verdict rules (one `Finding` per rule that speaks; the worst one is the clause's decisive
verdict, by `vocab.VERDICT_SEVERITY`):

* A state law **in force** (status `in_force`, effective date today or earlier, or unknown)
  maps its effect on the clause's protection to a verdict: `blocks` and
  `requires_cooperation` -> `blocked`; `restricts` and `uncertain` -> `at_risk`;
  `already_protects` -> `state_law`; `partially_protects` -> `state_law`, with what is left
  to add locally (the law's `effect_notes`); `silent` or absent -> no finding.
* A law that has been enacted but **takes effect after today** -> `at_risk` "takes effect
  on DATE" when its effect is adverse (blocks/requires_cooperation/restricts/uncertain);
  when it is protective the clause is `allowed` today and the message says when the
  protection becomes state law.
* An **enjoined** law does not block: adverse -> `at_risk` (the injunction may be lifted on
  appeal: "unsettled or in litigation" in the design's words); protective -> `allowed` (the
  protection is not state law while the injunction lasts). The message names the injunction.
* A **pending** bill is "pending, not yet law": adverse -> `at_risk`; protective ->
  `allowed` (a bill that would make the protection state law puts no local clause at risk).
* A **repealed** law is ignored; the `allowed` finding notes it when nothing else speaks.
* When no state law speaks, the clause gets an `allowed` finding naming the state's rule:
  the state's own `<xx>-no-state-law` entry when its file has one, else that id is formed
  from the postal code (e.g. `ak-no-state-law`).

Federal rules (from `federal.yaml`): a clause with `restricts_status_info` is `at_risk` under
`us-1373-1644` when the draft has no savings clause and `allowed` (noting the savings
section) when it has one; a `detention_contracts` clause with `reaches_private_contractors`
is `at_risk` under `us-geo-newsom`. Other federal rules speak through their `effects` like
state laws, and a federal rule with an `effect_notes` entry but a silent effect adds an
informative `allowed` finding (e.g. detainers are requests, 8 C.F.R. 287.7).

Fit and conflicts need the draft: `fit.agency`, `fit.kind`, `conflict.same_protection`,
`conflict.clause`, all `at_risk` with a suggested `fix`.

Everything that depends only on (state, protection, day) is computed once per law book and
memoised, so `clause_verdict` (the GUI's library badges) is a dictionary look-up plus a few
small objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from drafter.check.laws import (
    ADVERSE_EFFECTS,
    FEDERAL_RULES,
    RULE_1373,
    RULE_GEO,
    Law,
    LawBook,
    StateLaw,
)
from drafter.draft import Draft
from drafter.library import Clause, Library
from drafter.vocab import (
    AGENCY_LABELS,
    KIND_WORDS,
    PROTECTIONS,
    STATES,
    VERDICT_SEVERITY,
    VERDICTS,
)

SOURCES = ("state", "federal", "fit", "conflict")

EFFECT_VERDICT = {
    "blocks": "blocked",
    "requires_cooperation": "blocked",
    "restricts": "at_risk",
    "uncertain": "at_risk",
    "already_protects": "state_law",
    "partially_protects": "state_law",
}

# What a law with this effect does to the clause, completing "... it {phrase}".
_EFFECT_PHRASE = {
    "blocks": "prohibits or voids a local policy like this clause",
    "requires_cooperation": "requires local officers to do what this clause forbids",
    "restricts": "uses broad language (such as \"materially limits\" or \"to the full "
                 "extent\") that probably reaches this clause, though not expressly",
    "uncertain": "may reach this clause; its effect could not be determined from the "
                 "sources reviewed, so it needs review by counsel",
    "already_protects": "already requires this protection statewide; the local clause "
                        "restates it and can go further",
    "partially_protects": "covers part of this protection",
}
# The same, for a law that is not in force yet ("if enacted it would ...").
_WOULD_PHRASE = {
    "blocks": "prohibit or void a local policy like this clause",
    "requires_cooperation": "require local officers to do what this clause forbids",
    "restricts": "probably reach this clause through broad \"materially limits\" or "
                 "\"full extent\" language",
    "uncertain": "affect this clause in ways that could not be determined",
    "already_protects": "make this protection state law",
    "partially_protects": "make part of this protection state law",
}


@dataclass
class Finding:
    """One rule's verdict on one chosen clause."""

    clause: str
    protection: str
    verdict: str                      # blocked | at_risk | allowed | state_law
    rule: str                         # law id, or fit.* / conflict.*
    citations: list[str]
    message: str                      # plain English: citation, date, status, penalty, why
    effective: dt.date | None = None
    status: str | None = None         # in_force | enjoined | repealed | pending
    penalty: str | None = None
    confidence: str | None = None     # high | medium | low
    fix: str | None = None            # what the drafter can do about it
    source: str = "state"             # state | federal | fit | conflict
    summary: str = ""                 # one short line for tables and badges (extra)

    @property
    def severity(self) -> int:
        return VERDICT_SEVERITY[self.verdict]

    @property
    def rank(self) -> tuple[int, int, int, int]:
        """Order for picking the decisive finding: worst verdict first; among equal
        verdicts a full state protection before a partial one (so California's courthouse
        statute, not SB 54's partial rule, decides), then state before federal before fit
        before conflicts, then higher confidence."""
        partial = self.summary.startswith(_EFFECT_SHORT["partially_protects"])
        full = 0 if (self.verdict == "state_law" and partial) else 1
        return (self.severity, full, _SOURCE_RANK.get(self.source, 0),
                _CONFIDENCE_RANK.get(self.confidence or "", 1))


_CONFIDENCE_RANK = {"high": 2, "medium": 1, "low": 0}
_SOURCE_RANK = {"state": 3, "federal": 2, "fit": 1, "conflict": 0}


class _Base(NamedTuple):
    """A clause-independent finding, memoised per (state, protection, day)."""

    protection: str
    verdict: str
    rule: str
    citations: tuple[str, ...]
    message: str
    summary: str
    effective: dt.date | None
    status: str | None
    penalty: str | None
    confidence: str | None
    fix: str | None
    source: str

    def bind(self, clause_id: str) -> Finding:
        return Finding(clause_id, self.protection, self.verdict, self.rule,
                       list(self.citations), self.message, self.effective, self.status,
                       self.penalty, self.confidence, self.fix, self.source, self.summary)


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

    def for_clause(self, clause_id: str) -> list[Finding]:
        return [f for f in self.findings if f.clause == clause_id]

    def decisive(self, clause_id: str) -> Finding:
        """The worst finding for a clause (ties: the first, i.e. state law before federal
        before fit before conflicts)."""
        found = self.for_clause(clause_id)
        if not found:
            raise KeyError(f"no findings for clause '{clause_id}'")
        return max(found, key=lambda f: f.rank)  # max keeps the first of equals

    def decisive_findings(self) -> list[Finding]:
        return [self.decisive(cid) for cid in self.clause_ids if self.for_clause(cid)]

    def by_verdict(self, decisive_only: bool = False) -> dict[str, list[Finding]]:
        """Findings grouped by verdict, every verdict present, worst first."""
        out: dict[str, list[Finding]] = {
            v: [] for v in sorted(VERDICTS, key=lambda v: -VERDICT_SEVERITY[v])}
        for f in (self.decisive_findings() if decisive_only else self.findings):
            out[f.verdict].append(f)
        return out


# --- message helpers ---------------------------------------------------------------------

# One line for tables and badges, per effect of a law in force.
_EFFECT_SHORT = {
    "blocks": "state law prohibits or voids this kind of clause",
    "requires_cooperation": "state law requires the opposite",
    "restricts": "broad state-law language probably reaches this clause",
    "uncertain": "effect of state law unclear; needs review",
    "already_protects": "state law already requires this protection",
    "partially_protects": "state law covers part of this; add the rest locally",
}


def fmt_date(d: dt.date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _label(pid: str) -> str:
    return PROTECTIONS[pid][0].lower() if pid in PROTECTIONS else pid


def _what(law: Law) -> str:
    if law.name and law.citation:
        return f"{law.name} ({law.citation})"
    return law.name or law.citation or law.id


def _sentence(text: str) -> str:
    text = " ".join(str(text).split())
    if text and not text.endswith((".", "!", "?", ".)", '."', ".'")):
        text += "."
    return text


def _meaningful(text: str | None) -> bool:
    t = (text or "").strip().lower().rstrip(".")
    return bool(t) and t not in ("none", "none found", "none known", "n/a", "not stated",
                                 "unknown", "null")


def _in_force_sentence(law: Law) -> str:
    if law.effective is not None:
        text = f"In force since {fmt_date(law.effective)}"
    else:
        text = "In force; effective date unknown"
    if law.effective_note:
        text += f" ({law.effective_note.strip().rstrip('.')})"
    return text + "."


def _tail(law: Law, with_penalty: bool = True, with_litigation: bool = True) -> str:
    """Penalty, litigation, confidence and review date, as sentences."""
    bits = []
    if with_penalty and _meaningful(law.penalties):
        bits.append(_sentence(f"Penalty: {law.penalties}"))
    if with_litigation and _meaningful(law.litigation):
        bits.append(_sentence(f"Litigation: {law.litigation}"))
    if law.confidence != "high":
        bits.append(f"Unverified: this rule is marked {law.confidence} confidence in "
                    "Drafter's law data; check the official code and current case law "
                    "before relying on it.")
    if law.last_reviewed:
        bits.append(f"(Law data reviewed {law.last_reviewed.isoformat()}.)")
    return " ".join(bits)


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _short(law: Law, text: str) -> str:
    return text + ("" if law.confidence == "high" else " (unverified)")


def _base(law: Law, pid: str, verdict: str, message: str, summary: str, source: str,
          fix: str | None = None) -> _Base:
    return _Base(pid, verdict, law.id, (law.citation,) if law.citation else (), message,
                 summary, law.effective, law.status,
                 law.penalties if _meaningful(law.penalties) else None, law.confidence, fix,
                 source)


_FIX_BLOCKED = ("Leave this clause out. Drafter's law data rates every option of this "
                "protection the same way, so ask counsel whether a non-binding statement "
                "(for example informing people of their rights) is possible.")
_FIX_AT_RISK = ("Consider a narrower option, add \"to the extent permitted by state law\" "
                "language, and have counsel review.")


def _law_base(law: Law, pid: str, day: dt.date, where: str, source: str) -> _Base | None:
    """The finding one law makes about one protection on `day`, or None if it is silent."""
    if law.status == "repealed":
        return None
    eff = law.effect(pid)
    note = law.effect_notes.get(pid, "")
    what = _what(law)
    if eff == "silent":
        if source == "federal" and note:
            msg = _join(f"Allowed under federal law: {what}.", _sentence(note),
                        _tail(law, with_penalty=False))
            return _base(law, pid, "allowed", msg, _short(law, "federal law allows this"),
                         source)
        return None
    adverse = eff in ADVERSE_EFFECTS
    why = _sentence(note) if note else ""
    if law.status == "pending":
        msg = _join(("At risk" if adverse else "Allowed") + f": {what} is pending, not yet "
                    f"law. If enacted it would {_WOULD_PHRASE[eff]}.", why,
                    _tail(law, with_penalty=adverse))
        if adverse:
            return _base(law, pid, "at_risk", msg,
                         _short(law, f"pending, not yet law: would {_WOULD_PHRASE[eff]}"),
                         source, "Watch the bill; keep the severability section and be "
                         "ready to amend the clause if it passes.")
        return _base(law, pid, "allowed", msg,
                     _short(law, f"pending, not yet law: would {_WOULD_PHRASE[eff]}"), source)
    if law.status == "enjoined":
        inj = (f"a court has enjoined it ({_sentence(law.litigation).rstrip('.')})"
               if _meaningful(law.litigation) else "a court has enjoined it")
        if adverse:
            msg = _join(f"At risk: {what} would {_WOULD_PHRASE[eff]}, but {inj}, so it "
                        "cannot be enforced for now; the injunction may be lifted on appeal.",
                        why, _tail(law, with_litigation=False))
            return _base(law, pid, "at_risk", msg,
                         _short(law, f"enjoined; would {_WOULD_PHRASE[eff]} if revived"),
                         source, "Adopt the clause with a severability section and watch "
                         "the case; if the injunction is lifted the clause will be blocked.")
        msg = _join(f"Allowed: {what} would {_WOULD_PHRASE[eff]}, but {inj}; while the "
                    "injunction lasts the protection is not state law, so the local clause "
                    "does the work.", why,
                    _tail(law, with_penalty=False, with_litigation=False))
        return _base(law, pid, "allowed", msg,
                     _short(law, "enjoined; the state protection is suspended"), source)
    if law.effective is not None and law.effective > day:
        when = fmt_date(law.effective)
        if adverse:
            later = EFFECT_VERDICT[eff] == "blocked"
            msg = _join(f"At risk: {what} takes effect on {when}; from then on it "
                        f"{_EFFECT_PHRASE[eff]}"
                        + (", so the clause will be blocked from that date." if later
                           else "."), why, _tail(law))
            return _base(law, pid, "at_risk", msg,
                         _short(law, f"takes effect on {when}: {_EFFECT_SHORT[eff]}"),
                         source, f"Plan for {when}: choose an option the law will allow, "
                         "or tie the clause's end to that date.")
        msg = _join(f"Allowed: {what} takes effect on {when}; from then on it "
                    f"{_EFFECT_PHRASE[eff]}.", why, _tail(law, with_penalty=False))
        return _base(law, pid, "allowed", msg,
                     _short(law, f"takes effect on {when}: {_EFFECT_SHORT[eff]}"), source)
    verdict = EFFECT_VERDICT[eff]
    since = _in_force_sentence(law)
    fix: str | None = None
    if verdict == "blocked":
        msg = _join(f"Blocked: {what} {_EFFECT_PHRASE[eff]} in {where}.", since, why,
                    _tail(law))
        fix = _FIX_BLOCKED
    elif verdict == "at_risk":
        msg = _join(f"At risk: {what} {_EFFECT_PHRASE[eff]}.", since, why, _tail(law))
        fix = _FIX_AT_RISK
    elif eff == "partially_protects":
        left = (f"Left to add locally: {_sentence(note)}" if note else
                "A local clause can add what the state law leaves out.")
        msg = _join(f"Partly state law: {what} {_EFFECT_PHRASE[eff]} in {where}.", since,
                    left, _tail(law))
    else:
        msg = _join(f"Already state law: {what} {_EFFECT_PHRASE[eff]}.", since, why,
                    _tail(law))
    return _base(law, pid, verdict, msg, _short(law, _EFFECT_SHORT[eff]), source, fix)


def _no_law_base(st: StateLaw, pid: str, fed_note: dict[str, str] | None) -> _Base:
    """The `allowed` finding when no law of the state speaks to the protection."""
    rid = f"{st.code.lower()}-no-state-law"
    own = st.law(rid)
    cites: tuple[str, ...] = (own.citation,) if own and own.citation else ()
    bits = [f"Allowed: no {st.name} law found that limits or requires {_label(pid)} "
            f"(state posture: {st.posture.replace('_', ' ')})."]
    others = [law.id for law in st.laws if law.id != rid and law.status != "repealed"]
    if others:
        bits.append(f"The {st.name} laws in Drafter's data ({', '.join(others)}) do not "
                    "address it.")
    for law in st.laws:
        if law.status == "repealed" and law.effect(pid) != "silent":
            bits.append(f"{_what(law)} once addressed it but has been repealed.")
    if own and own.effect_notes.get(pid):
        bits.append(_sentence(own.effect_notes[pid]))
    if fed_note and fed_note.get("note"):
        risk = f" (risk: {fed_note['risk']})" if fed_note.get("risk") else ""
        bits.append(_sentence(f"Federal law still applies{risk}: {fed_note['note']}"))
    else:
        bits.append("Federal law still applies.")
    conf = own.confidence if own else st.posture_confidence
    if conf != "high":
        bits.append(f"Unverified: the finding that no {st.name} law applies is {conf} "
                    "confidence (the absence of a statute is hard to prove); check the "
                    "state code.")
    reviewed = (own.last_reviewed if own else None) or st.last_reviewed
    if reviewed:
        bits.append(f"(Law data reviewed {reviewed.isoformat()}.)")
    # "no law found" would mislead in a state whose laws simply don't reach this protection
    summary = (f"no {st.name} law addresses this" if others else f"no {st.name} law found") \
        + ("" if conf == "high" else " (unverified)")
    return _Base(pid, "allowed", rid, cites, " ".join(bits), summary,
                 own.effective if own else None, own.status if own else None, None, conf,
                 None, "state")


def _state_bases(book: LawBook, code: str, pid: str, day: dt.date) -> tuple[_Base, ...]:
    key = ("state", code, pid, day)
    hit = book.memo.get(key)
    if hit is not None:
        return hit
    st = book.state(code)
    out = []
    for law in st.laws:
        b = _law_base(law, pid, day, st.name, "state")
        if b is not None:
            out.append(b)
    if not out:
        out.append(_no_law_base(st, pid, book.federal_note(pid)))
    fed = []
    for law in book.federal.laws:
        if law.id in (RULE_1373, RULE_GEO):
            continue  # applied through clause flags, not through effects
        b = _law_base(law, pid, day, "the United States", "federal")
        if b is not None:
            fed.append(b)
    result = tuple(out + fed)
    book.memo[key] = result
    return result


def _federal_flag_bases(book: LawBook) -> dict[str, _Base]:
    hit = book.memo.get("flags")
    if hit is not None:
        return hit
    law = book.rule(RULE_1373)
    cite = law.citation or law.id
    tail = _tail(law, with_penalty=False)
    risk = _join(
        f"At risk under {cite}: this clause limits sharing of citizenship or "
        "immigration-status information, which these sections say local law may not "
        "restrict, and the draft has no savings clause. Courts read them narrowly (release "
        "dates and addresses are not status information) and several have held section 1373 "
        "unconstitutional, but the federal government cites them to withhold grants and to "
        "sue.", _sentence(f"Penalty: {law.penalties}") if _meaningful(law.penalties) else "",
        tail)
    ok = _join(
        f"Allowed under {cite}: this clause touches immigration-status information, but the "
        "ordinance's savings section protects the communications these sections cover "
        "(sending, receiving, maintaining or exchanging citizenship or immigration-status "
        "information).", _tail(law, with_penalty=False, with_litigation=False))
    geo = book.rule(RULE_GEO)
    gcite = geo.citation or geo.id
    geo_msg = _join(
        f"At risk under {gcite}: this clause reaches private detention contractors, and "
        "rules that regulate the federal government's contractors have been struck down "
        "under intergovernmental immunity. Ending the jurisdiction's own contracts and "
        "barring the use of its own land and facilities is on much firmer ground.",
        _tail(geo, with_penalty=False))
    out = {
        "1373_risk": _base(law, "", "at_risk", risk,
                           _short(law, "limits status information; no savings clause"),
                           "federal",
                           "Turn the savings clause on (export: savings_clause: true) so the "
                           "ordinance keeps 1373/1644 communications lawful, or choose an "
                           "option that carves immigration-status information out."),
        "1373_ok": _base(law, "", "allowed", ok,
                         _short(law, "savings section protects 1373/1644 communications"),
                         "federal"),
        "geo": _base(geo, "", "at_risk", geo_msg,
                     _short(geo, "reaches private detention contractors"), "federal",
                     "Limit the clause to the jurisdiction's own contracts, land and "
                     "facilities (an option that does not reach private contractors)."),
    }
    book.memo["flags"] = out
    return out


# --- public API ----------------------------------------------------------------------------


def clause_verdict(clause: Clause, state_code: str, lawbook: LawBook,
                   today: dt.date | None = None, *, savings_clause: bool = True
                   ) -> list[Finding]:
    """State and federal findings for one clause in one state, worst first.

    Draft-independent (no fit or conflict findings); `savings_clause` is the draft's
    export setting and defaults to on, as new drafts have it. Cheap: the state part is
    memoised per (state, protection, day) on the law book.
    """
    day = today or dt.date.today()
    pid = clause.protection
    bases = list(_state_bases(lawbook, state_code.upper(), pid, day))
    if clause.restricts_status_info or (
            pid == "detention_contracts" and clause.reaches_private_contractors):
        flags = _federal_flag_bases(lawbook)
        if clause.restricts_status_info:
            bases.append(flags["1373_ok" if savings_clause else "1373_risk"]._replace(
                protection=pid))
        if pid == "detention_contracts" and clause.reaches_private_contractors:
            bases.append(flags["geo"]._replace(protection=pid))
    findings = [b.bind(clause.id) for b in bases]
    findings.sort(key=lambda f: f.rank, reverse=True)
    return findings


def protection_verdict(protection: str, state_code: str, lawbook: LawBook,
                       today: dt.date | None = None) -> str:
    """The decisive state/federal verdict for a protection in a state (GUI summary)."""
    day = today or dt.date.today()
    bases = _state_bases(lawbook, state_code.upper(), protection, day)
    return max(bases, key=lambda b: VERDICT_SEVERITY[b.verdict]).verdict


def _alternative(lib: Library, clause: Clause, draft: Draft) -> Clause | None:
    """Another option of the same protection that fits the draft's kind and agencies."""
    j = draft.jurisdiction
    fits = [c for c in lib.options(clause.protection)
            if c.id != clause.id and (not c.kinds or j.kind in c.kinds)
            and all(j.agency(a) for a in c.agencies)]
    if not fits:
        return None
    return min(fits, key=lambda c: (abs(c.strength_rank - clause.strength_rank),
                                    c.strength_rank))


def _fit_findings(clause: Clause, draft: Draft, lib: Library) -> list[Finding]:
    j = draft.jurisdiction
    out = []
    alt = _alternative(lib, clause, draft)
    alt_text = (f"choose '{alt.id}' ({alt.strength}), which fits" if alt else
                "remove the clause")
    if clause.kinds and j.kind not in clause.kinds:
        words = [KIND_WORDS[k].lower() for k in clause.kinds]
        kinds = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
        msg = (f"At risk: this option is written for {kinds} ordinances, and "
               f"{j.display_name} is a {KIND_WORDS[j.kind].lower()}.")
        if "jail" in clause.agencies and j.kind in ("city", "town"):
            msg += (" A city or town ordinance cannot direct a county sheriff or the county "
                    "jail; the sheriff answers to the county and the state.")
            summary = f"a {KIND_WORDS[j.kind].lower()} cannot direct a county sheriff's jail"
        else:
            msg += " Its text may direct officers or bodies the jurisdiction does not control."
            summary = f"written for {kinds} ordinances, not a {KIND_WORDS[j.kind].lower()}"
        out.append(Finding(clause.id, clause.protection, "at_risk", "fit.kind", [], msg,
                           summary=summary, fix=f"Check the jurisdiction kind, or {alt_text}.",
                           source="fit"))
    for a in clause.agencies:
        if not j.agency(a):
            label = AGENCY_LABELS.get(a, a).lower()
            msg = (f"At risk: this clause directs the {label}, but the draft names no "
                   f"{label} for {j.display_name}, so the text cannot be filled in and may "
                   "direct an agency the jurisdiction does not run.")
            fix = (f"If {j.display_name} runs one, name it in the draft (jurisdiction, "
                   f"agencies, {a}); otherwise {alt_text}.")
            out.append(Finding(clause.id, clause.protection, "at_risk", "fit.agency", [],
                               msg, summary=f"directs a {label} the draft does not name",
                               fix=fix,
                               source="fit"))
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
            msg = (f"At risk: {len(group)} options of {_label(pid)} are chosen together "
                   f"('{c.id}' and {others}). An ordinance adopts one option per protection; "
                   "their texts overlap and may contradict each other.")
            out.append(Finding(c.id, pid, "at_risk", "conflict.same_protection", [], msg,
                               summary=f"another option of {_label(pid)} is also chosen",
                               fix=f"Keep one option of {_label(pid)} and remove the others.",
                               source="conflict"))
    ids = {c.id: c for c in chosen}
    pairs: list[tuple[str, str]] = []
    for c in chosen:
        for o in c.conflicts_with:
            if o in ids and o != c.id and (c.id, o) not in pairs and (o, c.id) not in pairs:
                pairs.append((c.id, o))
    for a, b in pairs:
        for me, other in ((a, b), (b, a)):
            msg = (f"At risk: '{me}' conflicts with '{other}', which is also chosen; the "
                   "clause library marks them as contradicting each other.")
            out.append(Finding(me, ids[me].protection, "at_risk", "conflict.clause", [], msg,
                               summary=f"contradicts '{other}', also chosen",
                               fix=f"Keep either '{a}' or '{b}', not both.",
                               source="conflict"))
    return out


def ilrc_scores(chosen: list[Clause], decisive: dict[str, str], state: StateLaw,
                day: dt.date) -> tuple[int, int]:
    """ILRC-style 0-7 county scale (`clause-options.md` Part C), one point per factor.

    * Local: a factor counts when the draft chooses a clause of that factor's protection
      whose decisive verdict is not `blocked` and whose strength is not `limited`. ILRC
      gives a point for a *limiting* policy (for detainers: refusing holds); whether it gives
      full credit for carve-out policies is unverified, so the carve-out-heavy `limited`
      options (e.g. holds for serious felonies) earn no point: the score does not claim
      credit ILRC may not give.
    * With state law: the local factors plus every factor whose protection the state
      already protects by a law in force on `day` (`already_protects`; `partially_protects`
      is not enough).
    Both are between 0 and 7.
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
        if factor is None:
            continue
        if any(law.in_force_on(day) and law.effect(pid) == "already_protects"
               for law in state.laws):
            with_state.add(pid)
    return len(local), len(with_state)


def check_draft(draft: Draft, library: Library, lawbook: LawBook,
                today: dt.date | None = None) -> Report:
    """Check every chosen clause of a draft; see the module docstring for the rules."""
    day = today or dt.date.today()
    code = draft.jurisdiction.state
    st = lawbook.state(code)
    chosen: list[Clause] = []
    for cc in draft.clauses:
        chosen.append(library.clause(cc.id))
    conflicts = _conflict_findings(chosen)
    findings: list[Finding] = []
    decisive: dict[str, str] = {}
    for c in chosen:
        mine = clause_verdict(c, st.code, lawbook, day,
                              savings_clause=draft.export.savings_clause)
        mine += _fit_findings(c, draft, library)
        mine += [f for f in conflicts if f.clause == c.id]
        mine.sort(key=lambda f: f.rank, reverse=True)  # stable: decisive first
        findings.extend(mine)
        decisive[c.id] = mine[0].verdict
    local, with_state = ilrc_scores(chosen, decisive, st, day)
    return Report(st.code, draft.jurisdiction.display_name, findings, local, with_state,
                  st.name, st.posture, day, [c.id for c in chosen])


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "clause": f.clause,
        "protection": f.protection,
        "verdict": f.verdict,
        "rule": f.rule,
        "citations": list(f.citations),
        "message": f.message,
        "summary": f.summary,
        # extras (harmless, documented): machine-readable facts behind the message
        "source": f.source,
        "effective": f.effective.isoformat() if f.effective else None,
        "status": f.status,
        "penalty": f.penalty,
        "confidence": f.confidence,
        "fix": f.fix,
    }


def report_json(report: Report) -> dict[str, Any]:
    """The `drafter check --json` object of the design contract."""
    return {
        "state": report.state,
        "jurisdiction": report.jurisdiction,
        "findings": [finding_json(f) for f in report.findings],
        "score": {"local": report.score_local, "with_state_law": report.score_with_state},
    }


def states_json(book: LawBook) -> list[dict[str, Any]]:
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


__all__ = [
    "FEDERAL_RULES", "Finding", "Report", "check_draft", "clause_verdict", "finding_json",
    "ilrc_scores", "protection_verdict", "report_json", "states_json",
]
