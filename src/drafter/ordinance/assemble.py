"""Assemble a draft and the clause library into the document model.

Order of an ordinance: caption and title, recitals (general findings, then those the chosen
clauses rely on), enacting clause, short title, purpose, definitions (only terms the text
uses, alphabetical), the chosen clauses in the draft's order, the federal savings clause when
a clause restricts status-information sharing, general welfare, severability, effective
date, signature and attestation block.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter import DISCLAIMER
from drafter.errors import DrafterError, FillInError
from drafter.load.draft import ChosenClause, Draft
from drafter.load.library import Clause, Library
from drafter.load.resources import data_dir
from drafter.load.yamlio import load_yaml
from drafter.ordinance.document import Document, Paragraph, Properties, Run, Section
from drafter.ordinance.localgov import LocalGovernment, local_government
from drafter.ordinance.render import context_for, render
from drafter.vocab import PROTECTIONS

SKELETON_FILE = "ordinance.yaml"


@dataclass
class Skeleton:
    data: dict[str, Any]
    file: str


@lru_cache(maxsize=4)
def load_skeleton(path: str | None = None) -> Skeleton:
    p = Path(path) if path else data_dir("templates") / SKELETON_FILE
    doc = load_yaml(p)
    data = doc.data
    need = ("title", "enacting", "sections", "signature")
    if not isinstance(data, dict) or any(k not in data for k in need):
        raise DrafterError(f"ordinance skeleton must have keys: {', '.join(need)}", p)
    return Skeleton(data, str(p))


def clause_source(chosen: ChosenClause, clause: Clause) -> str:
    """The text this draft uses for a clause: the user's wording if edited."""
    return chosen.text if chosen.text is not None else clause.text


def _pick_rule(rules: list[dict[str, Any]], kind: str, body: str) -> dict[str, Any]:
    body_l = body.lower()
    for rule in rules:
        if "kinds" in rule and kind not in rule["kinds"]:
            continue
        if "body_has" in rule and rule["body_has"] not in body_l:
            continue
        return rule
    return rules[-1]


def split_paragraphs(text: str) -> list[tuple[str, str]]:
    """Blank lines separate paragraphs; '* ' starts a lettered subsection."""
    out: list[tuple[str, str]] = []
    current: list[str] = []
    kind = "body"

    def flush() -> None:
        if current:
            out.append((kind, " ".join(current)))
            current.clear()

    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            flush()
            kind = "body"
        elif line.startswith("* ") or line == "*":
            flush()
            kind = "sub"
            current.append(line[2:].strip())
        else:
            current.append(line)
    flush()
    return [(k, t) for k, t in out if t]


def no_lone_subsection(paras: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A lone "(a)" with no "(b)" is no list: the document prints it as a paragraph (the
    wording editor keeps the user's own "* ")."""
    if sum(k == "sub" for k, _ in paras) == 1:
        return [("body", t) for _, t in paras]
    return paras


class _TermMarker:
    """Finds uses of defined terms, longest first, so 'Law Enforcement Agency' is one use
    and not also a use of 'Agency'."""

    def __init__(self, terms: tuple[tuple[str, str], ...]):
        # The app re-assembles on every edit with mostly the same paragraphs: scanning each
        # text once (memoised by its content) keeps that cost off the typing path.
        self._runs: dict[str, tuple[Run, ...]] = {}
        self._used: dict[str, frozenset[str]] = {}
        self.by_text = {text: tid for tid, text in terms if text}
        names = sorted(self.by_text, key=len, reverse=True)
        # plural uses ("Employees", "Agencies") count as uses of the singular term
        self.rx = (re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names)
                              + r")(?:s|es)?(?![\w-])") if names else None)
        self.plural_y = {n[:-1] + "ies": n for n in names if n.endswith("y")}
        if self.plural_y:
            self.rx_y = re.compile(r"(?<![\w-])(" + "|".join(
                re.escape(n) for n in sorted(self.plural_y, key=len, reverse=True))
                + r")(?![\w-])")

    def used(self, text: str) -> set[str]:
        hit = self._used.get(text)
        if hit is None:
            hit = self._used[text] = frozenset(self._scan_used(text))
            _bound(self._used)
        return set(hit)

    def _scan_used(self, text: str) -> set[str]:
        if not self.rx:
            return set()
        found = {self.by_text[m.group(1)] for m in self.rx.finditer(text)}
        if self.plural_y:
            found |= {self.by_text[self.plural_y[m.group(1)]]
                      for m in self.rx_y.finditer(text)}
        return found

    def runs(self, text: str) -> list[Run]:
        hit = self._runs.get(text)
        if hit is None:  # Runs are frozen: documents may share them
            hit = self._runs[text] = tuple(self._scan_runs(text))
            _bound(self._runs)
        return list(hit)

    def _scan_runs(self, text: str) -> list[Run]:
        if not self.rx:
            return [Run(text)]
        out, pos = [], 0
        for m in self.rx.finditer(text):
            if m.start() > pos:
                out.append(Run(text[pos:m.start()]))
            out.append(Run(m.group(0), term=True))
            pos = m.end()
        if pos < len(text):
            out.append(Run(text[pos:]))
        return out or [Run("")]


