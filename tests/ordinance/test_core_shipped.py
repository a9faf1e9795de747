"""The shipped library and examples, end to end."""

from __future__ import annotations

import re

import pytest

from drafter.formats.docx.ordinance import write_ordinance
from drafter.load.draft import ChosenClause, load_draft, new_draft
from drafter.load.library import load_library
from drafter.ordinance.assemble import assemble
from drafter.ordinance.render import context_for, render
from drafter.vocab import KINDS
from helpers import ROOT, lo_document, pdf_text

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
# a state where each kind of government exists
STATE_OF_KIND = {"city": "IL", "county": "IL", "city-county": "CA", "town": "NY",
                 "village": "IL", "borough": "PA", "parish": "LA"}


@pytest.fixture(scope="module")
def lib():
    return load_library([ROOT / "clauses"])


@pytest.mark.parametrize("kind", KINDS)
def test_every_clause_renders_for_every_kind(lib, kind):
    d = new_draft("Springfield", kind, STATE_OF_KIND[kind])
    d.jurisdiction.agencies = {"police": "Springfield Police Department",
                               "jail": "Sangamon County Sheriff's Office",
                               "probation": "Sangamon County Probation Department"}
    ctx = context_for(d)
    for c in lib.clauses.values():
        text = render(c.text, ctx, c.id)
        assert "{{" not in text and "{%" not in text and "}}" not in text, c.id
        if "the {{ jurisdiction }}" in c.text:  # the defined short form
            assert f"the {ctx['jurisdiction']}" in text, c.id
    for t in lib.terms.values():
        render(t.definition, ctx, t.id)
    for f in lib.findings.values():
        render(f.text, ctx, f.id)


@pytest.mark.parametrize("kind", KINDS)
def test_all_protections_assemble_for_every_kind(lib, kind):
    """One option of every protection, assembled as a whole ordinance."""
    d = new_draft("Springfield", kind, STATE_OF_KIND[kind])
    d.jurisdiction.agencies = {"police": "Springfield Police Department",
                               "jail": "Springfield Jail", "probation": "Springfield Probation"}
    d.clauses = [ChosenClause(p.clauses[0].id) for p in lib.protections.values()]
    doc = assemble(d, lib)
    assert len([s for s in doc.sections if s.clause_id]) == len(lib.protections)
    assert write_ordinance(doc)[:2] == b"PK"


def test_there_are_three_examples():
    assert len(EXAMPLES) >= 3


def _register_example(example):
    @lo_document(f"example-{example.stem}")
    def build(path):
        shipped = load_library([ROOT / "clauses"])
        write_ordinance(assemble(load_draft(example, set(shipped.clauses)), shipped), path)


for _example in EXAMPLES:
    _register_example(_example)


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_exports_and_converts_to_pdf(lib, example, lo_pdfs):
    doc = assemble(load_draft(example, set(lib.clauses)), lib)
    text = pdf_text(lo_pdfs[f"example-{example.stem}"])
    flat = " ".join(text.split())

    def squash(s: str) -> str:  # pdftotext drops hyphens and spaces at line breaks
        return re.sub(r"[\s\-\u00ad]", "", s)

    assert squash(doc.title) in squash(text)
    for s in doc.sections:
        assert squash(f"Section {s.number}. {s.heading}.") in squash(text), s.heading
    assert "{{" not in text and "{%" not in text
    assert "Page 1 of" in flat


def test_private_right_of_action_drops_no_damages_section(lib):
    d = new_draft("Springfield", "city", "IL")
    d.clauses = [ChosenClause("enforcement.complaints_and_discipline")]
    headings = [s.heading for s in assemble(d, lib).sections]
    assert "Undertaking for the general welfare" in headings
    d.clauses = [ChosenClause("enforcement.private_right_of_action")]
    headings = [s.heading for s in assemble(d, lib).sections]
    assert "Undertaking for the general welfare" not in headings
