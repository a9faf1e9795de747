"""Word (.docx) layout of the document model, with python-docx.

What makes it clerk-ready (see shared/reference/tools-landscape.md on Word pitfalls):
built-in style names so a house template restyles everything; real Word numbering for
sections and lettered subsections (restarting in each section), never typed numbers;
"Page X of Y" from fields; optional line numbers; fixed document properties and a zip with
fixed timestamps and order, so the same draft always gives the same bytes.

Every writer (ordinance, comparison, redline, packet) starts from the same document: our
base (formats/base.docx) or a clerk's house template (`formats.docx.template`), prepared here
once. What python-docx has no API for is in `ooxml`.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from drafter.errors import ExportError
from drafter.formats.docx.ooxml import (
    Numbering,
    Paragraphs,
    add_field,
    add_run,
    ppr_flag,
    set_line_numbers,
)
from drafter.formats.docx.template import base_bytes, open_document
from drafter.load.draft import atomic_write
from drafter.load.yamlio import clean_text
from drafter.ordinance.document import Document
from drafter.ordinance.layout import ORDINANCE_STYLES, ROLES, Item, layout

FOOTER_NOTE = "Prepared with Drafter \u2014 a drafting aid, not legal advice."
REQUIRED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "List Number", "Header",
                   "Footer", "Table Grid", *ORDINANCE_STYLES)
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
HF_TYPES = ("default", "first", "even")
__all__ = ["DocxWriter", "OrdinanceWriter", "write_ordinance"]


class DocxWriter:
    """Lays a document out in Word. Subclasses (ordinance, comparison, packet, redline)
    share the page set-up, header/footer, properties, numbering and deterministic save."""

    def __init__(self, template: str | Path | None = None, line_numbers: bool = False,
                 landscape: bool = False):
        self.template = template
        self.line_numbers = line_numbers
        self.house = template is not None
        self.d: Any = open_document(template)
        try:
            self._prepare(landscape)
        except ExportError:
            raise
        except Exception as exc:  # python-docx meets what the repairs did not foresee
            raise ExportError(f"not a usable Word template: {exc}", template) from None

    def _prepare(self, landscape: bool) -> None:
        d = self.d
        body = d.element.body
        if d.element.tag != qn("w:document") or body is None:
            raise ExportError("not a usable Word template: the document has no body",
                              self.template)
        self.sectpr = body.get_or_add_sectPr()
        if self.house:  # keep the template's page set-up, letterhead and styles, not its text
            self._inherit_header_footer_refs(body)
            for child in list(body):
                if child is not self.sectpr:
                    body.remove(child)
            self._drop_broken_refs()
            _ensure_styles(d.styles.element, REQUIRED_STYLES)
        sec = d.sections[-1]
        if landscape and sec.orientation != WD_ORIENT.LANDSCAPE:
            sec.orientation = WD_ORIENT.LANDSCAPE
            sec.page_width, sec.page_height = sec.page_height, sec.page_width
        types = ["default"]
        if sec.different_first_page_header_footer:
            types.append("first")
        try:  # d.settings would add a settings part to a template that has none
            settings = d.part.part_related_by(RT.SETTINGS).settings
        except KeyError:
            settings = None
        if settings is not None and settings.odd_and_even_pages_header_footer:
            types.append("even")
        by_type = {"default": (sec.header, sec.footer),
                   "first": (sec.first_page_header, sec.first_page_footer),
                   "even": (sec.even_page_header, sec.even_page_footer)}
        self.headers: list[tuple[Any, bool]] = []
        self.footers: list[tuple[Any, bool]] = []
        for t in types:
            for part, out in zip(by_type[t], (self.headers, self.footers), strict=True):
                new = part.is_linked_to_previous
                if new:
                    part.is_linked_to_previous = False
                out.append((part, new))
        self.numbering = Numbering(d.part.numbering_part.element)
        self.paragraphs = Paragraphs(self.sectpr)
        # style name (lower case: Word stores built-in names so) -> id; None for the
        # default paragraph style, which needs no w:pStyle
        self._styles: dict[str, str | None] = {}
        default = d.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        for s in d.styles:
            if s.name and s.type == WD_STYLE_TYPE.PARAGRAPH:
                self._styles.setdefault(s.name.lower(), None if default is not None and
                                        s.style_id == default.style_id else s.style_id)

    def _inherit_header_footer_refs(self, body: Any) -> None:
        """A section without its own header shows the previous section's ("link to
        previous"). Only the last section survives emptying the body, so it takes over the
        references it inherited, and the letterhead with them."""
        earlier = [sp for sp in body.iter(qn("w:sectPr")) if sp is not self.sectpr]
        for kind in ("header", "footer"):
            tag = qn(f"w:{kind}Reference")
            have = {r.get(qn("w:type"), "default") for r in self.sectpr.findall(tag)}
            for t in HF_TYPES:
                if t in have:
                    continue
                for sp in reversed(earlier):
                    ref = next((r for r in sp.findall(tag)
                                if r.get(qn("w:type"), "default") == t), None)
                    if ref is not None:
                        self.sectpr.insert(0, copy.deepcopy(ref))
                        break

    def _drop_broken_refs(self) -> None:
        """Header and footer references to a relationship that is not there (or not to a
        header) would make python-docx and Word refuse the file."""
        rels = self.d.part.rels
        for ref in list(self.sectpr):
            if ref.tag in (qn("w:headerReference"), qn("w:footerReference")):
                rel = rels.get(ref.get(qn("r:id")))
                if rel is None or rel.is_external or not rel.reltype.endswith(
                        "/" + ref.tag.rsplit("}", 1)[1][:6]):
                    self.sectpr.remove(ref)

    # page -----------------------------------------------------------------------------

    def header_footer(self, header_text: str | None, note: str | None = FOOTER_NOTE) -> None:
        """The DRAFT line (right, bold) and "Page X of Y" with the not-legal-advice note on
        every header and footer a page shows, added to a house template's own letterhead
        rather than replacing it. An adoption copy (`header_text` and `note` None) has
        only the page numbers."""
        for hdr, new in self.headers:
            if header_text is None:
                break
            p = hdr.paragraphs[0] if new and hdr.paragraphs else hdr.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            self.run(p, header_text, bold=True, size_pt=9)
        for ftr, new in self.footers:
            f = ftr.paragraphs[0] if new and ftr.paragraphs else ftr.add_paragraph()
            f.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.run(f, "Page ", size_pt=9)
            add_field(f, "PAGE", size_pt=9)
            self.run(f, " of ", size_pt=9)
            add_field(f, "NUMPAGES", size_pt=9)
            if note:
                line = ftr.add_paragraph()
                line.alignment = WD_ALIGN_PARAGRAPH.CENTER
                self.run(line, note, italic=True, size_pt=8)
        # Word never numbers header/footer lines, LibreOffice does unless told not to
        for part, _ in (*self.headers, *self.footers):
            for para in part.paragraphs:
                ppr_flag(para, "w:suppressLineNumbers")

    def set_line_numbers(self) -> None:
        set_line_numbers(self.sectpr)

    def properties(self, title: str, subject: str, author: str, keywords: str,
                   created: dt.datetime, comments: str, category: str = "Draft ordinance"
                   ) -> None:
        """The document properties, fixed from the draft (never "now"), in a fixed order:
        the same draft gives the same bytes. The core part starts empty (formats.docx.template)."""
        cp = self.d.core_properties
        cp.title = clean_text(title)[:255]
        cp.subject = clean_text(subject)[:255]
        cp.author = clean_text(author)[:255]
        cp.keywords = clean_text(keywords)[:255]
        cp.comments = clean_text(comments)[:255]
        cp.last_modified_by = "Drafter"
        cp.revision = 1
        created = created.replace(tzinfo=None, microsecond=0)
        cp.created = created
        cp.modified = created
        cp.category = category
        cp.last_printed = created

    # body -----------------------------------------------------------------------------

    def para(self, text: str = "", style: str = "Normal", bold: bool = False,
             align: str | None = None, keep_next: bool = False) -> Any:
        """A new body paragraph (python-docx's Paragraph) in a style the document has
        (Word falls back to Normal for one it lacks)."""
        p = Paragraph(self.body_para(style, align, keep_next), self.d)
        if text:
            self.run(p, text, bold=bold)
        return p

    def body_para(self, style: str = "Normal", align: str | None = None,
                  keep_next: bool = False, num_id: int | None = None) -> Any:
        """A new body paragraph as a w:p element (the ordinance's thousand paragraphs)."""
        return self.paragraphs.new(self._styles.get(style.lower()), align, keep_next, num_id)

    @staticmethod
    def run(p: Any, text: str, bold: bool = False, italic: bool = False,
            size_pt: float | None = None) -> Any:
        """A run of text as every writer makes it: python-docx's Run on a paragraph
        object, the w:r element on a w:p element."""
        r = add_run(p, clean_text(text), bold, italic, size_pt)
        return Run(r, p) if isinstance(p, Paragraph) else r

    def accessible(self) -> None:
        """What a screen reader and an accessibility checker look for beyond real heading
        styles and marked table header rows (the writers use both): a document language
        (a house template may lack one) and a text alternative on every picture, such as
        a letterhead's seal."""
        from drafter.formats.docx.ooxml import ensure_alt_text, ensure_language

        ensure_language(self.d.styles.element)
        parts = [self.d.element, *(p.part.element for p, _ in (*self.headers, *self.footers))]
        for root in parts:
            ensure_alt_text(root)
        if not self.d.core_properties.title:
            self.d.core_properties.title = "Drafter document"

    def save(self, path: str | Path | None = None) -> bytes:
        """python-docx's save, then the zip rewritten with fixed member times and order;
        written atomically if `path`."""
        self.accessible()
        try:
            data = deterministic_bytes(self.d)
        except Exception as exc:  # python-docx on a part of a template it cannot write
            if self.template is None:
                raise
            raise ExportError(f"not a usable Word template: {exc}", self.template) from None
        if path is not None:
            write_output(path, data)
        return data


def deterministic_bytes(d: Any) -> bytes:
    """python-docx stamps every zip member with the current time; the same document must
    give the same bytes, so the members are copied with a fixed time, content types first
    and the rest in name order."""
    raw = io.BytesIO()
    d.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, src.read(name), compresslevel=1)
    return out.getvalue()


def write_output(path: str | Path, data: bytes) -> None:
    try:
        atomic_write(path, data)
    except ExportError:
        raise
    except Exception as exc:
        problem = getattr(exc, "problem", None)
        raise ExportError(problem.message if problem else str(exc), path) from None


@cache
def _base_styles() -> bytes:
    with zipfile.ZipFile(io.BytesIO(base_bytes())) as z:
        return z.read("word/styles.xml")


def _ensure_styles(styles: Any, names: tuple[str, ...]) -> None:
    """Word saves only the styles a document uses; copy any we need (and the styles they
    are based on) from our base document."""
    from docx.oxml import parse_xml

    def by_name(root: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for s in root.findall(qn("w:style")):
            name = s.find(qn("w:name"))
            if name is not None:
                out.setdefault((name.get(qn("w:val")) or "").lower(), s)
        return out

    have = by_name(styles)
    missing = [n for n in names if n.lower() not in have]
    if not missing:
        return
    base = parse_xml(_base_styles())
    base_ids = {s.get(qn("w:styleId")): s for s in base.findall(qn("w:style"))}
    ids = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
    base_names = by_name(base)
    queue = [base_names[n.lower()].get(qn("w:styleId")) for n in missing
             if n.lower() in base_names]
    while queue:
        sid = queue.pop(0)
        if sid in ids or sid not in base_ids:
            continue
        el = base_ids[sid]
        styles.append(el)
        ids.add(sid)
        based = el.find(qn("w:basedOn"))
        if based is not None:
            queue.append(based.get(qn("w:val")))


class OrdinanceWriter(DocxWriter):
    """The ordinance itself: `drafter.ordinance.layout`'s paragraphs, each in its role's format."""

    def write(self, doc: Document, final: bool = False) -> DocxWriter:
        """`final`: the adoption copy, without the DRAFT line and the tool's footer note."""
        if final:
            self.header_footer(None, None)
        else:
            self.header_footer(doc.header)
        if self.line_numbers:
            self.set_line_numbers()
        p = self.properties
        pr = doc.properties
        p(pr.title, pr.subject, pr.author, pr.keywords, pr.created, doc.disclaimer)
        front, sections, back = layout(doc)
        for item in front:
            self.item(item)
        for sec in sections:
            self.item(sec.heading, self.numbering.section_num)
            sub_num = None
            for item in sec.paras:
                if item.role == "sub" and sub_num is None:
                    sub_num = self.numbering.new_sublist()  # (a) again in every section
                self.item(item, sub_num if item.role == "sub" else None)
        for item in back:
            self.item(item)
        return self

    def item(self, item: Item, num_id: int | None = None) -> Any:
        """A paragraph in the format of its role (`drafter.ordinance.layout.ROLES`), in list
        `num_id` if given."""
        style, center, _ = ROLES[item.role]
        p = self.body_para(style, "center" if center else None, item.keep_next, num_id)
        # neighbouring runs that look the same (a defined term is marked only in the
        # preview) are one run in Word: a third of the elements, the same document
        text, fmt = "", (False, False)
        for run in item.runs:
            if (run.bold, run.italic) != fmt and text:
                self.run(p, text, *fmt)
                text = ""
            text += run.text
            fmt = (run.bold, run.italic)
        if text:
            self.run(p, text, *fmt)
        return p


def write_ordinance(doc: Document, path: str | Path | None = None,
                    template: str | Path | None = None, line_numbers: bool = False,
                    final: bool = False) -> bytes:
    return OrdinanceWriter(template, line_numbers).write(doc, final).save(path)
