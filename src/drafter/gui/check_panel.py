"""The check panel: every preemption finding for the draft, grouped by severity, each with
the rule that decided it and its citations; below, the full finding for the selected row.

Signals:
    clause_selected(str): a finding (or problem) naming a clause was chosen.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafter.errors import Problem
from drafter.gui.delegates import Row, TwoLineDelegate, draw_text
from drafter.gui.style import badge_html, dot_icon, escape, muted_hex, short_verdict, verdict_label
from drafter.gui.verdict_card import BADGE_HELP, Plain, VerdictCard, plain_for, split_message

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

    from drafter.check.engine import Finding
    from drafter.gui.delegates import Index
    from drafter.gui.workspace import Analysis
    from drafter.load.library import Clause, Library

CLAUSE_ROLE = Qt.ItemDataRole.UserRole + 1
FINDING_ROLE = Qt.ItemDataRole.UserRole + 2
RULE_ROLE = Qt.ItemDataRole.UserRole + 3
LINE2_ROLE = Qt.ItemDataRole.UserRole + 4
KEY_ROLE = Qt.ItemDataRole.UserRole + 5  # what the row shows, to keep unchanged rows

GROUPS = (
    ("problem", "Problems to fix"),
    ("blocked", "Blocked by state law"),
    ("at_risk", "At risk"),
    ("state_law", "Already state law"),
    ("allowed", "Allowed"),
)


class FindingDelegate(TwoLineDelegate):
    """Findings on two lines: the clause and the rule, then the short reason and the
    citation. Group rows are drawn as usual."""

    left_inset = 20  # the verdict dot Qt draws

    def custom(self, index: Index) -> bool:
        return index.data(RULE_ROLE) is not None

    def draw(self, painter: QPainter, row: Row, index: Index) -> None:
        rule = index.data(RULE_ROLE) or ""
        rw = min(row.sfm.horizontalAdvance(rule) + 4, row.line1.width() // 2)
        rule_rect = QRect(row.line1.right() - rw, row.line1.top(), rw, row.line1.height())
        draw_text(painter, rule_rect, rule, row.small, row.muted, Qt.AlignmentFlag.AlignRight,
                  Qt.TextElideMode.ElideLeft)
        title = QRect(row.line1.left(), row.line1.top(), row.line1.width() - rw - 8,
                      row.line1.height())
        draw_text(painter, title, index.data() or "", row.font, row.color)
        draw_text(painter, row.line2, index.data(LINE2_ROLE) or "", row.small, row.muted)


class CheckPanel(QWidget):
    clause_selected = Signal(str)

    use_requested = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None,
                 lawbook: Callable[[], Any] | None = None):
        super().__init__(parent)
        self.library = library
        self._lawbook = lawbook or (lambda: None)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # escaped text and badges
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Check summary")
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(1)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(12)
        self.tree.setItemDelegate(FindingDelegate(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("Preemption findings")
        self.tree.setAccessibleDescription("Findings grouped by severity. Selecting one "
                                           "shows its clause and the full rule below.")
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemClicked.connect(self._on_clicked)

        self.card = VerdictCard(self)
        self.card.use_requested.connect(self.use_requested)
        self.detail = QScrollArea(self)
        self.detail.setWidget(self.card)
        self.detail.setWidgetResizable(True)
        self.detail.setFrameShape(QScrollArea.Shape.NoFrame)
        self.detail.setAccessibleName("Finding details")
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([300, 130])
        split.setChildrenCollapsible(False)
        self.splitter = split
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {muted_hex()}; padding: 12px;")
        self.empty.setText("No findings yet. Each clause you add is checked against the "
                           "state's law and federal law; the findings appear here.")
        legend = QHBoxLayout()
        legend.setSpacing(6)
        self.legend: dict[str, QLabel] = {}
        for key in ("blocked", "at_risk", "state_law", "allowed"):
            lab = QLabel(badge_html(key, short_verdict(key)), self)
            lab.setToolTip(BADGE_HELP[key])
            lab.setAccessibleName(f"Legend: {BADGE_HELP[key]}")
            legend.addWidget(lab)
            self.legend[key] = lab
        legend.addStretch(1)
        self.reviewed = QLabel(self)
        self.reviewed.setEnabled(False)  # muted, in the palette's own colour
        legend.addWidget(self.reviewed)
        lay.addWidget(self.summary)
        lay.addLayout(legend)
        lay.addWidget(split, 1)
        lay.addWidget(self.empty, 1)
        split.hide()
        self.counts: dict[str, int] = {}
        self._group_items: dict[str, QTreeWidgetItem] = {}
        self._positions: dict[str, int] | None = None  # library order of clause ids
        self._texts: dict[tuple[object, ...], tuple[str, str, str, str]] = {}
        self._detail_key: object = None
        self._state = ""
        self._kind: str | None = None

    @property
    def plain(self) -> Plain:
        return plain_for(self.library, self._lawbook())

    def show_analysis(self, analysis: Analysis, state_name: str, state: str = "",
                      kind: str | None = None) -> None:
        """Show the findings. The tree is patched, not rebuilt: an edit adds or drops a
        clause's rows, and rebuilding all of them (and laying the tree out again) was most
        of the panel's cost on every edit. The selected row stays selected while it exists."""
        self._state, self._kind = state, kind
        groups: dict[str, list[tuple[str | None, Finding | Problem]]] = {
            g: [] for g, _ in GROUPS}
        if analysis.error is not None:
            for p in analysis.error.problems:
                groups["problem"].append((analysis.error_clause, p))
        seen: set[tuple[str, str]] = set()
        report = analysis.report
        findings = sorted(report.findings if report is not None else [],
                          key=lambda f: f.rank, reverse=True)
        for finding in findings:  # the same clause once per group: its strongest finding
            if (finding.verdict, finding.clause) in seen:
                continue
            seen.add((finding.verdict, finding.clause))
            groups[finding.verdict].append((finding.clause, finding))
        self.counts = {g: len(items) for g, items in groups.items()}
        self.tree.setUpdatesEnabled(False)
        current = self.tree.currentItem()
        # quietly: taking out the current row makes Qt choose another, which must not
        # select that row's clause across the app
        self.tree.blockSignals(True)
        for key, label in GROUPS:
            items = groups.get(key) or []
            items.sort(key=lambda it: self._order(it[0]))
            self._show_group(key, label, items)
        self.tree.blockSignals(False)
        self.tree.setUpdatesEnabled(True)
        has = any(self.counts.values())
        self.splitter.setVisible(has)
        self.empty.setVisible(not has)
        now = self.tree.currentItem()
        if now is None or now.data(0, FINDING_ROLE) is None:
            self._set_detail(None)
        elif now is not current or self._detail_key is None:
            self._show_detail(now)
        self._summarise(analysis, state_name)

    def _show_group(self, key: str, label: str,
                    items: list[tuple[str | None, Finding | Problem]]) -> None:
        top = self._group_items.get(key)
        if not items:
            if top is not None:
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(top))
                del self._group_items[key]
            return
        if top is None:
            top = QTreeWidgetItem([""])
            top.setIcon(0, dot_icon(key))
            font = QFont(self.tree.font())
            font.setBold(True)
            top.setFont(0, font)
            order = [g for g, _ in GROUPS]
            at = sum(1 for g in self._group_items if order.index(g) < order.index(key))
            self.tree.insertTopLevelItem(at, top)
            self._group_items[key] = top
        text = f"{label} ({len(items)})"
        if top.text(0) != text:
            top.setText(0, text)
        wanted = [(self._row_key(cid, f), cid, f) for cid, f in items]
        children = (top.child(i) for i in range(top.childCount()))
        shown = [c.data(0, KEY_ROLE) if c is not None else None for c in children]
        ops = difflib.SequenceMatcher(None, shown, [k for k, _, _ in wanted],
                                      autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in reversed(ops):  # from the end: indices stay right
            if tag == "equal":
                continue
            for i in range(i2 - 1, i1 - 1, -1):
                top.takeChild(i)
            top.insertChildren(i1, [self._item(key, cid, f, row_key)
                                    for row_key, cid, f in wanted[j1:j2]])
        others = sum(n for g, n in self.counts.items() if g != "allowed")
        expand = key != "allowed" or len(items) <= 6 or not others
        if top.isExpanded() != expand:
            top.setExpanded(expand)

    def _row_key(self, clause_id: str | None, f: Finding | Problem) -> str:
        """What a row shows (its line, tip and card), so an unchanged row is kept. A
        string: item data round-trips through Qt, and a tuple would come back a list."""
        if isinstance(f, Problem):
            return repr(("problem", clause_id, f.message, f.file, f.line))
        return repr((clause_id, f.verdict, f.rule, f.decides, f.message, f.summary, f.fix,
                     tuple(f.citations), f.effective, f.status, f.confidence, f.alternative))

    def _rows(self) -> Iterator[tuple[QTreeWidgetItem, QTreeWidgetItem]]:
        """(group, finding) rows, worst group first."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount() if top is not None else 0):
                item = top.child(j) if top is not None else None
                if top is not None and item is not None:
                    yield top, item

    def reveal(self, clause_id: str) -> None:
        """Select the worst finding of this clause (quietly) and show it below."""
        for top, item in self._rows():
            if item.data(0, CLAUSE_ROLE) == clause_id:
                self.tree.blockSignals(True)
                top.setExpanded(True)
                self.tree.setCurrentItem(item)
                self.tree.blockSignals(False)
                self.tree.scrollToItem(item)
                self._show_detail(item)
                return
        self.tree.blockSignals(True)
        self.tree.setCurrentIndex(QModelIndex())
        self.tree.blockSignals(False)
        self._set_detail(None)

    def clause_ids(self) -> set[str]:
        """Clauses that have at least one finding or problem on show."""
        return {item.data(0, CLAUSE_ROLE) for _top, item in self._rows()
                if item.data(0, CLAUSE_ROLE)}

    def _order(self, clause_id: str | None) -> int:
        if self._positions is None:
            self._positions = {cid: i for i, cid in enumerate(self.library.clauses)}
        return self._positions.get(clause_id or "", -1)

    def _clause_title(self, clause_id: str | None) -> str:
        if clause_id and clause_id in self.library.clauses:
            return self.library.clauses[clause_id].title
        return clause_id or "Whole draft"

    def _item(self, group: str, clause_id: str | None, f: Finding | Problem,
              row_key: str) -> QTreeWidgetItem:
        title = self._clause_title(clause_id) if clause_id else "Draft"
        if isinstance(f, Problem):
            where = f"{f.file}:{f.line}" if f.file and f.line else (f.file or "")
            rule, line2 = "fill-in", f.message
            text = f"{title}: {f.message}"
            tip = f.message + (f"\n{where}" if where else "")
        else:
            rule, line2, text, tip = self._finding_texts(title, f)
        item = QTreeWidgetItem([title])
        item.setData(0, RULE_ROLE, rule)
        item.setData(0, LINE2_ROLE, line2)
        item.setToolTip(0, tip)
        item.setIcon(0, dot_icon(group))
        item.setData(0, CLAUSE_ROLE, clause_id)
        item.setData(0, FINDING_ROLE, f)
        item.setData(0, KEY_ROLE, row_key)
        item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                     f"{verdict_label(group) if group != 'problem' else 'Problem'}: {text}")
        return item

    def _finding_texts(self, title: str, f: Finding) -> tuple[str, str, str, str]:
        """A row's words, kept by what they are made of: each edit checks the draft
        afresh, and making plain words of every finding again was a third of the panel's
        cost."""
        key = (title, f.verdict, f.decides, f.message, f.summary, f.fix, tuple(f.citations))
        hit = self._texts.get(key)
        if hit is None:
            plain = self.plain
            cite = plain("; ".join(f.citations))
            parts = split_message(f, plain)
            short = plain(f.summary) or parts.head
            hit = (short_verdict(f.verdict) if f.decides else "Note",
                   f"{short} — {cite}" if cite else short,
                   f"{title}: {short}. {cite}",
                   "\n\n".join(p for p in (parts.head, parts.consequence) if p))
            if len(self._texts) > 5000:  # a bound for a long session
                self._texts.clear()
            self._texts[key] = hit
        return hit

    def _summarise(self, analysis: Analysis, state_name: str) -> None:
        c = self.counts
        problems = c.get("problem", 0)
        to_fix = (f"{problems} problem{'s' if problems != 1 else ''} to fix"
                  if problems else "")
        if analysis.report is None:
            note = analysis.check_error or "Not checked against state law."
            if to_fix:
                note = f"{to_fix}. {note}"
            self.summary.setText(f'<span style="color:{muted_hex()}">{escape(note)}</span>')
            return
        parts = [badge_html("problem", to_fix)] if to_fix else []
        for key, label in GROUPS:
            if key != "problem" and c.get(key):
                parts.append(badge_html(key, f"{c[key]} {label.lower()}"))
        total = sum(c.get(key, 0) for key, _ in GROUPS if key != "problem")
        # a clause is listed once per group; the status bar counts each clause once
        what = f"{total} finding{'s' if total != 1 else ''}: " if total else ""
        self.summary.setText(f"Checked against {escape(state_name)} and federal law. {what}"
                             + (" ".join(parts) or "No clauses chosen yet."))
        reviewed = analysis.report.last_reviewed
        self.reviewed.setText(f"{escape(state_name)} law data reviewed "
                              f"{reviewed.isoformat()}" if reviewed else "")
        stale = analysis.report.stale  # older than six months: one line that says so
        self.reviewed.setEnabled(not stale)
        self.reviewed.setToolTip(stale or "")
        if stale:
            self.reviewed.setText(escape(stale))

    def _on_current(self, current: QTreeWidgetItem | None,
                    _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        self._show_detail(current)
        cid = current.data(0, CLAUSE_ROLE)
        if cid:
            self.clause_selected.emit(cid)

    def _on_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        cid = item.data(0, CLAUSE_ROLE)
        if cid:
            self.clause_selected.emit(cid)

    def _show_detail(self, item: QTreeWidgetItem) -> None:
        f = item.data(0, FINDING_ROLE)
        if f is None:
            self._set_detail(None)
            return
        cid = item.data(0, CLAUSE_ROLE)
        key = (cid, id(f))
        if key == self._detail_key:
            return
        self._detail_key = key
        self.detail.show()
        if isinstance(f, Problem):  # from assembly
            self.card.show_problem(self._clause_title(cid), f.message)
            return
        alt = self.library.clauses.get(f.alternative or "")
        usable = alt is not None and self._allowed(alt)
        self.card.show_finding(f, self._clause_title(cid), self.plain,
                               alt.title if alt is not None and usable else None)

    def _allowed(self, clause: Clause) -> bool:
        """Whether an alternative is allowed (or already state law) in the draft's state:
        only such an option is offered with one click."""
        book = self._lawbook()
        if book is None or not self._state:
            return False
        from drafter.check.engine import clause_verdict, decisive

        top = decisive(clause_verdict(clause, self._state, book, kind=self._kind))
        return top is None or top.verdict in ("allowed", "state_law")

    def _set_detail(self, _nothing: None) -> None:
        self._detail_key = None
        self.card.clear()

    def card_text(self) -> str:
        """What the card shows, as plain text (for tests and screen readers)."""
        import re

        texts = [w.text() for w in (self.card.title, self.card.head, self.card.consequence,
                                    self.card.todo, self.card.details) if w.text()]
        if self.card.alternative.isVisibleTo(self.card):
            texts.append(self.card.alternative.text())
        return re.sub(r"<[^>]+>|&nbsp;", " ", "\n".join(texts))


def finding_html(f: Finding, clause_title: str, plain: Plain) -> str:
    """One finding as rich text, in the card's order: verdict, consequence, what to do,
    research (no identifiers)."""
    parts = split_message(f, plain)
    bits = [f"<p>{badge_html(f.verdict, verdict_label(f.verdict))} "
            f"<b>{escape(clause_title)}</b></p>", f"<p>{escape(parts.head)}</p>"]
    if parts.consequence:
        bits.append(f"<p><b>Consequence:</b> {escape(parts.consequence)}</p>")
    if parts.todo:
        bits.append(f"<p><b>What to do:</b> {escape(parts.todo)}</p>")
    if parts.details:
        bits.append(f'<p style="color:{muted_hex()}">{escape(parts.details)}</p>')
    return "".join(bits)
