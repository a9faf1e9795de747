"""File → New: name the jurisdiction, its kind and state, and choose a starting point."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from drafter.draft import ChosenClause, new_draft
from drafter.gui.style import MUTED
from drafter.vocab import KIND_WORDS, KINDS, STATES, STRENGTHS

if TYPE_CHECKING:
    from drafter.draft import Draft
    from drafter.library import Library

STARTS = (
    ("", "No clauses yet — I'll pick them from the library"),
    ("strongest", "The strongest option of each protection that fits"),
    ("moderate", "A moderate option of each protection that fits"),
)


def starting_clauses(library: Library, draft: Draft, strength: str) -> list[str]:
    """One option per protection nearest to `strength`, as `drafter new` picks them, but
    only among options that suit the jurisdiction kind and name agencies it has: a new
    draft in the app should assemble at once, without a fill-in to fix first."""
    j = draft.jurisdiction
    want = STRENGTHS.index(strength)
    out = []
    for pid in library.protections:
        opts = [c for c in library.options(pid)
                if j.kind in c.kinds and all(j.agency(a) for a in c.agencies)]
        if opts:
            best = min(opts, key=lambda c: (abs(c.strength_rank - want), c.strength_rank))
            out.append(best.id)
    return out


class NewDraftDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("New Draft")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("e.g. Springfield")
        self.name.setAccessibleName("Jurisdiction name")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of jurisdiction")
        for k in KINDS:
            self.kind.addItem(KIND_WORDS[k], k)
        self.state = QComboBox(self)
        self.state.setAccessibleName("State")
        for code, name in sorted(STATES.items(), key=lambda kv: kv[1]):
            self.state.addItem(f"{name} ({code})", code)
        self.start = QComboBox(self)
        self.start.setAccessibleName("Starting point")
        for key, label in STARTS:
            self.start.addItem(label, key)
        form = QFormLayout()
        for text, w in (("&Name:", self.name), ("&Kind:", self.kind), ("&State:", self.state),
                        ("Start &with:", self.start)):
            lab = QLabel(text, self)
            lab.setBuddy(w)
            form.addRow(lab, w)
        note = QLabel("You can change all of this later in the Jurisdiction tab.", self)
        note.setStyleSheet(f"color: {MUTED};")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.buttons)
        self.name.textChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def draft(self, library: Library) -> Draft:
        d = new_draft(self.name.text().strip(), self.kind.currentData(),
                      self.state.currentData())
        strength = self.start.currentData()
        if strength:
            d.clauses = [ChosenClause(c) for c in starting_clauses(library, d, strength)]
        return d
