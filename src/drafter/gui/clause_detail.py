"""Option detail: what a clause does, its text filled in for this draft, where it was
enacted, what state law says about it and the drafting notes, with the actions that apply
(add, replace the chosen option of the same protection, compare, edit wording).

The wording editor lives here too: it edits the clause as the draft reads, for this draft
only; names filled in from the draft are marked tokens that stay linked to the draft
(`token_edit`), and "Revert to library text" goes back to the library's wording.

Signals (ClauseDetail):
    add_requested(str): add this clause.
    remove_requested(str): take this clause out of the draft.
    replace_requested(str, str): replace the first (chosen) clause with the second.
    compare_requested(str): compare the options of this protection.
    edit_applied(str, object): new wording (str) or None (library text) for a clause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from drafter.errors import DrafterError, FillInError
from drafter.gui.check_panel import finding_html
from drafter.gui.style import (
    badge_html,
    edited_hex,
    escape,
    muted_hex,
    strength_dots,
    verdict_colors,
)
from drafter.vocab import AGENCY_LABELS, KIND_WORDS

if TYPE_CHECKING:
    from drafter.gui.workspace import Workspace
    from drafter.load.library import Clause



def placeholder_help() -> str:
    return ("Marked names are filled in from the draft and change with it (rename the "
            "place or an agency in the Jurisdiction tab); they cannot be edited here, only "
            "deleted whole. A blank line starts a new paragraph; start one with “(a)” for a "
            "lettered subsection.")


def same_wording(a: str, b: str) -> bool:
    """Whether two clause texts read the same (line breaks inside a paragraph aside)."""
    from drafter.ordinance.assemble import split_paragraphs  # not needed to show the window

    return split_paragraphs(a) == split_paragraphs(b)


def text_html(text: str) -> str:
    """Clause text as HTML paragraphs, with lettered subsections like the ordinance."""
    from drafter.formats.text import lettered
    from drafter.ordinance.assemble import split_paragraphs

    return "".join(f'<p style="margin-left:24px">{label} {escape(body)}</p>' if label
                   else f"<p>{escape(body)}</p>"
                   for label, body in lettered(split_paragraphs(text)))


class WordingEditor(QWidget):
    """Edit one clause's wording for this draft."""

    applied = Signal(str, object)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.clause: Clause | None = None
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        from drafter.gui.token_edit import TokenEdit

        self.edit = TokenEdit(self)
        self.edit.setAccessibleName("Clause wording")
        self.values: dict[str, str] = {}
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.help.setStyleSheet(f"color: {muted_hex()};")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {verdict_colors('problem')[0]};")
        self.message.hide()
        self.apply_btn = QPushButton("&Apply", self)
        self.apply_btn.setToolTip("Use this wording in the draft (Ctrl+Return)")
        self.apply_btn.setDefault(True)
        self.cancel_btn = QPushButton("Cancel", self)
        self.cancel_btn.setToolTip("Discard these edits (Escape)")
        self.revert_btn = QPushButton("&Revert to library text", self)
        self.revert_btn.setToolTip("Put the library's wording back in the editor")
        self.apply_btn.clicked.connect(self.apply)
        self.cancel_btn.clicked.connect(self.cancelled.emit)
        self.revert_btn.clicked.connect(self._load_library_text)
        for keys, slot in (("Ctrl+Return", self.apply), ("Escape", self.cancelled.emit)):
            sc = QShortcut(QKeySequence(keys), self, slot)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        row = QHBoxLayout()
        row.addWidget(self.revert_btn)
        row.addStretch(1)
        row.addWidget(self.cancel_btn)
        row.addWidget(self.apply_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.help)
        lay.addWidget(self.message)
        lay.addLayout(row)

    def start(self, clause: Clause, text: str, values: dict[str, str] | None = None) -> None:
        self.clause = clause
        self.values = values or {}
        if not self.help.text():
            self.help.setText(placeholder_help())
        self.title.setText(f"<b>Edit wording for this draft:</b> {escape(clause.title)}")
        if "{%" in text:  # wording with template logic: shown as written
            self.edit.setPlainText(text)
        else:
            self.edit.set_template(text, self.values)
        self.message.hide()
        self.edit.setFocus()

    def _load_library_text(self) -> None:
        if self.clause is not None:
            self.edit.set_template(self.clause.text, self.values)

    def apply(self) -> None:
        if self.clause is None:
            return
        text = self.edit.to_template()
        if not text.strip():
            self._fail("The wording is empty. Remove the clause from the draft instead, or "
                       "revert to the library text.")
            return
        from drafter.ordinance.render import PLACEHOLDERS, render

        try:  # syntax and unknown placeholders, with every placeholder available
            render(text, {p: p for p in PLACEHOLDERS}, "the edited wording")
        except FillInError as exc:
            self._fail(str(exc.problem.message))
            return
        same = same_wording(text, self.clause.text)
        self.applied.emit(self.clause.id, None if same else text)

    def _fail(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()


class ClauseDetail(QWidget):
    add_requested = Signal(str)
    remove_requested = Signal(str)
    replace_requested = Signal(str, str)
    compare_requested = Signal(str)
    edit_applied = Signal(str, object)

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.clause_id: str | None = None
        self._shown_html = ""

        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # a title, never markup
        self.heading.setWordWrap(True)
        f = QFont(self.font())
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.heading.setFont(f)
        self.heading.setAccessibleName("Clause title")
        self.meta = QLabel(self)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        self.meta.setWordWrap(True)
        self.meta.setAccessibleName("Clause strength and verdict")

        self.add_btn = QPushButton("&Add to draft", self)
        self.add_btn.setToolTip("Add this option to the draft (Enter in the library)")
        self.replace_btn = QPushButton("&Replace", self)
        self.compare_btn = QPushButton("&Compare options", self)
        self.compare_btn.setToolTip("Compare the options of this protection side by side")
        self.edit_btn = QPushButton("Edit &wording…", self)
        self.edit_btn.setToolTip("Change this clause's wording for this draft only")
        self.revert_btn = QPushButton("Revert to librar&y text", self)
        self.add_btn.clicked.connect(lambda: self._emit_add())
        self.replace_btn.clicked.connect(self._emit_replace)
        self.compare_btn.clicked.connect(self._emit_compare)
        self.edit_btn.clicked.connect(self.start_editing)
        self.revert_btn.clicked.connect(self._revert)
        buttons = QHBoxLayout()
        for b in (self.add_btn, self.replace_btn, self.compare_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.edit_btn)
        edit_row.addWidget(self.revert_btn)
        edit_row.addStretch(1)

        self.body = QTextBrowser(self)
        self.body.setOpenExternalLinks(True)
        self.body.setAccessibleName("Clause details")
        self.body.document().setDocumentMargin(6)
        self._editor: WordingEditor | None = None  # made when wording is first edited
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.body)

        self.empty = QLabel("Select an option in the library, or a clause in the draft "
                            "outline, to see what it does, its text, where it was enacted "
                            "and what state law says about it.", self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {muted_hex()}; padding: 16px;")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.heading)
        lay.addWidget(self.meta)
        lay.addLayout(buttons)
        lay.addLayout(edit_row)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.empty, 1)
        self._set_visible(False)

    # --- showing -----------------------------------------------------------------------

    def _set_visible(self, has: bool) -> None:
        for w in (self.heading, self.meta, self.add_btn, self.replace_btn, self.compare_btn,
                  self.edit_btn, self.revert_btn, self.stack):
            w.setVisible(has)
        self.empty.setVisible(not has)

    def show_clause(self, clause_id: str | None) -> None:
        if self.editing and clause_id != self.clause_id:
            self.stop_editing()
        if clause_id != self.clause_id:
            self.clause_id = clause_id
            self.refresh()

    def set_clause_later(self, clause_id: str | None) -> None:
        """Show this clause at the next refresh (the edit about to happen triggers it)."""
        if not self.editing:
            self.clause_id = clause_id

    def refresh(self) -> None:
        """Re-render for the current draft (fill-ins, verdicts, chosen state)."""
        cid = self.clause_id
        lib = self.ws.library
        if cid is None or cid not in lib.clauses:
            self._set_visible(False)
            return
        self._set_visible(True)
        c = lib.clauses[cid]
        d = self.ws.draft
        chosen = self.ws.chosen(cid)
        same_prot = self.ws.chosen_for_protection(c.protection)
        verdict, findings = self._findings(c)
        prot = lib.protections[c.protection]
        self.heading.setText(c.title)
        where = ""
        if chosen is not None:
            number = self._section_number(cid)
            where = " · <b>in the draft</b>" + (f", section {number}" if number else "")
            if chosen.edited:
                where += f' · <span style="color:{edited_hex()}">✎ wording edited</span>'
        state = d.state_name or "no state chosen"
        self.meta.setText(
            f"{escape(prot.title)} · {strength_dots(c.strength)} "
            f"{c.strength.capitalize()} · {badge_html(verdict)} in {escape(state)}{where}")
        if chosen is None:
            self.add_btn.setText("&Add to draft")
            self.add_btn.setToolTip("Add this option to the draft (Enter in the library)")
        else:
            self.add_btn.setText("Re&move from draft")
            self.add_btn.setToolTip("Take this clause out of the draft (Undo brings it back)")
        can_replace = same_prot is not None and same_prot.id != cid
        self.replace_btn.setVisible(can_replace)
        if same_prot is not None and can_replace:
            other = lib.clauses[same_prot.id]
            self.replace_btn.setText("&Replace chosen option")
            self.replace_btn.setToolTip(f"Replace “{other.title}” with this option, in the "
                                        "same place in the ordinance")
        self.compare_btn.setEnabled(len(prot.clauses) > 1 and not self.editing)
        self.edit_btn.setVisible(chosen is not None)
        self.revert_btn.setVisible(chosen is not None and chosen.edited)
        if not self.editing:
            body = self._body_html(c, findings)
            if body != self._shown_html:
                self._shown_html = body
                self.body.setHtml(body)

    def _section_number(self, clause_id: str) -> int | None:
        doc = self.ws.analysis.document or self.ws.last_good_document
        if doc is not None:
            for sec in doc.sections:
                if sec.clause_id == clause_id:
                    return sec.number
        return None

    def _findings(self, c: Clause) -> tuple[str | None, list[Any]]:
        report = self.ws.analysis.report
        if report is not None and self.ws.chosen(c.id) is not None:
            found = report.for_clause(c.id)
            if found:
                from drafter.gui.checking import decisive

                top = decisive(found)
                return (top.verdict if top else None), found
        d = self.ws.draft
        cv = self.ws.checks.clause_verdict(c, d.jurisdiction.state, d.export.savings_clause)
        return cv.verdict, cv.findings

    def _body_html(self, c: Clause, findings: list[Any]) -> str:
        d = self.ws.draft
        chosen = self.ws.chosen(c.id)
        src = chosen.text if chosen is not None and chosen.text is not None else c.text
        parts = [f"<p>{escape(c.summary)}</p>"]
        from drafter.ordinance.render import context_for, render

        label = "Text in this draft" if chosen is not None else "Text, filled in for this draft"
        try:
            filled = render(src, context_for(d), f"clause '{c.id}'")
            text_block = text_html(filled)
        except FillInError as exc:
            fg, bg = verdict_colors("problem")
            text_block = (f'<p style="color:{fg}; background-color:{bg}">'
                          f"<b>Cannot fill in:</b> {escape(exc.problem.message)}</p>"
                          + text_html(src))
        if chosen is not None and chosen.edited:
            label += f' <span style="color:{edited_hex()}">(edited)</span>'
        parts.append(f"<h3>{label}</h3>")
        parts.append(f'<div style="font-family: \'Liberation Serif\', serif">{text_block}</div>')
        fit = self._fit_html(c)
        if fit:
            parts.append(fit)
        parts.append("<h3>Where it was enacted</h3>")
        if c.modeled_on:
            parts.append("<ul>" + "".join(f"<li>{escape(ex.label())}</li>"
                                          for ex in c.modeled_on) + "</ul>")
        else:
            parts.append(f'<p style="color:{muted_hex()}">No enacted example on record.</p>')
        state = d.state_name or "state"
        parts.append(f"<h3>Under {escape(state)} and federal law</h3>")
        if findings:
            from drafter.gui.verdict_card import plain_for

            plain = plain_for(self.ws.library, self.ws.checks.lawbook)
            parts.extend(f'<div style="margin-bottom:8px">{finding_html(f, c.title, plain)}</div>'
                         for f in findings)
        else:
            note = self.ws.checks.error or ("Choose the draft's state to see what state law "
                                            "says about this option." if not
                                            d.jurisdiction.state else "No finding.")
            parts.append(f'<p style="color:{muted_hex()}">{escape(note)}</p>')
        if c.notes:
            parts.append("<h3>Drafting notes</h3>")
            parts.append(f"<p>{escape(c.notes)}</p>")
        if c.conflicts_with:
            lib = self.ws.library
            items = "".join(f"<li>{escape(lib.clauses[o].title)}</li>"
                            for o in c.conflicts_with if o in lib.clauses)
            parts.append(f"<h3>Conflicts with</h3><ul>{items}</ul>")
        return "".join(parts)

    def _fit_html(self, c: Clause) -> str:
        j = self.ws.draft.jurisdiction
        notes = []
        if c.kinds and j.kind not in c.kinds:
            suits = ", ".join(KIND_WORDS[k].lower() for k in c.kinds)
            notes.append(f"Written for a {suits}, not a {j.kind_word.lower()}.")
        missing = [AGENCY_LABELS[a].lower() for a in c.agencies if not j.agency(a)]
        if missing:
            notes.append("Needs the name of the " + " and the ".join(missing)
                         + " in the jurisdiction form.")
        if not notes:
            return ""
        fg, bg = verdict_colors("at_risk")
        return (f'<p style="color:{fg}; background-color:{bg}">'
                + " ".join(escape(n) for n in notes) + "</p>")

    # --- actions -----------------------------------------------------------------------

    @property
    def editor(self) -> WordingEditor:
        """The wording editor, made on first use (not to show the window)."""
        if self._editor is None:
            self._editor = WordingEditor(self)
            self._editor.applied.connect(self._on_applied)
            self._editor.cancelled.connect(self.stop_editing)
            self.stack.addWidget(self._editor)
        return self._editor

    @property
    def editing(self) -> bool:
        return self._editor is not None and self.stack.currentWidget() is self._editor

    def start_editing(self) -> None:
        cid = self.clause_id
        chosen = self.ws.chosen(cid) if cid else None
        if chosen is None or cid is None:
            return
        clause = self.ws.library.clauses[cid]
        from drafter.ordinance.render import SAMPLE_CONTEXT, context_for

        try:
            values = context_for(self.ws.draft)
        except DrafterError:
            values = dict(SAMPLE_CONTEXT)
        self.editor.start(clause, chosen.text if chosen.text is not None else clause.text,
                          values)
        self.stack.setCurrentWidget(self.editor)
        self._enable_actions(False)

    def stop_editing(self) -> None:
        self.stack.setCurrentWidget(self.body)
        self._enable_actions(True)
        self.refresh()

    def _enable_actions(self, on: bool) -> None:
        """The clause's buttons are off while its wording is edited, and all of them come
        back afterwards (one list, so none can be forgotten)."""
        for b in (self.add_btn, self.replace_btn, self.compare_btn, self.edit_btn,
                  self.revert_btn):
            b.setEnabled(on)

    def _on_applied(self, clause_id: str, text: object) -> None:
        self.stack.setCurrentWidget(self.body)
        chosen = self.ws.chosen(clause_id)
        if chosen is not None and chosen.text != text:
            self.edit_applied.emit(clause_id, text)
        self.stop_editing()

    def _revert(self) -> None:
        if self.clause_id and self.ws.chosen(self.clause_id) is not None:
            self.edit_applied.emit(self.clause_id, None)

    def _emit_add(self) -> None:
        if not self.clause_id:
            return
        if self.ws.chosen(self.clause_id) is not None:
            self.remove_requested.emit(self.clause_id)
        else:
            self.add_requested.emit(self.clause_id)

    def _emit_replace(self) -> None:
        if not self.clause_id:
            return
        c = self.ws.library.clauses[self.clause_id]
        other = self.ws.chosen_for_protection(c.protection)
        if other is not None and other.id != self.clause_id:
            self.replace_requested.emit(other.id, self.clause_id)

    def _emit_compare(self) -> None:
        if self.clause_id:
            self.compare_requested.emit(self.ws.library.clauses[self.clause_id].protection)
