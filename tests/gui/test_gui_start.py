"""The guided start: the start page with no draft open, and the new-draft wizard that
proposes per protection the strongest option the state does not block."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from drafter.check.laws import load_lawbook
from drafter.check.proposal import propose
from drafter.gui.app import empty_draft, open_initial
from drafter.gui.new_draft_dialog import NewDraftDialog
from drafter.gui.paths import settings
from drafter.gui.start_page import example_files
from drafter.load.draft import load_draft, new_draft, save_draft

pytestmark = pytest.mark.gui


def test_no_file_open_shows_the_start_page(make_window, tmp_path):
    d = empty_draft()
    d.jurisdiction.name, d.jurisdiction.kind, d.jurisdiction.state = "Springfield", "city", "IL"
    path = tmp_path / "springfield.yaml"
    save_draft(d, path)
    win = make_window()
    win.files.load_path(path)  # now a recent file
    open_initial(win, None, settings(), interactive=False)
    assert win.on_start_page()
    page = win.start_page
    assert not win.menu_actions.export_word.isEnabled()
    names = [page.examples.item(i).text() for i in range(page.examples.count())]
    assert "Alachua County, Florida" in names
    assert page.recent.item(0).text() == "springfield.yaml"
    page.recent.itemActivated.emit(page.recent.item(0))
    assert not win.on_start_page() and win.ws.path == path.resolve()
    assert win.menu_actions.export_word.isEnabled()


def test_start_page_example_opens_a_copy(make_window):
    win = make_window()
    win.show_start()
    page = win.start_page
    alachua = next(i for i in range(page.examples.count())
                   if page.examples.item(i).text() == "Alachua County, Florida")
    page.examples.itemClicked.emit(page.examples.item(alachua))
    assert not win.on_start_page()
    assert win.ws.path is None and win.ws.draft.jurisdiction.state == "FL"
    example = next(f for f in example_files() if "alachua" in f.stem)
    assert win.ws.draft.clause_ids() == load_draft(example).clause_ids()


def test_file_argument_opens_the_app_with_it(make_window, tmp_path):
    d = new_draft("Travis", "county", "TX")
    path = tmp_path / "travis.yaml"
    save_draft(d, path)
    win = make_window()
    open_initial(win, str(path), settings(), interactive=False)
    assert not win.on_start_page() and win.ws.draft.jurisdiction.name == "Travis"


def _wizard(qtbot, gui_library):
    w = NewDraftDialog(None, gui_library, load_lawbook())
    qtbot.addWidget(w)
    w.show()
    return w


def test_wizard_kinds_follow_the_state_and_there_is_no_default_state(qtbot, gui_library):
    w = _wizard(qtbot, gui_library)
    assert w.state.currentIndex() == -1
    next_button = w.button(QWizard.WizardButton.NextButton)
    w.name.setText("Hartford")
    assert not next_button.isEnabled()  # no state yet
    w.state.setEditText("Connecticut")  # typed, not picked
    w.place.validatePage()
    kinds = [w.kind.itemData(i) for i in range(w.kind.count())]
    assert "county" not in kinds and "city" in kinds
    assert next_button.isEnabled()
    hints = [lab.text() for lab in w.place.findChildren(type(w.place.kind_note))]
    assert any("don't type “City of”" in t for t in hints)
    assert any(t.startswith("Kinds of local government in Connecticut") for t in hints)


def test_wizard_prefills_agencies_and_proposes_the_strongest_not_blocked(qtbot, gui_library):
    w = _wizard(qtbot, gui_library)
    w.name.setText("Travis")
    w.state.setCurrentIndex(w.state.findData("TX"))
    w.kind.setCurrentIndex(w.kind.findData("county"))
    w.next()
    assert w.agencies_page.fields["jail"].text() == "Travis County Sheriff's Office"
    w.agencies_page.fields["probation"].setText("")  # the user says there is none
    w.next()
    review = w.review
    base = w.base_draft()
    assert base.jurisdiction.agency("probation") is None
    book = load_lawbook()
    expected = propose(base, gui_library, book, list(gui_library.protections), "strongest")
    assert review.chosen_ids() == [c.id for c in expected.chosen]
    assert all(v != "blocked" for v in expected.verdicts.values())
    notes = expected.notes(gui_library)
    if notes:
        assert review.notes.isVisibleTo(w) and notes[0][:30] in review.notes.text()
    # untick one, change another
    first = review.tree.topLevelItem(0)
    pid0 = first.data(0, Qt.ItemDataRole.UserRole + 1)
    review.set_checked(pid0, False)
    pid1 = review.tree.topLevelItem(1).data(0, Qt.ItemDataRole.UserRole + 1)
    combo = review.combos[pid1]
    combo.setCurrentIndex(combo.count() - 1)
    d = w.draft()
    ids = d.clause_ids()
    assert not any(gui_library.clauses[c].protection == pid0 for c in ids)
    assert combo.currentData() in ids
    assert (d.jurisdiction.name, d.jurisdiction.kind, d.jurisdiction.state) == \
        ("Travis", "county", "TX")


def test_file_new_uses_the_wizard(make_window, monkeypatch, gui_library):
    def fill(dialog):
        dialog.name.setText("Travis")
        dialog.state.setCurrentIndex(dialog.state.findData("TX"))
        dialog.kind.setCurrentIndex(dialog.kind.findData("county"))
        return NewDraftDialog.DialogCode.Accepted

    monkeypatch.setattr(NewDraftDialog, "exec", fill)
    win = make_window()
    win.menu_actions.new.trigger()
    d = win.ws.draft
    assert (d.jurisdiction.name, d.jurisdiction.kind, d.jurisdiction.state) == \
        ("Travis", "county", "TX")
    assert d.clauses
    protections = [gui_library.clauses[c.id].protection for c in d.clauses]
    assert len(protections) == len(set(protections))
    report = win.ws.analysis.report
    assert report is not None
    assert all(report.decisive(c).verdict != "blocked" for c in d.clause_ids())


def test_the_start_page_shows_before_the_library_loads(qtbot, gui_library, gui_state, dialogs):
    """`drafter` with no file: the window's shell shows the start page at once (examples
    named from their files); the library and the workspace arrive on the next turn, after
    which the examples carry their places' own names and open as drafts."""
    from drafter.gui import app as gapp

    win = gapp.build_window(None, settings(), recovery=False)
    qtbot.addWidget(win, before_close_func=lambda w: w.ws.undo.setClean())
    win.show_start()
    win.show()
    assert win.on_start_page() and not win.has_workspace
    assert not win.menu_actions.export_word.isEnabled()
    page = win.start_page
    quick = [page.examples.item(i).text() for i in range(page.examples.count())]
    assert "Alachua County, Florida" in quick  # from "alachua-county-fl.yaml"
    win.attach_library(gui_library)
    assert win.has_workspace and win.on_start_page() and win.start_page is page
    named = [page.examples.item(i).text() for i in range(page.examples.count())]
    assert "City of Kalamazoo, Michigan" in named and "Alachua County, Florida" in named
    assert len(win.library_panel.model.option_items) == len(gui_library.clauses)
    row = named.index("Alachua County, Florida")
    page.examples.itemActivated.emit(page.examples.item(row))
    assert not win.on_start_page() and win.ws.draft.jurisdiction.name == "Alachua"
    assert win.ws.analysis.document is not None and win.preview.text


def test_the_start_page_shell_reads_no_file(tmp_path):
    """What the start page costs: no YAML reader, no state profiles, no clause library and
    none of the workspace's panes before it is shown (they load on the next turn)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from drafter.gui import app as gapp\n"
        "from drafter.gui.paths import settings\n"
        "a = gapp.application()\n"
        "w = gapp.build_window(None, settings(), recovery=False)\n"
        "w.show_start(); w.show(); a.processEvents()\n"
        "bad = [m for m in ('yaml', 'drafter.load.yamlio', 'drafter.load.profiles',\n"
        "       'drafter.gui.library_panel', 'drafter.gui.preview', 'drafter.check.engine')\n"
        "       if m in sys.modules]\n"
        "assert not bad, bad\n"
        "w.ws.undo.setClean()\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DRAFTER_STATE_DIR": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
