"""The preview and the checks panel are updated by difference: after any sequence of edits
each must show exactly what a fresh build shows, and what an edit did not touch stays put."""

from __future__ import annotations

import random

import pytest

from drafter.formats.preview import preview_blocks, to_plain
from drafter.load.draft import ChosenClause, new_draft
from drafter.ordinance.assemble import assemble

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def cook():
    d = new_draft("Cook", "county", "IL")
    d.jurisdiction.agencies = {"police": "Cook County Police Department",
                               "jail": "Cook County Sheriff's Office",
                               "probation": "Cook County Adult Probation Department"}
    return d


def _fresh(blocks, theme):
    from PySide6.QtGui import QTextDocument

    from drafter.gui.preview_document import PreviewDocument

    doc = QTextDocument()
    PreviewDocument(doc).show(blocks, theme)
    return doc


def test_updates_by_difference_equal_a_fresh_build(gui_library, cook):
    from PySide6.QtGui import QTextDocument

    from drafter.gui.preview_document import PreviewDocument, Theme

    lib = gui_library
    ids = list(lib.clauses)
    rng = random.Random(7)
    cook.clauses = [ChosenClause(c) for c in ids[:12]]
    theme = Theme.current(0)
    shown = QTextDocument()
    pd = PreviewDocument(shown)
    highlight = None
    for step in range(40):
        move = rng.choice(["add", "remove", "move", "highlight", "edit", "rename"])
        chosen = [c.id for c in cook.clauses]
        if move == "add":
            spare = [c for c in ids if c not in chosen]
            cook.clauses.insert(rng.randrange(len(chosen) + 1), ChosenClause(rng.choice(spare)))
        elif move == "remove" and len(chosen) > 2:
            cook.clauses.pop(rng.randrange(len(chosen)))
        elif move == "move":
            c = cook.clauses.pop(rng.randrange(len(chosen)))
            cook.clauses.insert(rng.randrange(len(chosen)), c)
        elif move == "highlight":
            highlight = rng.choice(chosen + [None])
        elif move == "edit":
            c = rng.choice(cook.clauses)
            c.text = (c.text or lib.clauses[c.id].text) + f"\n\nAn added sentence {step}."
        else:
            cook.jurisdiction.name = rng.choice(["Cook", "Lake", "DuPage", "Will"])
        try:
            doc = assemble(cook, lib)
        except Exception:  # a clause the draft cannot fill: the app keeps the last one
            continue
        blocks, starts = preview_blocks(doc, highlight)
        pd.show(blocks, theme)
        assert shown.toHtml() == _fresh(blocks, theme).toHtml(), f"step {step}: {move}"
        assert shown.toPlainText() == to_plain(blocks)
        for number, i in starts.items():
            assert shown.findBlockByNumber(i).text().startswith(f"Section {number}.")


def test_an_edit_leaves_untouched_paragraphs_in_place(gui_library, cook):
    """Qt lays out again only what changed: the recitals' paragraphs survive adding a
    clause near the end (a full re-set would make them anew)."""
    from PySide6.QtGui import QTextDocument

    from drafter.gui.preview_document import PreviewDocument, Theme

    lib = gui_library
    ids = list(lib.clauses)
    cook.clauses = [ChosenClause(c) for c in ids[:10]]
    shown = QTextDocument()
    pd = PreviewDocument(shown)
    blocks, _ = preview_blocks(assemble(cook, lib))
    pd.show(blocks, Theme.current(0))
    marked = shown.findBlockByNumber(4)
    marked.setUserState(4242)
    cook.clauses.append(ChosenClause(ids[10]))
    blocks2, _ = preview_blocks(assemble(cook, lib), ids[10])
    assert blocks2[4] == blocks[4]
    pd.show(blocks2, Theme.current(0))
    assert shown.findBlockByNumber(4).userState() == 4242
    assert shown.blockCount() == len(blocks2)


