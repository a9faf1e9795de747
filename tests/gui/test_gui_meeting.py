"""Meeting and code details (the code chapter and the staff report's memo block) are set in
the app, as one undoable edit, and reach the ordinance."""

from __future__ import annotations

import datetime as dt

from drafter.load.draft import new_draft


def _fill(dialog, values, date=None):
    for key, text in values.items():
        dialog.edits[key].setText(text)
    if date is not None:
        dialog.meeting.check.setChecked(True)
        dialog.meeting.edit.setDate(date)


def test_meeting_details_are_one_undoable_edit_and_codify_the_ordinance(make_window,
                                                                         monkeypatch):
    from PySide6.QtCore import QDate

    from drafter.gui.meeting_dialog import MeetingDialog

    d = new_draft("Cook", "county", "IL")
    win = make_window(d)
    win.show_form()
    assert "Not set" in win.form.meeting_summary.text()

    def accept(self):
        _fill(self, {"code_chapter": "Chapter 2.92 of the County Code",
                     "agenda_item": "7.B", "prepared_by": "Jane Ortiz"},
              QDate(2027, 1, 12))
        self.accept()
        return MeetingDialog.DialogCode.Accepted

    monkeypatch.setattr(MeetingDialog, "exec", accept)
    win.form.edit_meeting()
    o = win.ws.draft.ordinance
    assert o.code_chapter == "Chapter 2.92 of the County Code"
    assert o.agenda_item == "7.B" and o.prepared_by == "Jane Ortiz"
    assert o.meeting_date == dt.date(2027, 1, 12)
    assert "Chapter 2.92" in win.form.meeting_summary.text()
    headings = [s.heading.lower() for s in win.ws.analysis.document.sections]
    assert any("codif" in h for h in headings)
    assert "meeting and code" in win.ws.undo.undoText().lower()
    win.ws.undo.undo()
    assert win.ws.draft.ordinance.code_chapter == "" and win.ws.draft.ordinance.meeting_date is None
    assert "Not set" in win.form.meeting_summary.text()


def test_template_braces_are_refused_in_the_dialog(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from drafter.gui.meeting_dialog import MeetingDialog

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    d = new_draft("Cook", "county", "IL")
    dialog = MeetingDialog(d.ordinance)
    qtbot.addWidget(dialog)
    _fill(dialog, {"agenda_item": "Item {{ 7 }}"})
    dialog.accept()
    assert warned and "Agenda item" in warned[0]
    assert dialog.result() != MeetingDialog.DialogCode.Accepted
    _fill(dialog, {"agenda_item": "Item 7"})
    dialog.accept()
    assert dialog.result() == MeetingDialog.DialogCode.Accepted
    dialog.apply_to(d.ordinance)
    assert d.ordinance.agenda_item == "Item 7"
