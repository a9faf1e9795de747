"""Text out of an existing ordinance: Word (.docx), PDF with a text layer, plain text or
Markdown. Every way a file can be unreadable ends in one `DrafterError` naming the file and
the problem, because the people who run this are clerks and advocates, not programmers.

Word: tracked changes are read as if accepted (inserted text kept, deleted text dropped),
since a marked-up draft's operative text is what it would say once adopted. PDF: pypdf's
text layer; a scan has none and we say so rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DrafterError

MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_PAGES = 300
# About 300 pages of ordinance text: a codified chapter or an omnibus ordinance is far
# shorter; a 500-page document is a whole code, which this reading is not built for.
MAX_CHARS = 900_000
CHARS_PER_PAGE = 3000

WORD_SUFFIXES = (".docx", ".docm")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown", "")


@dataclass
class Extracted:
    file: str
    paragraphs: list[str]
    pages: int | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def _too_long(path: Path, chars: int) -> DrafterError:
    pages = max(1, chars // CHARS_PER_PAGE)
    return DrafterError(f"about {pages} pages of text; Drafter reads documents of up to "
                        f"{MAX_PAGES} pages: analyse the ordinance itself, not the whole code",
                        path)


def _paragraphs(lines: list[str], path: Path) -> list[str]:
    out = [" ".join(p.split()) for p in lines]
    out = [p for p in out if p]
    total = sum(len(p) for p in out)
    if total > MAX_CHARS:
        raise _too_long(path, total)
    return out


def extract(path: Path | str) -> Extracted:
    """The paragraphs of a document, or a one-line DrafterError."""
    p = Path(path)
    try:
        if not p.is_file():
            raise DrafterError("no such file" if not p.exists() else "not a regular file", p)
        size = p.stat().st_size
    except OSError as exc:
        raise DrafterError(f"cannot read: {exc.strerror or exc}", p) from None
    if size > MAX_FILE_BYTES:
        raise DrafterError(f"{size // (1024 * 1024)} MB; Drafter reads files of up to "
                           f"{MAX_FILE_BYTES // (1024 * 1024)} MB", p)
    if size == 0:
        raise DrafterError("the file is empty", p)
    suffix = p.suffix.lower()
    if suffix in WORD_SUFFIXES:
        return _docx(p)
    if suffix == ".pdf":
        return _pdf(p)
    if suffix == ".doc":
        raise DrafterError("old Word .doc format: save it as .docx (Word: File > Save As) "
                           "and analyse that", p)
    return _text(p)


# --- Word ------------------------------------------------------------------------------


def _docx(path: Path) -> Extracted:
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(str(path))
        body = document.element.body
    except Exception:  # python-docx raises zip, XML and key errors alike on a bad package
        raise DrafterError("damaged or not a Word document (.docx): open it in Word and "
                           "save it again", path) from None
    w_p, w_t, w_tab, w_br = qn("w:p"), qn("w:t"), qn("w:tab"), qn("w:br")
    gone = {qn("w:del"), qn("w:moveFrom")}
    lines: list[str] = []
    total = 0
    for para in body.iter(w_p):
        parts: list[str] = []
        for el in para.iter(w_t, w_tab, w_br):
            # tracked changes as accepted: text under a deletion is dropped; insertions
            # (w:ins) are ordinary w:t runs inside, so they are kept
            anc = el.getparent()
            deleted = False
            while anc is not None and anc is not para:
                if anc.tag in gone:
                    deleted = True
                    break
                anc = anc.getparent()
            if deleted:
                continue
            parts.append(el.text or "" if el.tag == w_t else " ")
        line = "".join(parts)
        total += len(line)
        if total > MAX_CHARS:
            raise _too_long(path, total)
        lines.append(line)
    paragraphs = _paragraphs(lines, path)
    if not paragraphs:
        raise DrafterError("no text found in the Word document", path)
    return Extracted(str(path), paragraphs)


# --- PDF -------------------------------------------------------------------------------


def _pdf(path: Path) -> Extracted:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not our output
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except (DependencyError, NotImplementedError, PdfReadError):
                opened = False
            if not opened:
                raise DrafterError("encrypted PDF: save an unprotected copy (or export the "
                                   "text) and analyse that", path)
        n = len(reader.pages)
        if n > MAX_PAGES:
            raise DrafterError(f"{n} pages; Drafter reads documents of up to {MAX_PAGES} "
                               "pages: analyse the ordinance itself, not the whole code", path)
        lines: list[str] = []
        total = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_CHARS:
                raise _too_long(path, total)
            lines.extend(_pdf_paragraphs(text))
    except DrafterError:
        raise
    except Exception:  # pypdf raises many kinds of error on a broken file
        raise DrafterError("damaged or not a PDF: open it and save or print it to PDF again",
                           path) from None
    paragraphs = _paragraphs(lines, path)
    if sum(len(p) for p in paragraphs) < 40:
        raise DrafterError("no text found: run OCR first (the PDF has no text layer; it "
                           "looks like a scan)", path)
    return Extracted(str(path), paragraphs, n)


_HEADING_START = re.compile(r"^\s*(?:§|sec(?:tion)?\.?\s|article\s|chapter\s|"
                            r"\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)]\s|\d+(?:[.-]\d+)+\.?\s|"
                            r"whereas|now,? therefore|be it|[IVX]+\.\s|#)", re.I)


def _pdf_paragraphs(text: str) -> list[str]:
    """A PDF's text layer has one line per printed line; join the lines of a paragraph
    and start a new one at a blank line, a section or list heading, or after a line that
    ends a sentence well short of the margin."""
    out: list[str] = []
    cur: list[str] = []
    width = max((len(x.rstrip()) for x in text.splitlines()), default=0)
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if cur:
                out.append(" ".join(cur))
                cur = []
            continue
        if cur and (_HEADING_START.match(line) or line.isupper() or cur[-1].isupper()):

            out.append(" ".join(cur))
            cur = []
        if cur and cur[-1].endswith("-") and not cur[-1].endswith(" -"):
            cur[-1] = cur[-1][:-1] + line
        else:
            cur.append(line)
        if line.endswith((".", ":", ";")) and len(line) < 0.7 * width:
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out


# --- plain text and Markdown -------------------------------------------------------------

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _text(path: Path) -> Extracted:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DrafterError(f"cannot read: {exc.strerror or exc}", path) from None
    text = _decode(data, path)
    if len(text) > MAX_CHARS:
        raise _too_long(path, len(text))
    return Extracted(str(path), _paragraphs(_text_paragraphs(text), path))


def _decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DrafterError("not valid UTF-16 text", path) from None
    head = data[:65536]
    if b"\x00" in head or data.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise DrafterError("a binary file, not text: give a .docx, a .pdf or a text file "
                           "with the right name", path)
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(head) // 50:
        raise DrafterError("a binary file, not text: give a .docx, a .pdf or a text file "
                           "with the right name", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if _UTF8_MULTIBYTE.search(data):
            raise DrafterError("mixed text encodings (UTF-8 and another); save the file "
                               "as UTF-8 and try again", path, line) from None
    # no UTF-8 at all: a Windows or Latin-1 file, which each byte maps onto
    return data.decode("cp1252", errors="replace")


_MD_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[*+-]\s+(?=\S))")


def _text_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; a line that starts a heading or a numbered or
    lettered item starts one too, so hard-wrapped text and one-line-per-item text both
    come out right. Markdown marks are dropped."""
    out: list[str] = []
    cur: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if cur:
                out.append(" ".join(cur))
                cur = []
            continue
        heading = raw.lstrip().startswith("#")
        line = _MD_MARK.sub("", line).replace("**", "").replace("__", "")
        if cur and (heading or _HEADING_START.match(line) or cur[-1].isupper()):

            out.append(" ".join(cur))
            cur = []
        cur.append(line)
        if heading:
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out
