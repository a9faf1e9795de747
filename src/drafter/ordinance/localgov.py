"""The local government a draft is for, as its own documents would name it.

Joins what the user entered (place, kind, state, any overrides) with the state's
jurisdiction profile, so that every part of the ordinance (title, enacting clause, the
short form used throughout, the signature block, the effective-date section) speaks of the
same body, instrument and officers. Where the profile does not know a fact the result is a
bracketed blank for the clerk, never another state's form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.errors import DrafterError
from drafter.load import profiles
from drafter.load.profiles import KindProfile, StateProfile
from drafter.ordinance.names import PlaceName, place_name
from drafter.vocab import KIND_WORDS, KINDS, STATES

if TYPE_CHECKING:
    from drafter.load.draft import Jurisdiction

# The instrument as the document names it; "ordinance or resolution" drafts an ordinance.
_DOCUMENT_INSTRUMENT = {"ordinance or resolution": "ordinance"}
_ARTICLE = {"ordinance": "an", "order": "an", "act": "an"}
_ENACTING_BY_INSTRUMENT = {
    "order": "BE IT ORDERED BY THE {body} OF {the_formal}:",
    "resolution": "BE IT RESOLVED BY THE {body} OF {the_formal}:",
    "local law": "BE IT ENACTED BY THE {body} OF {the_formal} AS FOLLOWS:",
    "bylaw": "BE IT ENACTED BY {the_formal}:",
    "act": "BE IT ENACTED BY THE {body} OF {the_formal}:",
}
_ENACTING_DEFAULT = "BE IT ORDAINED BY THE {body} OF {the_formal}:"


@dataclass(frozen=True)
class LocalGovernment:
    place: PlaceName
    state: str
    state_name: str
    body: str
    instrument: str            # ordinance | order | resolution | local law | bylaw | act
    presiding_officer: str
    clerk: str
    legal_officer: str
    enacting: str              # the enacting clause, filled in
    effective_clause: str      # "" where the profile has none: the skeleton's own applies
    clerk_certificate: str     # "" where the profile records none
    profile: KindProfile | None

    @property
    def the_formal(self) -> str:
        """The formal name as it follows "of": "the City of Austin", "Harris County"."""
        return with_article(self.place.formal)

    @property
    def an_instrument(self) -> str:
        return f"{_ARTICLE.get(self.instrument, 'a')} {self.instrument}"


COMMONWEALTHS = {"KY", "MA", "PA", "VA"}


def state_full(state: str) -> str:
    """"the State of Texas", "the Commonwealth of Virginia", "the District of Columbia"."""
    name = STATES.get(state, state)
    if state == "DC":
        return "the District of Columbia"
    return f"the {'Commonwealth' if state in COMMONWEALTHS else 'State'} of {name}"


def standing(state: str) -> str:
    """What the place is, for the first recital."""
    if state == "DC":
        return "a body corporate for municipal purposes and the seat of the national government"
    return f"a political subdivision of {state_full(state)}"


def with_article(formal: str) -> str:
    """"City of Austin" takes "the"; "Harris County" and "Carson City" do not."""
    if formal.lower().startswith("the "):
        return formal
    return f"the {formal}" if (" of " in formal or formal.endswith("Government")) else formal


def state_profile(state: str) -> StateProfile | None:
    return profiles.state_profile(state) if state in STATES else None


def kinds_in(state: str) -> tuple[str, ...]:
    """The kinds of local government Drafter offers in `state`, in the usual order."""
    sp = state_profile(state)
    if sp is None or not sp.kinds:
        return KINDS
    return tuple(k for k in KINDS if k in sp.kinds)


def clause_kind(state: str, kind: str) -> str:
    """The kind the clause library's `kinds` speak of: a parish, and an Alaska borough, are
    county governments; a village, and a borough elsewhere (Pennsylvania, New Jersey), are
    municipalities like towns."""
    if kind == "parish" or (kind == "borough" and state == "AK"):
        return "county"
    if kind in ("village", "borough"):
        return "town"
    return kind


def default_body(state: str, kind: str) -> str:
    """The governing body's usual name for this kind in this state, or "" where unknown."""
    sp = state_profile(state)
    kp = sp.kind(kind) if sp else None
    return kp.body if kp else ""


