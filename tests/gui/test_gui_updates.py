"""Preview, checks, outline and library follow every change; a clause that cannot be
filled in is reported, not crashed on; the library search filters as you type."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from drafter.gui.app import empty_draft
from drafter.gui.check_panel import FINDING_ROLE
from drafter.gui.library_panel import VERDICT_ROLE

pytestmark = pytest.mark.gui


def county(state: str = "IL", jail: str | None = "Sangamon County Sheriff's Office"):
    d = empty_draft()
    j = d.jurisdiction
    j.name, j.kind, j.state, j.governing_body = "Sangamon", "county", state, \
        "Board of Supervisors"
    j.agencies = {"jail": jail, "probation": "Sangamon County Probation Department"}
    return d


def test_preview_and_checks_follow_each_edit(make_window, qtbot, gui_library):
    win = make_window(county())
    clause = next(c for c in gui_library.options("detainers") if "county" in c.kinds)
    assert clause.heading not in win.preview.text
    win.add_clause(clause.id)
    assert clause.heading in win.preview.text
    report = win.ws.analysis.report
    assert report is not None and any(f.clause == clause.id for f in report.findings)
    assert clause.id in win.check_panel.clause_ids()
    assert win.outline.ids() == [clause.id]
    assert "ILRC score" in win.score_label.text()
    # every finding in the panel says why in words (tooltip), never by rule id
    tree = win.check_panel.tree
    items = [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
             for j in range(tree.topLevelItem(i).childCount())]
    assert items
    for item in items:
        finding = item.data(0, FINDING_ROLE)
        assert item.toolTip(0) and finding.rule not in item.toolTip(0)
    # clicking a finding selects its clause
    win.select_clause(gui_library.options("transparency")[0].id, "library")
    tree.scrollToItem(items[0])
    rect = tree.visualItemRect(items[0])
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.detail.clause_id == clause.id
    shown = win.check_panel.card_text()
    assert clause.title in shown and str(items[0].data(0, FINDING_ROLE).rule) not in shown

    win.remove_clause(clause.id)
    assert clause.heading not in win.preview.text
    assert clause.id not in win.check_panel.clause_ids()


def test_state_change_rechecks_and_rebadges_without_rebuilding_the_tree(make_window, qtbot,
                                                                         gui_library):
    win = make_window(county("IL"))
    clause = next(c for c in gui_library.options("detainers") if "county" in c.kinds)
    win.add_clause(clause.id)
    model = win.library_panel.model
    item = model.option_items[clause.id]
    il = {cid: it.data(VERDICT_ROLE) for cid, it in model.option_items.items()}
    il_findings = [(f.clause, f.rule) for f in win.ws.analysis.report.findings]

    win.tabs.setCurrentWidget(win.form_page)
    win.form.state.setCurrentIndex(win.form.state.findData("TX"))
    assert win.ws.draft.jurisdiction.state == "TX"
    tx = {cid: it.data(VERDICT_ROLE) for cid, it in model.option_items.items()}
    assert tx != il  # Texas law reads differently from Illinois law
    assert model.option_items[clause.id] is item  # same items: re-badged, not rebuilt
    assert [(f.clause, f.rule) for f in win.ws.analysis.report.findings] != il_findings
    assert "Texas" in win.check_panel.summary.text()
    assert "Texas" in win.score_label.text()
    win.undo()
    assert {cid: it.data(VERDICT_ROLE) for cid, it in model.option_items.items()} == il
    assert win.form.state.currentData() == "IL"


def test_fill_in_error_is_a_message_not_a_crash(make_window, qtbot, gui_library):
    needs_jail = next(c for c in gui_library.clauses.values()
                      if "jail" in c.agencies and "county" in c.kinds)
    win = make_window(county(jail=None))
    win.add_clause(needs_jail.id)
    a = win.ws.analysis
    assert a.document is None and a.error is not None and a.error_clause == needs_jail.id
    assert win.preview.banner.isVisibleTo(win)
    banner = win.preview.banner_text.text()
    assert "cannot be assembled" in banner and "jail" in banner
    assert win.check_panel.counts.get("problem") == 1
    summary = re.sub(r"<[^>]+>|&nbsp;", " ", win.check_panel.summary.text())
    assert "1 problem to fix" in summary and "problems" not in summary
    assert win.outline.list.entries[0].problem
    # naming the jail in the form fixes it
    win.tabs.setCurrentWidget(win.form_page)
    qtbot.keyClicks(win.form.agencies["jail"], "Sangamon County Jail")
    qtbot.waitUntil(lambda: win.ws.analysis.document is not None)
    assert not win.preview.banner.isVisibleTo(win)
    assert "Sangamon County Jail" in win.preview.text
    assert not win.check_panel.counts.get("problem")


def test_search_filters_as_you_type(make_window, qtbot, gui_library):
    win = make_window()
    panel = win.library_panel
    everything = panel.visible_clause_ids()
    assert sorted(everything) == sorted(gui_library.clauses)
    qtbot.keyClicks(panel.search, "zzqxj")
    assert panel.visible_clause_ids() == []
    assert "No option matches" in panel.count.text()
    panel.search.clear()
    # a citation of one clause's enacted example finds that clause (and few others)
    clause = next(c for c in gui_library.clauses.values()
                  if c.modeled_on and c.modeled_on[0].citation)
    word = clause.modeled_on[0].citation.split()[0]
    qtbot.keyClicks(panel.search, word)
    shown = panel.visible_clause_ids()
    assert clause.id in shown and len(shown) < len(everything)
    assert all(word.lower() in gui_library.clauses[c].search_blob() for c in shown)
    # words narrow the match (all must occur), in title, summary or text
    panel.search.clear()
    qtbot.keyClicks(panel.search, f"{clause.title.split()[0]} {word}")
    assert set(panel.visible_clause_ids()) <= set(shown)
    panel.search.clear()
    assert sorted(panel.visible_clause_ids()) == sorted(everything)


def test_escape_clears_search_and_down_moves_to_results(make_window, qtbot):
    win = make_window()
    panel = win.library_panel
    panel.focus_search()
    qtbot.keyClicks(panel.search, "detainer")
    assert len(panel.visible_clause_ids()) < len(panel.model.option_items)
    qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.search.text() == ""
    assert len(panel.visible_clause_ids()) == len(panel.model.option_items)
    qtbot.keyClicks(panel.search, "warrant")
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.tree.currentIndex().isValid()
    assert win.focusWidget() is panel.tree


def test_showing_the_form_changes_nothing(make_window, gui_library):
    """Opening a draft and looking at the form must not mark it modified."""
    from drafter.gui.app import example_drafts
    from drafter.load.draft import load_draft

    drafts = [empty_draft(), county()] + [load_draft(p, set(gui_library.clauses))
                                         for p in example_drafts()]
    for d in drafts:
        win = make_window(d)
        win.tabs.setCurrentWidget(win.form_page)
        win.form.flush()
        assert win.ws.undo.count() == 0, win.ws.undo.text(0)
        assert not win.isWindowModified()


def clause_counts_from_cli(draft) -> dict[str, int]:
    """Clauses per decisive verdict, as `drafter check` prints them."""
    import re

    from drafter.vocab import VERDICT_LABELS
    from helpers import run_cli

    proc = run_cli("check", str(draft))
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if x.startswith("Clauses: "))
    by_label = {v.lower(): k for k, v in VERDICT_LABELS.items()}
    return {by_label[label]: int(n)
            for n, label in re.findall(r"(\d+) ([a-z ]+?)(?=,|\.)", line)}


def test_status_bar_counts_clauses_like_drafter_check(make_window, tmp_path, gui_library):
    """A Texas city with the strongest option of everything: several clauses carry more
    than one finding (state law, federal flags, fit), so counting findings overstates."""
    import re

    from drafter.gui.style import SHORT_VERDICT
    from drafter.load.draft import load_draft
    from helpers import run_cli

    path = tmp_path / "tx.yaml"
    made = run_cli("new", str(path), "--name", "Testville", "--kind", "city", "--state",
                   "TX", "--protections", "all", "--strength", "strongest")
    assert made.returncode == 0, made.stderr
    cli = clause_counts_from_cli(path)
    draft = load_draft(path, set(gui_library.clauses))
    win = make_window(draft)
    assert len(win.ws.analysis.report.findings) > len(draft.clauses)  # the case that broke
    shown = re.sub(r"<[^>]+>", "", win.counts_label.text()).replace("&nbsp;", "")
    by_label = {v.lower(): k for k, v in SHORT_VERDICT.items()}
    first, *rest = shown.split(" · ")
    assert first == f"{len(draft.clauses)} clauses"
    gui = {by_label[label.lower()]: int(n)
           for n, label in (part.split(" ", 1) for part in rest)}
    assert gui == cli, shown


def test_visiting_compare_leaves_preview_and_checks_their_room(make_window, qtbot,
                                                               gui_library):
    """The comparison's long protection titles once widened the middle pane for good,
    squashing Preview and Checks, and the squash was saved with the layout."""
    from drafter.gui.paths import settings

    win = make_window(county())
    win.resize(1200, 800)
    qtbot.wait(10)
    before = win.split.sizes(), win.right.sizes()
    for pid in gui_library.protections:
        if len(gui_library.options(pid)) > 1:
            win.compare_protection(pid)
            qtbot.wait(1)
            assert win.split.sizes()[2] >= before[0][2] - 2, pid
    win.tabs.setCurrentWidget(win.detail)
    qtbot.wait(1)
    assert (win.split.sizes(), win.right.sizes()) == before
    win.save_layout()
    again = make_window(county())
    again.resize(1200, 800)
    qtbot.wait(10)
    assert again.split.sizes() == before[0]
    assert settings().value("window/splitters") is not None


def test_saved_geometry_never_puts_the_window_off_screen(make_window, monkeypatch, qtbot):
    """A geometry saved on a monitor that is gone: wherever the platform would put the
    window, it comes back onto a screen (title bar included)."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMainWindow

    from drafter.gui.paths import settings

    first = make_window()
    first.save_layout()

    def off_screen(self, _state):
        self.setGeometry(QRect(6000, -4000, 900, 700))
        return True

    monkeypatch.setattr(QMainWindow, "restoreGeometry", off_screen)
    assert settings().value("window/geometry") is not None
    win = make_window()
    avail = QGuiApplication.primaryScreen().availableGeometry()
    assert avail.contains(win.geometry().topLeft())
    assert avail.contains(win.geometry().center())


