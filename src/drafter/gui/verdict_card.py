"""A finding in plain language, as a card: the verdict, then the consequence (penalty, who
can sue or remove), then what to do (with a one-click allowed alternative), then "Details"
with the research, collapsed.

The engine's message is written for `drafter check` and keeps its parts in that order;
here it is split into them, and what only maintainers need (law ids, clause ids,
`{{ placeholders }}`) is taken out, so the user reads sentences, not identifiers.

Signals (VerdictCard):
    use_requested(str): "Use … instead" was pressed (the alternative option's id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from drafter.gui.style import badge_html, escape, verdict_label

if TYPE_CHECKING:
    from drafter.load.library import Library

# What each badge means, for the legend and the tooltips.
BADGE_HELP = {
    "blocked": "Blocked: state law forbids this clause for your government, or requires "
               "what it forbids. Adopting it risks penalties or removal from office.",
    "at_risk": "At risk: state law may reach this clause (broad language, a law not yet in "
               "force, or one a court has paused). Have counsel review it.",
    "state_law": "State law: the state already requires this. Your clause restates it and "
                 "can go further.",
    "allowed": "Allowed: no state law found that limits this clause.",
    "problem": "Problem: the draft cannot be assembled until this is fixed.",
}

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
_RESEARCH_START = re.compile(r"(?:In force since |In force; |Unverified: |\(Law data reviewed|"
                             r"Federal law still applies)")
_CONSEQUENCE_START = re.compile(r"(?:Penalty: |Litigation: )")


class Plain:
    """Takes identifiers out of engine text: a parenthesis listing only law ids goes, a
    clause id becomes the option's title, `{{ name }}` becomes words."""

    def __init__(self, library: Library, law_ids: list[str]):
        self.titles = {cid: c.title for cid, c in library.clauses.items()}
        ids = sorted([*self.titles, *law_ids], key=len, reverse=True)
        alt = "|".join(re.escape(i) for i in ids) or r"(?!x)x"
        self._any = re.compile(rf"(?<![\w.-])({alt})(?![\w-])")
        self._ids_only = re.compile(rf"\s*\((?:{alt})(?:\s*,\s*(?:{alt}))*\)")
        self._clause_paren = re.compile(rf"\((?:{alt}),\s*")
        self._law_ids = set(law_ids)
        self._memo: dict[str, str] = {}  # the same findings are worded at every edit

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        hit = self._memo.get(text)
        if hit is None:
            if len(self._memo) > 20000:
                self._memo.clear()
            hit = self._memo[text] = self._plain(text)
        return hit

    def _plain(self, text: str) -> str:
        text = self._ids_only.sub("", text)
        text = self._clause_paren.sub("(", text)
        text = self._any.sub(lambda m: self.titles.get(m.group(1), "") if m.group(1)
                             not in self._law_ids else "this law", text)
        text = _PLACEHOLDER.sub(lambda m: m.group(1).replace("_", " "), text)
        return re.sub(r"\s{2,}", " ", text).replace(" .", ".").strip()


def plain_for(library: Library, lawbook: Any | None) -> Plain:
    laws = list(getattr(lawbook, "laws", {}) or {}) if lawbook is not None else []
    key = (id(library), id(lawbook))
    hit = _PLAIN_CACHE.get(key)
    if hit is None:
        hit = _PLAIN_CACHE[key] = Plain(library, laws)
    return hit


_PLAIN_CACHE: dict[tuple[int, int], Plain] = {}


@dataclass
class CardText:
    head: str
    consequence: str
    todo: str
    details: str


def split_message(f: Any, plain: Plain) -> CardText:
    """The engine's message in its four parts (verdict, consequence, what to do,
    research), each in plain words."""
    msg = f.message or ""
    todo = ""
    after = ""
    if f.fix and f"What to do: {f.fix}" in msg:
        msg, after = msg.split(f"What to do: {f.fix}", 1)
        todo = f.fix
    elif f.fix and f.verdict in ("blocked", "at_risk"):
        todo = f.fix
    m = _RESEARCH_START.search(msg)
    research = ""
    if m is not None and m.start() > 0:
        msg, research = msg[:m.start()], msg[m.start():]
    research = f"{research} {after}".strip()
    c = _CONSEQUENCE_START.search(msg)
    head, consequence = (msg[:c.start()], msg[c.start():]) if c else (msg, "")
    return CardText(plain(head), plain(consequence), plain(todo), plain(research))


