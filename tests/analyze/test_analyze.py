"""`drafter analyze`: the protections found in our own test ordinances, the option closest to
each, what is not operative text, the JSON contract of issue 16, and --to-draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from drafter.analyze.extract import extract
from drafter.analyze.match import find_protections
from drafter.analyze.report import analysis_json, analyze
from drafter.analyze.sections import split_sections
from drafter.check.laws import load_lawbook
from drafter.load.draft import load_draft
from drafter.load.session import library_from
from helpers import DATA, run_cli

CORPUS = DATA / "analyze"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lib():
    return library_from()


@pytest.fixture(scope="module")
def book():
    return load_lawbook(None, complete=False)


def _found(text: str) -> dict[str, str]:
    return {m.protection: m.option for m in find_protections(
        split_sections([p for p in text.split("\n") if p.strip()]))}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_protections_options_and_place(name, lib, book):
    want = EXPECTED[name]
    a = analyze(CORPUS / name, lib, book)
    assert {f.match.protection: f.clause.id for f in a.found} == (want["protections"] or {})
    assert a.place.state == want["state"]
    if "kind" in want:
        assert a.place.kind == want["kind"]
    if "name" in want:
        assert a.place.name == want["name"]


def test_corpus_is_varied_enough():
    assert len(EXPECTED) >= 12
    assert sum(1 for w in EXPECTED.values() if not w["protections"]) >= 2
    found = {p for w in EXPECTED.values() for p in (w["protections"] or {})}
    assert len(found) == 15  # every protection appears in some test ordinance


def test_recitals_findings_and_definitions_establish_nothing():
    text = "\n".join([
        "WHEREAS, the County shall not honor immigration detainers without a judicial warrant;",
        "NOW, THEREFORE, BE IT ORDAINED:",
        "Section 1. Findings. The jail shall not hold anyone past release on an ICE detainer.",
        "Section 2. Definitions.",
        '"Detainer" means a request that the jail shall not release a person to ICE.',
        "Section 3. Purpose. No employee shall ask about immigration status.",
    ])
    assert _found(text) == {}
    operative = text + "\nSection 4. Holds. The jail shall not hold anyone past release on " \
                       "an ICE detainer."
    assert _found(operative) == {"detainers": "judicial_warrant_only"}


def test_exceptions_lower_the_strength():
    base = "Section 1. Holds. The jail shall not honor any immigration detainer"
    assert _found(base + ".")["detainers"] == "judicial_warrant_only"
    assert _found(base + " unless the person has been convicted of a serious or violent "
                  "felony.")["detainers"] == "serious_felony_carveout"
    assert _found(base + " unless the federal government agrees in writing to reimburse "
                  "the cost.")["detainers"] == "reimbursement_condition"


def test_a_request_to_others_is_not_a_rule_of_ours():
    asks = "Section 1. The Council urges the Sheriff to decline immigration detainers."
    assert _found(asks) == {}


def test_several_protections_in_one_section_and_one_across_sections():
    one = ("Section 1. Limits. The jail shall not hold anyone on an immigration detainer. "
           "No employee shall ask any person about immigration status.")
    assert set(_found(one)) == {"detainers", "status_inquiry"}
    a = analyze(CORPUS / "codified_chapter.txt", library_from(), None)
    detainers = next(f for f in a.found if f.match.protection == "detainers")
    assert detainers.refs == ["§ 2.90.030(a)", "§ 2.90.030(b)"]


def test_json_contract(tmp_path):
    proc = run_cli("analyze", str(CORPUS / "omnibus.txt"), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert list(out)[:9] == ["file", "jurisdiction", "state", "kind", "sections", "found",
                             "score", "findings", "gaps"]
    assert out["jurisdiction"] == "City and County of Aldergrove"
    assert (out["state"], out["kind"]) == ("CO", "city-county")
    sec4 = next(s for s in out["sections"] if s["ref"] == "Section 4")
    assert sec4["heading"] == "Holds past release"
    p = sec4["protections"][0]
    assert set(p) >= {"protection", "option", "strength", "confidence", "quote"}
    assert p["protection"] == "detainers" and "past the time of release" in p["quote"]
    assert 0 < p["confidence"] <= 1
    assert set(out["found"]) == set(EXPECTED["omnibus.txt"]["protections"])
    for f in out["found"].values():
        assert set(f) == {"option", "strength", "confidence", "refs"} and f["refs"]
    assert set(out["score"]) == {"local", "with_state_law"}
    assert isinstance(out["score"]["local"], int)
    assert {f["clause"] for f in out["findings"]} == {
        f["option"] for f in out["found"].values()}
    for g in out["gaps"]:
        assert set(g) == {"protection", "suggested_option", "why"} and g["why"]
    # found but weaker than the state allows: a stronger option is suggested
    gap = {g["protection"]: g for g in out["gaps"]}
    assert gap["detainers"]["suggested_option"] == "detainers.judicial_warrant_only"


def test_state_override_changes_the_check(lib, book):
    a = analyze(CORPUS / "codified_chapter.txt", lib, book, state="TX")
    assert a.place.state == "TX" and a.report is not None
    verdicts = {f.verdict for f in a.report.findings if f.clause.startswith("detainers.")}
    assert "blocked" in verdicts
    assert analysis_json(a)["state"] == "TX"


def test_no_protection_text_is_an_empty_result_exit_0():
    proc = run_cli("analyze", str(CORPUS / "no_protection.txt"), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["found"] == {} and out["findings"] == []
    assert out["note"].startswith("No protections found")
    text = run_cli("analyze", str(CORPUS / "recitals_only.txt"))
    assert text.returncode == 0 and "No protections found" in text.stdout


def test_to_draft_writes_the_nearest_options(tmp_path):
    out = tmp_path / "start.yaml"
    proc = run_cli("analyze", str(CORPUS / "double_lock.txt"), "--to-draft", str(out))
    assert proc.returncode == 0, proc.stderr
    d = load_draft(out)
    assert d.clause_ids() == list(EXPECTED["double_lock.txt"]["protections"].values())
    assert (d.jurisdiction.name, d.jurisdiction.state, d.jurisdiction.kind) == (
        "North Falls", "MN", "city")
    again = run_cli("analyze", str(CORPUS / "double_lock.txt"), "--to-draft", str(out))
    assert again.returncode == 2 and "already exists" in again.stderr
    nostate = tmp_path / "unknown.txt"
    nostate.write_text("Section 1. The jail shall not hold anyone on an ICE detainer.\n")
    proc = run_cli("analyze", str(nostate), "--to-draft", str(tmp_path / "x.yaml"))
    assert proc.returncode == 2 and "--state" in proc.stderr
    proc = run_cli("analyze", str(nostate), "--to-draft", str(tmp_path / "x.yaml"),
                   "--state", "NM", "--kind", "county")
    assert proc.returncode == 0, proc.stderr
    assert load_draft(tmp_path / "x.yaml").clause_ids() == ["detainers.judicial_warrant_only"]


def test_pdf_with_text_layer_reads_like_the_text():
    pdf = analyze(CORPUS / "double_lock.pdf", library_from(), None)
    txt = analyze(CORPUS / "double_lock.txt", library_from(), None)
    assert {f.clause.id for f in pdf.found} == {f.clause.id for f in txt.found}
    assert pdf.place.state == "MN"


def _docx_with_tracked_changes(path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    d.add_paragraph("ORDINANCE OF THE CITY OF ELM RIDGE, NEW MEXICO")
    d.add_paragraph("Section 1. Detainers.")
    p = d.add_paragraph("The jail shall not hold any person on an immigration detainer")
    # a tracked deletion of the carve-out and a tracked insertion of a warrant rule
    p._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="Clerk" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:delText> unless the person was convicted of a serious or violent felony'
        '</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="Clerk" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:t xml:space="preserve"> without a judicial warrant</w:t></w:r></w:ins>'))
    p.add_run(".")
    q = d.add_paragraph("")
    q._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="3" w:author="Clerk" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:t>Section 2. Status. No employee shall ask any person about immigration '
        'status.</w:t></w:r></w:ins>'))
    table = d.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Section 3. Reports. The Police Department shall publish a " \
                            "quarterly report of requests from immigration authorities."
    d.save(str(path))


def test_docx_tracked_changes_taken_as_accepted(tmp_path):
    path = tmp_path / "marked.docx"
    _docx_with_tracked_changes(path)
    ex = extract(path)
    text = ex.text
    assert "without a judicial warrant." in text
    assert "serious or violent felony" not in text
    a = analyze(path, library_from(), None)
    assert {f.clause.id for f in a.found} == {"detainers.judicial_warrant_only",
                                               "status_inquiry.dont_ask",
                                               "transparency.quarterly_reports_and_forum"}
    assert a.place.name == "Elm Ridge" and a.place.state == "NM"


def test_text_output_names_quote_verdict_score_and_gaps():
    proc = run_cli("analyze", str(CORPUS / "board_policy.md"))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Marlow County, WA" in out
    assert "detainers.serious_felony_carveout (moderate)" in out and "Part II(1)" in out
    assert "ILRC-style score (0-7)" in out and "Gaps:" in out


def test_windows_text_and_markdown_are_read(tmp_path):
    f = tmp_path / "old.txt"
    f.write_bytes("Section 1. The jail shall not hold anyone on an ICE detainer – none."
                  .encode("cp1252"))
    a = analyze(f, library_from(), None)
    assert [x.match.protection for x in a.found] == ["detainers"]
    assert "–" in a.extracted.text


def test_list_items_take_the_restriction_of_their_lead_in():
    text = "\n".join([
        "Section 1. Limits. No employee of the City shall:",
        "(1) ask any person about immigration status;",
        "(2) use city funds or staff to assist in the enforcement of civil immigration law.",
        "Section 2. Duties. The Clerk shall:",
        "(1) ask any person about immigration status when the law requires it.",
    ])
    found = _found(text)
    assert set(found) == {"status_inquiry", "general_assistance"}


def test_cooperation_is_not_protection():
    text = "\n".join([
        "1. Deputies shall notify ICE of the release date of any inmate named in a detainer.",
        "2. The jail shall keep a log of detainers received and report it to ICE monthly.",
        "3. The Sheriff will comply with every immigration detainer.",
    ])
    assert _found(text) == {}


@pytest.mark.parametrize("name", ["omnibus.txt", "codified_chapter.txt", "board_policy.md",
                                  "double_lock.pdf"])
def test_every_quote_is_where_its_span_says(name, lib):
    """The app highlights passages by these spans: they must cover the quoted text exactly,
    also where a heading shares the line ("Section 5. Release dates. The Sheriff ...")."""
    a = analyze(CORPUS / name, lib, None)
    assert a.found
    for f in a.found:
        for h in f.match.hits:
            assert a.extracted.paragraphs[h.index][h.start:h.end].strip() == h.quote
