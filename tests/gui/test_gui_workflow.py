"""A draft built entirely through the UI: jurisdiction form, picking options, reordering
by keyboard and by drag, editing wording, undo/redo, save, reopen and Word export; the
saved YAML and the .docx are read back and checked."""

from __future__ import annotations

import threading
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from drafter import DISCLAIMER
from drafter.load.draft import load_draft

pytestmark = pytest.mark.gui

AGENCIES = {"jail": "Sangamon County Sheriff's Office",
            "probation": "Sangamon County Adult Probation Department"}


def fitting_option(lib, protection: str) -> str:
    """An option of `protection` a county with a jail and probation can use."""
    for c in lib.options(protection):
        if "county" in c.kinds and set(c.agencies) <= set(AGENCIES):
            return c.id
    raise AssertionError(f"no county option for {protection} in the shipped library")


def fill_form(win, qtbot) -> None:
    win.tabs.setCurrentWidget(win.form_page)
    form = win.form
    qtbot.keyClicks(form.name, "Sangamon")
    form.kind.setCurrentIndex(form.kind.findData("county"))
    form.state.setCurrentIndex(form.state.findData("IL"))
    for key, name in AGENCIES.items():
        qtbot.keyClicks(form.agencies[key], name)
    qtbot.keyClicks(form.number, "O-2026-14")
    qtbot.keyClicks(form.short_title, "Sangamon Trust Ordinance")
    qtbot.keyClicks(form.sponsor, "Commissioner Ada Ruiz")
    qtbot.waitUntil(lambda: win.ws.draft.ordinance.sponsor == "Commissioner Ada Ruiz")
    j = win.ws.draft.jurisdiction
    assert (j.name, j.kind, j.state) == ("Sangamon", "county", "IL")
    assert j.agencies["jail"] == AGENCIES["jail"]
    assert j.body == "County Board"  # the default followed the kind and state (Illinois)


def add_from_library(win, qtbot, clause_id: str, keyboard: bool = False) -> None:
    """Select the option in the library tree; Enter, or the Add button in the detail."""
    win.library_panel.select_clause(clause_id)
    assert win.detail.clause_id == clause_id
    if keyboard:
        win.library_panel.tree.setFocus()
        qtbot.keyClick(win.library_panel.tree, Qt.Key.Key_Return)
    else:
        qtbot.mouseClick(win.detail.add_btn, Qt.MouseButton.LeftButton)
    assert win.ws.chosen(clause_id) is not None


