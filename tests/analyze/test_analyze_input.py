"""Bad input to `drafter analyze`: one clear line naming the file, exit 2, no traceback."""

from __future__ import annotations

import zipfile

import pytest

from drafter.analyze import extract as ex
from drafter.errors import DrafterError
from helpers import DATA, assert_one_line_error, run_cli


def _blank_pdf(path, pages: int = 1, password: str | None = None) -> None:
    from pypdf import PdfWriter

    w = PdfWriter()
    for _ in range(pages):
        w.add_blank_page(width=612, height=792)
    if password is not None:
        w.encrypt(password, algorithm="RC4-128")
    with open(path, "wb") as fh:
        w.write(fh)


def _one_line(path, *needles: str) -> None:
    proc = run_cli("analyze", str(path))
    assert_one_line_error(proc, str(path), *needles)
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_scanned_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    _blank_pdf(path)
    _one_line(path, "no text found: run OCR first")


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    _blank_pdf(path, password="secret")
    _one_line(path, "encrypted PDF")


def test_damaged_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes((DATA / "analyze" / "double_lock.pdf").read_bytes()[:900])
    _one_line(path, "damaged or not a PDF")


def test_damaged_docx(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not a whole zip file")
    _one_line(path, "damaged or not a Word document")
    other = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "no word document in here")
    _one_line(other, "damaged or not a Word document")


def test_binary_file_named_txt(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 40)
    _one_line(path, "a binary file, not text")


def test_mixed_encodings(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Section 1. Café rules.\n".encode() +
                     "Section 2. Niño rules.\n".encode("cp1252"))
    _one_line(path, "mixed text encodings", ":2:")


def test_500_page_document(tmp_path):
    path = tmp_path / "whole_code.txt"
    page = ("Section 1. The Clerk shall keep the minutes of every meeting of the Council. "
            * 40 + "\n\n")
    path.write_text(page * 500, encoding="utf-8")
    _one_line(path, "pages", "up to 300 pages")


def test_500_page_pdf_refused_by_page_count(tmp_path):
    path = tmp_path / "long.pdf"
    _blank_pdf(path, pages=500)
    _one_line(path, "500 pages", "up to 300 pages")


def test_500_page_docx(tmp_path):
    import docx

    d = docx.Document()
    for _ in range(500 * 12):
        d.add_paragraph("The Clerk shall keep the minutes of every meeting of the Council "
                        "and publish them within ten days, with the agenda attached. " * 3)
    path = tmp_path / "code.docx"
    d.save(str(path))
    _one_line(path, "up to 300 pages")


def test_missing_empty_and_old_word(tmp_path):
    _one_line(tmp_path / "nowhere.txt", "no such file")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _one_line(empty, "empty")
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    _one_line(old, "save it as .docx")


def test_bad_state_is_one_line(tmp_path):
    proc = run_cli("analyze", str(DATA / "analyze" / "board_policy.md"), "--state", "ZZ")
    assert_one_line_error(proc, "ZZ")


@pytest.mark.parametrize("data", [b"\xff\xfeS\x00", b"\xfe\xff\x00S\x00"])
def test_utf16_text_is_read(tmp_path, data):
    path = tmp_path / "u16.txt"
    text = "Section 1. The jail shall not hold anyone on an ICE detainer."
    path.write_bytes(text.encode("utf-16"))
    assert "ICE detainer" in ex.extract(path).text


def test_every_failure_is_a_drafter_error(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF")
    with pytest.raises(DrafterError):
        ex.extract(path)


def test_kind_the_state_does_not_have_is_one_line():
    proc = run_cli("analyze", str(DATA / "analyze" / "board_policy.md"), "--state", "TX",
                   "--kind", "parish")
    assert_one_line_error(proc, "parish")
