"""Assembly into the document model; sandboxing; fill-in errors."""

from __future__ import annotations

import pytest

from drafter.errors import FillInError
from drafter.formats.text import to_text
from drafter.load.draft import load_draft
from drafter.load.library import load_library
from drafter.ordinance.assemble import assemble, split_paragraphs
from drafter.ordinance.render import render
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
    assert headings[-4:] == ["Undertaking for the general welfare",
                             "Conflicting provisions repealed", "Severability",
                             "Effective date"]
    assert "Compliance with federal law" in headings  # the clause restricts status info
    assert [s.number for s in doc.sections] == list(range(1, len(headings) + 1))
    # the draft renames Illinois's "County Board", so the state's clause, which names the
    # County Board in its own words, gives way to a neutral one naming the draft's body
    assert doc.enacting == "BE IT ORDAINED BY THE BOARD OF COMMISSIONERS OF TESTVILLE COUNTY:"
    assert doc.title.startswith("AN ORDINANCE OF TESTVILLE COUNTY, ILLINOIS, LIMITING")
    # recitals: general first, then the clause's; last ends with ';', others with '; and'
    assert doc.recitals[0].text.endswith("; and")
    assert doc.recitals[-1].text.endswith("commands;")
    assert doc.header == "DRAFT \u2014 2026-11-21"
    assert doc.signature[-1].text == "State's Attorney"  # Illinois counties' legal officer


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


def test_enacting_clause_and_signatures_follow_the_state_profile(lib, draft):
    draft.jurisdiction.kind = "city"
    draft.jurisdiction.governing_body = ""
    doc = assemble(draft, lib)
    assert doc.enacting == "BE IT ORDAINED by the City Council of the City of Testville, Illinois:"
    signers = [p.text for p in doc.signature if p.kind == "sign"]
    assert signers == ["Mayor", "City Clerk", "City Attorney"]
    draft.jurisdiction.state = "TX"
    draft.jurisdiction.kind = "county"
    doc = assemble(draft, lib)
    assert doc.enacting == "BE IT ORDERED BY THE COMMISSIONERS COURT OF TESTVILLE COUNTY, TEXAS:"
    assert doc.title.startswith("AN ORDER OF TESTVILLE COUNTY, TEXAS, LIMITING")
    assert [p.text for p in doc.signature if p.kind == "sign"] == [
        "County Judge", "County Clerk", "County Attorney"]
    assert "Board of Supervisors" not in to_text(doc)


def test_plural_uses_pull_in_definitions(lib, draft):
    draft.clauses[0].text = "No Agencies and no Judicial Warrants of the {{ jurisdiction }}."
    doc = assemble(draft, lib)
    defs = next(s for s in doc.sections if s.role == "definitions")
    terms = [p.runs[1].text for p in defs.paragraphs if p.kind == "sub"]
    assert "Agency" in terms and "Judicial Warrant" in terms


def test_title_filter_is_jinjas_own():
    # a regex engine once gave "Sheriff'S Office" here
    assert render("{{ x|title }}", {"x": "sheriff's office"}, "c") == "Sheriff's Office"


@pytest.mark.parametrize("name", ["lipsum", "range", "cycler", "joiner", "namespace", "dict",
                                  "self", "loop"])
def test_jinja_globals_are_not_placeholders(name):
    with pytest.raises(FillInError, match=rf"clause 'x': placeholder '\{{\{{ {name} \}}\}}' "
                                          "is not one Drafter fills"):
        render(f"The {{{{ {name} }}}} text.", {"jurisdiction": "City of X"}, "clause 'x'")


def test_non_text_value_is_refused():
    with pytest.raises(FillInError, match="cannot be filled"):
        render("{{ number }}", {"number": 12}, "clause 'x'")  # type: ignore[dict-item]


@pytest.mark.parametrize("source", [
    "{{ " + "(" * 3000 + "jurisdiction" + ")" * 3000 + " }}",
    "{% if jurisdiction %}" * 300 + "x" + "{% endif %}" * 300,
])
def test_deep_nesting_is_refused_not_a_recursion_error(source):
    with pytest.raises(FillInError, match="clause 'x': unsafe template: .*nested"):
        render(source, {"jurisdiction": "City of X"}, "clause 'x'")


