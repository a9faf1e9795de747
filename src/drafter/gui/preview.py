"""Live preview of the assembled ordinance, from the same document model as the Word export.

When the draft cannot be assembled (a clause needs an agency the draft does not name, ...)
the preview keeps the last good text, dimmed, under a banner that says what to fix; it never
shows a half-filled ordinance as if it were right.

Signals:
    clause_requested(str): the user asked to see the clause an error names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from drafter.gui.style import escape, verdict_colors

if TYPE_CHECKING:
    from drafter.gui.preview_document import PreviewDocument
    from drafter.gui.workspace import Analysis
    from drafter.ordinance.document import Document


class PreviewPanel(QWidget):
    clause_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.banner = QFrame(self)
        fg, bg = verdict_colors("problem")
        self.banner.setStyleSheet(f"QFrame {{ background: {bg}; border: 1px solid {fg}; "
                                  f"border-radius: 4px; }} QLabel {{ color: {fg}; "
                                  "border: none; }")
        self.banner_text = QLabel(self.banner)
        self.banner_text.setTextFormat(Qt.TextFormat.RichText)
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.banner_text.setAccessibleName("Preview problem")
        self.banner_text.linkActivated.connect(self._on_link)
        b = QHBoxLayout(self.banner)
        b.setContentsMargins(8, 6, 8, 6)
        b.addWidget(self.banner_text)
        self.banner.hide()

        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.view.setAccessibleName("Ordinance preview")
        self.view.setAccessibleDescription("The assembled ordinance as it will be exported")
        self.view.document().setDocumentMargin(18)
        f = QFont("Liberation Serif")
        f.setStyleHint(QFont.StyleHint.Serif)
        self.view.document().setDefaultFont(f)
        self._zoom = -1  # points; a pane, not a page: a point smaller shows more of it
        self._shown: PreviewDocument | None = None  # made at the first document
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.banner)
        lay.addWidget(self.view, 1)
        self._doc: Document | None = None
        self._highlight: str | None = None
        self._starts: dict[int, int] = {}  # section number -> its heading's paragraph

    @property
    def text(self) -> str:
        return self.view.toPlainText()

    def show_analysis(self, analysis: Analysis, fallback: Document | None) -> None:
        """Show the current document, or the last good one dimmed under an error banner."""
        if analysis.document is not None:
            self.banner.hide()
            self.view.setEnabled(True)
            self._set_document(analysis.document)
            return
        err = analysis.error
        msg = escape(str(err.problem.message if err is not None else "unknown problem"))
        link = ""
        if analysis.error_clause:
            link = (f' <a href="clause:{escape(analysis.error_clause)}">Show the '
                    "clause</a>")
        self.banner_text.setText(f"<b>The ordinance cannot be assembled.</b> {msg}.{link}"
                                 "<br>The preview below is the last version that assembled.")
        self.banner.show()
        self.view.setEnabled(False)
        if fallback is not None and fallback is not self._doc:
            self._set_document(fallback)
        elif fallback is None:
            self._doc = None
            if self._shown is not None:
                self._shown.blocks = []  # the next document is built afresh
            self.view.setHtml("<p><i>Nothing to preview until the problem above is "
                              "fixed.</i></p>")

    def set_highlight(self, clause_id: str | None) -> None:
        """Tint this clause at the next update (no re-render now)."""
        self._highlight = clause_id

    def highlight(self, clause_id: str | None, scroll: bool = True) -> None:
        """Tint the section of this clause and (normally) scroll to it."""
        if clause_id != self._highlight:
            self._highlight = clause_id
            if self._doc is not None:
                self._render(keep_scroll=True)
        if scroll:
            self._scroll_to(clause_id)

    def _set_document(self, doc: Document) -> None:
        self._doc = doc
        self._render(keep_scroll=True)

    def _render(self, keep_scroll: bool) -> None:
        from drafter.formats.preview import preview_blocks

        assert self._doc is not None
        blocks, self._starts = preview_blocks(self._doc, highlight_clause=self._highlight)
        bar = self.view.verticalScrollBar()
        pos = bar.value()
        if self._shown is None:  # Qt's text classes: not needed to show the window
            from drafter.gui.preview_document import PreviewDocument

            self._shown = PreviewDocument(self.view.document())
        from drafter.gui.preview_document import Theme

        self._shown.show(blocks, Theme.current(self._zoom))
        if keep_scroll:
            bar.setValue(pos)

    def _scroll_to(self, clause_id: str | None) -> None:
        if self._doc is None or clause_id is None:
            return
        for s in self._doc.sections:
            if s.clause_id == clause_id and s.number in self._starts:
                block = self.view.document().findBlockByNumber(self._starts[s.number])
                layout = self.view.document().documentLayout()
                self.view.verticalScrollBar().setValue(
                    int(layout.blockBoundingRect(block).top()))
                return

    def zoom(self, steps: int) -> None:
        """Zoom by points: the formats carry their sizes, so the document is re-made."""
        self._zoom = max(-8, min(24, self._zoom + steps))
        if self._doc is not None:
            self._render(keep_scroll=True)

    def _on_link(self, href: str) -> None:
        if href.startswith("clause:"):
            self.clause_requested.emit(href.split(":", 1)[1])

