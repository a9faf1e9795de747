"""Word (.docx) layout of the document model.

What makes it clerk-ready (see shared/reference/tools-landscape.md on Word pitfalls):
built-in style names so a house template restyles everything; real Word numbering for
sections and lettered subsections (restarting in each section), never typed numbers;
"Page X of Y" from fields; optional line numbers; fixed document properties and a zip with
fixed timestamps, so the same draft always gives the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from drafter.document import Document, Paragraph
from drafter.draft import atomic_write
from drafter.errors import ExportError
from drafter.yamlio import clean_text

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
MAX_TEMPLATE_BYTES = 30 * 1024 * 1024
MAX_TEMPLATE_UNPACKED = 150 * 1024 * 1024
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FOOTER_NOTE = "Prepared with Drafter \u2014 a drafting aid, not legal advice."
_JC = {WD_ALIGN_PARAGRAPH.LEFT: "left", WD_ALIGN_PARAGRAPH.CENTER: "center",
       WD_ALIGN_PARAGRAPH.RIGHT: "right", WD_ALIGN_PARAGRAPH.JUSTIFY: "both"}
REQUIRED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "List Number")


# --- opening a base document -----------------------------------------------------------


def open_base(template: str | Path | None) -> docx.document.Document:
    """python-docx's default document, or the user's house template emptied of its body."""
    if template is None:
        return docx.Document()
    data = read_template(Path(template))
    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise ExportError(f"not a usable Word template: {exc}", template) from None
    body = d.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _ensure_styles(d)
    return d


def read_template(path: Path) -> bytes:
    """Validate a house template; .dotx is accepted by relabelling its main part."""
    if not path.exists():
        raise ExportError("template not found", path)
    if path.is_dir():
        raise ExportError("template is a folder, not a Word file", path)
    size = path.stat().st_size
    if size > MAX_TEMPLATE_BYTES:
        raise ExportError(f"template is too large ({size / 1048576:.1f} MB)", path)
    raw = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise ExportError("not a Word file (.docx or .dotx): it is not a zip package", path)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            infos = z.infolist()
            if sum(i.file_size for i in infos) > MAX_TEMPLATE_UNPACKED:
                raise ExportError("template unpacks to more than 150 MB; refusing it", path)
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise ExportError("not a Word file (.docx or .dotx): no word/document.xml",
                                  path)
            ctypes = z.read("[Content_Types].xml").decode("utf-8", "replace")
            if "macroEnabled" in ctypes:
                raise ExportError("macro-enabled Word files (.docm/.dotm) are not accepted; "
                                  "save the template as .docx or .dotx", path)
            if DOTX_MAIN not in ctypes:
                return raw
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as w:
                for info in infos:
                    blob = z.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        blob = ctypes.replace(DOTX_MAIN, DOCX_MAIN).encode("utf-8")
                    w.writestr(info, blob)
            return out.getvalue()
    except zipfile.BadZipFile as exc:
        raise ExportError(f"damaged Word file: {exc}", path) from None


def _ensure_styles(d: docx.document.Document) -> None:
    """Word saves only the styles a document uses; copy any we need from the default."""
    have = {s.name for s in d.styles}
    missing = [n for n in REQUIRED_STYLES if n not in have]
    if not missing:
        return
    default = docx.Document()
    for name in missing:
        d.styles.element.append(copy.deepcopy(default.styles[name].element))


# --- numbering ---------------------------------------------------------------------------


class _Numbering:
    """Adds our two list definitions (sections; lettered subsections) without clashing with
    ids a house template already uses."""

    def __init__(self, d: docx.document.Document):
        self.root = d.part.numbering_part.element
        abstract = [int(a.get(qn("w:abstractNumId")))
                    for a in self.root.findall(qn("w:abstractNum"))]
        nums = [int(n.get(qn("w:numId"))) for n in self.root.findall(qn("w:num"))]
        self.next_abs = max(abstract, default=0) + 1
        self.next_num = max(nums, default=0) + 1
        self.section_abs = self._abstract("decimal", "Section %1.", 0, 0, "space", bold=True)
        self.sub_abs = self._abstract("lowerLetter", "(%1)", 720, 360, "tab")
        self.section_num = self._num(self.section_abs)

    def _abstract(self, fmt: str, text: str, left: int, hanging: int, suff: str,
                  bold: bool = False) -> int:
        aid = self.next_abs
        self.next_abs += 1
        a = OxmlElement("w:abstractNum")
        a.set(qn("w:abstractNumId"), str(aid))
        mlt = OxmlElement("w:multiLevelType")
        mlt.set(qn("w:val"), "singleLevel")
        a.append(mlt)
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:suff", suff),
                         ("w:lvlText", text), ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(left))
        ind.set(qn("w:hanging"), str(hanging))
        ppr.append(ind)
        lvl.append(ppr)
        if bold:
            rpr = OxmlElement("w:rPr")
            rpr.append(OxmlElement("w:b"))
            lvl.append(rpr)
        a.append(lvl)
        # abstractNum elements must precede num elements in numbering.xml
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(a)
        else:
            self.root.append(a)
        return aid

    def _num(self, abstract_id: int, restart: bool = False) -> int:
        nid = self.next_num
        self.next_num += 1
        n = OxmlElement("w:num")
        n.set(qn("w:numId"), str(nid))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(abstract_id))
        n.append(ref)
        if restart:
            ov = OxmlElement("w:lvlOverride")
            ov.set(qn("w:ilvl"), "0")
            so = OxmlElement("w:startOverride")
            so.set(qn("w:val"), "1")
            ov.append(so)
            n.append(ov)
        self.root.append(n)
        return nid

    def new_sublist(self) -> int:
        """A fresh lettered list that restarts at (a)."""
        return self._num(self.sub_abs, restart=True)


# children of w:pPr that come before w:numPr in the schema (CT_PPrBase)
_PPR_BEFORE_NUMPR = {qn(t) for t in ("w:pStyle", "w:keepNext", "w:keepLines",
                                      "w:pageBreakBefore", "w:framePr", "w:widowControl")}


def _set_num(paragraph, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = etree.Element(qn("w:numPr"))
    etree.SubElement(numpr, qn("w:ilvl")).set(qn("w:val"), "0")
    etree.SubElement(numpr, qn("w:numId")).set(qn("w:val"), str(num_id))
    index = 0
    for i, child in enumerate(ppr):
        if child.tag in _PPR_BEFORE_NUMPR:
            index = i + 1
    ppr.insert(index, numpr)


_PPR_AFTER_NUMPR = (
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


# --- fields ------------------------------------------------------------------------------


def add_field(paragraph, instr: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES): Word and LibreOffice compute it on open."""
    def fld(kind: str) -> None:
        r = OxmlElement("w:r")
        f = OxmlElement("w:fldChar")
        f.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            f.set(qn("w:dirty"), "true")
        r.append(f)
        paragraph._p.append(r)

    fld("begin")
    r = OxmlElement("w:r")
    t = OxmlElement("w:instrText")
    t.set(qn("xml:space"), "preserve")
    t.text = f" {instr} "
    r.append(t)
    paragraph._p.append(r)
    fld("separate")
    paragraph.add_run(placeholder)
    fld("end")


