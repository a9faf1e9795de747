"""Redline between two versions of a draft.

Both versions are assembled into the one document model first; the redline then lines the
two models up the way a reader would: the front matter paragraph by paragraph, sections by
what they are (a chosen protection, or the short title, definitions, severability ...),
paragraphs inside a section by a diff of their texts, and words inside a paragraph by
`drafter.papers.diff.word_diff`. Whole sections and paragraphs that exist in only one version come
out as inserted or deleted paragraphs, paragraph mark included, so accepting every change in
Word or LibreOffice gives exactly the new ordinance and rejecting every change the old one.

The paragraphs and their formats come from `drafter.ordinance.layout`, which
`OrdinanceWriter` prints too; the tests hold accept-all to read back as the new
ordinance's own export.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from drafter.errors import DrafterError
from drafter.ordinance.document import Document, Run
from drafter.ordinance.layout import Item, LaidSection, layout
from drafter.papers.diff import readable_diff, tokens

Op = Literal["equal", "changed", "insert", "delete"]
Mark = Literal["equal", "insert", "delete"]
STYLES = ("tracked", "strike-underline")

# Paragraphs whose texts are at least this similar are one paragraph with word changes;
# below it, the old paragraph is deleted and the new one inserted (easier to read).
PAIR_RATIO = 0.45


@dataclass
class Span:
    mark: Mark
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Change:
    """One paragraph of the redline: unchanged, changed word by word, inserted or deleted."""

    op: Op
    old: Item | None
    new: Item | None
    section: int | None = None  # index of the redline section (for list numbering)
    move: str = ""              # a moved section's name: its delete and insert are a move

    @property
    def item(self) -> Item:
        item = self.new if self.new is not None else self.old
        assert item is not None
        return item

    def spans(self) -> list[Span]:
        if self.op == "equal":
            return [Span("equal", r.text, r.bold, r.italic) for r in self.item.runs]
        if self.op == "insert":
            return [Span("insert", r.text, r.bold, r.italic) for r in self.item.runs]
        if self.op == "delete":
            return [Span("delete", r.text, r.bold, r.italic) for r in self.item.runs]
        assert self.old is not None and self.new is not None
        return diff_runs(self.old.runs, self.new.runs)


@dataclass
class SectionChange:
    """One line of the redline's summary page."""

    kind: Literal["added", "removed", "moved", "changed"]
    heading: str          # "Section 5. Detainers"
    detail: str = ""      # "from Section 3"; "and changed"


@dataclass
class Redline:
    old: Document
    new: Document
    changes: list[Change]
    notes: list[str] = field(default_factory=list)
    summary: list[SectionChange] = field(default_factory=list)
    front_changed: list[str] = field(default_factory=list)  # "the long title", "the recitals"

    @property
    def counts(self) -> dict[str, int]:
        out = {"changed": 0, "insert": 0, "delete": 0}
        for c in self.changes:
            if c.op in out:
                out[c.op] += 1
        return out

    def header(self) -> str:
        a = self.old.properties.created.date().isoformat()
        b = self.new.properties.created.date().isoformat()
        if a == b:
            return f"REDLINE \u2014 two versions of the draft of {b}"
        return f"REDLINE \u2014 changes from the draft of {a} to the draft of {b}"


# --- alignment ---------------------------------------------------------------------------


