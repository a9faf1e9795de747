"""The preview's QTextDocument, kept in step with the ordinance paragraph by paragraph.

Re-setting the whole ordinance as HTML on every edit made Qt parse and lay out some 250
paragraphs each time a clause was chosen; that was most of an edit's cost. Here the
paragraphs (`drafter.formats.preview.Block`, hashable) on show are compared with the new
ones, and only the runs of paragraphs that differ are removed and inserted, so Qt lays out
only those. A fresh build and any sequence of updates give the same document (tested).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from drafter.formats.preview import Block, Look, Role
from drafter.gui.style import is_dark, mix_hex, palette_hex

SERIF = ["Times New Roman", "Liberation Serif", "serif"]
BODY_PT = 12.0


@dataclass(frozen=True)
class Theme:
    """What the formats depend on: a new theme (palette or zoom) rebuilds the document."""

    body_pt: float
    term: str
    note: str
    muted: str
    highlight: str

    @staticmethod
    def current(zoom: int) -> Theme:
        base = palette_hex(QPalette.ColorRole.Base)
        link = palette_hex(QPalette.ColorRole.Link)
        if is_dark():
            link = mix_hex(link, "#ffffff", 0.35)
        return Theme(body_pt=max(4.0, BODY_PT + zoom), term=link,
                     note="#e0a040" if is_dark() else "#7a4b00",
                     muted=palette_hex(QPalette.ColorRole.PlaceholderText),
                     highlight=mix_hex(base, palette_hex(QPalette.ColorRole.Highlight), 0.3))


class Formats:
    """The block and character formats of each role and look, made once per theme."""

    def __init__(self, theme: Theme):
        self.theme = theme
        small = theme.body_pt * 0.75  # 9 pt beside 12 pt body text
        self._char: dict[tuple[Role, Look], QTextCharFormat] = {}
        self._block: dict[tuple[Role, bool], QTextBlockFormat] = {}
        self._role_char = {role: self._base(theme.body_pt) for role in (
            "num", "title", "recital", "enact", "heading", "body", "sub", "sign")}
        self._role_char["title"].setFontPointSize(theme.body_pt * 13 / 12)
        for role in ("num", "title", "enact", "heading"):
            self._role_char[role].setFontWeight(QFont.Weight.Bold)
        disc = self._base(small)
        disc.setFontItalic(True)
        disc.setForeground(QColor(theme.muted))
        self._role_char["disc"] = disc
        edited = self._base(small)
        edited.setForeground(QColor(theme.note))
        self._role_char["edited"] = edited

    @staticmethod
    def _base(points: float) -> QTextCharFormat:
        f = QTextCharFormat()
        f.setFontFamilies(SERIF)
        f.setFontPointSize(points)
        return f

    def char(self, role: Role, look: Look) -> QTextCharFormat:
        key = (role, look)
        hit = self._char.get(key)
        if hit is None:
            hit = QTextCharFormat(self._role_char[role])
            if look == "bold":
                hit.setFontWeight(QFont.Weight.Bold)
            elif look == "italic":
                hit.setFontItalic(True)
            elif look == "term":
                hit.setForeground(QColor(self.theme.term))
            self._char[key] = hit
        return hit

    def block(self, role: Role, highlight: bool) -> QTextBlockFormat:
        key = (role, highlight)
        hit = self._block.get(key)
        if hit is None:
            hit = QTextBlockFormat()
            hit.setTopMargin(18 if role == "title" else 12)
            hit.setBottomMargin(12)
            if role in ("num", "title"):
                hit.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            if role == "sub":
                hit.setLeftMargin(28)
            if highlight:
                hit.setBackground(QBrush(QColor(self.theme.highlight)))
            self._block[key] = hit
        return hit


class PreviewDocument:
    """A QTextDocument showing a list of Blocks, updated by difference."""

    def __init__(self, document: QTextDocument):
        self.document = document
        document.setUndoRedoEnabled(False)  # the draft has its own undo; this would only grow
        self.blocks: list[Block] = []
        self._formats: Formats | None = None

    def show(self, blocks: list[Block], theme: Theme) -> None:
        if self._formats is None or self._formats.theme != theme or not self.blocks \
                or blocks[:1] != self.blocks[:1]:
            self._formats = Formats(theme)
            self._rebuild(blocks)
            return
        old = self.blocks
        ops = [op for op in difflib.SequenceMatcher(None, old, blocks, autojunk=False)
               .get_opcodes() if op[0] != "equal"]
        if not ops:
            return
        if ops[0][1] == 0:  # a change at the very top (a repeated first paragraph): redo all
            self._rebuild(blocks)
            return
        doc = self.document
        cur = QTextCursor(doc)
        # One edit block per change: in one block for all, Qt would merge them into one
        # range from the first to the last (the title to the last renumbered section) and
        # lay all of it out again. From the end, so the paragraph numbers of earlier
        # changes stay right; the first paragraph is never in a change (checked above), so
        # each has one before it.
        for _tag, i1, i2, j1, j2 in reversed(ops):
            cur.beginEditBlock()
            before = doc.findBlockByNumber(i1 - 1)
            end_of_before = before.position() + before.length() - 1
            if i2 > i1:
                last = doc.findBlockByNumber(i2 - 1)
                cur.setPosition(end_of_before)
                cur.setPosition(last.position() + last.length() - 1,
                                QTextCursor.MoveMode.KeepAnchor)
                cur.removeSelectedText()
            cur.setPosition(end_of_before)
            for b in blocks[j1:j2]:
                self._insert(cur, b, new_paragraph=True)
            cur.endEditBlock()
        self.blocks = list(blocks)

    def _rebuild(self, blocks: list[Block]) -> None:
        doc = self.document
        doc.clear()
        cur = QTextCursor(doc)
        cur.beginEditBlock()
        for i, b in enumerate(blocks):
            self._insert(cur, b, new_paragraph=i > 0)
        cur.endEditBlock()
        self.blocks = list(blocks)

    def _insert(self, cur: QTextCursor, b: Block, new_paragraph: bool) -> None:
        assert self._formats is not None
        fmt = self._formats
        if new_paragraph:
            cur.insertBlock(fmt.block(b.role, b.highlight), fmt.char(b.role, ""))
        else:
            cur.setBlockFormat(fmt.block(b.role, b.highlight))
            cur.setBlockCharFormat(fmt.char(b.role, ""))
        for text, look in b.runs:
            if text:
                cur.insertText(text, fmt.char(b.role, look))
