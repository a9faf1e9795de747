"""File > Analyze an Existing Ordinance…: the text beside the protections found in it.

Each passage that establishes a protection is highlighted and linked to its option in the
list (click either to reach the other); gaps and the state-law score sit underneath, and
"Start a Draft from This" opens a new draft with the nearest options, as
`drafter analyze --to-draft` writes it.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.analyze.report import Analysis
    from drafter.gui.main_window import MainWindow
    from drafter.load.draft import Draft

FILE_FILTER = ("Ordinances (*.docx *.pdf *.txt *.md *.markdown);;Word (*.docx);;PDF (*.pdf);;"
               "Text (*.txt *.md *.markdown);;All files (*)")
HIGHLIGHT = "#fff0a8"
ROLE_PROTECTION = Qt.ItemDataRole.UserRole


def _document_html(a: Analysis) -> str:
    """The extracted paragraphs, with each establishing sentence highlighted and linked."""
    spans: dict[int, list[tuple[int, int, str, str]]] = {}
    for f in a.found:
        for n, h in enumerate(f.match.establishing):
            spans.setdefault(h.index, []).append((h.start, h.end, f.match.protection,
                                                  f"{f.match.protection}-{n}"))
    out = []
    for i, text in enumerate(a.extracted.paragraphs):
        parts, pos = [], 0
        for start, end, pid, anchor in sorted(spans.get(i, [])):
            if start < pos:
                continue
            parts.append(html.escape(text[pos:start]))
            parts.append(f'<a name="{anchor}"></a><a href="#option:{pid}" '
                         f'style="background-color:{HIGHLIGHT}; color:black; '
                         f'text-decoration:none">{html.escape(text[start:end])}</a>')
            pos = end
        parts.append(html.escape(text[pos:]))
        out.append(f"<p>{''.join(parts)}</p>")
    return "".join(out)


class AnalyzeDialog(QDialog):
    """Shows one analysis; `chosen_draft` is set when the user starts a draft from it."""

    def __init__(self, analysis: Analysis, parent: QWidget | None = None):
        super().__init__(parent)
        from drafter.vocab import PROTECTIONS, VERDICT_LABELS

        self.analysis = analysis
        self.chosen_draft: Draft | None = None
        a = analysis
        self.setWindowTitle(f"Analysis of {Path(a.extracted.file).name}")
        self.resize(1100, 720)
        layout = QVBoxLayout(self)

        where = ", ".join(x for x in (
            a.draft.jurisdiction.display_name if a.draft and a.place.name else a.place.name,
            a.place.state) if x) or "place not named in the text"
        summary = [f"<b>{html.escape(Path(a.extracted.file).name)}</b>: {html.escape(where)}"]
        if a.report is not None:
            summary.append(f"ILRC-style score: local {a.report.score_local}/7, with state law "
                           f"{a.report.score_with_state}/7")
        elif not a.place.state:
            summary.append("State law not checked: the text does not name its state.")
        if a.note:
            summary.append(html.escape(a.note))
        self.summary = QLabel("<br>".join(summary), self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.text = QTextBrowser(split)
        self.text.setAccessibleName("Ordinance text")
        self.text.setOpenLinks(False)
        self.text.setHtml(_document_html(a))
        self.text.anchorClicked.connect(lambda url: self.select_protection(
            url.fragment().removeprefix("option:")))
        right = QWidget(split)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        found_label = QLabel("&Protections found", right)
        rl.addWidget(found_label)
        self.found = QListWidget(right)
        self.found.setAccessibleName("Protections found")
        self.found.setWordWrap(True)
        found_label.setBuddy(self.found)
        for f in a.found:
            c = f.clause
            verdict = ""
            if a.report is not None:
                verdict = f" — {VERDICT_LABELS[a.report.decisive(c.id).verdict]}"
            item = QListWidgetItem(
                f"{PROTECTIONS[c.protection][0]}: {c.title} ({c.strength}, confidence "
                f"{f.match.confidence:.2f}){verdict}\nat {', '.join(f.refs)}")
            item.setData(ROLE_PROTECTION, c.protection)
            item.setToolTip(f.match.establishing[0].quote)
            self.found.addItem(item)
        self.found.currentItemChanged.connect(self._show_passage)
        rl.addWidget(self.found, 3)
        gaps_label = QLabel("&Gaps", right)
        rl.addWidget(gaps_label)
        self.gaps = QListWidget(right)
        self.gaps.setAccessibleName("Gaps")
        self.gaps.setWordWrap(True)
        gaps_label.setBuddy(self.gaps)
        for g in a.gaps:
            self.gaps.addItem(g.why + (f" → {g.suggested_option}" if g.suggested_option
                                       else ""))
        rl.addWidget(self.gaps, 2)
        split.addWidget(self.text)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.start = QPushButton("&Start a Draft from This", self)
        self.start.setEnabled(a.draft is not None and bool(a.found))
        if a.draft is None:
            self.start.setToolTip("The text does not say which state it is in.")
        buttons.addButton(self.start, QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.clicked.connect(self._start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.found.count():
            self.found.setCurrentRow(0)

    def select_protection(self, protection: str) -> None:
        for row in range(self.found.count()):
            if self.found.item(row).data(ROLE_PROTECTION) == protection:
                self.found.setCurrentRow(row)
                return

    def _show_passage(self, item: QListWidgetItem | None, _old: object = None) -> None:
        if item is not None:
            self.text.scrollToAnchor(f"{item.data(ROLE_PROTECTION)}-0")

    def _start(self) -> None:
        from drafter.analyze.report import to_draft
        from drafter.load.session import library_from

        try:
            self.chosen_draft = to_draft(self.analysis, library_from())
        except DrafterError as exc:
            self.summary.setText(html.escape(str(exc.problem)))
            return
        self.accept()


def run_analysis(window: MainWindow, path: Path) -> Analysis | None:
    from drafter.analyze.report import analyze
    from drafter.gui import errors

    try:
        return analyze(path, window.library, window.checks.lawbook)
    except DrafterError as exc:
        errors.show_error(window, "Could not analyze the document.", f"File: {path}",
                          exc=exc)
        return None


def analyze_existing(window: MainWindow) -> None:
    """Ask for a file, show its analysis, and open a draft from it if the user asks."""
    path, _ = QFileDialog.getOpenFileName(window, "Analyze an Existing Ordinance", "",
                                          FILE_FILTER)
    if not path:
        return
    a = run_analysis(window, Path(path))
    if a is None:
        return
    dialog = AnalyzeDialog(a, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen_draft is None:
        return
    if not window.files.maybe_save():
        return
    window.ws.set_draft(dialog.chosen_draft, dirty=True)
    window.statusBar().showMessage(
        f"Started a draft from {Path(path).name}: {len(a.found)} clauses", 6000)
