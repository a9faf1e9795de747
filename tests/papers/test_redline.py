"""Redline between two versions of a draft: accepting every tracked change must give the new
ordinance exactly, rejecting every change the old one; revision marks are well formed; the
printed strike/underline style reads the same way; LibreOffice opens it."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from drafter.errors import DrafterError
from drafter.export import write_redline
from drafter.formats.docx.ordinance import write_ordinance
from drafter.load.draft import from_data, load_draft
from drafter.load.library import load_library
from drafter.ordinance.assemble import assemble
from drafter.ordinance.document import Document
from drafter.papers.redline import compare
from helpers import (
    DATA,
    DRAFT,
    PACK,
    ROOT,
    assert_one_line_error,
    lo_check,
    lo_document,
    pdf_text,
    run_cli,
)

DRAFT_V2 = DATA / "draft_v2.yaml"
W_INS, W_DEL = qn("w:ins"), qn("w:del")
W_MOVE_TO, W_MOVE_FROM = qn("w:moveTo"), qn("w:moveFrom")
RANGES = tuple(qn(f"w:{t}") for t in ("moveFromRangeStart", "moveFromRangeEnd",
                                      "moveToRangeStart", "moveToRangeEnd"))


@pytest.fixture(scope="module")
def lib():
    return load_library([PACK])


def _assemble(lib, source: Path | dict) -> Document:
    if isinstance(source, dict):
        return assemble(from_data(source, "<test>", clause_ids=set(lib.clauses)), lib)
    return assemble(load_draft(source, set(lib.clauses)), lib)


def _data(path: Path = DRAFT) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def old(lib):
    return _assemble(lib, DRAFT)


@pytest.fixture(scope="module")
def new(lib):
    return _assemble(lib, DRAFT_V2)


# --- accept / reject over the XML ---------------------------------------------------------


def _in_mark(el) -> bool:
    """A w:ins/w:del inside w:rPr tracks a paragraph mark, not content."""
    return el.getparent() is not None and el.getparent().tag == qn("w:rPr")


def resolve(data: bytes, accept: bool) -> list[str]:
    """Accept (or reject) every tracked change, as Word does, and return the paragraph
    texts python-docx reads: drop w:del and unwrap w:ins (or the reverse, turning
    w:delText back into w:t); a paragraph whose mark is removed merges into the next one."""
    d = docx.Document(io.BytesIO(data))
    body = d.element.body
    drop, keep = (W_DEL, W_INS) if accept else (W_INS, W_DEL)
    drops, keeps = ((W_DEL, W_MOVE_FROM), (W_INS, W_MOVE_TO)) if accept else \
        ((W_INS, W_MOVE_TO), (W_DEL, W_MOVE_FROM))
    for el in [e for e in body.iter(*RANGES)]:
        el.getparent().remove(el)
    for el in [e for e in body.iter(*drops) if not _in_mark(e)]:
        el.getparent().remove(el)
    for el in [e for e in body.iter(*keeps) if not _in_mark(e)]:
        parent = el.getparent()
        idx = parent.index(el)
        for child in list(el):
            parent.insert(idx, child)
            idx += 1
        parent.remove(el)
    if not accept:
        for t in list(body.iter(qn("w:delText"))):
            w_t = OxmlElement("w:t")
            w_t.text = t.text
            t.getparent().replace(t, w_t)
    paras = body.findall(qn("w:p"))
    for i, p in enumerate(paras):
        rpr = p.find(qn("w:pPr") + "/" + qn("w:rPr"))
        if rpr is None:
            continue
        gone = rpr.find(drop)
        kept = rpr.find(keep)
        if kept is not None:
            rpr.remove(kept)
        if gone is None:
            continue
        assert i + 1 < len(paras), "the last paragraph mark cannot be removed"
        nxt = paras[i + 1]
        content = [c for c in p if c.tag != qn("w:pPr")]
        anchor = nxt.find(qn("w:pPr"))
        pos = 0 if anchor is None else nxt.index(anchor) + 1
        for c in content:
            nxt.insert(pos, c)
            pos += 1
        body.remove(p)
    return without_summary(d)


def summary_length(d) -> int:
    """The redline's first page (the summary of changes) ends with a page break: the
    paragraphs up to and including that one are not the ordinance."""
    for i, p in enumerate(d.paragraphs):
        if any(br.get(qn("w:type")) == "page" for br in p._p.iter(qn("w:br"))):
            return i + 1
    raise AssertionError("the redline has no summary page")


def without_summary(d) -> list[str]:
    return [p.text for p in d.paragraphs[summary_length(d):]]


def ordinance_texts(doc: Document) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(write_ordinance(doc))).paragraphs]


def _revisions(data: bytes) -> list:
    d = docx.Document(io.BytesIO(data))
    return [e for e in d.element.body.iter() if e.tag in (W_INS, W_DEL)]


# --- the fixture pair ----------------------------------------------------------------------


def test_accept_all_gives_new_reject_all_gives_old(old, new):
    data = write_redline(old, new, None)
    assert resolve(data, accept=True) == ordinance_texts(new)
    assert resolve(data, accept=False) == ordinance_texts(old)
    # and the file really has changes of every kind
    revs = _revisions(data)
    assert any(e.tag == W_INS and not _in_mark(e) for e in revs)
    assert any(e.tag == W_DEL and not _in_mark(e) for e in revs)
    assert any(e.tag == W_DEL and _in_mark(e) for e in revs)   # deleted paragraph marks
    assert any(e.tag == W_INS and _in_mark(e) for e in revs)   # inserted paragraph marks


def test_changes_are_word_level(old, new):
    d = docx.Document(io.BytesIO(write_redline(old, new, None)))
    body = d.element.body
    ins_text = ["".join(t.text for t in e.iter(qn("w:t"))) for e in body.iter(W_INS)
                if not _in_mark(e)]
    del_text = ["".join(t.text for t in e.iter(qn("w:delText"))) for e in body.iter(W_DEL)
                if not _in_mark(e)]
    assert "Community " in ins_text                    # one word in the short title
    assert "February" in ins_text and "January" in del_text   # the effective date
    # the unchanged words of a changed paragraph are not marked
    short = next(p for p in d.paragraphs if "may be cited as" in p.text)
    assert "Testville " in short.text and "Trust Ordinance" in short.text


def test_whole_section_deleted_with_its_marks(old, new):
    d = docx.Document(io.BytesIO(write_redline(old, new, None)))
    body = d.element.body
    heading = next(p for p in body.iter(qn("w:p"))
                   if "Compliance with federal law." in "".join(
                       t.text for t in p.iter(qn("w:delText"))))
    assert heading.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}") is not None
    assert heading.find(qn("w:r")) is None      # every run of it is inside w:del
    # still numbered by Word (so Word shows "Section 5." struck, and renumbers on accept)
    assert heading.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None


def test_revision_attributes(old, new):
    when = dt.datetime(2026, 12, 2, 14, 30)
    data = write_redline(old, new, None, author="Clerk's Office", date=when)
    revs = _revisions(data)
    assert revs
    ids = [e.get(qn("w:id")) for e in revs]
    assert len(ids) == len(set(ids)), "w:id must be unique"
    assert all(i.isdigit() for i in ids)
    assert {e.get(qn("w:author")) for e in revs} == {"Clerk's Office"}
    # paragraph by paragraph the time alternates with two minutes later (LibreOffice joins
    # same-time revisions across a paragraph break)
    assert {e.get(qn("w:date")) for e in revs} == {"2026-12-02T14:30:00Z",
                                                   "2026-12-02T14:32:00Z"}


def test_default_date_is_new_draft_date_and_bytes_repeat(old, new):
    a = write_redline(old, new, None)
    assert a == write_redline(old, new, None)
    assert {e.get(qn("w:date")) for e in _revisions(a)} == {"2026-12-01T09:00:00Z",
                                                           "2026-12-01T09:02:00Z"}
    assert {e.get(qn("w:author")) for e in _revisions(a)} == {"Drafter"}


def test_identical_versions_have_no_changes(old):
    data = write_redline(old, old, None)
    assert _revisions(data) == []
    assert resolve(data, True) == ordinance_texts(old)
    assert compare(old, old).counts == {"changed": 0, "insert": 0, "delete": 0}


# --- more pairs: every one must accept to new and reject to old -----------------------------


def _variants() -> dict[str, dict]:
    base = _data()
    out = {}
    v = _data()
    v["clauses"] = [{"id": "detainers.test_limited"}]
    out["option swapped"] = v
    v = _data()
    v["clauses"] = []
    out["no clauses"] = v
    v = _data()
    v["jurisdiction"] = {"name": "Otherville", "kind": "city", "state": "IL",
                         "agencies": {"police": "Otherville Police Department"}}
    v["clauses"] = [{"id": "detainers.test_limited"}]
    out["other jurisdiction"] = v
    v = _data()
    v["clauses"] = [{"id": "detainers.test_strong", "text": (
        "New opening paragraph.\n\n"
        "The {{ jail }} shall not hold any person in Custody on the basis of a Civil "
        "Immigration Detainer.\n\n"
        "* Nothing in this section limits the execution of a Judicial Warrant.\n"
        "* This section applies to every Agency of the {{ jurisdiction }}.\n"
        "* A wholly new last subsection.\n")}]
    out["reordered and added"] = v
    v = _data()
    v["ordinance"]["short_title"] = ""
    v["export"]["savings_clause"] = False
    out["first sections removed"] = v
    out["unchanged"] = base
    return out


@pytest.mark.parametrize("name", list(_variants()))
@pytest.mark.parametrize("direction", ["forward", "backward"])
def test_variants_accept_and_reject(lib, name, direction):
    a, b = _assemble(lib, _data()), _assemble(lib, _variants()[name])
    if direction == "backward":
        a, b = b, a
    data = write_redline(a, b, None)
    assert resolve(data, True) == ordinance_texts(b)
    assert resolve(data, False) == ordinance_texts(a)


def test_shipped_examples_accept_and_reject():
    """Two real drafts from examples/ (different jurisdictions, states and clauses)."""
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    assert len(examples) >= 2, "the shipped examples are missing"
    shipped = load_library()
    docs = [assemble(load_draft(p, set(shipped.clauses)), shipped) for p in examples[:3]]
    for a, b in zip(docs, docs[1:], strict=False):
        data = write_redline(a, b, None)
        assert resolve(data, True) == ordinance_texts(b)
        assert resolve(data, False) == ordinance_texts(a)
        assert compare(a, b).notes  # different jurisdictions are noted


# --- notes, styles, errors -----------------------------------------------------------------


def test_different_jurisdictions_noted_in_document(lib, old):
    other = _assemble(lib, _variants()["other jurisdiction"])
    data = write_redline(old, other, None)
    d = docx.Document(io.BytesIO(data))
    header = " ".join(p.text for p in d.sections[0].header.paragraphs)
    assert "different jurisdictions" in header
    assert "Testville County" in header and "City of Otherville" in header
    assert "different jurisdictions" in d.core_properties.comments
    # same jurisdiction: no note
    same = docx.Document(io.BytesIO(write_redline(old, old, None)))
    assert "different" not in " ".join(p.text for p in same.sections[0].header.paragraphs)


def test_strike_underline(old, new):
    data = write_redline(old, new, None, style="strike-underline")
    assert _revisions(data) == []
    d = docx.Document(io.BytesIO(data))
    paras = d.paragraphs
    legend = next(p.text for p in paras if p.text.startswith("Changes from"))
    assert "deleted" in legend and "inserted" in legend and "moved" in legend
    body = paras[summary_length(d):]

    def without(p, mark) -> str:
        runs = [r for r in p.runs if not mark(r)]
        # a deleted (sub)section carries its old number, typed and struck through
        if runs and runs[0].font.strike and re.fullmatch(r"\([a-z]+\)\t|Section \d+\. ",
                                                          runs[0].text):
            runs = runs[1:]
        return "".join(r.text for r in runs)

    accepted = [without(p, lambda r: r.font.strike) for p in body]
    rejected = [without(p, lambda r: r.font.underline) for p in body]
    assert [t for t in accepted if t] == [t for t in ordinance_texts(new) if t]
    assert [t for t in rejected if t] == [t for t in ordinance_texts(old) if t]
    labels = [r.text for p in body for r in p.runs if r.font.strike]
    assert "(a)\t" in labels and "Section 5. " in labels
    assert any(r.font.underline and "Community" in r.text for p in body for r in p.runs)
    # struck labels take no number from Word's lists
    deleted_heading = next(p for p in body if p.runs and p.runs[0].text == "Section 5. ")
    assert deleted_heading._p.pPr.numPr.numId.val == 0


def test_bad_style(old, new):
    with pytest.raises(DrafterError, match="unknown redline style 'strike'"):
        write_redline(old, new, None, style="strike")


# --- LibreOffice ---------------------------------------------------------------------------




@lo_document("redline-tracked")
def _tracked(path: Path) -> None:
    pack = load_library([PACK])
    write_redline(_assemble(pack, DRAFT), _assemble(pack, DRAFT_V2), path)


@pytest.mark.libreoffice
def test_libreoffice_opens_redline(lo_pdfs):
    text = pdf_text(lo_pdfs["redline-tracked"], layout=True)
    flat = " ".join(text.split())
    assert "ORDINANCE NO. O-2026-01" in flat
    assert "Community" in flat and "February" in flat        # insertions shown
    assert "Compliance with federal law" in flat            # deletions shown (struck)
    assert "REDLINE" in flat and "Page 1 of" in flat


def _accept_reject_pairs() -> list[tuple[Document, Document]]:
    """The fixture pair, every variant and the shipped examples (each against the next)."""
    lib = load_library([PACK])
    old, new = _assemble(lib, DRAFT), _assemble(lib, DRAFT_V2)
    pairs = [(old, new)]
    pairs += [(old, _assemble(lib, v)) for k, v in _variants().items() if k != "unchanged"]
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    if len(examples) >= 2:
        shipped = load_library()
        docs = [assemble(load_draft(p, set(shipped.clauses)), shipped) for p in examples[:3]]
        pairs += list(zip(docs, docs[1:] + docs[:1], strict=True))
        a, b = moved_pair(shipped)
        pairs += [(a, b), (b, a)]
    return pairs


def moved_pair(shipped) -> tuple[Document, Document]:
    """Alachua County's example and a revision of it: its first clause moved to the end,
    another clause's first sentence rewritten, one word changed elsewhere, one clause
    removed and one added."""
    draft = load_draft(ROOT / "examples" / "alachua-county-fl.yaml", set(shipped.clauses))
    rev = draft.copy()
    ids = [c.id for c in rev.clauses]
    rev.clauses = rev.clauses[1:] + rev.clauses[:1]
    second = shipped.clause(ids[1])
    paras = second.text.strip().split("\n\n")
    paras[0] = ("Every jail employee shall give each person in custody a written notice, in "
                "a language the person understands, of any immigration request about that "
                "person within one business day.")
    rev.clauses[0].text = "\n\n".join(paras)
    rev.clauses = [c for c in rev.clauses if c.id != ids[2]]
    from drafter.load.draft import ChosenClause
    rev.clauses.append(ChosenClause("courthouse.open_courts_resolution")
                       if "courthouse.open_courts_resolution" in shipped.clauses
                       else ChosenClause(next(c for c in shipped.clauses
                                              if c.startswith("courthouse."))))
    rev.ordinance.short_title = draft.ordinance.short_title.replace("Trust", "Confidence")
    return assemble(draft, shipped), assemble(rev, shipped)


def _pair_files(folder: Path, n: int) -> tuple[Path, Path, Path]:
    return folder / f"{n}-red.docx", folder / f"{n}-old.docx", folder / f"{n}-new.docx"


@lo_check("accept-reject")
def _accept_reject_items(folder: Path) -> list[str]:
    folder.mkdir()
    items = []
    for n, (a, b) in enumerate(_accept_reject_pairs()):
        red, fa, fb = _pair_files(folder, n)
        write_redline(a, b, red)
        write_ordinance(a, fa)
        write_ordinance(b, fb)
        items += [f"accept:{red}", f"reject:{red}", f"none:{fa}", f"none:{fb}"]
    return items


@pytest.mark.libreoffice
def test_libreoffice_accepts_and_rejects(lo_checks):
    """LibreOffice itself: Accept All gives the new ordinance, Reject All the old one, for
    the fixture pair, every variant and the shipped examples."""
    reds = sorted(k.split(":", 1)[1] for k in lo_checks if k.startswith("accept:"))
    assert len(reds) == len(_accept_reject_pairs()) >= 2
    for red in reds:
        n = Path(red).name.split("-")[0]
        folder = Path(red).parent
        fa, fb = folder / f"{n}-old.docx", folder / f"{n}-new.docx"
        k = summary_length(docx.Document(red))
        assert lo_checks[f"accept:{red}"][k:] == lo_checks[f"none:{fb}"], f"pair {n}: accept"
        assert lo_checks[f"reject:{red}"][k:] == lo_checks[f"none:{fa}"], f"pair {n}: reject"


# --- CLI -----------------------------------------------------------------------------------


def test_cli_redline(tmp_path):
    out = tmp_path / "r.docx"
    proc = run_cli("--clauses", str(PACK), "redline", str(DRAFT), str(DRAFT_V2), "-o",
                   str(out), "--author", "Clerk", "--date", "2026-12-03")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    revs = _revisions(out.read_bytes())
    assert revs and {e.get(qn("w:author")) for e in revs} == {"Clerk"}
    assert {e.get(qn("w:date"))[:10] for e in revs} == {"2026-12-03"}


def test_cli_redline_strike_underline(tmp_path):
    out = tmp_path / "r.docx"
    proc = run_cli("--clauses", str(PACK), "redline", str(DRAFT), str(DRAFT_V2), "-o",
                   str(out), "--style", "strike-underline")
    assert proc.returncode == 0, proc.stderr
    assert _revisions(out.read_bytes()) == []
    d = docx.Document(str(out))
    assert any(r.font.strike for p in d.paragraphs for r in p.runs)


def test_cli_redline_different_jurisdictions(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(yaml.safe_dump(_variants()["other jurisdiction"]), encoding="utf-8")
    out = tmp_path / "r.docx"
    proc = run_cli("--clauses", str(PACK), "redline", str(DRAFT), str(other), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "different jurisdictions" in proc.stderr and "City of Otherville" in proc.stderr
    assert "Traceback" not in proc.stderr
    header = " ".join(p.text for p in docx.Document(str(out)).sections[0].header.paragraphs)
    assert "different jurisdictions" in header


def test_cli_redline_unknown_clause(tmp_path):
    bad = tmp_path / "bad.yaml"
    data = _data()
    data["clauses"] = [{"id": "detainers.test_strog"}]
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    proc = run_cli("--clauses", str(PACK), "redline", str(DRAFT), str(bad), "-o",
                   str(tmp_path / "r.docx"))
    assert_one_line_error(proc, "unknown clause id 'detainers.test_strog'",
                          "did you mean 'detainers.test_strong'")
    assert not (tmp_path / "r.docx").exists()


def test_cli_redline_bad_output(tmp_path):
    proc = run_cli("--clauses", str(PACK), "redline", str(DRAFT), str(DRAFT_V2), "-o",
                   str(tmp_path))
    assert_one_line_error(proc, "is a folder")
    assert len(proc.stderr.strip().splitlines()) == 1
    old = tmp_path / "old.yaml"
    old.write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    before = old.read_bytes()
    proc = run_cli("--clauses", str(PACK), "redline", str(old), str(DRAFT_V2), "-o", str(old))
    assert_one_line_error(proc, "input files")
    assert old.read_bytes() == before


def test_cli_redline_bad_date(tmp_path):
    proc = run_cli("--clauses", str(PACK), "redline", str(DRAFT), str(DRAFT_V2), "-o",
                   str(tmp_path / "r.docx"), "--date", "yesterday")
    assert proc.returncode == 2 and "not a date" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_house_template_and_line_numbers(old, new, tmp_path):
    """The redline takes the new draft's house template and line numbering, and still
    accepts to exactly what the ordinance export gives with that template."""
    house = tmp_path / "house.docx"
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "CITY OF TESTVILLE \u2014 OFFICE OF THE CLERK"
    d.add_paragraph("template body text that must not survive")
    d.save(str(house))
    data = write_redline(old, new, None, template=house, line_numbers=True)
    red = docx.Document(io.BytesIO(data))
    assert "OFFICE OF THE CLERK" in red.sections[0].header.paragraphs[0].text
    assert red.sections[0]._sectPr.find(qn("w:lnNumType")) is not None
    expected = [p.text for p in docx.Document(io.BytesIO(
        write_ordinance(new, template=house))).paragraphs]
    assert resolve(data, True) == expected
