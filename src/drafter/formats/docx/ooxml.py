"""The WordprocessingML that python-docx has no API for, in one place.

Every Word writer (ordinance, comparison, redline, packet) uses python-docx for paragraphs,
runs, tables, styles, sections and properties, and this module for the rest: list
definitions (`Numbering`, `set_num`), PAGE/NUMPAGES fields, line numbering, tracked changes
(`Revisions`, `track_run`, `track_paragraph_mark`, `record_ppr_change`), printed amendment
marks, cell shading, paragraph borders and fixed table geometry. Everything is built with
python-docx's own element API (`OxmlElement`, `qn`, the oxml element classes), so the
elements are python-docx's and its API keeps working on them.

python-docx "does not support adding revision marks" (python-docx #340, #1388), so
insertions and deletions are written here: a run inside `w:ins` is inserted text; a run
inside `w:del` carries its text in `w:delText`; a `w:ins`/`w:del` inside the paragraph
mark's `w:pPr/w:rPr` tracks the paragraph mark itself, so accepting a deleted paragraph
removes it instead of leaving an empty line behind.

Children are inserted in the schema's order, which Word (unlike LibreOffice) enforces.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from typing import Any, Literal

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.shared import Length, RGBColor

Mark = Literal["equal", "insert", "delete"]
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Printed marks (comparison table, strike/underline redline): dark enough to read in
# greyscale, distinct on screen.
INSERT_COLOR = RGBColor(0x1A, 0x4E, 0x9E)   # blue, underlined
DELETE_COLOR = RGBColor(0xA3, 0x1F, 0x1F)   # red, struck through

JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}

# the children of w:pPr and w:sectPr in schema order (CT_PPr, CT_SectPr)
PPR_ORDER = tuple(qn("w:" + t) for t in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
    "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
    "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"))
SECTPR_ORDER = tuple(qn("w:" + t) for t in (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign",
    "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
    "printerSettings", "sectPrChange"))


def element(proxy: Any) -> Any:
    """The XML element behind a python-docx paragraph, run, table, row or cell (or the
    element itself).

    python-docx keeps it in the private `_element` for these proxies (only Document, Run
    and the parts expose a public `element`); this is the one place Drafter reaches it."""
    return getattr(proxy, "_element", proxy)


# The ordinance has a thousand paragraphs and runs. Building each from elements costs a
# Python object per element (python-docx's element classes); copying a prototype of its
# format costs one, so paragraphs and runs are copies of prototypes built once with
# `OxmlElement`: the same python-docx elements, a third of the time.
_T = qn("w:t")
_RUNS: dict[tuple[bool, bool, float | None], Any] = {}


_FACTORY = OxmlElement("w:p")
_W_NSMAP = {"w": nsmap["w"]}


def new_element(tag: str, attrs: dict[str, str] | None = None) -> Any:
    """A python-docx element, as `OxmlElement` makes it but without parsing a string for
    each one (the element classes come from the factory element's parser)."""
    return _FACTORY.makeelement(qn(tag), attrs or {}, nsmap=_W_NSMAP)


def _with(parent: Any, tag: str, val: str | None = None) -> Any:
    el = new_element(tag, {qn("w:val"): val} if val is not None else None)
    parent.append(el)
    return el


class Paragraphs:
    """New body paragraphs, one prototype per format (style, alignment, keep with next,
    list)."""

    def __init__(self, before: Any):
        self.before = before  # the body's w:sectPr: paragraphs go before it
        self._protos: dict[tuple[str | None, str | None, bool, int | None], Any] = {}

    def new(self, style_id: str | None = None, align: str | None = None,
            keep_next: bool = False, num_id: int | None = None) -> Any:
        key = (style_id, align, keep_next, num_id)
        proto = self._protos.get(key)
        if proto is None:
            proto = self._protos[key] = new_element("w:p")
            if style_id is not None or keep_next or align is not None or num_id is not None:
                ppr = _with(proto, "w:pPr")
                if style_id is not None:
                    _with(ppr, "w:pStyle", style_id)
                if keep_next:
                    _with(ppr, "w:keepNext")
                if num_id is not None:
                    numpr = _with(ppr, "w:numPr")
                    _with(numpr, "w:ilvl", "0")
                    _with(numpr, "w:numId", str(num_id))
                if align is not None:
                    _with(ppr, "w:jc", JC[align])
        p = copy.deepcopy(proto)
        self.before.addprevious(p)
        return p


def add_run(paragraph: Any, text: str, bold: bool = False, italic: bool = False,
            size_pt: float | None = None) -> Any:
    """Append a run of text (its characters already XML-safe) and return the w:r."""
    key = (bold, italic, size_pt)
    proto = _RUNS.get(key)
    if proto is None:
        proto = _RUNS[key] = new_element("w:r")
        if bold or italic or size_pt:
            rpr = _with(proto, "w:rPr")
            if bold:
                _with(rpr, "w:b")
            if italic:
                _with(rpr, "w:i")
            if size_pt:
                _with(rpr, "w:sz", str(round(size_pt * 2)))
        _with(proto, "w:t").set(XML_SPACE, "preserve")
    r = copy.deepcopy(proto)
    r[-1].text = text
    element(paragraph).append(r)
    return r


def insert_ordered(parent: Any, child: Any, order: tuple[str, ...]) -> Any:
    """Insert `child` before the first sibling that the schema puts after it."""
    rank = order.index(child.tag)
    for sib in parent:
        if sib.tag in order and order.index(sib.tag) > rank:
            sib.addprevious(child)
            return child
    parent.append(child)
    return child


def ppr_flag(paragraph: Any, tag: str) -> Any:
    """Add an empty paragraph property (w:suppressLineNumbers...) once."""
    ppr = element(paragraph).get_or_add_pPr()
    el = ppr.find(qn(tag))
    if el is None:
        el = insert_ordered(ppr, new_element(tag), PPR_ORDER)
    return el


def set_num(paragraph: Any, num_id: int) -> None:
    """Put a paragraph in a list (numId 0 takes it out of its style's list)."""
    numpr = element(paragraph).get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num_id


def add_field(paragraph: Any, instr: str, size_pt: float | None = None) -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice compute on open; "1"
    stands in until they do."""
    p = element(paragraph)

    def run(child: Any) -> None:
        r = new_element("w:r")
        if size_pt:
            rpr = new_element("w:rPr")
            sz = new_element("w:sz")
            sz.set(qn("w:val"), str(round(size_pt * 2)))
            rpr.append(sz)
            r.append(rpr)
        r.append(child)
        p.append(r)

    for kind, text in (("begin", None), (None, f" {instr} "), ("separate", None),
                       (None, "1"), ("end", None)):
        if kind is None:
            t = new_element("w:instrText" if text != "1" else "w:t")
            t.set(XML_SPACE, "preserve")
            t.text = text
            run(t)
        else:
            f = new_element("w:fldChar")
            f.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                f.set(qn("w:dirty"), "true")
            run(f)


def set_line_numbers(sectpr: Any) -> None:
    """Line numbers in the left margin, restarting on every page (w:lnNumType)."""
    ln = sectpr.find(qn("w:lnNumType"))
    if ln is None:
        ln = insert_ordered(sectpr, new_element("w:lnNumType"), SECTPR_ORDER)
    ln.set(qn("w:countBy"), "1")
    ln.set(qn("w:restart"), "newPage")
    ln.set(qn("w:distance"), "360")


class Numbering:
    """Our two list definitions (sections; lettered subsections) added to a numbering part
    without clashing with ids a house template already uses."""

    def __init__(self, root: Any):
        self.root = root
        self.used_abs = _ids(root, "w:abstractNum", "w:abstractNumId")
        self.used_num = _ids(root, "w:num", "w:numId")
        self.section_abs = self._abstract("decimal", "Section %1.", 0, 0, "space", bold=True)
        self.sub_abs = self._abstract("lowerLetter", "(%1)", 792, 432, "tab")
        self.section_num = self._num(self.section_abs)

    @staticmethod
    def _val(parent: Any, tag: str, value: str) -> Any:
        el = new_element(tag)
        el.set(qn("w:val"), value)
        parent.append(el)
        return el

    def _abstract(self, fmt: str, text: str, left: int, hanging: int, suff: str,
                  bold: bool = False) -> int:
        aid = _free(self.used_abs)
        a = new_element("w:abstractNum")
        a.set(qn("w:abstractNumId"), str(aid))
        self._val(a, "w:multiLevelType", "singleLevel")
        lvl = new_element("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        a.append(lvl)
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:suff", suff),
                         ("w:lvlText", text), ("w:lvlJc", "left")):
            self._val(lvl, tag, val)
        ppr, ind = new_element("w:pPr"), new_element("w:ind")
        ind.set(qn("w:left"), str(left))
        ind.set(qn("w:hanging"), str(hanging))
        ppr.append(ind)
        lvl.append(ppr)
        if bold:
            rpr = new_element("w:rPr")
            rpr.append(new_element("w:b"))
            lvl.append(rpr)
        # abstractNum elements come before num elements (and numIdMacAtCleanup)
        self._insert_before(a, "w:num", "w:numIdMacAtCleanup")
        return aid

    def _num(self, abstract_id: int, restart: bool = False) -> int:
        nid = _free(self.used_num)
        n = new_element("w:num")
        n.set(qn("w:numId"), str(nid))
        self._val(n, "w:abstractNumId", str(abstract_id))
        if restart:
            ov = new_element("w:lvlOverride")
            ov.set(qn("w:ilvl"), "0")
            self._val(ov, "w:startOverride", "1")
            n.append(ov)
        self._insert_before(n, "w:numIdMacAtCleanup")
        return nid

    def _insert_before(self, element: Any, *tags: str) -> None:
        """Put `element` before the first of `tags` found (the schema's order), else last."""
        for tag in tags:
            after = self.root.find(qn(tag))
            if after is not None:
                after.addprevious(element)
                return
        self.root.append(element)

    def new_sublist(self) -> int:
        """A fresh lettered list that restarts at (a)."""
        return self._num(self.sub_abs, restart=True)


def _ids(root: Any, tag: str, attr: str) -> set[int]:
    """The ids a numbering part already uses (unreadable ones are the template's
    problem: they cannot clash with ours)."""
    out = set()
    for el in root.findall(qn(tag)):
        try:
            out.add(int(el.get(qn(attr), "")))
        except ValueError:
            continue
    return out


def _free(used: set[int]) -> int:
    """The next id after the ones in use, or the lowest free one if that would leave the
    32-bit range Word reads ids in."""
    nid = max(used, default=0) + 1
    if nid > 2**31 - 1:
        nid = next(i for i in range(1, len(used) + 2) if i not in used)
    used.add(nid)
    return nid


# --- tracked changes ---------------------------------------------------------------------


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
        from drafter.load.yamlio import clean_text

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

    def element(self, tag: str) -> Any:
        el = new_element(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        self.count += 1
        return el


def track_run(run: Any, mark: Mark, rev: Revisions | None, moved: bool = False) -> Any:
    """Wrap a run (already in its paragraph) in a new w:ins or w:del and return the
    wrapper; with `rev` None only turn a deleted run's w:t into w:delText (the caller
    moves it into an existing wrapper with `join_revision`). `moved`: the run is part of
    a moved section, wrapped in w:moveTo / w:moveFrom (whose text stays in w:t)."""
    if mark == "equal":
        return None
    r = run.element
    if moved:
        if rev is None:
            return None
        wrapper = rev.element("w:moveTo" if mark == "insert" else "w:moveFrom")
        r.addprevious(wrapper)
        wrapper.append(r)
        return wrapper
    if mark == "delete":
        for t in r.findall(qn("w:t")):
            deleted = new_element("w:delText")
            deleted.set(XML_SPACE, "preserve")
            deleted.text = t.text
            t.addprevious(deleted)
            r.remove(t)
    if rev is None:
        return None
    wrapper = rev.element("w:ins" if mark == "insert" else "w:del")
    r.addprevious(wrapper)
    wrapper.append(r)
    return wrapper


def join_revision(wrapper: Any, run: Any) -> None:
    """Move `run` into the w:ins/w:del of the run before it: one change, one range."""
    wrapper.append(run.element)


def track_paragraph_mark(paragraph: Any, mark: Mark, rev: Revisions) -> None:
    """Mark the paragraph mark itself as inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
    if mark == "equal":
        return
    ppr = element(paragraph).get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = insert_ordered(ppr, new_element("w:rPr"), PPR_ORDER)
    # w:ins / w:del come first in a paragraph mark's rPr
    rpr.insert(0, rev.element("w:ins" if mark == "insert" else "w:del"))


def move_range(paragraph: Any, mark: Mark, rev: Revisions, name: str,
               start: bool, range_id: int | None = None) -> int:
    """The start (appended where the paragraph's content begins) or end (appended after
    it) of a move's named source or destination range (w:moveFromRangeStart /
    w:moveToRangeEnd ...): Word pairs a move's two sides by `name`. Returns the range id,
    which the end needs."""
    side = "moveTo" if mark == "insert" else "moveFrom"
    p = element(paragraph)
    if start:
        el = rev.element(f"w:{side}RangeStart")
        el.set(qn("w:name"), name)
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(el)
        else:
            p.insert(0, el)
        return int(el.get(qn("w:id")))
    el = new_element(f"w:{side}RangeEnd")
    el.set(qn("w:id"), str(range_id))
    p.append(el)
    return range_id or 0


def record_ppr_change(paragraph: Any, old_paragraph: Any, rev: Revisions) -> None:
    """Track a change of paragraph properties: `paragraph` has the new ones, the
    properties of `old_paragraph` are what rejecting the change restores (w:pPrChange).
    `old_paragraph` is a scratch paragraph; it is removed from the document."""
    ppr = element(paragraph).get_or_add_pPr()
    old_p = element(old_paragraph)
    old = copy.deepcopy(old_p.pPr) if old_p.pPr is not None else new_element("w:pPr")
    for tag in ("w:rPr", "w:sectPr", "w:pPrChange"):
        for el in old.findall(qn(tag)):
            old.remove(el)
    change = rev.element("w:pPrChange")
    change.append(old)
    ppr.append(change)  # last in w:pPr
    old_p.getparent().remove(old_p)


MOVE_COLOR = RGBColor(0x1E, 0x6B, 0x2E)     # green, as Word shows moves


def print_mark(run: Any, mark: Mark, moved: bool = False) -> None:
    """Amendment marks that survive printing: deletions struck, insertions underlined;
    a moved section double-struck where it was and double-underlined where it is now."""
    from docx.enum.text import WD_UNDERLINE

    if mark == "insert":
        run.font.underline = WD_UNDERLINE.DOUBLE if moved else True
        run.font.color.rgb = MOVE_COLOR if moved else INSERT_COLOR
    elif mark == "delete":
        if moved:
            run.font.double_strike = True
        else:
            run.font.strike = True
        run.font.color.rgb = MOVE_COLOR if moved else DELETE_COLOR


# --- shading, borders, table geometry ------------------------------------------------------


def _shd(fill: str) -> Any:
    shd = new_element("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    return shd


def shade(cell: Any, fill: str) -> None:
    """Background colour of a table cell (hex RRGGBB)."""
    tcpr = element(cell).get_or_add_tcPr()
    old = tcpr.find(qn("w:shd"))
    if old is not None:
        tcpr.remove(old)
    # w:shd sits after tcW/gridSpan/vMerge/tcBorders in tcPr; appending after those is safe
    # because we never add the later elements (noWrap, tcMar, vAlign ...) before shading.
    tcpr.append(_shd(fill))


def fix_widths(table: Any, widths: Sequence[Length]) -> None:
    """Fixed layout with explicit grid and cell widths: Word and LibreOffice then agree on
    the geometry instead of auto-fitting (which squeezes wide text columns)."""
    table.autofit = False
    tbl = element(table)
    tblpr = tbl.tblPr
    layout = tblpr.find(qn("w:tblLayout"))
    if layout is None:
        layout = new_element("w:tblLayout")
        tblpr.append(layout)
    layout.set(qn("w:type"), "fixed")
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = new_element("w:tblW")
        tblpr.append(tblw)
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(sum(int(w.twips) for w in widths)))
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(w.twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=False):
            cell.width = w


def _row_flag(row: Any, tag: str) -> None:
    el = new_element(tag)
    el.set(qn("w:val"), "true")
    element(row).get_or_add_trPr().append(el)


def repeat_header(row: Any) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    _row_flag(row, "w:tblHeader")


def keep_row_together(row: Any) -> None:
    _row_flag(row, "w:cantSplit")


def cell_margins(table: Any, top: int = 60, bottom: int = 60, left: int = 100,
                 right: int = 100) -> None:
    """Default cell margins in twips (w:tblCellMar)."""
    mar = new_element("w:tblCellMar")
    for side, v in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        el = new_element(f"w:{side}")
        el.set(qn("w:w"), str(v))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    element(table).tblPr.append(mar)


def box(paragraph: Any, fill: str = "F2F2F2", color: str = "808080") -> None:
    """A bordered, shaded paragraph (call-out box for notices)."""
    ppr = element(paragraph).get_or_add_pPr()
    bdr = new_element("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = new_element(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "8")
        el.set(qn("w:space"), "4")
        el.set(qn("w:color"), color)
        bdr.append(el)
    insert_ordered(ppr, bdr, PPR_ORDER)
    insert_ordered(ppr, _shd(fill), PPR_ORDER)


def bottom_border(paragraph: Any) -> None:
    """A rule under a paragraph (the memo's address block)."""
    bdr = new_element("w:pBdr")
    bottom = new_element("w:bottom")
    for attr, val in (("w:val", "single"), ("w:sz", "12"), ("w:space", "6"),
                      ("w:color", "000000")):
        bottom.set(qn(attr), val)
    bdr.append(bottom)
    insert_ordered(element(paragraph).get_or_add_pPr(), bdr, PPR_ORDER)


# --- accessibility -------------------------------------------------------------------------

_WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def ensure_language(styles: Any, lang: str = "en-US") -> None:
    """The document language (w:docDefaults/w:rPrDefault/w:rPr/w:lang), unless set."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = new_element("w:docDefaults")
        styles.insert(0, defaults)
    rdef = defaults.find(qn("w:rPrDefault"))
    if rdef is None:
        rdef = new_element("w:rPrDefault")
        defaults.insert(0, rdef)
    rpr = rdef.find(qn("w:rPr"))
    if rpr is None:
        rpr = _with(rdef, "w:rPr")
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = _with(rpr, "w:lang")  # w:lang is late in CT_RPr; a default rPr rarely has more
    if not el.get(qn("w:val")):
        el.set(qn("w:val"), lang)


def ensure_alt_text(root: Any, text: str = "Letterhead image") -> None:
    """A description on every drawing (wp:docPr/@descr) that has none."""
    for pr in root.iter(_WP_DOCPR):
        if not (pr.get("descr") or "").strip():
            pr.set("descr", text)
