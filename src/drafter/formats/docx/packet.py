"""Word layout of the staff report (`drafter packet`): the memo a clerk puts in the agenda
packet beside the ordinance, in the form local governments use.

A memo block (To / From / Date / Subject, the meeting, agenda item and vote required),
then Recommended action (the motion, worded for the body and its instrument), Background,
Summary by section, Legal analysis (penalties and counsel's risk first), Fiscal impact
(bracketed amounts for the finance office), Alternatives considered, Implementation
timeline, Attachments and Sources (primary law, one citation style). Nothing internal
reaches the page (no rule or option ids, strengths in brackets, research notes); the
not-legal-advice statement is the footer's one quiet line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from docx.shared import Inches, Pt

from drafter import DISCLAIMER
from drafter.formats.docx.comparison import (
    HEADER_FILL,
    VERDICT_FILLS,
    TableWriter,
    fmt_date,
    lower_label,
)
from drafter.formats.docx.ooxml import (
    bottom_border,
    fix_widths,
    keep_row_together,
    repeat_header,
    shade,
)
from drafter.formats.docx.ordinance import FOOTER_NOTE
from drafter.load.yamlio import clean_text
from drafter.papers.packet import short_citation
from drafter.vocab import PROTECTIONS, VERDICT_LABELS

if TYPE_CHECKING:
    from pathlib import Path

    from drafter.check.engine import Finding
    from drafter.papers.packet import Packet

STATUS_WORDS = {"in_force": "in force", "enjoined": "enjoined by a court", "struck":
                "struck down", "repealed": "repealed", "pending": "pending, not yet law"}
# Hosts of primary law: legislatures, courts, code publishers, government printers. A
# source elsewhere is labelled as secondary (news, advocacy, aggregators).
PRIMARY_HOSTS = (".gov", ".us", "legislature", "legis", "capitol", "leginfo", "courts",
                 "supremecourt", "uscode", "govinfo", "congress", "ecfr", "municode",
                 "ecode360", "amlegal", "codelibrary", "law.cornell.edu", "courtlistener",
                 "casetext", "justia", "findlaw", "lis.virginia", "flsenate", "malegislature",
                 "nysenate", "ilga", "mn.gov", "statutes", "revisor", "ag.")
# words that belong to Drafter's data and its maintainers, never to a council memo
INTERNAL = re.compile(r"\b(verify|verified|unverified|seed|added in conversion|rule id|"
                      r"Drafter's (?:law )?data|confidence)\b", re.I)
# a law or rule id in parentheses ("(tx-gift-clause-2025)", "(see tx-sb4-2017-endorse)")
# and research asides ("(see context)")
# a research aside in a label: "(unverified)", "(Resolution numbers unverified)"
UNVERIFIED_ASIDE = re.compile(r"\s*\([^()]*\bunverified\b[^()]*\)", re.I)
_ID_ASIDE = re.compile(r"\s*\((?:see )?(?:context|[a-z]{2,3}(?:-[a-z0-9]+)+)\)")


def is_primary(url: str) -> bool:
    host = urlparse(url).netloc.lower()
    return any(h in host for h in PRIMARY_HOSTS)


def plain(text: str) -> str:
    """Text for the memo: one line, with Drafter's own ids and research vocabulary left
    out (sentence by sentence)."""
    text = _ID_ASIDE.sub("", " ".join(clean_text(text).split()))
    text = UNVERIFIED_ASIDE.sub("", text)
    sentences = re.split(r"(?<=[.;])\s+", text)
    return " ".join(s for s in sentences if not INTERNAL.search(s)).strip()


short_cite = short_citation


def reason(f: Finding) -> str:
    """One plain line: the finding's short summary as a sentence."""
    text = plain(f.summary or f.message)
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else ""


