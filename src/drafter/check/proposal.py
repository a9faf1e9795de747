"""What a new draft should start with: per protection, the option nearest the strength
asked for among those the state does not block and the place can carry out.

`drafter new` and the app's new-draft wizard both start from this, so a draft in a
preempting state never begins with a clause `drafter check` would call blocked, and the
user is told which protections were left out and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from drafter.check.engine import clause_verdict, decisive
from drafter.check.laws import LawBook
from drafter.load.draft import Draft
from drafter.load.library import Clause, Library, nearest_option
from drafter.ordinance.localgov import clause_kind
from drafter.vocab import AGENCY_LABELS, KIND_WORDS


@dataclass
class Proposal:
    chosen: list[Clause] = field(default_factory=list)
    verdicts: dict[str, str] = field(default_factory=dict)   # clause id -> verdict
    all_blocked: list[str] = field(default_factory=list)      # protections, every option blocked
    unfit: dict[str, str] = field(default_factory=dict)       # protection -> why none fits

    def notes(self, library: Library) -> list[str]:
        """One plain line per protection left out."""
        out = []
        for pid in self.all_blocked:
            out.append(f"{library.protections[pid].title}: every option is blocked by state "
                       "law; none was added")
        for pid, why in self.unfit.items():
            out.append(f"{library.protections[pid].title}: {why}; none was added")
        return out


def _fits(c: Clause, draft: Draft) -> bool:
    j = draft.jurisdiction
    kind = clause_kind(j.state, j.kind)
    return (not c.kinds or kind in c.kinds) and all(j.agency(a) for a in c.agencies)


def _unfit_reason(options: list[Clause], draft: Draft) -> str:
    j = draft.jurisdiction
    kind = clause_kind(j.state, j.kind)
    if not any(not c.kinds or kind in c.kinds for c in options):
        return f"no option is written for a {KIND_WORDS.get(j.kind, j.kind).lower()}"
    needed = sorted({a for c in options for a in c.agencies if not j.agency(a)})
    names = ", ".join(AGENCY_LABELS.get(a, a).lower() for a in needed)
    return f"every option needs an agency the draft does not name ({names})"


def propose(draft: Draft, library: Library, lawbook: LawBook, protections: list[str],
            strength: str = "strongest", today: dt.date | None = None) -> Proposal:
    j = draft.jurisdiction
    out = Proposal()
    for pid in protections:
        options = library.options(pid)
        if not options:
            continue
        fitting = [c for c in options if _fits(c, draft)]
        if not fitting:
            out.unfit[pid] = _unfit_reason(options, draft)
            continue
        verdicts = {}
        for c in fitting:
            top = decisive(clause_verdict(c, j.state, lawbook, today, kind=j.kind,
                                          savings_clause=draft.export.savings_clause))
            verdicts[c.id] = top.verdict if top is not None else "allowed"
        open_ = [c for c in fitting if verdicts[c.id] != "blocked"]
        best = nearest_option(open_, strength)
        if best is None:
            out.all_blocked.append(pid)
            continue
        out.chosen.append(best)
        out.verdicts[best.id] = verdicts[best.id]
    return out
