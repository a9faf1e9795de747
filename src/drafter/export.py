"""Writing the documents: build the model (`drafter.papers.redline`, `drafter.papers.packet`,
`drafter.papers.comparison`, `drafter.ordinance.assemble`), then hand it to its Word writer.

The domain modules never import a writer; the CLI commands and the app call these.
Each function returns the bytes written (and writes them atomically when given a path).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.check.laws import LawBook
    from drafter.load.draft import Draft
    from drafter.load.library import Library
    from drafter.ordinance.document import Document


def write_ordinance(doc: Document, path: str | Path | None = None,
                    template: str | Path | None = None, line_numbers: bool = False,
                    final: bool = False) -> bytes:
    """The ordinance as a clerk-ready .docx (in a house template's styles if given).
    `final`: the adoption copy, without the DRAFT header and Drafter's footer line."""
    from drafter.formats.docx import ordinance

    return ordinance.write_ordinance(doc, path, template, line_numbers, final)


def write_redline(old_doc: Document, new_doc: Document, path: str | Path | None,
                  style: str = "tracked", author: str = "Drafter",
                  date: dt.datetime | dt.date | None = None,
                  template: str | Path | None = None, line_numbers: bool = False) -> bytes:
    """The new ordinance with the changes from the old one marked.

    style "tracked": Word revision marks (w:ins/w:del) that Word and LibreOffice can accept
    or reject; "strike-underline": a clean document with deletions struck through and
    insertions underlined, as printed for a council. `date` defaults to the new version's
    draft date so the same two drafts always give the same file.
    """
    from drafter.formats.docx.redline import RedlineWriter
    from drafter.papers.redline import check_style, compare, redline_date

    check_style(style)
    redline = compare(old_doc, new_doc)
    writer = RedlineWriter(style=style, author=author, date=redline_date(date, new_doc),
                           template=template, line_numbers=line_numbers)
    return writer.write_redline(redline).save(path)


def write_packet(draft: Draft, library: Library, lawbook: LawBook | None,
                 path: str | Path | None, today: dt.date | None = None,
                 template: str | Path | None = None) -> bytes:
    """The staff report. `today` is the memo's date and the date the check is run
    for (default: today); `lawbook` None loads the shipped law data."""
    from drafter.formats.docx.packet import PacketWriter
    from drafter.papers.packet import build_packet

    packet = build_packet(draft, library, lawbook, today)
    return PacketWriter(template).write_packet(packet).save(path)


def write_comparison(clause_ids: list[str], library: Library, lawbook: LawBook | None,
                     state: str | None, path: str | Path | None,
                     today: dt.date | None = None,
                     template: str | Path | None = None) -> bytes:
    """The comparison table (.docx, landscape).

    `state` is a postal code or None (then the verdict row says no state was chosen);
    `lawbook` None loads the shipped law data when a state is given. Unknown clause ids
    raise DrafterError with a "did you mean"; options of different protections are
    allowed and the document carries the warning (see `comparison.resolve_options`).
    """
    from drafter.formats.docx.comparison import ComparisonWriter
    from drafter.papers.comparison import build_comparison

    comp = build_comparison(clause_ids, library, lawbook, state, today, maps=True)
    return ComparisonWriter(template).write_comparison(comp).save(path)
