"""The engine's English: every sentence a finding shows. The verdict rules in `engine`
decide with fields (effect, coverage, status, acts); this module only words them.

A message reads: the verdict, then the consequence (penalty, who can sue or remove), then
what to do, then the research (dates, the provision's note, confidence, review date).
Research notes meant for maintainers ("verify", "seed", "added in conversion") stay out of
messages; `--json` carries them in `notes`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from drafter.check.acts import acts_phrase
from drafter.check.laws import Law, StateLaw
from drafter.vocab import KIND_WORDS, PROTECTIONS

_INTERNAL = re.compile(
    r"\s*\([^()]*\b(?:verify|seed|added in conversion|background knowledge)\b[^()]*\)",
    re.IGNORECASE)
_INTERNAL_TAIL = re.compile(r"\s+[-\u2013\u2014]\s+[^;()]*?\bverify\b[^;()]*", re.IGNORECASE)
_MARKER = re.compile(r"\b(?:verify|added in conversion|background knowledge|seed)\b",
                     re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def place(st: StateLaw) -> str:
    """The state's name as it reads after "in": "the District of Columbia"."""
    return f"the {st.name}" if st.name.startswith("District") else st.name


@lru_cache(maxsize=8192)
def public(text: str) -> str:
    """Text without maintainers' notes: parentheticals and sentences that say 'verify'.
    Cached: the same law texts are worded for every option in every state."""
    text = " ".join(str(text).split())
    if not _MARKER.search(text):
        return text
    text = _INTERNAL_TAIL.sub("", _INTERNAL.sub("", text))
    return " ".join(p for p in _SENTENCE_END.split(text) if not _MARKER.search(p)).strip()


