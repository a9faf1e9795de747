"""Plain-text layout of the document model: comparisons, redlines, tests, search."""

from __future__ import annotations

import textwrap

from drafter.ordinance.document import Document, lettered

__all__ = ["lettered", "section_lines", "to_text"]  # lettered: the model's, for callers


def section_lines(doc: Document) -> list[tuple[str, list[str]]]:
    """(heading line, paragraph lines) per section, with the model's labels."""
    return [(f"{s.label} {s.heading}.",
             [f"{p.number} {p.text}" if p.number else p.text for p in s.paragraphs])
            for s in doc.sections]


def to_text(doc: Document, width: int | None = None) -> str:
    def wrap(s: str) -> str:
        return textwrap.fill(s, width) if width else s

    lines = [doc.header, "", doc.caption, "", wrap(doc.title), ""]
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
