"""Word (.docx) layout of the document model.

What makes it clerk-ready (see shared/reference/tools-landscape.md on Word pitfalls):
built-in style names so a house template restyles everything; real Word numbering for
sections and lettered subsections (restarting in each section), never typed numbers;
"Page X of Y" from fields; optional line numbers; fixed document properties and a zip with
fixed timestamps, so the same draft always gives the same bytes.

The ordinance is written on the package's XML directly (`docx_package`, `ooxml`), without
importing python-docx; writers that want python-docx's table and run API set `rich` and
get the same prepared package opened as `self.d`.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from drafter.document import Document
from drafter.draft import atomic_write
from drafter.errors import ExportError
from drafter.formats.docx_package import (
    CORE_NS,
    Package,
    Prepared,
    style_ids,
    write_member,
)
from drafter.formats.ooxml import (
    Numbering,
    add_field,
    add_run,
    fill_core,
    new_paragraph,
    ppr_flag,
    qn,
    set_jc,
    set_landscape,
    set_line_numbers,
    set_num,
)
from drafter.layout import ROLES, Item, layout

FOOTER_NOTE = "Prepared with Drafter \u2014 a drafting aid, not legal advice."
REQUIRED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "List Number", "Header",
                   "Footer", "Table Grid")
__all__ = ["DocxWriter", "OrdinanceWriter", "add_run", "set_num", "write_ordinance"]


class DocxWriter:
    """Lays a Document out in Word. Subclasses (ordinance, comparison, packet, redline)
    share the page set-up, header/footer, properties, numbering and deterministic save."""

    rich = False  # open the prepared package with python-docx as `self.d`

    def __init__(self, template: str | Path | None = None, line_numbers: bool = False,
                 landscape: bool = False):
        self.template = template
        self.line_numbers = line_numbers
        self.house = template is not None
        self.pkg = Package.from_template(Path(template)) if template is not None \
            else Package.base()
        prep = Prepared(self.pkg, self.house, REQUIRED_STYLES)
        if landscape:
            set_landscape(prep.sectpr)
        self.types = prep.types
        self.new_headers = [new for _, new in prep.headers]
        self.new_footers = [new for _, new in prep.footers]
        self.d: Any = None
        if self.rich:
            self._open_rich()
        else:
            self.body, self.sectpr = prep.body, prep.sectpr
            self.headers = [el for el, _ in prep.headers]
            self.footers = [el for el, _ in prep.footers]
            self.core_el = prep.core
            self.numbering = Numbering(prep.numbering)
            self._styles = style_ids(prep.styles)

    def _open_rich(self) -> None:
        import docx

        try:
            self.d = d = docx.Document(io.BytesIO(self.pkg.save()))
            sec = d.sections[0]
            by_type = {"default": (sec.header, sec.footer),
                       "first": (sec.first_page_header, sec.first_page_footer),
                       "even": (sec.even_page_header, sec.even_page_footer)}
            self.headers = [by_type[t][0]._element for t in self.types]
            self.footers = [by_type[t][1]._element for t in self.types]
            self.body, self.sectpr = d.element.body, sec._sectPr
            self.core_el = d.core_properties._element
            self.numbering = Numbering(d.part.numbering_part.element)
            self._styles = style_ids(d.styles.element)
        except Exception as exc:  # python-docx raises several types for odd packages
            raise ExportError(f"not a usable Word template: {exc}", self.template) from None

    # page -----------------------------------------------------------------------------

    def header_footer(self, header_text: str) -> None:
        """The DRAFT line (right, bold) and "Page X of Y" with the not-legal-advice note on
        every header and footer a page shows, added to a house template's own letterhead
        rather than replacing it."""
        for hdr, new in zip(self.headers, self.new_headers, strict=True):
            first = hdr.find(qn("w:p"))
            p = first if new and first is not None else new_paragraph(hdr)
            set_jc(p, "right")
            add_run(p, header_text, bold=True, size_pt=9)
        for ftr, new in zip(self.footers, self.new_footers, strict=True):
            first = ftr.find(qn("w:p"))
            f = first if new and first is not None else new_paragraph(ftr)
            set_jc(f, "center")
            add_run(f, "Page ", size_pt=9)
            add_field(f, "PAGE", size_pt=9)
            add_run(f, " of ", size_pt=9)
            add_field(f, "NUMPAGES", size_pt=9)
            note = new_paragraph(ftr, align="center")
            add_run(note, FOOTER_NOTE, italic=True, size_pt=8)
        # Word never numbers header/footer lines, LibreOffice does unless told not to
        for part in (*self.headers, *self.footers):
            for para in part.findall(qn("w:p")):
                ppr_flag(para, "w:suppressLineNumbers")

    def set_line_numbers(self) -> None:
        set_line_numbers(self.sectpr)

    def properties(self, title: str, subject: str, author: str, keywords: str,
                   created: dt.datetime, comments: str) -> None:
        fill_core(self.core_el, CORE_NS, {
            "dc:title": title, "dc:subject": subject, "dc:creator": author,
            "cp:keywords": keywords, "dc:description": comments,
            "cp:lastModifiedBy": "Drafter", "cp:revision": 1, "dcterms:created": created,
            "dcterms:modified": created, "cp:category": "Draft ordinance",
            "cp:lastPrinted": created})

    # body -----------------------------------------------------------------------------

    def style_id(self, name: str) -> str | None:
        """None for the default paragraph style (no w:pStyle needed) and for a style the
        document lacks (Word falls back to Normal)."""
        found = self._styles.get(name.lower())
        if found is None or (found[1] and name == "Normal"):
            return None
        return found[0]

    def para(self, text: str = "", style: str = "Normal", bold: bool = False,
             align: str | None = None, keep_next: bool = False):
        """A new body paragraph (a python-docx Paragraph for rich writers)."""
        p = new_paragraph(self.body, self.style_id(style), align, keep_next,
                          before=self.sectpr)
        if text:
            add_run(p, text, bold=bold)
        if self.rich:
            from docx.text.paragraph import Paragraph as DocxParagraph

            return DocxParagraph(p, self.d._body)
        return p

    def save(self, path: str | Path | None = None) -> bytes:
        """Serialize with fixed zip timestamps; write atomically if `path`."""
        data = deterministic_bytes(self.d) if self.rich else self.pkg.save()
        if path is not None:
            write_output(path, data)
        return data


class _FixedTimeZip:
    """python-docx's zip writer stamps every member with the current time; this one uses
    a fixed time, so the same document gives the same bytes."""

    def __init__(self, fh: io.BytesIO):
        self.zip = zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        write_member(self.zip, pack_uri.membername, blob)

    def close(self) -> None:
        self.zip.close()


def deterministic_bytes(d) -> bytes:
    """What python-docx's `Document.save` does (OpcPackage.save + PackageWriter.write),
    with a fixed-time zip writer. Kept in step with python-docx 1.x."""
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


def write_output(path: str | Path, data: bytes) -> None:
    try:
        atomic_write(path, data)
    except ExportError:
        raise
    except Exception as exc:
        problem = getattr(exc, "problem", None)
        raise ExportError(problem.message if problem else str(exc), path) from None


class OrdinanceWriter(DocxWriter):
    """The ordinance itself: `drafter.layout`'s paragraphs, each in its role's format."""

    def write(self, doc: Document) -> DocxWriter:
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
            set_num(self.item(sec.heading), self.numbering.section_num)
            sub_num = None
            for item in sec.paras:
                q = self.item(item)
                if item.role == "sub":
                    if sub_num is None:  # lettering restarts at (a) in every section
                        sub_num = self.numbering.new_sublist()
                    set_num(q, sub_num)
        for item in back:
            self.item(item)
        return self

    def item(self, item: Item):
        """A paragraph in the format of its role (`drafter.layout.ROLES`)."""
        style, center, keep = ROLES[item.role]
        p = self.para(style=style, align="center" if center else None, keep_next=keep)
        for run in item.runs:
            add_run(p, run.text, bold=run.bold, italic=run.italic)
        return p


def write_ordinance(doc: Document, path: str | Path | None = None,
                    template: str | Path | None = None, line_numbers: bool = False) -> bytes:
    return OrdinanceWriter(template, line_numbers).write(doc).save(path)
