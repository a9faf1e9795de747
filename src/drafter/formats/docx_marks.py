"""Word XML the python-docx API does not offer: revision marks (tracked insertions and
deletions, including paragraph marks), printed strike/underline amendment marks, table
cell shading and fixed table geometry.

python-docx "does not support adding revision marks" (python-docx #340, #1388; see
shared/reference/tools-landscape.md), so insertions and deletions are written here as raw
OOXML: a run inside `w:ins` is inserted text; a run inside `w:del` carries its text in
`w:delText`; a `w:ins`/`w:del` inside the paragraph mark's `w:pPr/w:rPr` tracks the
paragraph mark itself, so accepting a deleted paragraph removes it instead of leaving an
empty line behind.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Literal

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, RGBColor
from docx.text.run import Run

from drafter.formats.ooxml import PPR_ORDER, add_run, insert_ordered
from drafter.yamlio import clean_text

Mark = Literal["equal", "insert", "delete"]
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Printed marks (comparison table, strike/underline redline): dark enough to read in
# greyscale, distinct on screen.
INSERT_COLOR = RGBColor(0x1A, 0x4E, 0x9E)   # blue, underlined
DELETE_COLOR = RGBColor(0xA3, 0x1F, 0x1F)   # red, struck through


class Revisions:
    """Issues the attributes of tracked changes: unique ids, one author, one date.

    LibreOffice (seen with 7.4) joins revisions of the same kind, author and time (within a
    minute) that touch across a paragraph break into one range, paragraph break included,
    so Reject All would merge two unchanged paragraphs when one ends and the next begins
    with inserted words. Paragraphs that carry revisions therefore alternate between the
    given time and two minutes later (`next_paragraph`); Word shows both times and is not
    affected.
    """

    STAGGER = dt.timedelta(minutes=2)

    def __init__(self, author: str, date: dt.datetime, first_id: int = 1000):
        self.author = clean_text(author).strip()[:255] or "Drafter"
        base = date.replace(microsecond=0, tzinfo=None)
        self.dates = (base.isoformat() + "Z", (base + self.STAGGER).isoformat() + "Z")
        self.shifted = False
        self.next_id = first_id
        self.count = 0
        self._mark = 0

    @property
    def date(self) -> str:
        return self.dates[self.shifted]

    def next_paragraph(self) -> None:
        """Call after each paragraph: the next one with revisions gets the other time."""
        if self.count != self._mark:
            self.shifted = not self.shifted
            self._mark = self.count

    def element(self, tag: str):
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        self.count += 1
        return el


def add_text_run(paragraph, text: str, bold: bool = False, italic: bool = False) -> Run:
    """A run exactly as the ordinance writer makes it (`docx_writer.add_run`), returned so
    it can be wrapped in a revision or given amendment marks."""
    return Run(add_run(paragraph, text, bold=bold, italic=italic), paragraph)


def track_run(run, mark: Mark, rev: Revisions | None):
    """Wrap a run (already in its paragraph) in a new w:ins or w:del and return the
    wrapper; with `rev` None only turn a deleted run's w:t into w:delText (the caller
    moves it into an existing wrapper)."""
    if mark == "equal":
        return None
    r = run._r
    if mark == "delete":
        for t in r.findall(qn("w:t")):
            dt_ = OxmlElement("w:delText")
            dt_.set(XML_SPACE, "preserve")
            dt_.text = t.text
            t.addprevious(dt_)
            r.remove(t)
    if rev is None:
        return None
    wrapper = rev.element("w:ins" if mark == "insert" else "w:del")
    r.addprevious(wrapper)
    wrapper.append(r)
    return wrapper


def track_paragraph_mark(paragraph, mark: Mark, rev: Revisions) -> None:
    """Mark the paragraph mark itself as inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
    if mark == "equal":
        return
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = insert_ordered(ppr, OxmlElement("w:rPr"), PPR_ORDER)
    # w:ins / w:del come first in a paragraph mark's rPr
    rpr.insert(0, rev.element("w:ins" if mark == "insert" else "w:del"))


def record_ppr_change(paragraph, old_paragraph, rev: Revisions) -> None:
    """Track a change of paragraph properties: `paragraph` has the new ones, the
    properties of `old_paragraph` are what rejecting the change restores (w:pPrChange)."""
    ppr = paragraph._p.get_or_add_pPr()
    old = copy.deepcopy(old_paragraph._p.pPr) if old_paragraph._p.pPr is not None else \
        OxmlElement("w:pPr")
    for tag in ("w:rPr", "w:sectPr", "w:pPrChange"):
        for el in old.findall(qn(tag)):
            old.remove(el)
    change = rev.element("w:pPrChange")
    change.append(old)
    ppr.append(change)  # last in w:pPr


def print_mark(run, mark: Mark) -> None:
    """Amendment marks that survive printing: deletions struck, insertions underlined."""
    if mark == "insert":
        run.font.underline = True
        run.font.color.rgb = INSERT_COLOR
    elif mark == "delete":
        run.font.strike = True
        run.font.color.rgb = DELETE_COLOR


# --- tables ------------------------------------------------------------------------------


def shade(cell, fill: str) -> None:
    """Background colour of a table cell (hex RRGGBB)."""
    tcpr = cell._tc.get_or_add_tcPr()
    old = tcpr.find(qn("w:shd"))
    if old is not None:
        tcpr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    # w:shd sits after tcW/gridSpan/vMerge/tcBorders in tcPr; appending after those is safe
    # because we never add the later elements (noWrap, tcMar, vAlign ...) before shading.
    tcpr.append(shd)


def fix_widths(table, widths: list[Emu]) -> None:
    """Fixed layout with explicit grid and cell widths: Word and LibreOffice then agree on
    the geometry instead of auto-fitting (which squeezes wide text columns)."""
    table.autofit = False
    tbl = table._tbl
    tblpr = tbl.tblPr
    layout = tblpr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tblpr.append(layout)
    layout.set(qn("w:type"), "fixed")
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(sum(int(w.twips) for w in widths)))
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(w.twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=False):
            cell.width = w


def repeat_header(row) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def keep_row_together(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def cell_margins(table, top: int = 60, bottom: int = 60, left: int = 100,
                 right: int = 100) -> None:
    """Default cell margins in twips (w:tblCellMar)."""
    tblpr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side, v in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(v))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)


def box(paragraph, fill: str = "F2F2F2", color: str = "808080") -> None:
    """A bordered, shaded paragraph (call-out box for notices)."""
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "8")
        el.set(qn("w:space"), "4")
        el.set(qn("w:color"), color)
        bdr.append(el)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    insert_ordered(ppr, bdr, PPR_ORDER)
    insert_ordered(ppr, shd, PPR_ORDER)

