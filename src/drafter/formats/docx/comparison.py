"""Word layout of an option comparison: a landscape table, one column per option."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Emu, Inches, Length, Pt, RGBColor

from drafter import DISCLAIMER
from drafter.formats.docx.ooxml import (
    box,
    cell_margins,
    element,
    ensure_alt_text,
    fix_widths,
    keep_row_together,
    print_mark,
    repeat_header,
    shade,
)
from drafter.formats.docx.ordinance import DocxWriter
from drafter.load.yamlio import clean_text
from drafter.papers.packet import short_citation
from drafter.vocab import AGENCY_LABELS, KIND_WORDS, PROTECTIONS, VERDICT_LABELS

if TYPE_CHECKING:
    from drafter.check.engine import Finding
    from drafter.papers.comparison import Comparison, Option

VERDICT_FILLS = {"blocked": "F4CCCC", "at_risk": "FCE8B2", "allowed": "D9EAD3",
                 "state_law": "CFE2F3"}
HEADER_FILL = "D9D9D9"
LABEL_FILL = "F2F2F2"
GREY = RGBColor(0x59, 0x59, 0x59)
TABLE_PT = 9
LABEL_WIDTH = Inches(1.15)


def fmt_date(d: dt.date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def lower_label(label: str) -> str:
    """Lower-case a label for use mid-sentence, keeping acronyms (ICE, ILRC, 287(g))."""
    first = label.partition(" ")[0]
    if first.isupper() or any(c.isdigit() for c in first):
        return label
    return label[:1].lower() + label[1:]


class TableWriter(DocxWriter):
    """Shared by the comparison and the packet: compact table cells."""

    def table(self, cols: int, widths: Sequence[Length]) -> Any:
        styles = {s.name for s in self.d.styles}
        t = self.d.add_table(rows=0, cols=cols)
        if "Table Grid" in styles:
            t.style = self.d.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._widths = widths
        cell_margins(t)
        return t

    def row(self, table: Any) -> Any:
        r = table.add_row()
        fix_widths_row(r, self._widths)
        return r

    _size: float = TABLE_PT

    def cell_para(self, cell: Any, first: bool = False, size: float = TABLE_PT) -> Any:
        p = cell.paragraphs[0] if first and not cell.paragraphs[0].runs else \
            cell.add_paragraph()
        pf = p.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(3)
        pf.line_spacing = 1.0
        self._size = size
        return p

    def text_run(self, p: Any, text: str, bold: bool = False, italic: bool = False,
                 color: RGBColor | None = None, size: float | None = None) -> Any:
        r = p.add_run(clean_text(text))
        if bold:
            r.bold = True
        if italic:
            r.italic = True
        if color is not None:
            r.font.color.rgb = color
        r.font.size = Pt(size or self._size)
        return r

    def usable_width(self) -> Emu:
        sec = self.d.sections[0]
        return Emu(sec.page_width - sec.left_margin - sec.right_margin)


def fix_widths_row(row: Any, widths: Sequence[Length]) -> None:
    for cell, w in zip(row.cells, widths, strict=False):
        cell.width = w


class ComparisonWriter(TableWriter):
    """Landscape, one column per option, differences marked against the first option."""

    def __init__(self, template: str | Path | None = None):
        super().__init__(template, landscape=True)
        self.notes: list[tuple[str, str]] = []   # (option title, full reasoning)
        if not self.house:
            sec = self.d.sections[0]
            sec.left_margin = sec.right_margin = Inches(0.6)
            sec.top_margin = sec.bottom_margin = Inches(0.7)
            sec.header_distance = sec.footer_distance = Inches(0.35)

    def write_comparison(self, comp: Comparison) -> ComparisonWriter:
        day = comp.day
        self.header_footer(f"OPTION COMPARISON \u2014 {day.isoformat()}")
        ids = "; ".join(o.clause.title for o in comp.options)
        where = f" in {comp.state_name}" if comp.state else ""
        self.properties(comp.title, f"Clause options compared{where}", "Drafter",
                        "comparison; " + ", ".join(PROTECTIONS.get(p, (p,))[0]
                                                   for p in comp.protections),
                        dt.datetime(day.year, day.month, day.day, 9, 0, 0),
                        f"Options: {ids}. {DISCLAIMER}", category="Option comparison")
        self.para(comp.title, style="Title")
        if comp.state:
            intro = (f"Verdicts under {comp.state_name} law and federal law as of "
                     f"{fmt_date(day)}.")
        else:
            intro = ("No state chosen, so the verdict row is empty: compare again with a "
                     "state (drafter compare ... --state XX) to see how state law treats "
                     "each option.")
        p = self.para(intro, align=None)
        p.paragraph_format.space_after = Pt(4)
        for w in comp.warnings:
            wp = self.para()
            self.text_run(wp, "Note: ", bold=True, size=10)
            self.text_run(wp, w[0].upper() + w[1:] + ".", size=10)
            box(wp, fill="FFF4CE", color="B38F00")
        if len(comp.options) > 1:
            lp = self.para()
            first = comp.options[0].clause
            self.text_run(lp, "Legend: ", bold=True, size=9)
            self.text_run(lp, f"each option\u2019s full text is marked against the first "
                              f"({first.title}) where the two share most of their words \u2014 ",
                          size=9)
            print_mark(self.text_run(lp, "added", size=9), "insert")
            self.text_run(lp, ", ", size=9)
            print_mark(self.text_run(lp, "left out", size=9), "delete")
            self.text_run(lp, "; otherwise it is shown as written. Names in [brackets] are "
                              "filled in from your draft.", size=9)
        self._table(comp)
        self._notes()
        return self

    def _notes(self) -> None:
        """The full reasoning behind each verdict, once, after the table."""
        if not self.notes:
            return
        self.para("Notes", style="Heading 2", keep_next=True)
        for i, (title, text) in enumerate(self.notes, start=1):
            p = self.para()
            p.paragraph_format.space_after = Pt(4)
            self.text_run(p, f"{i}. {title}. ", bold=True, size=9)
            self.text_run(p, text, size=9)

    # the table ---------------------------------------------------------------------------

    def _table(self, comp: Comparison) -> None:
        n = len(comp.options)
        rest = self.usable_width() - LABEL_WIDTH
        widths: list[Length] = [LABEL_WIDTH] + [Emu(int(rest / n))] * n
        t = self.table(n + 1, widths)
        head = self.row(t)
        repeat_header(head)
        shade(head.cells[0], HEADER_FILL)
        self.text_run(self.cell_para(head.cells[0], True), "Option", bold=True)
        for cell, opt in zip(head.cells[1:], comp.options, strict=True):
            shade(cell, HEADER_FILL)
            self.text_run(self.cell_para(cell, True), opt.clause.title, bold=True, size=10)

        def label_row(label: str, together: bool = True) -> Any:
            r = self.row(t)
            if together:  # short rows: never split one across a page break
                keep_row_together(r)
            shade(r.cells[0], LABEL_FILL)
            self.text_run(self.cell_para(r.cells[0], True), label, bold=True)
            return r

        if len(comp.protections) > 1:
            r = label_row("Protection")
            for cell, opt in zip(r.cells[1:], comp.options, strict=True):
                pid = opt.clause.protection
                self.text_run(self.cell_para(cell, True),
                              PROTECTIONS[pid][0] if pid in PROTECTIONS else pid)
        r = label_row("Strength")
        for cell, opt in zip(r.cells[1:], comp.options, strict=True):
            self.text_run(self.cell_para(cell, True), opt.clause.strength.capitalize(),
                          bold=True)
        r = label_row("Summary")
        for cell, opt in zip(r.cells[1:], comp.options, strict=True):
            self.text_run(self.cell_para(cell, True), opt.clause.summary)
        if len(comp.options) > 1:
            r = label_row("Differences")
            for k, (cell, opt) in enumerate(zip(r.cells[1:], comp.options, strict=True)):
                self.text_run(self.cell_para(cell, True), "The option the others are "
                              "compared with." if k == 0 else opt.differences,
                              italic=k == 0, color=GREY if k == 0 else None)
        # the short rows that decide between options first; the long texts last
        label = f"Verdict in {comp.state_name}" if comp.state else "Verdict"
        r = label_row(label)
        for cell, opt in zip(r.cells[1:], comp.options, strict=True):
            self._verdict_cell(cell, opt, comp)
        if any(opt.map_png for opt in comp.options):
            r = label_row("Map of the states")
            for cell, opt in zip(r.cells[1:], comp.options, strict=True):
                if opt.map_png:
                    self._map_cell(cell, opt)
        r = label_row("ILRC factor")
        for cell, opt in zip(r.cells[1:], comp.options, strict=True):
            self._ilrc_cell(cell, opt)
        r = label_row("Suits")
        for cell, opt in zip(r.cells[1:], comp.options, strict=True):
            c = opt.clause
            kinds = ", ".join(KIND_WORDS.get(k, k) for k in c.kinds) or "Any jurisdiction"
            p = self.cell_para(cell, True)
            self.text_run(p, kinds)
            if c.agencies:
                needs = ", ".join(AGENCY_LABELS.get(a, a).lower() for a in c.agencies)
                self.text_run(self.cell_para(cell), f"Needs: {needs}", color=GREY)
        r = label_row("Enacted examples")
        for cell, opt in zip(r.cells[1:], comp.options, strict=True):
            if not opt.clause.modeled_on:
                self.text_run(self.cell_para(cell, True), "None recorded in the library.",
                              italic=True, color=GREY)
            for i, ex in enumerate(opt.clause.modeled_on):
                self.text_run(self.cell_para(cell, i == 0),
                              "\u2022 " + UNVERIFIED_ASIDE.sub("", ex.label()))
        r = label_row("Full text", together=False)
        for cell, opt in zip(r.cells[1:], comp.options, strict=True):
            self._text_cell(cell, opt)
        fix_widths(t, widths)

    def _map_cell(self, cell: Any, opt: Option) -> None:
        """The option's verdict in every state (drafter.statemap), sized to the column."""
        p = self.cell_para(cell, True)
        width = Emu(int(self._widths[1]) - int(Inches(0.15)))
        p.add_run().add_picture(io.BytesIO(opt.map_png or b""), width=width)
        ensure_alt_text(element(p), f"Map of the United States: the verdict of "
                                    f"\u201c{opt.clause.title}\u201d in every state")

    def _text_cell(self, cell: Any, opt: Option) -> None:
        if opt.diff is None or not opt.marked:
            for i, para in enumerate(opt.paragraphs):
                self.text_run(self.cell_para(cell, i == 0), para)
            return
        p = self.cell_para(cell, True)
        started = False
        for mark, text in opt.diff:
            parts = text.split("\n")
            for k, part in enumerate(parts):
                if k > 0 and started:
                    p = self.cell_para(cell)
                    started = False
                stripped = part if started else part.lstrip()
                if stripped:
                    print_mark(self.text_run(p, stripped), mark)
                    started = True

    def _ilrc_cell(self, cell: Any, opt: Option) -> None:
        pid = opt.clause.protection
        factor = PROTECTIONS.get(pid, ("", None))[1]
        p = self.cell_para(cell, True)
        if factor is None:
            self.text_run(p, "Not one of the seven ILRC factors.", color=GREY)
            return
        self.text_run(p, f"Factor {factor} of 7", bold=True)
        self.text_run(p, f" ({lower_label(PROTECTIONS[pid][0])})")
        q = self.cell_para(cell)
        if opt.counts_for_ilrc:
            self.text_run(q, "Earns the point.")
        elif opt.clause.strength == "limited":
            self.text_run(q, "Earns no point: a limited option with broad carve-outs.",
                          color=GREY)
        else:
            self.text_run(q, "Earns no point: blocked by state law.", color=GREY)

    def _verdict_cell(self, cell: Any, opt: Option, comp: Comparison) -> None:
        if not comp.state:
            self.text_run(self.cell_para(cell, True), "No state chosen.", italic=True,
                          color=GREY)
            return
        top = opt.verdict
        if top is None:
            self.text_run(self.cell_para(cell, True), "No finding.", italic=True)
            return
        shade(cell, VERDICT_FILLS.get(top.verdict, "FFFFFF"))
        p = self.cell_para(cell, True)
        self.text_run(p, VERDICT_LABELS.get(top.verdict, top.verdict), bold=True, size=10)
        line = _reason(top)
        if line:
            self.text_run(self.cell_para(cell), line)
        if top.citations:
            self.text_run(self.cell_para(cell), short_citation(top.citations),
                          italic=True, size=8)
        title, text = _note(top, comp)
        if (title, text) not in self.notes:
            self.notes.append((title, text))
        q = self.cell_para(cell)
        self.text_run(q, f"See note {self.notes.index((title, text)) + 1}.", color=GREY,
                      size=8)