def _ratio(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta and not tb:
        return 1.0
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    if sm.real_quick_ratio() < PAIR_RATIO or sm.quick_ratio() < PAIR_RATIO:
        return 0.0
    return sm.ratio()


def _pair_up(old: list[Item], new: list[Item], section: int | None) -> list[Change]:
    """Within a stretch that differs: pair each old paragraph with the most similar later
    new paragraph of the same role (in order), else it was deleted; the rest was inserted."""
    out: list[Change] = []
    j0 = 0
    for o in old:
        best, best_j = 0.0, -1
        for j in range(j0, len(new)):
            if new[j].role != o.role:
                continue
            r = _ratio(o.text, new[j].text)
            if r > best:
                best, best_j = r, j
        if best_j >= 0 and best >= PAIR_RATIO:
            out += [Change("insert", None, n, section) for n in new[j0:best_j]]
            op: Op = "equal" if o == new[best_j] else "changed"
            out.append(Change(op, o, new[best_j], section))
            j0 = best_j + 1
        else:
            out.append(Change("delete", o, None, section))
    out += [Change("insert", None, n, section) for n in new[j0:]]
    return out


def align_items(old: list[Item], new: list[Item], section: int | None = None
                ) -> list[Change]:
    sm = difflib.SequenceMatcher(None, [(i.role, i.text) for i in old],
                                 [(i.role, i.text) for i in new], autojunk=False)
    out: list[Change] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out += [Change("equal", o, n, section) for o, n in zip(old[i1:i2], new[j1:j2],
                                                                   strict=True)]
        else:
            out += _pair_up(old[i1:i2], new[j1:j2], section)
    return out


def _name(sec: LaidSection) -> str:
    return f"{sec.heading.label} {sec.heading.text.rstrip('.')}".strip()


def compare(old: Document, new: Document) -> Redline:
    """Line the two versions up, paragraph by paragraph. A section that is in both versions
    but elsewhere (by what it is: the same protection, the same standard section) is a
    move, not a deletion and an unrelated insertion."""
    of, osecs, ob = layout(old)
    nf, nsecs, nb = layout(new)
    changes = align_items(of, nf)
    front_changed = _front_changes(changes)
    sm = difflib.SequenceMatcher(None, [s.key for s in osecs], [s.key for s in nsecs],
                                 autojunk=False)
    ops = sm.get_opcodes()
    gone = {s.key for tag, i1, i2, _, _ in ops if tag != "equal" for s in osecs[i1:i2]}
    came = {s.key for tag, _, _, j1, j2 in ops if tag != "equal" for s in nsecs[j1:j2]}
    moved_keys = gone & came
    move_names = {key: f"move{i + 1}" for i, key in enumerate(
        k for k in (s.key for s in osecs) if k in moved_keys)}
    old_at = {s.key: s for s in osecs}
    summary: list[SectionChange] = []
    n = 0

    def whole(sec: LaidSection, op: Op) -> None:
        nonlocal n
        items = [sec.heading, *sec.paras]
        move = move_names.get(sec.key, "")
        changes.extend(Change(op, i if op == "delete" else None, i if op == "insert" else None,
                              n, move) for i in items)
        if not move:
            summary.append(SectionChange("added" if op == "insert" else "removed",
                                         _name(sec)))
        elif op == "insert":
            was = old_at[sec.key]
            same = [i.text for i in [was.heading, *was.paras]] == [i.text for i in items]
            summary.append(SectionChange("moved", _name(sec),
                                         f"from {was.heading.label.rstrip('.')}"
                                         + ("" if same else "; its text also changed")))
        n += 1

    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            for a, b in zip(osecs[i1:i2], nsecs[j1:j2], strict=True):
                op: Op = "equal" if a.heading == b.heading else "changed"
                changes.append(Change(op, a.heading, b.heading, n))
                inner = align_items(a.paras, b.paras, n)
                changes.extend(inner)
                if op != "equal" or any(c.op != "equal" for c in inner):
                    summary.append(SectionChange("changed", _name(b)))
                n += 1
        else:
            for a in osecs[i1:i2]:
                whole(a, "delete")
            for b in nsecs[j1:j2]:
                whole(b, "insert")
    back = align_items(ob, nb)
    if any(c.op != "equal" for c in back):
        front_changed.append("the signature block")
    changes.extend(back)
    notes = []
    where_old, where_new = _where(old), _where(new)
    if where_old != where_new:
        notes.append(f"The two versions are for different jurisdictions: the earlier one for "
                     f"the {where_old}, this one for the {where_new}. The redline compares "
                     "their texts as they stand.")
    order = {"added": 0, "removed": 1, "moved": 2, "changed": 3}
    summary.sort(key=lambda c: order[c.kind])
    return Redline(old, new, changes, notes, summary, front_changed)


def _front_changes(changes: list[Change]) -> list[str]:
    """Which parts before the first section changed, in words."""
    names = {"number": "the number", "title": "the long title", "recital": "the recitals",
             "enacting": "the enacting clause"}
    out: list[str] = []
    for c in changes:
        if c.op != "equal":
            name = names.get(c.item.role, "")
            if name and name not in out:
                out.append(name)
    return out


def _where(doc: Document) -> str:
    """"Testville County, Illinois": the jurisdiction and its state."""
    return f"{doc.jurisdiction}, {doc.state}" if doc.state else doc.jurisdiction


# --- words inside a paragraph -------------------------------------------------------------


def _slice(runs: Iterable[Run], start: int, end: int, mark: Mark) -> list[Span]:
    """The part [start, end) of the runs' joined text, keeping each run's formatting."""
    out, pos = [], 0
    for r in runs:
        a, b = pos, pos + len(r.text)
        pos = b
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            out.append(Span(mark, r.text[lo - a:hi - a], r.bold, r.italic))
    return out


def diff_runs(old: Iterable[Run], new: Iterable[Run]) -> list[Span]:
    """The differences between two formatted paragraphs, word by word where a sentence
    keeps most of its words and sentence by sentence where it was rewritten
    (`drafter.papers.diff.readable_diff`). Unchanged and inserted words keep the new version's
    formatting, deleted words the old version's."""
    old, new = list(old), list(new)
    i = j = 0
    out: list[Span] = []
    for op, text in readable_diff("".join(r.text for r in old),
                                  "".join(r.text for r in new)):
        if op == "delete":
            out += _slice(old, i, i + len(text), "delete")
            i += len(text)
        else:
            out += _slice(new, j, j + len(text), "equal" if op == "equal" else "insert")
            j += len(text)
            if op == "equal":
                i += len(text)
    return out


# --- API ---------------------------------------------------------------------------------


def redline_date(date: dt.datetime | dt.date | None, new_doc: Document) -> dt.datetime:
    """The time the tracked changes carry: `date` (a day means 9:00), or the new
    version's draft date, so the same two drafts always give the same file."""
    if date is None:
        return new_doc.properties.created
    if isinstance(date, dt.datetime):
        return date
    return dt.datetime(date.year, date.month, date.day, 9, 0, 0)


def check_style(style: str) -> None:
    if style not in STYLES:
        from drafter.errors import did_you_mean

        raise DrafterError(f"unknown redline style '{style}'{did_you_mean(style, STYLES)}; "
                           f"use {' or '.join(STYLES)}")
