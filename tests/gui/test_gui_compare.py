"""The comparison view: options side by side with word-level differences, strength,
enacted examples and the verdict under the draft's state law."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from drafter.gui.app import empty_draft
from drafter.gui.compare_view import DEL_STYLE, INS_STYLE, diff_html

pytestmark = pytest.mark.gui


def test_diff_html_marks_added_and_dropped_words():
    from drafter.papers.diff import word_diff

    out = diff_html(word_diff("The jail shall not hold anyone.", "The jail shall hold no one."))
    assert f'<span style="{DEL_STYLE}">' in out and f'<span style="{INS_STYLE}">' in out
    assert "The jail shall" in out


def test_compare_two_options_side_by_side(make_window, qtbot, gui_library, dialogs):
    d = empty_draft()
    d.jurisdiction.name, d.jurisdiction.kind, d.jurisdiction.state = "Austin", "city", "TX"
    win = make_window(d)
    options = gui_library.options("detainers")
    first, second = options[0], options[1]
    win.library_panel.select_clause(first.id)
    qtbot.mouseClick(win.detail.compare_btn, Qt.MouseButton.LeftButton)
    assert win.tabs.currentWidget() is win.compare_page
    view = win.compare
    view.set_checked([first.id, second.id])
    html = view.view.toHtml()
    text = view.view.toPlainText()
    assert first.title in text and second.title in text
    assert first.strength.capitalize() in text and second.strength.capitalize() in text
    assert "Under Texas law" in text
    if first.modeled_on:
        assert first.modeled_on[0].jurisdiction in text
    # the two detainer options are written differently: shown side by side, unmarked,
    # with the differences said in words (as in the Word comparison)
    assert "line-through" not in html and "Differences" in text
    enforcement = [c.id for c in gui_library.options("enforcement")][:2]
    view.show_protection("enforcement", enforcement)
    assert "line-through" in view.view.toHtml()  # similar options: dropped words struck
    # the verdicts are those the library shows for Texas
    for c in (first, second):
        verdict = win.checks.clause_verdict(c, "TX").verdict
        from drafter.gui.style import short_verdict, verdict_label

        assert verdict_label(verdict) in text or short_verdict(verdict) in text

    # "Use this" puts the option in the draft, replacing the chosen one of the protection
    # (both are blocked in Texas: each needs a yes)
    from PySide6.QtWidgets import QMessageBox

    dialogs.answers = [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Yes]
    win.add_clause(first.id)
    view.refresh()
    view.use_requested.emit(second.id)
    assert win.ws.draft.clause_ids() == [second.id]
    assert not dialogs.answers and "Texas law blocks it" in dialogs.shown[-1]["text"]


def test_fewer_than_two_options_asks_for_more(make_window):
    win = make_window()
    view = win.compare
    view.show_protection("detainers")
    win.tabs.setCurrentWidget(win.compare_page)
    view.set_checked([view.checked_ids()[0]])
    assert "Tick at least two options" in view.view.toPlainText()
    assert not view.export_btn.isEnabled()


def test_the_view_shows_the_comparison_the_word_export_writes(make_window, gui_library):
    """One comparison model (`drafter.papers.comparison.build_comparison`) for the app and the
    Word file: the same texts, differences and verdicts."""
    import re

    from drafter.papers.comparison import build_comparison

    d = empty_draft()
    d.jurisdiction.name, d.jurisdiction.kind, d.jurisdiction.state = "Austin", "city", "TX"
    win = make_window(d)
    ids = [c.id for c in gui_library.options("status_inquiry")][:3]
    win.compare.show_protection("status_inquiry", ids)
    win.tabs.setCurrentWidget(win.compare_page)
    shown = re.sub(r"\s+", " ", win.compare.view.toPlainText())
    model = build_comparison(ids, gui_library, win.checks.lawbook, "TX")
    first, *others = model.options
    for para in first.paragraphs:  # placeholders as [Jurisdiction], like the Word table
        assert re.sub(r"\s+", " ", para) in shown
    for opt in others:  # marked word by word where the Word file marks them, else as is
        if opt.marked:
            runs = "".join(chunk for _op, chunk in opt.diff or [])
            assert re.sub(r"\s+", " ", runs).strip() in shown
        else:
            for para in opt.paragraphs:
                assert re.sub(r"\s+", " ", para) in shown
            assert opt.differences[:30] in shown
    for opt in model.options:
        top = max(opt.findings, key=lambda f: f.rank)
        # the view shows the decisive finding's citation, never its rule id or clause id
        assert top.citations[0][:20] in shown
        assert top.rule not in shown and opt.clause.id not in shown
    assert "Under Texas law" in shown