UNVERIFIED_ASIDE = re.compile(r"\s*\([^()]*\bunverified\b[^()]*\)", re.I)
_ID_ASIDE = re.compile(r"\s*\((?:see )?(?:context|[a-z]{2,3}(?:-[a-z0-9]+)+)\)")
_INTERNAL = re.compile(r"\b(unverified|verify|seed|added in conversion|confidence|"
                       r"Drafter's (?:law )?data)\b", re.I)


def _clean(text: str) -> str:
    """Text for a council document: no law ids, no research vocabulary."""
    text = _ID_ASIDE.sub("", " ".join(clean_text(text).split()))
    text = UNVERIFIED_ASIDE.sub("", text)
    parts = re.split(r"(?<=[.;])\s+", text)
    return " ".join(x for x in parts if not _INTERNAL.search(x)).strip()


def _reason(f: Finding) -> str:
    text = _clean(f.summary or "")
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else ""


def _note(top: Finding, comp: Comparison) -> tuple[str, str]:
    """The law behind a verdict, once for all the options it decides: its name and
    citation, status, penalties, litigation and when it was last reviewed."""
    law = comp.lawbook.laws.get(top.rule) if comp.lawbook is not None else None
    if law is None:
        return (VERDICT_LABELS.get(top.verdict, top.verdict), _clean(top.message))
    title = " ".join(law.name.split()) or law.citation
    parts = [law.citation + "." if law.citation else ""]
    status = {"in_force": "In force", "enjoined": "Enjoined by a court",
              "struck": "Struck down", "repealed": "Repealed",
              "pending": "Pending, not yet law"}.get(law.status, law.status)
    if law.effective:
        status += f" since {fmt_date(law.effective)}"
    parts.append(status + ".")
    for label, text in (("Penalties", law.penalties), ("Litigation", law.litigation)):
        text = _clean(text or "")
        if text:
            parts.append(f"{label}: {text.rstrip('.')}.")
    if law.last_reviewed:
        parts.append(f"Reviewed {fmt_date(law.last_reviewed)}.")
    return (title, " ".join(x for x in parts if x))