def test_fast_path_missing_name_matches_jinja_message():
    with pytest.raises(FillInError) as fast:
        render("{{ jail }} holds", {}, "clause 'x'")
    with pytest.raises(FillInError) as slow:
        render("{% if True %}{{ jail }}{% endif %} holds", {}, "clause 'x'")
    assert str(fast.value) == str(slow.value)


def test_labels_are_given_once_by_the_model_and_printed_by_every_writer(lib, draft):
    """'Section 5.' and '(c)' come from the model; the text, preview and Word layouts print
    them. Relabelling the model relabels every writer's output, so none of them counts."""
    from drafter.formats.preview import preview_blocks, to_plain
    from drafter.formats.text import to_text
    from drafter.ordinance.layout import layout

    doc = assemble(draft, lib)
    sec = next(s for s in doc.sections if sum(p.kind == "sub" for p in s.paragraphs) >= 2)
    subs = [p for p in sec.paragraphs if p.kind == "sub"]
    assert sec.label == f"Section {sec.number}."
    assert [p.number for p in subs[:2]] == ["(a)", "(b)"]
    assert all(p.number == "" for p in sec.paragraphs if p.kind != "sub")
    sec.number = 97
    subs[1].number = "(zz)"
    text, shown = to_text(doc), to_plain(preview_blocks(doc)[0])
    _, laid, _ = layout(doc)
    laid_sec = laid[doc.sections.index(sec)]
    assert f"Section 97. {sec.heading}." in text and f"Section 97. {sec.heading}." in shown
    assert f"(zz) {subs[1].text}" in text and f"(zz) {subs[1].text}" in shown
    assert laid_sec.heading.label == "Section 97."
    assert [i.label for i in laid_sec.paras if i.role == "sub"][1] == "(zz)"


def test_a_single_subsection_is_not_lettered(lib, draft):
    draft.clauses[0].text = "Lead for the {{ jurisdiction }}.\n\n* Only one."
    doc = assemble(draft, lib)
    sec = next(s for s in doc.sections if s.clause_id == draft.clauses[0].id)
    assert [p.kind for p in sec.paragraphs] == ["body", "body"]
    assert [k for k, _ in split_paragraphs("* One.\n* Two.")] == ["sub", "sub"]


def test_fill_in_error_carries_the_clause_id(lib, draft):
    draft.clauses[0].text = "The {{ jail }} and {{ nonsense }}."
    with pytest.raises(FillInError) as exc:
        assemble(draft, lib)
    assert exc.value.clause == draft.clauses[0].id


def test_plain_placeholders_fill_exactly_as_jinja_does():
    """The substitution path (bare placeholders and Python-equal filters) gives Jinja's own
    output for every shipped template and for each filter; `title` always goes to Jinja."""
    from drafter.load.library import load_library
    from drafter.ordinance.render import SAMPLE_CONTEXT, _compile, _render_plain

    ctx = {**SAMPLE_CONTEXT, "jurisdiction": "sheriff's office", "state": " new york "}
    shipped = load_library()
    sources = [c.text for c in shipped.clauses.values()]
    sources += [t.definition for t in shipped.terms.values()]
    sources += [f.text for f in shipped.findings.values()]
    sources += ["{{ state|trim }} {{ jurisdiction|upper }} {{ body|lower }} "
                "{{ jurisdiction|capitalize }}"]
    checked = 0
    for src in sources:
        plain = _render_plain(src, ctx, "x", None, None)
        if plain is None:
            continue
        template, _names = _compile(src)
        assert plain == template.render(ctx), src[:60]
        checked += 1
    assert checked > 50
    assert _render_plain("{{ jurisdiction|title }}", ctx, "x", None, None) is None


def test_codification_section_only_when_the_draft_names_a_code_chapter(lib, draft):
    headings = [s.heading for s in assemble(draft, lib).sections]
    assert "Codification" not in headings
    draft.ordinance.code_chapter = "Chapter 2.92"
    doc = assemble(draft, lib)
    sec = next(s for s in doc.sections if s.heading == "Codification")
    assert "codified as Chapter 2.92 of the code of the County" in sec.paragraphs[0].text
    headings = [s.heading for s in doc.sections]
    assert headings.index("Codification") < headings.index("Conflicting provisions repealed")