def kind_refusal(state: str, kind: str) -> str | None:
    """Why there can be no draft of `kind` in `state` (a county in Connecticut, a parish in
    Ohio), or None. The jurisdiction profiles decide which kinds exist."""
    kinds = kinds_in(state)
    if kind in kinds:
        return None
    sp = state_profile(state)
    name = STATES.get(state, state)
    if kind == "county" and sp is not None and not sp.county_government:
        why = f"{name} has no county government"
    elif kind == "parish":
        why = "parishes exist only in Louisiana"
    elif kind == "county" and state == "LA":
        why = "Louisiana has parishes, not counties"
    else:
        why = f"{name} has no {KIND_WORDS.get(kind, kind).lower()} governments"
    return f"{why}; choose one of: {', '.join(kinds)}"


def check_kind_exists(state: str, kind: str) -> None:
    why = kind_refusal(state, kind)
    if why:
        raise DrafterError(why)


def _fill_clause(template: str, values: dict[str, str]) -> str:
    """Fill a profile's clause; an all-capitals clause gets capitalised values."""
    fixed = [c for c in re.sub(r"\{[^}]*\}", "", template) if c.isalpha()]
    if fixed and all(c.isupper() for c in fixed):
        values = {k: v.upper() for k, v in values.items()}
    return template.format(**values)


def local_government(j: Jurisdiction) -> LocalGovernment:
    sp = state_profile(j.state)
    kp = sp.kind(j.kind) if sp else None
    place = place_name(j.name or "____", j.kind, kp.name_pattern if kp else None,
                       j.formal_name)
    if kp and kp.short_form.lower().startswith("the "):
        place = PlaceName(place.name, place.kind, place.formal, place.common, kp.short_form)
    body = j.governing_body or (kp.body if kp else "") or "[Governing Body]"
    raw_instrument = kp.instrument if kp else "ordinance"
    instrument = _DOCUMENT_INSTRUMENT.get(raw_instrument, raw_instrument)
    the_formal = with_article(place.formal)
    values = {"name": place.name, "body": body, "formal_name": place.formal,
              "the_formal": the_formal}
    # A statutory clause that names the body in its own words fits only that body.
    renamed = bool(j.governing_body) and kp is not None and \
        j.governing_body.lower() != kp.body.lower()
    if kp and kp.enacting_clause and not (renamed and "{body}" not in kp.enacting_clause):
        enacting = _fill_clause(kp.enacting_clause, values)
    else:
        template = _ENACTING_BY_INSTRUMENT.get(instrument, _ENACTING_DEFAULT)
        enacting = template.format(**{k: v.upper() for k, v in values.items()})
    return LocalGovernment(
        place=place, state=j.state, state_name=STATES.get(j.state, j.state), body=body,
        instrument=instrument,
        presiding_officer=(f"Chair of the {body}" if renamed else
                           (kp.presiding_officer if kp else "")) or "[Presiding Officer]",
        clerk=(kp.clerk if kp else "") or "[Clerk]",
        legal_officer=(kp.legal_officer if kp else "") or "[Legal Officer]",
        enacting=enacting,
        effective_clause=getattr(kp, "effective_clause", "") if kp else "",
        clerk_certificate=kp.clerk_certificate.format(
            clerk=kp.clerk or "[Clerk]", instrument=instrument, body=body,
            formal_name=with_article(place.formal)) if kp and kp.clerk_certificate else "",
        profile=kp)


def default_agencies(name: str, kind: str, state: str) -> dict[str, str | None]:
    """The agencies a new draft names, as a starting point the user checks: police for
    municipalities, the sheriff's jail where the profile says the sheriff runs it, and a
    probation department for counties (who employs probation officers varies; the check
    says so)."""
    sp = state_profile(state)
    kp = sp.kind(kind) if sp else None
    place = place_name(name or "____", kind, kp.name_pattern if kp else None)
    agencies: dict[str, str | None] = {}
    if kind in ("city", "town", "village", "borough", "city-county"):
        office = (kp.law_enforcement if kp and kind != "city-county" else "") or \
            "Police Department"
        if "police" in office.lower():
            agencies["police"] = place.agency(office)
    if kind in ("county", "parish", "city-county"):
        operator = (kp.jail_operator if kp else "sheriff").lower()
        if operator.startswith("sheriff") or not operator:
            county = place if kind != "city-county" else place_name(name, "county")
            agencies["jail"] = county.agency("Sheriff's Office")
        agencies["probation"] = place.agency("Probation Department") \
            if kind != "city-county" else f"{place.name} Adult Probation Department"
    return agencies
