"""State and federal law data (`laws/*.yaml`): loading, validation and completeness.

One file per state and DC named by postal code (`TX.yaml`), plus `federal.yaml`; the schema
is in `docs/formats.md`. Every file is validated with `yamlio.Checker` and every problem in
every file is collected (file, line, "did you mean") before one `DataErrors` is raised, so
whoever maintains the data fixes it in one pass. A loaded `LawBook` is cached per folder and
reloaded when a file in it changes (checked by size and modification time), so the GUI can
ask for it on every keystroke.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import DataErrors, DrafterError, Problem, did_you_mean
from drafter.vocab import PROTECTIONS, STATES
from drafter.yamlio import Checker, Located, load_yaml

EFFECTS = ("blocks", "requires_cooperation", "restricts", "already_protects",
           "partially_protects", "silent", "uncertain")
STATUSES = ("in_force", "enjoined", "repealed", "pending")
POSTURES = ("preempts", "mandates_cooperation", "protective", "mixed", "none")
CONFIDENCES = ("high", "medium", "low")

# Effects grouped by what they mean for a local clause.
ADVERSE_EFFECTS = ("blocks", "requires_cooperation", "restricts", "uncertain")
PROTECTIVE_EFFECTS = ("already_protects", "partially_protects")

FEDERAL_CODE = "US"
FEDERAL_FILE = "federal.yaml"
RULE_1373 = "us-1373-1644"
RULE_GEO = "us-geo-newsom"
# The federal rules every federal.yaml must carry (the engine applies the first two).
FEDERAL_RULES = (RULE_1373, "us-287g", "us-detainer-reg", RULE_GEO)
# Rule ids the engine itself uses for fit and conflict findings; data may not claim them.
RESERVED_PREFIXES = ("fit.", "conflict.")

STATE_KEYS = ("state", "name", "posture", "posture_confidence", "summary", "last_reviewed",
              "open_questions", "laws")
STATE_REQUIRED = ("state", "name", "posture", "posture_confidence", "summary",
                  "last_reviewed")
FEDERAL_EXTRA_KEYS = ("federal_notes", "context")
FEDERAL_NOTE_KEYS = ("risk", "note")
CONTEXT_KEYS = ("action", "effect", "confidence")
LAW_KEYS = ("id", "citation", "name", "year", "effective", "effective_note", "status",
            "effects", "effect_notes", "penalties", "litigation", "sources", "confidence",
            "last_reviewed", "notes")
LAW_REQUIRED = ("id", "citation", "name", "status", "effects", "confidence", "last_reviewed")

MAX_LAW_FILE = 2 * 1024 * 1024
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class Law:
    """One statute, directive, ruling or bill and its effect on each protection."""

    id: str
    state: str                      # postal code, or "US" for federal rules
    citation: str
    name: str
    year: int | None
    effective: dt.date | None
    effective_note: str
    status: str                     # in_force | enjoined | repealed | pending
    effects: dict[str, str]         # protection id -> effect; absent = silent
    effect_notes: dict[str, str]
    penalties: str
    litigation: str
    sources: tuple[str, ...]
    confidence: str                 # high | medium | low
    last_reviewed: dt.date | None
    notes: str
    file: str = ""
    line: int | None = None

    def effect(self, protection: str) -> str:
        return self.effects.get(protection, "silent")

    def in_force_on(self, day: dt.date) -> bool:
        """In force and already effective on `day` (an unknown date counts as effective)."""
        return self.status == "in_force" and (self.effective is None or self.effective <= day)


@dataclass
class StateLaw:
    """Everything known about one state (or, with code "US", federal law)."""

    code: str
    name: str
    posture: str
    posture_confidence: str
    summary: str
    last_reviewed: dt.date | None
    open_questions: list[str]
    laws: list[Law]
    file: str = ""
    # federal.yaml only: "federal_notes" (protection id -> {risk, note}), "context" (list)
    extra: dict[str, Any] = field(default_factory=dict)

    def law(self, law_id: str) -> Law | None:
        for law in self.laws:
            if law.id == law_id:
                return law
        return None


@dataclass
class LawBook:
    """All law files of one folder. `state(code)` is the way in for the engine."""

    folder: Path
    states: dict[str, StateLaw]
    federal: StateLaw
    laws: dict[str, Law]
    missing: list[str] = field(default_factory=list)  # state codes without a file
    # engine memo: (state, protection, day) -> precomputed state/federal findings
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def federal_note(self, protection: str) -> dict[str, str] | None:
        return self.federal.extra.get("federal_notes", {}).get(protection)

    def state(self, code: str) -> StateLaw:
        key = str(code).upper()
        if key in self.states:
            return self.states[key]
        if key not in STATES:
            raise DrafterError(f"unknown state code '{code}'{did_you_mean(key, STATES)}")
        raise DrafterError(f"no law data for state '{key}' ({STATES[key]}); expected the file "
                           f"{self.folder / (key + '.yaml')}")

    def rule(self, rule_id: str) -> Law:
        try:
            return self.laws[rule_id]
        except KeyError:
            raise DrafterError(f"unknown rule id '{rule_id}'"
                               f"{did_you_mean(rule_id, self.laws)}") from None


# --- loading -----------------------------------------------------------------------------

_CACHE: dict[tuple[str, bool], tuple[tuple, LawBook]] = {}
_CACHE_LOCK = threading.Lock()


def default_laws_dir() -> Path:
    from drafter.resources import data_dir

    return data_dir("laws")


def _signature(files: list[Path]) -> tuple:
    sig = []
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        sig.append((f.name, st.st_mtime_ns, st.st_size))
    return tuple(sig)


def load_lawbook(folder: Path | str | None = None, *, complete: bool = True) -> LawBook:
    """Read and validate every law file in `folder` (default: the shipped `laws/`).

    With `complete` (the default) a missing state or DC file is a problem like any other;
    `complete=False` loads what is there (the `check` command only needs the draft's own
    state and reports a missing one by name). Problems in all files are raised together.
    """
    path = Path(folder) if folder is not None else default_laws_dir()
    if not path.is_dir():
        raise DrafterError("law data folder not found", path)
    files = sorted(p for p in path.glob("*.yaml") if p.is_file())
    key = (str(path.resolve()), complete)
    sig = _signature(files)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] == sig:
            return hit[1]
    book = _load(path, files, complete)
    with _CACHE_LOCK:
        _CACHE[key] = (sig, book)
    return book


def clear_cache() -> None:
    with _CACHE_LOCK:
        _CACHE.clear()


def _load(folder: Path, files: list[Path], complete: bool) -> LawBook:
    problems: list[Problem] = []
    states: dict[str, StateLaw] = {}
    federal: StateLaw | None = None
    laws: dict[str, Law] = {}
    for f in files:
        code = FEDERAL_CODE if f.name == FEDERAL_FILE else f.stem
        if code != FEDERAL_CODE and code not in STATES:
            problems.append(Problem(
                f"unexpected law file '{f.name}'; law files are named by postal code like "
                f"TX.yaml, or federal.yaml{did_you_mean(f.stem.upper(), STATES)}", str(f)))
            continue
        try:
            doc = load_yaml(f, MAX_LAW_FILE)
        except DataErrors as exc:
            problems.extend(exc.problems)
            continue
        except DrafterError as exc:
            problems.append(exc.problem)
            continue
        except (ValueError, TypeError, OverflowError) as exc:
            # yamlio lets a scalar that looks like a date but is not one (2026-13-01)
            # escape as ValueError; it is still the data's fault, not a crash.
            problems.append(Problem(f"invalid value ({exc}); dates are written like "
                                    "2026-11-21", str(f)))
            continue
        chk = Checker(doc)
        st = _read_file(chk, doc, code)
        problems.extend(chk.problems)
        if st is None:
            continue
        for law in st.laws:
            if law.id in laws:
                other = laws[law.id]
                problems.append(Problem(f"duplicate law id '{law.id}' (also in "
                                        f"{other.file}:{other.line})", law.file, law.line))
            else:
                laws[law.id] = law
        if code == FEDERAL_CODE:
            federal = st
        else:
            states[code] = st
    missing = [c for c in STATES if c not in states]
    if complete:
        for c in missing:
            problems.append(Problem(f"missing law file for {STATES[c]} ({c}); every state "
                                    f"and DC needs one (posture 'none' when no law is known)",
                                    str(folder / f"{c}.yaml")))
    fed_file = str(folder / FEDERAL_FILE)
    if federal is None:
        if not any(p.file == fed_file for p in problems):
            problems.append(Problem("missing federal.yaml (the federal rules every check "
                                    f"applies: {', '.join(FEDERAL_RULES)})", fed_file))
    else:
        for rid in FEDERAL_RULES:
            if federal.law(rid) is None:
                problems.append(Problem(f"federal rule '{rid}' is missing; federal.yaml must "
                                        f"define {', '.join(FEDERAL_RULES)}", federal.file))
    if problems:
        raise DataErrors(problems)
    assert federal is not None
    return LawBook(folder, states, federal, laws, missing)


def _read_file(chk: Checker, doc: Located, code: str) -> StateLaw | None:
    if doc.data is None:
        chk.add((), "empty law file")
        return None
    top = chk.mapping(doc.data, (), "a law file")
    if not top:
        return None
    is_fed = code == FEDERAL_CODE
    allowed = STATE_KEYS + (FEDERAL_EXTRA_KEYS if is_fed else ())
    chk.keys(top, (), allowed, STATE_REQUIRED, "law file")
    if "laws" not in top:
        chk.add((), "missing required key 'laws' in law file (use 'laws: []' when none)")
    declared = top.get("state")
    if declared is not None and str(declared) != code:
        chk.add(("state",), f"state '{declared}' does not match the file name "
                f"(expected '{code}')")
    name = chk.text(top.get("name"), ("name",), "name", required=False) or ""
    if not is_fed and name and name != STATES[code]:
        chk.add(("name",), f"name '{name}' does not match {code} (expected '{STATES[code]}')")
    posture = top.get("posture")
    if posture is not None:
        posture = chk.choice(posture, ("posture",), POSTURES, "posture")
    pconf = top.get("posture_confidence")
    if pconf is not None:
        pconf = chk.choice(pconf, ("posture_confidence",), CONFIDENCES, "posture_confidence")
    summary = chk.text(top.get("summary"), ("summary",), "summary", required=False) or ""
    reviewed = chk.date(top.get("last_reviewed"), ("last_reviewed",), "last_reviewed")
    questions = chk.str_list(top.get("open_questions"), ("open_questions",), "open_questions")
    raw_laws = top.get("laws")
    if raw_laws is None:
        raw_laws = []
    if not isinstance(raw_laws, list):
        chk.add(("laws",), "laws must be a list")
        raw_laws = []
    laws: list[Law] = []
    seen: dict[str, int | None] = {}
    for i, raw in enumerate(raw_laws):
        law = _read_law(chk, raw, ("laws", i), code)
        if law is None:
            continue
        if law.id in seen:
            chk.add(("laws", i, "id"), f"duplicate law id '{law.id}' (also on line "
                    f"{seen[law.id]})")
            continue
        seen[law.id] = law.line
        laws.append(law)
    extra: dict[str, Any] = {}
    if is_fed:
        extra["federal_notes"] = _federal_notes(chk, top.get("federal_notes"))
        extra["context"] = _context(chk, top.get("context"))
    return StateLaw(code, name or STATES.get(code, "Federal"), posture or "none",
                    pconf or "low", summary, reviewed, questions, laws, doc.file, extra)


def _federal_notes(chk: Checker, raw: Any) -> dict[str, dict[str, str]]:
    """`federal_notes:` protection id -> {risk, note} (federal.yaml only)."""
    out: dict[str, dict[str, str]] = {}
    if raw is None:
        return out
    m = chk.mapping(raw, ("federal_notes",), "federal_notes")
    for pid, entry in m.items():
        p = ("federal_notes", pid)
        if pid not in PROTECTIONS:
            chk.add(p, f"unknown protection id '{pid}' in federal_notes"
                    f"{did_you_mean(str(pid), PROTECTIONS)}")
            continue
        e = chk.mapping(entry, p, f"federal note for '{pid}'")
        chk.keys(e, p, FEDERAL_NOTE_KEYS, ("note",), f"federal note for '{pid}'")
        out[pid] = {k: chk.text(e.get(k), (*p, k), k, required=False) or ""
                    for k in FEDERAL_NOTE_KEYS}
    return out


def _context(chk: Checker, raw: Any) -> list[dict[str, str]]:
    """`context:` a list of {action, effect, confidence} (federal.yaml only)."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        chk.add(("context",), "context must be a list")
        return []
    out = []
    for i, entry in enumerate(raw):
        p = ("context", i)
        e = chk.mapping(entry, p, "a context entry")
        chk.keys(e, p, CONTEXT_KEYS, ("action", "effect"), "context entry")
        if e.get("confidence") is not None:
            chk.choice(e["confidence"], (*p, "confidence"), CONFIDENCES, "confidence")
        out.append({k: chk.text(e.get(k), (*p, k), k, required=False) or ""
                    for k in CONTEXT_KEYS})
    return out


