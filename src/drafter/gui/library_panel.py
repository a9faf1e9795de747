"""The clause library: protections as groups, their options with strength and the verdict
for the draft's state, and a search box that filters as you type.

The item model is built once from the library. A change of state only re-badges the option
items; a change of the chosen clauses only flips their "in draft" marks; nothing rebuilds the
tree while the user types.

Signals (LibraryPanel):
    clause_selected(str): the current option changed (clause id).
    protection_selected(str): a protection group became current.
    clause_activated(str): Enter or double-click on an option (add it / replace with it).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from drafter.gui.delegates import Row, TwoLineDelegate, draw_badge, draw_text
from drafter.gui.style import muted_hex, short_verdict, strength_dots, verdict_colors, verdict_label

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

    from drafter.gui.checking import Checks
    from drafter.gui.delegates import Index
    from drafter.load.library import Library

logger = logging.getLogger(__name__)

KIND_ROLE = Qt.ItemDataRole.UserRole + 1       # "protection" | "option"
ID_ROLE = Qt.ItemDataRole.UserRole + 2         # protection id or clause id
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3     # lower-cased text the search matches
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 4    # verdict for the draft's state, or None
STRENGTH_ROLE = Qt.ItemDataRole.UserRole + 5
IN_DRAFT_ROLE = Qt.ItemDataRole.UserRole + 6   # bool
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 7     # protection: second line of text
NEEDS_ROLE = Qt.ItemDataRole.UserRole + 8      # "needs a jail" when the draft has none
TITLE_ROLE = Qt.ItemDataRole.UserRole + 9      # lower-cased title and summary (ranking)

# The verdict filter: label -> verdicts hidden
VERDICT_FILTERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("All verdicts", frozenset()),
    ("Hide blocked", frozenset({"blocked"})),
    ("Only allowed", frozenset({"blocked", "at_risk"})),
)
AGENCY_NEED = {"jail": "a jail", "police": "a police department",
               "probation": "a probation department"}



class LibraryModel(QStandardItemModel):
    """protection -> options, built once from the library."""

    def __init__(self, library: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.option_items: dict[str, QStandardItem] = {}
        self.protection_items: dict[str, QStandardItem] = {}
        root = self.invisibleRootItem()
        for pid, prot in library.protections.items():
            if not prot.clauses:
                continue
            p_item = QStandardItem(prot.title)
            p_item.setEditable(False)
            p_item.setData("protection", KIND_ROLE)
            p_item.setData(pid, ID_ROLE)
            p_item.setData(f"{prot.title}\n{prot.question}\n{pid}".lower(), SEARCH_ROLE)
            n = len(prot.clauses)
            factor = f" · ILRC factor {prot.ilrc_factor}" if prot.ilrc_factor else ""
            p_item.setData(f"{n} option{'s' if n != 1 else ''}{factor}", DETAIL_ROLE)
            p_item.setToolTip(prot.question or prot.title)
            p_item.setData(f"{prot.title}, {n} options", Qt.ItemDataRole.AccessibleTextRole)
            for clause in prot.clauses:
                c_item = QStandardItem(clause.title)
                c_item.setEditable(False)
                c_item.setData("option", KIND_ROLE)
                c_item.setData(clause.id, ID_ROLE)
                c_item.setData(clause.search_blob(), SEARCH_ROLE)
                c_item.setData(f"{clause.title}\n{clause.summary}".lower(), TITLE_ROLE)
                c_item.setData(clause.strength, STRENGTH_ROLE)
                c_item.setData(None, VERDICT_ROLE)
                c_item.setData(False, IN_DRAFT_ROLE)
                c_item.setToolTip(clause.summary)
                self.option_items[clause.id] = c_item
                p_item.appendRow(c_item)
                self._update_accessible(c_item)
            self.protection_items[pid] = p_item
            root.appendRow(p_item)

    def _update_accessible(self, item: QStandardItem) -> None:
        parts = [item.text(), f"{item.data(STRENGTH_ROLE)} option",
                 verdict_label(item.data(VERDICT_ROLE))]
        if item.data(IN_DRAFT_ROLE):
            parts.append("in the draft")
        item.setData(", ".join(parts), Qt.ItemDataRole.AccessibleTextRole)

    def set_verdicts(self, verdicts: dict[str, str | None]) -> None:
        for cid, verdict in verdicts.items():
            item = self.option_items.get(cid)
            if item is not None and item.data(VERDICT_ROLE) != verdict:
                item.setData(verdict, VERDICT_ROLE)
                self._update_accessible(item)

    def set_needs(self, has: dict[str, bool]) -> None:
        """Mark options that direct an agency the draft does not name."""
        for cid, item in self.option_items.items():
            missing = [a for a in self.library.clauses[cid].agencies if not has.get(a)]
            text = ("needs " + " and ".join(AGENCY_NEED.get(a, a) for a in missing)
                    if missing else None)
            if item.data(NEEDS_ROLE) != text:
                item.setData(text, NEEDS_ROLE)

    def set_chosen(self, chosen: set[str]) -> None:
        for cid, item in self.option_items.items():
            flag = cid in chosen
            if bool(item.data(IN_DRAFT_ROLE)) != flag:
                item.setData(flag, IN_DRAFT_ROLE)
                self._update_accessible(item)


def relevance(words: list[str], title: str, blob: str) -> int:
    """How well an option matches: words in the title and summary count most, a whole
    word more than a part of one, and the whole query as a phrase most of all."""
    import re

    score = 0
    for w in words:
        whole = re.compile(rf"\b{re.escape(w)}\b")
        if whole.search(title):
            score += 10
        elif w in title:
            score += 6
        if whole.search(blob):
            score += 2
        score += min(blob.count(w), 5)
    phrase = " ".join(words)
    if len(words) > 1 and phrase in title:
        score += 20
    return score


class SearchProxy(QSortFilterProxyModel):
    """Every word of the query must occur in the option's search text; a matching
    protection shows all its options. Options of a hidden verdict are left out. With a
    query, the best matches come first (protections by their best option)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._words: list[str] = []
        self.hidden: frozenset[str] = frozenset()
        self._scores: dict[tuple[int, int], int] = {}
        # a protection shows when one of its options does (an option matches by its own
        # text or its protection's)
        self.setRecursiveFilteringEnabled(True)

    def set_query(self, text: str) -> None:
        words = text.lower().split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self._scores.clear()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            self.invalidate()  # re-rank
            self.sort(0 if words else -1)

    def set_hidden(self, verdicts: frozenset[str]) -> None:
        if verdicts != self.hidden:
            self.beginFilterChange()
            self.hidden = verdicts
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def score(self, idx: QModelIndex | QPersistentModelIndex) -> int:
        key = (idx.row(), idx.parent().row())
        hit = self._scores.get(key)
        if hit is not None:
            return hit
        if idx.data(KIND_ROLE) == "protection":
            model = self.sourceModel()
            best = max((self.score(model.index(r, 0, idx)) for r in range(model.rowCount(idx))),
                       default=0)
            own = relevance(self._words, (idx.data(SEARCH_ROLE) or "").split("\n")[0],
                            idx.data(SEARCH_ROLE) or "")
            hit = max(best, own)
        else:
            hit = relevance(self._words, idx.data(TITLE_ROLE) or "", idx.data(SEARCH_ROLE) or "")
        self._scores[key] = hit
        return hit

    def lessThan(self, left: QModelIndex | QPersistentModelIndex,  # noqa: N802 (Qt override)
                 right: QModelIndex | QPersistentModelIndex) -> bool:
        a, b = self.score(left), self.score(right)
        if a != b:
            return a > b  # best first
        return left.row() < right.row()

    def filterAcceptsRow(self, row: int,  # noqa: N802 (Qt override)
                         parent: QModelIndex | QPersistentModelIndex) -> bool:
        idx = self.sourceModel().index(row, 0, parent)
        if idx.data(KIND_ROLE) == "protection":
            return not self._words and not self.hidden and \
                self.sourceModel().rowCount(idx) > 0
        if self.hidden and idx.data(VERDICT_ROLE) in self.hidden:
            return False
        if not self._words:
            return True
        blob = f"{idx.data(SEARCH_ROLE) or ''}\n{parent.data(SEARCH_ROLE) or ''}"
        return all(w in blob for w in self._words)


