"""The clause library: protections, their options (clauses), defined terms and findings.

Every `*.yaml` under a library folder is read; a file may carry a protection with its
options, `definitions:`, `findings:`, or all three, so a clause pack from another
organisation is one self-contained file. All problems across all files are collected and
raised together, each with file, line and a hint.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import DataErrors, DrafterError, Problem, did_you_mean
from drafter.vocab import ACTS, AGENCIES, KINDS, PROTECTION_ACTS, PROTECTIONS, STRENGTHS

if TYPE_CHECKING:  # the reader is imported when a library is read, not with the model
    from drafter.load.yamlio import Checker, Located

CLAUSE_KEYS = (
    "id", "strength", "title", "summary", "text", "heading", "terms", "findings",
    "modeled_on", "kinds", "agencies", "restricts_status_info",
    "reaches_private_contractors", "notes", "conflicts_with", "acts",
)
CLAUSE_REQUIRED = ("id", "strength", "title", "summary", "text", "kinds")
EXAMPLE_KEYS = ("jurisdiction", "year", "instrument", "citation")
FILE_KEYS = ("protection", "title", "question", "options", "definitions", "findings")
MAX_LIBRARY_FILE = 16 * 1024 * 1024


@dataclass(frozen=True)
class Example:
    """An enacted policy a clause is modeled on."""

    jurisdiction: str
    year: int | None
    instrument: str
    citation: str

    def label(self) -> str:
        bits = [self.jurisdiction]
        if self.year:
            bits.append(str(self.year))
        if self.instrument:
            bits.append(self.instrument)
        text = ", ".join(bits)
        return f"{text} ({self.citation})" if self.citation else text


@dataclass
class Clause:
    id: str
    protection: str
    strength: str
    title: str
    summary: str
    text: str
    heading: str
    terms: list[str]
    findings: list[str]
    modeled_on: list[Example]
    kinds: list[str]
    agencies: list[str]
    restricts_status_info: bool
    reaches_private_contractors: bool
    notes: str
    conflicts_with: list[str]
    source: str = ""
    line: int | None = None
    # What the option restricts (vocab.ACTS); None when the file does not say, and then
    # the acts of its protection.
    acts: tuple[str, ...] | None = None

    @property
    def strength_rank(self) -> int:
        return STRENGTHS.index(self.strength)

    @property
    def restricted_acts(self) -> frozenset[str]:
        if self.acts is None:
            return PROTECTION_ACTS.get(self.protection, frozenset())
        return frozenset(self.acts)

    def search_blob(self) -> str:
        """Lower-cased text a search box matches against (title, summary, text, citations)."""
        parts = [self.id, self.title, self.summary, self.text, self.heading, self.notes]
        for ex in self.modeled_on:
            parts += [ex.jurisdiction, ex.instrument, ex.citation]
        return "\n".join(parts).lower()


@dataclass
class Term:
    id: str
    term: str
    definition: str
    modeled_on: list[str]
    source: str = ""
    line: int | None = None


@dataclass
class Finding:
    id: str
    text: str
    authority: str
    general: bool
    source: str = ""
    line: int | None = None
    # acts which, when state law requires them of the locality, make this recital untrue
    # there ("compliance is voluntary" in a state that mandates it): it is then left out
    untrue_if_required: tuple[str, ...] = ()


@dataclass
class Protection:
    id: str
    title: str
    question: str
    ilrc_factor: int | None
    clauses: list[Clause] = field(default_factory=list)


@dataclass
class Library:
    protections: dict[str, Protection]
    clauses: dict[str, Clause]
    terms: dict[str, Term]
    findings: dict[str, Finding]
    folders: list[Path] = field(default_factory=list)

    def clause(self, clause_id: str) -> Clause:
        try:
            return self.clauses[clause_id]
        except KeyError:
            raise DrafterError(f"unknown clause id '{clause_id}'"
                               f"{did_you_mean(clause_id, self.clauses)}") from None

    def options(self, protection: str) -> list[Clause]:
        p = self.protections.get(protection)
        return list(p.clauses) if p else []

    def pick(self, protection: str, strength: str) -> Clause | None:
        """The option of `strength` for a protection, else the nearest strength available
        (ties go to the stronger option: users asking for "moderate" would rather see more
        protection than less)."""
        opts = self.options(protection)
        if not opts:
            return None
        return nearest_option(opts, strength)


def nearest_option(options: Iterable[Clause], strength: str | int) -> Clause | None:
    """The option of `strength` (a name or a rank), else the nearest strength; ties go to
    the stronger option (someone asking for "moderate" would rather see more protection).
    The one rule `drafter new`, the check's advice and the app use."""
    want = STRENGTHS.index(strength) if isinstance(strength, str) else strength
    opts = list(options)
    if not opts:
        return None
    return min(opts, key=lambda c: (abs(c.strength_rank - want), c.strength_rank))


