"""The staff report: memo block, recommended action, plain-language section summaries,
legal analysis with citations, fiscal items, alternatives, timeline, sources."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.oxml.ns import qn

from drafter import DISCLAIMER
from drafter.check.engine import check_draft
from drafter.check.laws import load_lawbook
from drafter.errors import DrafterError
from drafter.export import write_packet
from drafter.load.draft import load_draft
from drafter.load.library import load_library
from drafter.ordinance.assemble import assemble
from drafter.papers.packet import build_packet
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


def _all_text(d) -> str:
    return "\n".join(_texts(d)) + "\n" + _table_text(d)


def test_memo_block(memo, draft):
    """To / From / Date / Meeting / Agenda item / Subject / Vote required; what the draft
    does not say is a bracketed blank, never "[Sponsor or department]"."""
    t = _texts(memo)
    assert t[0] == "STAFF REPORT" and memo.paragraphs[0].style.name == "Title"
    block = dict(x.split("\t", 1) for x in t[1:9] if "\t" in x)
    assert block["TO:"] == "Members of the Board of Commissioners"
    assert block["FROM:"] == "Commissioner Ada Ruiz"
    assert block["DATE:"] == "November 21, 2026"
    assert block["MEETING:"] == "[Meeting date]" and block["AGENDA ITEM:"] == "[No.]"
    assert block["SUBJECT:"].startswith("Proposed Ordinance No. O-2026-01, the \u201cTestville "
                                        "Trust Ordinance\u201d")
    assert block["VOTE REQUIRED:"].startswith("Majority of the Board of Commissioners")
    assert "[Sponsor or department]" not in _all_text(memo)


def test_meeting_fields_fill_the_memo_block(draft, lib, book, tmp_path):
    d = draft.copy()
    o = d.ordinance
    o.meeting_date, o.agenda_item = dt.date(2026, 12, 8), "7.B"
    o.department, o.prepared_by = "Office of the County Attorney", "Jane Roe"
    o.reviewed_by = "John Doe, County Administrator"
    memo = docx.Document(io.BytesIO(write_packet(d, lib, book, None, today=DAY)))
    block = dict(x.split("\t", 1) for x in _texts(memo)[1:10] if "\t" in x)
    assert block["FROM:"] == "Office of the County Attorney (prepared by Jane Roe)"
    assert block["MEETING:"] == "December 8, 2026" and block["AGENDA ITEM:"] == "7.B"
    assert block["REVIEWED BY:"] == "John Doe, County Administrator"
    assert "Agenda Item 7.B" in memo.sections[0].header.paragraphs[0].text
    assert "[" not in block["FROM:"] + block["MEETING:"] + block["AGENDA ITEM:"]


def test_disclaimer_once_and_quiet(memo):
    """The not-legal-advice statement once, in the footer; no red box on the memo."""
    body = _all_text(memo)
    footer = " ".join(p.text for p in memo.sections[0].footer.paragraphs)
    assert "not legal advice" not in body.lower()
    assert footer.lower().count("not legal advice") == 1
    for p in memo.paragraphs:
        ppr = p._p.pPr
        assert ppr is None or ppr.find(qn("w:shd")) is None   # no shaded call-out box
    assert memo.core_properties.comments == DISCLAIMER


def test_headings(memo):
    heads = [p.text for p in memo.paragraphs if p.style.name == "Heading 1"]
    assert heads == ["Recommended action", "Background", "Summary of the ordinance by section",
                     "Legal analysis", "Fiscal impact", "Alternatives considered",
                     "Implementation timeline", "Attachments", "Sources"]


def test_nothing_internal(memo, draft, lib):
    text = _all_text(memo)
    for word in ("strength:", "verify", "seed", "added in conversion", "the jurisdiction",
                 "Drafter's data", "Option:  ", "detainers.test"):
        assert word.lower() not in text.lower(), word
    import re
    assert not re.search(r"\b[a-z]{2}-[a-z0-9]+-\d{4}\b", text)   # law ids


def test_motion_for_body_and_instrument(book):
    """The motion is worded for the body and its instrument: a Texas county adopts an
    order, a New York county enacts a local law."""
    shipped = load_library()
    from drafter.load.draft import new_draft
    for name, state, verb in (("Harris", "TX", "adopt Order No."),
                              ("Albany", "NY", "enact Local Law No.")):
        d = new_draft(name, "county", state)
        d.clauses = []
        from drafter.load.draft import ChosenClause
        d.clauses = [ChosenClause(c.id) for c in shipped.protections["transparency"].clauses[:1]]
        memo = docx.Document(io.BytesIO(write_packet(d, shipped, book, None, today=DAY)))
        text = _all_text(memo)
        from drafter.ordinance.localgov import local_government
        body = local_government(d.jurisdiction).body
        assert f"Staff recommends that the {body} {verb}" in text, text[:600]
        assert "$[amount]" in text                     # fiscal items to fill in
        assert "Take no action" in text


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


def test_legal_analysis_risk_first_with_citations(memo, draft, lib, book):
    report = check_draft(draft, lib, book, DAY)
    t = _texts(memo)
    i = t.index("Legal analysis")
    assert t[i + 1].startswith("Risk in brief.")          # counsel's risk up front
    table = _table_text(memo)
    flat = " ".join(table.split())
    top = report.decisive("detainers.test_strong")
    assert VERDICT_LABELS[top.verdict] in table
    for c in top.citations:
        assert " ".join(c.split()) in flat
    st = book.state("IL")
    assert f"last reviewed on {st.last_reviewed:%B} {st.last_reviewed.day}" in "\n".join(t)


def test_score_matches_the_check(memo, draft, lib, book):
    report = check_draft(draft, lib, book, DAY)
    body = "\n".join(_texts(memo))
    assert f"adopts {report.score_local} of 7" in body
    assert f"{report.score_with_state} of 7 counting" in body
    pk = build_packet(draft, lib, book, DAY)
    assert sum(f.local for f in pk.factors) == report.score_local
    assert sum(f.local or f.state for f in pk.factors) == report.score_with_state
    assert [f.number for f in pk.factors] == list(range(1, 8))


def test_examples_sources_and_alternatives(memo, draft, lib, book):
    t = _texts(memo)
    assert any("King County, WA, 2014, Ordinance 17886 (K.C.C. 2.15.020)" in x for x in t)
    body = "\n".join(t)
    assert "8 C.F.R. \u00a7 287.7" in body                       # a finding's authority
    pk = build_packet(draft, lib, book, DAY)
    assert pk.laws
    from drafter.formats.docx.packet import is_primary
    for law in pk.laws:
        assert " ".join(law.citation.split()) in " ".join(body.split())
        primary = [u for u in law.sources if is_primary(u)]
        for url in primary or law.sources:       # secondary pages only where no primary
            assert url in body
        for url in set(law.sources) - set(primary):
            if primary:
                assert url not in body
            else:
                assert "Secondary source" in body
    # the other option of the chosen protection, and why it was not chosen
    other = lib.clauses["detainers.test_limited"]
    assert any(x.startswith("\u2022\u00a0" + other.title) for x in t)


def test_primary_and_secondary_sources():
    from drafter.formats.docx.packet import is_primary
    assert is_primary("https://statutes.capitol.texas.gov/Docs/GV/htm/GV.752.htm")
    assert is_primary("https://www.ilga.gov/legislation/ilcs/ilcs5.asp?ActID=3818")
    assert is_primary("https://www.courtlistener.com/opinion/4502011/")
    assert not is_primary("https://www.texastribune.org/2017/05/07/sb4/")


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
        assert "{{" not in body and "Recommended action" in body
        assert f"{d.state_name} law" in body


# --- CLI ---------------------------------------------------------------------------------


def test_cli_packet(tmp_path):
    out = tmp_path / "p.docx"
    proc = run_cli("--clauses", str(PACK), "packet", str(DRAFT), "-o", str(out),
                   "--as-of", "2026-11-21")
    assert proc.returncode == 0, proc.stderr
    assert docx.Document(str(out)).paragraphs[0].text == "STAFF REPORT"


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
