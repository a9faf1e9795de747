"""The app's access to the preemption engine (`drafter.check`), in one place.

The engine and its law data are loaded once. Verdicts for library options depend only on
the clause and the state, so they are cached per state: switching the state re-badges the
library once; typing in the jurisdiction form costs nothing here. If the law data cannot be
loaded the app still drafts, and says plainly that checks are unavailable.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drafter.errors import DrafterError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from drafter.check.engine import Finding, Report
    from drafter.load.draft import Draft
    from drafter.load.library import Clause, Library

logger = logging.getLogger(__name__)


@dataclass
class ClauseVerdict:
    verdict: str | None          # blocked | at_risk | allowed | state_law; None = unknown
    findings: list[Any]          # check.engine.Finding objects, worst first


def decisive(findings: Sequence[Finding]) -> Finding | None:
    """The finding that decides a clause's verdict. The app's only call site of the
    engine's rule (`Finding.rank`, as `Report.decisive` and `drafter check` use it), so the
    outline, the detail, the status bar and the comparison agree with the CLI."""
    from drafter.check.engine import decisive as engine_decisive

    return engine_decisive(findings)


def clause_counts(report: Report) -> dict[str, int]:
    """Chosen clauses per decisive verdict (not findings: a clause can have several)."""
    counts: dict[str, int] = {}
    for cid in report.clause_ids:
        top = decisive(report.for_clause(cid))
        if top is not None:
            counts[top.verdict] = counts.get(top.verdict, 0) + 1
    return counts


class Checks:
    """Loads the law book on first use and runs the engine for the app."""

    def __init__(self, lawbook: Any | None = None):
        self._lawbook = lawbook
        self.error = ""
        self._loaded = lawbook is not None
        self._cache: dict[tuple[str, str, bool], ClauseVerdict] = {}

    @property
    def lawbook(self) -> Any | None:
        if not self._loaded:
            self._loaded = True
            try:
                from drafter.check.laws import load_lawbook

                self._lawbook = load_lawbook()
            except DrafterError as exc:
                self.error = f"State law data could not be loaded: {exc.problem}"
                logger.error("%s", self.error)
            except ImportError as exc:
                self.error = f"Preemption checks are not available in this build ({exc})."
                logger.error("%s", self.error)
        return self._lawbook

    def check_draft(self, draft: Draft, library: Library) -> Any | None:
        """The engine's Report for the draft, or None when checks are unavailable.
        Raises DrafterError for problems the user can fix."""
        book = self.lawbook
        if book is None or not draft.jurisdiction.state:
            return None
        from drafter.check.engine import check_draft

        return check_draft(draft, library, book)

    def clause_verdict(self, clause: Clause, state: str, savings_clause: bool = True
                       ) -> ClauseVerdict:
        """The verdict of one library option under a state's law (cached)."""
        key = (clause.id, state, savings_clause)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        book = self.lawbook
        if book is None or not state:
            result = ClauseVerdict(None, [])
        else:
            from drafter.check.engine import clause_verdict

            try:
                found = list(clause_verdict(clause, state, book,
                                            savings_clause=savings_clause))
            except DrafterError as exc:
                logger.warning("no verdict for %s in %s: %s", clause.id, state, exc)
                found = []
            found.sort(key=lambda f: f.rank, reverse=True)  # decisive first (stable)
            top = decisive(found)
            result = ClauseVerdict(top.verdict if top is not None else None, found)
        self._cache[key] = result
        return result
