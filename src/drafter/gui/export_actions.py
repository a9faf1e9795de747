"""Exports for the main window: the Word ordinance, the comparison of options, the council
packet and the redline against an earlier version, each written in a worker thread with a
progress dialog, optionally followed by a PDF. A mixin of `MainWindow`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from drafter.draft import load_draft
from drafter.errors import DrafterError
from drafter.gui import documents, errors, workers
from drafter.gui.exporting import ExportResult, pdf_available, run_export, word_writer
from drafter.gui.file_actions import DRAFT_FILTER

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

logger = logging.getLogger(__name__)

WORD_FILTER = "Word documents (*.docx)"


class ExportActions:
    """Mixin: the Export menu."""

    def guard_optional_actions(self) -> None:
        """Disable (with a tooltip saying why) the exports whose writer is missing. Done
        when a menu first opens, not at start-up: it imports the writers."""
        if self._optional_checked:
            return
        self._optional_checked = True
        self._guard_pdf()
        for action, name in ((self.actions.compare_earlier, "redline"),
                             (self.actions.export_packet, "packet"),
                             (self.actions.export_comparison, "comparison")):
            ok, why = documents.available(name)
            action.setEnabled(ok)
            if not ok:
                action.setToolTip(why)
                action.setStatusTip(why)
        if self.compare_page.built:
            self.compare.export_btn.setVisible(self.actions.export_comparison.isEnabled())

    def _optional_ready(self, action: QAction) -> bool:
        """Before an optional export runs (shortcut, button): is its writer there?"""
        self.guard_optional_actions()
        if not action.isEnabled():
            errors.show_info(self, "This export is not available.", action.toolTip())
            return False
        return True

    def _guard_pdf(self) -> None:
        ok, why = pdf_available()
        self.actions.also_pdf.setEnabled(ok)
        self.actions.also_pdf.setChecked(ok and self.settings.value("also_pdf", False,
                                                                     type=bool))
        if not ok:
            self.actions.also_pdf.setToolTip(why)
            self.actions.also_pdf.setStatusTip(why)


    # --- exports -----------------------------------------------------------------------

    def set_also_pdf(self, on: bool) -> None:
        self.settings.setValue("also_pdf", on)

    def _ask_output(self, title: str, suggestion: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, title,
                                              str(Path(self._start_dir()) / suggestion),
                                              WORD_FILTER)
        if not path:
            return None
        p = Path(path)
        return p if p.suffix.lower() == ".docx" else p.with_name(p.name + ".docx")

    def _stem(self) -> str:
        if self.ws.path is not None:
            return self.ws.path.stem
        name = self.ws.draft.jurisdiction.name or "draft"
        return f"{name.lower().replace(' ', '-')}-ordinance"

    def _document_or_explain(self, what: str) -> Any | None:
        self._flush_form()
        a = self.ws.analysis
        if a.document is None:
            errors.show_error(self, f"Could not export the {what}.",
                              "The draft cannot be assembled yet; fix this first:",
                              exc=a.error)
            return None
        return a.document

    def export_word(self) -> None:
        doc = self._document_or_explain("ordinance")
        if doc is None:
            return
        path = self._ask_output("Export Word", f"{self._stem()}.docx")
        if path is None:
            return
        template = self.ws.draft.export.template
        if template and self.ws.path is not None and not Path(template).is_absolute():
            template = str(self.ws.path.parent / template)
        self._run("Writing the Word ordinance…",
                  word_writer(doc, template, self.ws.draft.export.line_numbers), path)

    def export_redline(self) -> None:
        if not self._optional_ready(self.actions.compare_earlier):
            return
        new_doc = self._document_or_explain("redline")
        if new_doc is None:
            return
        from PySide6.QtWidgets import QFileDialog

        src, _ = QFileDialog.getOpenFileName(self, "Earlier Version of the Draft",
                                             self._start_dir(), DRAFT_FILTER)
        if not src:
            return
        from drafter.assemble import assemble

        try:
            old = load_draft(src, set(self.library.clauses))
            old_doc = assemble(old, self.library)
        except DrafterError as exc:
            errors.show_error(self, "Could not read the earlier version.", f"File: {src}",
                              exc=exc)
            return
        path = self._ask_output("Export Redline", f"{self._stem()}-redline.docx")
        if path is None:
            return
        o = self.ws.draft.ordinance
        author = o.sponsor or self.ws.draft.jurisdiction.body
        self._run("Writing the redline…",
                  lambda p: documents.write_redline(old_doc, new_doc, p, author=author,
                                                    date=dt.datetime.now().replace(
                                                        microsecond=0)), path)

    def export_packet(self) -> None:
        if not self._optional_ready(self.actions.export_packet):
            return
        if self._document_or_explain("council packet") is None:
            return
        path = self._ask_output("Export Council Packet", f"{self._stem()}-packet.docx")
        if path is None:
            return
        draft = deepcopy(self.ws.draft)  # the worker gets its own
        lib, book = self.library, self.checks.lawbook
        self._run("Writing the council packet…",
                  lambda p: documents.write_packet(draft, lib, book, p), path)

    def export_comparison(self, clause_ids: list[str] | None = None) -> None:
        if not self._optional_ready(self.actions.export_comparison):
            return
        ids = clause_ids or self.compare.checked_ids()
        if len(ids) < 2:
            self.compare_protection(self.compare.current_protection() or "")
            errors.show_info(self, "Choose the options to compare first.",
                             "In the Compare tab, pick a protection and tick two or more "
                             "options.")
            return
        prot = self.library.clauses[ids[0]].protection
        path = self._ask_output("Export Comparison", f"{prot}-options.docx")
        if path is None:
            return
        lib, book, state = self.library, self.checks.lawbook, self.ws.draft.jurisdiction.state
        self._run("Writing the comparison…",
                  lambda p: documents.write_comparison(list(ids), lib, book, state, p), path)

    def _run(self, label: str, write: Callable[[Path], object], path: Path) -> None:
        """Run an export in a worker thread with a (delayed) progress dialog."""
        self.guard_optional_actions()
        also_pdf = self.actions.also_pdf.isChecked() and self.actions.also_pdf.isEnabled()
        if also_pdf:
            label = label.replace("…", " and the PDF…")
        from PySide6.QtWidgets import QProgressDialog

        progress = QProgressDialog(label, "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowTitle("Drafter")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        self._progress = progress
        task = workers.Task(run_export, write, path, also_pdf)
        task.signals.succeeded.connect(self._on_export_done)
        task.signals.failed.connect(lambda exc: self._on_export_failed(exc, path))
        task.signals.finished.connect(progress.close)
        self.actions.export_word.setEnabled(False)
        task.signals.finished.connect(lambda: self.actions.export_word.setEnabled(True))
        workers.start(task)

    def _on_export_done(self, result: ExportResult) -> None:
        names = ", ".join(p.name for p in result.written)
        self.statusBar().showMessage(f"Wrote {names}", 8000)
        if result.warnings:
            errors.show_error(self, "The Word file was written, but the PDF was not.",
                              "\n".join(result.warnings))
        self.export_finished.emit(result)

    def _on_export_failed(self, exc: BaseException, path: Path) -> None:
        errors.show_error(self, "Could not export.", f"File: {path}", exc=exc)
        self.export_failed.emit(exc)
