"""Acts and reach: which acts of a local draft a provision speaks to, for whom.

A clause option lists the acts it restricts (`Clause.acts`); a provision lists the acts it
blocks, requires or protects and whom it binds (`Provision.binds`). A provision reaches an
act of the draft when one of its binders covers the act's actor (`vocab.ACTS`) for the
draft's kind: a state-agencies-only order, a DMV law or a schools rule reaches none.
"""

from __future__ import annotations

from functools import lru_cache

from drafter.vocab import ACTS, PROTECTION_ACTS, binder_actors


def protection_acts(protection: str) -> frozenset[str]:
    return PROTECTION_ACTS.get(protection, frozenset())


def actor(act: str) -> str:
    return ACTS[act][1] if act in ACTS else "all"


@lru_cache(maxsize=1024)
def reach(binds: frozenset[str], kind: str | None) -> frozenset[str]:
    """The local actors (jail, police, probation, all) these binders cover."""
    out: frozenset[str] = frozenset()
    for b in binds:
        out |= binder_actors(b, kind)
    return out


def covers(actors: frozenset[str], act: str) -> str:
    """How far a provision binding `actors` reaches one act: "full", "partial" (it binds
    some of the jurisdiction's officers but the act is every department's), or ""."""
    who = actor(act)
    if who in actors or "all" in actors:
        return "full"
    if who == "all" and actors:
        return "partial"
    return ""


def act_label(act: str) -> str:
    return ACTS[act][0] if act in ACTS else act.replace("_", " ")


def acts_phrase(acts: frozenset[str] | set[str] | list[str]) -> str:
    """Acts as readable English, in vocabulary order."""
    names = [ACTS[a][0] for a in ACTS if a in acts]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return "; ".join(names[:-1]) + " and " + names[-1]
