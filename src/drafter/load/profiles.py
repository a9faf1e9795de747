"""Jurisdiction profiles: how each state's local governments are named, what their
governing bodies are called, what instrument they adopt and how it takes effect.

The ordinance must read as if the place's own clerk wrote it: a Texas commissioners court
acts by order, a Massachusetts town adopts bylaws at town meeting, a Louisiana parish may
be governed by a police jury. These are facts about states, so they are data
(`jurisdictions/XX.yaml`, one file a state, documented in docs/formats.md), each with its
sources and a confidence; where a fact is not known the document falls back to neutral
wording and a bracketed blank for the clerk, never to another state's form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter.errors import DataErrors, DrafterError, Problem
from drafter.load.resources import data_dir
from drafter.load.yamlio import Checker, load_yaml
from drafter.vocab import STATES

PROFILE_KINDS = ("city", "county", "city-county", "town", "village", "borough", "parish")
INSTRUMENTS = ("ordinance", "order", "resolution", "local law", "bylaw", "act",
               "ordinance or resolution")
CONFIDENCE = ("high", "medium", "low")
FILE_KEYS = ("state", "name", "last_reviewed", "county_government", "county_note", "kinds",
             "notes", "sources")
KIND_KEYS = (
    "name_pattern", "short_form", "body", "body_variants", "members", "presiding_officer",
    "instrument", "instrument_note", "enacting_clause", "enacting_citation", "legal_officer",
    "clerk", "law_enforcement", "jail_operator", "publication", "publication_citation",
    "sources", "confidence", "notes", "examples", "effective_clause", "clerk_certificate",
)
MAX_PROFILE_FILE = 1024 * 1024
ENACTING_FIELDS = ("formal_name", "body", "name")


@dataclass(frozen=True)
class KindProfile:
    """One kind of local government in one state."""

    kind: str
    name_pattern: str = ""
    short_form: str = ""
    body: str = ""
    members: str = ""
    presiding_officer: str = ""
    instrument: str = "ordinance"
    instrument_note: str = ""
    enacting_clause: str = ""
    enacting_citation: str = ""
    legal_officer: str = ""
    clerk: str = ""
    law_enforcement: str = ""
    jail_operator: str = ""
    publication: str = ""
    publication_citation: str = ""
    effective_clause: str = ""
    clerk_certificate: str = ""   # the clerk's certificate the state's filing asks for
    sources: tuple[str, ...] = ()
    confidence: str = "low"
    notes: str = ""


@dataclass(frozen=True)
class StateProfile:
    state: str
    name: str
    last_reviewed: dt.date | None
    county_government: bool
    kinds: dict[str, KindProfile] = field(default_factory=dict)
    county_note: str = ""

    def kind(self, kind: str) -> KindProfile | None:
        return self.kinds.get(kind)


def _opt_text(chk: Checker, raw: dict[str, Any], key: str, path: tuple[str | int, ...],
              what: str) -> str:
    value = chk.text(raw.get(key), (*path, key), what, required=False)
    return " ".join(value.split()) if value else ""


def _kind_profile(chk: Checker, kind: str, raw: Any, path: tuple[str | int, ...]
                  ) -> KindProfile:
    raw = chk.mapping(raw, path, f"kind '{kind}'")
    chk.keys(raw, path, KIND_KEYS, what=f"kind '{kind}'")
    texts = {k: _opt_text(chk, raw, k, path, k.replace("_", " ")) for k in (
        "name_pattern", "short_form", "body", "members", "presiding_officer",
        "instrument_note", "enacting_clause", "enacting_citation", "legal_officer", "clerk",
        "law_enforcement", "jail_operator", "publication", "publication_citation", "notes",
        "effective_clause", "clerk_certificate")}
    certificate = texts["clerk_certificate"]
    if certificate:
        try:
            certificate.format(clerk="", instrument="", body="", formal_name="")
        except (KeyError, IndexError, ValueError) as exc:
            chk.add((*path, "clerk_certificate"), "clerk certificate may use only {clerk}, "
                    f"{{instrument}}, {{body}} and {{formal_name}} ({exc})")
    if texts["name_pattern"]:
        try:  # "{name} County"; or a fixed name for a one-of-a-kind consolidated government
            texts["name_pattern"].format(name="")
        except (KeyError, IndexError, ValueError) as exc:
            chk.add((*path, "name_pattern"), f"name pattern may use only {{name}} ({exc})")
    enacting = texts["enacting_clause"]
    if enacting:
        try:
            enacting.format(**{f: "" for f in ENACTING_FIELDS})
        except (KeyError, IndexError, ValueError) as exc:
            chk.add((*path, "enacting_clause"),
                    f"enacting clause may use only {{formal_name}}, {{body}} and {{name}} "
                    f"({exc})")
    instrument = raw.get("instrument") or "ordinance"
    instrument = chk.choice(str(instrument), (*path, "instrument"), INSTRUMENTS,
                            "instrument") or "ordinance"
    confidence = chk.choice(str(raw.get("confidence") or "low"), (*path, "confidence"),
                            CONFIDENCE, "confidence") or "low"
    sources = tuple(chk.str_list(raw.get("sources"), (*path, "sources"), "sources"))
    return KindProfile(kind=kind, instrument=instrument, confidence=confidence,
                       sources=sources, **texts)


def load_profile(path: Path) -> StateProfile:
    """Read and check one state's profile; every problem in the file is reported."""
    doc = load_yaml(path, MAX_PROFILE_FILE)
    chk = Checker(doc)
    raw = chk.mapping(doc.data, (), "a jurisdiction profile")
    chk.keys(raw, (), FILE_KEYS, required=("state", "kinds"), what="a jurisdiction profile")
    state = str(raw.get("state") or "")
    if state and state not in STATES:
        chk.choice(state, ("state",), STATES, "state")
    elif state and path.stem.upper() != state:
        chk.add(("state",), f"file {path.name} holds state {state}; name it {state}.yaml")
    kinds_raw = chk.mapping(raw.get("kinds") or {}, ("kinds",), "kinds")
    kinds: dict[str, KindProfile] = {}
    for kind, body in kinds_raw.items():
        if chk.choice(str(kind), ("kinds", kind), PROFILE_KINDS, "kind of government"):
            kinds[str(kind)] = _kind_profile(chk, str(kind), body, ("kinds", kind))
    county_government = raw.get("county_government", True)
    if not isinstance(county_government, bool):
        chk.add(("county_government",), "county_government must be true or false")
        county_government = True
    reviewed = chk.date(raw.get("last_reviewed"), ("last_reviewed",), "last reviewed")
    chk.raise_if_any()
    return StateProfile(state=state, name=str(raw.get("name") or STATES.get(state, state)),
                        last_reviewed=reviewed, county_government=county_government,
                        kinds=kinds, county_note=_opt_text(chk, raw, "county_note", (),
                                                           "county note"))


@lru_cache(maxsize=4)
def load_profiles(folder: Path | None = None) -> dict[str, StateProfile]:
    """Every state's profile, checked together so one run reports every problem."""
    folder = folder or data_dir("jurisdictions")
    out: dict[str, StateProfile] = {}
    problems: list[Problem] = []
    for f in sorted(folder.glob("*.yaml")):
        try:
            p = load_profile(f)
        except DrafterError as exc:
            problems += exc.problems
            continue
        out[p.state] = p
    if problems:
        raise DataErrors(problems)
    return out


@lru_cache(maxsize=64)
def state_profile(state: str, folder: Path | None = None) -> StateProfile | None:
    """One state's profile, reading only its own file (a one-shot command about one draft
    need not parse fifty others); None where the state has none."""
    path = (folder or data_dir("jurisdictions")) / f"{state.upper()}.yaml"
    if not state or not path.is_file():
        return None
    return load_profile(path)


def profile_for(state: str, kind: str) -> KindProfile | None:
    """The profile of one kind in one state, or None where nothing is recorded."""
    sp = state_profile(state)
    return sp.kind(kind) if sp else None