def drop_on(lst, row: int, below: bool) -> None:
    """Drop the current outline row onto `row` (upper or lower half)."""
    rect = lst.visualItemRect(lst.item(row))
    y = rect.bottom() - 2 if below else rect.top() + 2
    mime = lst.model().mimeData([lst.currentIndex()])
    event = QDropEvent(QPointF(rect.center().x(), y), Qt.DropAction.MoveAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    lst.dropEvent(event)


def test_build_save_reopen_and_export_through_the_ui(make_window, qtbot, gui_library,
                                                     tmp_path, monkeypatch, dialogs):
    win = make_window()
    fill_form(win, qtbot)

    a = fitting_option(gui_library, "detainers")
    b = fitting_option(gui_library, "status_inquiry")
    c = fitting_option(gui_library, "transparency")
    add_from_library(win, qtbot, a)
    add_from_library(win, qtbot, b, keyboard=True)
    add_from_library(win, qtbot, c)
    assert win.ws.draft.clause_ids() == [a, b, c]
    assert win.outline.ids() == [a, b, c]
    assert win.ws.analysis.ok, win.ws.analysis.error

    # reorder with the keyboard: c up one place
    lst = win.outline.list
    lst.setFocus()
    lst.setCurrentRow(2)
    qtbot.keyClick(lst, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert win.ws.draft.clause_ids() == [a, c, b]
    # ... and by dragging a below b
    lst.setCurrentRow(0)
    drop_on(lst, 2, below=True)
    assert win.ws.draft.clause_ids() == [c, b, a]
    assert win.outline.ids() == [c, b, a]

    # edit b's wording for this draft (Enter in the outline opens the editor)
    lst.setCurrentRow(1)
    qtbot.keyClick(lst, Qt.Key.Key_Return)
    assert win.detail.editing and win.detail.editor.clause.id == b
    own = "The {{ jurisdiction }} shall never ask anyone about immigration status."
    win.detail.editor.edit.setPlainText(own)
    qtbot.mouseClick(win.detail.editor.apply_btn, Qt.MouseButton.LeftButton)
    assert win.ws.chosen(b).text == own
    assert "The County shall never ask anyone" in win.preview.text
    assert win.outline.list.entries[1].edited

    # undo / redo of the wording, then of the move
    win.menu_actions.undo.trigger()
    assert win.ws.chosen(b).text is None
    assert "shall never ask anyone" not in win.preview.text
    win.menu_actions.redo.trigger()
    assert win.ws.chosen(b).text == own
    win.menu_actions.undo.trigger()
    win.menu_actions.undo.trigger()  # the drag
    assert win.ws.draft.clause_ids() == [a, c, b]
    win.menu_actions.redo.trigger()
    win.menu_actions.redo.trigger()
    assert win.ws.draft.clause_ids() == [c, b, a] and win.ws.chosen(b).text == own

    # save (File > Save on an untitled draft asks for a name)
    target = tmp_path / "sangamon.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "Drafter drafts (*.yaml *.yml)"))
    assert win.isWindowModified()
    win.menu_actions.save.trigger()
    assert target.exists()
    assert not win.isWindowModified()
    assert win.windowTitle().startswith("sangamon.yaml")
    saved = load_draft(target, set(gui_library.clauses))
    assert saved.clause_ids() == [c, b, a]
    assert [x.text for x in saved.clauses] == [None, own, None]
    assert saved.jurisdiction.name == "Sangamon" and saved.jurisdiction.state == "IL"
    assert saved.ordinance.number == "O-2026-14"
    assert saved.jurisdiction.agencies["probation"] == AGENCIES["probation"]

    # reopen in a fresh window through File > Open
    win2 = make_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(target), "Drafter drafts (*.yaml *.yml)"))
    win2.menu_actions.open.trigger()
    assert win2.ws.draft.clause_ids() == [c, b, a]
    assert win2.ws.chosen(b).text == own
    assert win2.form.name.text() == "Sangamon"
    assert not win2.isWindowModified()
    assert str(target.resolve()) in win2.files.recent_files()

    # export Word, off the UI thread
    out = tmp_path / "sangamon.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(out), "Word documents (*.docx)"))
    import drafter.gui.export_controller as mw

    threads = []
    real = mw.run_export

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(mw, "run_export", spy)
    with qtbot.waitSignal(win2.exports.finished, timeout=60000) as done:
        win2.menu_actions.export_word.trigger()
    assert done.args[0].written == [out]
    assert threads and threads[0] is not threading.main_thread()
    assert not dialogs.shown  # no error along the way

    d = docx.Document(str(out))
    texts = [p.text for p in d.paragraphs]
    assert "ORDINANCE NO. O-2026-14" in texts
    assert any("The County shall never ask anyone" in t for t in texts)
    headings = [p.text.rstrip(".") for p in d.paragraphs if p.style.name == "Heading 1"]
    lib = gui_library
    order = [headings.index(lib.clauses[x].heading) for x in (c, b, a)]
    assert order == sorted(order)  # the clauses come in the outline's order
    footer = " ".join(p.text for s in d.sections for p in s.footer.paragraphs)
    assert "not legal advice" in (footer + d.core_properties.comments)


def test_replace_keeps_the_place_and_undo_restores(make_window, qtbot, gui_library):
    from drafter.gui.app import empty_draft

    d = empty_draft()
    d.jurisdiction.name, d.jurisdiction.kind, d.jurisdiction.state = "Sangamon", "county", "IL"
    d.jurisdiction.agencies = dict(AGENCIES)
    win = make_window(d)
    options = [o.id for o in gui_library.options("detainers")]
    other = fitting_option(gui_library, "transparency")
    add_from_library(win, qtbot, options[0])
    add_from_library(win, qtbot, other)
    win.library_panel.select_clause(options[1])
    assert win.detail.replace_btn.isVisible()
    qtbot.mouseClick(win.detail.replace_btn, Qt.MouseButton.LeftButton)
    assert win.ws.draft.clause_ids() == [options[1], other]
    win.undo()
    assert win.ws.draft.clause_ids() == [options[0], other]


def test_remove_by_keyboard_and_undo(make_window, qtbot, gui_library):
    win = make_window()
    first = gui_library.options("transparency")[0].id
    second = gui_library.options("enforcement")[0].id
    add_from_library(win, qtbot, first)
    add_from_library(win, qtbot, second)
    lst = win.outline.list
    lst.setFocus()
    lst.setCurrentRow(0)
    qtbot.keyClick(lst, Qt.Key.Key_Delete)
    assert win.ws.draft.clause_ids() == [second]
    assert win.outline.ids() == [second]
    assert win.menu_actions.undo.text().startswith("&Undo Remove")
    win.menu_actions.undo.trigger()
    assert win.ws.draft.clause_ids() == [first, second]


def test_form_typing_is_debounced_into_one_undo_step(make_window, qtbot):
    win = make_window()
    win.tabs.setCurrentWidget(win.form_page)
    before = win.ws.undo.count()
    qtbot.keyClicks(win.form.name, "Springfield")
    qtbot.waitUntil(lambda: win.ws.draft.jurisdiction.name == "Springfield")
    assert win.ws.undo.count() == before + 1  # one command, not one per key
    win.undo()
    assert win.ws.draft.jurisdiction.name == ""
    assert win.form.name.text() == ""


