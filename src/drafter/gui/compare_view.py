"""Side-by-side comparison of the options of one protection: the same comparison the Word
export writes (`drafter.papers.comparison.build_comparison`: text with word-level differences
against the first option ticked, strength, enacted examples, ILRC factor and the verdict
under the draft's state law), shown as a table with "Use this" links.

Signals:
    use_requested(str): put this option in the draft (add, or replace the chosen one).
    export_requested(list): write the comparison of these clause ids to a document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from drafter.errors import DrafterError
from drafter.gui.checking import decisive
from drafter.gui.style import (
    badge_html,
    escape,
    muted_hex,
    palette_hex,
    strength_dots,
    verdict_label,
)
from drafter.gui.verdict_card import plain_for

if TYPE_CHECKING:
    from drafter.gui.workspace import Workspace
    from drafter.papers.comparison import Comparison

ID_ROLE = Qt.ItemDataRole.UserRole + 1
INS_STYLE = "background-color:#d9f2dd; color:#0b4d1c; text-decoration: underline;"
DEL_STYLE = "background-color:#fbe0e0; color:#8c1515; text-decoration: line-through;"


def _para_html(text: str) -> str:
    return escape(text).replace("\n\n", "<br><br>").replace("\n", " ")


def diff_html(runs: Sequence[tuple[str, str]]) -> str:
    """A word diff (`drafter.papers.diff.word_diff` runs) as rich text: added words underlined in
    green, dropped words struck through in red."""
    out = []
    for op, chunk in runs:
        if op == "equal":
            out.append(_para_html(chunk))
        else:
            style = INS_STYLE if op == "insert" else DEL_STYLE
            out.append(f'<span style="{style}">{_para_html(chunk)}</span>')
    return "".join(out)


class CompareView(QWidget):
    use_requested = Signal(str)
    export_requested = Signal(list)

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.protection = QComboBox(self)
        self.protection.setAccessibleName("Protection to compare")
        # long protection titles must not widen the pane (and squash its neighbours)
        self.protection.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.protection.setMinimumContentsLength(16)
        self.protection.setSizePolicy(QSizePolicy.Policy.Ignored,
                                      QSizePolicy.Policy.Fixed)
        for pid, prot in ws.library.protections.items():
            if len(prot.clauses) > 1:
                self.protection.addItem(prot.title, pid)
        self.protection.currentIndexChanged.connect(self._load_options)
        self.options = QListWidget(self)
        self.options.setAccessibleName("Options to compare")
        self.options.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.options.itemChanged.connect(lambda _i: self.refresh())
        self.export_btn = QPushButton("Export Co&mparison…", self)
        self.export_btn.setToolTip("Write this comparison as a Word document")
        self.export_btn.clicked.connect(lambda: self.export_requested.emit(self.checked_ids()))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {muted_hex()};")
        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._on_anchor)
        self.view.setAccessibleName("Comparison of options")

        top = QHBoxLayout()
        lab = QLabel("Pro&tection:", self)
        lab.setBuddy(self.protection)
        top.addWidget(lab)
        top.addWidget(self.protection, 1)
        top.addWidget(self.export_btn)
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        olab = QLabel("Opt&ions (tick two or more):", left)
        olab.setBuddy(self.options)
        ll.addWidget(olab)
        ll.addWidget(self.options, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(left)
        split.addWidget(self.view)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addWidget(self.note)
        self._stale = True
        self._model_key: tuple[tuple[str, ...], str | None] | None = None
        self.comparison: Comparison | None = None
        self._load_options()

    def show_protection(self, protection: str, ticked: list[str] | None = None) -> None:
        i = self.protection.findData(protection)
        if i < 0:
            return
        if i != self.protection.currentIndex():
            self.protection.setCurrentIndex(i)
        else:
            self._load_options()
        if ticked:
            self.set_checked(ticked)

    def checked_ids(self) -> list[str]:
        out = []
        for i in range(self.options.count()):
            item = self.options.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(ID_ROLE))
        return out

    def set_checked(self, ids: list[str]) -> None:
        self.options.blockSignals(True)
        for i in range(self.options.count()):
            item = self.options.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in ids
                               else Qt.CheckState.Unchecked)
        self.options.blockSignals(False)
        self.refresh()

    def _load_options(self) -> None:
        pid = self.protection.currentData()
        self.options.blockSignals(True)
        self.options.clear()
        for c in self.ws.library.options(pid) if pid else []:
            item = QListWidgetItem(f"{strength_dots(c.strength)}  {c.title}")
            item.setData(ID_ROLE, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.options.addItem(item)
        self.options.blockSignals(False)
        h = self.options.sizeHintForRow(0) if self.options.count() else 20
        rows = min(self.options.count(), 6)
        self.options.setMaximumHeight(int(h * (rows + 0.6)) + 2 * self.options.frameWidth())
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Re-render the table; deferred while the view is hidden (diffs cost time)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        ids = self.checked_ids()
        self.export_btn.setEnabled(len(ids) >= 2)
        if len(ids) < 2:
            self.view.setHtml(f'<p style="color:{muted_hex()}">Tick at least two options to '
                              "compare them.</p>")
            self.note.setText("")
            return
        try:
            comp = self._build(ids)
        except DrafterError as exc:
            self.view.setHtml(f'<p style="color:{muted_hex()}">{escape(str(exc.problem.message))}'
                              "</p>")
            self.note.setText("")
            return
        self.view.setHtml(self._table_html(comp))
        base = comp.options[0].clause
        self.note.setText(" ".join([*comp.warnings, f"Differences are shown against "
                                    f"“{base.title}”: added words are underlined in green, "
                                    "dropped words struck through in red."]))

    def _build(self, ids: list[str]) -> Comparison:
        """The comparison model for these options under the draft's state (kept while
        neither changes: building it renders and diffs every text)."""
        from drafter.papers.comparison import build_comparison

        book = self.ws.checks.lawbook
        state = (self.ws.draft.jurisdiction.state or None) if book is not None else None
        key = (tuple(ids), state)
        if key != self._model_key or self.comparison is None:
            self.comparison = build_comparison(ids, self.ws.library, book, state)
            self._model_key = key
        return self.comparison

    def _table_html(self, comp: Comparison) -> str:
        lib = self.ws.library
        clauses = [o.clause for o in comp.options]
        state_name = comp.state_name or "the draft's state"
        width = 100 // len(clauses)
        chosen = set(self.ws.draft.clause_ids())
        header_bg = palette_hex(QPalette.ColorRole.AlternateBase)
        plain = plain_for(lib, self.ws.checks.lawbook)

        def row(label: str, cells: list[str]) -> str:
            tds = "".join(f'<td width="{width}%" valign="top">{c}</td>' for c in cells)
            return (f'<tr><td colspan="{len(cells)}" style="background-color:{header_bg}">'
                    f"<b>{escape(label)}</b></td></tr><tr>{tds}</tr>")

        heads = []
        for c in clauses:
            mark = "✓ in draft" if c.id in chosen else ""
            action = "" if c.id in chosen else f' <a href="use:{escape(c.id)}">Use this</a>'
            heads.append(f"<b>{escape(c.title)}</b><br>"
                         f'<span style="color:{muted_hex()}">{mark}</span>{action}')
        verdicts = []
        for o in comp.options:
            top = decisive(o.findings)
            if top is None:
                verdicts.append(f'<span style="color:{muted_hex()}">'
                                + ("not checked" if comp.state else "no state chosen")
                                + "</span>")
                continue
            why = escape(plain(top.summary or top.message))
            cite = escape(plain("; ".join(top.citations)))
            verdicts.append(f"{badge_html(top.verdict, verdict_label(top.verdict))}"
                            f"<br>{why}"
                            + (f'<br><span style="color:{muted_hex()}">{cite}</span>'
                               if cite else ""))
        strengths = [f"{strength_dots(c.strength)} {c.strength.capitalize()}" for c in clauses]
        examples = ["<br>".join(escape(e.label()) for e in c.modeled_on)
                    or f'<span style="color:{muted_hex()}">none on record</span>' for c in clauses]
        summaries = [escape(c.summary) for c in clauses]
        # marks only where the Word comparison marks them: between similar options
        text_cells = [diff_html(o.diff) if o.marked and o.diff is not None
                      else _para_html("\n\n".join(o.paragraphs)) for o in comp.options]
        differences = [escape(o.differences) if o.differences else "—"
                       for o in comp.options]
        prot = lib.protections[clauses[0].protection]
        ilrc = ["—" if o.counts_for_ilrc is None else
                f"Counts for factor {prot.ilrc_factor}" if o.counts_for_ilrc else
                "Does not count" for o in comp.options]
        factor = (f" · ILRC factor {prot.ilrc_factor}" if prot.ilrc_factor else "")
        head_row = "".join(f'<td width="{width}%" valign="top">{h}</td>' for h in heads)
        return (
            f"<p><b>{escape(comp.title)}</b>{factor}</p>"
            '<table width="100%" border="1" cellspacing="0" cellpadding="6" '
            'style="border-color:#dadce0; border-collapse:collapse">'
            f"<tr>{head_row}</tr>"
            + row("Strength", strengths)
            + row(f"Under {state_name} law", verdicts)
            + row("What it does", summaries)
            + row("Differences", differences)
            + row("Enacted in", examples)
            + (row("ILRC factor", ilrc) if prot.ilrc_factor else "")
            + row("Text (differences against the first option)", text_cells)
            + "</table>")

    def _on_anchor(self, url: object) -> None:
        href = url.toString() if hasattr(url, "toString") else str(url)
        if href.startswith("use:"):
            self.use_requested.emit(href[4:])
