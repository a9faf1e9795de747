"""Verdicts in plain language: the check panel's card (verdict, consequence, what to do
with a one-click alternative, details collapsed), no identifiers in user text, a legend,
each clause once per group, and the law data's review date."""

from __future__ import annotations

import re

import pytest

from drafter.check.engine import clause_verdict, decisive
from drafter.gui.app import example_drafts
from drafter.gui.check_panel import CLAUSE_ROLE, FINDING_ROLE
from drafter.load.draft import ChosenClause, load_draft, new_draft

pytestmark = pytest.mark.gui

ID = re.compile(r"\b[a-z_]+\.[a-z_]+\b|\b[a-z]{2}-[a-z0-9-]+\b|\{\{|\}\}")


def alachua():
    path = next(p for p in example_drafts() if "alachua" in p.stem)
    return load_draft(path)


def rows(panel):
    tree = panel.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            yield top, top.child(j)


def test_card_shows_verdict_consequence_todo_and_collapsed_details(make_window, gui_library):
    win = make_window(alachua())
    panel = win.check_panel
    blocked = next(item for top, item in rows(panel)
                   if item.data(0, FINDING_ROLE).verdict == "blocked"
                   and item.data(0, FINDING_ROLE).penalty)
    panel.tree.setCurrentItem(blocked)
    card = panel.card
    assert "Blocked" in card.title.text()
    assert card.consequence.text().startswith("<b>Consequence:</b>")
    assert "Penalty" in card.consequence.text()
    assert "What to do" in card.todo.text()
    assert card.toggle.isVisibleTo(card) and not card.details.isVisibleTo(card)
    card.toggle.click()
    assert card.details.isVisibleTo(card) and "reviewed" in card.details.text()
    text = panel.card_text()
    assert not ID.search(text), ID.search(text)
    # the tree's own text and tooltips carry no identifiers either
    for _top, item in rows(panel):
        assert not ID.search(item.toolTip(0)), item.toolTip(0)
        assert not ID.search(item.data(0, CLAUSE_ROLE + 3) or "")


@pytest.mark.parametrize("draft", ["alachua", "travis"])
def test_alternative_is_one_click(make_window, gui_library, draft):
    if draft == "alachua":
        d, state = alachua(), "FL"
    else:
        d, state = new_draft("Travis", "county", "TX"), "TX"
        d.clauses = [ChosenClause("courthouse.no_local_role_in_court_arrests")]
    win = make_window(d)
    panel = win.check_panel
    book = win.checks.lawbook

    def allowed(cid):
        top = decisive(clause_verdict(gui_library.clauses[cid], state, book, kind="county"))
        return top is None or top.verdict in ("allowed", "state_law")

    with_alt = [(item, item.data(0, FINDING_ROLE)) for _t, item in rows(panel)
                if item.data(0, FINDING_ROLE).alternative]
    # the engine no longer offers an alternative that state law blocks (Florida blocks
    # most options, so there may be none); where one is offered, it is usable
    assert with_alt or draft == "alachua"
    # an alternative state law blocks too is never offered with one click
    for item, f in with_alt:
        panel.tree.setCurrentItem(item)
        assert panel.card.alternative.isVisibleTo(panel.card) == allowed(f.alternative)
    usable = [(item, f) for item, f in with_alt if allowed(f.alternative)]
    if draft == "alachua":
        return
    assert usable
    item, f = usable[0]
    panel.tree.setCurrentItem(item)
    button = panel.card.alternative
    assert button.isVisibleTo(panel.card)
    assert gui_library.clauses[f.alternative].title in button.text()
    button.click()
    ids = win.ws.draft.clause_ids()
    assert f.alternative in ids and f.clause not in ids


def test_each_clause_once_per_group_legend_and_review_date(make_window, gui_library):
    win = make_window(alachua())
    panel = win.check_panel
    seen = set()
    for top, item in rows(panel):
        key = (top.text(0), item.data(0, CLAUSE_ROLE))
        assert key not in seen
        seen.add(key)
    assert "already requires" in panel.legend["state_law"].toolTip()
    assert set(panel.legend) == {"blocked", "at_risk", "state_law", "allowed"}
    reviewed = win.ws.analysis.report.last_reviewed
    assert reviewed is not None and reviewed.isoformat() in panel.reviewed.text()


def test_clause_detail_findings_have_no_identifiers(make_window, gui_library):
    d = alachua()
    win = make_window(d)
    cid = d.clauses[0].id
    win.select_clause(cid, "outline")
    html = win.detail.body.toPlainText() if hasattr(win.detail.body, "toPlainText") else ""
    section = html.split("federal law", 1)[-1]
    for law_id in win.checks.lawbook.laws:
        assert law_id not in section
    assert "Rule" not in section.split("Drafting notes")[0]


def test_law_data_older_than_six_months_is_said_in_one_line(make_window, monkeypatch):
    """Checked a year after the last review, the panel says the data may be out of date."""
    import datetime as dt

    from drafter.gui import checking

    real = checking.Checks.check_draft

    def a_year_later(self, draft, library):
        report = real(self, draft, library)
        if report is not None:
            from drafter.check.laws import staleness

            report.stale = staleness(self.lawbook, report.state,
                                     report.last_reviewed + dt.timedelta(days=365))
        return report

    monkeypatch.setattr(checking.Checks, "check_draft", a_year_later)
    win = make_window(alachua())
    text = win.check_panel.reviewed.text()
    assert "more than six months" in text and "Florida" in text