class PacketWriter(TableWriter):
    """The staff report. Same page set-up, header/footer and fixed properties as the
    ordinance; a house template (`template`) restyles it the same way."""

    def __init__(self, template: str | Path | None = None):
        super().__init__(template)

    def write_packet(self, pk: Packet) -> PacketWriter:
        draft, doc, day = pk.draft, pk.doc, pk.day
        j, o = draft.jurisdiction, draft.ordinance
        gov = pk.gov
        self.inst = gov.instrument
        self.Inst = gov.instrument.title()
        self.place = gov.place.short[:1].upper() + gov.place.short[1:]  # "The County"
        name = o.short_title or f"the proposed {self.inst}"
        item = f"Agenda Item {o.agenda_item}" if o.agenda_item else "Agenda Item [No.]"
        self.header_footer(f"STAFF REPORT \u2014 {item}", FOOTER_NOTE)
        self.properties(f"Staff report: {self.Inst} No. {doc.number}, {name}"[:250],
                        f"{j.display_name}, {draft.state_name}: staff report",
                        o.prepared_by or o.department or o.sponsor or j.body,
                        f"staff report; agenda packet; {self.inst}",
                        dt.datetime(day.year, day.month, day.day, 9, 0, 0), DISCLAIMER,
                        category="Staff report")
        self.para("STAFF REPORT", style="Title")
        self._memo_block(pk)
        self._recommended_action(pk)
        self._background(pk)
        self._sections(pk)
        self._legal(pk)
        self._fiscal(pk)
        self._alternatives(pk)
        self._timeline(pk)
        self._attachments(pk)
        self._sources(pk)
        return self

    # helpers -------------------------------------------------------------------------------

    def heading(self, text: str) -> Any:
        return self.para(text, style="Heading 1", keep_next=True)

    def _bullet(self, text: str, italic: bool = False, keep: bool = False) -> Any:
        p = self.para(keep_next=keep)
        pf = p.paragraph_format
        pf.left_indent = Inches(0.3)
        pf.first_line_indent = Inches(-0.2)
        pf.space_after = Pt(3)
        r = p.add_run("\u2022\u00a0" + clean_text(" ".join(text.split())))
        if italic:
            r.italic = True
        return p

    def _subject(self, pk: Packet) -> str:
        o, doc = pk.draft.ordinance, pk.doc
        number = doc.number if doc.number != "____" else "[No.]"
        subject = f"Proposed {self.Inst} No. {number}"
        if o.short_title:
            subject += f", the \u201c{o.short_title}\u201d"
        return subject

    # blocks --------------------------------------------------------------------------------

    def _memo_block(self, pk: Packet) -> None:
        j, o = pk.draft.jurisdiction, pk.draft.ordinance
        gov = pk.gov
        sender = o.department or (o.sponsor if o.sponsor else "[Department]")
        if o.prepared_by:
            sender += f" (prepared by {o.prepared_by})"
        rows = [("TO:", f"Members of the {gov.body}"),
                ("FROM:", sender),
                ("DATE:", fmt_date(pk.day)),
                ("MEETING:", fmt_date(o.meeting_date) if o.meeting_date else
                 "[Meeting date]"),
                ("AGENDA ITEM:", o.agenda_item or "[No.]"),
                ("SUBJECT:", self._subject(pk) + f" \u2014 {j.display_name}"),
                ("VOTE REQUIRED:", f"Majority of the {gov.body} [Clerk to confirm any "
                                   "reading or supermajority requirement]")]
        if o.reviewed_by:
            rows.insert(2, ("REVIEWED BY:", o.reviewed_by))
        for i, (label, value) in enumerate(rows):
            p = self.para()
            pf = p.paragraph_format
            pf.left_indent = Inches(1.6)
            pf.first_line_indent = Inches(-1.6)
            pf.tab_stops.add_tab_stop(Inches(1.6))
            pf.space_after = Pt(3)
            r = p.add_run(label)
            r.bold = True
            p.add_run("\t" + clean_text(value))
            if i == len(rows) - 1:
                bottom_border(p)
                pf.space_after = Pt(12)

    def _recommended_action(self, pk: Packet) -> None:
        gov, o, doc = pk.gov, pk.draft.ordinance, pk.doc
        self.heading("Recommended action")
        number = doc.number if doc.number != "____" else "[No.]"
        motion = (f"Staff recommends that the {gov.body} {pk.motion_verb} {self.Inst} No. "
                  f"{number}")
        if o.short_title:
            motion += f", the \u201c{o.short_title},\u201d"
        motion += (f" {_title_clause(doc.title, self.inst)}.")
        self.para(motion)
        p = self.para()
        r = p.add_run("Suggested motion: ")
        r.bold = True
        p.add_run(f"\u201cI move that the {gov.body} {pk.motion_verb} {self.Inst} No. "
                  f"{number} as presented.\u201d")
        self.para(f"Where the {gov.body} acts on {self.inst}s at more than one reading or "
                  "after a public hearing, the motion at this meeting is to introduce the "
                  f"{self.inst} and set it for [second reading / public hearing] on [date].",
                  keep_next=False).runs[0].font.size = Pt(10)

    def _background(self, pk: Packet) -> None:
        o, st, rep = pk.draft.ordinance, pk.state, pk.report
        self.heading("Background")
        prots = list(dict.fromkeys(s.clause.protection for s in pk.sections if s.clause))
        labels = [lower_label(PROTECTIONS[p][0]) for p in prots if p in PROTECTIONS]
        intro = f"The proposed {self.inst}"
        if o.sponsor:
            intro += f", sponsored by {o.sponsor}"
            if o.introduced:
                intro += f" and introduced on {fmt_date(o.introduced)},"
            else:
                intro += ","
        elif o.introduced:
            intro += f", introduced on {fmt_date(o.introduced)},"
        intro += (f" would limit the use of {pk.gov.place.short}\u2019s personnel, "
                  "facilities and funds for federal civil immigration enforcement, so that "
                  "residents can report crimes, seek services and appear in court without "
                  "fear, while leaving cooperation on criminal matters in place.")
        self.para(intro)
        if labels:
            self.para(f"It has {len(labels)} operative "
                      f"{'provision' if len(labels) == 1 else 'provisions'}: "
                      + _and(labels) + ".")
        self.para(f"{st.name} law: " + plain(st.summary))
        self.para(f"Measured against the seven county policies tracked in the Immigrant "
                  f"Legal Resource Center\u2019s national survey, the {self.inst} adopts "
                  f"{rep.score_local} of 7 ({rep.score_with_state} of 7 counting protections "
                  f"{st.name} law already provides).")
        examples = [(s, ex) for s in pk.sections if s.clause for ex in s.clause.modeled_on]
        if examples:
            self.para("Each provision is modeled on policies already in force elsewhere, "
                      "including:", keep_next=True)
            seen: set[str] = set()
            for _, ex in examples:
                label = UNVERIFIED_ASIDE.sub("", ex.label())
                if label not in seen and len(seen) < 8:
                    seen.add(label)
                    self._bullet(label)

    def _sections(self, pk: Packet) -> None:
        self.heading(f"Summary of the {self.inst} by section")
        for s in pk.sections:
            p = self.para()
            p.paragraph_format.space_after = Pt(6)
            r = p.add_run(f"Section {s.number}. {s.heading}. ")
            r.bold = True
            p.add_run(_place(s.summary, self.place, self.inst))
            if s.edited:
                p.add_run(" (The wording of this section was revised for this draft.)"
                          ).italic = True

    def _legal(self, pk: Packet) -> None:
        rep, st = pk.report, pk.state
        self.heading("Legal analysis")
        counts = rep.by_verdict(decisive_only=True)
        blocked, risky = counts.get("blocked", []), counts.get("at_risk", [])
        penalties: list[tuple[str, str]] = []
        for f in rep.findings:
            if f.penalty and f.decides and f.verdict in ("blocked", "at_risk") and \
                    f.penalty not in [p for _, p in penalties]:
                law = pk.lawbook.laws.get(f.rule) if pk.lawbook is not None else None
                name = law.name if law is not None else short_cite(f.citations)
                name = re.split(r'\s+-\s+|,\s*"|\s"', name)[0].rstrip(", ")
                penalties.append((name, f.penalty))
        secs = {s.clause.id: s for s in pk.sections if s.clause is not None}

        def where(f: Finding) -> str:
            s = secs.get(f.clause)
            return f"Section {s.number} ({s.heading})" if s else "A provision"

        risk = self.para()
        risk.add_run("Risk in brief. ").bold = True
        if blocked:
            risk.add_run(f"{st.name} law prohibits {_count(len(blocked), 'provision')} of "
                         f"this {self.inst}: " + _and([where(f) for f in blocked]) + ". ")
        if risky:
            risk.add_run(f"{_count(len(risky), 'provision').capitalize()} "
                         f"{'is' if len(risky) == 1 else 'are'} at legal risk: "
                         + _and([where(f) for f in risky]) + ". ")
        if not blocked and not risky:
            risk.add_run(f"No provision conflicts with {st.name} or federal law as found in "
                         "the sources below. ")
        risk.add_run(f"The {pk.gov.legal_officer} should review the {self.inst} before it "
                     "is adopted.")
        if penalties:
            p = self.para(keep_next=True)
            p.add_run("Penalties. ").bold = True
            p.add_run(f"{st.name} law attaches these consequences to non-compliance:")
            for name, pen in penalties:
                text = plain(pen)
                if text:
                    self._bullet(f"{name}: {text}" if name else text)
        self.para("By provision, most serious finding first:", keep_next=True)
        order = {"blocked": 0, "at_risk": 1, "state_law": 2, "allowed": 3}
        found = [(cid, pk.decisive(cid)) for cid in rep.clause_ids]
        tops = [(cid, f) for cid, f in found if f is not None]
        tops.sort(key=lambda t: order.get(t[1].verdict, 9))
        widths = [Inches(1.7), Inches(1.1), Inches(3.7)]
        t = self.table(3, widths)
        head = self.row(t)
        repeat_header(head)
        for cell, label in zip(head.cells, ("Provision", "Finding", "Why"), strict=True):
            shade(cell, HEADER_FILL)
            self.text_run(self.cell_para(cell, True), label, bold=True)
        for _, f in tops:
            r = self.row(t)
            keep_row_together(r)
            self.text_run(self.cell_para(r.cells[0], True), where(f), bold=True)
            shade(r.cells[1], VERDICT_FILLS.get(f.verdict, "FFFFFF"))
            self.text_run(self.cell_para(r.cells[1], True),
                          VERDICT_LABELS.get(f.verdict, f.verdict), bold=True)
            self.text_run(self.cell_para(r.cells[2], True), reason(f))
            fix = plain(f.fix or "")
            if fix and f.verdict in ("blocked", "at_risk"):
                p = self.cell_para(r.cells[2])
                self.text_run(p, "Option: ", bold=True)
                self.text_run(p, fix)
            if f.citations:
                self.text_run(self.cell_para(r.cells[2]), "; ".join(f.citations),
                              italic=True, size=8)
        fix_widths(t, widths)
        federal = [f for f in rep.findings if f.source == "federal" and f.decides]
        if federal:
            p = self.para(keep_next=True)
            p.paragraph_format.space_before = Pt(8)
            p.add_run("Federal law. ").bold = True
            seen: set[str] = set()
            for f in federal:
                text = _place(reason(f), self.place, self.inst)
                if not text or text in seen:
                    continue
                seen.add(text)
                label = VERDICT_LABELS.get(f.verdict, f.verdict)
                if f.verdict == "blocked":
                    label = "Prohibited"
                cite = "; ".join(f.citations)
                line = f"{label}{' under ' + cite if cite else ''}: {text}"
                fix = _place(plain(f.fix or ""), self.place, self.inst)
                if fix and f.verdict in ("blocked", "at_risk"):
                    line += f" {fix}"
                self._bullet(line)
        if st.last_reviewed:
            q = self.para(f"The {st.name} law summarized here was last reviewed on "
                          f"{fmt_date(st.last_reviewed)}; the analysis is as of "
                          f"{fmt_date(pk.day)}.")
            q.paragraph_format.space_before = Pt(6)
        questions = [plain(x) for x in st.open_questions]
        questions = [x for x in questions if x]
        if questions:
            self.para(f"Questions for the {pk.gov.legal_officer}:", keep_next=True)
            for x in questions:
                self._bullet(x)

    def _fiscal(self, pk: Packet) -> None:
        self.heading("Fiscal impact")
        self.para("The items below follow from the provisions of the "
                  f"{self.inst}; the amounts are for the finance office to complete.",
                  keep_next=True)
        widths = [Inches(2.0), Inches(3.3), Inches(1.2)]
        t = self.table(3, widths)
        head = self.row(t)
        repeat_header(head)
        for cell, label in zip(head.cells, ("Item", "What it covers", "Annual amount"),
                               strict=True):
            shade(cell, HEADER_FILL)
            self.text_run(self.cell_para(cell, True), label, bold=True)
        for it in pk.fiscal_items():
            r = self.row(t)
            keep_row_together(r)
            self.text_run(self.cell_para(r.cells[0], True), it.item, bold=True)
            self.text_run(self.cell_para(r.cells[1], True), it.note)
            self.text_run(self.cell_para(r.cells[2], True), "$[amount]")
        fix_widths(t, widths)
        self.para("Funding source: [fund / account].").paragraph_format.space_before = Pt(6)

    def _alternatives(self, pk: Packet) -> None:
        self.heading("Alternatives considered")
        for s in pk.sections:
            if s.clause is None:
                continue
            alts = pk.alternatives.get(s.clause.id, [])
            p = self.para(keep_next=True)
            p.paragraph_format.space_after = Pt(2)
            p.add_run(f"Section {s.number}. {s.heading}. ").bold = True
            p.add_run(_place(f"Recommended: {s.clause.title}.", self.place, self.inst))
            if not alts:
                self._bullet("No other option is drafted for this provision.", italic=True)
            for a in alts:
                self._bullet(_place(f"{a.clause.title}: {_first_sentence(a.clause.summary)} "
                                    f"{a.why}", self.place, self.inst))
        self.para(f"Take no action: the {self.gov_body(pk)} may decline to adopt the "
                  f"{self.inst}; current practice continues.").paragraph_format.space_before \
            = Pt(6)

    def gov_body(self, pk: Packet) -> str:
        return pk.gov.body

    def _timeline(self, pk: Packet) -> None:
        o = pk.draft.ordinance
        self.heading("Implementation timeline")
        eff = o.effective or "thirty days after its final passage"
        with contextlib.suppress(ValueError):
            eff = "on " + fmt_date(dt.date.fromisoformat(eff))
        steps = [f"{self.Inst} takes effect: {eff}."]
        prots = {s.clause.protection for s in pk.sections if s.clause}
        if prots:
            steps.append("Before the effective date: departments named in the "
                         f"{self.inst} revise their written policies and train affected "
                         "employees [dates].")
        if "transparency" in prots:
            steps.append("Public reports as the records section requires: first report "
                         "[date], then on the schedule it sets.")
        if "enforcement" in prots:
            steps.append("Complaint procedure in place and published: [date].")
        if "legal_representation" in prots:
            steps.append("Legal representation program: provider selected and contract "
                         "approved [date].")
        steps.append(f"Review of the {self.inst}\u2019s operation by the {pk.gov.body}: "
                     "[date, e.g. one year after the effective date].")
        for step in steps:
            self._bullet(step)

    def _attachments(self, pk: Packet) -> None:
        self.heading("Attachments")
        for letter, text in zip("ABC", (f"Proposed {self.Inst} No. {pk.doc.number}",
                                        "Comparison of the options for each provision",
                                        "Redline against the previous draft (if revised)"),
                                strict=True):
            self.para(f"{letter}. {text}").paragraph_format.space_after = Pt(2)

    def _sources(self, pk: Packet) -> None:
        if not pk.laws and not pk.authorities:
            return
        self.heading("Sources")
        if pk.laws:
            self.para("Primary law relied on:", keep_next=True)
            for law in pk.laws:
                bits = [law.citation or "", " ".join(law.name.split())]
                text = " \u2014 ".join(b for b in bits if b)
                when = [STATUS_WORDS.get(law.status, law.status)]
                if law.effective:
                    when.insert(0, f"effective {fmt_date(law.effective)}")
                text += f" ({', '.join(when)})."
                primary = [u for u in law.sources if is_primary(u)]
                secondary = [u for u in law.sources if not is_primary(u)]
                if primary:
                    text += " " + "; ".join(primary) + "."
                elif secondary:
                    text += " Secondary source (no official text found): " + \
                        "; ".join(secondary) + "."
                self._bullet(text)
        if pk.authorities:
            self.para("Authorities for the findings:", keep_next=True)
            seen: set[str] = set()
            for _, authority in pk.authorities:
                if authority not in seen:
                    seen.add(authority)
                    self._bullet(authority)


