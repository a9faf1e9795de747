"""The base of the two-line list rows (library, outline, checks).

Qt draws the row background, selection and focus (`QStyledItemDelegate.paint` with the text
and icon blanked out); the subclass draws its two lines of text on top. Selection is asked
of the view rather than decoded from the style option, which keeps `QStyle` (and the cost of
creating its many enums) out of start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate

from drafter.gui.style import muted_hex

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    Index = QModelIndex | QPersistentModelIndex

PAD = 6
SMALL_SCALE = 0.88


@dataclass
class Row:
    """Where and how to draw one row's text."""

    line1: QRect
    line2: QRect
    font: QFont
    small: QFont
    fm: QFontMetrics
    sfm: QFontMetrics
    color: QColor
    muted: QColor
    selected: bool


def small_font(font: QFont) -> QFont:
    f = QFont(font)
    f.setPointSizeF(max(7.0, font.pointSizeF() * SMALL_SCALE))
    return f


class TwoLineDelegate(QStyledItemDelegate):
    """Subclasses implement `custom(index)` (draw this row themselves?) and `draw()`."""

    left_inset = 0  # room kept on the left (e.g. for an icon drawn by Qt)

    def custom(self, index: Index) -> bool:
        return True

    def draw(self, painter: QPainter, row: Row, index: Index) -> None:
        raise NotImplementedError

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                        index: Index) -> None:
        super().initStyleOption(option, index)
        if self.custom(index):
            option.text = ""

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                 index: Index) -> QSize:
        if not self.custom(index):
            return super().sizeHint(option, index)
        fm = option.fontMetrics
        sfm = QFontMetrics(small_font(option.font))
        return QSize(200, fm.height() + sfm.height() + 3 * PAD // 2 + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)  # background, selection, focus (no text)
        if not self.custom(index):
            return
        view = option.widget
        selected = (isinstance(view, QAbstractItemView) and view.selectionModel() is not None
                    and view.selectionModel().isSelected(index))
        pal = option.palette
        color = pal.highlightedText().color() if selected else pal.text().color()
        font = option.font
        small = small_font(font)
        fm, sfm = QFontMetrics(font), QFontMetrics(small)
        r = option.rect.adjusted(PAD + self.left_inset, PAD // 2, -PAD, -PAD // 2)
        line1 = QRect(r.left(), r.top(), r.width(), fm.height())
        line2 = QRect(r.left(), line1.bottom() + 2, r.width(), sfm.height() + 2)
        row = Row(line1, line2, font, small, fm, sfm, color,
                  color if selected else QColor(muted_hex()), selected)
        painter.save()
        try:
            self.draw(painter, row, index)
        finally:
            painter.restore()


def draw_text(painter: QPainter, rect: QRect, text: str, font: QFont, color: QColor,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
              elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight) -> int:
    """Draw one elided line; returns the width used."""
    painter.setFont(font)
    painter.setPen(color)
    fm = QFontMetrics(font)
    shown = fm.elidedText(text, elide, max(0, rect.width()))
    painter.drawText(rect, align | Qt.AlignmentFlag.AlignVCenter, shown)
    return fm.horizontalAdvance(shown)


def draw_badge(painter: QPainter, rect: QRect, text: str, font: QFont, fg: str, bg: str
               ) -> QRect:
    """A rounded pill at the right end of `rect`; returns where it was drawn."""
    fm = QFontMetrics(font)
    w = fm.horizontalAdvance(text) + 10
    badge = QRect(rect.right() - w, rect.top(), w, rect.height())
    painter.setRenderHint(painter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(bg))
    painter.drawRoundedRect(badge, 4, 4)
    painter.setFont(font)
    painter.setPen(QColor(fg))
    painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
    return badge
