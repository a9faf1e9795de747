"""Assembly into the document model; sandboxing; fill-in errors."""

from __future__ import annotations

import pytest

from drafter.assemble import assemble
from drafter.draft import load_draft
from drafter.errors import FillInError
from drafter.library import load_library
from drafter.render import render
from helpers import DRAFT, PACK


@pytest.fixture()
def lib():
    return load_library([PACK])


@pytest.fixture()
def draft(lib):
    return load_draft(DRAFT, set(lib.clauses))


def test_structure(lib, draft):
    doc = assemble(draft, lib)
    headings = [s.heading for s in doc.sections]
    assert headings[:4] == ["Short title", "Purpose and scope", "Definitions",
                            "Civil immigration detainers"]
    assert headings[-3:] == ["Undertaking for the general welfare", "Severability",
                             "Effective date"]
    assert "Compliance with federal law" in headings  # the clause restricts status info
    assert [s.number for s in doc.sections] == list(range(1, len(headings) + 1))
    assert doc.enacting.startswith("NOW, THEREFORE, BE IT ORDAINED BY THE BOARD OF "
                                   "COMMISSIONERS OF THE COUNTY OF TESTVILLE")
    assert "COUNTY OF TESTVILLE" in doc.title
    # recitals: general first, then the clause's; last ends with ';', others with '; and'
    assert doc.recitals[0].text.endswith("; and")
    assert doc.recitals[-1].text.endswith("commands;")
    assert doc.header == "DRAFT \u2014 2026-11-21"
    assert doc.signature[-1].text == "County Attorney"


def test_definitions_only_used_terms_alphabetical(lib, draft):
    doc = assemble(draft, lib)
    defs = next(s for s in doc.sections if s.role == "definitions")
    terms = [p.runs[1].text for p in defs.paragraphs if p.kind == "sub"]
    # "Federal Immigration Authority" is pulled in by the detainer definition itself;
    # "Unused Term" is in the library but not in the text.
    assert terms == ["Agency", "Civil Immigration Detainer", "Custody",
                     "Federal Immigration Authority", "Judicial Warrant"]


def test_term_marks_prefer_longest(lib, draft):
    doc = assemble(draft, lib)
    sec = next(s for s in doc.sections if s.clause_id == "detainers.test_strong")
    marked = [r.text for p in sec.paragraphs for r in p.runs if r.term]
    assert "Civil Immigration Detainer" in marked and "Custody" in marked


def test_savings_clause_follows_flag(lib, draft):
    draft.export.savings_clause = False
    doc = assemble(draft, lib)
    assert "Compliance with federal law" not in [s.heading for s in doc.sections]


def test_missing_agency_names_clause_and_placeholder(lib, draft):
    draft.jurisdiction.agencies["jail"] = None
    with pytest.raises(FillInError) as exc:
        assemble(draft, lib)
    msg = str(exc.value)
    assert "clause 'detainers.test_strong'" in msg
    assert "{{ jail }}" in msg and "no jail agency" in msg
    assert "pack.yaml" in msg


def test_edited_text_used_and_marked(lib, draft):
    draft.clauses[0].text = "The {{ jail }} shall release people on time."
    doc = assemble(draft, lib)
    sec = next(s for s in doc.sections if s.clause_id == "detainers.test_strong")
    assert sec.edited
    assert sec.paragraphs[0].text == "The Testville County Sheriff's Office shall release " \
                                     "people on time."


def test_edited_text_with_typo_placeholder(lib, draft):
    draft.clauses[0].text = "The {{ jurisdicton }} shall."
    with pytest.raises(FillInError, match=r"placeholder '\{\{ jurisdicton \}\}'.*did you mean "
                                          r"'jurisdiction'"):
        assemble(draft, lib)