_MEMO_LIMIT = 20_000  # texts per marker: far above any ordinance, a bound for a long session


def _bound(memo: dict[str, Any]) -> None:
    if len(memo) > _MEMO_LIMIT:
        memo.clear()


@lru_cache(maxsize=4)
def _marker_for(terms: tuple[tuple[str, str], ...]) -> _TermMarker:
    """One marker (and its compiled pattern) per set of defined terms, kept between
    assemblies of the same library."""
    return _TermMarker(terms)


def _subjects(protections: list[str]) -> str:
    if not protections:
        return ""
    # upper-case, but a statute's own lower-case letters stay: "287(g)", not "287(G)"
    labels = [PROTECTIONS[p][0].upper().replace("287(G)", "287(g)") for p in protections]
    return "; ESTABLISHING POLICIES ON " + ", ".join(labels)


def assemble(draft: Draft, library: Library, skeleton_path: str | None = None) -> Document:
    """Build the ordinance. Raises FillInError naming the clause and placeholder when the
    draft cannot fill a template: never a blank or a brace in a council document."""
    sk = load_skeleton(skeleton_path)
    S = sk.data
    ctx = context_for(draft)
    j = draft.jurisdiction
    o = draft.ordinance

    chosen: list[tuple[ChosenClause, Clause]] = []
    for ch in draft.clauses:
        chosen.append((ch, library.clause(ch.id)))
    protections = list(dict.fromkeys(c.protection for _, c in chosen))

    gov = local_government(j)
    extra = dict(ctx)
    extra["short_title"] = o.short_title
    extra["number"] = o.number
    extra["effective"] = _effective_phrase(o.effective)
    extra["subjects"] = _subjects(protections)
    extra["enacting"] = gov.enacting
    extra["code_chapter"] = o.code_chapter
    extra["effective_clause"] = _effective_clause(gov, extra["effective"])

    def fill(src: str, what: str, file: str | None = None, line: int | None = None) -> str:
        return render(src, extra, what, file or sk.file, line)

    title = o.title or " ".join(fill(S["title"], "ordinance title").split())

    # Clause bodies first: the definitions depend on the words they use.
    bodies: list[tuple[ChosenClause, Clause, list[tuple[str, str]]]] = []
    for ch, cl in chosen:
        src = clause_source(ch, cl)
        what = f"clause '{cl.id}'" + (" (edited in this draft)" if ch.edited else "")
        where = (str(draft.path) if draft.path else None) if ch.edited else cl.source
        text = render(src, ctx, what, where, ch.line if ch.edited else cl.line, clause=cl.id)
        bodies.append((ch, cl, no_lone_subsection(split_paragraphs(text))))

    sec_specs: list[tuple[str, str, list[tuple[str, str]], ChosenClause | None, Clause | None]]
    sec_specs = []
    secs = S["sections"]
    if o.short_title:
        st = secs["short_title"]
        sec_specs.append(("short_title", st["heading"],
                          split_paragraphs(fill(st["text"], "short title section")), None, None))
    if "purpose" in secs:
        pp = secs["purpose"]
        sec_specs.append(("purpose", pp["heading"],
                          split_paragraphs(fill(pp["text"], "purpose section")), None, None))
    def_index = len(sec_specs)
    for ch, cl, paras in bodies:
        sec_specs.append(("clause", cl.heading, paras, ch, cl))
    needs_savings = draft.export.savings_clause and any(c.restricts_status_info
                                                         for _, c in chosen)
    if needs_savings:
        sv = secs["savings"]
        sec_specs.append(("savings", sv["heading"],
                          split_paragraphs(fill(sv["text"], "savings clause")), None, None))
    chosen_ids = {c.id for _, c in chosen}
    for role in ("general_welfare", "codification", "repealer", "severability", "effective"):
        if role == "codification" and not o.code_chapter:
            continue
        if role in secs:
            spec = secs[role]
            if chosen_ids & set(spec.get("omit_with", [])):
                continue
            sec_specs.append((role, spec["heading"],
                              split_paragraphs(fill(spec["text"], f"{role} section")),
                              None, None))

    # Which defined terms does the text use? Candidates: every library term; a term is in
    # when its capitalised form occurs in the body text or in another included definition.
    marker = _marker_for(tuple((t.id, t.term) for t in library.terms.values()))
    used: set[str] = set()
    for _, _, paras, _, _ in sec_specs:  # paragraph by paragraph: each is memoised
        for _, t in paras:
            used |= marker.used(t)
    rendered_defs: dict[str, str] = {}
    frontier = set(used)
    while frontier:
        nxt: set[str] = set()
        for tid in frontier:
            term = library.terms[tid]
            rendered_defs[tid] = fill(term.definition, f"definition '{tid}'", term.source,
                                      term.line)
            nxt |= marker.used(rendered_defs[tid]) - used
        used |= nxt
        frontier = nxt
    if used:
        dspec = secs["definitions"]
        items = sorted(used, key=lambda t: library.terms[t].term.lower())
        paras = [("body", fill(dspec["intro"], "definitions section"))]
        paras += [("definition", tid) for tid in items]
        sec_specs.insert(def_index, ("definitions", dspec["heading"], paras, None, None))

    sections: list[Section] = []
    for n, (role, heading, paras, spec_ch, spec_cl) in enumerate(sec_specs, start=1):
        out_paras = []
        for kind, text in paras:
            if kind == "definition":
                term = library.terms[text]
                runs = [Run("\u201c"), Run(term.term, bold=True), Run("\u201d ")]
                runs += marker.runs(rendered_defs[text])
                out_paras.append(Paragraph(runs, "sub"))
            else:
                out_paras.append(Paragraph(marker.runs(text), kind))  # type: ignore[arg-type]
        sections.append(Section(n, heading, out_paras, role,
                                spec_cl.id if spec_cl else None,
                                spec_cl.protection if spec_cl else None,
                                bool(spec_ch and spec_ch.edited)))

    # Recitals: general findings, then those the chosen clauses rely on, in first-use order.
    fids = [f.id for f in library.findings.values() if f.general]
    for _, cl in chosen:
        for fid in cl.findings:
            if fid not in fids:
                fids.append(fid)
    required = _required_acts(draft)
    fids = [fid for fid in fids
            if not required.intersection(library.findings[fid].untrue_if_required)]
    recital_texts = []
    if S.get("first_recital"):
        recital_texts.append(fill(S["first_recital"], "first recital"))
    for fid in fids:
        f = library.findings[fid]
        recital_texts.append(fill(f.text, f"finding '{fid}'", f.source, f.line))
    recitals = []
    for i, text in enumerate(recital_texts):
        body = " ".join(text.split()).rstrip(";.")
        end = S.get("recital_end", ";") if i == len(recital_texts) - 1 else \
            S.get("recital_and", "; and")
        recitals.append(Paragraph([Run(S.get("recital_lead", "WHEREAS,") + " ", bold=True),
                                   Run(body + end)], "recital"))

    enact = fill(S["enacting"], "enacting clause")
    signature = []
    for item in _pick_rule(S["signature"], j.kind, j.body)["items"]:
        if "vote" in item:
            signature.append(Paragraph([Run(fill(item["vote"], "signature block") + " "
                                            + VOTE_BLANK)], "body"))
        elif "sign" in item:
            signature.append(Paragraph([Run(fill(item["sign"], "signature block"))], "sign",
                                       label=fill(item.get("label", ""), "signature block")))
        else:
            signature.append(Paragraph([Run(fill(item["text"], "signature block"))], "body"))
    if gov.clerk_certificate:  # the state's filing asks the clerk to certify the text
        signature.append(Paragraph([Run("CLERK\u2019S CERTIFICATE", bold=True)], "body"))
        signature.append(Paragraph([Run(gov.clerk_certificate)], "body"))
        signature.append(Paragraph([Run(gov.clerk)], "sign", label=""))

    date = o.draft_date or dt.date(2000, 1, 1)
    header = f"DRAFT \u2014 {date.isoformat()}"
    number = o.number or "____"
    props = Properties(
        title=f"Ordinance {number}: {o.short_title or title}"[:250],
        subject=f"{j.display_name}, {draft.state_name}: limits on civil immigration "
                "enforcement assistance",
        author=o.sponsor or j.body,
        keywords="ordinance; draft; " + ", ".join(protections),
        created=dt.datetime(date.year, date.month, date.day, 9, 0, 0),
    )
    doc = Document(jurisdiction=j.display_name, number=number, title=title, header=header,
                   recitals=recitals, enacting=enact, sections=sections, signature=signature,
                   properties=props, disclaimer=DISCLAIMER, instrument=gov.instrument,
                   state=draft.state_name)
    _assert_filled(doc)
    return doc


