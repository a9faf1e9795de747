"""Council packet memo: memo block, plain-language section summaries, preemption findings
with citations and dates, ILRC-style score, enacted examples, sources and the disclaimer."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.oxml.ns import qn

from drafter import DISCLAIMER
from drafter.assemble import assemble
from drafter.check.engine import check_draft
from drafter.check.laws import load_lawbook
from drafter.draft import load_draft
from drafter.errors import DrafterError
from drafter.export import write_packet
from drafter.library import load_library
from drafter.packet import build_packet
from drafter.vocab import VERDICT_LABELS
from helpers import DRAFT, PACK, ROOT, assert_one_line_error, run_cli

DAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def lib():
    return load_library([PACK])


@pytest.fixture(scope="module")
def book():
    return load_lawbook()


@pytest.fixture(scope="module")
def draft(lib):
    return load_draft(DRAFT, set(lib.clauses))


@pytest.fixture(scope="module")
def memo(draft, lib, book):
    return docx.Document(io.BytesIO(write_packet(draft, lib, book, None, today=DAY)))


def _texts(d) -> list[str]:
    return [p.text for p in d.paragraphs]


def _table_text(d) -> str:
    return "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)


def test_memo_block(memo, draft):
    t = _texts(memo)
    assert t[0] == "MEMORANDUM" and memo.paragraphs[0].style.name == "Title"
    block = t[1:5]
    assert block[0] == "TO:\tMembers of the Board of Commissioners, Testville County"
    assert block[1] == "FROM:\tCommissioner Ada Ruiz"
    assert block[2] == "DATE:\tNovember 21, 2026"
    assert block[3] == ("RE:\tProposed Ordinance No. O-2026-01, the \u201cTestville Trust "
                        "Ordinance\u201d")


def test_disclaimer_prominent_and_at_the_end(memo):
    t = _texts(memo)
    top = t[5]
    assert top.startswith("Not legal advice.") and DISCLAIMER in top
    # boxed: shaded and bordered
    ppr = memo.paragraphs[5]._p.pPr
    assert ppr.find(qn("w:pBdr")) is not None and ppr.find(qn("w:shd")) is not None
    assert t[-1] == DISCLAIMER
    assert memo.core_properties.comments == DISCLAIMER


def test_headings(memo):
    heads = [p.text for p in memo.paragraphs if p.style.name == "Heading 1"]
    assert heads == ["Purpose", "What the ordinance does", "State and federal law: Illinois",
                     "ILRC-style score", "Enacted examples", "Sources"]


def test_every_section_summarised(memo, draft, lib):
    doc = assemble(draft, lib)
    t = _texts(memo)
    for s in doc.sections:
        line = next((x for x in t if x.startswith(f"Section {s.number}. {s.heading}. ")),
                    None)
        assert line is not None, s.heading
        if s.clause_id:
            assert lib.clauses[s.clause_id].summary in line
    defs = next(x for x in t if ". Definitions. " in x)
    assert "Civil Immigration Detainer" in defs and "Judicial Warrant" in defs
    assert any(". Effective date. This ordinance shall take effect on January 1, 2027" in x
               for x in t)


def test_findings_with_citations_dates_and_review(memo, draft, lib, book):
    report = check_draft(draft, lib, book, DAY)
    table = _table_text(memo)
    flat = " ".join(table.split())
    assert report.findings
    for f in report.findings:
        assert " ".join(f.message.split()) in flat
        for c in f.citations:
            assert " ".join(c.split()) in flat
        if f.effective:
            assert f"Effective: {f.effective.isoformat()}" in table
        law = book.laws.get(f.rule)
        if law is not None and law.last_reviewed:
            assert f"Reviewed: {law.last_reviewed.isoformat()}" in table
    top = report.decisive("detainers.test_strong")
    assert VERDICT_LABELS[top.verdict] in table
    st = book.state("IL")
    body = "\n".join(_texts(memo))
    assert f"last reviewed on {st.last_reviewed:%B} {st.last_reviewed.day}" in body


def test_score_matches_the_check(memo, draft, lib, book):
    report = check_draft(draft, lib, book, DAY)
    body = "\n".join(_texts(memo))
    assert f"earns {report.score_local} of 7 on its own" in body
    assert f"{report.score_with_state} of 7 counting" in body
    pk = build_packet(draft, lib, book, DAY)
    assert sum(f.local for f in pk.factors) == report.score_local
    assert sum(f.local or f.state for f in pk.factors) == report.score_with_state
    assert [f.number for f in pk.factors] == list(range(1, 8))


def test_examples_and_sources(memo, draft, lib, book):
    t = _texts(memo)
    assert any("King County, WA, 2014, Ordinance 17886 (K.C.C. 2.15.020)" in x for x in t)
    body = "\n".join(t)
    assert "8 C.F.R. \u00a7 287.7" in body                       # a finding's authority
    pk = build_packet(draft, lib, book, DAY)
    assert pk.laws
    for law in pk.laws:
        assert " ".join((law.citation or law.id).split()) in " ".join(body.split())
        for url in law.sources:
            assert url in body


def test_same_bytes(draft, lib, book):
    a = write_packet(draft, lib, book, None, today=DAY)
    assert a == write_packet(draft, lib, book, None, today=DAY)


def test_no_braces_and_missing_state_data(draft, lib, book, tmp_path):
    d = docx.Document(io.BytesIO(write_packet(draft, lib, book, None, today=DAY)))
    assert "{{" not in "\n".join(_texts(d)) + _table_text(d)
    partial = tmp_path / "laws"
    partial.mkdir()
    (partial / "federal.yaml").write_text((ROOT / "laws" / "federal.yaml").read_text(
        encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DrafterError, match="no law data for state 'IL'"):
        write_packet(draft, lib, load_lawbook(partial, complete=False), None, today=DAY)


def test_shipped_examples(book):
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    assert examples, "the examples folder is empty"
    shipped = load_library()
    for path in examples:
        d = load_draft(path, set(shipped.clauses))
        memo = docx.Document(io.BytesIO(write_packet(d, shipped, book, None, today=DAY)))
        body = "\n".join(_texts(memo)) + _table_text(memo)
        assert "{{" not in body and DISCLAIMER in body
        assert f"State and federal law: {d.state_name}" in body


# --- CLI ---------------------------------------------------------------------------------


def test_cli_packet(tmp_path):
    out = tmp_path / "p.docx"
    proc = run_cli("--clauses", str(PACK), "packet", str(DRAFT), "-o", str(out),
                   "--as-of", "2026-11-21")
    assert proc.returncode == 0, proc.stderr
    assert docx.Document(str(out)).paragraphs[0].text == "MEMORANDUM"


def test_cli_packet_bad_output(tmp_path):
    proc = run_cli("--clauses", str(PACK), "packet", str(DRAFT), "-o", str(tmp_path))
    assert_one_line_error(proc, "is a folder")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_cli_packet_will_not_overwrite_the_draft(tmp_path):
    draft = tmp_path / "d.yaml"
    draft.write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    before = draft.read_bytes()
    proc = run_cli("--clauses", str(PACK), "packet", str(draft), "-o", str(draft))
    assert_one_line_error(proc, "input files")
    assert draft.read_bytes() == before


def test_cli_packet_bad_draft(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("drafter_draft: 1\njurisdiction: {name: X, kind: county, state: IL}\n"
                   "clauses: [detainers.test_strog]\n", encoding="utf-8")
    proc = run_cli("--clauses", str(PACK), "packet", str(bad), "-o", str(tmp_path / "p.docx"))
    assert_one_line_error(proc, "unknown clause id 'detainers.test_strog'", "did you mean")