def _and(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _count(n: int, word: str) -> str:
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    return f"{words[n] if n < len(words) else n} {word}{'' if n == 1 else 's'}"


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    m = re.search(r"(?<=[.])\s", text)
    return text[:m.start()] if m else text


def _title_clause(title: str, instrument: str) -> str:
    """The long title as the rest of the motion: "AN ORDINANCE OF ... LIMITING ..." ->
    "limiting ..."; a title in another form is quoted."""
    t = " ".join(title.split())
    m = re.search(r",\s*(?:[A-Z ,]+?),\s*([A-Z].*)$", t)
    rest = t
    parts = t.split(", ")
    for i, part in enumerate(parts):
        if re.match(r"(LIMITING|ESTABLISHING|PROHIBITING|AMENDING|ADOPTING|REGULATING|"
                    r"CREATING|RELATING)\b", part):
            rest = ", ".join(parts[i:])
            break
    else:
        return f"(\u201c{t}\u201d)" if not m else f"(\u201c{t}\u201d)"
    rest = rest.lower()
    for word in ("ICE", "U.S.", "ILRC"):   # acronyms keep their capitals
        rest = re.sub(rf"(?<![\w.]){re.escape(word.lower())}(?![\w])", word, rest)
    return rest


def _place(text: str, place: str, instrument: str = "ordinance") -> str:
    """The library's generic words made the place's own: "the jurisdiction" -> "the
    County", "the ordinance" -> "the order" where the instrument is an order."""
    low = place[:1].lower() + place[1:]
    text = re.sub(r"\bthe jurisdiction\b", low, re.sub(r"\bThe jurisdiction\b", place, text))
    text = re.sub(r"\bwithin the jurisdiction\b", f"within {low}", text)
    if instrument != "ordinance":
        text = re.sub(r"\bthe ordinance\b", f"the {instrument}", text)
        text = re.sub(r"\bThe ordinance\b", f"The {instrument}", text)
    return text