@lru_cache(maxsize=1024)
def fmt_date(d: dt.date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def sentence(text: str) -> str:
    text = " ".join(str(text).split())
    if text and not text.endswith((".", "!", "?", ".)", '."', ".'")):
        text += "."
    return text


def join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def meaningful(text: str | None) -> bool:
    t = (text or "").strip().lower().rstrip(".")
    return bool(t) and t not in ("none", "none found", "none known", "n/a", "not stated",
                                 "unknown", "null") and not t.startswith("n/a")


def protection_label(pid: str) -> str:
    return PROTECTIONS[pid][0].lower() if pid in PROTECTIONS else pid


def law_title(law: Law, cite: str = "") -> str:
    citation = public(cite or law.citation)
    if law.name and citation:
        return f"{public(law.name)} ({citation})"
    return public(law.name) or citation or law.id


def consequence(law: Law, with_litigation: bool = True) -> str:
    bits = []
    if meaningful(law.penalties) and public(law.penalties):
        bits.append(sentence(f"Penalty: {public(law.penalties)}"))
    if with_litigation and meaningful(law.litigation) and public(law.litigation):
        bits.append(sentence(f"Litigation: {public(law.litigation)}"))
    return " ".join(bits)


def litigation(law: Law) -> str:
    if meaningful(law.litigation) and public(law.litigation):
        return sentence(f"Litigation: {public(law.litigation)}")
    return ""


def research(law: Law, note: str = "", *, in_force: bool = False) -> str:
    bits = []
    if in_force:
        if law.effective is not None:
            text = f"In force since {fmt_date(law.effective)}"
        else:
            text = "In force; effective date unknown"
        if law.effective_note and public(law.effective_note):
            text += f" ({public(law.effective_note).rstrip('.')})"
        bits.append(text + ".")
    if note and public(note):
        bits.append(sentence(public(note)))
    if law.confidence != "high":
        bits.append(f"Unverified: this rule is marked {law.confidence} confidence in "
                    "Drafter's law data; check the official code and current case law "
                    "before relying on it.")
    if law.last_reviewed:
        bits.append(f"(Law data reviewed {law.last_reviewed.isoformat()}.)")
    return " ".join(bits)


def short(law: Law, text: str) -> str:
    return text + ("" if law.confidence == "high" else " (unverified)")


# What a provision does to the acts a clause restricts, completing "... it {phrase}".
EFFECT_PHRASE = {
    "requires": "requires local officers to do what this clause forbids",
    "blocks": "forbids a local policy that restricts",
    "restricts": "uses broad language (such as \"materially limits\") that probably reaches "
                 "a local limit on",
    "uncertain": "may reach a local limit on",
}
EFFECT_SHORT = {
    "requires": "state law requires what this clause forbids",
    "blocks": "state law forbids restricting",
    "restricts": "broad state-law language probably reaches",
    "uncertain": "state law may reach",
}
ADVERSE_VERDICT_WORD = {"blocked": "Blocked", "at_risk": "At risk"}


def adverse_head(law: Law, verdict: str, effect: str, acts: frozenset[str], cite: str,
                 where: str, *, status: str, effective: dt.date | None, day: dt.date) -> str:
    what = law_title(law, cite)
    doing = acts_phrase(acts)
    if status == "enjoined":
        return (f"At risk: {what} {EFFECT_PHRASE[effect]} {doing}, but a court has "
                "preliminarily enjoined it, so it cannot be enforced for now; the "
                "injunction may be lifted on appeal, and the clause would then be exposed.")
    if effective is not None and effective > day:
        later = (", so the clause will be blocked from that date"
                 if effect in ("requires", "blocks") else "")
        return (f"At risk: {what} takes effect on {fmt_date(effective)}; from then on it "
                f"{EFFECT_PHRASE[effect]} {doing}{later}.")
    if effect == "requires":
        return f"Blocked: {what} {EFFECT_PHRASE[effect]} ({doing}) in {where}."
    word = ADVERSE_VERDICT_WORD[verdict]
    return f"{word}: {what} {EFFECT_PHRASE[effect]} {doing} in {where}."


def adverse_summary(law: Law, effect: str, acts: frozenset[str], *, status: str,
                    effective: dt.date | None, day: dt.date) -> str:
    base = f"{EFFECT_SHORT[effect]}: {acts_phrase(acts)}"
    if effect == "requires":
        base = EFFECT_SHORT[effect]
    if status == "enjoined":
        return short(law, f"preliminarily enjoined; {base}")
    if effective is not None and effective > day:
        return short(law, f"takes effect {effective.isoformat()}; {base}")
    return short(law, base)


FIX_BLOCKED = "Leave this clause out, or ask counsel whether a non-binding resolution fits."
FIX_AT_RISK = ("Consider a narrower option, add \"to the extent permitted by state law\", "
               "and have counsel review.")
FIX_UNCERTAIN = ("The law's reach here could not be determined from the sources reviewed; it "
                 "needs review by counsel before the clause is adopted.")
FIX_ENJOINED = ("Adopt the clause with the severability section and watch the case; if the "
                "injunction is lifted the clause will be exposed.")


def fix_future(effective: dt.date) -> str:
    return (f"Plan for {fmt_date(effective)}: choose an option the law will allow, or tie "
            "the clause's end to that date.")


def alternative_fix(title: str, clause_id: str, strength: str, state: str) -> str:
    return (f"Choose \"{title}\" ({clause_id}, {strength}), which {state} law allows for "
            "this protection.")


def protective_head(law: Law, coverage: str, acts: frozenset[str], cite: str, where: str,
                    *, status: str, effective: dt.date | None, day: dt.date) -> str:
    what = law_title(law, cite)
    doing = acts_phrase(acts)
    if status == "enjoined":
        return (f"Allowed: {what} restricts {doing}, but a court has enjoined it; while the "
                "injunction lasts the protection is not state law, so the local clause does "
                "the work.")
    if effective is not None and effective > day:
        return (f"Allowed: {what} takes effect on {fmt_date(effective)}; from then on it "
                f"restricts {doing} in {where}.")
    if coverage == "full":
        return (f"Already state law: {what} already restricts {doing} for this "
                "jurisdiction's officers; the local clause restates it and can go further.")
    return (f"Partly state law: {what} restricts {doing} for some of this jurisdiction's "
            "officers or in part; the local clause adds the rest.")


def protective_summary(law: Law, coverage: str, *, status: str,
                       effective: dt.date | None, day: dt.date) -> str:
    if status == "enjoined":
        return short(law, "enjoined; the state protection is suspended")
    if effective is not None and effective > day:
        return short(law, f"becomes state law on {effective.isoformat()}")
    if coverage == "full":
        return short(law, "state law already requires this protection")
    return short(law, "state law covers part of this; add the rest locally")


def reach_head(law: Law, acts: frozenset[str], cite: str) -> str:
    whom = ", ".join(sorted(b.replace("_", " ") for b in law.binds)) or "others"
    return (f"Allowed, and needed in full: {law_title(law, cite)} restricts "
            f"{acts_phrase(acts)} only for {whom}, not for this jurisdiction's officers; "
            "the local clause does that work.")


def reach_summary(law: Law) -> str:
    return short(law, "state law covers other agencies only; the clause is needed")


def maybe_head(law: Law, acts: frozenset[str], cite: str) -> str:
    return (f"Allowed: {law_title(law, cite)} is a protective law that may also cover "
            f"{acts_phrase(acts)}; its reach could not be confirmed, so the local clause "
            "should say it in full.")


def informs_head(law: Law, cite: str, where: str) -> str:
    return f"Allowed under {where} law: {law_title(law, cite)}."


def pending_head(law: Law, effect: str, acts: frozenset[str], cite: str) -> str:
    if effect in EFFECT_PHRASE:
        would = f"would mean it {EFFECT_PHRASE[effect]} {acts_phrase(acts)}"
    else:
        would = f"would restrict {acts_phrase(acts)} statewide"
    return (f"Pending, not yet law (does not decide this verdict): {law_title(law, cite)}; "
            f"enactment {would}.")


def struck_head(law: Law, acts: frozenset[str], cite: str) -> str:
    return (f"Not applied: {law_title(law, cite)} would reach {acts_phrase(acts)}, but it "
            "has been struck down or permanently enjoined.")


FIX_PENDING = ("Watch the bill; keep the severability section and be ready to amend the "
               "clause if it passes.")


def no_law_head(st: StateLaw, acts: frozenset[str]) -> str:
    """About what the option restricts, not its whole protection: a state can require
    release notification and still say nothing about an option that only adds notice to
    the person."""
    posture = st.posture.replace("_", " ")
    if not acts:
        return (f"Allowed: this option restricts no practice that {st.name} law, as far as "
                f"found, limits or requires (state posture: {posture}).")
    return (f"Allowed: no {st.name} law found that limits or requires "
            f"{acts_phrase(acts)}, which this option restricts (state posture: {posture}).")


def no_law_research(st: StateLaw, others: list[str], repealed: list[str], own_note: str,
                    fed_note: dict[str, str] | None, conf: str,
                    reviewed: dt.date | None) -> str:
    bits = []
    if others:
        bits.append(f"The {st.name} laws in Drafter's data ({', '.join(others)}) do not "
                    "address what this option does.")
    bits += [f"{r} once addressed it but has been repealed or struck down."
             for r in repealed]
    if own_note and public(own_note):
        bits.append(sentence(public(own_note)))
    if fed_note and fed_note.get("note"):
        risk = f" (risk: {fed_note['risk']})" if fed_note.get("risk") else ""
        bits.append(sentence(f"Federal law still applies{risk}: {public(fed_note['note'])}"))
    else:
        bits.append("Federal law still applies.")
    if conf != "high":
        bits.append(f"Unverified: the finding that no {st.name} law applies is {conf} "
                    "confidence (the absence of a statute is hard to prove); check the "
                    "state code.")
    if reviewed:
        bits.append(f"(Law data reviewed {reviewed.isoformat()}.)")
    return " ".join(bits)


def no_law_summary(st: StateLaw, others: bool, conf: str) -> str:
    text = f"no {st.name} law addresses this" if others else f"no {st.name} law found"
    return text + ("" if conf == "high" else " (unverified)")


# --- federal rules applied through what the option does --------------------------------

def fed_1373_risk(cite: str) -> str:
    return (f"At risk under {cite}: this clause limits sharing or keeping citizenship or "
            "immigration-status information, which these sections say local law may not "
            "restrict, and the draft has no savings clause. Courts read them narrowly "
            "(release dates and addresses are not status information) and several have held "
            "section 1373 unconstitutional, but the federal government cites them to "
            "withhold grants and to sue.")


FIX_1373 = ("Turn the savings section on (export: savings_clause: true): it preserves "
            "exactly the status communications these sections protect, and the clause's "
            "limits on other personal data keep their force.")


def fed_1373_ok(cite: str) -> str:
    return (f"Allowed under {cite}: this clause touches immigration-status information, but "
            "the ordinance's savings section protects exactly the communications these "
            "sections cover (sending, receiving, maintaining or exchanging citizenship or "
            "immigration-status information); its limits on other personal data keep their "
            "force.")


def fed_geo(cite: str) -> str:
    return (f"At risk under {cite}: this clause reaches private detention contractors, and "
            "rules that regulate the federal government's contractors have been struck down "
            "under intergovernmental immunity. Ending the jurisdiction's own contracts and "
            "barring the use of its own land and facilities is on much firmer ground.")


def fed_immunity(cite: str) -> str:
    return (f"At risk under intergovernmental immunity ({cite}): this clause binds federal "
            "officers themselves (their face coverings, identification or use of local "
            "property). A state or local rule may not directly regulate federal officers in "
            "their federal work, nor single them out; in 2026 courts enjoined California's mask "
            "and identification laws as applied to federal officers, and the United States "
            "sued Illinois over its 2025 law. A local officer may not arrest a federal officer "
            "acting within federal duties.")


FIX_IMMUNITY = ("Choose an option that binds only the jurisdiction's own officers, employees, "
                "property and contractors, or adopt the federal part as a request.")


# --- fit ---------------------------------------------------------------------------------

def kinds_words(kinds: list[str]) -> str:
    words = [KIND_WORDS.get(k, k).lower() for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def no_such_kind(refusal: str) -> tuple[str, str, str]:
    why = refusal.split(";")[0]
    return (f"Blocked: {why}, so there is no such body to adopt this ordinance or officers "
            "for it to direct.", why,
            "Draft for a kind of government that exists there (drafter new --kind city), "
            "or leave this out.")


def state_jails(st: StateLaw) -> tuple[str, str, str]:
    return (f"At risk: in {place(st)} the jails are run by the state, not by counties or "
            "cities, so a local ordinance cannot direct them; it binds only the "
            "jurisdiction's own police lockups.",
            "the state runs the jails; a local ordinance cannot direct them",
            "Adopt this as a resolution asking the state corrections department to follow "
            "it, or leave it out; keep it only for the police department's own lockups.")


def supervision(st: StateLaw, employer: str) -> tuple[str, str, str]:
    who = {"state": "a state agency", "court": "the courts",
           "federal": "a federal agency (the Court Services and Offender Supervision "
                      "Agency)"}.get(employer, employer)
    return (f"At risk: in {place(st)} adult probation and pretrial officers work for {who}, "
            "not for this jurisdiction, so an ordinance cannot direct them.",
            f"probation officers work for {who}",
            "Ask for a memorandum of understanding or a written policy from the supervising "
            "agency or chief judge (a resolution requesting it), or leave the clause out.")


def sheriff_no(st: StateLaw) -> tuple[str, str, str]:
    return (f"At risk: in {place(st)} the county board cannot direct the sheriff's jail "
            "operations by ordinance; the sheriff is an independent officer.",
            "the county board cannot direct the sheriff",
            "Pair the ordinance with a matching sheriff's policy or a memorandum of "
            "understanding with the sheriff, or adopt it as a resolution.")


def sheriff_partly(st: StateLaw, jails: str = "county") -> tuple[str, str, str]:
    if jails == "prison_board":
        return (f"Allowed, with a caution: in {place(st)} the county jail is governed by a "
                "prison board (judges, the district attorney, the sheriff, the controller and "
                "the commissioners), of which the county's governing body is only part.",
                "confirm the prison board is bound by the ordinance",
                "Confirm with counsel, and ask the prison board to adopt a matching policy.")
    return (f"Allowed, with a caution: in {place(st)} the sheriff is an elected officer and "
            "the county board's power to direct jail operations is limited (it controls the "
            "budget and county property).",
            "confirm the board can direct the sheriff's jail",
            "Confirm with counsel, and ask the sheriff to adopt a matching policy.")


def court_security(st: StateLaw, who: str) -> tuple[str, str, str]:
    whom = {"state": "state officers", "court": "the courts' own officers",
            "federal": "federal marshals"}.get(who, who)
    return (f"Allowed, with a caution: court security in {place(st)} is provided by {whom}; "
            "this clause binds only the jurisdiction's own staff and contractors.",
            f"court security is provided by {whom}",
            "Pair it with a request to the chief judge for a court rule "
            "(courthouse.no_local_assistance_request_rule).")


def wrong_kind(clause_kinds: list[str], name: str, kind: str, jail_city: bool
               ) -> tuple[str, str]:
    kinds = kinds_words(clause_kinds)
    k = KIND_WORDS.get(kind, kind).lower()
    msg = f"At risk: this option is written for {kinds} ordinances, and {name} is a {k}."
    if jail_city:
        return (msg + " A city or town ordinance cannot direct a county sheriff or the "
                "county jail; the sheriff answers to the county and the state.",
                f"a {k} cannot direct a county sheriff's jail")
    return (msg + " Its text may direct officers or bodies the jurisdiction does not control.",
            f"written for {kinds} ordinances, not a {k}")


def missing_agency(label: str, name: str) -> tuple[str, str]:
    return (f"At risk: this clause directs the {label}, but the draft names no {label} for "
            f"{name}, so the text cannot be filled in and may direct an agency the "
            "jurisdiction does not run.", f"directs a {label} the draft does not name")


def same_protection(n: int, pid: str, me: str, others: str) -> tuple[str, str, str]:
    label = protection_label(pid)
    return (f"At risk: {n} options of {label} are chosen together ('{me}' and {others}). An "
            "ordinance adopts one option per protection; their texts overlap and may "
            "contradict each other.", f"another option of {label} is also chosen",
            f"Keep one option of {label} and remove the others.")


def clause_conflict(me: str, other: str) -> str:
    return (f"At risk: '{me}' conflicts with '{other}', which is also chosen; the clause "
            "library marks them as contradicting each other.")
