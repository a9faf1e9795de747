"""How a place is named in its ordinance: once in full, then by a defined short form.

Users type a place the way they say it ("Austin", "City of Austin", "Harris County",
"County of Riverside", "Town of Chapel Hill"). The document must never say "City of City of
Austin" nor call a Texas county "County of Harris" when Texas writes "Harris County", and
the agencies are named the way people name them ("Harris County Sheriff's Office").
The state's convention comes from its jurisdiction profile (`name_pattern`); this module
only applies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.vocab import KIND_WORDS

# Pattern used where the state's profile says nothing: the commonest form in the US.
DEFAULT_PATTERNS: dict[str, str] = {
    "city": "City of {name}", "county": "{name} County",
    "city-county": "City and County of {name}", "town": "Town of {name}",
    "village": "Village of {name}", "borough": "Borough of {name}",
    "parish": "{name} Parish",
}

# What the typed name may carry around the bare name, per kind. A trailing "City" is kept
# for cities: Carson City, Jersey City and Salt Lake City are names, not kinds.
_PREFIXES: dict[str, tuple[str, ...]] = {
    "city": ("City of",),
    "county": ("County of",),
    "city-county": ("City and County of", "City & County of", "Consolidated City of",
                    "City of", "County of"),
    "town": ("Town of",),
    "village": ("Village of",),
    "borough": ("Borough of",),
    "parish": ("Parish of",),
}
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "city": (),
    "county": ("County",),
    "city-county": (),
    "town": ("Town",),
    "village": ("Village",),
    "borough": ("Borough",),
    "parish": ("Parish",),
}
_THE = re.compile(r"^the\s+", re.IGNORECASE)


def bare_name(typed: str, kind: str) -> str:
    """The place's own name without the kind words a user may have typed around it."""
    name = " ".join(typed.split())
    name = _THE.sub("", name)
    for prefix in _PREFIXES.get(kind, ()):
        if name.lower().startswith(prefix.lower() + " "):
            name = name[len(prefix) + 1:]
            break
    for suffix in _SUFFIXES.get(kind, ()):
        if name.lower().endswith(" " + suffix.lower()) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix) - 1]
            break
    return name.strip(" ,") or typed.strip()


@dataclass(frozen=True)
class PlaceName:
    """The names one place goes by in its ordinance."""

    name: str     # the bare name: "Harris", "Chapel Hill"
    kind: str
    formal: str   # once, in full: "Harris County", "County of Riverside", "City of Austin"
    common: str   # what agencies are named after: "Harris County", "Austin"
    short: str    # the defined short form: "the County"

    @property
    def kind_word(self) -> str:
        return KIND_WORDS.get(self.kind, "City")

    def agency(self, office: str) -> str:
        """An agency's usual name: "Harris County Sheriff's Office", "Austin Police
        Department"."""
        return f"{self.common} {office}"


def place_name(typed: str, kind: str, pattern: str | None = None,
               formal_override: str = "") -> PlaceName:
    """Name a place of `kind` from what the user typed, following the state's `pattern`
    ("{name} County", "County of {name}"...). A formal name set by hand in the draft wins."""
    name = bare_name(typed, kind)
    word = KIND_WORDS.get(kind, "City")
    formal = formal_override.strip() or (pattern or DEFAULT_PATTERNS.get(kind, "{name}")
                                         ).format(name=name)
    if kind in ("county", "parish") or (kind == "borough" and pattern == "{name} Borough"):
        common = f"{name} {word}"
    else:
        common = name
    return PlaceName(name=name, kind=kind, formal=formal, common=common,
                     short=f"the {word}")
