"""Comparison document: a landscape table, one column per option, with the word-level
differences from the first option, enacted examples, ILRC factor and the verdict in a state."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Inches

from drafter.check.engine import clause_verdict
from drafter.check.laws import load_lawbook
from drafter.errors import DrafterError
from drafter.export import write_comparison
from drafter.load.library import load_library
from drafter.papers.comparison import MAX_OPTIONS, build_comparison
from drafter.vocab import VERDICT_LABELS
from helpers import DATA, PACK, assert_one_line_error, run_cli

DAY = dt.date(2026, 11, 21)
IDS = ["detainers.test_strong", "detainers.test_limited"]
PACK2 = DATA / "pack_notification.yaml"


@pytest.fixture(scope="module")
def lib():
    return load_library([PACK, PACK2])


@pytest.fixture(scope="module")
def book():
    return load_lawbook()


def _doc(data: bytes):
    return docx.Document(io.BytesIO(data))


def _rows(d) -> dict[str, list]:
    """Row label -> the option cells of that row."""
    (table,) = d.tables
    return {row.cells[0].text: row.cells[1:] for row in table.rows}


def _all_text(d) -> str:
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_table_layout_and_rows(lib, book):
    d = _doc(write_comparison(IDS, lib, book, "IL", None, today=DAY))
    sec = d.sections[0]
    assert sec.orientation == WD_ORIENT.LANDSCAPE and sec.page_width > sec.page_height
    (table,) = d.tables
    assert len(table.columns) == len(IDS) + 1
    rows = _rows(d)
    for label in ("Option", "Strength", "Summary", "Full text", "Enacted examples",
                  "ILRC factor", "Verdict in Illinois"):
        assert label in rows, label
    head = [c.text for c in rows["Option"]]
    for cid, cell in zip(IDS, head, strict=True):
        assert lib.clauses[cid].title in cell and cid not in cell   # no internal ids
    assert cid not in _all_text(d)
    assert "Differences" in rows
    assert [c.text for c in rows["Strength"]] == ["Strongest", "Limited"]
    assert rows["Summary"][0].text == lib.clauses[IDS[0]].summary
    assert "King County, WA" in rows["Enacted examples"][0].text
    assert "Factor 3 of 7" in rows["ILRC factor"][0].text
    # the header row repeats on every page
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_table_fits_the_landscape_page(lib, book):
    for n in (1, 2):
        ids = IDS[:n]
        d = _doc(write_comparison(ids, lib, book, None, None, today=DAY))
        sec = d.sections[0]
        usable = sec.page_width - sec.left_margin - sec.right_margin
        tbl = d.tables[0]._tbl
        grid = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert len(grid) == n + 1
        assert sum(grid) <= usable / 635 + 1       # twips; never wider than the page
        assert sum(grid) >= usable / 635 - 20      # and uses its width
        assert len(set(grid[1:])) == 1             # option columns share the width
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        assert grid[0] == int(Inches(1.15).twips)


def test_placeholders_are_readable_never_braces(lib, book):
    d = _doc(write_comparison(IDS, lib, book, None, None, today=DAY))
    text = _all_text(d)
    assert "{{" not in text and "}}" not in text and "{%" not in text
    full = _rows(d)["Full text"]
    assert "[Sheriff's Office]" in full[0].text and "[Jurisdiction]" in full[0].text
    assert "(a) This section applies" in full[0].text   # subsections lettered


def test_full_text_marks_only_between_similar_options(lib, book):
    """Options that share most of their words are marked word by word against the first;
    options written differently are shown as written, side by side."""
    d = _doc(write_comparison(IDS, lib, book, None, None, today=DAY))
    for cell in _rows(d)["Full text"]:   # the test pack's two options share a fifth
        assert not any(r.font.strike or r.font.underline for p in cell.paragraphs
                       for r in p.runs)
    shipped = load_library()
    ids = [c.id for c in shipped.protections["enforcement"].clauses][:2]
    comp = build_comparison(ids, shipped, book, None, DAY)
    assert comp.options[1].marked
    d = _doc(write_comparison(ids, shipped, book, None, None, today=DAY))
    first, second = _rows(d)["Full text"]
    runs = [r for p in second.paragraphs for r in p.runs]
    assert any(r.font.underline for r in runs) and any(r.font.strike for r in runs)
    unchanged = [r for r in runs if not (r.font.strike or r.font.underline)]
    # most sentences survive; rewritten ones are struck and inserted whole
    assert sum(len(r.text) for r in unchanged) > sum(len(r.text) for r in runs) / 3

    def squash(s: str) -> str:
        return re.sub(r"\s+", "", s)

    # without the struck words: the second option; without the underlined: the first
    assert squash("".join(r.text for r in runs if not r.font.strike)) == \
        squash(comp.options[1].text)
    assert squash("".join(r.text for r in runs if not r.font.underline)) == \
        squash(comp.options[0].text)
    assert not any(r.font.strike or r.font.underline for p in first.paragraphs
                   for r in p.runs)


def test_verdict_row_names_rule_and_citation(lib, book):
    d = _doc(write_comparison(IDS, lib, book, "TX", None, today=DAY))
    cells = _rows(d)["Verdict in Texas"]
    for cid, cell in zip(IDS, cells, strict=True):
        findings = clause_verdict(lib.clauses[cid], "TX", book, DAY)
        top = findings[0]
        assert cell.text.startswith(VERDICT_LABELS[top.verdict])
        # the verdict, one line of reason, the citation and a pointer to the notes
        if top.citations:
            assert top.citations[0].split("; ")[0] in " ".join(cell.text.split())
        assert len(cell.paragraphs) <= 4 and "See note" in cell.text
        fill = cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
        assert fill == {"blocked": "F4CCCC", "at_risk": "FCE8B2", "allowed": "D9EAD3",
                        "state_law": "CFE2F3"}[top.verdict]
    # the full reasoning once, after the table: one note per law, however many options
    notes = [p.text for p in d.paragraphs if re.match(r"\d+\. ", p.text)]
    assert notes and len(notes) == len(set(notes))


def test_no_state_says_so(lib, book):
    d = _doc(write_comparison(IDS, lib, book, None, None, today=DAY))
    rows = _rows(d)
    assert all(c.text == "No state chosen." for c in rows["Verdict"])
    assert "--state" in _all_text(d)


def test_state_code_is_checked(lib, book):
    with pytest.raises(DrafterError, match="unknown state code 'XY'"):
        write_comparison(IDS, lib, book, "XY", None, today=DAY)
    d = _doc(write_comparison(IDS, lib, book, "ca", None, today=DAY))
    assert "Verdict in California" in _rows(d)


def test_unknown_clause_did_you_mean(lib, book):
    with pytest.raises(DrafterError) as exc:
        write_comparison(["detainers.test_strog", IDS[1]], lib, book, None, None)
    assert "unknown clause id 'detainers.test_strog'" in str(exc.value)
    assert "did you mean 'detainers.test_strong'" in str(exc.value)


def test_duplicates_and_too_many(lib, book):
    with pytest.raises(DrafterError, match="named twice"):
        write_comparison([IDS[0], IDS[0]], lib, book, None, None)
    with pytest.raises(DrafterError, match="at most"):
        write_comparison(IDS * (MAX_OPTIONS // 2 + 1), lib, book, None, None)


def test_different_protections_allowed_with_warning(lib, book):
    ids = [IDS[0], "notification.test_none"]
    comp = build_comparison(ids, lib, book, "IL", DAY)
    assert comp.warnings and "different protections" in comp.warnings[0]
    d = _doc(write_comparison(ids, lib, book, "IL", None, today=DAY))
    assert "different protections" in _all_text(d)
    assert [c.text for c in _rows(d)["Protection"]] == ["Detainers and transfers",
                                                          "Release notification"]


def test_same_bytes(lib, book):
    a = write_comparison(IDS, lib, book, "IL", None, today=DAY)
    assert a == write_comparison(IDS, lib, book, "IL", None, today=DAY)


def test_shipped_library_every_protection(book):
    """Every protection's options compare cleanly in a restrictive and a protective state."""
    shipped = load_library()  # a shipped library that does not load is a failure
    done = 0
    for pid, prot in shipped.protections.items():
        ids = [c.id for c in prot.clauses][:MAX_OPTIONS]
        if not ids:
            continue
        for state in ("TX", "CA"):
            text = _all_text(_doc(write_comparison(ids, shipped, book, state, None,
                                                   today=DAY)))
            assert "{{" not in text and "{%" not in text, pid
            assert "Verdict in" in text
        done += 1
    assert done >= 10


