"""What state law already requires a locality to do, for wording the ordinance around it.

A recital that calls detainer compliance "voluntary" is true of federal law and false in
Texas, whose statute makes jails honour detainers. The ordinance's findings must not tell
a council something its own state's law contradicts, so assembly asks this module which
acts the state requires of the draft's kind of government, today.
"""

from __future__ import annotations

import datetime as dt

from drafter.check.acts import covers, reach
from drafter.check.laws import LawBook


def required_acts(book: LawBook, state: str, kind: str | None,
                  day: dt.date | None = None) -> frozenset[str]:
    """Acts that a state law in force on `day` requires of a locality of `kind`."""
    day = day or dt.date.today()
    st = book.states.get(state.upper())
    if st is None:
        return frozenset()
    out: set[str] = set()
    for law in st.laws:
        if law.status != "in_force" or (law.effective is not None and law.effective > day):
            continue
        for prov in law.provisions:
            actors = reach(prov.binds, kind)
            out |= {a for a in prov.acts("requires") if covers(actors, a)}
    return frozenset(out)
