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
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from drafter.gui.delegates import Row, TwoLineDelegate, draw_badge, draw_text
from drafter.gui.style import MUTED, short_verdict, strength_dots, verdict_colors, verdict_label

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

    from drafter.gui.checking import Checks
    from drafter.gui.delegates import Index
    from drafter.library import Library

logger = logging.getLogger(__name__)

KIND_ROLE = Qt.ItemDataRole.UserRole + 1       # "protection" | "option"
ID_ROLE = Qt.ItemDataRole.UserRole + 2         # protection id or clause id
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3     # lower-cased text the search matches
VERDICT_ROLE = Qt.ItemDataRole.UserRole + 4    # verdict for the draft's state, or None
STRENGTH_ROLE = Qt.ItemDataRole.UserRole + 5
IN_DRAFT_ROLE = Qt.ItemDataRole.UserRole + 6   # bool
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 7     # protection: second line of text



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

    def set_chosen(self, chosen: set[str]) -> None:
        for cid, item in self.option_items.items():
            flag = cid in chosen
            if bool(item.data(IN_DRAFT_ROLE)) != flag:
                item.setData(flag, IN_DRAFT_ROLE)
                self._update_accessible(item)


class SearchProxy(QSortFilterProxyModel):
    """Every word of the query must occur in the option's search text; a matching
    protection shows all its options."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._words: list[str] = []
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)

    def set_query(self, text: str) -> None:
        words = text.lower().split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int,  # noqa: N802 (Qt override)
                         parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._words:
            return True
        idx = self.sourceModel().index(row, 0, parent)
        blob = idx.data(SEARCH_ROLE) or ""
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
        draw_text(painter, rest, f"{strength_dots(strength)}  {strength.capitalize()}"
                  + ("  · in draft" if in_draft else ""), row.small, row.muted)


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

        self.count = QLabel(self)
        self.count.setStyleSheet(f"color: {MUTED};")
        self.count.setAccessibleName("Search results")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.search)
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

    def _on_search_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self.tree.expandAll()
        self._update_count()

    def _update_count(self) -> None:
        shown = len(self.visible_clause_ids())
        total = len(self.model.option_items)
        if self.search.text().strip():
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
