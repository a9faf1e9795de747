"""Editing wording without template syntax: the editor shows the filled-in text, names
from the draft as marked tokens that cannot be edited (only deleted whole), lettered
subsections with their labels; `{{ }}` and `* ` are never shown, and a rename of the
place still reaches the edited clause."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from drafter.load.draft import ChosenClause, new_draft

pytestmark = pytest.mark.gui


def lettered_clause(lib):
    return next(c for c in lib.clauses.values()
                if "* " in c.text and c.text.count("{{ jurisdiction }}") >= 2
                and "county" in c.kinds
                and not c.agencies)


def test_editor_shows_the_draft_text_and_keeps_placeholders(make_window, qtbot, gui_library):
    clause = lettered_clause(gui_library)
    d = new_draft("Travis", "county", "TX")
    d.clauses = [ChosenClause(clause.id)]
    win = make_window(d)
    win.select_clause(clause.id, "outline")
    win.detail.start_editing()
    edit = win.detail.editor.edit
    shown = edit.toPlainText()
    assert "{{" not in shown and "}}" not in shown and "\n* " not in shown
    assert not shown.startswith("* ")
    assert "(a)" in shown and "County" in shown
    tokens = edit.tokens()
    assert ("County", "{{ jurisdiction }}") in tokens
    # unchanged, it reads back as the library text
    from drafter.gui.clause_detail import same_wording

    assert same_wording(edit.to_template(), clause.text)

    # typing inside a token does not break it: the letters go after it
    doc_text = edit.toPlainText()
    at = doc_text.index("County") + 2
    cur = edit.textCursor()
    cur.setPosition(at)
    edit.setTextCursor(cur)
    qtbot.keyClicks(edit, "X")
    assert ("County", "{{ jurisdiction }}") in edit.tokens()
    assert "CountyX" in edit.toPlainText()
    # Backspace right after a token deletes it whole
    n = len(edit.tokens())
    cur = edit.textCursor()
    cur.setPosition(edit.toPlainText().index("CountyX") + len("CountyX"))
    edit.setTextCursor(cur)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)  # the X
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)  # the whole token
    assert len(edit.tokens()) == n - 1
    # add own words at the end and apply
    cur.movePosition(QTextCursor.MoveOperation.End)
    edit.setTextCursor(cur)
    qtbot.keyClicks(edit, " Own words.")
    qtbot.mouseClick(win.detail.editor.apply_btn, Qt.MouseButton.LeftButton)
    saved = win.ws.chosen(clause.id).text
    assert saved is not None and "Own words." in saved
    assert saved.count("{{ jurisdiction }}") == clause.text.count("{{ jurisdiction }}") - 1
    assert saved.count("* ") == clause.text.count("* ")

    # a rename of the place reaches the edited clause (the tokens stayed placeholders)
    win.tabs.setCurrentWidget(win.form_page)
    win.form.name.setText("Hays")
    win.flush_form()
    assert "Own words." in win.preview.text
    assert "Hays County" in win.preview.text and "Travis" not in win.preview.text


def test_typed_letter_starts_a_subsection(qtbot):
    from drafter.gui.token_edit import TokenEdit

    e = TokenEdit()
    qtbot.addWidget(e)
    e.set_template("Intro for the {{ jurisdiction }}.\n\n* First.", {"jurisdiction": "City"})
    cur = e.textCursor()
    cur.movePosition(QTextCursor.MoveOperation.End)
    e.setTextCursor(cur)
    qtbot.keyClick(e, Qt.Key.Key_Return)
    qtbot.keyClick(e, Qt.Key.Key_Return)
    qtbot.keyClicks(e, "(b) Second.")
    assert e.to_template() == "Intro for the {{ jurisdiction }}.\n\n* First.\n\n* Second."
    # a selection over part of a token deletes the whole token
    text = e.toPlainText()
    cur = e.textCursor()
    cur.setPosition(text.index("City") + 1)
    cur.setPosition(text.index("City") + 3, QTextCursor.MoveMode.KeepAnchor)
    e.setTextCursor(cur)
    qtbot.keyClick(e, Qt.Key.Key_Delete)
    assert "{{ jurisdiction }}" not in e.to_template()
    assert e.to_template().startswith("Intro for the .")
