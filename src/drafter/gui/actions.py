"""Every menu action of the main window, built once, with standard shortcuts.

The actions are added to the window too, so their shortcuts work without opening a menu.
Handlers live on the window and its file and export controllers; this module only wires
names, texts, access keys, shortcuts and tips.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from drafter.gui.main_window import MainWindow

SK = QKeySequence.StandardKey


class Actions:
    """The window's actions by name (`MainWindow.menu_actions`)."""

    def __init__(self, w: MainWindow):
        def act(text: str, slot: Callable[..., object],
                shortcut: QKeySequence.StandardKey | str | None = None, tip: str = "",
                checkable: bool = False) -> QAction:
            a = QAction(text, w)
            if shortcut is not None:
                if isinstance(shortcut, QKeySequence.StandardKey):
                    a.setShortcuts(shortcut)
                else:
                    a.setShortcut(QKeySequence(shortcut))
            if tip:
                a.setStatusTip(tip)
                a.setToolTip(tip)
            a.setCheckable(checkable)
            if checkable:
                a.toggled.connect(slot)
            else:
                a.triggered.connect(lambda _checked=False: slot())
            w.addAction(a)
            return a

        files, exports = w.files, w.exports
        # File
        self.new = act("&New…", files.new_draft, SK.New, "Start a new draft")
        self.open = act("&Open…", files.open_draft, SK.Open, "Open a draft file")
        self.save = act("&Save", files.save, SK.Save, "Save the draft")
        self.save_as = act("Save &As…", files.save_as, SK.SaveAs,
                           "Save the draft under a new name")
        self.compare_earlier = act("Red&line Against an Earlier Version…",
                                   exports.export_redline,
                                   tip="Write a Word redline from an earlier version of "
                                       "this draft (one is kept at every save) to the "
                                       "current one")
        self.export_word = act("&Export Word…", exports.export_word, "Ctrl+E",
                               "Export the ordinance as a Word document")
        self.quit = act("&Quit", w.close, SK.Quit, "Quit Drafter")
        # Edit
        self.undo = act("&Undo", w.undo, SK.Undo)
        self.redo = act("&Redo", w.redo, SK.Redo)
        self.find = act("&Find in Library", lambda: w.library_panel.focus_search(), SK.Find,
                        "Search the clause library")
        self.add_clause = act("&Add Option to Draft", w.add_current, "Ctrl+Shift+A",
                              "Add the selected library option to the draft")
        self.remove_clause = act("Re&move Clause from Draft", w.remove_current,
                                 tip="Remove the selected clause from the draft (Delete in "
                                     "the outline)")
        self.move_up = act("Move Clause U&p", lambda: w.move_current(-1), "Ctrl+Shift+Up")
        self.move_down = act("Move Clause &Down", lambda: w.move_current(1),
                             "Ctrl+Shift+Down")
        self.edit_wording = act("&Edit Clause Wording…", w.edit_current, "F2",
                                "Change the selected clause's wording for this draft")
        self.revert_wording = act("Re&vert to Library Text", w.revert_current,
                                  tip="Use the library's wording for the selected clause")
        # View
        self.go_library = act("Clause &Library", lambda: w.focus_pane("library"), "Ctrl+1")
        self.go_outline = act("Draft &Outline", lambda: w.focus_pane("outline"), "Ctrl+2")
        self.go_clause = act("&Clause Detail", lambda: w.focus_pane("clause"), "Ctrl+3")
        self.go_jurisdiction = act("&Jurisdiction", lambda: w.focus_pane("jurisdiction"),
                                   "Ctrl+4")
        self.go_compare = act("Co&mpare Options", lambda: w.focus_pane("compare"), "Ctrl+5")
        self.go_preview = act("&Preview", lambda: w.focus_pane("preview"), "Ctrl+6")
        self.go_checks = act("C&hecks", lambda: w.focus_pane("checks"), "Ctrl+7")
        self.go_map = act("M&ap of States", lambda: w.focus_pane("map"), "Ctrl+8",
                          "Where state law allows the selected option")
        self.zoom_in = act("&Zoom In Preview", lambda: w.preview.zoom(1), SK.ZoomIn)
        self.zoom_out = act("Zoom Ou&t Preview", lambda: w.preview.zoom(-1), SK.ZoomOut)
        # Export
        self.export_comparison = act("&Comparison of Options…", w.export_comparison,
                                     tip="Write the options being compared as a Word table")
        self.export_packet = act("Council &Packet…", exports.export_packet,
                                 tip="Write a memo with the ordinance's effect, the "
                                     "preemption findings and sources")
        self.also_pdf = act("Also Save as P&DF", exports.set_also_pdf, checkable=True,
                            tip="Also convert every export to PDF (needs LibreOffice)")
        # Help
        self.getting_started = act("&Getting Started", w.show_hint, SK.HelpContents)
        self.about = act("&About Drafter", w.about)
        self.about_qt = act("About &Qt", w.about_qt)

    def set_draft_actions(self, on: bool) -> None:
        """Actions on the draft are off while the start page shows (no draft open)."""
        for a in (self.save, self.save_as, self.compare_earlier, self.export_word,
                  self.add_clause, self.remove_clause, self.move_up, self.move_down,
                  self.edit_wording, self.revert_wording, self.export_comparison,
                  self.export_packet, self.find, self.go_library, self.go_outline,
                  self.go_clause, self.go_jurisdiction, self.go_compare, self.go_preview,
                  self.go_checks, self.go_map):
            a.setEnabled(on)

    def build_menus(self, w: MainWindow) -> None:
        mb = w.menuBar()
        m = mb.addMenu("&File")
        m.addActions([self.new, self.open])
        recent = m.addMenu("Open &Recent")
        recent.aboutToShow.connect(lambda: w.files.fill_recent_menu(recent))
        examples = m.addMenu("Open E&xample")
        examples.aboutToShow.connect(lambda: w.files.fill_example_menu(examples))
        m.addSeparator()
        m.addActions([self.save, self.save_as])
        m.addSeparator()
        m.addActions([self.compare_earlier, self.export_word])
        m.addSeparator()
        m.addAction(self.quit)

        m = mb.addMenu("&Edit")
        m.addActions([self.undo, self.redo])
        m.addSeparator()
        m.addActions([self.find, self.add_clause])
        m.addSeparator()
        m.addActions([self.edit_wording, self.revert_wording, self.move_up, self.move_down,
                      self.remove_clause])

        m = mb.addMenu("&View")
        m.addActions([self.go_library, self.go_outline, self.go_clause, self.go_jurisdiction,
                      self.go_compare, self.go_map, self.go_preview, self.go_checks])
        m.addSeparator()
        m.addActions([self.zoom_in, self.zoom_out])

        m = mb.addMenu("E&xport")
        m.aboutToShow.connect(w.check_pdf)
        m.addActions([self.export_word, self.export_comparison, self.export_packet])
        m.addSeparator()
        m.addAction(self.also_pdf)

        m = mb.addMenu("&Help")
        m.addActions([self.getting_started])
        m.addSeparator()
        m.addActions([self.about, self.about_qt])
