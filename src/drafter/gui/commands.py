"""Undoable edits of the draft. Every change a user makes goes through one of these.

Commands name clauses by id (unique within a draft), never by row, so they stay correct
whatever the views show. Typing in the jurisdiction form arrives as `SetFields` commands
(already debounced by the form); consecutive edits of the same field merge, so one undo
takes back a word or a name rather than each pause in typing.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from drafter.load.draft import ChosenClause

if TYPE_CHECKING:
    from drafter.gui.workspace import Fields, Workspace

MERGE_SECONDS = 2.0
SET_FIELDS_ID = 1001


def _title(ws: Workspace, clause_id: str) -> str:
    c = ws.library.clauses.get(clause_id)
    return c.title if c else clause_id


class AddClause(QUndoCommand):
    def __init__(self, ws: Workspace, clause_id: str, index: int | None = None):
        super().__init__(f"Add “{_title(ws, clause_id)}”")
        self.ws, self.clause_id = ws, clause_id
        self.index = len(ws.draft.clauses) if index is None else index

    def redo(self) -> None:
        self.ws.insert_clause(self.index, ChosenClause(self.clause_id))

    def undo(self) -> None:
        self.ws.remove_clause(self.clause_id)


class RemoveClause(QUndoCommand):
    def __init__(self, ws: Workspace, clause_id: str):
        super().__init__(f"Remove “{_title(ws, clause_id)}”")
        self.ws, self.clause_id = ws, clause_id
        self.index = ws.index_of(clause_id)
        self.removed: ChosenClause | None = None

    def redo(self) -> None:
        self.index, self.removed = self.ws.remove_clause(self.clause_id)

    def undo(self) -> None:
        assert self.removed is not None
        self.ws.insert_clause(self.index, self.removed)


class ReplaceClause(QUndoCommand):
    """Swap the chosen option of a protection for another, keeping its place."""

    def __init__(self, ws: Workspace, old_id: str, new_id: str):
        super().__init__(f"Replace with “{_title(ws, new_id)}”")
        self.ws, self.old_id, self.new_id = ws, old_id, new_id
        self.previous: ChosenClause | None = None

    def redo(self) -> None:
        self.previous = self.ws.replace_clause(self.old_id, ChosenClause(self.new_id))

    def undo(self) -> None:
        assert self.previous is not None
        self.ws.replace_clause(self.new_id, self.previous)


class MoveClause(QUndoCommand):
    def __init__(self, ws: Workspace, clause_id: str, to: int):
        super().__init__(f"Move “{_title(ws, clause_id)}”")
        self.ws, self.clause_id, self.to = ws, clause_id, to
        self.came_from = ws.index_of(clause_id)

    def redo(self) -> None:
        self.came_from = self.ws.move_clause(self.clause_id, self.to)

    def undo(self) -> None:
        self.ws.move_clause(self.clause_id, self.came_from)


class EditClauseText(QUndoCommand):
    """Set this draft's wording of a clause; None goes back to the library text."""

    def __init__(self, ws: Workspace, clause_id: str, text: str | None):
        label = "Revert wording of" if text is None else "Edit wording of"
        super().__init__(f"{label} “{_title(ws, clause_id)}”")
        self.ws, self.clause_id, self.wording = ws, clause_id, text
        chosen = ws.chosen(clause_id)
        self.old_wording = chosen.text if chosen else None

    def redo(self) -> None:
        self.ws.set_clause_text(self.clause_id, self.wording)

    def undo(self) -> None:
        self.ws.set_clause_text(self.clause_id, self.old_wording)


class SetFields(QUndoCommand):
    """A change in the jurisdiction form (jurisdiction, ordinance, export options)."""

    def __init__(self, ws: Workspace, old: Fields, new: Fields, label: str, key: str):
        super().__init__(label)
        self.ws, self.old, self.new, self.key = ws, old.copy(), new.copy(), key
        self.when = time.monotonic()

    def id(self) -> int:
        return SET_FIELDS_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, SetFields) or other.key != self.key:
            return False
        if other.when - self.when > MERGE_SECONDS:
            return False
        self.new = other.new.copy()
        self.when = other.when
        return True

    def redo(self) -> None:
        self.ws.apply_fields(self.new)

    def undo(self) -> None:
        self.ws.apply_fields(self.old)