def test_the_selected_clause_heading_is_tinted(gui_library, cook):
    from PySide6.QtGui import QTextFormat

    from drafter.gui.preview_document import Theme

    lib = gui_library
    cook.clauses = [ChosenClause(c) for c in list(lib.clauses)[:5]]
    doc = assemble(cook, lib)
    target = doc.sections[3]
    blocks, starts = preview_blocks(doc, target.clause_id)
    theme = Theme.current(0)
    shown = _fresh(blocks, theme)
    tinted = [i for i in range(shown.blockCount())
              if shown.findBlockByNumber(i).blockFormat().hasProperty(
                  QTextFormat.Property.BackgroundBrush)]
    assert tinted == [starts[target.number]]
    assert shown.findBlockByNumber(tinted[0]).blockFormat().background().color().name() \
        == theme.highlight


def test_checks_panel_patched_rows_equal_a_fresh_panel(qtbot, gui_library, cook):
    """The checks tree is patched on each edit: after adds, removes and moves it lists
    exactly what a new panel would, and a row whose finding did not change is the same
    row (not made anew)."""
    from drafter.check.engine import check_draft
    from drafter.check.laws import load_lawbook
    from drafter.gui.check_panel import CheckPanel
    from drafter.gui.workspace import Analysis

    lib = gui_library
    book = load_lawbook()
    ids = list(lib.clauses)

    def analysis():
        a = Analysis()
        a.document = assemble(cook, lib)
        a.report = check_draft(cook, lib, book)
        return a

    def rows(panel):
        out = []
        for i in range(panel.tree.topLevelItemCount()):
            top = panel.tree.topLevelItem(i)
            out.append((top.text(0), [(top.child(j).text(0), top.child(j).toolTip(0))
                                      for j in range(top.childCount())]))
        return out

    panel = CheckPanel(lib, None, lambda: book)
    qtbot.addWidget(panel)
    rng = random.Random(3)
    cook.clauses = [ChosenClause(c) for c in ids[:8]]
    panel.show_analysis(analysis(), "Illinois", "IL", "county")
    for _ in range(15):
        chosen = [c.id for c in cook.clauses]
        if rng.random() < 0.5 and len(chosen) > 2:
            cook.clauses.pop(rng.randrange(len(chosen)))
        else:
            spare = [c for c in ids if c not in chosen]
            cook.clauses.insert(rng.randrange(len(chosen) + 1), ChosenClause(rng.choice(spare)))
        try:
            a = analysis()
        except Exception:  # a clause the draft cannot fill
            continue
        panel.show_analysis(a, "Illinois", "IL", "county")
        fresh = CheckPanel(lib, None, lambda: book)
        qtbot.addWidget(fresh)
        fresh.show_analysis(a, "Illinois", "IL", "county")
        assert rows(panel) == rows(fresh)
        assert panel.counts == fresh.counts

    # the same draft checked again (new finding objects): every row is kept as it was
    before = [panel.tree.topLevelItem(i).child(j) for i in range(panel.tree.topLevelItemCount())
              for j in range(panel.tree.topLevelItem(i).childCount())]
    panel.show_analysis(analysis(), "Illinois", "IL", "county")
    after = [panel.tree.topLevelItem(i).child(j) for i in range(panel.tree.topLevelItemCount())
             for j in range(panel.tree.topLevelItem(i).childCount())]
    assert before and len(before) == len(after)
    assert all(a is b for a, b in zip(before, after, strict=True))


def test_removing_the_selected_finding_selects_no_other_clause(qtbot, gui_library, cook):
    """Taking out the current row makes Qt pick a neighbour; that must not tell the app
    to select the neighbour's clause."""
    from drafter.check.engine import check_draft
    from drafter.check.laws import load_lawbook
    from drafter.gui.check_panel import CheckPanel
    from drafter.gui.workspace import Analysis

    lib, book = gui_library, load_lawbook()
    cook.clauses = [ChosenClause(c) for c in list(lib.clauses)[:6]]

    def analysis():
        a = Analysis()
        a.report = check_draft(cook, lib, book)
        return a

    panel = CheckPanel(lib, None, lambda: book)
    qtbot.addWidget(panel)
    panel.show_analysis(analysis(), "Illinois", "IL", "county")
    target = cook.clauses[2].id
    panel.reveal(target)
    assert panel.tree.currentItem() is not None
    picked: list[str] = []
    panel.clause_selected.connect(picked.append)
    cook.clauses = [c for c in cook.clauses if c.id != target]
    panel.show_analysis(analysis(), "Illinois", "IL", "county")
    assert picked == [] and target not in panel.clause_ids()


