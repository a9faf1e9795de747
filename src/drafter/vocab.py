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
    # Since 2025 (issue 15): questions councils now debate; no ILRC factor.
    "property_use": ("Local property as a staging ground", None),
    "surveillance_data": ("License-plate readers and surveillance data", None),
    "officer_identification": ("Officer identification and masks", None),
    "sensitive_places": ("Schools, clinics, shelters and libraries", None),
}
# The protections whose law data must say, for every state, whether any law speaks to
# them (law files' `protections:` review; "silent" is written, never implied).
REVIEWED_PROTECTIONS = ("property_use", "surveillance_data", "officer_identification",
                        "sensitive_places")

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

# What a clause option restricts, as acts of local officers (clauses/protections/*.yaml
# `acts:`), and whose act it is: "jail", "police", "probation" (that agency's), or "all"
# (any department of the jurisdiction). Law data says which acts a statute forbids a
# locality to restrict, requires, or already restricts itself (docs/formats.md).
ACTS: dict[str, tuple[str, str]] = {
    "hold_past_release": ("holding a person past release on an immigration request", "jail"),
    "transfer_custody": ("handing a person over to immigration authorities", "jail"),
    "civil_warrant_arrest": ("arrests on civil immigration warrants or database entries",
                             "police"),
    "release_notice": ("telling immigration authorities release dates or custody status",
                       "jail"),
    "custody_interviews": ("immigration interviews of people in custody", "jail"),
    "jail_access": ("immigration agents' entry to jails and secure police areas", "jail"),
    "facility_access": ("immigration agents' entry to non-public areas of local buildings",
                        "all"),
    "status_questions": ("asking about immigration status or place of birth", "all"),
    "status_records": ("recording or sharing citizenship or immigration-status information",
                       "all"),
    "other_personal_data": ("sharing addresses, schedules and other personal information",
                            "all"),
    "database_access": ("immigration agents' access to local databases", "all"),
    "local_resources_civil": ("local money, staff or equipment for civil immigration "
                              "enforcement", "all"),
    "joint_operations": ("joint task forces and operations with immigration authorities",
                         "police"),
    "agreement_287g": ("287(g) and similar agreements", "police"),
    "public_detention_contract": ("renting local jail beds for immigration detention", "jail"),
    "private_detention": ("private immigration detention in the jurisdiction", "all"),
    "probation_ice_appointments": ("probation and pretrial officers reporting or scheduling "
                                   "for immigration authorities", "probation"),
    "courthouse_assistance": ("local help with civil immigration arrests at courthouses",
                              "all"),
    "legal_funding": ("funding lawyers for people facing removal", "all"),
    "records_reporting": ("records and public reports of immigration requests", "all"),
    "oversight_remedies": ("training, complaints, discipline and lawsuits", "all"),
    "policing_reform": ("cite-and-release and related policing practices", "police"),
    "local_property_staging": ("letting local lots, garages, parks and buildings serve as "
                               "staging areas, processing sites or bases for civil "
                               "immigration enforcement", "all"),
    "alpr_sharing_civil": ("using or sharing license-plate reader and similar surveillance "
                           "data for civil immigration enforcement", "all"),
    "surveillance_limits": ("retention, audit and purpose limits on license-plate readers "
                            "and similar surveillance data, for every requester", "all"),
    "local_officer_identification": ("local officers' face coverings and visible "
                                     "identification", "police"),
    "federal_agent_conduct": ("rules that bind federal officers themselves (their masks, "
                              "identification or use of local property)", "all"),
    "sensitive_site_protocols": ("access protocols, training and family notice at schools, "
                                 "clinics, shelters and libraries the locality runs",
                                 "all"),
    "sensitive_site_assistance": ("staff help with civil immigration enforcement at "
                                  "schools, clinics, shelters and libraries", "all"),
    "funded_provider_terms": ("immigration-enforcement conditions in the locality's grants "
                              "and contracts with service providers", "all"),
}
ACT_ACTORS = ("jail", "police", "probation", "all")

