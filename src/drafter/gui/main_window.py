"""The main window: library, outline, clause detail / jurisdiction / comparison, preview and
checks, wired to one `Workspace`.

Views ask for changes through signals; the window turns each request into an undoable
command. The draft file (`FileController`) and the exports (`ExportController`) are
controllers over the same workspace, owned by the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QStackedWidget, QWidget

from drafter import DISCLAIMER, __version__
from drafter.gui import commands as cmd
from drafter.gui import errors, workers
from drafter.gui.actions import Actions
from drafter.gui.checking import clause_counts, decisive
from drafter.gui.export_controller import ExportController, pdf_available
from drafter.gui.file_controller import FileController
from drafter.gui.lazy import LazyPage
from drafter.gui.style import badge_html, short_verdict
from drafter.gui.workspace import Analysis, Workspace
from drafter.load.library import Library
from drafter.load.resources import data_dir
from drafter.vocab import VERDICT_SEVERITY

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QCloseEvent, QScreen, QShowEvent, QUndoCommand

    from drafter.check.engine import Report
    from drafter.gui.checking import Checks
    from drafter.gui.compare_view import CompareView
    from drafter.gui.jurisdiction_form import JurisdictionForm
    from drafter.gui.map_view import MapView
    from drafter.gui.outline import OutlineEntry
    from drafter.gui.recovery import RecoveryFile
    from drafter.gui.start_page import StartPage
    from drafter.gui.workspace import Fields
    from drafter.load.draft import Draft

logger = logging.getLogger(__name__)

HINT_TEXT = (
    "<b>Getting started.</b> 1. Fill in your jurisdiction (the <i>Jurisdiction</i> tab). "
    "2. Pick protections in the <i>Clause library</i>: select an option and press "
    "<i>Add to draft</i>. 3. Read the <i>Checks</i> against your state's law and compare "
    "options where a clause is at risk. 4. <i>Export Word…</i> (Ctrl+E) for your clerk. "
    "Drafter is a drafting aid, not legal advice.")


def _titled(title: str, widget: QWidget, parent: QWidget, buddy: QWidget | None = None
            ) -> QWidget:
    """A pane with a small bold caption above it."""
    from PySide6.QtWidgets import QVBoxLayout

    box = QWidget(parent)
    lay = QVBoxLayout(box)
    lay.setContentsMargins(4, 4, 4, 4)
    lay.setSpacing(3)
    lab = QLabel(f"<b>{title}</b>", box)
    lab.setBuddy(buddy or widget)
    lay.addWidget(lab)
    lay.addWidget(widget, 1)
    return box


def _restore(method: Callable[[Any], bool], value: object) -> bool:
    """Restore saved geometry/state, tolerating a settings file edited by hand."""
    try:
        return bool(method(value))
    except (TypeError, ValueError):
        return False


class MainWindow(QMainWindow):
    """The app's window. Built with its library, it has everything at once (the tests, a
    draft given on the command line). Built with `library=None` it is a shell (menus,
    status bar, the start page) that shows at once; `attach_library` then loads the
    workspace panes, on the event loop's first turn: the start page need not wait for the
    clause library, the law data and six panes it does not show."""

    def __init__(self, library: Library | None, checks: Checks, settings: QSettings,
                 recovery: RecoveryFile | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        # until attach_library: an empty library, so nothing can read a missing one
        loaded = library is not None
        self.library = library if library is not None else Library({}, {}, {}, {})
        self.checks = checks
        self.settings = settings
        self.ws = Workspace(self.library, checks)
        self.files = FileController(self.ws, self, settings, recovery)
        self.exports = ExportController(self.ws, self, settings)
        # Children are destroyed in the order they were adopted, and the undo stack still
        # signals while it is destroyed: the controllers go first, so it cannot reach them.
        self.ws.setParent(self)
        self._selected: str | None = None
        self._syncing = False
        self.setObjectName("MainWindow")

        self.workspace_page: QWidget | None = None
        self.start_page: StartPage | None = None
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.menu_actions = Actions(self)
        self.menu_actions.build_menus(self)
        self.analyze_action = self._add_analyze_action()
        self.menu_actions.also_pdf.setChecked(self.exports.also_pdf)
        self._build_status_bar()
        self._connect()
        self._restore_geometry()
        self._needs_default_sizes = False
        if loaded:
            self._build_workspace()
        self.files.update_title()

    @property
    def has_workspace(self) -> bool:
        return self.workspace_page is not None

    def attach_library(self, library: Library) -> None:
        """The clause library has loaded: build the workspace panes for it."""
        self.library = library
        self.ws.library = library
        if not self.has_workspace:
            self._build_workspace()
        if self.start_page is not None:
            self.start_page.name_examples()

    def _build_workspace(self) -> None:
        self._build_panes()
        self._connect_panes()
        self._restore_splitters()
        if self.isVisible() and self._needs_default_sizes:
            self._needs_default_sizes = False
            self._default_sizes()

    # --- construction ------------------------------------------------------------------

    def _build_panes(self) -> None:
        # the workspace's Qt classes and modules: loaded here, not to show the start page
        from PySide6.QtGui import QPalette
        from PySide6.QtWidgets import (
            QFrame,
            QHBoxLayout,
            QPushButton,
            QSplitter,
            QTabWidget,
            QVBoxLayout,
        )

        from drafter.gui.check_panel import CheckPanel
        from drafter.gui.clause_detail import ClauseDetail
        from drafter.gui.library_panel import LibraryPanel
        from drafter.gui.outline import OutlinePanel
        from drafter.gui.preview import PreviewPanel

        self.library_panel = LibraryPanel(self.library, self.checks, self)
        self.outline = OutlinePanel(self)
        self.detail = ClauseDetail(self.ws, self)
        self.form_page: LazyPage[JurisdictionForm] = LazyPage(self._make_form, self)
        self.compare_page: LazyPage[CompareView] = LazyPage(self._make_compare, self)
        self.map_page: LazyPage[MapView] = LazyPage(self._make_map, self)
        self.preview = PreviewPanel(self)
        self.check_panel = CheckPanel(self.library, self, lambda: self.checks.lawbook)

        self.left = QSplitter(Qt.Orientation.Vertical, self)
        self.left.addWidget(_titled("Clause &library", self.library_panel, self.left,
                                    self.library_panel.search))
        self.left.addWidget(_titled("Draft &outline", self.outline, self.left,
                                    self.outline.list))
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 2)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.detail, "Clause")
        self.tabs.addTab(self.form_page, "Jurisdiction")
        self.tabs.addTab(self.compare_page, "Compare")
        self.tabs.addTab(self.map_page, "Map")
        self.tabs.setAccessibleName("Clause, jurisdiction, comparison and map")
        self.tabs.currentChanged.connect(lambda _i: self._update_map())
        self.tabs.setDocumentMode(True)

        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.addWidget(_titled("&Preview", self.preview, self.right, self.preview.view))
        self.right.addWidget(_titled("Chec&ks", self.check_panel, self.right,
                                     self.check_panel.tree))
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 2)

        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.addWidget(self.left)
        self.split.addWidget(self.tabs)
        self.split.addWidget(self.right)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 4)
        self.split.setStretchFactor(2, 5)
        for s in (self.left, self.right, self.split):
            s.setChildrenCollapsible(False)

        self.hint = QFrame(self)
        self.hint.setObjectName("hint")
        self.hint.setFrameShape(QFrame.Shape.StyledPanel)
        self.hint.setAutoFillBackground(True)
        self.hint.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        hint_text = QLabel(HINT_TEXT, self.hint)
        hint_text.setWordWrap(True)
        hint_text.setAccessibleName("Getting started")
        close = QPushButton("Got it", self.hint)
        close.setAccessibleName("Hide the getting-started hint")
        close.clicked.connect(self.hide_hint)
        hl = QHBoxLayout(self.hint)
        hl.setContentsMargins(10, 6, 10, 6)
        hl.addWidget(hint_text, 1)
        hl.addWidget(close)
        self.hint.hide()

        self.workspace_page = QWidget(self)
        lay = QVBoxLayout(self.workspace_page)
        lay.setContentsMargins(6, 6, 6, 0)
        lay.setSpacing(6)
        from drafter.gui.export_done import ExportDoneBar

        self.export_bar = ExportDoneBar(self)
        lay.addWidget(self.hint)
        lay.addWidget(self.export_bar)
        lay.addWidget(self.split, 1)
        # first in the stack: shown unless the start page is (an empty stack shows it,
        # and inserting before the current page keeps that page current)
        self.stack.insertWidget(0, self.workspace_page)

    # --- the start page (no draft open) ---------------------------------------------------

    def show_start(self) -> None:
        """Show the start page instead of the (empty) workspace; rebuilt each time so
        the recent list is current."""
        from drafter.gui.start_page import StartPage

        if self.start_page is not None:
            self.stack.removeWidget(self.start_page)
            self.start_page.deleteLater()
        page = StartPage(self.files.recent_files(), self, name_examples=self.has_workspace)
        page.new_requested.connect(self.files.new_draft)
        page.open_requested.connect(self.files.open_draft)
        page.path_requested.connect(lambda p: self.files.open_recent(Path(p)))
        page.example_requested.connect(lambda p: self.files.open_example(Path(p)))
        self.start_page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.menu_actions.set_draft_actions(False)
        page.new_button.setFocus()

    def on_start_page(self) -> bool:
        return self.workspace_page is None or self.stack.currentWidget() is not self.workspace_page

    def _show_workspace(self) -> None:
        if self.on_start_page() and self.workspace_page is not None:
            self.stack.setCurrentWidget(self.workspace_page)
            self.menu_actions.set_draft_actions(True)

    def _add_analyze_action(self) -> QAction:
        """File > Analyze an Existing Ordinance…, placed after Open Example. The dialog's
        module is loaded when the action is first used, not to show the window."""
        act = QAction("Anal&yze an Existing Ordinance…", self)
        act.setStatusTip("Read a .docx, PDF or text ordinance: protections found, state "
                         "law, gaps")

        def analyze() -> None:
            from drafter.gui.analyze_dialog import analyze_existing

            analyze_existing(self)

        act.triggered.connect(analyze)
        bar = self.menuBar().actions()
        menu = bar[0].menu() if bar else None
        if isinstance(menu, QMenu):
            actions = menu.actions()
            after = next((i for i, x in enumerate(actions) if x.isSeparator()), len(actions))
            if after < len(actions):
                menu.insertAction(actions[after], act)
            else:
                menu.addAction(act)
        self.addAction(act)
        return act

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.score_label = QLabel(self)
        self.score_label.setAccessibleName("ILRC score")
        self.score_label.setToolTip(
            "How many of the seven ILRC county-scale factors the draft meets: by its own "
            "terms (local), and once state law is applied (a blocked clause does not count; "
            "a state law that already protects does).")
        self.counts_label = QLabel(self)
        self.counts_label.setAccessibleName("Draft summary")
        sb.addPermanentWidget(self.counts_label)
        sb.addPermanentWidget(self.score_label)

    def _connect(self) -> None:
        ws = self.ws
        ws.analysis_ready.connect(self._on_analysis)
        ws.state_changed.connect(self._rebadge_library)
        ws.fields_changed.connect(self._rebadge_library)
        ws.draft_replaced.connect(self._on_draft_replaced)
        acts = self.menu_actions
        ws.undo.canUndoChanged.connect(acts.undo.setEnabled)
        ws.undo.canRedoChanged.connect(acts.redo.setEnabled)
        ws.undo.undoTextChanged.connect(
            lambda t: acts.undo.setText(f"&Undo {t}" if t else "&Undo"))
        ws.undo.redoTextChanged.connect(
            lambda t: acts.redo.setText(f"&Redo {t}" if t else "&Redo"))
        acts.undo.setEnabled(False)
        acts.redo.setEnabled(False)
        self.exports.busy.connect(self._on_exports_busy)
        self.exports.finished.connect(lambda r: self.export_bar.show_paths(r.written))

    def _connect_panes(self) -> None:
        lp = self.library_panel
        lp.clause_selected.connect(lambda cid: self.select_clause(cid, "library"))
        lp.protection_selected.connect(self._on_protection_selected)
        lp.clause_activated.connect(self.use_option)
        self.outline.clause_selected.connect(lambda cid: self.select_clause(cid, "outline"))
        self.outline.move_requested.connect(self.move_clause)
        self.outline.remove_requested.connect(self.remove_clause)
        self.outline.edit_requested.connect(self.edit_clause)
        self.detail.add_requested.connect(self.add_clause)
        self.detail.remove_requested.connect(self.remove_clause)
        self.detail.replace_requested.connect(self.replace_clause)
        self.detail.compare_requested.connect(self.compare_protection)
        self.detail.edit_applied.connect(self.set_clause_text)
        self.preview.clause_requested.connect(lambda cid: self.select_clause(cid, "preview"))
        self.check_panel.clause_selected.connect(lambda cid: self.select_clause(cid, "checks"))
        self.check_panel.use_requested.connect(self.use_option)

    def _on_exports_busy(self, busy: bool) -> None:
        """One export at a time: the export actions are off while one is written."""
        a = self.menu_actions
        for act in (a.export_word, a.export_comparison, a.export_packet, a.compare_earlier):
            act.setEnabled(not busy)

    def _make_form(self, parent: QWidget) -> JurisdictionForm:
        from drafter.gui.jurisdiction_form import JurisdictionForm

        form = JurisdictionForm(self.ws, parent)
        self.ws.fields_changed.connect(form.load)
        self.ws.draft_replaced.connect(form.load)
        form.fields_edited.connect(self._on_fields_edited)
        return form

    def _make_map(self, parent: QWidget) -> MapView:
        from drafter.gui.map_view import MapView

        return MapView(self.library, lambda: self.checks.lawbook, parent)

    @property
    def map_view(self) -> MapView:
        """The Map tab (built on first use)."""
        return self.map_page.widget()

    def _update_map(self) -> None:
        """Colour the map for the selected option, only while the Map tab is shown."""
        if self.tabs.currentWidget() is not self.map_page or not self._selected:
            return
        j = self.ws.draft.jurisdiction
        self.map_view.show_option(self._selected, j.kind if j.state else None, j.state)

    def _make_compare(self, parent: QWidget) -> CompareView:
        from drafter.gui.compare_view import CompareView

        view = CompareView(self.ws, parent)
        view.use_requested.connect(self.use_option)
        view.export_requested.connect(self.exports.export_comparison)
        return view

    @property
    def form(self) -> JurisdictionForm:
        """The jurisdiction form (built on first use)."""
        return self.form_page.widget()

    @property
    def compare(self) -> CompareView:
        """The comparison view (built on first use)."""
        return self.compare_page.widget()

    def flush_form(self) -> None:
        """Apply typing still waiting for the debounce timer (before undo, save, ...)."""
        if self.has_workspace and self.form_page.built:
            self.form.flush()

    def show_form(self, field: str = "") -> None:
        """Bring the jurisdiction form forward (a new draft, a field missing for saving)."""
        self.tabs.setCurrentWidget(self.form_page)
        if field:
            getattr(self.form, field).setFocus()

    def check_pdf(self) -> None:
        """Enable "Also Save as PDF" only where LibreOffice is installed, saying why not.
        Asked when a menu opens, not at start-up (it searches the PATH)."""
        ok, why = pdf_available()
        act = self.menu_actions.also_pdf
        act.setEnabled(ok)
        act.blockSignals(True)  # showing "off" here must not overwrite the preference
        act.setChecked(ok and self.exports.also_pdf)
        act.blockSignals(False)
        if not ok:
            act.setToolTip(why)
            act.setStatusTip(why)

    def export_comparison(self) -> None:
        """Export → Comparison of Options: the options ticked in the Compare tab."""
        if self.compare.checked_ids()[1:]:
            self.exports.export_comparison(self.compare.checked_ids())
            return
        self.tabs.setCurrentWidget(self.compare_page)
        self.exports.export_comparison([])

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        restored = geometry is not None and _restore(self.restoreGeometry, geometry)
        if not restored or not self._on_a_screen():
            self._default_geometry()

    def _restore_splitters(self) -> None:
        state = self.settings.value("window/splitters")
        restored = False
        if isinstance(state, list) and len(state) == 3:
            restored = all(_restore(sp.restoreState, s)
                           for sp, s in zip((self.split, self.left, self.right), state,
                                            strict=True))
        self._needs_default_sizes = not restored

    def _on_a_screen(self) -> bool:
        """Whether the title bar and most of the window are on some screen. Saved geometry
        can come from a monitor that is gone, and not every platform or Qt version moves
        such a window back."""
        frame = self.frameGeometry()
        for screen in QGuiApplication.screens():
            avail = screen.availableGeometry()
            seen = avail.intersected(frame)
            if (avail.contains(frame.center()) and avail.top() <= frame.top()
                    and seen.width() * seen.height() >= frame.width() * frame.height() // 2):
                return True
        return False

    def _default_geometry(self) -> None:
        """The first-start size, within the primary screen and centred on it."""
        em = self.fontMetrics().horizontalAdvance("M")
        w, h = 118 * em, 66 * em
        # typed as never None, but it is None on a system with no screen attached
        screen: QScreen | None = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(w, h)
            return
        avail = screen.availableGeometry()
        w, h = min(w, int(avail.width() * 0.95)), min(h, int(avail.height() * 0.92))
        self.setGeometry(avail.left() + (avail.width() - w) // 2,
                         avail.top() + (avail.height() - h) // 2, w, h)

    def _default_sizes(self) -> None:
        """Pane proportions for a first start (after that the user's are restored)."""
        total = self.split.width() or self.width()
        self.split.setSizes([int(total * 0.23), int(total * 0.35), int(total * 0.42)])
        h = self.left.height() or self.height()
        self.left.setSizes([int(h * 0.56), int(h * 0.44)])
        self.right.setSizes([int(h * 0.6), int(h * 0.4)])

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._needs_default_sizes and self.has_workspace:
            self._needs_default_sizes = False
            self._default_sizes()

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if not self.has_workspace:  # closed before the library loaded: keep the saved
            return
        self.settings.setValue("window/splitters", [self.split.saveState(),
                                                    self.left.saveState(),
                                                    self.right.saveState()])

    # --- the draft ---------------------------------------------------------------------

    def set_draft(self, draft: Draft, dirty: bool = False) -> None:
        self.ws.set_draft(draft, dirty)

    def _rebadge_library(self, *_args: object) -> None:
        d = self.ws.draft
        self.library_panel.set_state(d.jurisdiction.state, d.export.savings_clause)
        self.library_panel.set_agencies({a: bool(d.jurisdiction.agency(a))
                                         for a in ("police", "jail", "probation")})
        self.library_panel.proxy.invalidate()

    def confirm_blocked(self, clause_id: str) -> bool:
        """Adding an option state law blocks needs a yes; the reason is in the question."""
        d = self.ws.draft
        c = self.library.clauses[clause_id]
        if not d.jurisdiction.state:
            return True
        cv = self.checks.clause_verdict(c, d.jurisdiction.state, d.export.savings_clause)
        if cv.verdict != "blocked":
            return True
        from drafter.gui.verdict_card import plain_for, split_message

        top = decisive(cv.findings)
        why = split_message(top, plain_for(self.library, self.checks.lawbook)).head \
            if top is not None else ""
        return errors.ask(self, f"Add “{c.title}”? {d.state_name} law blocks it.", why,
                          yes="Add Anyway", no="Don't Add")

    def _on_draft_replaced(self) -> None:
        self._show_workspace()
        self._rebadge_library()
        self._selected = None
        first = self.ws.draft.clauses[0].id if self.ws.draft.clauses else None
        self.detail.show_clause(first)
        self._selected = first

    def _on_analysis(self, a: Analysis) -> None:
        d = self.ws.draft
        report = a.report
        self.preview.show_analysis(a, self.ws.last_good_document)
        self.check_panel.show_analysis(a, d.state_name or "state", d.jurisdiction.state,
                                       d.jurisdiction.kind)
        self.outline.set_entries(self._outline_entries(a), keep=self._selected)
        self.library_panel.set_chosen(set(d.clause_ids()))
        self.detail.refresh()
        if self.compare_page.built:
            self.compare.refresh()  # re-renders now if shown, else when next shown
        self._update_score(report)
        self._update_counts(a)

    def _outline_entries(self, a: Analysis) -> list[OutlineEntry]:
        from drafter.gui.outline import OutlineEntry

        d = self.ws.draft
        # numbers only from a document that assembled now: the last good one may be stale
        numbers = ({sec.clause_id: sec.number for sec in a.document.sections}
                   if a.document is not None else {})
        out = []
        for ch in self.ws.draft.clauses:
            c = self.library.clauses.get(ch.id)
            if c is None:
                continue
            if a.report is not None:
                top = decisive(a.report.for_clause(ch.id))
                verdict = top.verdict if top is not None else None
            else:  # not checked as a draft (no state yet): the library's badge
                verdict = self.checks.clause_verdict(c, d.jurisdiction.state,
                                                     d.export.savings_clause).verdict
            out.append(OutlineEntry(ch.id, c.title, self.library.protections[c.protection].title,
                                    c.strength, verdict, ch.edited,
                                    problem=a.error_clause == ch.id,
                                    number=numbers.get(ch.id)))
        return out

    def _update_score(self, report: Report | None) -> None:
        if report is None:
            self.score_label.setText("ILRC score: not checked")
            return
        self.score_label.setText(f"ILRC score: <b>{report.score_local}</b>/7 local · "
                                 f"<b>{report.score_with_state}</b>/7 with "
                                 f"{self.ws.draft.state_name} law")

    def _update_counts(self, a: Analysis) -> None:
        n = len(self.ws.draft.clauses)
        parts = [f"{n} clause{'s' if n != 1 else ''}"]
        if a.error is not None:
            parts.append(badge_html("problem", "cannot assemble"))
        counts = clause_counts(a.report) if a.report is not None else {}
        for verdict in sorted(counts, key=lambda v: -VERDICT_SEVERITY[v]):
            parts.append(badge_html(verdict, f"{counts[verdict]} "
                                             f"{short_verdict(verdict).lower()}"))
        self.counts_label.setText(" · ".join(parts))

    # --- selection ---------------------------------------------------------------------

    def select_clause(self, clause_id: str, source: str = "") -> None:
        """Show a clause everywhere: detail, outline, preview, library."""
        if self._syncing or clause_id not in self.library.clauses:
            return
        self._syncing = True
        try:
            self._selected = clause_id
            self.detail.show_clause(clause_id)
            if source != "outline":
                self.outline.select(clause_id)
            if source != "library":
                self.library_panel.select_clause(clause_id)
            self.preview.highlight(clause_id if self.ws.chosen(clause_id) else None,
                                   scroll=source != "remove")
            if source != "checks":
                self.check_panel.reveal(clause_id)
            if source in ("library", "outline", "checks", "preview") and \
                    self.tabs.currentWidget() is not self.map_page:
                self.tabs.setCurrentWidget(self.detail)
            self._update_map()
        finally:
            self._syncing = False

    def _on_protection_selected(self, pid: str) -> None:
        if self.tabs.currentWidget() is self.compare_page:
            self.compare.show_protection(pid)

    # --- edits (each one an undoable command) -----------------------------------------

    def _push(self, command: QUndoCommand) -> None:
        self.flush_form()
        self.ws.undo.push(command)

    def add_clause(self, clause_id: str) -> None:
        if self.ws.chosen(clause_id) is not None:
            self.select_clause(clause_id)
            return
        if not self.confirm_blocked(clause_id):
            return
        self._selected = clause_id
        self.preview.set_highlight(clause_id)  # one render, with the new clause tinted
        self.detail.set_clause_later(clause_id)
        self._push(cmd.AddClause(self.ws, clause_id))
        self.select_clause(clause_id, "library")
        self.statusBar().showMessage(f"Added “{self.library.clauses[clause_id].title}”", 4000)

    def use_option(self, clause_id: str) -> None:
        """Put an option in the draft: replace the chosen option of its protection, or
        add it (Enter in the library, "Use this" in the comparison)."""
        if self.ws.chosen(clause_id) is not None:
            self.select_clause(clause_id)
            return
        other = self.ws.chosen_for_protection(self.library.clauses[clause_id].protection)
        if other is not None:
            self.replace_clause(other.id, clause_id)
        else:
            self.add_clause(clause_id)

    def replace_clause(self, old_id: str, new_id: str) -> None:
        old = self.ws.chosen(old_id)
        if old is None or self.ws.chosen(new_id) is not None:
            return
        if not self.confirm_blocked(new_id):
            return
        if old.edited and not errors.ask(
                self, "Replace a clause whose wording you edited?",
                f"Your wording of “{self.library.clauses[old_id].title}” will be replaced "
                "by the library text of the new option (Undo brings it back).",
                yes="Replace", no="Keep"):
            return
        self._selected = new_id
        self.preview.set_highlight(new_id)
        self._push(cmd.ReplaceClause(self.ws, old_id, new_id))
        self.select_clause(new_id)

    def remove_clause(self, clause_id: str) -> None:
        if self.ws.chosen(clause_id) is None:
            return
        ids = [c for c in self.ws.draft.clause_ids() if c != clause_id]
        i = self.ws.index_of(clause_id)
        neighbour = ids[min(i, len(ids) - 1)] if ids else None
        self._selected = neighbour
        self.preview.set_highlight(neighbour)
        self.detail.set_clause_later(neighbour)
        self._push(cmd.RemoveClause(self.ws, clause_id))
        if neighbour is not None:
            self.select_clause(neighbour, "remove")
        self.statusBar().showMessage(
            f"Removed “{self.library.clauses[clause_id].title}” (Undo brings it back)", 4000)

    def move_clause(self, clause_id: str, to: int) -> None:
        if self.ws.index_of(clause_id) in (-1, to):
            return
        self._selected = clause_id
        self._push(cmd.MoveClause(self.ws, clause_id, to))
        self.outline.select(clause_id)

    def edit_clause(self, clause_id: str) -> None:
        self.select_clause(clause_id)
        self.tabs.setCurrentWidget(self.detail)
        self.detail.start_editing()

    def set_clause_text(self, clause_id: str, text: object) -> None:
        chosen = self.ws.chosen(clause_id)
        if chosen is None or chosen.text == text:
            return
        self._push(cmd.EditClauseText(self.ws, clause_id, text if isinstance(text, str)
                                      else None))

    def _on_fields_edited(self, old: Fields, new: Fields, label: str, key: str) -> None:
        self.ws.undo.push(cmd.SetFields(self.ws, old, new, label, key))

    def compare_protection(self, protection: str) -> None:
        ticked = None
        if self._selected and self.library.clauses[self._selected].protection == protection:
            ticked = [c.id for c in self.library.options(protection)]
        self.compare.show_protection(protection, ticked)
        self.tabs.setCurrentWidget(self.compare_page)

    # actions on "the current clause"
    def _current_in_draft(self) -> str | None:
        cid = self.outline.current_id() or self._selected
        return cid if cid and self.ws.chosen(cid) is not None else None

    def add_current(self) -> None:
        cid = self.library_panel.current_clause() or self._selected
        if cid:
            self.add_clause(cid)

    def remove_current(self) -> None:
        cid = self._current_in_draft()
        if cid:
            self.remove_clause(cid)

    def move_current(self, delta: int) -> None:
        cid = self._current_in_draft()
        if cid:
            to = self.ws.index_of(cid) + delta
            if 0 <= to < len(self.ws.draft.clauses):
                self.move_clause(cid, to)

    def edit_current(self) -> None:
        cid = self._current_in_draft()
        if cid:
            self.edit_clause(cid)

    def revert_current(self) -> None:
        cid = self._current_in_draft()
        if cid:
            self.set_clause_text(cid, None)

    def undo(self) -> None:
        self.flush_form()
        self.ws.undo.undo()

    def redo(self) -> None:
        self.flush_form()
        self.ws.undo.redo()

    # --- view --------------------------------------------------------------------------

    def focus_pane(self, name: str) -> None:
        if name == "library":
            self.library_panel.focus_results()
        elif name == "outline":
            self.outline.list.setFocus()
        elif name == "clause":
            self.tabs.setCurrentWidget(self.detail)
            self.detail.body.setFocus()
        elif name == "jurisdiction":
            self.tabs.setCurrentWidget(self.form_page)
            self.form.name.setFocus()
        elif name == "compare":
            self.tabs.setCurrentWidget(self.compare_page)
            self.compare.protection.setFocus()
        elif name == "map":
            self.tabs.setCurrentWidget(self.map_page)
            self.map_view.map.setFocus()
        elif name == "preview":
            self.preview.view.setFocus()
        elif name == "checks":
            self.check_panel.tree.setFocus()

    def show_hint(self) -> None:
        self.hint.show()

    def hide_hint(self) -> None:
        self.hint.hide()
        self.settings.setValue("hint_dismissed", True)

    def about(self) -> None:
        folders = ", ".join(str(f) for f in self.library.folders)
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setWindowTitle("About Drafter")
        box.setIcon(QMessageBox.Icon.Information)
        box.setText(f"<b>Drafter {__version__}</b><br>Drafting local ordinances that limit "
                    "entanglement with federal civil immigration enforcement.")
        box.setInformativeText(f"<p><b>{DISCLAIMER}</b></p><p>Clause library: "
                               f"{len(self.library.clauses)} options in "
                               f"{sum(1 for p in self.library.protections.values() if p.clauses)}"
                               f" protections.</p>")
        box.setDetailedText(f"Clause library folders: {folders}\n"
                            f"State law data: {data_dir('laws')}")
        box.exec()

    def about_qt(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.aboutQt(self, "About Qt")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.files.maybe_save():
            event.ignore()
            return
        workers.wait_all()
        self.save_layout()
        self.files.shutdown()
        event.accept()
