"""The stable vocabulary of the design brief: ids other tools rely on. Change nothing here
without changing `../shared/design.md`."""

from __future__ import annotations

PROTECTIONS: dict[str, tuple[str, int | None]] = {
    # id: (short label, ILRC county-scale factor)
    "detainers": ("Detainers and transfers", 3),
    "notification": ("Release notification", 4),
    "interview_consent": ("ICE interviews and jail access", 5),
    "status_inquiry": ("Status and birthplace inquiries", 6),
    "general_assistance": ("Local resources and task forces", 7),
    "agreements_287g": ("287(g) agreements", 1),
    "detention_contracts": ("Immigration detention contracts", 2),
    "data_sharing": ("Data sharing and databases", None),
    "probation": ("Probation and pretrial services", None),
    "courthouse": ("Courthouse arrests", None),
    "facility_access": ("Access to non-public areas", None),
    "legal_representation": ("Legal representation fund", None),
    "transparency": ("Records and public reports", None),
    "enforcement": ("Training, complaints and enforcement", None),
    "policing": ("Cite-and-release and policing reforms", None),
}

VERDICTS = ("blocked", "at_risk", "allowed", "state_law")
VERDICT_LABELS = {
    "blocked": "Blocked by state law",
    "at_risk": "At risk",
    "allowed": "Allowed",
    "state_law": "Already state law",
}
# Worst first; used to pick the decisive finding for a clause.
VERDICT_SEVERITY = {"blocked": 3, "at_risk": 2, "state_law": 1, "allowed": 0}

STRENGTHS = ("strongest", "strong", "moderate", "limited")

KINDS = ("city", "county", "city-county", "town", "village", "borough", "parish")
KIND_WORDS = {"city": "City", "county": "County", "city-county": "City and County",
              "town": "Town", "village": "Village", "borough": "Borough", "parish": "Parish"}
# Only where a state's jurisdiction profile names no body: a blank for the clerk, never
# another state's name for it.
DEFAULT_BODIES = {k: "[Governing Body]" for k in KINDS}

AGENCIES = ("police", "jail", "probation")
AGENCY_LABELS = {"police": "Police department", "jail": "Sheriff's office / jail",
                 "probation": "Probation department"}

STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
}
