"""The Word package layer: our own base document, house templates missing parts, hostile
templates, and the same draft giving the same bytes."""

from __future__ import annotations

import io
import posixpath
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.errors import ExportError
from drafter.formats.docx.ordinance import write_ordinance
from drafter.load.draft import load_draft
from drafter.load.library import load_library
from drafter.ordinance.assemble import assemble
from helpers import DRAFT, PACK, ROOT, assert_one_line_error, run_cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
BASE = ROOT / "src" / "drafter" / "formats" / "base.docx"


@pytest.fixture()
def doc():
    lib = load_library([PACK])
    return assemble(load_draft(DRAFT, set(lib.clauses)), lib)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _check_package(parts: dict[str, bytes]) -> None:
    """Every relationship points to a part that exists, and every XML part has a type."""
    types = etree.fromstring(parts["[Content_Types].xml"])
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{{{CT_NS}}}Override")}
    defaults = {d.get("Extension") for d in types.iter(f"{{{CT_NS}}}Default")}
    assert all(defaults), "a Default with an empty extension makes LibreOffice refuse the file"
    for name in parts:
        if name != "[Content_Types].xml":
            assert name in overrides or name.rsplit(".", 1)[-1] in defaults, name
    for name, blob in parts.items():
        if not name.endswith(".rels"):
            continue
        folder = name.rsplit("_rels/", 1)[0]
        for rel in etree.fromstring(blob).iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target")
            full = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(folder + target)
            assert full in parts, f"{name}: {target} missing"


def test_base_package_is_ours_and_complete(doc):
    parts = _parts(write_ordinance(doc))
    assert set(parts) == {
        "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
        "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
        "word/settings.xml", "word/fontTable.xml", "word/numbering.xml",
        "word/header1.xml", "word/footer1.xml"}
    _check_package(parts)
    # no comments or indentation from the readable base files leak into the output
    assert b"<!--" not in parts["word/styles.xml"] and b"\n  " not in parts["word/styles.xml"]
    d = docx.Document(io.BytesIO(write_ordinance(doc)))
    names = {s.name for s in d.styles}
    assert {"Normal", "Title", "Heading 1", "List Number", "Table Grid"} <= names
    assert d.styles["Normal"].font.name == "Times New Roman"
    assert d.core_properties.title.startswith("Ordinance O-2026-01")


def test_export_is_deterministic_in_a_fresh_process(tmp_path):
    """The same draft gives the same bytes in two processes (fixed zip times and order,
    properties from the draft, never "now")."""
    outs = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for out in outs:
        code = ("import sys; from drafter.cli import main; "
                f"rc = main(['--clauses', {str(PACK)!r}, 'export', {str(DRAFT)!r}, "
                f"'-o', {str(out)!r}]); sys.exit(rc)")
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              cwd=ROOT, env=_env())
        assert proc.returncode == 0, proc.stderr
    assert outs[0].read_bytes() == outs[1].read_bytes()
    with zipfile.ZipFile(outs[0]) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert docx.Document(str(outs[0])).paragraphs[0].text == "ORDINANCE NO. O-2026-01"


