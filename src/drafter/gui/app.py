"""Starting the desktop app: the QApplication, logging, the library and law data, the main
window with its first draft, the recovery offer, and `--screenshot`.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication

from drafter.errors import DrafterError
from drafter.gui import errors
from drafter.gui.paths import APPLICATION, ORGANIZATION, state_dir
from drafter.gui.paths import settings as open_settings
from drafter.load.draft import Draft, Ordinance
from drafter.load.resources import data_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from drafter.gui.main_window import MainWindow
    from drafter.load.library import Library

logger = logging.getLogger(__name__)

SCREENSHOT_SIZE = (1500, 920)
PREFERRED_EXAMPLE = "springfield"


_QUIET = ("propagateSizeHints",)


def _qt_messages(mode: QtMsgType, _context: object, message: str) -> None:
    """Qt's own warnings go to our log; harmless offscreen-plugin chatter is dropped."""
    if any(q in message for q in _QUIET):
        return
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    logging.getLogger("drafter.qt").log(level, "%s", message)


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), named so QSettings and paths are ours."""
    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_qt_messages)
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QApplication.setOrganizationName(ORGANIZATION)
    QApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationDisplayName(APPLICATION)
    if QGuiApplication.platformName() == "offscreen":
        # offscreen has no desktop font settings; pick a clean UI font explicitly
        f = QFont("DejaVu Sans", 9)
        f.setStyleHint(QFont.StyleHint.SansSerif)
        QApplication.setFont(f)
    assert isinstance(app, QApplication)
    return app


def setup_logging(folder: Path | None) -> None:
    """Log to <state dir>/drafter.log (rotating) and warnings to stderr."""
    root = logging.getLogger("drafter")
    if getattr(setup_logging, "_done", False):
        return
    setup_logging._done = True  # type: ignore[attr-defined]
    root.setLevel(logging.INFO)
    if folder is not None:
        from logging.handlers import RotatingFileHandler

        try:
            fh = RotatingFileHandler(folder / "drafter.log",
                                                      maxBytes=1_000_000, backupCount=2,
                                                      encoding="utf-8")
            fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: "
                                              "%(message)s"))
            root.addHandler(fh)
        except OSError as exc:
            print(f"drafter: cannot write the log: {exc}", file=sys.stderr)
    sh = logging.StreamHandler()
    sh.setLevel(logging.WARNING)
    sh.setFormatter(logging.Formatter("drafter: %(message)s"))
    root.addHandler(sh)


def example_drafts() -> list[Path]:
    return sorted(data_dir("examples").glob("*.yaml"))


def default_example() -> Path | None:
    files = example_drafts()
    for f in files:
        if PREFERRED_EXAMPLE in f.stem:
            return f
    return files[0] if files else None


def empty_draft() -> Draft:
    return Draft(ordinance=Ordinance(draft_date=dt.date.today(),
                                     effective="thirty days after its final passage"))


def build_window(library: Library | None, settings: QSettings, recovery: bool = True,
                 lawbook: object | None = None) -> MainWindow:
    """The main window; with `library=None`, the shell that shows the start page first
    (see `MainWindow`)."""
    from drafter.gui.checking import Checks
    from drafter.gui.main_window import MainWindow
    from drafter.gui.recovery import RecoveryFile

    checks = Checks(lawbook)
    return MainWindow(library, checks, settings, RecoveryFile() if recovery else None)


def offer_recovery(win: MainWindow) -> bool:
    """Offer drafts left by sessions that ended without closing, newest first, until one
    is restored or the user says "Not Now"; True if one was restored. Whatever is not
    restored or deleted stays for a later start; a file that cannot be read is set aside
    (kept on disk, not offered again) and the next one is offered."""
    from drafter.gui.recovery import find_orphans

    orphans = find_orphans()
    try:
        while orphans:
            orphan = orphans.pop(0)
            n = len(orphans)
            more = (f" ({n} more unsaved draft{'s are' if n != 1 else ' is'} waiting.)"
                    if n else "")
            choice = errors.ask_restore(
                win, "Drafter closed without saving a draft. Restore it?",
                f"Found {orphan.describe()}.{more} Not Now keeps it for the next start; "
                "Delete removes it for good.")
            if choice == "later":
                orphan.release()
                return False
            if choice == "delete":
                orphan.discard()
                continue
            try:
                draft = orphan.restore(set(win.library.clauses))
            except (DrafterError, OSError) as exc:
                kept = orphan.set_aside()
                errors.show_error(win, "Could not restore the draft.",
                                  f"The recovery file was kept as {kept}.", exc=exc)
                continue
            win.set_draft(draft, dirty=True)
            orphan.discard()
            win.statusBar().showMessage("Restored the unsaved draft. Save it to keep it.",
                                        8000)
            return True
        return False
    finally:
        for o in orphans:  # not offered now: kept for a later start
            o.release()


def open_initial(win: MainWindow, path: str | None, settings: QSettings,
                 interactive: bool = True) -> None:
    """The first draft: the file given or a restored draft; otherwise the start page
    (new draft, open, recent, examples)."""
    if interactive and offer_recovery(win):
        return
    if path and win.files.load_path(Path(path)):
        return
    settings.setValue("first_run_done", True)
    if win.start_page is None or not win.on_start_page():  # not shown already
        win.show_start()


def _load_library(extra: list[str] | None, replace: bool) -> Library:
    from drafter.load.session import library_from

    return library_from(extra, replace)


def screenshot(draft: str | None, out: str, extra: list[str] | None = None,
               replace: bool = False) -> int:
    """Render the main window with the draft to a PNG, touching no user state."""
    app = application()
    library = _load_library(extra, replace)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="drafter-shot-") as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("first_run_done", True)
        win = build_window(library, settings, recovery=False)
        if draft:
            from drafter.load.draft import load_draft

            win.set_draft(load_draft(draft, set(library.clauses)))
        else:
            example = default_example()
            if example is not None:
                from drafter.load.draft import load_draft

                d = load_draft(example, set(library.clauses))
                d.path = None
                win.set_draft(d)
            else:
                win.set_draft(empty_draft())
        win.resize(*SCREENSHOT_SIZE)
        win.show()
        if win.ws.draft.clauses:
            win.select_clause(win.ws.draft.clauses[0].id)
        for _ in range(5):
            app.processEvents()
        ok = win.grab().save(out, "PNG")
        win.ws.undo.setClean()
        win.close()
    if not ok:
        raise DrafterError("could not write the screenshot", out)
    print(f"wrote {out}")
    return 0


def _library_problem(parent: QWidget | None, exc: DrafterError) -> None:
    errors.show_error(parent, "Drafter could not load its clause library.",
                      "Fix these problems in the clause files, then start Drafter again:",
                      exc=exc)


def run(draft: str | None = None, extra: list[str] | None = None,
        replace: bool = False) -> int:
    """Run the app until the user quits."""
    t0 = time.perf_counter()
    app = application()
    folder = state_dir()
    setup_logging(folder)
    errors.install_excepthook()
    settings = open_settings()
    if draft is None:
        # No file: the start page shows at once, and the clause library and the workspace
        # load on the first event-loop turn (before any click can reach the window).
        win = build_window(None, settings)
        win.show_start()
        win.show()
        app.processEvents()  # painted before the library loads, not after
        logger.info("start page shown in %.0f ms", (time.perf_counter() - t0) * 1000)

        def finish() -> None:
            try:
                win.attach_library(_load_library(extra, replace))
            except DrafterError as exc:
                _library_problem(win, exc)
                win.files.shutdown()
                app.exit(2)  # app.exec() returns 2
                return
            open_initial(win, None, settings)

        QTimer.singleShot(0, finish)
        return app.exec()
    try:
        library = _load_library(extra, replace)
    except DrafterError as exc:
        _library_problem(None, exc)
        return 2
    win = build_window(library, settings)
    win.show()
    logger.info("window shown in %.0f ms", (time.perf_counter() - t0) * 1000)
    # The draft (assembly, law data, checks) comes on the first event-loop turn, so the
    # window appears without waiting for it; a recovery offer appears over the window.
    QTimer.singleShot(0, lambda: open_initial(win, draft, settings))
    return app.exec()