class VerdictCard(QFrame):
    use_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Finding")
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.head = self._label()
        self.consequence = self._label()
        self.todo = self._label()
        self.alternative = QPushButton(self)
        self.alternative.setAccessibleName("Use the allowed option instead")
        self.alternative.clicked.connect(self._use)
        self.toggle = QToolButton(self)
        self.toggle.setText("Details")
        self.toggle.setCheckable(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.setAccessibleName("Show the research")
        self.toggle.toggled.connect(self._toggle)
        self.details = self._label()
        self.details.hide()
        alt_row = QHBoxLayout()
        alt_row.addWidget(self.alternative)
        alt_row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        for w in (self.title, self.head, self.consequence, self.todo):
            lay.addWidget(w)
        lay.addLayout(alt_row)
        lay.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.details)
        lay.addStretch(1)
        self._alt_id: str | None = None
        self.clear()

    def _label(self) -> QLabel:
        lab = QLabel(self)
        lab.setWordWrap(True)
        lab.setTextFormat(Qt.TextFormat.RichText)
        lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return lab

    def _toggle(self, on: bool) -> None:
        self.details.setVisible(on)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def _use(self) -> None:
        if self._alt_id:
            self.use_requested.emit(self._alt_id)

    def clear(self) -> None:
        self._show({})
        self._alt_id = None

    def _show(self, texts: dict[QLabel, str], alternative: str = "",
              details: str = "") -> None:
        """Set every label at once. A widget's visibility changes only when it must: each
        show or hide of a visible card's child lays the card out again, and hiding all and
        showing some on every edit did that a dozen times."""
        for w in (self.title, self.head, self.consequence, self.todo):
            text = texts.get(w, "")
            if w.text() != text:
                w.setText(text)
            if w.isVisibleTo(self) != bool(text):
                w.setVisible(bool(text))
        if alternative:
            self.alternative.setText(alternative)
        if self.alternative.isVisibleTo(self) != bool(alternative):
            self.alternative.setVisible(bool(alternative))
        if self.details.text() != details:
            self.details.setText(details)
        if self.toggle.isVisibleTo(self) != bool(details):
            self.toggle.setVisible(bool(details))
        if self.toggle.isChecked():
            self.toggle.setChecked(False)  # a new finding opens with its research folded
        elif self.details.isVisibleTo(self):
            self._toggle(False)

    def show_problem(self, title: str, message: str) -> None:
        self._alt_id = None
        self._show({self.title: f"{badge_html('problem', 'Problem')} <b>{escape(title)}</b>",
                    self.head: escape(message),
                    self.todo: "<b>What to do:</b> fix it in the Jurisdiction tab (for a "
                               "missing agency) or in the clause's wording."})

    def show_finding(self, f: Any, clause_title: str, plain: Plain,
                     alternative_title: str | None = None) -> None:
        """`alternative_title`: the allowed option's title when it can be used."""
        parts = split_message(f, plain)
        texts = {self.title: f"{badge_html(f.verdict, verdict_label(f.verdict))} "
                             f"<b>{escape(clause_title)}</b>",
                 self.head: escape(parts.head)}
        self.title.setToolTip(BADGE_HELP.get(f.verdict, ""))
        if parts.consequence:
            texts[self.consequence] = f"<b>Consequence:</b> {escape(parts.consequence)}"
        if parts.todo:
            texts[self.todo] = f"<b>What to do:</b> {escape(parts.todo)}"
        alternative = ""
        self._alt_id = None
        if f.alternative and alternative_title:
            self._alt_id = f.alternative
            alternative = f"Use “{alternative_title}” instead"
        rows = []
        if f.citations:
            rows.append(("Citation", plain("; ".join(f.citations))))
        for label, val in (("Effective", f.effective), ("Status", f.status),
                           ("Confidence", f.confidence)):
            if val:
                rows.append((label, str(val).replace("_", " ")))
        table = "".join(f"<tr><td><i>{escape(k)}</i>&nbsp;&nbsp;</td><td>{escape(v)}</td>"
                        "</tr>" for k, v in rows)
        details = (f"<p>{escape(parts.details)}</p>" if parts.details else "") + \
            (f"<table>{table}</table>" if table else "")
        self._show(texts, alternative, details)
