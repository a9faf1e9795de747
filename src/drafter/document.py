"""The assembled ordinance as plain data: the one model every writer reads.

Writers (Word, HTML preview, plain text) only lay this out; none of them decides what the
ordinance says. That keeps the preview, the export and the redline in agreement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ParaKind = Literal["body", "sub", "definition", "recital", "enacting", "sign", "note"]


@dataclass(frozen=True)
class Run:
    text: str
    term: bool = False      # a use of a defined term
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    runs: list[Run]
    kind: ParaKind = "body"
    label: str = ""          # for "sign": the caption above the line ("ATTEST:")

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Section:
    number: int
    heading: str
    paragraphs: list[Paragraph]
    role: str = "clause"     # clause | short_title | purpose | definitions | savings | ...
    clause_id: str | None = None
    protection: str | None = None
    edited: bool = False


@dataclass
class Properties:
    title: str
    subject: str
    author: str
    keywords: str
    created: dt.datetime     # fixed from the draft, never "now": same draft, same bytes


@dataclass
class Document:
    jurisdiction: str
    number: str
    title: str
    header: str
    recitals: list[Paragraph]
    enacting: str
    sections: list[Section]
    signature: list[Paragraph]
    properties: Properties
    disclaimer: str
    notes: list[str] = field(default_factory=list)

    def plain_text(self) -> str:
        """The whole ordinance as text (comparison, redline, search, tests)."""
        from drafter.formats.text import to_text

        return to_text(self)