def _protection_map(chk: Checker, raw: Any, path: tuple, what: str,
                    values: tuple[str, ...] | None) -> dict[str, str]:
    """A mapping keyed by protection id; values checked against `values` (or as text)."""
    if raw is None:
        return {}
    m = chk.mapping(raw, path, what)
    out: dict[str, str] = {}
    for pid, val in m.items():
        p = (*path, pid)
        if pid not in PROTECTIONS:
            chk.add(p, f"unknown protection id '{pid}' in {what}"
                    f"{did_you_mean(str(pid), PROTECTIONS)}")
            continue
        if values is not None:
            v = chk.choice(val, p, values, f"effect for '{pid}'")
        else:
            v = chk.text(val, p, f"{what} for '{pid}'")
        if v is not None:
            out[pid] = v
    return out


def _read_law(chk: Checker, raw: Any, path: tuple, code: str) -> Law | None:
    if not isinstance(raw, dict):
        chk.add(path, "each law must be a mapping of keys to values")
        return None
    chk.keys(raw, path, LAW_KEYS, LAW_REQUIRED, "law")
    if "effective" not in raw:
        chk.add(path, "missing required key 'effective' in law (an ISO date, or null when "
                "unknown with the reason in effective_note)")
    lid = chk.text(raw.get("id"), (*path, "id"), "law id", required=False)
    if not lid:
        return None
    if not _ID_RE.match(lid):
        chk.add((*path, "id"), f"law id '{lid}' must be lower-case letters, digits, '-', '.' "
                "or '_' (like tx-sb4-2017)")
    if lid.startswith(RESERVED_PREFIXES):
        chk.add((*path, "id"), f"law id '{lid}' uses a prefix reserved for the engine's own "
                f"rules ({', '.join(RESERVED_PREFIXES)})")
    year = raw.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        chk.add((*path, "year"), f"year must be a number like 2017, not '{year}'")
        year = None
    status = raw.get("status")
    if status is not None:
        status = chk.choice(status, (*path, "status"), STATUSES, "status")
    conf = raw.get("confidence")
    if conf is not None:
        conf = chk.choice(conf, (*path, "confidence"), CONFIDENCES, "confidence")
    effects = _protection_map(chk, raw.get("effects"), (*path, "effects"), "effects", EFFECTS)
    notes = _protection_map(chk, raw.get("effect_notes"), (*path, "effect_notes"),
                            "effect_notes", None)
    sources = raw.get("sources")
    if sources is not None and not isinstance(sources, list):
        chk.add((*path, "sources"), "sources must be a list of addresses or references")
        sources = None
    return Law(
        id=lid,
        state=code,
        citation=chk.text(raw.get("citation"), (*path, "citation"), "citation",
                          required=False) or "",
        name=chk.text(raw.get("name"), (*path, "name"), "name", required=False) or "",
        year=year,
        effective=chk.date(raw.get("effective"), (*path, "effective"), "effective"),
        effective_note=chk.text(raw.get("effective_note"), (*path, "effective_note"),
                                "effective_note", required=False) or "",
        status=status or "in_force",
        effects=effects,
        effect_notes=notes,
        penalties=chk.text(raw.get("penalties"), (*path, "penalties"), "penalties",
                           required=False) or "",
        litigation=chk.text(raw.get("litigation"), (*path, "litigation"), "litigation",
                            required=False) or "",
        sources=tuple(chk.str_list(sources, (*path, "sources"), "sources")),
        confidence=conf or "low",
        last_reviewed=chk.date(raw.get("last_reviewed"), (*path, "last_reviewed"),
                               "last_reviewed"),
        notes=chk.text(raw.get("notes"), (*path, "notes"), "notes", required=False) or "",
        file=chk.doc.file,
        line=chk.doc.line(path),
    )