# --- the writer --------------------------------------------------------------------------


_PLAIN_BASES: dict[bool, docx.document.Document | None] = {}


def _plain_base(landscape: bool) -> docx.document.Document:
    """The default document with our page and styles set up. From the second document a
    process writes on, a prepared tree is copied (twice as fast as opening and restyling
    the default); a one-shot export builds it once and copies nothing."""
    base = _PLAIN_BASES.get(landscape)
    if base is not None:
        return copy.deepcopy(base)
    writer = DocxWriter.__new__(DocxWriter)
    writer.d = docx.Document()
    writer.house = False
    writer._plain_styles()
    writer._page(landscape)
    if landscape in _PLAIN_BASES:  # second use: keep a pristine copy from now on
        _PLAIN_BASES[landscape] = copy.deepcopy(writer.d)
    else:
        _PLAIN_BASES[landscape] = None
    return writer.d


class DocxWriter:
    """Lays a Document out in Word. Subclasses (comparison, packet) reuse the page set-up,
    header/footer, properties and the deterministic save."""

    def __init__(self, template: str | Path | None = None, line_numbers: bool = False,
                 landscape: bool = False):
        self.template = template
        self.line_numbers = line_numbers
        self.house = template is not None
        if not self.house:
            self.d = _plain_base(landscape)
        else:
            self.d = open_base(template)
            if landscape:
                self._landscape()
        self.numbering = _Numbering(self.d)

    # page and styles
    def _plain_styles(self) -> None:
        st = self.d.styles
        normal = st["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(12)
        rpr = normal.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.append(rfonts)
        for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(a), "Times New Roman")
        normal.paragraph_format.space_after = Pt(8)
        normal.paragraph_format.line_spacing = 1.15
        for name, size in (("Title", 13), ("Heading 1", 12), ("Heading 2", 12)):
            s = st[name]
            s.font.name = "Times New Roman"
            s.font.size = Pt(size)
            s.font.bold = True
            s.font.italic = False
            s.font.color.rgb = RGBColor(0, 0, 0)
            s.font.all_caps = False  # the title text is upper-case already, "287(g)" stays
            s.paragraph_format.space_before = Pt(12)
            s.paragraph_format.space_after = Pt(6)
            srpr = s.element.get_or_add_rPr()
            rf = srpr.find(qn("w:rFonts"))
            if rf is not None:
                for attr in list(rf.attrib):
                    del rf.attrib[attr]
                for a in ("w:ascii", "w:hAnsi", "w:cs"):
                    rf.set(qn(a), "Times New Roman")
            # drop theme colours/borders the default template gives these styles
            spr = s.element.pPr
            if spr is not None:
                for tag in ("w:pBdr",):
                    el = spr.find(qn(tag))
                    if el is not None:
                        spr.remove(el)
        st["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        st["List Number"].paragraph_format.space_after = Pt(6)

    def _page(self, landscape: bool) -> None:
        sec = self.d.sections[0]
        sec.page_width, sec.page_height = Inches(8.5), Inches(11)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(sec, side, Inches(1))
        if landscape:
            self._landscape()

    def _landscape(self) -> None:
        sec = self.d.sections[0]
        if sec.orientation != WD_ORIENT.LANDSCAPE:
            sec.orientation = WD_ORIENT.LANDSCAPE
            sec.page_width, sec.page_height = sec.page_height, sec.page_width

    def header_footer(self, header_text: str) -> None:
        sec = self.d.sections[0]
        hp = sec.header.paragraphs
        p = hp[0] if (hp and not hp[0].text.strip() and not self.house) else \
            sec.header.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        r = p.add_run(clean_text(header_text))
        r.bold = True
        r.font.size = Pt(9)
        fp = sec.footer.paragraphs
        f = fp[0] if (fp and not fp[0].text.strip()) else sec.footer.add_paragraph()
        f.alignment = WD_ALIGN_PARAGRAPH.CENTER
        f.add_run("Page ")
        add_field(f, "PAGE")
        f.add_run(" of ")
        add_field(f, "NUMPAGES")
        note = sec.footer.add_paragraph()
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        nr = note.add_run(FOOTER_NOTE)
        nr.italic = True
        nr.font.size = Pt(8)
        for run in f.runs:
            run.font.size = Pt(9)
        # Word never numbers header/footer lines, LibreOffice does unless told not to
        for para in [*sec.header.paragraphs, *sec.footer.paragraphs]:
            ppr = para._p.get_or_add_pPr()
            if ppr.find(qn("w:suppressLineNumbers")) is None:
                ppr.insert_element_before(OxmlElement("w:suppressLineNumbers"),
                                          *_PPR_AFTER_NUMPR[1:])

    def set_line_numbers(self) -> None:
        sectpr = self.d.sections[0]._sectPr
        ln = sectpr.find(qn("w:lnNumType"))
        if ln is None:
            ln = OxmlElement("w:lnNumType")
            # lnNumType comes after pgMar/paperSrc/pgBorders in CT_SectPr
            anchor = None
            for tag in ("w:pgBorders", "w:paperSrc", "w:pgMar", "w:pgSz"):
                anchor = sectpr.find(qn(tag))
                if anchor is not None:
                    break
            if anchor is not None:
                anchor.addnext(ln)
            else:
                sectpr.insert(0, ln)
        ln.set(qn("w:countBy"), "1")
        ln.set(qn("w:restart"), "newPage")
        ln.set(qn("w:distance"), "360")

    def properties(self, title: str, subject: str, author: str, keywords: str,
                   created: dt.datetime, comments: str) -> None:
        cp = self.d.core_properties
        cp.title = clean_text(title)[:255]
        cp.subject = clean_text(subject)[:255]
        cp.author = clean_text(author)[:255]
        cp.keywords = clean_text(keywords)[:255]
        cp.comments = clean_text(comments)[:255]
        cp.last_modified_by = "Drafter"
        cp.category = "Draft ordinance"
        cp.created = created
        cp.modified = created
        cp.last_printed = created
        cp.revision = 1

    # body helpers
    def style_id(self, name: str) -> str | None:
        """python-docx looks a style name up by scanning every style on every paragraph;
        a document of 200 paragraphs spent most of its time there. Resolve once."""
        cache = self.__dict__.setdefault("_style_ids", {})
        if name not in cache:
            style = self.d.styles[name]
            cache[name] = None if style.builtin and name == "Normal" and \
                style.element.default else style.style_id
        return cache[name]

    def para(self, text: str = "", style: str = "Normal", bold: bool = False,
             align: WD_ALIGN_PARAGRAPH | None = None, keep_next: bool = False):
        # built with lxml in schema order (pStyle, keepNext, ..., jc): python-docx's
        # generic setters search the children for every property they add
        body = self.d.element.body
        p_el = OxmlElement("w:p")
        sid = self.style_id(style)
        if sid is not None or keep_next or align is not None:
            ppr = etree.SubElement(p_el, qn("w:pPr"))
            if sid is not None:
                etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), sid)
            if keep_next:
                etree.SubElement(ppr, qn("w:keepNext"))
            if align is not None:
                etree.SubElement(ppr, qn("w:jc")).set(qn("w:val"), _JC[align])
        sectpr = body.find(qn("w:sectPr"))
        if sectpr is not None:
            sectpr.addprevious(p_el)
        else:
            body.append(p_el)
        p = DocxParagraph(p_el, self.d._body)
        if text:
            add_run(p, text, bold=bold)
        return p

    def runs(self, p, para: Paragraph) -> None:
        for run in para.runs:
            add_run(p, run.text, bold=run.bold, italic=run.italic)

    def save(self, path: str | Path | None = None) -> bytes:
        """Serialize with fixed zip timestamps; write atomically if `path`."""
        data = deterministic_bytes(self.d)
        if path is not None:
            write_output(path, data)
        return data


