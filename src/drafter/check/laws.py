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
from functools import cached_property
from pathlib import Path
from typing import Any

from drafter.errors import DataErrors, DrafterError, Problem, did_you_mean
from drafter.load.yamlio import Checker, Located, load_yaml
from drafter.vocab import (
    ACTS,
    BINDERS,
    BOARD_DIRECTS_SHERIFF,
    COURT_SECURITY,
    JAIL_OPERATORS,
    PROTECTION_ACTS,
    PROTECTIONS,
    REVIEW_ACTS,
    REVIEWED_PROTECTIONS,
    STATES,
    SUPERVISION_EMPLOYERS,
)

# What a provision does to the acts a clause option restricts (docs/formats.md):
# `blocks` (a locality may not restrict them), `requires` (the state mandates them),
# `restricts` (broad language probably reaches a local restriction), `uncertain` (may reach
# it; unclear), `protects` (state law already restricts them) and `protects_partly`.
ADVERSE_EFFECTS = ("blocks", "requires", "restricts", "uncertain")
PROTECTIVE_EFFECTS = ("protects", "protects_partly")
# `informs`: the provision speaks to the acts without restricting either way (a note).
EFFECTS = ADVERSE_EFFECTS + PROTECTIVE_EFFECTS + ("informs",)
# in_force; enjoined = a preliminary injunction (may be lifted); struck = a final judgment
# or a provision held invalid for good; repealed; pending = a bill (however far along).
STATUSES = ("in_force", "enjoined", "struck", "repealed", "pending")
POSTURES = ("preempts", "mandates_cooperation", "protective", "mixed", "none")
CONFIDENCES = ("high", "medium", "low")

FEDERAL_CODE = "US"
FEDERAL_FILE = "federal.yaml"
RULE_1373 = "us-1373-1644"
RULE_GEO = "us-geo-newsom"
# Applied by the engine to options whose acts bind federal officers (federal_agent_conduct);
# optional in federal.yaml so older law folders still load.
RULE_IMMUNITY = "us-intergovernmental-immunity"
# The federal rules every federal.yaml must carry (the engine applies the first two).
FEDERAL_RULES = (RULE_1373, "us-287g", "us-detainer-reg", RULE_GEO)
# Rule ids the engine itself uses for fit and conflict findings; data may not claim them.
RESERVED_PREFIXES = ("fit.", "conflict.")

STATE_KEYS = ("state", "name", "posture", "posture_confidence", "summary", "last_reviewed",
              "open_questions", "institutions", "laws", "protections")
STATE_REQUIRED = ("state", "name", "posture", "posture_confidence", "summary",
                  "last_reviewed")
FEDERAL_EXTRA_KEYS = ("federal_notes", "context", "pressure")
FEDERAL_NOTE_KEYS = ("risk", "note")
CONTEXT_KEYS = ("action", "effect", "confidence")
LAW_KEYS = ("id", "citation", "name", "year", "effective", "effective_note", "status",
            "binds", "provisions", "penalties", "litigation", "sources", "confidence",
            "last_reviewed", "notes")
LAW_REQUIRED = ("id", "citation", "name", "status", "binds", "provisions", "confidence",
                "last_reviewed")
PROVISION_KEYS = ("cite", "binds", "note") + EFFECTS
INSTITUTION_KEYS = ("jails", "probation", "pretrial", "court_security",
                    "board_directs_sheriff", "confidence", "sources", "notes")
INSTITUTION_REQUIRED = ("jails", "probation", "court_security",
                        "board_directs_sheriff", "confidence")

# A state file's `protections:` review (docs/formats.md): for each protection of
# vocab.REVIEWED_PROTECTIONS, whether any law in the file speaks to it. "silent" is written,
# never implied, and the loader checks the entry against the file's provisions.
REVIEW_KEYS = ("finding", "laws", "confidence", "reviewed", "note")
REVIEW_FINDINGS = ("silent", "speaks")
STALE_MONTHS = 6

