"""The draft outline: the chosen clauses in ordinance order.

Reorder by dragging or with Ctrl+Up / Ctrl+Down, remove with Delete, edit the wording with
Enter or F2. The list never changes the draft itself: it asks (signals) and the main window
pushes the undoable command; the list is then refreshed from the draft.

Signals (OutlinePanel):
    clause_selected(str): the current clause changed.
    move_requested(str, int): move clause id to this position.
    remove_requested(str)
    edit_requested(str): edit this clause's wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QDropEvent, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from drafter.gui.delegates import Row, TwoLineDelegate, draw_badge, draw_text
from drafter.gui.style import edited_hex, muted_hex, short_verdict, verdict_colors, verdict_label

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter

    from drafter.gui.delegates import Index


@dataclass(frozen=True)
class OutlineEntry:
    clause_id: str
    title: str
    protection: str
    strength: str
    verdict: str | None
    edited: bool
    problem: bool = False  # the clause cannot be filled in (FillInError)
    number: int | None = None  # its section number in the ordinance, once assembled


def section_label(number: int | None) -> str:
    return f"§ {number}" if number is not None else "§ –"


class OutlineDelegate(TwoLineDelegate):
    """"§ 12 Title" (the ordinance's own section number) on the first line; protection,
    strength, edited mark and the verdict badge on the second."""

    def __init__(self, panel: OutlineList):
        super().__init__(panel)
        self.panel = panel

    @staticmethod
    def number_width(fm: QFontMetrics) -> int:
        """Room for "§ 99" and then some (an ordinance rarely reaches 100 sections, and an
        exact fit gets elided to "§ …")."""
        return fm.horizontalAdvance("§ 000")

    def draw(self, painter: QPainter, row: Row, index: Index) -> None:
        entry = self.panel.entry(index.row())
        if entry is None:
            return
        num_w = self.number_width(row.fm) + 6
        num = QRect(row.line1.left(), row.line1.top(), num_w - 6, row.line1.height())
        draw_text(painter, num, section_label(entry.number), row.font, row.muted,
                  Qt.AlignmentFlag.AlignRight)
        title = QRect(row.line1.left() + num_w, row.line1.top(), row.line1.width() - num_w,
                      row.line1.height())
        draw_text(painter, title, entry.title, row.font, row.color)
        verdict = "problem" if entry.problem else entry.verdict
        label = "Needs fill-in" if entry.problem else short_verdict(entry.verdict)
        fg, bg = verdict_colors(verdict)
        badge = draw_badge(painter, row.line2, label, row.small, fg, bg)
        rest = QRect(row.line2.left() + num_w, row.line2.top(),
                     badge.left() - row.line2.left() - num_w - 6, row.line2.height())
        if entry.edited:
            used = draw_text(painter, rest, "✎ edited", row.small,
                             row.color if row.selected else QColor(edited_hex()))
            rest.setLeft(rest.left() + used + 8)
        draw_text(painter, rest, f"{entry.protection} · {entry.strength}", row.small,
                  row.muted)


class OutlineList(QListWidget):
    """A list whose drags and keys only request changes (see module docstring)."""

    move_requested = Signal(str, int)
    remove_requested = Signal(str)
    edit_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(OutlineDelegate(self))
        self.entries: list[OutlineEntry] = []
        self.setUniformItemSizes(True)
        self.setAccessibleName("Draft outline")
        self.setAccessibleDescription("Chosen clauses in ordinance order. Ctrl+Up and "
                                      "Ctrl+Down move, Delete removes, Enter edits wording.")

    def current_id(self) -> str | None:
        row = self.currentRow()
        return self.entries[row].clause_id if 0 <= row < len(self.entries) else None

    def entry(self, row: int) -> OutlineEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def drop_row(self, pos: QPoint) -> int:
        """The row a drop at `pos` lands before (0..count)."""
        idx = self.indexAt(pos)
        if not idx.isValid():
            return self.count()
        rect = self.visualRect(idx)
        return idx.row() + (1 if pos.y() > rect.center().y() else 0)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        if event.source() not in (self, None):
            event.ignore()
            return
        cid = self.current_id()
        if cid is None:
            event.ignore()
            return
        src = self.currentRow()
        row = self.drop_row(event.position().toPoint())
        to = row - 1 if row > src else row
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the draft moves it, not the list
        event.accept()
        if to != src:
            self.move_requested.emit(cid, to)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        cid = self.current_id()
        mods = event.modifiers()
        key = event.key()
        if cid is not None:
            ctrl = mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            if ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                row = self.currentRow() + (-1 if key == Qt.Key.Key_Up else 1)
                if 0 <= row < self.count():
                    self.move_requested.emit(cid, row)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_requested.emit(cid)
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self.edit_requested.emit(cid)
                return
        super().keyPressEvent(event)


ENTRY_ROLE = Qt.ItemDataRole.UserRole + 20


class OutlinePanel(QWidget):
    clause_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list = OutlineList(self)
        self.move_requested = self.list.move_requested
        self.remove_requested = self.list.remove_requested
        self.edit_requested = self.list.edit_requested
        self.list.currentItemChanged.connect(self._on_current_changed)

        self.empty = QLabel(
            "<b>No clauses yet.</b><br>Pick protections in the library above: select an "
            "option and press <i>Add to draft</i> (or Enter).", self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(f"color: {muted_hex()}; padding: 12px;")

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.up_btn = self._button("▲", "Move up (Ctrl+Up)", "Move clause up")
        self.down_btn = self._button("▼", "Move down (Ctrl+Down)", "Move clause down")
        self.edit_btn = self._button("Edit wording…", "Edit this clause's wording for this "
                                     "draft (Enter)", "Edit clause wording")
        self.remove_btn = self._button("Remove", "Remove the clause from the draft (Delete)",
                                       "Remove clause")
        self.up_btn.clicked.connect(lambda: self._move(-1))
        self.down_btn.clicked.connect(lambda: self._move(1))
        self.edit_btn.clicked.connect(lambda: self._emit(self.edit_requested))
        self.remove_btn.clicked.connect(lambda: self._emit(self.remove_requested))
        for b in (self.up_btn, self.down_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.edit_btn)
        bar.addWidget(self.remove_btn)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.empty, 1)
        lay.addLayout(bar)
        self._entries: list[OutlineEntry] = []
        self._show_empty(True)
        self._sync_buttons()

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAccessibleName(name)
        b.setAutoRaise(False)
        return b

    def set_entries(self, entries: list[OutlineEntry], keep: str | None = None) -> None:
        """Show these clauses; keep the current clause (or `keep`) selected."""
        current = keep or self.list.current_id()
        if entries == self._entries and current == self.list.current_id():
            return
        old = self._entries
        self._entries = list(entries)
        self.list.blockSignals(True)
        self.list.entries = list(entries)
        # Rows are reused, not cleared and made anew: an edit inserts or drops one clause,
        # and a cleared list is laid out and painted again from scratch.
        while self.list.count() > len(entries):
            self.list.takeItem(self.list.count() - 1)
        select = None
        for row, e in enumerate(entries):
            if row < self.list.count():
                item = self.list.item(row)
            else:
                item = QListWidgetItem()
                self.list.addItem(item)
            if row >= len(old) or old[row] != e:
                self._fill(item, e)
            if e.clause_id == current:
                select = item
        if select is not None:
            if self.list.currentItem() is not select:
                self.list.setCurrentItem(select)
        else:
            self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._show_empty(not entries)
        self._sync_buttons()

    @staticmethod
    def _fill(item: QListWidgetItem, e: OutlineEntry) -> None:
        where = f"Section {e.number}: " if e.number is not None else ""
        item.setText(e.title)
        item.setToolTip(f"{where}{e.title}\n{e.protection} · {e.strength} · "
                        f"{verdict_label(e.verdict)}" + ("\nWording edited in this draft"
                                                         if e.edited else ""))
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     f"{where}{e.title}, {verdict_label(e.verdict)}"
                     + (", wording edited" if e.edited else ""))
        item.setData(ENTRY_ROLE, repr(e))  # any change repaints the row (the delegate
        # draws from the entry, which Qt does not see)

    def _show_empty(self, empty: bool) -> None:
        self.list.setVisible(not empty)
        self.empty.setVisible(empty)

    def select(self, clause_id: str) -> None:
        for i, e in enumerate(self.list.entries):
            if e.clause_id == clause_id:
                if self.list.currentRow() != i:
                    self.list.setCurrentRow(i)
                self.list.scrollToItem(self.list.item(i))
                return

    def current_id(self) -> str | None:
        return self.list.current_id()

    def ids(self) -> list[str]:
        return [e.clause_id for e in self.list.entries]

    def _move(self, delta: int) -> None:
        cid = self.list.current_id()
        row = self.list.currentRow() + delta
        if cid is not None and 0 <= row < self.list.count():
            self.move_requested.emit(cid, row)

    def _emit(self, signal: SignalInstance) -> None:
        cid = self.list.current_id()
        if cid is not None:
            signal.emit(cid)

    def _sync_buttons(self) -> None:
        row = self.list.currentRow()
        has = row >= 0 and self.list.count() > 0
        self.up_btn.setEnabled(has and row > 0)
        self.down_btn.setEnabled(has and row < self.list.count() - 1)
        self.edit_btn.setEnabled(has)
        self.remove_btn.setEnabled(has)

    def _on_current_changed(self, current: QListWidgetItem | None,
                            _previous: QListWidgetItem | None) -> None:
        self._sync_buttons()
        cid = self.list.current_id()
        if current is not None and cid is not None:
            self.clause_selected.emit(cid)
