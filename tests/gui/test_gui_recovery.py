"""Recovery after a crash: any number of recovery files, a damaged one, and a prompt whose
default and Escape never delete the user's work."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from drafter.gui.app import empty_draft, open_initial
from drafter.gui.paths import settings
from drafter.gui.recovery import RecoveryFile, find_orphans
from drafter.load.draft import ChosenClause

pytestmark = pytest.mark.gui

SB = QMessageBox.StandardButton


def crashed_session(name: str, clause: str) -> RecoveryFile:
    """A recovery file whose session is gone (its lock released, as after a crash)."""
    d = empty_draft()
    d.jurisdiction.name, d.jurisdiction.kind, d.jurisdiction.state = name, "city", "IL"
    d.clauses = [ChosenClause(clause)]
    rf = RecoveryFile()
    rf.write(d)
    rf.lock.unlock()
    return rf


def test_several_recovery_files_offer_the_newest_and_keep_the_others(make_window, dialogs,
                                                                     gui_state, gui_library):
    clause = gui_library.options("transparency")[0].id
    older = crashed_session("Oldtown", clause)
    newer = crashed_session("Newtown", clause)
    meta = older.meta_path.read_text().replace('"saved": "', '"saved": "1999')
    older.meta_path.write_text(meta)  # make the first one clearly older

    win = make_window()
    dialogs.answers = [SB.Yes]  # Restore
    open_initial(win, None, settings())
    assert win.ws.draft.jurisdiction.name == "Newtown"
    assert not newer.draft_path.exists()
    assert older.draft_path.exists()  # kept for a later start
    # ... and the later start offers it (its lock was released, not left held)
    left = find_orphans()
    assert [o.draft_path for o in left] == [older.draft_path]
    for o in left:
        o.lock.unlock()


def test_a_damaged_recovery_file_is_reported_kept_and_the_next_is_offered(make_window,
                                                                         dialogs, gui_state,
                                                                         gui_library):
    clause = gui_library.options("transparency")[0].id
    good = crashed_session("Goodville", clause)
    meta = good.meta_path.read_text().replace('"saved": "', '"saved": "1999')
    good.meta_path.write_text(meta)
    bad = crashed_session("Badville", clause)
    bad.draft_path.write_text("drafter_draft: 1\njurisdiction: [unclosed\n")

    win = make_window()
    dialogs.answers = [SB.Yes, SB.Ok, SB.Yes]  # restore the bad one, OK, restore the good
    open_initial(win, None, settings())
    texts = dialogs.texts()
    assert "Could not restore the draft." in texts
    assert win.ws.draft.jurisdiction.name == "Goodville"
    # nothing the user wrote is deleted: the damaged file stays on disk, but is not
    # offered at every start again
    damaged = bad.draft_path.read_text() if bad.draft_path.exists() else None
    kept = [p for p in (gui_state / "recovery").iterdir()
            if p.suffix == ".yaml" and "[unclosed" in p.read_text()]
    assert kept and damaged is None  # moved aside, not deleted
    assert str(kept[0]) in dialogs.shown[texts.index("Could not restore the draft.")]["info"]
    assert bad.draft_path.name not in [o.draft_path.name for o in find_orphans()]


def answer_with_key(monkeypatch, key: Qt.Key) -> list[QMessageBox]:
    """QMessageBox.exec answered by a real key press on the box."""
    seen: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        seen.append(box)
        box.show()
        QTest.keyClick(box, key)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return seen


def test_the_recovery_prompt_restores_on_enter(make_window, monkeypatch, gui_state,
                                               gui_library):
    clause = gui_library.options("transparency")[0].id
    crashed = crashed_session("Entertown", clause)
    win = make_window()
    seen = answer_with_key(monkeypatch, Qt.Key.Key_Return)
    open_initial(win, None, settings())
    assert seen and "Restore" in seen[0].text()
    assert win.ws.draft.jurisdiction.name == "Entertown"
    assert not crashed.draft_path.exists()


def test_escape_on_the_recovery_prompt_keeps_the_file(make_window, monkeypatch, gui_state,
                                                      gui_library):
    clause = gui_library.options("transparency")[0].id
    crashed = crashed_session("Esctown", clause)
    win = make_window()
    seen = answer_with_key(monkeypatch, Qt.Key.Key_Escape)
    open_initial(win, None, settings())
    assert seen
    assert win.ws.draft.jurisdiction.name != "Esctown"
    assert crashed.draft_path.exists()
    assert [o.draft_path for o in find_orphans()] == [crashed.draft_path]