class LibraryDelegate(TwoLineDelegate):
    """Two lines per row: title, then strength and the verdict badge (or, for a
    protection, its option count and ILRC factor)."""

    def draw(self, painter: QPainter, row: Row, index: Index) -> None:
        if index.data(KIND_ROLE) == "protection":
            bold = QFont(row.font)
            bold.setBold(True)
            draw_text(painter, row.line1, index.data() or "", bold, row.color)
            draw_text(painter, row.line2, index.data(DETAIL_ROLE) or "", row.small, row.muted)
            return
        in_draft = bool(index.data(IN_DRAFT_ROLE))
        line1 = QRect(row.line1)
        if in_draft:
            bold = QFont(row.font)
            bold.setBold(True)
            mark_color = row.color if row.selected else QColor(verdict_colors("allowed")[0])
            used = draw_text(painter, line1, "✓ ", bold, mark_color)
            line1.setLeft(line1.left() + used + 2)
        draw_text(painter, line1, index.data() or "", row.font, row.color)
        verdict = index.data(VERDICT_ROLE)
        fg, bg = verdict_colors(verdict)
        badge = draw_badge(painter, row.line2, short_verdict(verdict), row.small, fg, bg)
        strength = index.data(STRENGTH_ROLE) or ""
        rest = QRect(row.line2.left(), row.line2.top(), badge.left() - row.line2.left() - 6,
                     row.line2.height())
        needs = index.data(NEEDS_ROLE)
        draw_text(painter, rest, f"{strength_dots(strength)}  {strength.capitalize()}"
                  + ("  · in draft" if in_draft else "")
                  + (f"  · {needs}" if needs else ""), row.small, row.muted)


