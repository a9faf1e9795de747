"""Whose ordinance this is: the place's name, kind and state, as the text itself says them
("City of Springfield", "Harris County", "State of Illinois", "Springfield, IL").
The most frequent mention wins; `--state` and `--kind` override what is guessed here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from drafter.vocab import STATES

_NAME = r"((?:[A-Z][a-zA-Z.'’-]+)(?: (?:[A-Z][a-zA-Z.'’-]+|del|de|la|of)\b){0,3})"
_OF = re.compile(r"\b(City and County|City & County|City|County|Town|Village|Borough|Parish) "
                 r"of (?:the )?" + _NAME)
_SUFFIXED = re.compile(r"\b((?:[A-Z][a-zA-Z'’-]+ ){1,3})(County|Parish|Borough)\b")
_STOP = {"the", "this", "each", "any", "said", "such", "every", "a", "an", "that", "which",
         "no", "all", "other", "another", "our", "its", "whereas", "section", "board",
         "sheriff", "police", "department", "council", "code", "municipal", "jail",
         "office", "commission", "charter", "ordinance", "resolution", "policy", "order",
         "state", "federal", "united", "states", "chapter", "article", "and", "or", "in",
         "by", "for", "to", "shall", "may", "executive", "mayor", "manager", "clerk",
         "attorney", "employees", "officers", "residents", "government", "governing",
         "regular", "special", "meeting", "be", "it", "resolved", "ordained", "now"}
_KIND = {"city and county": "city-county", "city & county": "city-county", "city": "city",
         "county": "county", "town": "town", "village": "village", "borough": "borough",
         "parish": "parish"}
_STATE_OF = re.compile(r"\b(?:State|Commonwealth) of (" + "|".join(
    sorted((n for c, n in STATES.items() if c != "DC"), key=len, reverse=True)) + r")\b")
_STATE_NAME = re.compile(r"\b(" + "|".join(sorted(STATES.values(), key=len, reverse=True))
                         + r")\b")
_POSTAL = re.compile(r"[a-z], (" + "|".join(STATES) + r")\b(?![a-zA-Z])")
_BY_NAME = {n: c for c, n in STATES.items()}


_CAPS = re.compile(r"\b[A-Z][A-Z'’.&-]+(?:[ ,]+[A-Z][A-Z'’.&-]*)+\b|\b[A-Z]{4,}\b")



def _title(m: re.Match[str]) -> str:
    return re.sub(r"\b(And|Of|The|Del|De|La)\b", lambda w: w.group(1).lower(),
                  m.group(0).title())


@dataclass
class Place:

    name: str | None
    kind: str | None
    state: str | None


def _clean(name: str) -> str | None:
    words = name.split()
    keep: list[str] = []
    for w in words:
        if w.lower().strip(".") in _STOP:
            break
        keep.append(w)
    while keep and keep[-1].lower() in ("of", "de", "del", "la"):
        keep.pop()
    out = " ".join(keep).strip(".,’'")
    return out or None


def detect_place(text: str) -> Place:
    # "CITY OF SPRINGFIELD, ILLINOIS": read a run of capitals as a title
    sample = _CAPS.sub(_title, text[:60_000])
    places: Counter[tuple[str, str]] = Counter()
    for m in _OF.finditer(sample):
        name = _clean(m.group(2))
        if name:
            places[(name, _KIND[m.group(1).lower()])] += 1
    for m in _SUFFIXED.finditer(sample):
        name = _clean(m.group(1))
        if name:
            places[(name, _KIND[m.group(2).lower()])] += 1
    name = kind = None
    if places:
        (name, kind), _ = places.most_common(1)[0]
    else:
        low = sample.lower()
        if re.search(r"board of (county )?(supervisors|commissioners)|county commission", low):
            kind = "county"
        elif re.search(r"city council|common council|board of aldermen", low):
            kind = "city"
    states: Counter[str] = Counter()
    for m in _STATE_OF.finditer(sample):
        states[_BY_NAME[m.group(1)]] += 3
    for m in _STATE_NAME.finditer(sample):
        if name and m.group(1) == name:
            continue  # "City of New York", "Washington County": a place, not the state
        states[_BY_NAME[m.group(1)]] += 1
    for m in _POSTAL.finditer(sample):
        states[m.group(1)] += 2
    state = states.most_common(1)[0][0] if states else None
    return Place(name, kind, state)
