"""An optional date field: a check box says whether the date is set (the form's
introduction and draft dates, the staff report's meeting date)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget


class DateField(QWidget):
    """An optional date: a check box says whether it is set."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = QCheckBox(self)
        self.check.setAccessibleName(f"{name} is set")
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("MMMM d, yyyy")
        self.edit.setAccessibleName(name)
        self.edit.setDate(QDate.currentDate())
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.check)
        lay.addWidget(self.edit, 1)
        self.changed = self.check.toggled
        self.edit.dateChanged.connect(lambda _d: self.check.toggled.emit(self.check.isChecked()))

    def value(self) -> dt.date | None:
        if not self.check.isChecked():
            return None
        d = self.edit.date()
        return dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date | None) -> None:
        if value == self.value():
            return
        self.blockSignals(True)
        self.check.blockSignals(True)
        self.edit.blockSignals(True)
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))
        self.check.blockSignals(False)
        self.edit.blockSignals(False)
        self.blockSignals(False)
