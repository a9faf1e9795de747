"""The preemption check: state and federal law data (`laws`) and the engine that turns it
into findings for the clauses of a draft (`engine`). Qt-free; the CLI and the GUI share it."""

from drafter.check.engine import (
    Finding,
    Report,
    check_draft,
    clause_verdict,
    decisive,
    report_json,
)
from drafter.check.laws import Institutions, Law, LawBook, Provision, StateLaw, load_lawbook

__all__ = [
    "Finding", "Institutions", "Law", "LawBook", "Provision", "Report", "StateLaw",
    "check_draft", "clause_verdict", "decisive", "load_lawbook",
    "report_json",
]