MAX_LAW_FILE = 2 * 1024 * 1024
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class Provision:
    """One subsection (or the whole law): what it does to which acts, and whom it binds."""

    cite: str                                 # the subsection; "" = the law's citation
    effects: dict[str, frozenset[str]]        # effect -> acts (only non-empty entries)
    binds: frozenset[str]
    note: str = ""
    line: int | None = None

    def acts(self, effect: str) -> frozenset[str]:
        return self.effects.get(effect, frozenset())

    @cached_property
    def all_acts(self) -> frozenset[str]:
        return frozenset().union(*self.effects.values())


@dataclass(frozen=True)
class Law:
    """One statute, directive, ruling or bill, as the provisions the engine reads."""

    id: str
    state: str                      # postal code, or "US" for federal rules
    citation: str
    name: str
    year: int | None
    effective: dt.date | None
    effective_note: str
    status: str                     # in_force | enjoined | struck | repealed | pending
    binds: frozenset[str]
    provisions: tuple[Provision, ...]
    penalties: str
    litigation: str
    sources: tuple[str, ...]
    confidence: str                 # high | medium | low
    last_reviewed: dt.date | None
    notes: str
    file: str = ""
    line: int | None = None

    @cached_property
    def all_acts(self) -> frozenset[str]:
        """Every act any provision speaks to (a quick test that a law is silent)."""
        return frozenset().union(*(p.all_acts for p in self.provisions))

    @cached_property
    def protective(self) -> bool:
        """A law that restricts anything itself: its `uncertain` acts never put a clause at
        risk (a protective law, however unsure its reach, does not threaten a protection)."""
        return any(p.acts(e) for p in self.provisions for e in ("protects", "protects_partly"))

    def acts(self, effect: str) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for p in self.provisions:
            out |= p.acts(effect)
        return out

    def effect(self, protection: str) -> str:
        """The old per-protection summary (for callers outside the engine): the strongest
        effect any provision has on the protection's acts; "silent" when none."""
        from drafter.check.acts import protection_acts

        mine = protection_acts(protection)
        for eff, old in (("requires", "requires_cooperation"), ("blocks", "blocks"),
                         ("restricts", "restricts"), ("uncertain", "uncertain")):
            if self.acts(eff) & mine and not (eff == "uncertain" and self.protective):
                return old
        if mine and mine <= self.acts("protects"):
            return "already_protects"
        if mine & (self.acts("protects") | self.acts("protects_partly")):
            return "partially_protects"
        return "silent"

    def in_force_on(self, day: dt.date) -> bool:
        """In force and already effective on `day` (an unknown date counts as effective)."""
        return self.status == "in_force" and (self.effective is None or self.effective <= day)