def default_library_dirs() -> list[Path]:
    from drafter.load.resources import data_dir

    return [data_dir("clauses")]


def load_library(folders: Iterable[Path | str] | None = None) -> Library:
    """Read every YAML file in the folders (recursively) into one validated Library."""
    dirs = [Path(f) for f in folders] if folders is not None else default_library_dirs()
    from drafter.load.yamlio import load_yaml

    problems: list[Problem] = []
    lib = Library({}, {}, {}, {}, dirs)
    for pid, (label, factor) in PROTECTIONS.items():
        lib.protections[pid] = Protection(pid, label, "", factor)
    for d in dirs:
        if d.is_dir():
            files = sorted(p for p in d.rglob("*.yaml") if not p.is_dir())
        elif d.exists():
            files = [d]  # a single pack file; the reader refuses anything but a regular file
        else:
            problems.append(Problem("clause library folder not found", str(d)))
            continue
        for f in files:
            try:
                doc = load_yaml(f, MAX_LIBRARY_FILE)
            except DrafterError as exc:
                problems.extend(exc.problems)
                continue
            problems.extend(_read_file(doc, lib).problems)
    problems.extend(_cross_check(lib))
    if problems:
        raise DataErrors(problems)
    for p in lib.protections.values():
        p.clauses.sort(key=lambda c: c.strength_rank)
    return lib


def _read_file(doc: Located, lib: Library) -> Checker:
    from drafter.load.yamlio import Checker

    chk = Checker(doc)
    data = doc.data
    if data is None:
        return chk
    top = chk.mapping(data, (), "a clause library file")
    chk.keys(top, (), FILE_KEYS, what="a clause library file")
    pid = top.get("protection")
    if pid is not None:
        pid = chk.choice(pid, ("protection",), PROTECTIONS, "protection id")
    if pid:
        prot = lib.protections[pid]
        if top.get("title"):
            prot.title = chk.text(top["title"], ("title",), "title") or prot.title
        if top.get("question"):
            prot.question = chk.text(top["question"], ("question",), "question") or ""
    elif "options" in top:
        chk.add(("options",), "options need a 'protection:' id at the top of the file")
    options = top.get("options") or []
    if not isinstance(options, list):
        chk.add(("options",), "options must be a list")
        options = []
    for i, raw in enumerate(options):
        clause = _read_clause(chk, raw, ("options", i), pid or "", doc.file)
        if clause is None:
            continue
        if clause.id in lib.clauses:
            other = lib.clauses[clause.id]
            chk.add(("options", i, "id"), f"duplicate clause id '{clause.id}' "
                    f"(also in {other.source}:{other.line})")
            continue
        lib.clauses[clause.id] = clause
        if pid:
            lib.protections[pid].clauses.append(clause)
    for tid, raw in _entries(chk, top, "definitions"):
        path = ("definitions", tid)
        m = chk.mapping(raw, path, f"definition '{tid}'")
        chk.keys(m, path, ("term", "definition", "modeled_on"), ("term", "definition"),
                 f"definition '{tid}'")
        term = Term(tid, chk.text(m.get("term"), (*path, "term"), "term") or tid,
                    chk.text(m.get("definition"), (*path, "definition"), "definition") or "",
                    chk.str_list(m.get("modeled_on"), (*path, "modeled_on"), "modeled_on"),
                    doc.file, doc.line(path))
        if tid in lib.terms:
            chk.add(path, f"duplicate definition id '{tid}' (also in {lib.terms[tid].source})")
        else:
            lib.terms[tid] = term
    for fid, raw in _entries(chk, top, "findings"):
        path = ("findings", fid)
        m = chk.mapping(raw, path, f"finding '{fid}'")
        chk.keys(m, path, ("text", "authority", "general", "untrue_if_required"), ("text",),
                 f"finding '{fid}'")
        general = m.get("general", False)
        untrue = chk.str_list(m.get("untrue_if_required"), (*path, "untrue_if_required"),
                              "untrue_if_required")
        for i, act in enumerate(untrue):
            if act not in ACTS:
                chk.add((*path, "untrue_if_required", i),
                        f"unknown act '{act}'{did_you_mean(act, ACTS)}")
        if not isinstance(general, bool):
            chk.add((*path, "general"), "general must be true or false")
            general = False
        finding = Finding(fid, chk.text(m.get("text"), (*path, "text"), "text") or "",
                          chk.text(m.get("authority"), (*path, "authority"), "authority",
                                   required=False) or "",
                          general, doc.file, doc.line(path), tuple(untrue))
        if fid in lib.findings:
            chk.add(path, f"duplicate finding id '{fid}' (also in {lib.findings[fid].source})")
        else:
            lib.findings[fid] = finding
    return chk


