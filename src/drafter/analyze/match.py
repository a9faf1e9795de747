"""Which protections an existing text establishes, and which library option each is
closest to, judged on substance.

Texts written by other places never use the library's sentences, so nothing here compares
wording with the clause library. Instead each protection has cue patterns for the acts its
options restrict (vocab.ACTS: holding past release, handing over, telling release dates,
interviews, status questions, databases, 287(g), detention beds...), and each sentence of
operative text is tested for the act AND a restriction ("shall not", "only if", "unless",
"prohibited"). Duties that are positive by nature (reports, legal-defence funds, lawsuits,
citations instead of arrests) need no restriction cue. The option is then chosen from the
features of every sentence about that protection: which exceptions it allows (serious
felonies, reimbursement, emergencies, criminal task forces, the federal status-information
carve-out), which gates it sets (a judge's warrant, written consent, the governing body's
approval), and how far it reaches (private detention, every local facility). Exceptions
lower the strength: a detainer policy that still honours detainers for serious felonies is
the moderate option, not the strongest.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from drafter.analyze.sections import Section

_F = re.I


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _F)


IMM = _rx(r"(immigration|\bice\b|customs enforcement|homeland security|\bdhs\b|deportation|"
          r"removal proceeding|\b8 u\.?s\.?c)")
RESTRICT = _rx(
    r"\b(shall not|may not|must not|will not|cannot|can ?not|shall (decline|refrain|deny|refuse)|"
    r"not (be )?(used|permitted|allowed|authorized|honou?red|detained|held|granted|given|"
    r"shared|disclosed|provided|admitted|entered into)|(is|are|be) (hereby )?(prohibited|"
    r"barred|forbidden)|prohibit(s|ed)?\b|\bno\b[^.;]{0,100}\b(shall|may|will|is|are)\b(?! not)|"
    r"only (if|when|upon|where|after|with|for|in|to)\b|unless|except (as|where|when|if|to|"
    r"for)|declines?|refrains?|forbid|neither|nor (shall|may|will)|not (enter|sign|renew|"
    r"participate|inquire|ask|honou?r|comply|respond|share|disclose|provide|assist|use)|"
    r"without (a|an|the) (judicial|signed|valid|criminal|court))\b")
HORTATORY = _rx(r"\b(urges?|encourages?|requests? that|calls? (up)?on|asks? (that|the|all|"
                r"congress|federal|ice|immigration|u\.s\.)|respectfully)\b")
EXCEPTION_SENTENCE = _rx(r"^(nothing in this|this (section|chapter|ordinance|policy|order|"
                         r"article|resolution) (does|shall) not (prohibit|prevent|restrict|"
                         r"limit|apply)|notwithstanding)")

WARRANT = _rx(r"(judicial (warrant|order|probable cause|determination)|warrant (signed|issued) "
              r"by (a|an) (federal |state )?(judge|magistrate|court)|(signed|issued) by (a|an) "
              r"(federal |state )?(judge|magistrate|court)|court order|order (of|from) (a|the) "
              r"court|criminal warrant|judicially|signed by a judge|judge'?s (warrant|order)|judge "
              r"(has |have )?(signed|issued|ordered))")
FELONY = _rx(r"(serious (or|and|and/or) violent|violent (or|and) serious|serious felon|"
             r"violent felon|felony conviction|convicted of (a|any) (serious|violent|felony)|"
             r"serious (offense|crime)|violent (offense|crime)|serious or violent)")
STATUS_CARVEOUT = _rx(r"(1373|1644|(not|nothing)[^.;]{0,120}(restrict|prohibit|prevent|limit)"
                      r"[^.;]{0,120}(citizenship|immigration status)|(citizenship|immigration)"
                      r"[- ]status information[^.;]{0,80}(not|exclud|outside|untouched))")


def _has(rx: str, text: str) -> bool:
    return re.search(rx, text, _F) is not None


# --- options from features -----------------------------------------------------------------
# Each chooser takes the lower-cased text of every sentence about the protection and whether
# any of them was restrictive, and returns (option suffix, whether a specific feature
# decided it). A default is "not specific", which lowers the confidence.

Choice = tuple[str, bool]


def _detainers(t: str, restrictive: bool) -> Choice:
    if _has(r"(reimburs|agree\w* in writing to pay|pay (all|the full)( of the)? costs|"
            r"at (federal|its own) expense)", t):
        return "reimbursement_condition", True
    if FELONY.search(t):
        if _has(r"(probable cause[^.;]{0,80}(charge|pending|felony)|pending (criminal |felony )?"
                r"charge)", t):
            return "serious_felony_carveout", True
        if _has(r"((at the time of|upon|at) (their |the person'?s |his or her |its )?release)"
                r"[^.;]{0,160}(transfer|hand|deliver|turn)|(transfer|hand|deliver|turn)\w*"
                r"[^.;]{0,160}(at the time of|upon|at) (their |the person'?s |his or her )?"
                r"release", t):
            return "no_holds_transfer_carveout", True
        if WARRANT.search(t) and _has(r"(\bboth\b|and (the person|the individual|he or she|"
                                      r"they|the inmate) (has|have|had|was|were) (also )?"
                                      r"(been )?convicted|in addition)", t):
            return "double_lock", True
        return "serious_felony_carveout", True
    return "judicial_warrant_only", bool(WARRANT.search(t) or _has(r"\b(any|no|all)\b", t))


def _notification(t: str, restrictive: bool) -> Choice:
    if FELONY.search(t):
        return "serious_felony_only", True
    if not restrictive:
        return "notice_to_person", True
    if STATUS_CARVEOUT.search(t):
        return "release_info_warrant", True
    if _has(r"(custody status|jail records|booking (records|information)|any information|"
            r"non-?public (information|records)|immigration status|citizenship|"
            r"(respond|answer)\w* (to )?(any )?(requests?|inquir|questions))", t):
        return "no_information", True
    return "release_info_warrant", False


def _interviews(t: str, restrictive: bool) -> Choice:
    warrant = bool(WARRANT.search(t))
    advise = _has(r"(right to (remain silent|refuse|decline|an attorney|counsel|speak|have)|"
                  r"may (decline|refuse)|advis\w*[^.;]{0,60}right)", t)
    consent = _has(r"(written consent|consent form|signs?[^.;]{0,40}(consent|form)|"
                   r"informed consent|(consents?|agrees?) in writing)", t)
    visitor = _has(r"(visitors?\b|same (rules|terms|procedures|manner) as|member of the public)",
                   t)
    if warrant and advise and _has(r"(telephon|phone|video|remote)", t):
        return "warrant_and_advisement", True
    if consent and not warrant:
        return "written_consent", True
    if visitor:
        return "visitor_rules", True
    if warrant:
        return "no_access", True
    if consent:
        return "written_consent", True
    return "no_access", False


def _status(t: str, restrictive: bool) -> Choice:
    if _has(r"(criminal investigation|relevant to (a|the|an) (crime|criminal|investigation|"
            r"offense)|necessary (to|for)[^.;]{0,40}(criminal|investigation))", t):
        return "criminal_investigation_only", True
    if _has(r"(advis|inform|tell|notify)\w*[^.;]{0,60}(not required|need not|(does|do) not have "
            r"to|right (not )?to (decline|refuse|not answer|remain silent)|may (decline|refuse)|"
            r"voluntary)", t):
        return "advise_right_not_to_answer", True
    if _has(r"((record|collect|maintain|retain|document|keep|store|register)\w*[^.;]{0,80}"
            r"(immigration status|citizenship|place of birth)|(condition|deny|withhold)\w*"
            r"[^.;]{0,80}(services|benefits)|place of birth|country of birth|birthplace)", t):
        return "no_inquiry_or_collection", True
    if _has(r"(initiate|discover|ascertain|investigat|determine)", t):
        return "dont_ask", True
    return "dont_ask", False


def _assistance(t: str, restrictive: bool) -> Choice:
    if _has(r"(emergenc|immediate (danger|threat|risk)|exigent|imminent|written (approval|"
            r"authorization)|approv\w+ (of|by|from) the (chief|sheriff|director|head|department "
            r"head|city manager|county executive))", t):
        return "emergency_or_approval", True
    if _has(r"((task forces?|joint operations?)[^.;]{0,200}(primary|main|principal) (purpose|"
            r"mission|focus)|(may|can) (continue to )?(participate|remain)[^.;]{0,80}task force|"
            r"nothing[^.;]{0,80}(criminal|task force))", t):
        return "resources_bar_with_task_forces", True
    if _has(r"(task forces?|joint operations?|traffic (control|perimeter)|perimeter|translat|"
            r"transport|raids?\b|sweeps?\b|checkpoint|identity check)", t):
        return "comprehensive_bar", True
    return "resources_bar_with_task_forces", bool(STATUS_CARVEOUT.search(t))


def _agreements(t: str, restrictive: bool) -> Choice:
    if _has(r"(public hearing|approv\w+[^.;]{0,60}(board|council|governing body|commission)|"
            r"(board|council|governing body|commission)[^.;]{0,60}approv|by ordinance)", t):
        return "approval_gate", True
    immediate = _has(r"(immediately|forthwith|at once|within (\d+|thirty|sixty|ninety) days|"
                     r"terminate (any|all|every|each) (existing|current))", t)
    if not immediate and _has(r"(expir|earliest date|winds? down|end of (its|the) (current )?"
                              r"term|until (it|the agreement) (ends|expires)|not be (extended|"
                              r"expanded))", t):
        return "no_new_wind_down", True
    return "prohibit_all", immediate


def _detention(t: str, restrictive: bool) -> Choice:
    if FELONY.search(t):
        return "violent_convictions_only", True
    if _has(r"(private|for-profit|privately)", t):
        return "ban_including_private", True
    if _has(r"(terminat|cancel|end (any|all|each|every) (existing|current)|no later than|"
            r"within (one|1|twelve|12|six|6|eighteen) (years?|months?))", t):
        return "ban_and_terminate", True
    if _has(r"(end of (its|their|the) (current )?term|run (to|until)|continue (until|through)|"
            r"additional beds|expan)", t):
        return "no_new_or_expanded", True
    return "ban_and_terminate", False


def _data(t: str, restrictive: bool) -> Choice:
    if _has(r"gang (database|list|designation|registry|file)", t):
        return "gang_database_safeguards", True
    if _has(r"(privacy officer|minimum|minimiz|need to know|audit)", t):
        return "minimization_framework", True
    warrant = bool(WARRANT.search(t))
    if STATUS_CARVEOUT.search(t):
        return ("database_firewall_status_carveout", True) if warrant else \
            ("no_civil_use_status_preserved", True)
    if warrant:
        return "judicial_warrant_firewall", True
    if _has(r"(unless|except as)[^.;]{0,40}(required|permitted) by (federal |state )?law", t):
        return "no_civil_use_status_preserved", True
    return "database_firewall_status_carveout", False


def _probation(t: str, restrictive: bool) -> Choice:
    if not restrictive:
        return "reporting_only", True
    if _has(r"(ask|inquir|record|include|note|consider)\w*[^.;]{0,60}(immigration status|"
            r"citizenship|place of birth|country of birth)", t) and \
            not STATUS_CARVEOUT.search(t):
        return "full_disentanglement", True
    return "no_personal_information", True


def _courthouse(t: str, restrictive: bool) -> Choice:
    if not restrictive:
        return "declaration_and_request", True
    if _has(r"(schedul|calendar|docket|travel|to or from|going to|coming from)", t):
        return "no_local_role_in_court_arrests", True
    if _has(r"(court rule|adopt (a )?rule|rule (of court|barring|prohibiting)|(request|ask|"
            r"urge)\w* [^.;]{0,60}(courts?|judicial council|chief judge|presiding judge))", t):
        return "no_local_assistance_request_rule", True
    if WARRANT.search(t):
        return "no_local_role_in_court_arrests", False
    return "no_local_assistance_request_rule", False


_OTHER_FACILITIES = (r"(librar|clinic|shelter|school|park|recreation|office|benefit|health|"
                     r"(any|all|every) (city|county|town|village|local|municipal) "
                     r"(facilit|building|propert|premises)|(city|county|town|village|municipal) "
                     r"(facilit|building|propert|premises))")


def _facilities(t: str, restrictive: bool) -> Choice:
    if _has(r"((adopt|develop|issue|establish)\w* (a )?(written )?(access )?polic|model polic|"
            r"sensitive (location|facilit|place))", t):
        return "sensitive_location_policies", True
    if _has(r"(jail|lockup|detention|police (facilit|station|department|building)|secure)", t) \
            and not _has(_OTHER_FACILITIES, t):
        return "secure_law_enforcement_areas", True
    return "judicial_warrant_all_facilities", bool(WARRANT.search(t))


def _legal(t: str, restrictive: bool) -> Choice:
    if _has(r"(universal|(all|every) (low-income |eligible )?(residents?|persons?|individuals?|"
            r"people)|regardless of (the )?(merits|criminal|likelihood)|merits|without regard "
            r"to)", t):
        return "universal_representation", True
    if _has(r"(\bnot\b|\bno\b)[^.;]{0,40}(pay for |fund )?(legal )?represent", t):
        return "navigation_services", True
    if _has(r"(priorit|exclud|matching|private (funds|contributions|donations|money)|families "
            r"with children|long-?time)", t):
        return "priority_fund", True
    if _has(r"(represent|defen[cs]e fund|legal defen[cs]e|(attorneys?|lawyers?|counsel)"
            r"[^.;]{0,40}(available|provided|appointed|assigned))", t):
        return "priority_fund", False
    return "navigation_services", True


def _transparency(t: str, restrictive: bool) -> Choice:
    if _has(r"(quarter|forum|community meeting|public meeting)", t):
        return "quarterly_reports_and_forum", True
    if _has(r"(semi-?annual|twice (a|each|per) year|every six months|annual|each year|every "
            r"year|yearly)", t):
        return "semiannual_report", True
    return "records_only", _has(r"public record", t)


def _enforcement(t: str, restrictive: bool) -> Choice:
    neg_damages = _has(r"\b(no|not|nor|without|cannot)\b[^.;]{0,60}damages", t)
    no_suit = _has(r"\b(no|not|nor|does not create|shall not (create|give rise|be construed))"
                   r"\b[^.;]{0,80}(private right|cause of action|right to sue)", t)
    if _has(r"damages", t) and not neg_damages and not no_suit:
        return "private_right_of_action", True
    if _has(r"(injunct|mandamus|writ of mandate|compel|equitable relief|declaratory|civil "
            r"action|bring (an )?(action|suit))", t) and not no_suit:
        return "injunctive_relief_only", True
    if _has(r"(complaint|grievance|oversight|inspector general|ombuds)", t):
        return "complaints_and_discipline", True
    return "training_no_private_action", no_suit


def _policing(t: str, restrictive: bool) -> Choice:
    cite = _has(r"(minor offen|misdemeanou?r|infraction|cite[- ]and[- ]release|citation in lieu|"
                r"in lieu of (a )?(custodial )?arrest)", t)
    unlicensed = _has(r"(driv\w+ without (a )?(valid )?(driver'?s )?licen[cs]e|unlicensed driv|"
                      r"no (valid )?driver'?s licen)", t)
    if cite and _has(r"(supervisor|quarter|publish|data)", t):
        return "cite_and_release", True
    if unlicensed:
        return "no_arrest_unlicensed_driving", True
    if cite:
        return "cite_and_release", False
    return "accept_alternative_identification", True


# --- topics: what a sentence must speak of to be about a protection -------------------------
# Each protection: alternatives, each a tuple of patterns that must all match.

Topic = tuple[tuple[re.Pattern[str], ...], ...]


def _t(*alternatives: tuple[str, ...]) -> Topic:
    return tuple(tuple(_rx(p) for p in alt) for alt in alternatives)


_IMM = IMM.pattern


@dataclass(frozen=True)
class Spec:
    protection: str
    words: tuple[str, ...]         # one of these must occur before any pattern is tried
    topic: Topic
    choose: Callable[[str, bool], Choice]
    restrictive: bool = True       # a sentence must restrict to establish the protection
    also: re.Pattern[str] | None = None  # ...or carry this cue instead
    needs_other: bool = False      # only counts beside some other protection
    needs_immigration: bool = False  # ...or in a text that speaks of immigration


# Words one of which a sentence must contain before a protection's patterns are tried
# (a cheap test that keeps a 30-page ordinance well under a second).
_WORDS: dict[str, tuple[str, ...]] = {
    "detainers": (
        "detain", "hold", "transfer", "247", "custody", "deliver", "hand", "turn", "releas",
        "arrest", "book"
    ),
    "notification": ("releas", "custody", "booking", "records"),
    "interview_consent": (
        "interview", "question", "speak", "talk", "access", "office", "desk", "computer", "space"
    ),
    "status_inquiry": ("status", "citizenship", "birth"),
    "general_assistance": ("immigration", "task force", "joint operation"),
    "agreements_287g": (
        "287", "1357", "deputiz", "immigration officer", "immigration agent", "cross-designat"
    ),
    "detention_contracts": ("detention", "detain", "hous", "rent", "lease", "sell", "bed"),
    "data_sharing": ("information", "address", "record", "data", "gang"),
    "probation": (
        "probation", "pretrial", "pre-trial", "community corrections", "community supervision"
    ),
    "courthouse": ("court", "judicial facilit", "judicial building"),
    "facility_access": (
        "area", "portion", "space", "part", "section", "office", "facilit", "building", "propert",
        "premises", "polic"
    ),
    "legal_representation": (
        "removal", "deportation", "immigration court", "immigration proceeding", "immigration case",
        "immigration matter", "immigration legal", "immigration attorney", "immigration lawyer"
    ),
    "transparency": ("request", "detainer", "notification", "contact", "inquiries", "hold"),
    "enforcement": (
        "action", "sue", "injunct", "mandate", "mandamus", "damages", "complaint", "grievance",
        "disciplin", "train", "procedures", "distribut"
    ),
    "policing": (
        "citation", "cite", "notice to appear", "in lieu", "custodial arrest", "driv", "licen",
        "consular", "matr", "municipal id", "identification", "passport"
    ),
}


SPECS: tuple[Spec, ...] = (
    Spec("detainers", _WORDS["detainers"], _t(
        (r"(detainers?\b|immigration holds?|hold requests?|i-?247|transfer requests?)",),
        (r"(detain|hold|keep|maintain|custody)\w*[^.;]{0,150}(beyond|past|after|longer than)"
         r"[^.;]{0,60}(release|eligible|scheduled|sentence|48 hours|bail|bond)", _IMM),
        (r"(detain|hold|keep|maintain|custody)\w*[^.;]{0,120}(otherwise (be )?(released|"
         r"eligible)|(would|could|should|is to) (otherwise )?be released)", _IMM),
        (r"(transfer|hand\w* over|turn\w* over|deliver|release)\w*[^.;]{0,80}(to|into the "
         r"custody of|into)\s[^.;]{0,40}(immigration|\bice\b|dhs|homeland security)",),
        (r"(arrest|detain|book)\w*[^.;]{0,100}(administrative (immigration )?warrant|civil "
         r"(immigration )?warrant|ncic|database)",),
    ), _detainers),
    Spec("notification", _WORDS["notification"], _t(
        (r"(release dates?|release times?|date (and time )?of (their |the person'?s )?release|"
         r"time of (their |the person'?s )?release|release information|scheduled release|"
         r"upcoming release|(date|time|place|location)[^.;]{0,40}\brelease|(notif|notice|"
         r"inform|tell|advise|alert)\w*[^.;]{0,80}(releas|custody "
         r"status|in custody))", _IMM),
        (r"(custody status|booking (information|records)|jail records|inmate records|"
         r"(information|records) (about|regarding|concerning|on) (persons|individuals|people|"
         r"inmates|anyone) in (its |their )?custody)", _IMM),
    ), _notification, also=_rx(r"(copy of (the|any|each|every) (request|notification|detainer)|"
                               r"at the same time|simultaneously)")),
    Spec("interview_consent", _WORDS["interview_consent"], _t(
        (r"(interview|questioning|question\b(?! about)|speak with|talk (to|with)|access to)\w*"
         r"[^.;]{0,100}(persons?|"
         r"individuals?|inmates?|detainees?|people|anyone|someone)[^.;]{0,40}(in (its |the |"
         r"their )?(custody|jail)|detained|incarcerat|held|confined)", _IMM),
        (r"\binterview", _IMM, r"(custody|jail|detention|inmate|detainee|incarcerat)"),
        (r"(office space|desks?\b|dedicated (space|office)|computer (access|terminal)|"
         r"work ?space)", _IMM, r"(jail|detention|facilit|custody)"),
    ), _interviews, also=_rx(r"(consent form|written consent|signs?[^.;]{0,40}consent|"
                             r"(consents?|agrees?) in writing)")),
    Spec("status_inquiry", _WORDS["status_inquiry"], _t(
        (r"(inquir|ask|question|request|elicit|solicit|demand)\w*[^.;]{0,100}(immigration "
         r"status|citizenship|place of birth|country of birth|birthplace|immigration or "
         r"citizenship)",),
        (r"(discover|ascertain|determine|investigate|learn|verify)\w*[^.;]{0,60}(immigration|"
         r"citizenship) status",),
        (r"(stop|detain|hold|arrest|threaten)\w*[^.;]{0,80}(suspected|perceived|actual)? ?"
         r"immigration status",),
        (r"(condition|deny|withhold|refuse)\w*[^.;]{0,80}(services|benefits|assistance)"
         r"[^.;]{0,80}(immigration status|citizenship)",),
    ), _status),
    Spec("general_assistance", _WORDS["general_assistance"], _t(
        (r"(funds?|monies|money|resources|personnel|staff|employees?|time|property|equipment|"
         r"facilities|vehicles|assets)\b[^.;]{0,150}(immigration enforcement|enforce\w* "
         r"(of )?(the )?(federal )?(civil )?immigration|immigration law enforcement|assist\w* "
         r"(federal )?(immigration|\bice\b)|immigration (operations|raids|sweeps)|civil "
         r"immigration (violation|law|status|matter))",),
        (r"(task forces?|joint operations?)", _IMM),
        (r"(assist|cooperat|aid|help|participat|support)\w*[^.;]{0,80}(enforcement of "
         r"(federal )?(civil )?immigration|(civil )?immigration enforcement|immigration "
         r"(operations|raids|sweeps|arrests)|civil immigration (violation|law|matter))",),
    ), _assistance),
    Spec("agreements_287g", _WORDS["agreements_287g"], _t(
        (r"(287\s*\(?g\)?|1357\s*\(g\)|deputiz|(perform|exercise|carry out)\w* (the )?"
         r"(functions|duties|powers) of (an? )?(federal )?immigration officers?|act as "
         r"(federal )?immigration (officers|agents)|cross-designat)",),
    ), _agreements),
    Spec("detention_contracts", _WORDS["detention_contracts"], _t(
        (r"(contracts?|agreements?|intergovernmental|igsa|lease|rent|sell|bed ?space|beds)\b"
         r"[^.;]{0,150}(immigration detention|detain\w* [^.;]{0,40}(for|on behalf of) (the )?"
         r"(federal )?(\bice\b|immigration)|immigration detainees|civil immigration "
         r"(detainees|detention)|hous\w* [^.;]{0,60}(for|on behalf of) (the )?(federal )?"
         r"(\bice\b|immigration))",),
        (r"(rent|lease|sell)\w*[^.;]{0,40}(jail |beds?\b)[^.;]{0,60}(to|for) (the )?(federal )?"
         r"(immigration|\bice\b)",),
        (r"immigration detention (facilit|center|centre)",),
        (r"(contracts?|agreements?)\b[^.;]{0,150}detention of (persons|people|individuals|"
         r"noncitizens|immigrants)[^.;]{0,60}immigration",),
    ), _detention),
    Spec("data_sharing", _WORDS["data_sharing"], _t(
        (r"(personal(ly)? (identif\w+ )?information|confidential information|personal data|"
         r"(home|work|residential) address|contact information|information (about|regarding|"
         r"concerning) (a|any) (person|individual|resident|client)|records?\b|databases?|"
         r"data ?bases?|data systems?|information systems?)",
         r"(shar|disclos|provid|releas|access|transmit|give|furnish|use|search)", _IMM),
        (r"gang (database|list|designation|registry|file)",),
    ), _data),
    Spec("probation", _WORDS["probation"], _t(
        (r"(probation|pretrial|pre-trial|community corrections|community supervision)", _IMM),
    ), _probation, also=_rx(r"(log|record|track|report)\w*[^.;]{0,80}(contact|request|"
                             r"communication)")),
    Spec("courthouse", _WORDS["courthouse"], _t(
        (r"(courthouses?|court (facilit|building|house|premises|propert)|courts?\b[^.;]{0,40}"
         r"(facilit|building|proceeding|hearing|appearance)|(to|from) (a |any )?court\b|"
         r"judicial (facilit|building))", r"(immigration|\bice\b|homeland security)"),
    ), _courthouse, also=HORTATORY),
    Spec("facility_access", _WORDS["facility_access"], _t(
        (r"((non-?public|staff-only|restricted|secure|private|employee-only) (areas?|portions?|"
         r"spaces?|parts?|sections?|offices?)|(areas?|portions?|spaces?|parts?)[^.;]{0,60}"
         r"(closed|not open) to the (general )?public)", r"(enter|entry|access|admit|consent)",
         _IMM),
        (r"(enter|entry|access)\w*[^.;]{0,80}(city|county|municipal|town|village|public|"
         r"covered|local) (facilit|building|propert|premises|offices)", _IMM),
        (r"(adopt|develop|issue)\w* (a )?(written )?polic[^.;]{0,80}(access|entry)", _IMM),
    ), _facilities, also=_rx(r"(adopt|develop|issue|establish)\w* (a )?(written )?(access )?"
                             r"polic")),
    Spec("legal_representation", _WORDS["legal_representation"], _t(
        (r"(legal (representation|services|defen[cs]e|counsel|aid|assistance)|attorneys?|"
         r"lawyers?|counsel\b|representation|know[- ]your[- ]rights|legal screening)",
         r"(removal|deportation|immigration (court|proceeding|case|matter|legal|"
         r"attorney|lawyer))",

         r"(fund|program|establish|appropriat|contract|provide|grant|pay|available|offer)"),
    ), _legal, restrictive=False),
    Spec("transparency", _WORDS["transparency"], _t(
        (r"\b(record|log|track|report|compile|publish|document|tally|(maintain|keep)\w*"
         r"[^.;]{0,20}(records?|logs?|data|statistics))\w*",

         r"(requests?\b[^.;]{0,12}\b(from|by|for|made|received|it receives|they receive)\b|"
         r"(hold|detainer|notification|interview|transfer|enforcement|information|ice|"
         r"immigration) requests?\b|detainers?|immigration holds?\b|contacts? with|inquiries "
         r"from)", _IMM),

    ), _transparency, restrictive=False),
    Spec("enforcement", _WORDS["enforcement"], _t(
        (r"(private right of action|cause of action|civil action|bring (an )?(action|suit|"
         r"lawsuit)|\bsue\b|injunct|writ of mandate|mandamus|damages)",),
        (r"(complaints?|grievances?)[^.;]{0,150}(violat|investigat|file)",),
        (r"(disciplin|training|train\w*|written procedures|distribut)\w*[^.;]{0,150}(this "
         r"(ordinance|chapter|policy|order|section|article|resolution|directive)|violat)",),
    ), _enforcement, restrictive=False, needs_other=True),
    Spec("policing", _WORDS["policing"], _t(
        (r"(citations?|cite[- ]and[- ]release|notice to appear|in lieu of (a )?(custodial )?"
         r"arrest|custodial arrest)", r"(offen[cs]e|misdemeanou?r|infraction|arrest)"),
        (r"(driv\w+ without (a )?(valid )?(driver'?s )?licen[cs]e|unlicensed driv|no (valid )?"
         r"driver'?s licen)",),
        (r"(consular (id|identification|card)|matr[íi]cula|municipal (id|identification)|"
         r"foreign (passport|driver|licen|identification)|(local|city|county) (id|"
         r"identification) cards?)",),
    ), _policing, restrictive=False, needs_immigration=True),
)
SPEC_BY_ID = {s.protection: s for s in SPECS}


# --- sentences ---------------------------------------------------------------------------

_ABBREV = re.compile(r"(\b(U\.S|U\.S\.C|Sec|No|Nos|e\.g|i\.e|etc|Inc|Co|Corp|St|Stat|Gov|"
                     r"Ord|Res|Art|Ch|Cal|Mr|Ms|Mrs|Dr|Jr|Sr|v|vs|seq|al|cf|Pub|L|[A-Z])\.)$")
_BOUNDARY = re.compile(r"(?<=[.;:])\s+(?=[\"“(A-Z0-9])")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or semicolon-separated item; abbreviations such as
    'U.S.' and 'Sec.' do not end one."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if _ABBREV.search(text[max(start, m.start() - 12):m.start()]):
            continue
        out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


@dataclass
class Hit:
    protection: str
    ref: str          # the passage's reference, e.g. "Section 3(b)"
    section: str      # the section's reference, e.g. "Section 3"
    index: int        # paragraph number in the extracted text
    start: int        # the sentence's span in that extracted paragraph

    end: int
    quote: str
    establishes: bool


@dataclass
class Match:
    protection: str
    option: str       # the option suffix; report.py resolves it against the library
    specific: bool
    confidence: float
    hits: list[Hit] = field(default_factory=list)

    @property
    def establishing(self) -> list[Hit]:
        return [h for h in self.hits if h.establishes]


def _topic(spec: Spec, low: str) -> bool:
    if not any(w in low for w in spec.words):
        return False
    return any(all(rx.search(low) for rx in alt) for alt in spec.topic)


_PROBATION_SUBJECT = _rx(r"^\W*(\(\w+\)\s*)?(the |no |any |all |every )?([\w-]+ ){0,2}"
                         r"(probation|pretrial|pre-trial)")
_PROBATION = _rx(r"(probation|pretrial|pre-trial)")


def _suppress(found: set[str], low: str, probation_scope: bool = False) -> set[str]:
    """One sentence, one subject: words that pin a sentence to a narrower protection keep
    broader ones from claiming it too (a probation officer's duty is not a data-sharing
    rule; a release-date rule is not the general information firewall)."""
    if probation_scope:
        # in a probation department's policy, its officers' rules are probation rules
        moved = found & {"probation", "status_inquiry", "data_sharing", "notification"}
        if moved:
            found = (found - moved) | {"probation"}
    elif "probation" in found:
        if _PROBATION_SUBJECT.search(low):
            return {"probation"}
        found -= {"probation"}

    if "detainers" in found and "notification" in found and not re.search(
            r"(notif|inform|tell|notice|disclos|share|provide|give)", low):
        found -= {"notification"}
    if "courthouse" in found:
        found -= {"data_sharing", "general_assistance", "facility_access", "transparency",
                  "detainers"}
    if "notification" in found:
        found -= {"data_sharing", "transparency"}
    if "interview_consent" in found:
        found -= {"facility_access", "data_sharing", "notification"}
    if "agreements_287g" in found:
        found -= {"general_assistance", "detainers"}
    if "detention_contracts" in found:
        found -= {"detainers", "general_assistance", "notification", "transparency"}
    if "legal_representation" in found:
        found -= {"transparency", "enforcement"}
    if "transparency" in found and re.search(r"(report|provide|send|give)\w*[^.;]{0,30}\bto "
                                             r"(\bice\b|immigration|dhs|homeland)", low):
        found -= {"transparency"}  # reporting to ICE is cooperation, not transparency
    if "transparency" in found:

        found -= {"detainers", "notification", "data_sharing", "interview_consent",
                  "enforcement"}
    if "general_assistance" in found and "data_sharing" in found:
        resources = len(re.findall(r"\b(funds?|monies|money|personnel|staff|property|equipment|"
                                   r"facilities|vehicles|resources|buildings)\b", low))
        if resources >= 3:
            found -= {"data_sharing"}  # "information" in a list of resources
        elif not re.search(r"\b(assist|cooperat|aid|help|participat|support|locat|arrest)",
                           low):
            found -= {"general_assistance"}


    if "status_inquiry" in found:
        found -= {"data_sharing"} if not re.search(r"(share|disclos|provide)", low) else set()
    return found


_ITEM = re.compile(r"^\s*\(?(\d{1,3}|[a-z]{1,2}|[ivx]{1,5}|[A-Z])[.)]\s")


def _scope(texts: list[str]) -> bool:

    return any(_PROBATION.search(t) for t in texts)


def find_protections(sections: list[Section]) -> list[Match]:
    hits: dict[str, list[Hit]] = {}
    restrictive: dict[str, bool] = {}
    first = [p.text for s in sections[:2] for p in s.passages[:3]] + \
        [s.heading for s in sections[:2]]
    doc_probation = _scope(first[:4])
    for sec in sections:
        operative = [p for p in sec.passages if p.operative]
        if not operative:
            continue
        # a section that names immigration anywhere speaks of it throughout: "(b) Agents
        # may speak with a person in custody..." after "(a) Immigration agents..."
        sec_imm = any(IMM.search(p.text) for p in sec.passages) or bool(IMM.search(sec.heading))
        probation_scope = doc_probation or _scope([sec.heading]) or (
            bool(sec.passages) and bool(_PROBATION_SUBJECT.search(sec.passages[0].text)))
        lead_in = False  # "no employee shall:" before a list whose items have no verb of it
        for passage in operative:
            text = passage.text
            previous: set[str] = set()
            item = bool(_ITEM.match(text))
            inherited = lead_in and item
            if not item:
                lead_in = False
            if text.rstrip().endswith(":"):
                lead_in = bool(RESTRICT.search(text.lower()))
            for s, e in sentences(text):
                sentence = text[s:e]
                low = sentence.lower()
                if len(low) < 25:
                    previous = set()
                    continue
                probe = low if not sec_imm or IMM.search(low) else low + " (immigration)"
                topics = {spec.protection for spec in SPECS if _topic(spec, probe)}
                # with no subject of its own, a sentence continues the one before: "Any
                # existing agreement shall not be renewed." follows the one naming it
                topics = _suppress(topics, low, probation_scope) if topics else set(previous)
                previous = topics
                if not topics:
                    continue
                exception = bool(EXCEPTION_SENTENCE.search(low))
                hortatory = not inherited and bool(HORTATORY.search(low)) and not re.search(
                    r"\b(shall|must|may not|will not)\b", low)

                restricts = (inherited or bool(RESTRICT.search(low))) and not hortatory
                for pid in topics:
                    spec = SPEC_BY_ID[pid]
                    also = bool(spec.also and spec.also.search(low))
                    if pid == "courthouse":
                        ok = restricts or hortatory
                    elif hortatory:
                        ok = False  # asking someone else to act establishes nothing
                    else:
                        ok = restricts or also or not spec.restrictive
                    establishes = ok and not exception
                    at = passage.offset
                    hits.setdefault(pid, []).append(Hit(pid, passage.ref, sec.ref,
                                                        passage.index, at + s, at + e,
                                                        sentence.strip(), establishes))
                    if establishes and restricts:
                        restrictive[pid] = True
    out: list[Match] = []
    for spec in SPECS:
        mine = hits.get(spec.protection, [])
        if not any(h.establishes for h in mine):
            continue
        others = any(any(h.establishes for h in hits.get(o.protection, []))
                     for o in SPECS if not (o.needs_other or o.needs_immigration))
        if spec.needs_other and not others:
            continue
        if spec.needs_immigration and not others and sum(
                1 for s in sections for p in s.passages if IMM.search(p.text)) < 2:
            continue  # cite-and-release alone is a policing rule, not an immigration one
        t = " ".join(h.quote.lower() for h in mine)
        suffix, specific = spec.choose(t, restrictive.get(spec.protection, False))
        n = len({h.ref for h in mine if h.establishes})
        conf = 0.55 + (0.2 if specific else 0.0) + min(0.2, 0.07 * (n - 1))
        out.append(Match(spec.protection, suffix, specific, round(min(conf, 0.95), 2), mine))
    return out
