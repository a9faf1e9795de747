"""Test-wide set-up: Qt renders offscreen; app state stays inside the test run."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_state = tempfile.mkdtemp(prefix="drafter-tests-")
os.environ.setdefault("DRAFTER_STATE_DIR", os.path.join(_state, "state"))


# --- GUI tests (pytest-qt; marked `gui`) ----------------------------------------------
# Qt is imported inside the fixtures only, so core tests never load it.

import pytest  # noqa: E402


class DialogRecorder:
    """Stands in for QMessageBox.exec: records every box and answers from a queue.
    With nothing queued it answers the safe way (Cancel, else No, else OK), so a test
    can never hang on a modal dialog or lose work by accident."""

    def __init__(self) -> None:
        self.shown: list[dict] = []
        self.answers: list = []

    def exec(self, box) -> int:  # stands in for QMessageBox.exec
        from PySide6.QtWidgets import QMessageBox

        self.shown.append({"text": box.text(), "info": box.informativeText(),
                           "details": box.detailedText(), "icon": box.icon()})
        if self.answers:
            return self.answers.pop(0)
        buttons = box.standardButtons()
        for safe in (QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.No):
            if buttons & safe:
                return safe
        return QMessageBox.StandardButton.Ok

    def texts(self) -> list[str]:
        return [d["text"] for d in self.shown]


@pytest.fixture(scope="session")
def gui_library():
    """The shipped clause library, loaded once for all GUI tests."""
    from drafter.session import library_from

    return library_from()


@pytest.fixture()
def gui_state(tmp_path, monkeypatch):
    """A fresh app state folder (settings, recovery files, log) for one test."""
    state = tmp_path / "state"
    monkeypatch.setenv("DRAFTER_STATE_DIR", str(state))
    return state


@pytest.fixture()
def dialogs(monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    rec = DialogRecorder()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: rec.exec(box))
    return rec


@pytest.fixture()
def make_window(qtbot, gui_library, gui_state, dialogs):
    """make_window(draft=None, recovery=True) -> a shown MainWindow; closed afterwards."""
    import drafter.gui  # noqa: F401  (applies the PySide6 workaround first)
    from drafter.gui import app as gapp
    from drafter.gui import workers
    from drafter.gui.paths import settings

    made = []

    def make(draft=None, recovery=True):
        win = gapp.build_window(gui_library, settings(), recovery=recovery)
        qtbot.addWidget(win, before_close_func=lambda w: w.ws.undo.setClean())
        win.resize(1400, 900)
        win.show()
        win.set_draft(draft if draft is not None else gapp.empty_draft())
        made.append(win)
        return win

    yield make
    workers.wait_all()
    for win in made:
        win.ws.undo.setClean()  # nothing to ask about on teardown
        win.close()
