"""Before an export: blocked and at-risk clauses are listed with their reasons, and a
blocked clause is exported only by an explicit choice; after it, the full path with Open
and Show in Folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog

from drafter.gui import export_done
from drafter.gui.app import example_drafts
from drafter.gui.export_review import ExportReview, flagged_clauses
from drafter.load.draft import load_draft

pytestmark = pytest.mark.gui


def alachua():
    return load_draft(next(p for p in example_drafts() if "alachua" in p.stem))


@pytest.fixture()
def review(monkeypatch):
    """Stands in for the review dialog's exec: records it and answers as told."""
    seen: list[ExportReview] = []
    plan = {"allow": False, "accept": True}

    def exec_(dialog):
        seen.append(dialog)
        if plan["allow"]:
            dialog.allow.setChecked(True)
        enabled = dialog.export_button.isEnabled()
        plan["enabled_when_accepted"] = enabled
        return QDialog.DialogCode.Accepted if plan["accept"] and enabled else \
            QDialog.DialogCode.Rejected

    monkeypatch.setattr(ExportReview, "exec", exec_)
    return seen, plan


def test_blocked_clause_needs_an_explicit_choice(make_window, review, monkeypatch, tmp_path,
                                                 qtbot):
    seen, plan = review
    win = make_window(alachua())
    flagged = flagged_clauses(win.ws)
    report = win.ws.analysis.report
    blocked = [c for c in report.clause_ids if report.decisive(c).verdict == "blocked"]
    risky = [c for c in report.clause_ids if report.decisive(c).verdict == "at_risk"]
    assert blocked and [f.clause for f in flagged] == blocked + risky
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: asked.append(1) or (str(tmp_path / "o.docx"), ""))
    # the user goes on without ticking "export anyway": nothing is written
    win.menu_actions.export_word.trigger()
    assert len(seen) == 1 and not asked
    dialog = seen[0]
    assert not dialog.allow.isHidden() and not plan["enabled_when_accepted"]
    titles = [win.library.clauses[c].title for c in blocked]
    assert all(any(t in r.text() for r in dialog.rows) for t in titles)
    assert all("fl-" not in r.text() for r in dialog.rows)
    # with the explicit choice it is written, and the bar shows the full path
    plan["allow"] = True
    with qtbot.waitSignal(win.exports.finished, timeout=60000):
        win.menu_actions.export_word.trigger()
    assert asked and (tmp_path / "o.docx").exists()
    bar = win.export_bar
    assert bar.isVisibleTo(win) and str((tmp_path / "o.docx").resolve()) in bar.label.text()
    opened = []
    monkeypatch.setattr(export_done, "open_url", lambda url: opened.append(url) or True)
    bar.open_button.click()
    bar.folder_button.click()
    assert [Path(u.toLocalFile()) for u in opened] == [(tmp_path / "o.docx").resolve(),
                                                       tmp_path.resolve()]


def test_only_at_risk_can_go_on_without_the_tick(make_window, review, gui_library):
    seen, plan = review
    d = alachua()
    win = make_window(d)
    report = win.ws.analysis.report
    keep = [c for c in d.clause_ids() if report.decisive(c).verdict != "blocked"]
    for cid in [c for c in d.clause_ids() if c not in keep]:
        win.remove_clause(cid)
    flagged = flagged_clauses(win.ws)
    assert flagged and all(f.verdict == "at_risk" for f in flagged)
    dialog = ExportReview(flagged, "ordinance")
    assert dialog.export_button.isEnabled() and dialog.allow.isHidden()
    dialog.deleteLater()


def test_nothing_flagged_means_no_review(make_window, review, gui_library):
    seen, _plan = review
    d = alachua()
    win = make_window(d)
    report = win.ws.analysis.report
    for cid in [c for c in d.clause_ids()
                if report.decisive(c).verdict in ("blocked", "at_risk")]:
        win.remove_clause(cid)
    assert flagged_clauses(win.ws) == []
    from drafter.gui.export_review import review_before_export

    assert review_before_export(win.ws, win, "ordinance") and not seen