@pytest.mark.parametrize("hostile", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ jurisdiction.__class__ }}",
    "{% for i in range(100000000) %}x{% endfor %}",
    "{{ cycler.__init__.__globals__ }}",
    "{% set x = 1 %}{{ x }}",
    "{{ jurisdiction|attr('__class__') }}",
])
def test_sandbox_refuses_hostile_templates(hostile):
    with pytest.raises(FillInError, match="unsafe template"):
        render(hostile, {"jurisdiction": "City of X"}, "clause 'evil.one'")


def test_allowed_template_features():
    ctx = {"jurisdiction": "City of X", "kind": "City"}
    out = render("{% if kind == 'City' %}{{ jurisdiction|upper }}{% endif %}", ctx, "c")
    assert out == "CITY OF X"


def test_kind_specific_enacting_and_signatures(lib, draft):
    draft.jurisdiction.kind = "city"
    draft.jurisdiction.governing_body = "City Council"
    doc = assemble(draft, lib)
    assert doc.enacting == ("NOW, THEREFORE, BE IT ORDAINED BY THE CITY COUNCIL OF THE "
                            "CITY OF TESTVILLE:")
    assert [p.text for p in doc.signature if p.kind == "sign"] == [
        "Mayor", "City Clerk", "City Attorney"]
    draft.jurisdiction.kind = "city-county"
    draft.jurisdiction.governing_body = "Board of Supervisors"
    doc = assemble(draft, lib)
    assert "BY THE PEOPLE OF THE CITY AND COUNTY OF TESTVILLE" in doc.enacting


def test_plural_uses_pull_in_definitions(lib, draft):
    draft.clauses[0].text = "No Agencies and no Judicial Warrants of the {{ jurisdiction }}."
    doc = assemble(draft, lib)
    defs = next(s for s in doc.sections if s.role == "definitions")
    terms = [p.runs[1].text for p in defs.paragraphs if p.kind == "sub"]
    assert "Agency" in terms and "Judicial Warrant" in terms


@pytest.mark.parametrize("source", [
    "The {{ jurisdiction }} and its {{ body|upper }}.",
    "{{jurisdiction|title}} / {{ kind | lower }} / {{ state|capitalize }}",
    "No placeholders here, just {braces}.",
])
def test_fast_path_matches_jinja(source):
    from drafter.render import _compile

    ctx = {"jurisdiction": "City of x", "body": "City Council", "kind": "City",
           "state": "illinois"}
    assert render(source, ctx, "c") == _compile(source).render(ctx)


def test_fast_path_missing_name_matches_jinja_message():
    with pytest.raises(FillInError) as fast:
        render("{{ jail }} holds", {}, "clause 'x'")
    with pytest.raises(FillInError) as slow:
        render("{% if True %}{{ jail }}{% endif %} holds", {}, "clause 'x'")
    assert str(fast.value) == str(slow.value)


def test_labels_are_given_once_by_the_model_and_printed_by_every_writer(lib, draft):
    """'Section 5.' and '(c)' come from the model; the text, HTML and Word layouts print
    them. Relabelling the model relabels every writer's output, so none of them counts."""
    from drafter.formats.html import to_html
    from drafter.formats.text import to_text
    from drafter.layout import layout

    doc = assemble(draft, lib)
    sec = next(s for s in doc.sections if sum(p.kind == "sub" for p in s.paragraphs) >= 2)
    subs = [p for p in sec.paragraphs if p.kind == "sub"]
    assert sec.label == f"Section {sec.number}."
    assert [p.number for p in subs[:2]] == ["(a)", "(b)"]
    assert all(p.number == "" for p in sec.paragraphs if p.kind != "sub")
    sec.number = 97
    subs[1].number = "(zz)"
    text, html = to_text(doc), to_html(doc)
    _, laid, _ = layout(doc)
    laid_sec = laid[doc.sections.index(sec)]
    assert f"Section 97. {sec.heading}." in text and f"Section 97. {sec.heading}." in html
    assert f"(zz) {subs[1].text}" in text and "(zz) " in html
    assert laid_sec.heading.label == "Section 97."
    assert [i.label for i in laid_sec.paras if i.role == "sub"][1] == "(zz)"
