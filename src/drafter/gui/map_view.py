"""The Map tab: the selected option's verdict in every state, on the tile grid of
`drafter.statemap` (the same squares and colours as `drafter map`), with a legend.
Clicking a square shows that state's finding; the draft's own state is outlined.

Verdicts are computed when the option changes (memoised by the engine per state), and
only painted on a repaint, so moving through the library keeps up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from drafter import statemap
from drafter.gui.style import escape
from drafter.vocab import KIND_WORDS, STATES

if TYPE_CHECKING:
    from drafter.load.library import Clause, Library


class TileMap(QWidget):
    """The grid itself; `state_clicked(code)` on a click."""

    state_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.results: dict[str, statemap.StateResult] = {}
        self.highlight: str | None = None
        self.selected: str | None = None
        self.setMinimumSize(QSize(statemap.COLUMNS * 24, statemap.ROWS * 24))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Map of verdicts by state")
        self.setMouseTracking(True)

    def set_results(self, results: dict[str, statemap.StateResult],
                    highlight: str | None) -> None:
        self.results = results
        self.highlight = highlight
        self.update()

    def _geometry(self) -> tuple[float, float, float]:
        """Tile step and the grid's top-left corner, fitted to the widget."""
        step = min(self.width() / statemap.COLUMNS, self.height() / statemap.ROWS)
        x0 = (self.width() - step * statemap.COLUMNS) / 2
        y0 = (self.height() - step * statemap.ROWS) / 2
        return step, x0, y0

    def tile_rect(self, code: str) -> QRectF:
        step, x0, y0 = self._geometry()
        col, row = statemap.TILES[code]
        gap = max(2.0, step * 0.08)
        return QRectF(x0 + col * step + gap / 2, y0 + row * step + gap / 2, step - gap,
                      step - gap)

    def state_at(self, pos: QPointF) -> str | None:
        for code in statemap.TILES:
            if self.tile_rect(code).contains(pos):
                return code
        return None

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setBold(True)
        step, _x0, _y0 = self._geometry()
        font.setPixelSize(max(8, int(step * 0.3)))
        p.setFont(font)
        outline = self.palette().color(QPalette.ColorRole.WindowText)
        for code in statemap.TILES:
            r = self.results.get(code)
            cat = r.category if r is not None else "unknown"
            fill, ink = statemap.COLORS[cat]
            rect = self.tile_rect(code)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(fill))
            p.drawRoundedRect(rect, 3, 3)
            if code in (self.highlight, self.selected):
                pen = QPen(outline, 3 if code == self.highlight else 2)
                if code != self.highlight:
                    pen.setStyle(Qt.PenStyle.DashLine)
                p.setPen(pen)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
            p.setPen(QColor(ink))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, code)
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        code = self.state_at(event.position())
        if code is not None:
            self.selected = code
            self.update()
            self.state_clicked.emit(code)


class MapView(QWidget):
    """The Map tab: title, the tile map, its legend, and the clicked state's finding."""

    def __init__(self, library: Library, lawbook: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self._lawbook = lawbook
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.map = TileMap(self)
        self.map.state_clicked.connect(self.show_state)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAccessibleName("Map legend")
        self.finding = QLabel(self)
        self.finding.setWordWrap(True)
        self.finding.setTextFormat(Qt.TextFormat.RichText)
        self.finding.setAccessibleName("Finding for the clicked state")
        self.finding.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.map, 1)
        lay.addWidget(self.legend)
        lay.addWidget(self.finding)
        self.clause: Clause | None = None
        self.kind: str | None = None
        self._key: tuple | None = None
        self.title.setText("Select an option in the library to see where state law allows "
                           "it.")

    def show_option(self, clause_id: str | None, kind: str | None, state: str | None
                    ) -> None:
        """Colour the map for this option and kind of government; outline `state`."""
        book = self._lawbook() if callable(self._lawbook) else self._lawbook
        clause = self.library.clauses.get(clause_id or "")
        if clause is None or book is None:
            return
        kind = kind if kind and (not clause.kinds or _fits(clause, kind)) else \
            statemap.default_kind(clause)
        key = (clause.id, kind, state)
        if key == self._key:
            return
        self._key = key
        self.clause, self.kind = clause, kind
        results = statemap.results(clause, book, kind)
        self.map.set_results(results, state or None)
        self.title.setText(f"<b>{escape(clause.title)}</b><br>Verdict under state law for a "
                           f"{KIND_WORDS.get(kind, kind).lower()} in each state"
                           + (f"; {escape(STATES[state])} is outlined" if state in STATES
                              else "") + ". Click a state for its finding.")
        n = statemap.counts(results)
        self.legend.setText(" &nbsp; ".join(
            f'<span style="background-color:{statemap.COLORS[c][0]}">&nbsp;&nbsp;&nbsp;'
            f"</span>&nbsp;{escape(statemap.LEGEND[c]).replace(' ', '&nbsp;')}&nbsp;({n[c]})"
            for c in statemap.CATEGORIES if n[c]))
        self.show_state(self.map.selected or state or "")

    def show_state(self, code: str) -> None:
        r = self.map.results.get(code)
        if r is None:
            self.finding.setText("")
            return
        from drafter.gui.verdict_card import plain_for

        book = self._lawbook() if callable(self._lawbook) else self._lawbook
        plain = plain_for(self.library, book)
        text = plain(r.message.split(" Penalty:")[0] if r.message else r.summary)
        self.finding.setText(f"<b>{escape(STATES[code])}: "
                             f"{escape(statemap.LEGEND[r.category])}.</b> {escape(text)}")


def _fits(clause: Clause, kind: str) -> bool:
    from drafter.ordinance.localgov import clause_kind

    # the kind words of clauses: parish/borough/village map per state; any state will do
    return any(clause_kind(s, kind) in clause.kinds for s in ("TX", "AK", "PA"))
