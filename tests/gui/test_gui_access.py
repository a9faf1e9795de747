"""Keyboard reach and accessible names: every control can be found by a screen reader and
every pane has a shortcut; standard shortcuts are bound to the standard actions."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
)

pytestmark = pytest.mark.gui


def test_controls_have_accessible_names(make_window):
    win = make_window()
    win.tabs.setCurrentWidget(win.form_page)  # build the lazy tabs too
    win.tabs.setCurrentWidget(win.compare_page)
    nameless = []
    for cls in (QLineEdit, QComboBox, QAbstractItemView, QTextEdit, QPlainTextEdit):
        for w in win.findChildren(cls):
            if w.window() is not win or isinstance(w, QHeaderView):
                continue  # popups and headers: parts of Qt's own named controls
            if isinstance(w.parent(), QComboBox | QAbstractSpinBox):
                continue  # the line edit inside a named combo box or date field
            if not w.accessibleName():
                nameless.append(f"{type(w).__name__} {w.objectName()}")
    assert not nameless
    for b in win.findChildren(QAbstractButton):
        if b.objectName().startswith("qt_") or isinstance(b.parent(), QTabBar | QLineEdit):
            continue  # Qt's own: tab scrollers, the clear button of a search box
        assert b.text() or b.accessibleName(), (b, type(b.parent()).__name__)


def test_standard_shortcuts_and_pane_keys(make_window):
    win = make_window()
    a = win.menu_actions
    assert a.save.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert a.open.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert a.new.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert a.undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert a.redo.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)
    assert a.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    panes = [a.go_library, a.go_outline, a.go_clause, a.go_jurisdiction, a.go_compare,
             a.go_preview, a.go_checks]
    keys = [p.shortcut().toString() for p in panes]
    assert all(keys) and len(set(keys)) == len(keys)
    a.go_jurisdiction.trigger()
    assert win.tabs.currentWidget() is win.form_page
    a.go_checks.trigger()
    a.find.trigger()
    # every action is reachable without the mouse: shortcuts are unique
    seen = {}
    for act in win.menu_actions.__dict__.values():
        for seq in getattr(act, "shortcuts", lambda: [])():
            s = seq.toString()
            assert s not in seen, (s, act.text(), seen.get(s))
            seen[s] = act.text()


def test_menus_have_the_expected_entries(make_window):
    win = make_window()
    menus = {m.title().replace("&", ""): [x.text().replace("&", "") for x in m.actions()
                                          if not x.isSeparator()]
             for m in (a.menu() for a in win.menuBar().actions())}
    assert {"New…", "Open…", "Open Recent", "Save", "Save As…", "Export Word…",
            "Redline Against an Earlier Version…", "Quit"} <= set(menus["File"])
    assert {"Comparison of Options…", "Council Packet…", "Also Save as PDF"} <= \
        set(menus["Export"])
    assert {"About Drafter"} <= set(menus["Help"])
    assert menus["Edit"][0].startswith("Undo") and menus["Edit"][1].startswith("Redo")


def test_no_two_visible_mnemonics_collide(make_window):
    """Alt+letter must reach one control: menus, pane captions and the visible tab."""
    from PySide6.QtWidgets import QLabel

    win = make_window()
    win.add_clause(win.library.options("transparency")[0].id)
    menus = {a.text().split("&")[1][0].lower() for a in win.menuBar().actions()}
    for page in (win.detail, win.form_page, win.compare_page):
        win.tabs.setCurrentWidget(page)
        keys: dict[str, str] = {k: "menu" for k in menus}
        widgets = [w for w in win.findChildren(QAbstractButton) + win.findChildren(QLabel)
                   if w.isVisibleTo(win) and w.isEnabled()]
        for w in widgets:
            text = re.sub(r"<[^>]+>", "", w.text())
            m = re.search(r"&(?![a-zA-Z]+;|#\d+;|&)(\w)", text)
            if not m:
                continue
            key = m.group(1).lower()
            assert key not in keys, (key, text, keys.get(key))
            keys[key] = text


def test_start_page_access_keys_do_not_collide_with_the_menus(make_window):
    from PySide6.QtWidgets import QLabel

    win = make_window()
    win.show_start()
    keys = {a.text().split("&")[1][0].lower(): a.text() for a in win.menuBar().actions()}
    page = win.start_page
    for w in page.findChildren(QAbstractButton) + page.findChildren(QLabel):
        m = re.search(r"&(?![a-zA-Z]+;|#\d+;|&)(\w)", re.sub(r"<[^>]+>", "", w.text()))
        if m:
            key = m.group(1).lower()
            assert key not in keys, (w.text(), keys.get(key))
            keys[key] = w.text()


def test_qt_methods_are_not_hidden_by_our_attributes(make_window, gui_library):
    """`QWidget.actions()` and `QUndoCommand.text()` are what Qt tools, accessibility
    bridges and our own code call; an attribute of the same name broke them."""
    from PySide6.QtGui import QAction

    from drafter.gui import commands as cmd

    win = make_window()
    acts = win.actions()
    assert acts and all(isinstance(a, QAction) for a in acts)
    assert any(a.text() == "&Save" for a in acts)  # the window carries its shortcuts
    clause = gui_library.options("transparency")[0]
    win.add_clause(clause.id)
    win.set_clause_text(clause.id, "The {{ jurisdiction }} shall publish every request.")
    command = win.ws.undo.command(win.ws.undo.count() - 1)
    assert isinstance(command, cmd.EditClauseText)
    assert command.text() == f"Edit wording of “{clause.title}”"
    assert win.ws.undo.undoText() == command.text()


def mnemonic(text: str) -> str | None:
    m = re.search(r"&(?![a-zA-Z]+;|#\d+;|&)(\w)", re.sub(r"<[^>]+>", "", text))
    return m.group(1).lower() if m else None


def test_every_menu_entry_has_its_own_access_key(make_window):
    win = make_window()
    menus = [a.menu() for a in win.menuBar().actions()]
    while menus:
        menu = menus.pop()
        menu.aboutToShow.emit()  # fills Open Recent / Open Example
        keys: dict[str, str] = {}
        for a in menu.actions():
            if a.isSeparator() or not a.isEnabled():
                continue
            if a.menu() is not None:
                menus.append(a.menu())
            key = mnemonic(a.text())
            assert key, f"{menu.title()} › {a.text()} has no access key"
            assert key not in keys, (menu.title(), a.text(), keys[key])
            keys[key] = a.text()


def test_every_field_of_the_jurisdiction_form_has_an_access_key(make_window):
    from PySide6.QtWidgets import QLabel

    win = make_window()
    win.tabs.setCurrentWidget(win.form_page)
    labels = [lab for lab in win.form.findChildren(QLabel) if lab.buddy() is not None]
    assert len(labels) >= 15  # name ... effective, the three agencies included
    missing = [lab.text() for lab in labels if not mnemonic(lab.text())]
    assert not missing
    # Alt+key reaches something that takes input (a date's check box, not its disabled
    # date field)
    for lab in labels:
        assert lab.buddy().isEnabled(), lab.text()
