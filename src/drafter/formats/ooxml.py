"""WordprocessingML building blocks on plain lxml elements.

Every Word writer builds paragraphs, runs, numbering, fields, the header and footer and the
document properties with these functions, whether the tree came from `docx_package` or from
python-docx: the same XML either way. Children are inserted in the schema's order, which
Word (unlike LibreOffice) enforces.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from drafter.yamlio import clean_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "xml": "http://www.w3.org/XML/1998/namespace"}
_QN: dict[str, str] = {}


def qn(tag: str) -> str:
    """'w:p' -> '{namespace}p' (memoised: called for every element written)."""
    q = _QN.get(tag)
    if q is None:
        prefix, local = tag.split(":")
        q = _QN[tag] = f"{{{_NS[prefix]}}}{local}"
    return q


# the children of w:pPr, w:rPr and w:sectPr in schema order (CT_PPr, CT_RPr, CT_SectPr)
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
JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def insert_ordered(parent: etree._Element, child: etree._Element,
                   order: tuple[str, ...]) -> etree._Element:
    """Insert `child` before the first sibling that the schema puts after it."""
    rank = order.index(child.tag)
    for i, sib in enumerate(parent):
        if sib.tag in order and order.index(sib.tag) > rank:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


def p_el(p):
    """The w:p element of a python-docx Paragraph or of a plain element."""
    return getattr(p, "_p", p)


def get_ppr(p) -> etree._Element:
    el = p_el(p)
    ppr = el.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.SubElement(el, qn("w:pPr"))
        el.insert(0, ppr)
    return ppr


def ppr_flag(p, tag: str) -> etree._Element:
    """Add an empty pPr property (w:suppressLineNumbers, w:keepNext...) once."""
    ppr = get_ppr(p)
    el = ppr.find(qn(tag))
    if el is None:
        el = insert_ordered(ppr, etree.SubElement(ppr, qn(tag)), PPR_ORDER)
    return el


def set_jc(p, value: str) -> None:
    """Paragraph alignment: left, center, right or justify."""
    ppr_flag(p, "w:jc").set(qn("w:val"), JC[value])


def new_paragraph(parent: etree._Element, style_id: str | None = None,
                  align: str | None = None, keep_next: bool = False,
                  before: etree._Element | None = None) -> etree._Element:
    """A w:p built in schema order (pStyle, keepNext, jc). SubElement, not Element: the new
    node takes the tree's element classes, so python-docx's API works on it."""
    p = etree.SubElement(parent, qn("w:p"))
    if before is not None:
        before.addprevious(p)
    if style_id is not None or keep_next or align is not None:
        ppr = etree.SubElement(p, qn("w:pPr"))
        if style_id is not None:
            etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), style_id)
        if keep_next:
            etree.SubElement(ppr, qn("w:keepNext"))
        if align is not None:
            etree.SubElement(ppr, qn("w:jc")).set(qn("w:val"), JC[align])
    return p


def add_run(p, text: str, bold: bool = False, italic: bool = False,
            size_pt: float | None = None) -> etree._Element:
    """Append a run; returns the w:r element so callers can wrap it in a revision mark."""
    r = etree.SubElement(p_el(p), qn("w:r"))
    if bold or italic or size_pt:
        rpr = etree.SubElement(r, qn("w:rPr"))
        if bold:
            etree.SubElement(rpr, qn("w:b"))
        if italic:
            etree.SubElement(rpr, qn("w:i"))
        if size_pt:
            etree.SubElement(rpr, qn("w:sz")).set(qn("w:val"), str(round(size_pt * 2)))
    t = etree.SubElement(r, qn("w:t"))
    t.text = clean_text(text)
    t.set(XML_SPACE, "preserve")
    return r


def set_num(p, num_id: int) -> None:
    """Put a paragraph in a list (numId 0 takes it out of its style's list)."""
    ppr = get_ppr(p)
    old = ppr.find(qn("w:numPr"))
    if old is not None:
        ppr.remove(old)
    numpr = etree.SubElement(ppr, qn("w:numPr"))
    etree.SubElement(numpr, qn("w:ilvl")).set(qn("w:val"), "0")
    etree.SubElement(numpr, qn("w:numId")).set(qn("w:val"), str(num_id))
    insert_ordered(ppr, numpr, PPR_ORDER)


def add_field(p, instr: str, placeholder: str = "1", size_pt: float | None = None) -> None:
    """A complex field (PAGE, NUMPAGES): Word and LibreOffice compute it on open."""
    el = p_el(p)

    def run() -> etree._Element:
        r = etree.SubElement(el, qn("w:r"))
        if size_pt:
            rpr = etree.SubElement(r, qn("w:rPr"))
            etree.SubElement(rpr, qn("w:sz")).set(qn("w:val"), str(round(size_pt * 2)))
        return r

    def fld(kind: str) -> None:
        f = etree.SubElement(run(), qn("w:fldChar"))
        f.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            f.set(qn("w:dirty"), "true")

    fld("begin")
    t = etree.SubElement(run(), qn("w:instrText"))
    t.set(XML_SPACE, "preserve")
    t.text = f" {instr} "
    fld("separate")
    add_run(el, placeholder, size_pt=size_pt)
    fld("end")


class Numbering:
    """Our two list definitions (sections; lettered subsections) added to a numbering part
    without clashing with ids a house template already uses."""

    def __init__(self, root: etree._Element):
        self.root = root
        self.used_abs = _ids(root, "w:abstractNum", "w:abstractNumId")
        self.used_num = _ids(root, "w:num", "w:numId")
        self.section_abs = self._abstract("decimal", "Section %1.", 0, 0, "space", bold=True)
        self.sub_abs = self._abstract("lowerLetter", "(%1)", 792, 432, "tab")
        self.section_num = self._num(self.section_abs)

    def _abstract(self, fmt: str, text: str, left: int, hanging: int, suff: str,
                  bold: bool = False) -> int:
        aid = _free(self.used_abs)
        a = etree.Element(qn("w:abstractNum"))
        a.set(qn("w:abstractNumId"), str(aid))
        etree.SubElement(a, qn("w:multiLevelType")).set(qn("w:val"), "singleLevel")
        lvl = etree.SubElement(a, qn("w:lvl"))
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:suff", suff),
                         ("w:lvlText", text), ("w:lvlJc", "left")):
            etree.SubElement(lvl, qn(tag)).set(qn("w:val"), val)
        ind = etree.SubElement(etree.SubElement(lvl, qn("w:pPr")), qn("w:ind"))
        ind.set(qn("w:left"), str(left))
        ind.set(qn("w:hanging"), str(hanging))
        if bold:
            etree.SubElement(etree.SubElement(lvl, qn("w:rPr")), qn("w:b"))
        # abstractNum elements come before num elements (and numIdMacAtCleanup) in
        # numbering.xml
        after = self.root.find(qn("w:num"))
        if after is None:
            after = self.root.find(qn("w:numIdMacAtCleanup"))
        if after is not None:
            after.addprevious(a)
        else:
            self.root.append(a)
        return aid

    def _num(self, abstract_id: int, restart: bool = False) -> int:
        nid = _free(self.used_num)
        n = etree.SubElement(self.root, qn("w:num"))
        cleanup = self.root.find(qn("w:numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(n)
        n.set(qn("w:numId"), str(nid))
        etree.SubElement(n, qn("w:abstractNumId")).set(qn("w:val"), str(abstract_id))
        if restart:
            ov = etree.SubElement(n, qn("w:lvlOverride"))
            ov.set(qn("w:ilvl"), "0")
            etree.SubElement(ov, qn("w:startOverride")).set(qn("w:val"), "1")
        return nid

    def new_sublist(self) -> int:
        """A fresh lettered list that restarts at (a)."""
        return self._num(self.sub_abs, restart=True)


def _ids(root: etree._Element, tag: str, attr: str) -> set[int]:
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


def set_line_numbers(sectpr: etree._Element) -> None:
    ln = sectpr.find(qn("w:lnNumType"))
    if ln is None:
        ln = insert_ordered(sectpr, etree.SubElement(sectpr, qn("w:lnNumType")),
                            SECTPR_ORDER)
    ln.set(qn("w:countBy"), "1")
    ln.set(qn("w:restart"), "newPage")
    ln.set(qn("w:distance"), "360")


def set_landscape(sectpr: etree._Element) -> None:
    pgsz = sectpr.find(qn("w:pgSz"))
    if pgsz is None:
        pgsz = insert_ordered(sectpr, etree.SubElement(sectpr, qn("w:pgSz")), SECTPR_ORDER)
        pgsz.set(qn("w:w"), "12240")
        pgsz.set(qn("w:h"), "15840")
    if pgsz.get(qn("w:orient")) == "landscape":
        return
    w, h = pgsz.get(qn("w:w"), "12240"), pgsz.get(qn("w:h"), "15840")
    pgsz.set(qn("w:orient"), "landscape")
    pgsz.set(qn("w:w"), h)
    pgsz.set(qn("w:h"), w)


def fill_core(root: etree._Element, ns: dict[str, str], fields: dict[str, object]) -> None:
    """Replace the document properties (docProps/core.xml) with `fields`, in a fixed order
    and with fixed dates, so the same draft gives the same bytes."""
    for child in list(root):
        root.remove(child)
    xsi_type = f"{{{ns['xsi']}}}type"
    for tag, value in fields.items():
        prefix, local = tag.split(":")
        el = etree.SubElement(root, f"{{{ns[prefix]}}}{local}")
        if isinstance(value, dt.datetime):
            el.set(xsi_type, "dcterms:W3CDTF")
            el.text = value.strftime("%Y-%m-%dT%H:%M:%SZ")
        else:
            el.text = clean_text(str(value))[:255]
