"""Files and safety nets: title and unsaved mark, the unsaved-changes prompt, the error
dialog for a bad file, autosave to a recovery file and restoring it after a crash."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from drafter.gui.app import empty_draft, open_initial
from drafter.gui.paths import settings
from drafter.load.draft import load_draft, save_draft

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
SB = QMessageBox.StandardButton


def a_draft(tmp_path: Path) -> Path:
    d = empty_draft()
    d.jurisdiction.name, d.jurisdiction.kind, d.jurisdiction.state = "Springfield", "city", "IL"
    d.jurisdiction.agencies = {"police": "Springfield Police Department"}
    path = tmp_path / "springfield.yaml"
    save_draft(d, path)
    return path


def test_title_shows_file_name_and_unsaved_mark(make_window, tmp_path, gui_library):
    path = a_draft(tmp_path)
    win = make_window()
    assert win.files.load_path(path)
    assert win.windowTitle() == "springfield.yaml[*] — Drafter"
    assert not win.isWindowModified()
    win.add_clause(gui_library.options("transparency")[0].id)
    assert win.isWindowModified()
    win.undo()
    assert not win.isWindowModified()  # back at the saved state


def named():
    d = empty_draft()
    d.jurisdiction.name, d.jurisdiction.kind, d.jurisdiction.state = "Springfield", "city", "IL"
    return d


def test_closing_with_unsaved_changes_asks(make_window, dialogs, tmp_path, gui_library,
                                          monkeypatch):
    win = make_window(named())
    win.add_clause(gui_library.options("transparency")[0].id)

    dialogs.answers = [SB.Cancel]
    assert not win.close()
    assert win.isVisible()
    assert dialogs.shown[-1]["text"].startswith("Save changes to")

    # Save: asks for a name, writes the file, then closes
    target = tmp_path / "kept.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialogs.answers = [SB.Save]
    assert win.close()
    assert load_draft(target).clause_ids() == win.ws.draft.clause_ids()


def test_dont_save_discards_and_cancelled_save_keeps_the_window(make_window, dialogs,
                                                                gui_library, monkeypatch):
    win = make_window()
    win.add_clause(gui_library.options("transparency")[0].id)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    dialogs.answers = [SB.Save]  # ... then the save dialog is cancelled
    assert not win.close()
    dialogs.answers = [SB.Discard]
    assert win.close()


def test_open_asks_before_replacing_unsaved_work(make_window, dialogs, tmp_path, gui_library,
                                                monkeypatch):
    path = a_draft(tmp_path)
    win = make_window()
    clause = gui_library.options("transparency")[0].id
    win.add_clause(clause)
    opened = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: opened.append(1) or (str(path), ""))
    dialogs.answers = [SB.Cancel]
    win.menu_actions.open.trigger()
    assert not opened and win.ws.draft.clause_ids() == [clause]


def test_corrupt_file_shows_the_error_dialog(make_window, dialogs, tmp_path, monkeypatch):
    bad = tmp_path / "broken.yaml"
    bad.write_text("drafter_draft: 1\njurisdiction:\n  name: [unclosed\n  kind: city\n")
    win = make_window()
    before = win.ws.draft
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    win.menu_actions.open.trigger()
    box = dialogs.shown[-1]
    assert box["text"] == "Could not open the draft."
    assert "broken.yaml" in box["info"] and ":3" in box["info"]  # file and line
    assert "Traceback" not in box["info"] + box["details"]
    assert box["icon"] == QMessageBox.Icon.Critical
    assert win.ws.draft is before  # nothing lost

    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("drafter_draft: 1\njurisdiction: {name: X, kind: city, state: IL}\n"
                       "clauses:\n  - id: detainers.no_such_option\n")
    assert not win.files.load_path(unknown)
    assert "unknown clause id 'detainers.no_such_option'" in dialogs.shown[-1]["info"]


def test_saving_needs_a_name_and_state_and_says_so(make_window, dialogs, tmp_path):
    win = make_window()
    assert not win.files.save_to(tmp_path / "x.yaml")
    assert dialogs.shown[-1]["text"] == "Could not save the draft yet."
    assert "its name and its state" in dialogs.shown[-1]["info"]
    assert win.tabs.currentWidget() is win.form_page
    assert not (tmp_path / "x.yaml").exists()


def test_save_failure_is_reported_and_keeps_the_work(make_window, dialogs, tmp_path,
                                                     gui_library):
    win = make_window(named())
    win.add_clause(gui_library.options("transparency")[0].id)
    assert not win.files.save_to(tmp_path / "no-such-folder" / "x.yaml")
    assert dialogs.shown[-1]["text"] == "Could not save the draft."
    assert "does not exist" in dialogs.shown[-1]["info"]
    assert win.isWindowModified()


def test_autosave_writes_a_recovery_file_and_saving_removes_it(make_window, qtbot, gui_state,
                                                              gui_library, tmp_path,
                                                              monkeypatch):
    monkeypatch.setenv("DRAFTER_AUTOSAVE_MS", "100")
    win = make_window()
    recovery = win.files.recovery
    assert recovery is not None
    assert not recovery.draft_path.exists()  # nothing unsaved yet
    clause = gui_library.options("transparency")[0].id
    win.add_clause(clause)
    qtbot.waitUntil(recovery.draft_path.exists, timeout=3000)
    assert load_draft(recovery.draft_path).clause_ids() == [clause]  # readable as is
    assert recovery.draft_path.is_relative_to(gui_state)
    win.ws.draft.jurisdiction.name, win.ws.draft.jurisdiction.state = "Springfield", "IL"
    assert win.files.save_to(tmp_path / "saved.yaml")
    assert not recovery.draft_path.exists()


CRASHER = textwrap.dedent("""
    import os, sys
    from drafter.gui import app as gapp
    from drafter.gui.paths import settings
    from drafter.load.session import library_from
    a = gapp.application()
    lib = library_from()
    win = gapp.build_window(lib, settings())
    win.show()
    d = gapp.empty_draft()
    d.jurisdiction.name, d.jurisdiction.kind, d.jurisdiction.state = "Crashville", "city", "IL"
    win.set_draft(d)
    win.add_clause(sys.argv[1])
    win.files.autosave_now()
    os._exit(3)  # a crash: no clean-up, no prompt
