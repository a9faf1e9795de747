"""File handling for the main window: the title and unsaved mark, autosave to the
recovery file, New / Open / Open Recent / Open Example / Save / Save As, and the
unsaved-changes prompt when closing. A mixin of `MainWindow` (see there for the state it
uses: `ws`, `settings`, `recovery`, `form`, ...).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.draft import load_draft, save_draft
from drafter.errors import DrafterError
from drafter.gui import errors, workers
from drafter.resources import data_dir

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

logger = logging.getLogger(__name__)

MAX_RECENT = 8
DRAFT_FILTER = "Drafter drafts (*.yaml *.yml);;All files (*)"


class FileActions:
    """Mixin: the File menu and the life of the draft file."""

    # --- title, modified state, autosave -----------------------------------------------

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.ws.display_name()}[*] — Drafter")
        self.setWindowModified(self.ws.modified)
        if self.ws.path is not None:
            self.setWindowFilePath(str(self.ws.path))

    def _on_clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)
        if clean:
            self._autosave.stop()
            if self.recovery is not None:
                self.recovery.discard()

    def _on_undo_index(self, _index: int) -> None:
        self._update_title()
        if self.ws.modified and self.recovery is not None and not self._autosave.isActive():
            self._autosave.start()

    def autosave_now(self) -> None:
        """Write the recovery file now if there are unsaved changes."""
        self._autosave.stop()
        if self.recovery is not None and self.ws.modified:
            self._flush_form()
            self.recovery.write(self.ws.draft)

    # --- files -------------------------------------------------------------------------

    def _start_dir(self) -> str:
        if self.ws.path is not None:
            return str(self.ws.path.parent)
        return str(self.settings.value("last_dir", str(Path.home())))

    def _remember_dir(self, path: Path) -> None:
        self.settings.setValue("last_dir", str(path.parent))

    def maybe_save(self) -> bool:
        """True when it is fine to drop the open draft (saved, or the user said so)."""
        self._flush_form()
        if not self.ws.modified:
            return True
        choice = errors.ask_unsaved(self, self.ws.display_name())
        if choice == "save":
            return self.save()
        return choice == "discard"

    def new_draft(self) -> None:
        if not self.maybe_save():
            return
        from drafter.gui.new_draft_dialog import NewDraftDialog

        dialog = NewDraftDialog(self)
        if dialog.exec() != NewDraftDialog.DialogCode.Accepted:
            return
        try:
            draft = dialog.draft(self.library)
        except DrafterError as exc:
            errors.show_error(self, "Could not start the draft.", exc=exc)
            return
        self.set_draft(draft, dirty=True)
        self.tabs.setCurrentWidget(self.form_page)

    def open_draft(self) -> None:
        if not self.maybe_save():
            return
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, "Open Draft", self._start_dir(),
                                              DRAFT_FILTER)
        if path:
            self.load_path(Path(path))

    def load_path(self, path: Path, as_copy: bool = False) -> bool:
        """Open a draft file; errors go to the error dialog and keep the current draft."""
        try:
            draft = load_draft(path, set(self.library.clauses))
        except DrafterError as exc:
            errors.show_error(self, "Could not open the draft.", f"File: {path}", exc=exc)
            return False
        except OSError as exc:
            errors.show_error(self, "Could not open the draft.", f"File: {path}", exc=exc)
            return False
        if as_copy:
            draft.path = None
        self.set_draft(draft)
        if not as_copy:
            self._add_recent(path)
            self._remember_dir(path)
        self.statusBar().showMessage(f"Opened {path.name}", 4000)
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
        errors.show_error(self, "Could not save the draft yet.",
                          f"Give the jurisdiction {' and '.join(missing)} in the "
                          "Jurisdiction tab first. (Your work is kept in the recovery file "
                          "meanwhile.)")
        self.tabs.setCurrentWidget(self.form_page)
        (self.form.name if not j.name else self.form.state).setFocus()
        return False

    def save_as(self) -> bool:
        self._flush_form()
        if not self._ready_to_save():
            return False
        j = self.ws.draft.jurisdiction
        suggestion = self.ws.path.name if self.ws.path else (
            f"{(j.name or 'draft').lower().replace(' ', '-')}-ordinance.yaml")
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, "Save Draft As",
                                              str(Path(self._start_dir()) / suggestion),
                                              DRAFT_FILTER)
        if not path:
            return False
        p = Path(path)
        if p.suffix.lower() not in (".yaml", ".yml"):
            p = p.with_suffix(p.suffix + ".yaml") if p.suffix else p.with_suffix(".yaml")
        return self.save_to(p)

    def save_to(self, path: Path) -> bool:
        self._flush_form()
        if not self._ready_to_save():
            return False
        try:
            save_draft(self.ws.draft, path)
        except DrafterError as exc:
            errors.show_error(self, "Could not save the draft.", f"File: {path}", exc=exc)
            return False
        self.ws.undo.setClean()
        if self.recovery is not None:
            self.recovery.discard()
        self._add_recent(path)
        self._remember_dir(path)
        self._update_title()
        self.statusBar().showMessage(f"Saved {path.name}", 4000)
        return True

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def _add_recent(self, path: Path) -> None:
        p = str(Path(path).resolve())
        recent = [r for r in self.recent_files() if r != p]
        self.settings.setValue("recent", [p, *recent][:MAX_RECENT])

    def fill_recent_menu(self) -> None:
        m = self.recent_menu
        m.clear()
        recent = self.recent_files()
        for i, p in enumerate(recent, start=1):
            a = m.addAction(f"&{i} {Path(p).name}")
            a.setToolTip(p)
            a.setStatusTip(p)
            a.triggered.connect(lambda _c=False, p=p: self._open_recent(Path(p)))
        if not recent:
            a = m.addAction("No recent drafts")
            a.setEnabled(False)
        else:
            m.addSeparator()
            m.addAction("Clear List", lambda: self.settings.setValue("recent", []))

    def _open_recent(self, path: Path) -> None:
        if not path.exists():
            errors.show_error(self, "Could not open the draft.",
                              f"File: {path}\nThe file no longer exists; it was removed "
                              "from the list.")
            self.settings.setValue("recent", [r for r in self.recent_files()
                                              if r != str(path)])
            return
        if self.maybe_save():
            self.load_path(path)

    def fill_example_menu(self) -> None:
        m = self.example_menu
        m.clear()
        files = sorted(data_dir("examples").glob("*.yaml"))
        for f in files:
            a = m.addAction(f.stem.replace("-", " ").replace("_", " ").title())
            a.setStatusTip(f"Open {f.name} as a new, untitled draft")
            a.triggered.connect(lambda _c=False, f=f: self._open_example(f))
        if not files:
            a = m.addAction("No examples installed")
            a.setEnabled(False)

    def _open_example(self, path: Path) -> None:
        if self.maybe_save():
            self.load_path(path, as_copy=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.maybe_save():
            event.ignore()
            return
        workers.wait_all()
        self.save_layout()
        if self.recovery is not None:
            self.recovery.close()
            self.recovery = None
        event.accept()