def test_outline_shows_the_ordinances_own_section_numbers(make_window, gui_library):
    """Sections 1-3 are the ordinance's own (title, purpose, definitions), so the first
    clause is not section 1; long drafts reach two digits."""
    from drafter.gui.app import example_drafts
    from drafter.gui.outline import section_label
    from drafter.load.draft import load_draft

    path = max(example_drafts(), key=lambda p: len(load_draft(p).clauses))
    win = make_window(load_draft(path, set(gui_library.clauses)))
    doc = win.ws.analysis.document
    want = {s.clause_id: s.number for s in doc.sections if s.clause_id}
    entries = win.outline.list.entries
    assert [e.number for e in entries] == [want[e.clause_id] for e in entries]
    assert entries[0].number != 1 and max(want.values()) >= 10
    item = win.outline.list.item(len(entries) - 1)
    assert f"Section {entries[-1].number}:" in item.toolTip()
    # the number column fits two-digit numbers whole (an exact fit was elided to "§ …")
    from PySide6.QtGui import QFontMetrics

    from drafter.gui.outline import OutlineDelegate

    fm = QFontMetrics(win.outline.list.font())
    for e in entries:
        label = section_label(e.number)
        assert fm.elidedText(label, Qt.TextElideMode.ElideRight,
                             OutlineDelegate.number_width(fm)) == label


def shown_text(label) -> str:
    """What a QLabel puts on screen, as plain text (Qt decides rich or plain by itself
    when the format is automatic)."""
    from PySide6.QtGui import Qt as QtG
    from PySide6.QtGui import QTextDocument

    fmt = label.textFormat()
    if fmt == Qt.TextFormat.PlainText or (fmt == Qt.TextFormat.AutoText
                                           and not QtG.mightBeRichText(label.text())):
        return label.text()
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def test_headings_show_apostrophes_and_ampersands_not_entities(make_window, gui_library):
    clause = next(c for c in gui_library.clauses.values() if "'" in c.title)
    win = make_window(county())
    win.select_clause(clause.id, "library")
    assert shown_text(win.detail.heading) == clause.title
    win.add_clause(clause.id)
    win.edit_clause(clause.id)
    assert clause.title in shown_text(win.detail.editor.title)
    for label in (win.detail.meta, win.check_panel.summary, win.preview.banner_text):
        assert "&#" not in shown_text(label) and "&amp;" not in shown_text(label)