# Whom a statutory provision binds (law data `binds:`), and which of a local draft's
# actors each covers. Kind-dependent binders are resolved by `binder_actors`.
BINDERS = ("everyone", "local", "counties", "cities", "sheriffs", "local_law_enforcement",
           "local_police", "local_jails", "local_probation", "state_agencies",
           "state_police", "state_jails", "courts", "schools", "dmv", "health_facilities")
_BINDER_ACTORS: dict[str, frozenset[str]] = {
    "everyone": frozenset(ACT_ACTORS),
    "local": frozenset(ACT_ACTORS),
    "sheriffs": frozenset({"jail", "police"}),
    "local_law_enforcement": frozenset({"jail", "police", "probation"}),
    "local_police": frozenset({"police"}),
    "local_jails": frozenset({"jail"}),
    "local_probation": frozenset({"probation"}),
}
COUNTY_KINDS = ("county", "city-county", "parish", "borough")
CITY_KINDS = ("city", "city-county", "town", "village", "borough")


def binder_actors(binder: str, kind: str | None) -> frozenset[str]:
    """The local actors a binder covers for a draft of `kind` (None: any local draft)."""
    if binder == "counties":
        return frozenset(ACT_ACTORS) if kind is None or kind in COUNTY_KINDS else frozenset()
    if binder == "cities":
        return frozenset(ACT_ACTORS) if kind is None or kind in CITY_KINDS else frozenset()
    return _BINDER_ACTORS.get(binder, frozenset())


# Per-state institutions (law data `institutions:`): who runs what.
# prison_board: county jails governed by a board of which the county's governing body is only
# part (Pennsylvania's prison boards: judges, the district attorney, the sheriff, the controller)
JAIL_OPERATORS = ("county", "state", "mixed", "district", "prison_board")
SUPERVISION_EMPLOYERS = ("county", "court", "state", "federal", "mixed")
COURT_SECURITY = ("sheriff", "state", "court", "federal", "mixed")
BOARD_DIRECTS_SHERIFF = ("yes", "partly", "no", "n/a")

# The acts each protection is about: an option without its own `acts:` list restricts
# these, and the ILRC "state law provides this factor" test asks about them.
PROTECTION_ACTS: dict[str, frozenset[str]] = {
    "detainers": frozenset({"hold_past_release", "transfer_custody"}),
    "notification": frozenset({"release_notice"}),
    "interview_consent": frozenset({"custody_interviews", "jail_access"}),
    "status_inquiry": frozenset({"status_questions"}),
    "general_assistance": frozenset({"local_resources_civil"}),
    "agreements_287g": frozenset({"agreement_287g"}),
    "detention_contracts": frozenset({"public_detention_contract"}),
    "data_sharing": frozenset({"other_personal_data", "database_access"}),
    "probation": frozenset({"probation_ice_appointments"}),
    "courthouse": frozenset({"courthouse_assistance"}),
    "facility_access": frozenset({"facility_access"}),
    "legal_representation": frozenset({"legal_funding"}),
    "transparency": frozenset({"records_reporting"}),
    "enforcement": frozenset({"oversight_remedies"}),
    "policing": frozenset({"policing_reform"}),
    "property_use": frozenset({"local_property_staging"}),
    "surveillance_data": frozenset({"alpr_sharing_civil", "surveillance_limits"}),
    "officer_identification": frozenset({"local_officer_identification"}),
    "sensitive_places": frozenset({"sensitive_site_protocols", "sensitive_site_assistance",
                                   "funded_provider_terms"}),
}

# The acts a law file's `protections:` review of each REVIEWED_PROTECTIONS entry looks at:
# the protection's own acts plus those only some of its options restrict (rules that bind
# federal officers), so "silent" means no law speaks to anything its options do.
REVIEW_ACTS: dict[str, frozenset[str]] = {
    pid: PROTECTION_ACTS[pid] | ({"federal_agent_conduct"}
                                 if pid == "officer_identification" else frozenset())
    for pid in REVIEWED_PROTECTIONS
}