""")


def test_after_a_crash_the_next_start_offers_the_draft_back(make_window, dialogs, gui_state,
                                                           gui_library):
    clause = gui_library.options("transparency")[0].id
    env = {**os.environ, "DRAFTER_STATE_DIR": str(gui_state), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-c", CRASHER, clause], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    assert list((gui_state / "recovery").glob("session-*.yaml"))

    win = make_window()
    dialogs.answers = [SB.Yes]  # "Restore"
    open_initial(win, None, settings())
    assert "Restore it?" in dialogs.shown[-1]["text"]
    assert win.ws.draft.jurisdiction.name == "Crashville"
    assert win.ws.draft.clause_ids() == [clause]
    assert win.isWindowModified()  # restored work is unsaved until saved
    assert win.ws.path is None
    assert not list((gui_state / "recovery").glob("session-*.yaml")) or \
        all(p == win.files.recovery.draft_path for p in (gui_state / "recovery").glob("*.yaml"))


def test_declining_recovery_deletes_it_and_a_live_session_is_left_alone(make_window, dialogs,
                                                                       gui_state,
                                                                       gui_library):
    from drafter.gui.recovery import find_orphans

    live = make_window()
    live.add_clause(gui_library.options("transparency")[0].id)
    live.files.autosave_now()
    assert live.files.recovery.draft_path.exists()
    assert find_orphans() == []  # its lock is held: not an orphan

    # an orphan: a recovery file with no lock holder
    orphan = gui_state / "recovery" / "session-99999-deadbeef.yaml"
    orphan.write_text(live.files.recovery.draft_path.read_text())
    win = make_window()
    dialogs.answers = [SB.Discard]  # "Delete"
    open_initial(win, None, settings())
    assert not orphan.exists()
    assert live.files.recovery.draft_path.exists()


def test_recent_files_menu(make_window, tmp_path):
    path = a_draft(tmp_path)
    win = make_window()
    win.files.load_path(path)
    from PySide6.QtWidgets import QMenu

    menu = QMenu(win)
    win.files.fill_recent_menu(menu)
    labels = [a.text() for a in menu.actions()]
    assert any("springfield.yaml" in t for t in labels)


def test_an_unnamed_draft_is_recovered_too(make_window, dialogs, gui_state, gui_library):
    from drafter.gui.recovery import RecoveryFile

    d = empty_draft()  # no name, no state yet: not a valid draft file on its own
    clause = gui_library.options("transparency")[0].id
    from drafter.load.draft import ChosenClause

    d.clauses = [ChosenClause(clause, "Own words for {{ jurisdiction }}.")]
    crashed = RecoveryFile()
    crashed.write(d)
    crashed.lock.unlock()  # its process is gone

    win = make_window()
    dialogs.answers = [SB.Yes]
    open_initial(win, None, settings())
    j = win.ws.draft.jurisdiction
    assert (j.name, j.state) == ("", "")
    assert win.ws.draft.clauses[0].text == "Own words for {{ jurisdiction }}."


def test_save_as_and_export_refuse_to_overwrite_the_draft_or_a_read_only_file(
        make_window, tmp_path, monkeypatch):
    """The app applies the command line's output checks: a Word export chosen over the
    draft itself, or a save over a read-only file, is refused with a message, and the
    file is left as it was."""
    from drafter.gui import errors as gui_errors
    from drafter.gui.file_controller import refuse_unsafe_output
    from drafter.load.draft import save_draft

    shown: list[str] = []
    monkeypatch.setattr(gui_errors, "show_error",
                        lambda *a, **k: shown.append(str(k.get("exc"))))
    from drafter.load.draft import new_draft

    win = make_window(new_draft("Cook", "county", "IL"))
    draft_path = tmp_path / "d.yaml"
    save_draft(win.ws.draft, draft_path)
    before = draft_path.read_bytes()
    assert not refuse_unsafe_output(win, draft_path, win.ws.draft)  # an export over the draft
    locked = tmp_path / "locked.yaml"
    locked.write_text("x")
    locked.chmod(0o444)
    assert not win.files.save_to(locked)
    assert locked.read_text() == "x" and draft_path.read_bytes() == before
    assert len(shown) == 2 and all(s for s in shown)
