"""The life of the draft file, given the workspace: the window title and unsaved mark,
autosave to the recovery file, New / Open / Open Recent / Open Example / Save / Save As,
and the unsaved-changes prompt before the draft would be dropped.

The main window owns one `FileController`; menus call it, and it talks back to the window
only to show dialogs over it, set its title and status bar, and bring the jurisdiction form
forward when a field is missing.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from drafter.errors import DrafterError
from drafter.gui import errors
from drafter.gui.recovery import autosave_interval
from drafter.gui.start_page import example_place, example_title  # noqa: F401 (public name)
from drafter.load.draft import load_draft, save_draft
from drafter.load.resources import data_dir

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMenu, QWidget

    from drafter.gui.main_window import MainWindow
    from drafter.gui.recovery import RecoveryFile
    from drafter.gui.workspace import Workspace
    from drafter.load.draft import Draft

logger = logging.getLogger(__name__)

MAX_RECENT = 8
DRAFT_FILTER = "Drafter drafts (*.yaml *.yml);;All files (*)"


def start_dir(ws: Workspace, settings: QSettings) -> str:
    """Where a file dialog opens: next to the draft, else where the user last was."""
    if ws.path is not None:
        return str(ws.path.parent)
    return str(settings.value("last_dir", str(Path.home())))


class FileController(QObject):
    def __init__(self, ws: Workspace, window: MainWindow, settings: QSettings,
                 recovery: RecoveryFile | None = None):
        super().__init__(window)
        self.ws = ws
        self.window = window
        self.settings = settings
        self.recovery = recovery
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_interval())
        self._autosave.timeout.connect(self.autosave_now)
        ws.undo.cleanChanged.connect(self._on_clean_changed)
        ws.undo.indexChanged.connect(self._on_undo_index)
        ws.draft_replaced.connect(self._on_draft_replaced)

    # --- title, modified state, autosave -----------------------------------------------

    def update_title(self) -> None:
        w = self.window
        w.setWindowTitle(f"{self.ws.display_name()}[*] — Drafter")
        w.setWindowModified(self.ws.modified)
        if self.ws.path is not None:
            w.setWindowFilePath(str(self.ws.path))

    def _on_clean_changed(self, clean: bool) -> None:
        self.window.setWindowModified(not clean)
        if clean:
            self._autosave.stop()
            if self.recovery is not None:
                self.recovery.discard()

    def _on_undo_index(self, _index: int) -> None:
        self.update_title()
        if self.ws.modified and self.recovery is not None and not self._autosave.isActive():
            self._autosave.start()

    def _on_draft_replaced(self) -> None:
        self.update_title()
        if self.recovery is not None and self.ws.modified:  # a restored or new draft
            self.recovery.write(self.ws.draft)

    def autosave_now(self) -> None:
        """Write the recovery file now if there are unsaved changes."""
        self._autosave.stop()
        if self.recovery is not None and self.ws.modified:
            self.window.flush_form()
            self.recovery.write(self.ws.draft)

    def shutdown(self) -> None:
        """The window closes after the user was asked: no recovery file is left."""
        self._autosave.stop()
        if self.recovery is not None:
            self.recovery.close()
            self.recovery = None

    # --- files -------------------------------------------------------------------------

    def _remember(self, path: Path) -> None:
        self.settings.setValue("last_dir", str(path.parent))
        p = str(Path(path).resolve())
        recent = [r for r in self.recent_files() if r != p]
        self.settings.setValue("recent", [p, *recent][:MAX_RECENT])

    def maybe_save(self) -> bool:
        """True when it is fine to drop the open draft (saved, or the user said so)."""
        self.window.flush_form()
        if not self.ws.modified:
            return True
        choice = errors.ask_unsaved(self.window, self.ws.display_name())
        if choice == "save":
            return self.save()
        return choice == "discard"

    def new_draft(self) -> None:
        if not self.maybe_save():
            return
        from drafter.gui.new_draft_dialog import NewDraftDialog

        dialog = NewDraftDialog(self.window, self.ws.library, self.ws.checks.lawbook)
        if dialog.exec() != NewDraftDialog.DialogCode.Accepted:
            return
        try:
            draft = dialog.draft(self.ws.library)
        except DrafterError as exc:
            errors.show_error(self.window, "Could not start the draft.", exc=exc)
            return
        self.ws.set_draft(draft, dirty=True)
        self.window.show_form()

    def open_draft(self) -> None:
        if not self.maybe_save():
            return
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.window, "Open Draft",
                                              start_dir(self.ws, self.settings), DRAFT_FILTER)
        if path:
            self.load_path(Path(path))

    def load_path(self, path: Path, as_copy: bool = False) -> bool:
        """Open a draft file; errors go to the error dialog and keep the current draft."""
        try:
            draft = load_draft(path, set(self.ws.library.clauses))
        except (DrafterError, OSError) as exc:
            errors.show_error(self.window, "Could not open the draft.", f"File: {path}",
                              exc=exc)
            return False
        if as_copy:
            draft.path = None
        self.ws.set_draft(draft)
        if not as_copy:
            self._remember(path)
        self.window.statusBar().showMessage(f"Opened {path.name}", 4000)
        return True

    def save(self) -> bool:
        if self.ws.path is None:
            return self.save_as()
        return self.save_to(self.ws.path)

    def _ready_to_save(self) -> bool:
        """A draft file needs the jurisdiction's name and state; say so and show where."""
        j = self.ws.draft.jurisdiction
        missing = [what for what, ok in (("its name", j.name), ("its state", j.state)) if not ok]
        if not missing:
            return True
        errors.show_error(self.window, "Could not save the draft yet.",
                          f"Give the jurisdiction {' and '.join(missing)} in the "
                          "Jurisdiction tab first. (Your work is kept in the recovery file "
                          "meanwhile.)")
        self.window.show_form("name" if not j.name else "state")
        return False

    def save_as(self) -> bool:
        self.window.flush_form()
        if not self._ready_to_save():
            return False
        j = self.ws.draft.jurisdiction
        suggestion = self.ws.path.name if self.ws.path else (
            f"{(j.name or 'draft').lower().replace(' ', '-')}-ordinance.yaml")
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self.window, "Save Draft As",
            str(Path(start_dir(self.ws, self.settings)) / suggestion), DRAFT_FILTER)
        if not path:
            return False
        p = Path(path)
        if p.suffix.lower() not in (".yaml", ".yml"):
            p = p.with_suffix(p.suffix + ".yaml") if p.suffix else p.with_suffix(".yaml")
        return self.save_to(p)

    def save_to(self, path: Path) -> bool:
        self.window.flush_form()
        if not self._ready_to_save():
            return False
        if not refuse_unsafe_output(self.window, path, self.ws.draft, is_draft=True):
            return False
        try:
            save_draft(self.ws.draft, path)
        except DrafterError as exc:
            errors.show_error(self.window, "Could not save the draft.", f"File: {path}",
                              exc=exc)
            return False
        self.ws.undo.setClean()
        from drafter.gui.versions import keep_version

        keep_version(path)
        self._remember(path)
        self.update_title()
        self.window.statusBar().showMessage(f"Saved {path.name}", 4000)
        return True

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):  # QSettings returns a one-item list as a string
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = self.recent_files()
        for i, p in enumerate(recent, start=1):
            a = menu.addAction(f"&{i} {Path(p).name}")
            a.setToolTip(p)
            a.setStatusTip(p)
            a.triggered.connect(lambda _c=False, p=p: self.open_recent(Path(p)))
        if not recent:
            menu.addAction("No recent drafts").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("&Clear List", lambda: self.settings.setValue("recent", []))

    def open_recent(self, path: Path) -> None:
        if not path.exists():
            errors.show_error(self.window, "Could not open the draft.",
                              f"File: {path}\nThe file no longer exists; it was removed "
                              "from the list.")
            self.settings.setValue("recent", [r for r in self.recent_files()
                                              if r != str(path)])
            return
        if self.maybe_save():
            self.load_path(path)

    def fill_example_menu(self, menu: QMenu) -> None:
        menu.clear()
        files = sorted(data_dir("examples").glob("*.yaml"))
        for i, f in enumerate(files, start=1):
            a = menu.addAction(f"&{i} {example_place(f)}")
            a.setStatusTip(f"Open {f.name} as a new, untitled draft")
            a.triggered.connect(lambda _c=False, f=f: self.open_example(f))
        if not files:
            menu.addAction("No examples installed").setEnabled(False)

    def open_example(self, path: Path) -> None:
        if self.maybe_save():
            self.load_path(path, as_copy=True)


def refuse_unsafe_output(window: QWidget, path: Path, draft: Draft,
                         is_draft: bool = False) -> bool:
    """The same output checks as the command line (drafter.outputs.check_output): never
    over the draft or its house template, never a folder or a read-only file. Says why
    and returns False when the path must not be written."""
    from drafter.outputs import check_output

    inputs: list[str | Path | None] = []
    if not is_draft:
        inputs.append(draft.path)
    template = draft.export.template
    if template:
        inputs.append(draft.path.parent / template if draft.path else template)
    try:
        check_output(path, *inputs)
    except DrafterError as exc:
        errors.show_error(window, "Could not save the draft." if is_draft else
                          "Cannot write to that file.", f"File: {path}", exc=exc)
        return False
    return True
