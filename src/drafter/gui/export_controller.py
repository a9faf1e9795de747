"""Exports, given the workspace: the Word ordinance, the comparison of options, the council
packet and the redline against an earlier version. Each is written in a worker thread (plain
data in, paths out) behind a progress dialog, optionally followed by a PDF.

The writers are the same core functions the CLI calls; they are imported in the worker, at
export time, so the app starts without paying for them.

Signals (ExportController):
    finished(object): an export wrote its files (an `ExportResult`).
    failed(object): an export failed (the exception; the dialog was shown).
    busy(bool): an export started (True) or ended (False).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from drafter.errors import DrafterError, ExportError
from drafter.gui import errors, workers
from drafter.gui.file_controller import DRAFT_FILTER, refuse_unsafe_output, start_dir
from drafter.load.draft import load_draft

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from drafter.gui.main_window import MainWindow
    from drafter.gui.workspace import Workspace
    from drafter.ordinance.document import Document

logger = logging.getLogger(__name__)

WORD_FILTER = "Word documents (*.docx)"


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def pdf_available() -> tuple[bool, str]:
    """(True, "") when LibreOffice can make PDFs, else (False, why) for a tooltip."""
    from drafter.pdf import INSTALL_HINT, find_soffice

    if find_soffice() is None:
        return False, f"LibreOffice was not found; {INSTALL_HINT}."
    return True, ""


def run_export(write: Callable[[Path], object], path: Path, also_pdf: bool) -> ExportResult:
    """Call `write(path)` (in the worker), then convert to PDF if asked. A failed PDF is a
    warning: the Word file is still there."""
    write(path)
    result = ExportResult([path])
    if also_pdf:
        from drafter.pdf import convert

        try:
            result.written.append(convert(path))
        except ExportError as exc:
            logger.warning("PDF not written: %s", exc)
            result.warnings.append(str(exc.problem.message))
    return result


class ExportController(QObject):
    finished = Signal(object)
    failed = Signal(object)
    busy = Signal(bool)

    def __init__(self, ws: Workspace, window: MainWindow, settings: QSettings):
        super().__init__(window)
        self.ws = ws
        self.window = window
        self.settings = settings
        self.also_pdf = bool(settings.value("also_pdf", False, type=bool))

    def set_also_pdf(self, on: bool) -> None:
        self.also_pdf = on
        self.settings.setValue("also_pdf", on)

    # --- asking ------------------------------------------------------------------------

    def _ask_output(self, title: str, suggestion: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self.window, title, str(Path(start_dir(self.ws, self.settings)) / suggestion),
            WORD_FILTER)
        if not path:
            return None
        p = Path(path)
        p = p if p.suffix.lower() == ".docx" else p.with_name(p.name + ".docx")
        return p if refuse_unsafe_output(self.window, p, self.ws.draft) else None

    def _stem(self) -> str:
        if self.ws.path is not None:
            return self.ws.path.stem
        name = self.ws.draft.jurisdiction.name or "draft"
        return f"{name.lower().replace(' ', '-')}-ordinance"

    def _document_or_explain(self, what: str) -> Document | None:
        """The assembled document, once the user has reviewed blocked and at-risk
        clauses (`export_review`); None when it cannot be exported or they went back."""
        self.window.flush_form()
        a = self.ws.analysis
        if a.document is None:
            errors.show_error(self.window, f"Could not export the {what}.",
                              "The draft cannot be assembled yet; fix this first:",
                              exc=a.error)
            return None
        from drafter.gui.export_review import review_before_export

        if not review_before_export(self.ws, self.window, what):
            return None
        return a.document

    def _template(self) -> str | None:
        """The draft's house template; a relative path is relative to the draft file."""
        template = self.ws.draft.export.template
        if template and self.ws.path is not None and not Path(template).is_absolute():
            return str(self.ws.path.parent / template)
        return template

    # --- exports -----------------------------------------------------------------------

    def export_word(self) -> None:
        doc = self._document_or_explain("ordinance")
        if doc is None:
            return
        path = self._ask_output("Export Word", f"{self._stem()}.docx")
        if path is None:
            return
        template, numbers = self._template(), self.ws.draft.export.line_numbers

        def write(p: Path) -> object:
            from drafter.export import write_ordinance

            return write_ordinance(doc, p, template=template, line_numbers=numbers)

        self._run("Writing the Word ordinance…", write, path)

    def export_redline(self) -> None:
        new_doc = self._document_or_explain("redline")
        if new_doc is None:
            return
        src = self._earlier_version()
        if not src:
            return
        from drafter.ordinance.assemble import assemble

        try:
            old_doc = assemble(load_draft(src, set(self.ws.library.clauses)),
                               self.ws.library)
        except (DrafterError, OSError) as exc:
            errors.show_error(self.window, "Could not read the earlier version.",
                              f"File: {src}", exc=exc)
            return
        path = self._ask_output("Export Redline", f"{self._stem()}-redline.docx")
        if path is None:
            return
        d = self.ws.draft
        author = d.ordinance.sponsor or d.jurisdiction.body
        when = dt.datetime.now().replace(microsecond=0)
        template, numbers = self._template(), d.export.line_numbers

        def write(p: Path) -> object:
            from drafter.export import write_redline

            return write_redline(old_doc, new_doc, p, style="tracked", author=author,
                                 date=when, template=template, line_numbers=numbers)

        self._run("Writing the redline…", write, path)

    def _earlier_version(self) -> str | None:
        """An earlier version kept at a save (listed), or a file the user picks."""
        from PySide6.QtWidgets import QDialog, QFileDialog

        from drafter.gui.versions import VersionDialog, list_versions

        versions = list_versions(self.ws.path) if self.ws.path is not None else []
        if not self.ws.modified:
            versions = versions[1:]  # the newest is the draft as it is now
        if versions:
            dialog = VersionDialog(versions, self.window)
            code = dialog.exec()
            if code == QDialog.DialogCode.Accepted:
                chosen = dialog.chosen()
                return str(chosen) if chosen is not None else None
            if code != VersionDialog.CHOOSE_FILE:
                return None
        src, _ = QFileDialog.getOpenFileName(self.window, "Earlier Version of the Draft",
                                             start_dir(self.ws, self.settings), DRAFT_FILTER)
        return src or None

    def export_packet(self) -> None:
        if self._document_or_explain("council packet") is None:
            return
        path = self._ask_output("Export Council Packet", f"{self._stem()}-packet.docx")
        if path is None:
            return
        draft = deepcopy(self.ws.draft)  # the worker gets its own
        lib, book = self.ws.library, self.ws.checks.lawbook

        def write(p: Path) -> object:
            from drafter.export import write_packet

            return write_packet(draft, lib, book, p)

        self._run("Writing the council packet…", write, path)

    def export_comparison(self, clause_ids: list[str]) -> bool:
        """Write the comparison of these options; False (nothing asked) for fewer than
        two."""
        if len(clause_ids) < 2:
            errors.show_info(self.window, "Choose the options to compare first.",
                             "In the Compare tab, pick a protection and tick two or more "
                             "options.")
            return False
        ids = list(clause_ids)
        prot = self.ws.library.clauses[ids[0]].protection
        path = self._ask_output("Export Comparison", f"{prot}-options.docx")
        if path is None:
            return True
        lib, book = self.ws.library, self.ws.checks.lawbook
        state = self.ws.draft.jurisdiction.state if book is not None else None

        def write(p: Path) -> object:
            from drafter.export import write_comparison

            return write_comparison(ids, lib, book, state, p)

        self._run("Writing the comparison…", write, path)
        return True

    def _run(self, label: str, write: Callable[[Path], object], path: Path) -> None:
        """Run an export in a worker thread with a (delayed) progress dialog."""
        also_pdf = self.also_pdf and pdf_available()[0]
        if also_pdf:
            label = label.replace("…", " and the PDF…")
        from PySide6.QtWidgets import QProgressDialog

        progress = QProgressDialog(label, "", 0, 0, self.window)
        progress.setCancelButton(None)
        progress.setWindowTitle("Drafter")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        task = workers.Task(run_export, write, path, also_pdf)
        task.signals.succeeded.connect(self._on_done)
        task.signals.failed.connect(lambda exc: self._on_failed(exc, path))
        task.signals.finished.connect(progress.close)
        self.busy.emit(True)
        workers.start(task)

    def _on_done(self, result: ExportResult) -> None:
        self.busy.emit(False)
        names = ", ".join(p.name for p in result.written)
        self.window.statusBar().showMessage(f"Wrote {names}", 8000)
        if result.warnings:
            errors.show_error(self.window, "The Word file was written, but the PDF was not.",
                              "\n".join(result.warnings))
        self.finished.emit(result)

    def _on_failed(self, exc: BaseException, path: Path) -> None:
        self.busy.emit(False)
        errors.show_error(self.window, "Could not export.", f"File: {path}", exc=exc)
        self.failed.emit(exc)
