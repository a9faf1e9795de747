"""The assembled ordinance as plain data: the one model every writer reads.

Writers (Word, HTML preview, plain text) only lay this out; none of them decides what the
ordinance says. That keeps the preview, the export and the redline in agreement. The labels
("Section 5.", "(c)") are part of the model too, given here once as Word's numbering will
show them; writers print them and none counts.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, field
from typing import Literal

ParaKind = Literal["body", "sub", "definition", "recital", "enacting", "sign", "note"]


def letter(i: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: the lettering Word uses for lowerLetter lists."""
    letters = string.ascii_lowercase
    return letters[i % 26] * (i // 26 + 1)


def lettered(paragraphs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(kind, text) paragraphs -> (label, text): subsections labelled (a), (b), ... as
    Word numbers them (restarting in every section), other paragraphs with an empty
    label. The one place subsection labels are counted."""
    out, sub = [], 0
    for kind, text in paragraphs:
        if kind == "sub":
            out.append((f"({letter(sub)})", text))
            sub += 1
        else:
            out.append(("", text))
    return out


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
    number: str = ""         # for "sub": its label as Word numbers it, "(a)" (Section sets it)

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

    def __post_init__(self) -> None:
        labels = lettered([(p.kind, "") for p in self.paragraphs])
        for p, (label, _) in zip(self.paragraphs, labels, strict=True):
            p.number = label

    @property
    def label(self) -> str:
        """The section's number as Word's numbering shows it: "Section 5."."""
        return f"Section {self.number}."


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
    # the instrument the state's law has this government adopt (drafter.ordinance.localgov): the
    # caption says "ORDER NO." for a Texas county, "LOCAL LAW NO." for a New York one
    instrument: str = "ordinance"
    state: str = ""          # the state's name ("Illinois"), a fact carried, never parsed back

    @property
    def caption(self) -> str:
        """The number block: "ORDINANCE NO. 2026-19", "LOCAL LAW NO. ____", "BYLAW"
        (a town meeting adopts a bylaw under a warrant article, often unnumbered)."""
        word = self.instrument.upper()
        if self.instrument == "bylaw":
            return word if self.number in ("", "____") else f"{word} NO. {self.number}"
        return f"{word} NO. {self.number}"
