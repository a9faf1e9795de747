"""Federal pressure: the funding and litigation risk a clause draws, apart from its verdict.

A verdict says whether a clause is lawful; pressure says what federal money and federal
lawsuits it may put in play even when it is lawful (the 2025 executive orders on
"sanctuary jurisdictions", the published lists, grant conditions and the suits). The data
is `pressure:` in `laws/federal.yaml`: actions (what the federal government did, which
injunctions limit it and, where known, which states' localities they protect) and, per act,
a level (high, medium, low) and the actions it draws. A clause's pressure is the highest
level among the acts it restricts. It never changes a verdict.

The packet and the app call `clause_pressure` / `report_pressure`; `pressure_json` is the
shape `drafter check --json` prints under `pressure`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drafter.check.laws import LawBook
from drafter.load.library import Clause
from drafter.vocab import ACTS, STATES

LEVELS = ("high", "medium", "low")
_RANK = {"high": 3, "medium": 2, "low": 1}


@dataclass(frozen=True)
class Pressure:
    """The federal pressure one chosen clause draws."""

    clause: str
    protection: str
    level: str                        # high | medium | low
    acts: tuple[str, ...]             # the acts that draw it at that level
    actions: tuple[str, ...]          # ids of federal actions (federal.yaml pressure.actions)
    kinds: tuple[str, ...]            # funding | listing | litigation | prosecution
    summary: str                      # one short line for tables
    message: str                      # the full sentence(s)
    relief: tuple[str, ...] = ()      # injunctions that protect this state's localities


def _data(book: LawBook) -> dict[str, Any]:
    return book.federal.extra.get("pressure") or {"actions": {}, "acts": {}}


def clause_pressure(clause: Clause, state: str, book: LawBook, *,
                    savings_clause: bool = True) -> Pressure | None:
    """The pressure `clause` draws for a draft in `state`, or None when none of its acts
    draws any. With the savings section the clause no longer limits status information,
    so that act draws nothing (as in the verdicts)."""
    data = _data(book)
    acts = set(clause.restricted_acts)
    if savings_clause:
        acts.discard("status_records")
    entries = {a: data["acts"][a] for a in ACTS if a in acts and a in data["acts"]}
    if not entries:
        return None
    level = max((e["level"] for e in entries.values()), key=lambda lv: _RANK[lv])
    top = [a for a, e in entries.items() if e["level"] == level]
    ids: list[str] = []
    for a in top:
        ids += [i for i in entries[a]["actions"] if i not in ids]
    actions = [data["actions"][i] for i in ids if i in data["actions"]]
    kinds = tuple(k for k in ("funding", "listing", "litigation", "prosecution")
                  if any(k in act["kinds"] for act in actions))
    code = state.upper()
    relief = tuple(
        f"{act['action']}: enjoined for {STATES.get(code, code)} and its local governments "
        f"({_first_sentence(act['limited_by'])})"
        for act in actions if code in act["relief_states"] and act["limited_by"])
    limited = [f"{act['action']}: {_first_sentence(act['limited_by'])}" for act in actions
               if act["limited_by"] and code not in act["relief_states"]]
    notes = " ".join(dict.fromkeys(entries[a]["note"] for a in top if entries[a]["note"]))
    names = "; ".join(act["action"] for act in actions)
    parts = [f"Federal pressure: {level}.", notes]
    if names:
        parts.append(f"It draws: {names}.")
    if relief:
        parts.append("Protection: " + " ".join(_end(r) for r in relief))
    if limited:
        parts.append("Limits that may not cover this jurisdiction: "
                     + " ".join(_end(x) for x in limited))
    parts.append("This is a funding and litigation risk, not a legal verdict.")
    summary = f"{level}: " + (", ".join(kinds) if kinds else "federal attention")
    return Pressure(clause.id, clause.protection, level, tuple(top), tuple(ids), kinds,
                    summary, " ".join(p for p in parts if p), relief)


def _first_sentence(text: str) -> str:
    """The limitation as one clause (case names contain "v." so sentences are not split)."""
    return " ".join(text.split()).rstrip(".")


def _end(text: str) -> str:
    return text if text.endswith(".") else text + "."


def report_pressure(clauses: list[Clause], state: str, book: LawBook, *,
                    savings_clause: bool = True) -> list[Pressure]:
    """The pressure of each chosen clause that draws any, in draft order."""
    out = []
    for c in clauses:
        p = clause_pressure(c, state, book, savings_clause=savings_clause)
        if p is not None:
            out.append(p)
    return out


def overall(pressures: list[Pressure]) -> str | None:
    """The draft's pressure: the highest level among its clauses (None when none)."""
    if not pressures:
        return None
    return max((p.level for p in pressures), key=lambda lv: _RANK[lv])


def pressure_json(p: Pressure) -> dict[str, Any]:
    return {"clause": p.clause, "protection": p.protection, "level": p.level,
            "kinds": list(p.kinds), "acts": list(p.acts), "actions": list(p.actions),
            "summary": p.summary, "message": p.message, "relief": list(p.relief)}