def test_outline_rows_are_reused_and_equal_a_fresh_outline(qtbot):
    from drafter.gui.outline import ENTRY_ROLE, OutlineEntry, OutlinePanel

    def entries(ids, problem=None):
        return [OutlineEntry(c, f"Title {c}", "Protection", "strong", "allowed", False,
                             problem=c == problem, number=n + 3)
                for n, c in enumerate(ids)]

    def rows(panel):
        lw = panel.list
        return [(lw.item(i).text(), lw.item(i).toolTip()) for i in range(lw.count())], \
            panel.list.current_id()

    panel = OutlinePanel()
    qtbot.addWidget(panel)
    rng = random.Random(5)
    ids = [f"c{i}" for i in range(8)]
    panel.set_entries(entries(ids), keep="c2")
    first = panel.list.item(0)
    for _ in range(20):
        if rng.random() < 0.5 and len(ids) > 1:
            ids.pop(rng.randrange(len(ids)))
        else:
            ids.insert(rng.randrange(len(ids) + 1), f"n{rng.randrange(1000)}")
        keep = rng.choice(ids)
        panel.set_entries(entries(ids), keep=keep)
        fresh = OutlinePanel()
        qtbot.addWidget(fresh)
        fresh.set_entries(entries(ids), keep=keep)
        assert rows(panel) == rows(fresh)
        assert panel.list.entries == fresh.list.entries
    assert panel.list.item(0) is first  # the row was reused, not made anew
    # a change the tooltip does not show (a problem mark) still reaches the row
    before = panel.list.item(0).data(ENTRY_ROLE)
    panel.set_entries(entries(ids, problem=ids[0]), keep=ids[0])
    assert panel.list.entries[0].problem and panel.list.item(0).data(ENTRY_ROLE) != before


def test_preview_zoom_resizes_the_text_and_keeps_the_paragraphs(qtbot, gui_library, cook):
    """The preview's formats carry their sizes, so zoom re-makes the document at the new
    size: body text grows by the step, the paragraphs stay the same."""
    from drafter.gui.preview import PreviewPanel

    cook.clauses = [ChosenClause(c) for c in list(gui_library.clauses)[:4]]
    doc = assemble(cook, gui_library)
    panel = PreviewPanel()
    qtbot.addWidget(panel)
    panel._set_document(doc)

    def body_size():
        d = panel.view.document()
        block = d.findBlockByNumber(d.blockCount() - 3)  # a paragraph of the last section
        return block.charFormat().fontPointSize() or block.begin().fragment().charFormat() \
            .fontPointSize()

    before, text = body_size(), panel.text
    panel.zoom(2)
    assert body_size() == before + 2 and panel.text == text
    panel.zoom(-3)
    assert body_size() == before - 1


def test_a_change_before_the_first_kept_paragraph_still_equals_a_fresh_build():
    """The difference can start at the very top when the first paragraph repeats (the
    matcher keeps the later copy): the update must still give the fresh document."""
    from PySide6.QtGui import QTextDocument

    from drafter.formats.preview import Block
    from drafter.gui.preview_document import PreviewDocument, Theme

    top = Block("disc", (("DRAFT", ""),))
    old = [top, Block("body", (("one", ""),)), Block("body", (("two", ""),))]
    new = [top, *old]
    theme = Theme.current(0)
    shown = QTextDocument()
    pd = PreviewDocument(shown)
    pd.show(old, theme)
    pd.show(new, theme)
    assert shown.toHtml() == _fresh(new, theme).toHtml()
    assert shown.blockCount() == len(new)