def _entries(chk: Checker, top: dict[str, Any], key: str) -> list[tuple[str, object]]:
    raw = top.get(key)
    if raw is None:
        return []
    if not isinstance(raw, dict):
        chk.add((key,), f"{key} must be a mapping of ids to entries")
        return []
    return [(str(k), v) for k, v in raw.items()]


def _read_clause(chk: Checker, raw: object, path: tuple[str | int, ...], pid: str,
                 file: str) -> Clause | None:
    if not isinstance(raw, dict):
        chk.add(path, "each option must be a mapping")
        return None
    chk.keys(raw, path, CLAUSE_KEYS, CLAUSE_REQUIRED, "option")
    cid = chk.text(raw.get("id"), (*path, "id"), "id")
    if cid is None:
        return None
    if pid and not cid.startswith(pid + "."):
        chk.add((*path, "id"), f"clause id '{cid}' must start with '{pid}.'")
    strength = chk.choice(raw.get("strength"), (*path, "strength"), STRENGTHS, "strength")
    kinds = []
    for i, k in enumerate(chk.str_list(raw.get("kinds"), (*path, "kinds"), "kinds")):
        if chk.choice(k, (*path, "kinds", i), KINDS, "jurisdiction kind"):
            kinds.append(k)
    agencies = []
    for i, a in enumerate(chk.str_list(raw.get("agencies"), (*path, "agencies"), "agencies")):
        if chk.choice(a, (*path, "agencies", i), AGENCIES, "agency"):
            agencies.append(a)
    examples = []
    mo = raw.get("modeled_on") or []
    if not isinstance(mo, list):
        chk.add((*path, "modeled_on"), "modeled_on must be a list")
        mo = []
    for i, ex in enumerate(mo):
        ep = (*path, "modeled_on", i)
        m = chk.mapping(ex, ep, "an example")
        chk.keys(m, ep, EXAMPLE_KEYS, ("jurisdiction",), "example")
        year = m.get("year")
        if year is not None and not isinstance(year, int):
            chk.add((*ep, "year"), "year must be a number like 2017")
            year = None
        examples.append(Example(
            chk.text(m.get("jurisdiction"), (*ep, "jurisdiction"), "jurisdiction") or "",
            year,
            chk.text(m.get("instrument"), (*ep, "instrument"), "instrument",
                     required=False) or "",
            chk.text(m.get("citation"), (*ep, "citation"), "citation", required=False) or ""))
    flags = {}
    for key in ("restricts_status_info", "reaches_private_contractors"):
        v = raw.get(key, False)
        if not isinstance(v, bool):
            chk.add((*path, key), f"{key} must be true or false")
            v = False
        flags[key] = v
    title = chk.text(raw.get("title"), (*path, "title"), "title") or cid
    acts: tuple[str, ...] | None = None
    if "acts" in raw:
        acts = tuple(a for i, a in enumerate(chk.str_list(raw.get("acts"), (*path, "acts"),
                                                           "acts"))
                     if chk.choice(a, (*path, "acts", i), tuple(ACTS), "act"))
    return Clause(
        id=cid,
        protection=pid,
        strength=strength or "moderate",
        title=title,
        summary=chk.text(raw.get("summary"), (*path, "summary"), "summary") or "",
        text=chk.text(raw.get("text"), (*path, "text"), "text") or "",
        heading=chk.text(raw.get("heading"), (*path, "heading"), "heading",
                         required=False) or title,
        terms=chk.str_list(raw.get("terms"), (*path, "terms"), "terms"),
        findings=chk.str_list(raw.get("findings"), (*path, "findings"), "findings"),
        modeled_on=examples,
        kinds=kinds,
        agencies=agencies,
        restricts_status_info=flags["restricts_status_info"],
        reaches_private_contractors=flags["reaches_private_contractors"],
        notes=chk.text(raw.get("notes"), (*path, "notes"), "notes", required=False) or "",
        conflicts_with=chk.str_list(raw.get("conflicts_with"), (*path, "conflicts_with"),
                                    "conflicts_with"),
        source=file,
        line=chk.doc.line(path),
        acts=acts,
    )


def _cross_check(lib: Library) -> list[Problem]:
    """References between entries: terms, findings and conflicts must exist."""
    out: list[Problem] = []
    for c in lib.clauses.values():
        for t in c.terms:
            if t not in lib.terms:
                out.append(Problem(f"clause '{c.id}' uses unknown term id '{t}'"
                                   f"{did_you_mean(t, lib.terms)}", c.source, c.line))
        for f in c.findings:
            if f not in lib.findings:
                out.append(Problem(f"clause '{c.id}' relies on unknown finding id '{f}'"
                                   f"{did_you_mean(f, lib.findings)}", c.source, c.line))
        for o in c.conflicts_with:
            if o not in lib.clauses:
                out.append(Problem(f"clause '{c.id}' conflicts_with unknown clause id '{o}'"
                                   f"{did_you_mean(o, lib.clauses)}", c.source, c.line))
    return out
