"""The library panel: filter by verdict, search ranked by relevance, options needing an
agency the draft lacks marked, and a confirmation before adding a blocked option."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from drafter.gui.library_panel import NEEDS_ROLE, VERDICT_ROLE
from drafter.load.draft import new_draft

pytestmark = pytest.mark.gui
SB = QMessageBox.StandardButton


def texas_city():
    return new_draft("Austin", "city", "TX")


def test_filter_hides_blocked(make_window, gui_library):
    win = make_window(texas_city())
    panel = win.library_panel
    items = panel.model.option_items
    blocked = {cid for cid, it in items.items() if it.data(VERDICT_ROLE) == "blocked"}
    assert blocked
    panel.verdict_filter.setCurrentIndex(1)  # Hide blocked
    shown = set(panel.visible_clause_ids())
    assert shown and not shown & blocked
    assert shown == set(items) - blocked
    panel.verdict_filter.setCurrentIndex(2)  # allowed and state law only
    assert all(items[c].data(VERDICT_ROLE) in ("allowed", "state_law", None)
               for c in panel.visible_clause_ids())
    panel.verdict_filter.setCurrentIndex(0)
    assert set(panel.visible_clause_ids()) == set(items)


def test_search_ranks_title_matches_first(make_window, gui_library):
    win = make_window(texas_city())
    panel = win.library_panel
    panel.search.setText("judicial warrant")
    shown = panel.visible_clause_ids()
    assert shown
    first = gui_library.clauses[shown[0]]
    assert "judicial warrant" in first.title.lower()
    # every option whose title has the phrase comes before any whose title does not
    has = ["judicial warrant" in gui_library.clauses[c].title.lower() for c in shown]
    per_protection = {}
    for c, h in zip(shown, has, strict=True):
        per_protection.setdefault(gui_library.clauses[c].protection, []).append(h)
    for flags in per_protection.values():
        assert flags == sorted(flags, reverse=True)
    panel.search.setText("")
    assert panel.visible_clause_ids() == [c for p in gui_library.protections.values()
                                          for c in (x.id for x in p.clauses)]


def test_options_needing_a_missing_agency_are_marked(make_window, gui_library):
    d = texas_city()
    d.jurisdiction.agencies = {}
    win = make_window(d)
    items = win.library_panel.model.option_items
    needs_jail = next(c for c in gui_library.clauses.values() if c.agencies == ["jail"])
    free = next(c for c in gui_library.clauses.values() if not c.agencies)
    assert items[needs_jail.id].data(NEEDS_ROLE) == "needs a jail"
    assert items[free.id].data(NEEDS_ROLE) is None
    win.tabs.setCurrentWidget(win.form_page)
    win.form.agencies["jail"].setText("Travis County Jail")
    win.flush_form()
    assert items[needs_jail.id].data(NEEDS_ROLE) is None


def test_adding_a_blocked_option_asks_first(make_window, gui_library, dialogs):
    win = make_window(texas_city())
    items = win.library_panel.model.option_items
    blocked = next(cid for cid, it in items.items() if it.data(VERDICT_ROLE) == "blocked"
                   and "city" in gui_library.clauses[cid].kinds
                   and not gui_library.clauses[cid].agencies)
    win.add_clause(blocked)  # the recorder answers "Don't Add"
    assert win.ws.draft.clause_ids() == []
    assert "Texas law blocks it" in dialogs.texts()[-1]
    assert dialogs.shown[-1]["info"] and "fl-" not in dialogs.shown[-1]["info"]
    dialogs.answers = [SB.Yes]
    win.add_clause(blocked)
    assert win.ws.draft.clause_ids() == [blocked]
    allowed = next(cid for cid, it in items.items() if it.data(VERDICT_ROLE) == "allowed"
                   and "city" in gui_library.clauses[cid].kinds)
    n = len(dialogs.shown)
    win.add_clause(allowed)
    assert len(dialogs.shown) == n and allowed in win.ws.draft.clause_ids()
