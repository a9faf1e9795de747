"""File > Analyze an Existing Ordinance…: passages highlighted and linked to their options,
and a draft started from the analysis."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QFileDialog

from drafter.analyze.report import analyze
from drafter.check.laws import load_lawbook
from drafter.gui import analyze_dialog as ad
from helpers import DATA

pytestmark = pytest.mark.gui
CORPUS = DATA / "analyze"


def test_menu_entry_in_file_menu(make_window):
    win = make_window()
    file_menu = win.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "Anal&yze an Existing Ordinance…" in texts
    assert texts.index("Anal&yze an Existing Ordinance…") < texts.index(
        next(t for t in texts if "Save" in t))


def test_dialog_highlights_and_links_passages(qtbot, gui_library):
    a = analyze(CORPUS / "board_policy.md", gui_library, load_lawbook(None, complete=False))
    dlg = ad.AnalyzeDialog(a)
    qtbot.addWidget(dlg)
    page = dlg.text.toHtml()
    assert page.count("#option:") == 4  # one highlighted passage per protection found
    assert 'name="detainers-0"' in page
    assert dlg.found.count() == 4 and dlg.gaps.count() >= 1
    assert "serious_felony" not in dlg.found.item(0).text()  # titles, not ids
    dlg.text.anchorClicked.emit(QUrl("#option:interview_consent"))
    assert dlg.found.currentItem().data(ad.ROLE_PROTECTION) == "interview_consent"
    assert dlg.start.isEnabled()
    dlg.start.click()
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert dlg.chosen_draft is not None
    assert dlg.chosen_draft.clause_ids() == [f.clause.id for f in a.found]


def test_no_state_disables_start(qtbot, gui_library, tmp_path):
    f = tmp_path / "nostate.txt"
    f.write_text("Section 1. The jail shall not hold anyone on an ICE detainer.\n")
    dlg = ad.AnalyzeDialog(analyze(f, gui_library, load_lawbook(None, complete=False)))
    qtbot.addWidget(dlg)
    assert not dlg.start.isEnabled()
    assert "does not name its state" in dlg.summary.text()


def test_start_a_draft_from_the_menu(make_window, monkeypatch):
    win = make_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(CORPUS / "double_lock.txt"), "")))

    def accept(dlg):
        dlg._start()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ad.AnalyzeDialog, "exec", accept)
    win.analyze_action.trigger()
    d = win.ws.draft
    assert d.jurisdiction.name == "North Falls" and d.jurisdiction.state == "MN"
    assert d.clause_ids()[0] == "detainers.double_lock"
    assert win.ws.modified


def test_bad_file_shows_one_error(make_window, dialogs, monkeypatch, tmp_path):
    win = make_window()
    bad = tmp_path / "scan.txt"
    bad.write_bytes(bytes(range(256)) * 10)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(bad), "")))
    before = win.ws.draft
    win.analyze_action.trigger()
    assert dialogs.texts() == ["Could not analyze the document."]
    assert win.ws.draft is before