# --- CLI ---------------------------------------------------------------------------------


def test_cli_compare(tmp_path):
    out = tmp_path / "c.docx"
    proc = run_cli("--clauses", str(PACK), "compare", *IDS, "--state", "IL", "-o", str(out),
                   "--as-of", "2026-11-21")
    assert proc.returncode == 0, proc.stderr
    assert "wrote" in proc.stdout
    assert "Verdict in Illinois" in _rows(docx.Document(str(out)))


def test_cli_compare_unknown_id(tmp_path):
    proc = run_cli("--clauses", str(PACK), "compare", "detainers.test_strog", IDS[1],
                   "-o", str(tmp_path / "c.docx"))
    assert_one_line_error(proc, "unknown clause id 'detainers.test_strog'",
                          "did you mean 'detainers.test_strong'")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "c.docx").exists()


def test_cli_compare_needs_two(tmp_path):
    proc = run_cli("--clauses", str(PACK), "compare", IDS[0], "-o", str(tmp_path / "c.docx"))
    assert_one_line_error(proc, "at least two clause ids")


def test_cli_compare_different_protections_warns(tmp_path):
    out = tmp_path / "c.docx"
    proc = run_cli("--clauses", str(PACK), "--library", str(PACK2), "compare", IDS[0],
                   "notification.test_none", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "warning" in proc.stderr and "different protections" in proc.stderr
    assert out.exists()


@pytest.mark.parametrize("target", ["folder", "missing_folder", "under_a_file"])
def test_cli_compare_bad_output(tmp_path, target):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    out = {"folder": tmp_path, "missing_folder": tmp_path / "nope" / "c.docx",
           "under_a_file": tmp_path / "afile" / "c.docx"}[target]
    proc = run_cli("--clauses", str(PACK), "compare", *IDS, "-o", str(out))
    assert_one_line_error(proc, str(out))
    assert len(proc.stderr.strip().splitlines()) == 1


def test_the_word_comparison_shows_each_options_map_with_alt_text(book):
    shipped = load_library()
    ids = [c.id for c in shipped.options("detainers")][:2]
    d = _doc(write_comparison(ids, shipped, book, "TX", None, today=DAY))
    row = _rows(d)["Map of the states"]
    assert len(row) == 2
    assert len(d.inline_shapes) == 2
    xml = d.element.xml
    assert xml.count('descr="Map of the United States: the verdict of') == 2
