"""Word layout of a redline: the new ordinance in `drafter.layout`'s paragraphs and formats,
as `OrdinanceWriter` prints them, with the changes from the old version marked either as
Word tracked changes or as printed strike-through/underline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Twips

from drafter.formats.docx_writer import OrdinanceWriter
from drafter.formats.ooxml import (
    DELETE_COLOR,
    INSERT_COLOR,
    Revisions,
    box,
    join_revision,
    ppr_flag,
    print_mark,
    record_ppr_change,
    set_num,
    track_paragraph_mark,
    track_run,
)
from drafter.layout import ROLES

if TYPE_CHECKING:
    from drafter.redline import Change, Redline

class RedlineWriter(OrdinanceWriter):
    """Tracked changes (w:ins/w:del, paragraph marks included) or strike/underline."""

    def __init__(self, style: str = "tracked", author: str = "Drafter",
                 date: dt.datetime | None = None, template: str | Path | None = None,
                 line_numbers: bool = False):
        super().__init__(template, line_numbers)
        self.style = style
        self.rev = Revisions(author, date or dt.datetime(2000, 1, 1))

    @property
    def tracked(self) -> bool:
        return self.style == "tracked"

    def write_redline(self, redline: Redline) -> RedlineWriter:
        new = redline.new
        self.header_footer(redline.header())
        if self.line_numbers:
            self.set_line_numbers()
        pr = new.properties
        counts = redline.counts
        summary = (f"Redline against the draft of {redline.old.properties.created.date()}: "
                   f"{counts['changed']} paragraphs changed, {counts['insert']} inserted, "
                   f"{counts['delete']} deleted.")
        self.properties(f"Redline \u2014 {pr.title}", pr.subject, pr.author, pr.keywords,
                        pr.created, " ".join([summary, *redline.notes, new.disclaimer]),
                        category="Draft ordinance (redline)")
        if redline.notes:
            self._header_notes(redline.notes)
        if not self.tracked:
            self._legend(redline)
        sub_nums: dict[int, int] = {}
        changes = redline.changes
        n, i = len(changes), 0
        tracked_op = ("insert", "delete")
        if self.tracked:
            # Inserted/deleted paragraphs with no unchanged paragraph before them (only at
            # the very start): plain paragraph-mark revisions.
            while i < n and changes[i].op in tracked_op:
                p = self._new_para(changes[i], sub_nums)
                self._content(p, changes[i])
                track_paragraph_mark(p, changes[i].op, self.rev)  # type: ignore[arg-type]
                self.rev.next_paragraph()
                i += 1
            if i == n and n:
                self.para()  # nothing in common at all: keep an untracked last mark
        while i < n:
            j = i + 1
            while self.tracked and j < n and changes[j].op in tracked_op:
                j += 1
            self._group(changes[i:j], sub_nums)
            i = j
        return self

    def _group(self, group: list[Change], sub_nums: dict[int, int]) -> None:
        """An unchanged (or word-changed) paragraph and the inserted and deleted
        paragraphs after it, marked the way Word records typing Enter at the end of a
        paragraph: each paragraph mark takes the revision of the paragraph after it, and the
        group's last mark is the first paragraph's own, untracked one.

        Accepting or rejecting every change gives the same paragraphs as marking each
        paragraph's own mark, but the inserted (or deleted) text and paragraph marks form
        one unbroken range. LibreOffice joins neighbouring revisions of one author and date
        into a single range; with each paragraph's own mark tracked, text inserted at the
        end of a paragraph followed by an inserted paragraph would swallow the paragraph
        break between them on Reject All. The group's last mark also solves the end of the
        document, whose last paragraph mark Word cannot insert or delete. The last mark
        belongs to different paragraphs in the two versions; its old properties are kept in
        w:pPrChange.
        """
        def surviving(i: int, world: str) -> Change:
            # the paragraph that a mark at position i ends once every change is accepted
            # (world "insert") or rejected (world "delete")
            for j in range(i, -1, -1):
                if group[j].op in ("equal", "changed", world):
                    return group[j]
            return group[0]

        last = len(group) - 1
        for i, change in enumerate(group):
            if i < last:
                world = group[i + 1].op
                p = self._new_para(surviving(i, world), sub_nums)
                self._content(p, change)
                track_paragraph_mark(p, world, self.rev)  # type: ignore[arg-type]
                self.rev.next_paragraph()
                continue
            accepted, rejected = surviving(i, "insert"), surviving(i, "delete")
            p = self._new_para(accepted, sub_nums)
            self._content(p, change)
            if (rejected.item.role, rejected.section) != (accepted.item.role, accepted.section):
                old = self._new_para(rejected, sub_nums)
                record_ppr_change(p, old, self.rev)
            self.rev.next_paragraph()

    def _new_para(self, change: Change, sub_nums: dict[int, int]):
        """An empty paragraph with the style, alignment and numbering of `change`."""
        role = change.item.role
        style, center, keep = ROLES[role]
        p = self.para(style=style, align="center" if center else None,
                      keep_next=keep)
        if self._struck_label(change):
            # Printed redline: a deleted section or subsection keeps its old number, typed
            # and struck through, and takes no number from the new text's lists.
            set_num(p, 0)
            if role == "sub":
                p.paragraph_format.left_indent = Twips(720)
                p.paragraph_format.first_line_indent = Twips(-360)
        elif role == "heading":
            set_num(p, self.numbering.section_num)
        elif role == "sub" and change.section is not None:
            if change.section not in sub_nums:
                sub_nums[change.section] = self.numbering.new_sublist()
            set_num(p, sub_nums[change.section])
        return p

    def _struck_label(self, change: Change) -> bool:
        return (not self.tracked and change.op == "delete"
                and change.item.role in ("heading", "sub"))

    def _content(self, p, change: Change) -> None:
        """The words of `change`, marked."""
        if self._struck_label(change):
            assert change.old is not None
            label = change.old.label + ("\t" if change.item.role == "sub" else " ")
            print_mark(self.run(p, label), "delete")
        wrapper, wrapped = None, "equal"
        for span in change.spans():
            if not span.text:
                continue
            r = self.run(p, span.text, span.bold, span.italic)
            if not self.tracked:
                print_mark(r, span.mark)
            elif span.mark != "equal" and span.mark == wrapped and wrapper is not None:
                track_run(r, span.mark, None)   # same change as the run before: one w:ins
                join_revision(wrapper, r)
            else:
                wrapper = track_run(r, span.mark, self.rev)
                wrapped = span.mark

    def _header_notes(self, notes: list[str]) -> None:
        header = self.d.sections[0].header
        for note in notes:
            p = header.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            r = p.add_run(f"Note: {note}")
            r.italic = True
            r.font.size = Pt(8)
            ppr_flag(p, "w:suppressLineNumbers")

    def _legend(self, redline: Redline) -> None:
        """The printed redline explains its marks (it is not meant to be accepted)."""
        p = self.para()
        r = p.add_run("Redline. ")
        r.bold = True
        p.add_run(f"Changes from the draft of {redline.old.properties.created.date()} to the "
                  f"draft of {redline.new.properties.created.date()}: ")
        d = p.add_run("deleted text is struck through")
        d.font.strike = True
        d.font.color.rgb = DELETE_COLOR
        p.add_run("; ")
        i = p.add_run("inserted text is underlined")
        i.font.underline = True
        i.font.color.rgb = INSERT_COLOR
        p.add_run(".")
        for note in redline.notes:
            p.add_run(f" Note: {note}").italic = True
        for run in p.runs:
            run.font.size = Pt(10)
        box(p)