class _FixedTimeZip:
    """python-docx's zip writer stamps every member with the current time; this one uses
    a fixed time, so the same document gives the same bytes."""

    def __init__(self, fh: io.BytesIO):
        self.zip = zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, FIXED_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, blob, compresslevel=1)

    def close(self) -> None:
        self.zip.close()


def deterministic_bytes(d: docx.document.Document) -> bytes:
    """What `Document.save` does (python-docx's OpcPackage.save + PackageWriter.write), with
    a fixed-time zip writer. Kept in step with python-docx 1.x."""
    from docx.opc.pkgwriter import PackageWriter

    package = d.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    writer = _FixedTimeZip(out)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    writer.close()
    return out.getvalue()


def add_run(paragraph, text: str, bold: bool = False, italic: bool = False):
    """Append a run with lxml directly (python-docx's Run.text walks every character);
    returns the w:r element so callers can wrap it in a revision mark."""
    r = etree.SubElement(paragraph._p, qn("w:r"))
    if bold or italic:
        rpr = etree.SubElement(r, qn("w:rPr"))
        if bold:
            etree.SubElement(rpr, qn("w:b"))
        if italic:
            etree.SubElement(rpr, qn("w:i"))
    t = etree.SubElement(r, qn("w:t"))
    t.text = clean_text(text)
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def write_output(path: str | Path, data: bytes) -> None:
    try:
        atomic_write(path, data)
    except ExportError:
        raise
    except Exception as exc:
        problem = getattr(exc, "problem", None)
        raise ExportError(problem.message if problem else str(exc), path) from None


