"""Word layout of a redline: the new ordinance in `drafter.ordinance.layout`'s paragraphs
and formats, as `OrdinanceWriter` prints them, with the changes from the old version marked
either as Word tracked changes or as printed strike-through/underline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Inches, Pt, Twips

from drafter.formats.docx.ooxml import (
    DELETE_COLOR,
    INSERT_COLOR,
    MOVE_COLOR,
    Revisions,
    join_revision,
    move_range,
    ppr_flag,
    print_mark,
    record_ppr_change,
    set_num,
    track_paragraph_mark,
    track_run,
)
from drafter.formats.docx.ordinance import OrdinanceWriter
from drafter.ordinance.layout import ROLES

if TYPE_CHECKING:
    from drafter.formats.docx.ooxml import Mark
    from drafter.papers.redline import Change, Redline

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
        self._summary_page(redline)
        sub_nums: dict[int, int] = {}
        changes = redline.changes
        # where each move's source and destination ranges begin and end
        self._move_first: set[int] = set()
        self._move_last: set[int] = set()
        for k, c in enumerate(changes):
            if not c.move:
                continue
            if k == 0 or (changes[k - 1].move, changes[k - 1].op) != (c.move, c.op):
                self._move_first.add(id(c))
            if k == len(changes) - 1 or (changes[k + 1].move, changes[k + 1].op) != \
                    (c.move, c.op):
                self._move_last.add(id(c))
        self._move_ids: dict[tuple[str, str], int] = {}
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

    def _new_para(self, change: Change, sub_nums: dict[int, int]) -> Any:
        """An empty paragraph with the style, alignment and numbering of `change`."""
        role = change.item.role
        style, center, _ = ROLES[role]
        p = self.para(style=style, align="center" if center else None,
                      keep_next=change.item.keep_next)
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

    def _content(self, p: Any, change: Change) -> None:
        """The words of `change`, marked; a moved section's inside its named range."""
        moved = bool(change.move)
        if self._struck_label(change):
            assert change.old is not None
            label = change.old.label + ("\t" if change.item.role == "sub" else " ")
            print_mark(self.run(p, label), "delete", moved)
        mark: Mark = "insert" if change.op == "insert" else "delete"
        key = (change.move, mark)
        if moved and self.tracked and id(change) in self._move_first:
            self._move_ids[key] = move_range(p, mark, self.rev, change.move, True)
        wrapper, wrapped = None, "equal"
        for span in change.spans():
            if not span.text:
                continue
            r = self.run(p, span.text, span.bold, span.italic)
            if not self.tracked:
                print_mark(r, span.mark, moved)
            elif span.mark != "equal" and span.mark == wrapped and wrapper is not None:
                track_run(r, span.mark, None, moved)  # same change as the run before
                join_revision(wrapper, r)
            else:
                wrapper = track_run(r, span.mark, self.rev, moved)
                wrapped = span.mark
        if moved and self.tracked and id(change) in self._move_last:
            move_range(p, mark, self.rev, change.move, False, self._move_ids.get(key))

    def _header_notes(self, notes: list[str]) -> None:
        header = self.d.sections[0].header
        for note in notes:
            p = header.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            r = p.add_run(f"Note: {note}")
            r.italic = True
            r.font.size = Pt(8)
            ppr_flag(p, "w:suppressLineNumbers")

    def _summary_page(self, redline: Redline) -> None:
        """Page 1: what changed, section by section, with a one-line legend; the ordinance
        starts on page 2. The page is not a tracked change: accepting or rejecting every
        change leaves it in place above the ordinance."""
        a = redline.old.properties.created.date()
        b = redline.new.properties.created.date()
        self.para("Summary of changes", style="Heading 1")
        legend = self.para()
        self.text_run_(legend, f"Changes from the draft of {a:%B} {a.day}, {a.year} to the "
                       f"draft of {b:%B} {b.day}, {b.year}. ", size=10)
        if self.tracked:
            self.text_run_(legend, "Legend: Word tracked changes — inserted, deleted and "
                           "moved text; accept or reject them on the Review tab.", size=10)
        else:
            self.text_run_(legend, "Legend: ", bold=True, size=10)
            print_mark(self.text_run_(legend, "deleted", size=10), "delete")
            self.text_run_(legend, ", ", size=10)
            print_mark(self.text_run_(legend, "inserted", size=10), "insert")
            self.text_run_(legend, ", ", size=10)
            print_mark(self.text_run_(legend, "moved away", size=10), "delete", True)
            self.text_run_(legend, ", ", size=10)
            print_mark(self.text_run_(legend, "moved here", size=10), "insert", True)
            self.text_run_(legend, ".", size=10)
        groups = (("added", "Sections added"), ("removed", "Sections removed"),
                  ("moved", "Sections moved"), ("changed", "Sections changed"))
        any_change = False
        for kind, title in groups:
            items = [c for c in redline.summary if c.kind == kind]
            if not items:
                continue
            any_change = True
            head = self.para(keep_next=True)
            self.text_run_(head, f"{title} ({len(items)})", bold=True)
            head.paragraph_format.space_after = Pt(2)
            for c in items:
                q = self.para()
                q.paragraph_format.left_indent = Inches(0.3)
                q.paragraph_format.space_after = Pt(2)
                self.text_run_(q, "\u2022\u00a0" + c.heading + (f" \u2014 {c.detail}"
                                                                if c.detail else ""))
        if redline.front_changed:
            any_change = True
            q = self.para()
            q.paragraph_format.space_before = Pt(6)
            self.text_run_(q, "Also changed: ", bold=True)
            parts = redline.front_changed
            self.text_run_(q, (", ".join(parts[:-1]) + " and " + parts[-1]
                               if len(parts) > 1 else parts[0]) + ".")
        if not any_change:
            self.para("The two versions have the same text.")
        for note in redline.notes:
            q = self.para()
            self.text_run_(q, f"Note: {note}", italic=True, size=10)
        brk = self.para()
        brk.add_run().add_break(WD_BREAK.PAGE)

    def text_run_(self, p: Any, text: str, bold: bool = False, italic: bool = False,
                  size: float | None = None) -> Any:
        r = self.run(p, text, bold, italic, size)
        return r


__all__ = ["RedlineWriter", "DELETE_COLOR", "INSERT_COLOR", "MOVE_COLOR"]