def test_export_refuses_a_draft_that_cannot_be_assembled(make_window, qtbot, gui_library,
                                                         dialogs, monkeypatch, tmp_path):
    needs_jail = next(c for c in gui_library.clauses.values() if "jail" in c.agencies)
    win = make_window()
    win.add_clause(needs_jail.id)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: asked.append(1) or (str(tmp_path / "x.docx"), ""))
    win.menu_actions.export_word.trigger()
    assert not asked  # no file dialog: the user is told what to fix first
    assert dialogs.shown[-1]["text"] == "Could not export the ordinance."
    assert "jail" in dialogs.shown[-1]["info"]
    assert not Path(tmp_path / "x.docx").exists()


def test_about_shows_the_disclaimer(make_window, dialogs):
    win = make_window()
    win.menu_actions.about.trigger()
    assert DISCLAIMER in dialogs.shown[-1]["info"]


def test_packet_comparison_and_redline_exports(make_window, qtbot, gui_library, tmp_path,
                                               monkeypatch, dialogs):
    from drafter.gui.app import empty_draft
    from drafter.load.draft import save_draft

    d = empty_draft()
    d.jurisdiction.name, d.jurisdiction.kind, d.jurisdiction.state = "Sangamon", "county", "IL"
    d.jurisdiction.agencies = dict(AGENCIES)
    win = make_window(d)
    first = fitting_option(gui_library, "transparency")
    win.add_clause(first)
    earlier = tmp_path / "earlier.yaml"
    save_draft(win.ws.draft.copy(), earlier)
    win.add_clause(fitting_option(gui_library, "status_inquiry"))

    def export(action, name, open_path=None):
        out = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        if open_path is not None:
            monkeypatch.setattr(QFileDialog, "getOpenFileName",
                                lambda *a, **k: (str(open_path), ""))
        assert action.isEnabled(), action.toolTip()
        with qtbot.waitSignal(win.exports.finished, timeout=60000):
            action.trigger()
        return docx.Document(str(out))

    packet = export(win.menu_actions.export_packet, "packet.docx")
    assert any("Sangamon" in p.text for p in packet.paragraphs)

    win.compare.show_protection("detainers")
    ids = win.compare.checked_ids()
    table = export(win.menu_actions.export_comparison, "options.docx")
    cells = " ".join(c.text for t in table.tables for r in t.rows for c in r.cells)
    assert gui_library.clauses[ids[0]].title in cells

    redline = export(win.menu_actions.compare_earlier, "redline.docx", open_path=earlier)
    body = redline.element.body.xml
    assert "w:ins" in body  # the clause added since the earlier version is tracked
    assert not dialogs.shown


def test_pdf_option_says_why_when_libreoffice_is_missing(make_window, monkeypatch):
    import drafter.pdf

    monkeypatch.setattr(drafter.pdf, "find_soffice", lambda: None)
    win = make_window()
    win.check_pdf()
    assert not win.menu_actions.also_pdf.isEnabled()
    assert "LibreOffice" in win.menu_actions.also_pdf.toolTip()


@pytest.mark.libreoffice
def test_export_also_writes_a_pdf(make_window, qtbot, gui_library, tmp_path, monkeypatch):
    from helpers import require_soffice

    require_soffice()
    win = make_window()
    win.add_clause(fitting_option(gui_library, "transparency"))
    win.check_pdf()
    win.menu_actions.also_pdf.setChecked(True)
    out = tmp_path / "with-pdf.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    with qtbot.waitSignal(win.exports.finished, timeout=240000) as done:
        win.menu_actions.export_word.trigger()
    assert done.args[0].written == [out, out.with_suffix(".pdf")]
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("finish", ["apply", "cancel"])
def test_add_and_remove_work_again_after_editing_wording(make_window, qtbot, gui_library,
                                                         finish):
    win = make_window()
    first = gui_library.options("transparency")[0].id
    other = gui_library.options("enforcement")[0].id
    add_from_library(win, qtbot, first)
    win.edit_clause(first)
    assert win.detail.editing
    if finish == "apply":
        win.detail.editor.edit.setPlainText("The {{ jurisdiction }} shall publish it all.")
        qtbot.mouseClick(win.detail.editor.apply_btn, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(win.detail.editor.cancel_btn, Qt.MouseButton.LeftButton)
    assert not win.detail.editing
    assert win.detail.add_btn.isEnabled()  # "Remove from draft" of the edited clause
    add_from_library(win, qtbot, other)  # clicks "Add to draft" of another option
    assert win.ws.draft.clause_ids() == [first, other]
    win.library_panel.select_clause(first)
    qtbot.mouseClick(win.detail.add_btn, Qt.MouseButton.LeftButton)
    assert win.ws.draft.clause_ids() == [other]
