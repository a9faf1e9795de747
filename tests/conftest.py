"""Test-wide set-up: Qt renders offscreen; app state and the parse cache stay inside the
test run."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_state = tempfile.mkdtemp(prefix="drafter-tests-")
os.environ.setdefault("DRAFTER_STATE_DIR", os.path.join(_state, "state"))
# the parse cache works in every test (a file read twice is a hit), never in the user's
os.environ.setdefault("DRAFTER_CACHE_DIR", os.path.join(_state, "parsed"))


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
    from drafter.load.session import library_from

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


# --- LibreOffice: started once for the whole session ------------------------------------


@pytest.fixture(scope="session")
def _libreoffice(tmp_path_factory):
    """One LibreOffice run for every document the session's tests registered
    (`helpers.lo_document`, `helpers.lo_check`): with LibreOffice's Python bridge, one
    long-lived office converts the PDFs and accepts or rejects tracked changes
    (tests/data/lo_accept_reject.py); without it, one `soffice --convert-to pdf` call
    converts the PDFs and the accept/reject checks cannot run. Tests fail instead of
    skipping in CI when LibreOffice is missing."""
    import json
    import subprocess
    import sys

    from helpers import DATA, LO_CHECKS, LO_DOCUMENTS, require_soffice, uno_python

    soffice = require_soffice()
    root = tmp_path_factory.mktemp("libreoffice")
    docs = []
    for name, build in sorted(LO_DOCUMENTS.items()):
        docs.append(root / f"{name}.docx")
        build(docs[-1])
    checks = {name: build(root / name) for name, build in sorted(LO_CHECKS.items())}
    py = uno_python()
    env = {**os.environ, "HOME": str(root)}
    if py is None:
        subprocess.run([soffice, f"-env:UserInstallation=file://{root}/profile", "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", str(root),
                        *map(str, docs)], check=True, capture_output=True, timeout=900,
                       env=env)
        return root, None
    items = [f"pdf:{d}" for d in docs] + [i for group in checks.values() for i in group]
    proc = subprocess.run([py, str(DATA / "lo_accept_reject.py"), soffice, *items],
                          capture_output=True, text=True, timeout=1200, env=env)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise RuntimeError(f"LibreOffice session failed: {proc.stderr.strip()[-300:]}")
    return root, json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def lo_pdfs(_libreoffice):
    """name -> PDF of every document registered with `helpers.lo_document`; the .docx it
    was made from is `pdf.with_suffix(".docx")`."""
    from helpers import LO_DOCUMENTS

    root, _ = _libreoffice
    return {name: root / f"{name}.pdf" for name in LO_DOCUMENTS}


@pytest.fixture(scope="session")
def lo_checks(_libreoffice):
    """"MODE:FILE" -> paragraph texts LibreOffice shows after MODE (accept, reject, none)
    for the items `helpers.lo_check` builders returned."""
    _, results = _libreoffice
    if results is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice's Python bridge (python3-uno) is required in CI")
        pytest.skip("LibreOffice's Python bridge (uno) is not available")
    return results