def _required_acts(draft: Draft) -> frozenset[str]:
    """What the draft's state requires of it (recitals must not call that voluntary)."""
    from drafter.check.laws import load_lawbook
    from drafter.check.mandates import required_acts

    j = draft.jurisdiction
    if not j.state:
        return frozenset()
    try:
        book = load_lawbook(None, complete=False, only=j.state)
    except DrafterError:  # law data unreadable: the check reports it; the text goes on
        return frozenset()
    return required_acts(book, j.state, j.kind, draft.ordinance.draft_date)


VOTE_BLANK = "_" * 48  # room for several members' names


def _effective_clause(gov: LocalGovernment, effective: str) -> str:
    """The state's own effective-date section where the profile knows it, else the
    draft's own date."""
    if gov.effective_clause:
        return gov.effective_clause.format(instrument=gov.instrument, clerk=gov.clerk,
                                           effective=effective)
    return f"This {gov.instrument} shall take effect {effective}."


def _effective_phrase(value: str) -> str:
    v = (value or "").strip().rstrip(".")
    if not v:
        return "thirty days after its final passage"
    try:
        d = dt.date.fromisoformat(v)
        return f"on {d.strftime('%B')} {d.day}, {d.year}"
    except ValueError:
        return v


def _assert_filled(doc: Document) -> None:
    """Last line of defence: no template syntax may reach a council document."""
    texts = [doc.header, doc.number, doc.title, doc.enacting, doc.disclaimer]
    texts += [p.text for p in doc.recitals]
    for s in doc.sections:
        texts.append(f"{s.label} {s.heading}.")
        texts += [p.text for p in s.paragraphs]
    for p in doc.signature:
        texts += [p.label, p.text]
    for text in texts:
        for token in ("{{", "}}", "{%", "%}"):
            if token in text:
                line = next(ln for ln in text.splitlines() if token in ln)
                raise FillInError(
                    f"unfilled placeholder in the assembled ordinance: {line[:80]}")
