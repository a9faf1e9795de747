"""Plain-text layout of the document model: comparisons, redlines, tests, search."""

from __future__ import annotations

import string
import textwrap
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.document import Document


def letter(i: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: the lettering Word uses for lowerLetter lists."""
    letters = string.ascii_lowercase
    return letters[i % 26] * (i // 26 + 1)


def lettered(paragraphs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(kind, text) paragraphs -> (label, text), subsections labelled (a), (b), ... as Word
    numbers them; body paragraphs get an empty label."""
    out, sub = [], 0
    for kind, text in paragraphs:
        if kind == "sub":
            out.append((f"({letter(sub)})", text))
            sub += 1
        else:
            out.append(("", text))
    return out


def section_lines(doc: Document) -> list[tuple[str, list[str]]]:
    """(heading line, paragraph lines) per section, numbered as Word will number them."""
    out = []
    for s in doc.sections:
        paras, sub = [], 0
        for p in s.paragraphs:
            if p.kind == "sub":
                paras.append(f"({letter(sub)}) {p.text}")
                sub += 1
            else:
                paras.append(p.text)
        out.append((f"Section {s.number}. {s.heading}.", paras))
    return out


def to_text(doc: Document, width: int | None = None) -> str:
    def wrap(s: str) -> str:
        return textwrap.fill(s, width) if width else s

    lines = [doc.header, "", f"ORDINANCE NO. {doc.number}", "", wrap(doc.title), ""]
    lines += [wrap(p.text) + "\n" for p in doc.recitals]
    lines += [wrap(doc.enacting), ""]
    for heading, paras in section_lines(doc):
        lines.append(heading)
        lines += [wrap(p) for p in paras]
        lines.append("")
    for p in doc.signature:
        if p.kind == "sign":
            if p.label:
                lines.append(p.label)
            lines += ["______________________________", p.text, ""]
        else:
            lines += [wrap(p.text), ""]
    lines += ["", doc.disclaimer]
    return "\n".join(lines).rstrip() + "\n"
