"""The open draft and everything derived from it: the one object the views share.

`Workspace` owns the draft, the undo stack and the latest `Analysis` (the assembled
document and the preemption report). Views never change the draft directly: they
push commands (`gui.commands`), the commands call the small mutation methods here, and the
workspace re-assembles and re-checks once per change and tells the views through signals.

Signals:
    clauses_changed(): the chosen clauses, their order or wording changed.
    fields_changed(): jurisdiction, ordinance or export options changed.
    state_changed(str): the draft's state changed (library verdict badges depend on it).
    draft_replaced(): a different draft was loaded (new, open, restore).
    analysis_ready(object): a new `Analysis` is available.
"""

from __future__ import annotations

import copy
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from drafter.errors import DrafterError, FillInError
from drafter.load.draft import ChosenClause, Draft, ExportOptions, Jurisdiction, Ordinance

if TYPE_CHECKING:
    from drafter.check.engine import Report
    from drafter.gui.checking import Checks
    from drafter.load.library import Library
    from drafter.ordinance.document import Document

logger = logging.getLogger(__name__)

@dataclass
class Fields:
    """Everything the jurisdiction form edits, as one undoable value."""

    jurisdiction: Jurisdiction
    ordinance: Ordinance
    export: ExportOptions

    def copy(self) -> Fields:
        return copy.deepcopy(self)


@dataclass
class Analysis:
    """What the draft currently produces."""

    document: Document | None = None
    error: DrafterError | None = None        # assembly failed (e.g. a FillInError)
    error_clause: str | None = None          # the clause the error names, if any
    report: Report | None = None
    check_error: str = ""                    # why there is no report
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.document is not None


class Workspace(QObject):
    clauses_changed = Signal()
    fields_changed = Signal()
    state_changed = Signal(str)
    draft_replaced = Signal()
    analysis_ready = Signal(object)

    def __init__(self, library: Library, checks: Checks, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.checks = checks
        self.draft = Draft()
        self.undo = QUndoStack(self)
        self.analysis = Analysis()
        self._last_document: Document | None = None

    # --- whole drafts ------------------------------------------------------------------

    def set_draft(self, draft: Draft, dirty: bool = False) -> None:
        """Replace the open draft (new, open, restore); clears undo history."""
        self.draft = draft
        self.undo.clear()
        if dirty:
            self.undo.resetClean()
        else:
            self.undo.setClean()
        self._last_document = None
        self.draft_replaced.emit()
        self.state_changed.emit(draft.jurisdiction.state)
        self.refresh()

    @property
    def path(self) -> Path | None:
        return self.draft.path

    @property
    def modified(self) -> bool:
        return not self.undo.isClean()

    def display_name(self) -> str:
        if self.draft.path is not None:
            return self.draft.path.name
        name = self.draft.jurisdiction.name
        return f"Untitled — {name}" if name else "Untitled"

    # --- queries -----------------------------------------------------------------------

    def index_of(self, clause_id: str) -> int:
        for i, c in enumerate(self.draft.clauses):
            if c.id == clause_id:
                return i
        return -1

    def chosen(self, clause_id: str) -> ChosenClause | None:
        i = self.index_of(clause_id)
        return self.draft.clauses[i] if i >= 0 else None

    def chosen_for_protection(self, protection: str) -> ChosenClause | None:
        for c in self.draft.clauses:
            cl = self.library.clauses.get(c.id)
            if cl is not None and cl.protection == protection:
                return c
        return None

    def fields(self) -> Fields:
        d = self.draft
        return Fields(d.jurisdiction, d.ordinance, d.export).copy()

    # --- mutations (called by undo commands only) -------------------------------------

    def insert_clause(self, index: int, chosen: ChosenClause) -> None:
        index = max(0, min(index, len(self.draft.clauses)))
        self.draft.clauses.insert(index, ChosenClause(chosen.id, chosen.text))
        self._clauses_changed()

    def remove_clause(self, clause_id: str) -> tuple[int, ChosenClause]:
        i = self.index_of(clause_id)
        if i < 0:
            raise DrafterError(f"clause '{clause_id}' is not in the draft")
        removed = self.draft.clauses.pop(i)
        self._clauses_changed()
        return i, removed

    def replace_clause(self, old_id: str, new: ChosenClause) -> ChosenClause:
        i = self.index_of(old_id)
        if i < 0:
            raise DrafterError(f"clause '{old_id}' is not in the draft")
        previous = self.draft.clauses[i]
        self.draft.clauses[i] = ChosenClause(new.id, new.text)
        self._clauses_changed()
        return previous

    def move_clause(self, clause_id: str, to: int) -> int:
        """Move a clause to position `to` (after removal); returns where it was."""
        i = self.index_of(clause_id)
        item = self.draft.clauses.pop(i)
        to = max(0, min(to, len(self.draft.clauses)))
        self.draft.clauses.insert(to, item)
        self._clauses_changed()
        return i

    def set_clause_text(self, clause_id: str, text: str | None) -> None:
        c = self.chosen(clause_id)
        if c is None:
            raise DrafterError(f"clause '{clause_id}' is not in the draft")
        c.text = text
        self._clauses_changed()

    def apply_fields(self, fields: Fields) -> None:
        old_state = self.draft.jurisdiction.state
        f = fields.copy()
        self.draft.jurisdiction, self.draft.ordinance, self.draft.export = (
            f.jurisdiction, f.ordinance, f.export)
        self.fields_changed.emit()
        if f.jurisdiction.state != old_state:
            self.state_changed.emit(f.jurisdiction.state)
        self.refresh()

    def _clauses_changed(self) -> None:
        self.clauses_changed.emit()
        self.refresh()

    # --- derived -----------------------------------------------------------------------

    def refresh(self) -> Analysis:
        """Assemble and check the draft now; emits `analysis_ready`."""
        from drafter.ordinance.assemble import assemble  # first use after the window shows (jinja2)

        t0 = time.perf_counter()
        a = Analysis()
        try:
            a.document = assemble(self.draft, self.library)
            self._last_document = a.document
        except DrafterError as exc:
            a.error = exc
            a.error_clause = exc.clause if isinstance(exc, FillInError) else None
            logger.info("draft does not assemble: %s", exc)
        t1 = time.perf_counter()
        try:
            a.report = self.checks.check_draft(self.draft, self.library)
            if a.report is None:
                a.check_error = self.checks.error or (
                    "" if self.draft.jurisdiction.state else
                    "Choose the state in the jurisdiction form to check against state law.")
        except DrafterError as exc:
            a.check_error = f"The preemption check failed: {exc.problem}"
            logger.warning("%s", a.check_error)
        t2 = time.perf_counter()
        a.timings = {"assemble_ms": (t1 - t0) * 1000, "check_ms": (t2 - t1) * 1000}
        self.analysis = a
        self.analysis_ready.emit(a)
        return a

    @property
    def last_good_document(self) -> Document | None:
        """The most recent document that assembled (the preview keeps showing it, dimmed,
        while the draft has an error)."""
        return self._last_document