class _SearchBox(QLineEdit):
    """Down arrow moves into the results; Escape clears."""

    def __init__(self, panel: LibraryPanel):
        super().__init__(panel)
        self._panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Down:
            self._panel.focus_results()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class LibraryPanel(QWidget):
    clause_selected = Signal(str)
    protection_selected = Signal(str)
    clause_activated = Signal(str)

    def __init__(self, library: Library, checks: Checks, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.checks = checks
        self.model = LibraryModel(library, self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = _SearchBox(self)
        self.search.setPlaceholderText("Search the library (title, text, citations)…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the clause library")
        self.search.textChanged.connect(self._on_search_changed)

        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegate(LibraryDelegate(self.tree))
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAccessibleName("Clause library")
        self.tree.setAccessibleDescription(
            "Protections and their options. Enter adds the option to the draft.")
        self.tree.setAnimated(False)
        self.tree.setIndentation(14)
        self.tree.expandAll()
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tree.activated.connect(self._on_activated)

        self.verdict_filter = QComboBox(self)
        self.verdict_filter.setAccessibleName("Show options by verdict")
        for label, hidden in VERDICT_FILTERS:
            self.verdict_filter.addItem(label, hidden)
        self.verdict_filter.setToolTip("Show or hide options by their verdict under your "
                                       "state's law (“Only allowed” keeps options that are "
                                       "allowed or already state law)")
        self.verdict_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 10)
        self.verdict_filter.currentIndexChanged.connect(self._on_filter_changed)

        self.count = QLabel(self)
        self.count.setStyleSheet(f"color: {muted_hex()};")
        self.count.setAccessibleName("Search results")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.search, 1)
        top.addWidget(self.verdict_filter)
        lay.addLayout(top)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.count)
        self._update_count()

    # --- updates from the workspace ----------------------------------------------------

    def set_state(self, state: str, savings_clause: bool = True) -> None:
        """Re-badge every option for the draft's state (cached per state)."""
        self.model.set_verdicts({cid: self.checks.clause_verdict(c, state,
                                                                 savings_clause).verdict
                                 for cid, c in self.library.clauses.items()
                                 if cid in self.model.option_items})

    def set_chosen(self, chosen: set[str]) -> None:
        self.model.set_chosen(chosen)

    def select_clause(self, clause_id: str) -> None:
        item = self.model.option_items.get(clause_id)
        if item is None:
            return
        idx = self.proxy.mapFromSource(item.index())
        if not idx.isValid():  # hidden by the user's search: leave the search alone
            self.tree.clearSelection()
            return
        if idx != self.tree.currentIndex():
            self.tree.setCurrentIndex(idx)
        self.tree.scrollTo(idx)

    def current_clause(self) -> str | None:
        idx = self.tree.currentIndex()
        if idx.isValid() and idx.data(KIND_ROLE) == "option":
            return idx.data(ID_ROLE)
        return None

    def visible_clause_ids(self) -> list[str]:
        out = []
        for r in range(self.proxy.rowCount()):
            p = self.proxy.index(r, 0)
            for c in range(self.proxy.rowCount(p)):
                out.append(self.proxy.index(c, 0, p).data(ID_ROLE))
        return out

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_results(self) -> None:
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.tree.currentIndex().isValid() and self.proxy.rowCount():
            first = self.proxy.index(0, 0)
            self.tree.setCurrentIndex(self.proxy.index(0, 0, first)
                                      if self.proxy.rowCount(first) else first)

    # --- slots -------------------------------------------------------------------------

    def _on_filter_changed(self, _i: int) -> None:
        self.proxy.set_hidden(self.verdict_filter.currentData() or frozenset())
        self.tree.expandAll()
        self._update_count()

    def set_agencies(self, has: dict[str, bool]) -> None:
        """Which agencies the draft names (options needing others are marked)."""
        self.model.set_needs(has)

    def _on_search_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self.tree.expandAll()
        self._update_count()

    def _update_count(self) -> None:
        shown = len(self.visible_clause_ids())
        total = len(self.model.option_items)
        if self.search.text().strip() or self.proxy.hidden:
            self.count.setText(f"{shown} of {total} options match" if shown else
                               "No option matches; try fewer or other words")
        else:
            n = len(self.model.protection_items)
            self.count.setText(f"{total} options in {n} protections")

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        if current.data(KIND_ROLE) == "option":
            self.clause_selected.emit(current.data(ID_ROLE))
        else:
            self.protection_selected.emit(current.data(ID_ROLE))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.data(KIND_ROLE) == "option":
            self.clause_activated.emit(index.data(ID_ROLE))
