"""The draft's meeting and codification details: where the local code takes the ordinance
(which adds a codification section) and the staff report's memo block (meeting date, agenda
item, department, prepared and reviewed by).

A dialog of its own, not more rows in the Jurisdiction form: the main window has no access
keys left for six more fields, and these are set once per meeting, not while drafting.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from drafter.gui.date_field import DateField
from drafter.gui.style import muted_hex

if TYPE_CHECKING:
    from drafter.load.draft import Ordinance

# ordinance field -> (form label with its access key, accessible name, placeholder)
TEXT_FIELDS = {
    "code_chapter": ("&Code chapter:", "Code chapter",
                     "e.g. Chapter 2.92 of the County Code (adds a codification section)"),
    "agenda_item": ("&Agenda item:", "Agenda item", "e.g. Item 7.B"),
    "department": ("&Department:", "Department", "e.g. County Counsel"),
    "prepared_by": ("&Prepared by:", "Prepared by", "e.g. Jane Ortiz, Deputy County Counsel"),
    "reviewed_by": ("&Reviewed by:", "Reviewed by", "e.g. County Counsel"),
}


def summary(o: Ordinance) -> str:
    """One line for the form: what is set, or that nothing is."""
    bits = []
    if o.code_chapter:
        bits.append(f"codified in {o.code_chapter}")
    if o.meeting_date:
        bits.append(f"meeting {o.meeting_date.strftime('%B')} {o.meeting_date.day}, "
                    f"{o.meeting_date.year}")
    if o.agenda_item:
        bits.append(f"agenda item {o.agenda_item}")
    if not bits:
        return ("Not set: the staff report leaves blanks for the meeting, and the "
                "ordinance has no codification section.")
    text = "; ".join(bits)
    return text[0].upper() + text[1:]  # not str.capitalize(): it lowercases "Chapter"


class MeetingDialog(QDialog):
    def __init__(self, ordinance: Ordinance, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Meeting and Code Details")
        lay = QVBoxLayout(self)
        note = QLabel("The code chapter adds a section that codifies the ordinance there. "
                      "The rest fills the staff report's memo block (Export › Staff "
                      "Report); what is left empty prints as a blank to fill in.", self)
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {muted_hex()};")
        lay.addWidget(note)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.meeting = DateField("Meeting date", self)
        self.meeting.set_value(ordinance.meeting_date)
        for key, (label, name, hint) in TEXT_FIELDS.items():
            w = QLineEdit(getattr(ordinance, key) or "", self)
            w.setAccessibleName(name)
            w.setPlaceholderText(hint)
            w.setMinimumWidth(360)
            self.edits[key] = w
            lab = QLabel(label, self)
            lab.setBuddy(w)
            form.addRow(lab, w)
            if key == "code_chapter":
                date_label = QLabel("&Meeting date:", self)
                date_label.setBuddy(self.meeting.check)
                form.addRow(date_label, self.meeting)
        lay.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def accept(self) -> None:
        """Template braces would make a draft Drafter cannot open again: say so here."""
        from PySide6.QtWidgets import QMessageBox

        from drafter.load.draft import TEMPLATE_BRACES

        for key, w in self.edits.items():
            if any(b in w.text() for b in TEMPLATE_BRACES):
                QMessageBox.warning(self, "Meeting and Code Details",
                                    f"{TEXT_FIELDS[key][1]} cannot contain template braces "
                                    "({{ }} or {% %}).")
                w.setFocus()
                return
        super().accept()

    def apply_to(self, ordinance: Ordinance) -> None:
        """Write the dialog's values into `ordinance` (a copy the caller made)."""
        for key, w in self.edits.items():
            setattr(ordinance, key, " ".join(w.text().split()))
        value: dt.date | None = self.meeting.value()
        ordinance.meeting_date = value