class OrdinanceWriter(DocxWriter):
    """The ordinance itself."""

    def write(self, doc: Document) -> DocxWriter:
        self.header_footer(doc.header)
        if self.line_numbers:
            self.set_line_numbers()
        p = self.properties
        pr = doc.properties
        p(pr.title, pr.subject, pr.author, pr.keywords, pr.created, doc.disclaimer)
        self.para(f"ORDINANCE NO. {doc.number}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.para(doc.title, style="Title")
        for rec in doc.recitals:
            self.runs(self.para(), rec)
        self.para(doc.enacting, bold=True, keep_next=True)
        for s in doc.sections:
            h = self.para(f"{s.heading}.", style="Heading 1", keep_next=True)
            _set_num(h, self.numbering.section_num)
            sub_num = None
            for para in s.paragraphs:
                if para.kind == "sub":
                    if sub_num is None:
                        sub_num = self.numbering.new_sublist()
                    q = self.para(style="List Number")
                    _set_num(q, sub_num)
                else:
                    q = self.para()
                self.runs(q, para)
        self.para()
        for para in doc.signature:
            if para.kind == "sign":
                if para.label:
                    self.para(para.label, keep_next=True)
                self.para("", keep_next=True)
                self.para("______________________________", keep_next=True)
                self.para(para.text)
            else:
                self.para(para.text, keep_next=True)
        return self


def write_ordinance(doc: Document, path: str | Path | None = None,
                    template: str | Path | None = None, line_numbers: bool = False) -> bytes:
    return OrdinanceWriter(template, line_numbers).write(doc).save(path)
