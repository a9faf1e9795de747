"""Word layout of the council packet memo (portrait, memo block, findings table)."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING

from docx.shared import Inches, Pt, RGBColor

from drafter import DISCLAIMER
from drafter.formats.comparison_docx import (
    GREY,
    HEADER_FILL,
    VERDICT_FILLS,
    TableWriter,
    fmt_date,
    lower_label,
)
from drafter.formats.ooxml import bottom_border, box, fix_widths, repeat_header, shade
from drafter.vocab import PROTECTIONS, VERDICT_LABELS
from drafter.yamlio import clean_text

if TYPE_CHECKING:
    from drafter.check.engine import Finding
    from drafter.packet import Packet

POSTURES = {
    "preempts": "state law bans some or all local limits on cooperation",
    "mandates_cooperation": "state law bans local limits and requires cooperation",
    "protective": "state law itself limits cooperation with civil immigration enforcement",
    "mixed": "state law has both protective and pro-cooperation measures",
    "none": "no state statute found either way",
}
STATUS_WORDS = {"in_force": "in force", "enjoined": "enjoined", "repealed": "repealed",
                "pending": "pending"}
WARN_RED = RGBColor(0x8B, 0x1A, 0x1A)


class PacketWriter(TableWriter):
    """The memo. Same page set-up, header/footer and fixed properties as the ordinance."""

    def write_packet(self, pk: Packet) -> PacketWriter:
        draft, doc, day = pk.draft, pk.doc, pk.day
        j, o = draft.jurisdiction, draft.ordinance
        name = o.short_title or "the proposed ordinance"
        self.header_footer(f"AGENDA PACKET MEMO \u2014 Ordinance No. {doc.number} \u2014 "
                           f"{day.isoformat()}")
        self.properties(f"Memo: Ordinance {doc.number}, {name}"[:250],
                        f"{j.display_name}, {draft.state_name}: council packet memo",
                        o.sponsor or j.body, "memo; agenda packet; ordinance",
                        dt.datetime(day.year, day.month, day.day, 9, 0, 0), DISCLAIMER,
                        category="Agenda packet memo")
        self.para("MEMORANDUM", style="Title")
        self._memo_block(pk)
        self._disclaimer_box()
        self._purpose(pk)
        self._sections(pk)
        self._preemption(pk)
        self._score(pk)
        self._examples(pk)
        self._sources(pk)
        end = self.para()
        r = end.add_run(DISCLAIMER)
        r.italic = True
        r.font.size = Pt(10)
        end.paragraph_format.space_before = Pt(12)
        return self

    # blocks --------------------------------------------------------------------------------

    def _memo_block(self, pk: Packet) -> None:
        j, o, doc = pk.draft.jurisdiction, pk.draft.ordinance, pk.doc
        subject = f"Proposed Ordinance No. {doc.number}"
        if o.short_title:
            subject += f", the \u201c{o.short_title}\u201d"
        rows = [("TO:", f"Members of the {j.body}, {j.display_name}"),
                ("FROM:", o.sponsor or "[Sponsor or department]"),
                ("DATE:", fmt_date(pk.day)),
                ("RE:", subject)]
        for i, (label, value) in enumerate(rows):
            p = self.para()
            pf = p.paragraph_format
            pf.left_indent = Inches(1)
            pf.first_line_indent = Inches(-1)
            pf.tab_stops.add_tab_stop(Inches(1))
            pf.space_after = Pt(4)
            r = p.add_run(label)
            r.bold = True
            p.add_run("\t" + clean_text(value))
            if i == len(rows) - 1:
                bottom_border(p)
                pf.space_after = Pt(10)

    def _disclaimer_box(self) -> None:
        p = self.para()
        r = p.add_run("Not legal advice. ")
        r.bold = True
        r.font.color.rgb = WARN_RED
        p.add_run(DISCLAIMER + " The state-law findings below come from Drafter's law data, "
                  "which can be out of date; each shows when it was last reviewed.")
        for run in p.runs:
            run.font.size = Pt(11)
        box(p, fill="FDECEA", color="8B1A1A")
        p.paragraph_format.space_after = Pt(12)

    def _purpose(self, pk: Packet) -> None:
        j, o, doc = pk.draft.jurisdiction, pk.draft.ordinance, pk.doc
        self.para("Purpose", style="Heading 1", keep_next=True)
        prots = list(dict.fromkeys(s.clause.protection for s in pk.sections if s.clause))
        labels = [lower_label(PROTECTIONS[p][0]) for p in prots if p in PROTECTIONS]
        intro = f"This memo accompanies proposed Ordinance No. {doc.number}"
        if o.short_title:
            intro += f", the \u201c{o.short_title}\u201d"
        if o.sponsor:
            intro += f", sponsored by {o.sponsor}"
        if o.introduced:
            intro += f", introduced {fmt_date(o.introduced)}"
        intro += (f". The ordinance would limit the use of the {j.display_name}'s personnel, "
                  "facilities and funds for federal civil immigration enforcement")
        if labels:
            intro += (f". It has {len(labels)} operative "
                      f"{'provision' if len(labels) == 1 else 'provisions'}: "
                      + _and(labels))
        intro += ("." if not intro.endswith(".") else "")
        self.para(intro)
        self.para("The memo summarizes each section in plain language, reports how the "
                  f"provisions fare under {pk.state.name} and federal law, gives the "
                  "ILRC-style score, and lists the enacted ordinances each provision is "
                  "modeled on and the sources relied on.")

    def _sections(self, pk: Packet) -> None:
        self.para("What the ordinance does", style="Heading 1", keep_next=True)
        for s in pk.sections:
            p = self.para()
            p.paragraph_format.space_after = Pt(6)
            r = p.add_run(f"Section {s.number}. {s.heading}. ")
            r.bold = True
            p.add_run(s.summary)
            if s.clause is not None:
                note = f" (Option: {s.clause.title}; strength: {s.clause.strength}.)"
                q = p.add_run(note)
                q.font.color.rgb = GREY
                q.font.size = Pt(10)
                if s.edited:
                    e = p.add_run(" The wording of this section was edited for this draft; "
                                  "the summary describes the library option it started from.")
                    e.italic = True
                    e.font.size = Pt(10)

    def _preemption(self, pk: Packet) -> None:
        st, rep = pk.state, pk.report
        self.para(f"State and federal law: {st.name}", style="Heading 1", keep_next=True)
        p = self.para()
        r = p.add_run(f"{st.name}: ")
        r.bold = True
        posture = POSTURES.get(st.posture, st.posture.replace("_", " "))
        p.add_run(f"{posture}. {' '.join(st.summary.split())}")
        if st.last_reviewed:
            p.add_run(f" Drafter's {st.name} law data was last reviewed on "
                      f"{fmt_date(st.last_reviewed)}; the check was run as of "
                      f"{fmt_date(pk.day)}.")
        counts = rep.by_verdict(decisive_only=True)
        parts = [f"{len(v)} {VERDICT_LABELS[k].lower()}" for k, v in counts.items() if v]
        if parts:
            self.para("Each provision's decisive finding: " + _and(parts) + ". Every rule "
                      "that speaks to a provision is listed below, worst first.")
        if not rep.findings:
            self.para("The draft has no clauses to check.")
        else:
            self._findings_table(pk)
        if st.open_questions:
            q = self.para(keep_next=True)
            q.paragraph_format.space_before = Pt(8)
            q.add_run("Open questions in the law data").bold = True
            q.add_run(" (facts Drafter could not confirm; check them with counsel):")
            for item in st.open_questions:
                b = self.para("\u2022 " + " ".join(item.split()))
                b.paragraph_format.left_indent = Inches(0.25)
                b.paragraph_format.space_after = Pt(3)

    def _findings_table(self, pk: Packet) -> None:
        widths = [Inches(1.15), Inches(0.95), Inches(2.9), Inches(1.5)]
        t = self.table(4, widths)
        head = self.row(t)
        repeat_header(head)
        for cell, label in zip(head.cells, ("Section", "Finding", "Why", "Law and dates"),
                               strict=True):
            shade(cell, HEADER_FILL)
            self.text_run(self.cell_para(cell, True), label, bold=True)
        secs = {s.clause.id: s for s in pk.sections if s.clause is not None}
        for cid in pk.report.clause_ids:
            s = secs.get(cid)
            for i, f in enumerate(pk.findings_for(cid)):
                r = self.row(t)
                if i == 0 and s is not None:
                    self.text_run(self.cell_para(r.cells[0], True),
                                  f"Section {s.number}. {s.heading}", bold=True)
                elif i == 0:
                    self.text_run(self.cell_para(r.cells[0], True), cid, bold=True)
                self._finding_cells(r, f, pk, decisive=i == 0)
        fix_widths(t, widths)

    def _finding_cells(self, row, f: Finding, pk: Packet, decisive: bool) -> None:
        cell = row.cells[1]
        shade(cell, VERDICT_FILLS.get(f.verdict, "FFFFFF"))
        self.text_run(self.cell_para(cell, True), VERDICT_LABELS.get(f.verdict, f.verdict),
                      bold=decisive)
        if decisive:
            self.text_run(self.cell_para(cell), "decisive", italic=True, color=GREY, size=8)
        why = row.cells[2]
        self.text_run(self.cell_para(why, True), f.message)
        if f.fix:
            p = self.cell_para(why)
            self.text_run(p, "What to do: ", bold=True)
            self.text_run(p, f.fix)
        law_cell = row.cells[3]
        law = pk.lawbook.laws.get(f.rule) if pk.lawbook is not None else None
        first = True
        for c in f.citations:
            self.text_run(self.cell_para(law_cell, first), c, italic=True)
            first = False
        facts = []
        if f.effective:
            facts.append(f"Effective: {f.effective.isoformat()}")
        elif law is not None and law.effective_note:
            facts.append(f"Effective: {law.effective_note}")
        if f.status:
            facts.append(f"Status: {STATUS_WORDS.get(f.status, f.status)}")
        if law is not None and law.last_reviewed:
            facts.append(f"Reviewed: {law.last_reviewed.isoformat()}")
        if f.confidence and f.confidence != "high":
            facts.append(f"Confidence: {f.confidence}")
        if not f.citations and not facts:
            facts.append(f"Rule: {f.rule}")
        for fact in facts:
            self.text_run(self.cell_para(law_cell, first), fact, color=GREY, size=8)
            first = False

    def _score(self, pk: Packet) -> None:
        rep = pk.report
        self.para("ILRC-style score", style="Heading 1", keep_next=True)
        self.para(f"On the seven-factor county scale of the Immigrant Legal Resource Center's "
                  f"national report, this ordinance earns {rep.score_local} of 7 on its own "
                  f"and {rep.score_with_state} of 7 counting protections {pk.state.name} law "
                  "already provides. A factor counts when the ordinance adopts a policy on it "
                  "that state law does not block; the narrowest (\u201climited\u201d) options, "
                  "with broad carve-outs, earn no point here, because whether ILRC gives "
                  "them credit is unverified.", keep_next=True)
        widths = [Inches(0.7), Inches(3.0), Inches(1.4), Inches(1.4)]
        t = self.table(4, widths)
        head = self.row(t)
        repeat_header(head)
        for cell, label in zip(head.cells, ("Factor", "Policy", "This ordinance",
                                            f"{pk.state.name} law"), strict=True):
            shade(cell, HEADER_FILL)
            self.text_run(self.cell_para(cell, True), label, bold=True)
        for fac in pk.factors:
            r = self.row(t)
            self.text_run(self.cell_para(r.cells[0], True), str(fac.number))
            self.text_run(self.cell_para(r.cells[1], True), PROTECTIONS[fac.protection][0])
            for cell, yes in ((r.cells[2], fac.local), (r.cells[3], fac.state)):
                self.text_run(self.cell_para(cell, True), "Yes" if yes else "\u2014",
                              bold=yes)
                if yes:
                    shade(cell, VERDICT_FILLS["allowed"])
        fix_widths(t, widths)
        self.para().paragraph_format.space_after = Pt(0)

    def _examples(self, pk: Packet) -> None:
        clause_secs = [s for s in pk.sections if s.clause is not None]
        if not clause_secs:
            return
        self.para("Enacted examples", style="Heading 1", keep_next=True)
        self.para("Each provision is modeled on policies already in force elsewhere:",
                  keep_next=True)
        for s in clause_secs:
            assert s.clause is not None
            p = self.para(keep_next=True)
            p.paragraph_format.space_after = Pt(2)
            p.add_run(f"Section {s.number}. {s.heading}").bold = True
            examples = s.clause.modeled_on
            if not examples:
                self._bullet("No enacted example is recorded in the clause library.",
                             italic=True)
            for ex in examples:
                self._bullet(ex.label())

    def _sources(self, pk: Packet) -> None:
        self.para("Sources", style="Heading 1", keep_next=True)
        if pk.laws:
            p = self.para(keep_next=True)
            p.add_run("State and federal law").bold = True
            for law in pk.laws:
                bits = [law.citation or law.id]
                if law.name:
                    bits.append(" ".join(law.name.split()))
                when = []
                if law.effective:
                    when.append(f"effective {law.effective.isoformat()}")
                elif law.effective_note:
                    when.append(f"effective {law.effective_note}")
                when.append(STATUS_WORDS.get(law.status, law.status))
                if law.last_reviewed:
                    when.append(f"last reviewed {law.last_reviewed.isoformat()}")
                text = " \u2014 ".join(bits) + f" ({'; '.join(when)})."
                if law.sources:
                    text += " Sources: " + "; ".join(law.sources) + "."
                self._bullet(text)
        if pk.authorities:
            p = self.para(keep_next=True)
            p.add_run("Authorities for the findings (recitals)").bold = True
            seen: set[str] = set()
            for recital, authority in pk.authorities:
                if authority in seen:
                    continue
                seen.add(authority)
                finding = textwrap.shorten(recital, 160, placeholder=" \u2026")
                self._bullet(f"{authority} \u2014 for the finding that {finding}.")
        p = self.para(keep_next=True)
        p.add_run("Clause text").bold = True
        ids = ", ".join(s.clause.id for s in pk.sections if s.clause is not None)
        self._bullet("Drafter clause library (our own drafting, modeled on the enacted "
                     "examples above)" + (f": {ids}." if ids else "."))

    def _bullet(self, text: str, italic: bool = False):
        p = self.para()
        pf = p.paragraph_format
        pf.left_indent = Inches(0.3)
        pf.first_line_indent = Inches(-0.2)
        pf.space_after = Pt(3)
        r = p.add_run("\u2022\u00a0" + clean_text(" ".join(text.split())))
        r.font.size = Pt(11)
        if italic:
            r.italic = True
        return p


def _and(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]