def _env() -> dict[str, str]:
    import os
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _minimal_template(path: Path, document: str | None = None,
                      extra: dict[str, str] | None = None) -> None:
    """A package with only a main part: no styles, numbering, header, footer or
    properties, as some tools save them."""
    document = document or (
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>old text</w:t></w:r></w:p>'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1000" w:right="1000" w:bottom="1000" w:left="1800" w:header="700"'
        ' w:footer="700" w:gutter="0"/></w:sectPr></w:body></w:document>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   f'<Types xmlns="{CT_NS}">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" '
                   'ContentType="application/xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.'
                   'wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels",
                   f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
                   'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/document.xml", document)
        for name, text in (extra or {}).items():
            z.writestr(name, text)


def test_minimal_template_gets_the_parts_it_lacks(doc, tmp_path):
    tpl = tmp_path / "bare.docx"
    _minimal_template(tpl)
    data = write_ordinance(doc, template=tpl)
    parts = _parts(data)
    _check_package(parts)
    assert b"Section %1." in parts["word/numbering.xml"]
    d = docx.Document(io.BytesIO(data))
    sec = d.sections[0]
    assert sec.page_width == 11906 * 635 and sec.left_margin == 1800 * 635  # A4 kept
    assert [p.text for p in sec.header.paragraphs] == ["DRAFT \u2014 2026-11-21"]
    assert "Page" in sec.footer.paragraphs[0].text
    assert d.paragraphs[0].text == "ORDINANCE NO. O-2026-01"
    assert all(p.text != "old text" for p in d.paragraphs)
    assert d.paragraphs[1].style.name == "Long Title"
    assert d.core_properties.author


def test_template_styles_copied_with_what_they_are_based_on(doc, tmp_path):
    styles = (f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" '
              'w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Georgia"'
              ' w:hAnsi="Georgia"/></w:rPr></w:style></w:styles>')
    tpl = tmp_path / "styles.docx"
    _minimal_template(tpl, extra={"word/styles.xml": styles,
                                  "word/_rels/document.xml.rels": (
                                      f'<Relationships xmlns="{REL_NS}"><Relationship '
                                      'Id="rId1" Type="http://schemas.openxmlformats.org/'
                                      'officeDocument/2006/relationships/styles" '
                                      'Target="styles.xml"/></Relationships>')})
    # the template's content types do not list styles.xml: that is the template's problem,
    # but the part is still found through its relationship
    d = docx.Document(io.BytesIO(write_ordinance(doc, template=tpl)))
    by_id = {s.style_id: s for s in d.styles}
    assert by_id["Normal"].font.name == "Georgia"  # the clerk's own Normal is kept
    assert "Heading1" in by_id and "ListNumber" in by_id
    assert "TableGrid" in by_id and "TableNormal" in by_id  # Table Grid's base came along


def test_template_entities_are_not_expanded(doc, tmp_path):
    """A 'billion laughs' document or an external entity must neither expand nor leak."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    bomb = "".join(f'<!ENTITY a{i} "&a{i - 1};&a{i - 1};&a{i - 1};&a{i - 1};">'
                   for i in range(1, 12))
    document = (f'<!DOCTYPE w:document [<!ENTITY a0 "lol"><!ENTITY x SYSTEM '
                f'"file://{secret}">{bomb}]>'
                f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&a11;&x;</w:t></w:r>'
                '</w:p><w:sectPr/></w:body></w:document>')
    tpl = tmp_path / "bomb.docx"
    _minimal_template(tpl, document=document)
    try:
        data = write_ordinance(doc, template=tpl)
    except ExportError as exc:
        assert "template" in str(exc)
        return
    assert len(data) < 1_000_000
    assert b"TOP-SECRET" not in b"".join(_parts(data).values())


def test_cli_template_with_broken_xml(tmp_path):
    tpl = tmp_path / "broken.docx"
    _minimal_template(tpl, document="<w:document><w:body>")
    out = tmp_path / "o.docx"
    proc = run_cli("--clauses", str(PACK), "export", str(DRAFT), "-o", str(out),
                   "--template", str(tpl))
    assert_one_line_error(proc, str(tpl), "not a usable Word template", "word/document.xml")
    assert not out.exists()


def test_cli_template_without_main_part_relationship(tmp_path):
    tpl = tmp_path / "norel.docx"
    with zipfile.ZipFile(tpl, "w") as z:
        z.writestr("[Content_Types].xml", f'<Types xmlns="{CT_NS}"/>')
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body/></w:document>')
    proc = run_cli("--clauses", str(PACK), "export", str(DRAFT), "-o",
                   str(tmp_path / "o.docx"), "--template", str(tpl))
    assert_one_line_error(proc, str(tpl), "main document part")


def test_rich_writers_use_the_same_base(tmp_path):
    """The comparison (python-docx on top) starts from the same package as the ordinance."""
    out = tmp_path / "c.docx"
    proc = run_cli("compare", "detainers.judicial_warrant_only", "detainers.double_lock",
                   "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    parts = _parts(out.read_bytes())
    _check_package(parts)
    assert "docProps/thumbnail.jpeg" not in parts and "word/stylesWithEffects.xml" not in parts
    assert b'w:styleId="TableGrid"' in parts["word/styles.xml"]
    base = _parts(BASE.read_bytes())
    assert parts["word/settings.xml"] == base["word/settings.xml"]
    assert parts["word/fontTable.xml"] == base["word/fontTable.xml"]


# --- odd and hostile templates (found by a review that tried to break this layer) --------

DOC_RELS = "word/_rels/document.xml.rels"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _rels(*rels: tuple[str, str, str]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{_RT}/{t}" Target="{target}"/>'
                   for i, t, target in rels)
    return f'<Relationships xmlns="{REL_NS}">{body}</Relationships>'


def _body(sectpr: str = "<w:sectPr/>", paras: str = "") -> str:
    return (f'<w:document xmlns:w="{W}" xmlns:r="{_RT}"><w:body>{paras}{sectpr}</w:body>'
            "</w:document>")


def _export_cli(tmp_path: Path, tpl: Path):
    out = tmp_path / "o.docx"
    proc = run_cli("--clauses", str(PACK), "export", str(DRAFT), "-o", str(out),
                   "--template", str(tpl))
    return proc, out


@pytest.mark.parametrize("extra,needle", [
    ({"word/document.xml": f'<w:hdr xmlns:w="{W}"/>'}, "is not a <document> part"),
    ({"word/document.xml": '<!DOCTYPE x [<!ENTITY c "City">]>'
      f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body>'
      "</w:document>"}, "declares a DTD"),
    ({"word/styles.xml": f'<w:fonts xmlns:w="{W}"/>', DOC_RELS: _rels(
        ("rId1", "styles", "styles.xml"))}, "word/styles.xml is not a <styles> part"),
])
def test_cli_template_parts_that_are_not_what_they_claim(tmp_path, extra, needle):
    tpl = tmp_path / "odd.docx"
    _minimal_template(tpl, document=extra.pop("word/document.xml", None), extra=extra)
    proc, out = _export_cli(tmp_path, tpl)
    assert_one_line_error(proc, str(tpl), needle)
    assert not out.exists()


def test_cli_damaged_member_and_not_a_regular_file(tmp_path):
    tpl = tmp_path / "damaged.docx"
    with zipfile.ZipFile(tpl, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr("word/document.xml", "x" * 5000)
    data = bytearray(tpl.read_bytes())
    with zipfile.ZipFile(tpl) as z:
        info = z.getinfo("word/document.xml")
    # the member's deflate data no longer decompresses (zlib.error, not BadZipFile)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start:start + 4] = b"\xff\xff\xff\xff"
    tpl.write_bytes(bytes(data))
    proc, _ = _export_cli(tmp_path, tpl)
    assert_one_line_error(proc, str(tpl), "damaged Word file")
    proc, _ = _export_cli(tmp_path, Path("/dev/zero"))
    assert_one_line_error(proc, "/dev/zero", "not a regular file")


def test_template_main_part_elsewhere_and_odd_numbering(doc, tmp_path):
    """python-docx opens a main part that is not word/document.xml; so must we. A
    numbering part with unreadable or huge ids and Word's numIdMacAtCleanup stays valid."""
    numbering = (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="x"/>'
                 '<w:num w:numId="2147483647"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num><w:abstractNumId w:val="0"/></w:num>'
                 '<w:numIdMacAtCleanup w:val="1"/></w:numbering>')
    tpl = tmp_path / "elsewhere.docx"
    with zipfile.ZipFile(tpl, "w") as z:
        z.writestr("[Content_Types].xml", f'<Types xmlns="{CT_NS}"/>')  # no defaults
        z.writestr("_rels/.rels", f'<Relationships xmlns="{REL_NS}"><Relationship Id="r1" '
                   f'Type="{_RT}/officeDocument" Target="/main/Body.xml"/></Relationships>')
        z.writestr("main/Body.xml", _body())
        z.writestr("main/_rels/Body.xml.rels", _rels(("rId1", "numbering", "numbering.xml")))
        z.writestr("main/numbering.xml", numbering)
        z.writestr("main/media/logo.png", b"\x89PNG")
    data = write_ordinance(doc, template=tpl)
    parts = _parts(data)
    _check_package(parts)
    num = etree.fromstring(parts["main/numbering.xml"])
    tags = [etree.QName(c).localname for c in num]
    assert tags[-1] == "numIdMacAtCleanup" and tags.index("num") > tags.index("abstractNum")
    ids = [int(n.get(f"{{{W}}}numId")) for n in num.iter(f"{{{W}}}num") if n.get(
        f"{{{W}}}numId")]
    assert len(ids) == len(set(ids)) and max(ids) <= 2**31 - 1
    d = docx.Document(io.BytesIO(data))
    assert d.paragraphs[0].text == "ORDINANCE NO. O-2026-01"


def test_template_relationship_to_a_missing_part(doc, tmp_path):
    tpl = tmp_path / "missing.docx"
    sect = ('<w:sectPr><w:headerReference w:type="first" r:id="rId2"/>'
            '<w:headerReference w:type="default" r:id="rId9"/></w:sectPr>')
    _minimal_template(tpl, document=_body(sect), extra={
        DOC_RELS: _rels(("rId1", "styles", "styles.xml"), ("rId2", "header", "gone.xml"))})
    data = write_ordinance(doc, template=tpl)
    parts = _parts(data)
    _check_package(parts)
    assert parts["word/styles.xml"].count(b"<w:style ") >= 5  # made where the rel points
    rels = etree.fromstring(parts[DOC_RELS])
    assert sum(r.get("Type").endswith("/styles") for r in rels) == 1
    assert docx.Document(io.BytesIO(data)).sections[0].header.paragraphs


def test_draft_mark_on_every_page_and_letterhead_of_earlier_section(doc, tmp_path):
    """First-page and even-page headers get the DRAFT line and page numbers too; a last
    section that inherits its letterhead from an earlier one keeps it."""
    d = docx.Document()
    d.settings.odd_and_even_pages_header_footer = True
    first = d.sections[0]
    first.different_first_page_header_footer = True
    first.header.paragraphs[0].text = "LETTERHEAD DEFAULT"
    first.first_page_header.paragraphs[0].text = "LETTERHEAD FIRST"
    first.even_page_header.paragraphs[0].text = "LETTERHEAD EVEN"
    first.footer.paragraphs[0].text = "\t"  # a footer laid out with tabs: kept as it is
    d.add_section()  # the last section links to the first one's headers
    tpl = tmp_path / "sections.docx"
    d.save(str(tpl))
    out = docx.Document(io.BytesIO(write_ordinance(doc, template=tpl)))
    sec = out.sections[0]
    for header, name in ((sec.header, "DEFAULT"), (sec.first_page_header, "FIRST"),
                         (sec.even_page_header, "EVEN")):
        text = "\n".join(p.text for p in header.paragraphs)
        assert f"LETTERHEAD {name}" in text and "DRAFT" in text
    for footer in (sec.footer, sec.first_page_footer, sec.even_page_footer):
        assert any(p.text.startswith("Page ") for p in footer.paragraphs)
    assert sec.footer.paragraphs[0].text == "\t"


def test_part_names_are_compared_without_case(doc, tmp_path):
    tpl = tmp_path / "case.docx"
    _minimal_template(tpl, extra={"word/Header1.xml": f'<w:hdr xmlns:w="{W}"/>'})
    names = [n.lower() for n in _parts(write_ordinance(doc, template=tpl))]
    assert len(names) == len(set(names))


def test_cli_template_refusals_at_the_zip_level(tmp_path):
    """Refused before python-docx sees them, each with one line naming the file."""
    macro = tmp_path / "macro.docx"
    _minimal_template(macro)
    with zipfile.ZipFile(macro) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"document.main+xml", b"document.macroEnabled.main+xml")
    with zipfile.ZipFile(macro, "w") as z:
        for n, b in parts.items():
            z.writestr(n, b)
    bomb = tmp_path / "bomb.docx"
    _minimal_template(bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/huge.xml", b"<a>" + b" " * (17 * 1024 * 1024) + b"</a>")
    text = tmp_path / "notes.docx"
    text.write_text("not a zip", encoding="utf-8")
    for tpl, needle in ((macro, "macro-enabled"), (bomb, "word/huge.xml unpacks to"),
                        (text, "not a zip package"), (tmp_path, "is a folder"),
                        (tmp_path / "nowhere.docx", "template not found")):
        proc, out = _export_cli(tmp_path, tpl)
        assert_one_line_error(proc, str(tpl), needle)
        assert not out.exists()
