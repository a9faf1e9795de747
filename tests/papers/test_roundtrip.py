"""Every Word writer's output read back by python-docx and converted by LibreOffice (in
the session's one LibreOffice run): the ordinance on our base and on a house template,
the redline in both styles, the comparison and the packet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from drafter.check.laws import load_lawbook
from drafter.export import write_comparison, write_ordinance, write_packet, write_redline
from drafter.load.draft import load_draft
from drafter.load.library import load_library
from drafter.ordinance.assemble import assemble
from helpers import DATA, DRAFT, PACK, lo_document, pdf_text

DAY = dt.date(2026, 11, 21)


def _pack_doc(path: Path = DRAFT):
    lib = load_library([PACK])
    return assemble(load_draft(path, set(lib.clauses)), lib)


@lo_document("rt-ordinance")
def _ordinance(path: Path) -> None:
    write_ordinance(_pack_doc(), path)


@lo_document("rt-house")
def _house(path: Path) -> None:
    """A house template with a letterhead on a different first page."""
    tpl = docx.Document()
    sec = tpl.sections[0]
    sec.different_first_page_header_footer = True
    sec.first_page_header.paragraphs[0].text = "CLERK LETTERHEAD"
    tpl.add_paragraph("text the template had")
    template = path.with_name("house-template.docx")
    tpl.save(str(template))
    write_ordinance(_pack_doc(), path, template=template, line_numbers=True)


@lo_document("rt-redline-tracked")
def _tracked(path: Path) -> None:
    write_redline(_pack_doc(), _pack_doc(DATA / "draft_v2.yaml"), path)


@lo_document("rt-redline-printed")
def _printed(path: Path) -> None:
    write_redline(_pack_doc(), _pack_doc(DATA / "draft_v2.yaml"), path,
                  style="strike-underline")


@lo_document("rt-comparison")
def _comparison(path: Path) -> None:
    write_comparison(["detainers.test_strong", "detainers.test_limited"],
                     load_library([PACK]), load_lawbook(complete=False), "IL", path,
                     today=DAY)


@lo_document("rt-packet")
def _packet(path: Path) -> None:
    lib = load_library([PACK])
    write_packet(load_draft(DRAFT, set(lib.clauses)), lib, load_lawbook(complete=False),
                 path, today=DAY)


FIRST_LINE = {"rt-ordinance": "ORDINANCE NO. O-2026-01", "rt-house": "ORDINANCE NO. O-2026-01",
              "rt-redline-tracked": "Summary of changes",
              "rt-redline-printed": "Summary of changes", "rt-comparison": "",
              "rt-packet": "STAFF REPORT"}


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", sorted(FIRST_LINE))
def test_writer_output_reads_back_and_converts(lo_pdfs, name):
    pdf = lo_pdfs[name]
    d = docx.Document(str(pdf.with_suffix(".docx")))
    texts = [p.text for p in d.paragraphs if p.text]
    assert texts and texts[0].startswith(FIRST_LINE[name])
    assert d.core_properties.title and d.core_properties.created.year == 2026
    assert any("DRAFT" in p.text or "\u2014" in p.text for p in d.sections[0].header.paragraphs)
    text = pdf_text(pdf)
    assert "Page 1 of" in text and "{{" not in text
    if name == "rt-house":
        assert "CLERK LETTERHEAD" in text and "text the template had" not in text
