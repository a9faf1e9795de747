"""Meeting documents a council would accept (issue 13): the instrument in the caption,
named styles a house template restyles, the signature block kept with the last section, the
adoption copy, move marks and a summary page in the redline, sentence-level changes,
--template for every document, the meeting fields of a draft, and the accessibility
properties of every document."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from drafter.check.laws import load_lawbook
from drafter.export import write_comparison, write_ordinance, write_packet, write_redline
from drafter.load.draft import ChosenClause, dumps, load_draft, new_draft, parse_draft
from drafter.load.library import load_library
from drafter.ordinance.assemble import assemble
from drafter.ordinance.layout import ORDINANCE_STYLES, layout
from drafter.papers.diff import readable_diff, sentences
from drafter.papers.redline import compare
from helpers import DRAFT, PACK, ROOT, lo_document, pdf_text, run_cli

DAY = dt.date(2026, 11, 29)
ALACHUA = ROOT / "examples" / "alachua-county-fl.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def shipped():
    return load_library()


@pytest.fixture(scope="module")
def book():
    return load_lawbook(None, complete=False)


@pytest.fixture(scope="module")
def alachua(shipped):
    return load_draft(ALACHUA, set(shipped.clauses))


def _doc(data: bytes):
    return docx.Document(io.BytesIO(data))


def _county(shipped, name: str, state: str):
    d = new_draft(name, "county", state)
    d.clauses = [ChosenClause(c.id) for c in shipped.protections["transparency"].clauses[:1]]
    return d


# --- the draft's meeting fields ------------------------------------------------------------


def test_meeting_fields_load_and_save(tmp_path):
    text = DRAFT.read_text(encoding="utf-8").replace(
        "ordinance:\n", "ordinance:\n  meeting_date: 2026-12-08\n  agenda_item: 7.B\n"
        "  department: County Attorney's Office\n  prepared_by: Jane Roe\n"
        "  reviewed_by: John Doe\n", 1)
    d = parse_draft(text)
    o = d.ordinance
    assert (o.meeting_date, o.agenda_item, o.department, o.prepared_by, o.reviewed_by) == (
        dt.date(2026, 12, 8), "7.B", "County Attorney's Office", "Jane Roe", "John Doe")
    again = parse_draft(dumps(d)).ordinance
    assert again == o
    # absent: not written, so older drafts round-trip unchanged
    plain = parse_draft(DRAFT.read_text(encoding="utf-8"))
    assert "meeting_date" not in dumps(plain) and "agenda_item" not in dumps(plain)


def test_bad_meeting_date_is_one_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(DRAFT.read_text(encoding="utf-8").replace(
        "ordinance:\n", "ordinance:\n  meeting_date: next Tuesday\n", 1), encoding="utf-8")
    proc = run_cli("--clauses", str(PACK), "packet", str(bad), "-o", str(tmp_path / "p.docx"))
    assert proc.returncode == 2 and "meeting_date" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- the caption and the named styles --------------------------------------------------------


@pytest.mark.parametrize(("name", "state", "caption"), [
    ("Harris", "TX", "ORDER NO. ____"), ("Albany", "NY", "LOCAL LAW NO. ____"),
    ("Alachua", "FL", "ORDINANCE NO. ____")])
def test_caption_names_the_instrument(shipped, name, state, caption):
    doc = assemble(_county(shipped, name, state), shipped)
    d = _doc(write_ordinance(doc))
    assert d.paragraphs[0].text == caption
    assert d.paragraphs[0].style.name == "Ordinance Number"


def test_parts_have_named_styles(alachua, shipped):
    doc = assemble(alachua, shipped)
    d = _doc(write_ordinance(doc))
    by_style: dict[str, list[str]] = {}
    for p in d.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["Ordinance Number"] == [doc.caption]
    assert by_style["Long Title"] == [doc.title]
    assert len(by_style["Recital"]) == len(doc.recitals)
    assert by_style["Enacting Clause"] == [doc.enacting]
    assert any("Clerk" in t for t in by_style["Signature Block"])
    # the styles carry the look (no direct bold or centring a template could not undo)
    first = d.paragraphs[0]
    assert first.alignment is None and all(r.bold is None for r in first.runs)
    assert set(ORDINANCE_STYLES) <= {s.name for s in d.styles}


def _big_title_template(path: Path, long_title_style: bool = False) -> None:
    d = docx.Document()
    d.styles["Title"].font.size = Pt(40)
    if long_title_style:
        from docx.enum.style import WD_STYLE_TYPE
        s = d.styles.add_style("Long Title", WD_STYLE_TYPE.PARAGRAPH)
        s.font.name = "Arial"
        s.font.size = Pt(10)
    d.add_paragraph("boilerplate")
    d.save(str(path))


def test_house_title_style_does_not_take_the_long_title(alachua, shipped, tmp_path):
    tpl = tmp_path / "house.docx"
    _big_title_template(tpl)
    d = _doc(write_ordinance(assemble(alachua, shipped), template=tpl))
    title = d.paragraphs[1]
    assert title.style.name == "Long Title"
    assert d.styles["Title"].font.size == Pt(40)          # the template's Title is kept ...
    assert title.style.font.size in (None, Pt(12))        # ... and not used for the title
    tpl2 = tmp_path / "house2.docx"
    _big_title_template(tpl2, long_title_style=True)      # a house Long Title restyles it
    d = _doc(write_ordinance(assemble(alachua, shipped), template=tpl2))
    assert d.paragraphs[1].style.font.name == "Arial"


# --- the signature block stays with the last section -----------------------------------------


def test_signature_block_keeps_with_the_last_section(alachua, shipped):
    doc = assemble(alachua, shipped)
    _, sections, back = layout(doc)
    assert sections[-1].paras[-1].keep_next
    assert all(i.keep_next for i in back[:-1]) and not back[-1].keep_next
    d = _doc(write_ordinance(doc))
    paras = d.paragraphs
    last_body = next(i for i, p in enumerate(paras) if p.text == sections[-1].paras[-1].text)
    for p in paras[last_body:-1]:
        assert p._p.pPr.find(qn("w:keepNext")) is not None, p.text
    assert paras[-1]._p.pPr is None or paras[-1]._p.pPr.find(qn("w:keepNext")) is None


@lo_document("alachua-ordinance")
def _alachua_ordinance(path: Path) -> None:
    shipped = load_library()
    write_ordinance(assemble(load_draft(ALACHUA, set(shipped.clauses)), shipped), path)


@pytest.mark.libreoffice
def test_signature_block_never_alone_on_a_page(lo_pdfs):
    """Rendered by LibreOffice: the page with the signature lines also has the effective
    date section's text (Alachua's last block used to fall alone on its last page)."""
    pdf = lo_pdfs["alachua-ordinance"]
    pages = pdf_text(pdf).split("\f")
    pages = [p for p in pages if p.strip()]
    last = " ".join(pages[-1].split())
    assert "ATTEST" in last and "APPROVED AS TO FORM" in last
    assert "shall take effect" in last


# --- the adoption copy -----------------------------------------------------------------------


def test_final_copy_has_no_draft_header_or_tool_line(alachua, shipped, tmp_path):
    doc = assemble(alachua, shipped)
    draft_copy, final = _doc(write_ordinance(doc)), _doc(write_ordinance(doc, final=True))

    def hf(d) -> str:
        s = d.sections[0]
        return " ".join(p.text for part in (s.header, s.footer) for p in part.paragraphs)

    assert "DRAFT" in hf(draft_copy) and "Drafter" in hf(draft_copy)
    assert "DRAFT" not in hf(final) and "Drafter" not in hf(final)
    assert "Page" in hf(final)
    assert [p.text for p in final.paragraphs] == [p.text for p in draft_copy.paragraphs]
    out = tmp_path / "final.docx"
    proc = run_cli("export", str(ALACHUA), "-o", str(out), "--final", "--allow-blocked")
    assert proc.returncode == 0, proc.stderr
    assert "DRAFT" not in hf(docx.Document(str(out)))


# --- redline -----------------------------------------------------------------------------


def test_sentences_join_back_and_rewrites_come_whole():
    text = "One sentence here. Another one; with a clause: and more.  Last"
    assert "".join(sentences(text)) == text
    old = "The jail shall keep records. It shall report to the board every year."
    new = "The jail shall keep records. Immigration requests are published online monthly."
    ops = readable_diff(old, new)
    assert ("delete", "It shall report to the board every year.") in ops
    assert ("insert", "Immigration requests are published online monthly.") in ops
    small = readable_diff("The jail shall keep all records.", "The jail shall keep records.")
    assert small == [("equal", "The jail shall keep "), ("delete", "all "),
                     ("equal", "records.")]


def _moved(shipped):
    import test_redline
    return test_redline.moved_pair(shipped)


def test_redline_moves_and_summary_page(shipped):
    import test_redline
    a, b = _moved(shipped)
    red = compare(a, b)
    kinds = {c.kind for c in red.summary}
    assert kinds == {"added", "removed", "moved", "changed"}
    moved = next(c for c in red.summary if c.kind == "moved")
    assert moved.detail.startswith("from Section")
    data = write_redline(a, b, None)
    d = _doc(data)
    body = d.element.body
    froms = list(body.iter(W + "moveFrom"))
    tos = list(body.iter(W + "moveTo"))
    assert froms and tos
    starts = {e.get(qn("w:name")) for e in body.iter(W + "moveFromRangeStart")}
    assert starts and starts == {e.get(qn("w:name")) for e in body.iter(W + "moveToRangeStart")}
    ends = {e.get(qn("w:id")) for e in body.iter(W + "moveFromRangeEnd")}
    assert {e.get(qn("w:id")) for e in body.iter(W + "moveFromRangeStart")} == ends
    # page 1: the summary, naming the sections; then the ordinance
    k = test_redline.summary_length(d)
    summary = "\n".join(p.text for p in d.paragraphs[:k])
    assert "Sections moved (1)" in summary and moved.heading in summary
    assert "Sections added" in summary and "Sections removed" in summary
    assert sum(1 for p in d.paragraphs[:k] if p.text.startswith("Changes from")) == 1
    assert d.paragraphs[k].text == b.caption
    # exact both ways
    assert test_redline.resolve(data, True) == test_redline.ordinance_texts(b)
    assert test_redline.resolve(data, False) == test_redline.ordinance_texts(a)
    # the rewritten first sentence: deleted whole and inserted whole
    dels = ["".join(t.text for t in e.iter(qn("w:delText"))) for e in body.iter(qn("w:del"))]
    ins = ["".join(t.text for t in e.iter(qn("w:t"))) for e in body.iter(qn("w:ins"))]
    assert any(t.startswith("Every jail employee shall give each person in custody") and
               t.rstrip().endswith("within one business day.") for t in ins)
    assert any(len(t.split()) > 15 for t in dels)


def test_strike_underline_has_the_summary_page(shipped):
    import test_redline
    a, b = _moved(shipped)
    d = _doc(write_redline(a, b, None, style="strike-underline"))
    k = test_redline.summary_length(d)
    assert "Summary of changes" in d.paragraphs[0].text
    assert any("Sections moved" in p.text for p in d.paragraphs[:k])
    runs = [r for p in d.paragraphs[k:] for r in p.runs]
    assert any(r.font.double_strike for r in runs)                 # moved away
    assert any(r.font.underline and r.font.underline is not True for r in runs)  # moved here


# --- templates for every document ---------------------------------------------------------


def _house(path: Path) -> None:
    d = docx.Document()
    d.styles["Normal"].font.name = "Georgia"
    d.sections[0].header.paragraphs[0].text = "COUNTY OF TESTVILLE \u2014 CLERK"
    d.save(str(path))


def test_template_for_packet_comparison_and_redline(shipped, book, alachua, tmp_path):
    tpl = tmp_path / "house.docx"
    _house(tpl)
    doc = assemble(alachua, shipped)
    ids = [c.id for c in shipped.protections["detainers"].clauses[:2]]
    for data in (write_packet(alachua, shipped, book, None, today=DAY, template=tpl),
                 write_comparison(ids, shipped, book, "FL", None, today=DAY, template=tpl),
                 write_redline(doc, doc, None, template=tpl)):
        d = _doc(data)
        assert d.styles["Normal"].font.name == "Georgia"
        assert "CLERK" in " ".join(p.text for p in d.sections[0].header.paragraphs)
        assert "boilerplate" not in " ".join(p.text for p in d.paragraphs)
    for cmd in (["packet", str(ALACHUA)], ["compare", *ids, "--state", "FL"],
                ["redline", str(ALACHUA), str(ALACHUA)]):
        out = tmp_path / f"{cmd[0]}.docx"
        proc = run_cli(*cmd, "-o", str(out), "--template", str(tpl))
        assert proc.returncode == 0, proc.stderr
        assert docx.Document(str(out)).styles["Normal"].font.name == "Georgia"


# --- accessibility --------------------------------------------------------------------------


def _documents(shipped, book, alachua) -> dict[str, bytes]:
    doc = assemble(alachua, shipped)
    ids = [c.id for c in shipped.protections["detainers"].clauses[:5]]
    a, b = _moved(shipped)
    return {"ordinance": write_ordinance(doc),
            "packet": write_packet(alachua, shipped, book, None, today=DAY),
            "comparison": write_comparison(ids, shipped, book, "FL", None, today=DAY),
            "redline": write_redline(a, b, None)}


def test_accessibility_properties(shipped, book, alachua):
    """What an accessibility checker asks of each document: headings in heading styles,
    table header rows marked, a document language, a title, text alternatives on
    pictures."""
    for name, data in _documents(shipped, book, alachua).items():
        d = _doc(data)
        assert d.core_properties.title.strip(), name
        lang = d.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert lang is not None and lang.get(qn("w:val")) == "en-US", name
        heads = [p for p in d.paragraphs if p.style.name.startswith(("Heading", "Title"))]
        assert heads, name
        assert not [p for p in d.paragraphs if p.runs and all(r.bold for r in p.runs)
                    and len(p.text) < 40 and p.text.istitle() and p.style.name == "Normal"
                    and not p.text.endswith((":", ")"))], name  # no fake headings
        for t in d.tables:
            first = t.rows[0]._tr
            assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        for pr in d.element.body.iter(
                "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
            assert pr.get("descr"), name


def test_alt_text_added_to_a_letterhead_picture(alachua, shipped, tmp_path):
    png = tmp_path / "seal.png"
    subprocess.run(["pdftoppm", "-h"], capture_output=True)
    import base64
    png.write_bytes(base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="))
    house = docx.Document()
    house.sections[0].header.paragraphs[0].add_run().add_picture(str(png))
    tpl = tmp_path / "seal.docx"
    house.save(str(tpl))
    d = _doc(write_ordinance(assemble(alachua, shipped), template=tpl))
    part = d.sections[0].header.part.element
    prs = list(part.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
    assert prs and all(p.get("descr") for p in prs)


def test_no_internal_words_in_any_document(shipped, book, alachua):
    for name, data in _documents(shipped, book, alachua).items():
        d = _doc(data)
        text = "\n".join(p.text for p in d.paragraphs)
        text += "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
        for word in ("(strength:", "added in conversion", "seed"):
            assert word not in text, (name, word)
        assert not re.search(r"\b(detainers|notification)\.[a-z_]+\b", text), name