@dataclass(frozen=True)
class Institutions:
    """Who runs what in a state, for the fit of a clause to the jurisdiction."""

    jails: str                      # county | state | mixed | district
    probation: str                  # county | court | state | federal | mixed
    pretrial: str
    court_security: str             # sheriff | state | court | federal | mixed
    board_directs_sheriff: str      # yes | partly | no | n/a
    confidence: str
    sources: tuple[str, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Review:
    """Whether any law of a state speaks to one protection (`protections:` in a law file)."""

    protection: str
    finding: str                    # silent | speaks
    laws: tuple[str, ...]
    confidence: str
    reviewed: dt.date | None
    note: str
    line: int | None = None


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
    institutions: Institutions | None = None
    # federal.yaml only: "federal_notes" (protection id -> {risk, note}), "context" (list),
    # "pressure" (raw mapping, read by check.pressure)
    extra: dict[str, Any] = field(default_factory=dict)
    # `protections:` review, protection id -> Review (state files)
    reviews: dict[str, Review] = field(default_factory=dict)

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
        notes = self.federal.extra.get("federal_notes", {})
        note: dict[str, str] | None = notes.get(protection)
        return note

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

_CACHE: dict[tuple[str, bool, str | None], tuple[tuple[Any, ...], LawBook]] = {}
_CACHE_LOCK = threading.Lock()


def default_laws_dir() -> Path:
    from drafter.load.resources import data_dir

    return data_dir("laws")


def _signature(files: list[Path]) -> tuple[Any, ...]:
    sig = []
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        sig.append((f.name, st.st_mtime_ns, st.st_size))
    return tuple(sig)


def load_lawbook(folder: Path | str | None = None, *, complete: bool = True,
                 only: str | None = None) -> LawBook:
    """Read and validate every law file in `folder` (default: the shipped `laws/`).

    With `complete` (the default) a missing state or DC file is a problem like any other;
    `complete=False` loads what is there (the `check` command only needs the draft's own
    state and reports a missing one by name). `only` reads just that state's file and the
    federal one: a one-shot command about one draft need not parse fifty others. Problems
    in all files read are raised together.
    """
    path = Path(folder) if folder is not None else default_laws_dir()
    if not path.is_dir():
        raise DrafterError("law data folder not found", path)
    if only is not None:  # two files: no need to list the folder on every edit
        files = sorted(p for p in (path / f"{only.upper()}.yaml", path / FEDERAL_FILE)
                       if p.is_file())
        complete = False
    else:
        files = sorted(p for p in path.glob("*.yaml") if p.is_file())
    key = (str(path.resolve()), complete, only.upper() if only else None)
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
    institutions = _read_institutions(chk, top.get("institutions"))
    if not is_fed and institutions is None and "institutions" not in top:
        chk.add((), "missing required key 'institutions' in law file (who runs the jails, "
                "probation and court security; see docs/formats.md)")
    extra: dict[str, Any] = {}
    if is_fed:
        extra["federal_notes"] = _federal_notes(chk, top.get("federal_notes"))
        extra["context"] = _context(chk, top.get("context"))
        extra["pressure"] = _pressure(chk, top.get("pressure"))
    reviews = _reviews(chk, top.get("protections"), laws)
    return StateLaw(code, name or STATES.get(code, "Federal"), posture or "none",
                    pconf or "low", summary, reviewed, questions, laws, doc.file,
                    institutions=institutions, extra=extra, reviews=reviews)


def _speaking(laws: list[Law], protection: str) -> list[str]:
    """Ids of the laws (not repealed) whose provisions touch the protection's acts."""
    acts = REVIEW_ACTS.get(protection) or PROTECTION_ACTS.get(protection, frozenset())
    return [law.id for law in laws if law.status != "repealed" and law.all_acts & acts]


def _by_protection(chk: Checker, raw: Any, key: str
                   ) -> list[tuple[str, tuple[str | int, ...], Any]]:
    """The entries of a mapping keyed by protection id, each with its path; an unknown id
    is a problem with a hint and is skipped."""
    if raw is None:
        return []
    out = []
    for pid, entry in chk.mapping(raw, (key,), key).items():
        p: tuple[str | int, ...] = (key, pid)
        if pid not in PROTECTIONS:
            chk.add(p, f"unknown protection id '{pid}' in {key}"
                    f"{did_you_mean(str(pid), PROTECTIONS)}")
            continue
        out.append((str(pid), p, entry))
    return out


def _reviews(chk: Checker, raw: Any, laws: list[Law]) -> dict[str, Review]:
    """`protections:` protection id -> {finding, laws, confidence, reviewed, note}, checked
    against the file's own provisions so "silent" cannot hide a law that speaks."""
    out: dict[str, Review] = {}
    for pid, p, entry in _by_protection(chk, raw, "protections"):
        e = chk.mapping(entry, p, f"review of '{pid}'")
        chk.keys(e, p, REVIEW_KEYS, ("finding", "confidence", "reviewed", "note"),
                 f"review of '{pid}'")
        finding = chk.choice(e.get("finding"), (*p, "finding"), REVIEW_FINDINGS,
                             "finding") if e.get("finding") is not None else None
        conf = chk.choice(e.get("confidence"), (*p, "confidence"), CONFIDENCES,
                          "confidence") if e.get("confidence") is not None else None
        listed = chk.str_list(e.get("laws"), (*p, "laws"), "laws")
        speaking = _speaking(laws, str(pid))
        if finding == "silent":
            if listed:
                chk.add((*p, "laws"), f"'{pid}' is marked silent but lists laws; use "
                        "'finding: speaks' or remove the list")
            if speaking:
                chk.add((*p, "finding"), f"'{pid}' is marked silent, but "
                        f"{', '.join(speaking)} speak(s) to its acts; use 'finding: speaks' "
                        f"with laws: [{', '.join(speaking)}]")
        elif finding == "speaks":
            missing = [i for i in speaking if i not in listed]
            extra = [i for i in listed if i not in speaking]
            if not listed:
                chk.add(p, f"'{pid}' speaks: list the laws (laws: [{', '.join(speaking)}])")
            elif missing or extra:
                chk.add((*p, "laws"), f"laws for '{pid}' do not match the provisions: "
                        + "; ".join(filter(None, [
                            f"missing {', '.join(missing)}" if missing else "",
                            f"not speaking to its acts: {', '.join(extra)}" if extra else ""])))
        out[str(pid)] = Review(
            str(pid), finding or "silent", tuple(listed), conf or "low",
            chk.date(e.get("reviewed"), (*p, "reviewed"), "reviewed"),
            chk.text(e.get("note"), (*p, "note"), "note", required=False) or "",
            chk.doc.line(p))
    return out


def missing_reviews(book: LawBook) -> dict[str, list[str]]:
    """State code -> the protections of REVIEWED_PROTECTIONS its file does not review."""
    return {code: miss for code, st in sorted(book.states.items())
            if (miss := [p for p in REVIEWED_PROTECTIONS if p not in st.reviews])}


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    import calendar

    y, mo = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(y, mo + 1, min(day.day, calendar.monthrange(y, mo + 1)[1]))


def reviewed_on(book: LawBook, state: str) -> dt.date | None:
    """When the law data a check of `state` relies on was last reviewed: the older of the
    state file's and federal.yaml's review dates (None when either has none)."""
    st = book.state(state)
    dates = [st.last_reviewed, book.federal.last_reviewed]
    if any(d is None for d in dates):
        return None
    return min(d for d in dates if d is not None)


def staleness(book: LawBook, state: str, day: dt.date) -> str | None:
    """One line when the law data for `state` was last reviewed more than six months
    before `day` (the check date), or has no review date; None when it is fresh. The CLI
    and the app show the line as it is."""
    st = book.state(state)
    when = reviewed_on(book, state)
    if when is None:
        return (f"The law data for {st.name} has no review date; check the current law "
                "before relying on these verdicts.")
    if when < _months_before(day, STALE_MONTHS):
        whose = (f"for {st.name}" if st.last_reviewed == when
                 else f"on federal law (used for {st.name})")
        return (f"The law data {whose} was last reviewed on {when.isoformat()}, more "
                f"than six months before {day.isoformat()}; laws and court rulings may have "
                "changed since, so check them before relying on these verdicts.")
    return None


def _federal_notes(chk: Checker, raw: Any) -> dict[str, dict[str, str]]:
    """`federal_notes:` protection id -> {risk, note} (federal.yaml only)."""
    out: dict[str, dict[str, str]] = {}
    for pid, p, entry in _by_protection(chk, raw, "federal_notes"):
        e = chk.mapping(entry, p, f"federal note for '{pid}'")
        chk.keys(e, p, FEDERAL_NOTE_KEYS, ("note",), f"federal note for '{pid}'")
        out[pid] = {k: chk.text(e.get(k), (*p, k), k, required=False) or ""
                    for k in FEDERAL_NOTE_KEYS}
    return out


PRESSURE_LEVELS = ("high", "medium", "low")
PRESSURE_KINDS = ("funding", "listing", "litigation", "prosecution")
PRESSURE_ACTION_KEYS = ("id", "action", "date", "kinds", "effect", "limited_by",
                        "relief_states", "sources", "confidence")
PRESSURE_ACT_KEYS = ("level", "actions", "note")


def _pressure(chk: Checker, raw: Any) -> dict[str, Any]:
    """`pressure:` {actions: [...], acts: {act: {level, actions, note}}} (federal.yaml only):
    the federal funding and litigation pressure a clause draws, apart from the verdicts."""
    out: dict[str, Any] = {"actions": {}, "acts": {}}
    if raw is None:
        return out
    top = chk.mapping(raw, ("pressure",), "pressure")
    chk.keys(top, ("pressure",), ("actions", "acts"), ("actions", "acts"), "pressure")
    actions = top.get("actions") or []
    if not isinstance(actions, list):
        chk.add(("pressure", "actions"), "pressure actions must be a list")
        actions = []
    for i, a in enumerate(actions):
        p: tuple[str | int, ...] = ("pressure", "actions", i)
        e = chk.mapping(a, p, "a pressure action")
        chk.keys(e, p, PRESSURE_ACTION_KEYS, ("id", "action", "kinds", "effect", "sources",
                                              "confidence"), "pressure action")
        aid = chk.text(e.get("id"), (*p, "id"), "id", required=False) or f"#{i}"
        kinds = chk.str_list(e.get("kinds"), (*p, "kinds"), "kinds")
        for j, k in enumerate(kinds):
            chk.choice(k, (*p, "kinds", j), PRESSURE_KINDS, "pressure kind")
        relief = chk.str_list(e.get("relief_states"), (*p, "relief_states"), "relief_states")
        for j, c in enumerate(relief):
            if c not in STATES:
                chk.add((*p, "relief_states", j), f"unknown state code '{c}'"
                        f"{did_you_mean(str(c), STATES)}")
        if e.get("confidence") is not None:
            chk.choice(e["confidence"], (*p, "confidence"), CONFIDENCES, "confidence")
        if aid in out["actions"]:
            chk.add((*p, "id"), f"duplicate pressure action id '{aid}'")
        out["actions"][aid] = {
            "id": aid,
            "action": chk.text(e.get("action"), (*p, "action"), "action",
                               required=False) or "",
            "date": chk.date(e.get("date"), (*p, "date"), "date"),
            "kinds": tuple(kinds),
            "effect": chk.text(e.get("effect"), (*p, "effect"), "effect",
                               required=False) or "",
            "limited_by": chk.text(e.get("limited_by"), (*p, "limited_by"), "limited_by",
                                   required=False) or "",
            "relief_states": tuple(relief),
            "sources": tuple(chk.str_list(e.get("sources"), (*p, "sources"), "sources")),
            "confidence": str(e.get("confidence") or "low"),
        }
    acts = chk.mapping(top.get("acts") or {}, ("pressure", "acts"), "pressure acts")
    for act, entry in acts.items():
        p = ("pressure", "acts", str(act))
        if act not in ACTS:
            chk.add(p, f"unknown act '{act}'{did_you_mean(str(act), ACTS)}")
            continue
        e = chk.mapping(entry, p, f"pressure for '{act}'")
        chk.keys(e, p, PRESSURE_ACT_KEYS, ("level", "actions", "note"), "pressure entry")
        level = chk.choice(e.get("level"), (*p, "level"), PRESSURE_LEVELS, "level") \
            if e.get("level") is not None else None
        ids = chk.str_list(e.get("actions"), (*p, "actions"), "actions")
        for j, aid in enumerate(ids):
            if aid not in out["actions"]:
                chk.add((*p, "actions", j), f"unknown pressure action '{aid}'"
                        f"{did_you_mean(str(aid), out['actions'])}")
        out["acts"][str(act)] = {
            "level": level or "low", "actions": tuple(ids),
            "note": chk.text(e.get("note"), (*p, "note"), "note", required=False) or ""}
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


def _names(chk: Checker, raw: Any, path: tuple[str | int, ...], vocab: Any,
           what: str) -> frozenset[str]:
    """A list of ids from a fixed vocabulary; unknown ones are problems with a hint."""
    if raw is None:
        return frozenset()
    if not isinstance(raw, list):
        chk.add(path, f"{what} must be a list like [{next(iter(vocab))}]")
        return frozenset()
    out = set()
    for i, v in enumerate(raw):
        if v not in vocab:
            chk.add((*path, i), f"unknown {what} '{v}'{did_you_mean(str(v), vocab)}")
        else:
            out.add(str(v))
    return frozenset(out)


def _read_provision(chk: Checker, raw: Any, path: tuple[str | int, ...], binds: frozenset[str]
                    ) -> Provision | None:
    if not isinstance(raw, dict):
        chk.add(path, "each provision must be a mapping (cite, binds, note and effect lists)")
        return None
    chk.keys(raw, path, PROVISION_KEYS, (), "provision")
    effects = {}
    for eff in EFFECTS:
        acts = _names(chk, raw.get(eff), (*path, eff), ACTS, "act")
        if acts:
            effects[eff] = acts
    if not effects and set(raw) <= set(PROVISION_KEYS):
        chk.add(path, f"a provision lists at least one act under one of {', '.join(EFFECTS)}")
    own = _names(chk, raw.get("binds"), (*path, "binds"), BINDERS, "binder")
    return Provision(
        cite=chk.text(raw.get("cite"), (*path, "cite"), "cite", required=False) or "",
        effects=effects,
        binds=own or binds,
        note=chk.text(raw.get("note"), (*path, "note"), "note", required=False) or "",
        line=chk.doc.line(path),
    )


def _read_institutions(chk: Checker, raw: Any) -> Institutions | None:
    if raw is None:
        return None
    path: tuple[str | int, ...] = ("institutions",)
    m = chk.mapping(raw, path, "institutions")
    if not m:
        return None
    chk.keys(m, path, INSTITUTION_KEYS, INSTITUTION_REQUIRED, "institutions")
    def pick(key: str, values: tuple[str, ...], default: str) -> str:
        v = m.get(key)
        if v is None:
            return default
        return chk.choice(v, (*path, key), values, key) or default

    sources = m.get("sources")
    return Institutions(
        jails=pick("jails", JAIL_OPERATORS, "county"),
        probation=pick("probation", SUPERVISION_EMPLOYERS, "mixed"),
        pretrial=pick("pretrial", SUPERVISION_EMPLOYERS, "mixed"),
        court_security=pick("court_security", COURT_SECURITY, "mixed"),
        board_directs_sheriff=pick("board_directs_sheriff", BOARD_DIRECTS_SHERIFF, "partly"),
        confidence=pick("confidence", CONFIDENCES, "low"),
        sources=tuple(chk.str_list(sources, (*path, "sources"), "sources")),
        notes=chk.text(m.get("notes"), (*path, "notes"), "notes", required=False) or "",
    )


def _read_law(chk: Checker, raw: Any, path: tuple[str | int, ...], code: str) -> Law | None:
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
    binds = _names(chk, raw.get("binds"), (*path, "binds"), BINDERS, "binder")
    raw_provs = raw.get("provisions")
    provisions: list[Provision] = []
    if raw_provs is not None and not isinstance(raw_provs, list):
        chk.add((*path, "provisions"), "provisions must be a list ('provisions: []' when "
                "the law restricts nothing a clause does)")
    elif raw_provs:
        for i, rp in enumerate(raw_provs):
            prov = _read_provision(chk, rp, (*path, "provisions", i), binds)
            if prov is not None:
                provisions.append(prov)
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
        binds=binds,
        provisions=tuple(provisions),
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
