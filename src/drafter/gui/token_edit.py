"""A wording editor that shows a clause as the draft will read, not as a template: each
placeholder appears as its value (“County”, “Travis County Sheriff's Office”), marked and
not editable (it can only be deleted whole), and lettered subsections show their labels.
`to_template()` turns the text back into the clause format (`{{ name }}`, `* `), so a
later rename of the place or an agency still reaches the edited clause.

Text the user types is plain text; `{{ name }}` typed by hand still works (it is kept as
is), and a paragraph the user starts with “(x) ” becomes a lettered subsection.
"""

from __future__ import annotations

import re
from itertools import count

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import (
    QKeyEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

SOURCE = QTextFormat.Property.UserProperty + 1   # the template text a token stands for
TOKEN_ID = QTextFormat.Property.UserProperty + 2  # keeps neighbouring tokens apart
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*(?:\|\s*([a-z_]+)\s*)?\}\}")
LETTER_TYPED = re.compile(r"^\(([a-z]{1,3}|[ivx]{1,5})\)\s+")
_ids = count(1)


def _fill(name: str, flt: str | None, values: dict[str, str]) -> str:
    value = values.get(name)
    if value is None:
        return f"[{name.replace('_', ' ')}]"
    if flt == "capitalize":
        return value[:1].upper() + value[1:]
    if flt == "upper":
        return value.upper()
    if flt == "lower":
        return value.lower()
    if flt == "title":
        return value.title()
    return value


class TokenEdit(QTextEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)

    # --- building -----------------------------------------------------------------------

    def token_format(self, source: str, tip: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setProperty(SOURCE, source)
        fmt.setProperty(TOKEN_ID, next(_ids))
        pal = self.palette()
        fmt.setBackground(pal.color(QPalette.ColorRole.AlternateBase))
        fmt.setForeground(pal.color(QPalette.ColorRole.Link))
        fmt.setFontUnderline(True)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setToolTip(tip)
        return fmt

    def set_template(self, text: str, values: dict[str, str]) -> None:
        """Show `text` (clause format) filled in with `values`."""
        from drafter.ordinance.assemble import split_paragraphs
        from drafter.ordinance.document import lettered

        self.clear()
        self.setCurrentCharFormat(QTextCharFormat())
        cur = QTextCursor(self.document())
        plain = QTextCharFormat()
        first = True
        for label, body in lettered(split_paragraphs(text)):
            if not first:
                cur.insertBlock()
                cur.insertBlock()  # a blank line between paragraphs, as in the file
            first = False
            cur.setCharFormat(plain)
            if label:
                cur.insertText(label, self.token_format(
                    "* ", "Lettered subsection (its letter is set in the ordinance)"))
                cur.insertText(" ", plain)
            pos = 0
            for m in PLACEHOLDER.finditer(body):
                cur.insertText(body[pos:m.start()], plain)
                shown = _fill(m.group(1), m.group(2), values)
                cur.insertText(shown, self.token_format(
                    m.group(0), f"Filled in from the draft ({m.group(1).replace('_', ' ')}); "
                    "it follows the draft if that changes. Delete it to use your own words."))
                pos = m.end()
            cur.insertText(body[pos:], plain)
        self.document().setModified(False)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def setPlainText(self, text: str) -> None:  # noqa: N802 (Qt override)
        """Plain text, never in a token's format (QTextEdit would keep the last one)."""
        self.clear()
        self.setCurrentCharFormat(QTextCharFormat())
        QTextCursor(self.document()).insertText(text, QTextCharFormat())

    # --- reading back ---------------------------------------------------------------------

    def to_template(self) -> str:
        """The text in clause format: tokens back to their placeholders, letters to '* '."""
        lines = []
        block = self.document().begin()
        while block.isValid():
            parts = []
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if frag.isValid():
                    src = frag.charFormat().property(SOURCE)
                    parts.append(str(src) if src else frag.text())
                it += 1
            line = "".join(parts)
            if line.startswith("*  "):  # the letter token and the space after its label
                line = "* " + line[3:]
            elif not line.startswith("* "):
                line = LETTER_TYPED.sub("* ", line, count=1)
            lines.append(line)
            block = block.next()
        return "\n".join(lines).strip()

    def tokens(self) -> list[tuple[str, str]]:
        """(shown text, placeholder) of every token, in order."""
        out = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                src = frag.charFormat().property(SOURCE) if frag.isValid() else None
                if src:
                    out.append((frag.text(), str(src)))
                it += 1
            block = block.next()
        return out

    # --- keeping tokens whole ---------------------------------------------------------------

    def _token_span(self, pos: int) -> tuple[int, int] | None:
        """The (start, end) of the token holding the character at `pos`, if any."""
        doc = self.document()
        block = doc.findBlock(pos)
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid() and frag.position() <= pos < frag.position() + frag.length():
                if frag.charFormat().property(SOURCE):
                    return frag.position(), frag.position() + frag.length()
                return None
            it += 1
        return None

    def _widen(self, cur: QTextCursor, backwards: bool = False) -> QTextCursor:
        """Grow the selection (or the character about to be deleted) to whole tokens."""
        start, end = cur.selectionStart(), cur.selectionEnd()
        if start == end:
            probe = start - 1 if backwards else start
            span = self._token_span(probe) if probe >= 0 else None
            if span is None:
                return cur
            start, end = span
        else:
            for pos in (start, end - 1):
                span = self._token_span(pos)
                if span is not None:
                    start, end = min(start, span[0]), max(end, span[1])
        out = QTextCursor(self.document())
        out.setPosition(start)
        out.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return out

    def _inside_token(self, pos: int) -> bool:
        span = self._token_span(pos)
        return span is not None and span[0] < pos

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        cur = self.textCursor()
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            wide = self._widen(cur, backwards=key == Qt.Key.Key_Backspace)
            if wide.hasSelection() and (wide.selectionStart(), wide.selectionEnd()) != (
                    cur.selectionStart(), cur.selectionEnd()):
                wide.removeSelectedText()
                self.setTextCursor(wide)
                return
            super().keyPressEvent(event)
            return
        typing = bool(event.text()) and event.text().isprintable() or \
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if typing and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                               | Qt.KeyboardModifier.AltModifier):
            if cur.hasSelection():
                cur = self._widen(cur)
                cur.removeSelectedText()
            elif self._inside_token(cur.position()):
                # typing inside a token: the token stays whole, the text goes after it
                span = self._token_span(cur.position())
                assert span is not None
                cur.setPosition(span[1])
            self.setTextCursor(cur)
            self.setCurrentCharFormat(QTextCharFormat())  # typed text is never a token
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt override)
        cur = self._widen(self.textCursor())
        if cur.hasSelection():
            cur.removeSelectedText()
        elif self._inside_token(cur.position()):
            span = self._token_span(cur.position())
            assert span is not None
            cur.setPosition(span[1])
        cur.insertText(source.text(), QTextCharFormat())
        self.setTextCursor(cur)
