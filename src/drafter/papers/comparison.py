"""Side-by-side comparison of clause options: what an advocate brings to a council meeting
to argue for one detainer policy over another.

One column per option; rows for strength, summary, how each option differs from the first
(in words), the verdict under the chosen state's law (the verdict, one line of reason and
the citation; the full reasoning once, in notes at the end), the ILRC factor, where it suits,
enacted examples and the full text, marked against the first option
(`drafter.papers.diff.readable_diff`, as in the redline) only where the two share most
words. Clause text is shown with its placeholders as readable bracketed names
([Jurisdiction], [Sheriff's Office]) — the comparison is not tied to one draft, and it never
shows raw template braces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from drafter.errors import DrafterError, did_you_mean
from drafter.load.library import Clause, Library
from drafter.ordinance.assemble import split_paragraphs
from drafter.ordinance.document import lettered
from drafter.ordinance.render import SAMPLE_CONTEXT, render
from drafter.papers.diff import Op, readable_diff, similarity
from drafter.vocab import ACTS, PROTECTIONS, STATES, STRENGTHS

if TYPE_CHECKING:
    from drafter.check.engine import Finding
    from drafter.check.laws import LawBook

MAX_OPTIONS = 6  # columns that still fit across a landscape page

# Placeholders shown as readable bracketed names.
@dataclass
class Option:
    """One column of the comparison."""

    clause: Clause
    paragraphs: list[str]                       # the text, subsections lettered (a), (b)
    diff: list[tuple[Op, str]] | None = None    # readable_diff against the first option
    marked: bool = False                        # documents show `diff` as marks: the two
                                                # texts share most words (else side by side)
    differences: str = ""                       # in words, against the first option
    findings: list[Finding] = field(default_factory=list)
    counts_for_ilrc: bool | None = None         # None: not an ILRC factor
    map_png: bytes | None = None                # the option's verdict in every state

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def verdict(self) -> Finding | None:
        """The decisive finding (the worst; findings come worst first)."""
        from drafter.check.engine import decisive

        return decisive(self.findings)


@dataclass
class Comparison:
    options: list[Option]
    state: str | None                 # postal code, or None when no state was chosen
    state_name: str
    day: dt.date
    warnings: list[str] = field(default_factory=list)
    lawbook: Any = None

    @property
    def protections(self) -> list[str]:
        return list(dict.fromkeys(o.clause.protection for o in self.options))

    @property
    def title(self) -> str:
        prots = self.protections
        if len(prots) == 1:
            return f"Comparing options: {PROTECTIONS[prots[0]][0]}" if prots[0] in \
                PROTECTIONS else "Comparing options"
        return "Comparing options across protections"


def sample_context(state: str | None = None) -> dict[str, str]:
    """Placeholders filled with bracketed names (the state's name when one is chosen)."""
    ctx = dict(SAMPLE_CONTEXT)
    if state:
        ctx["state"] = STATES.get(state, state)
    return ctx


def clause_paragraphs(clause: Clause, state: str | None = None) -> list[str]:
    """A clause's text with bracketed placeholders, subsections lettered as Word does."""
    text = render(clause.text, sample_context(state), f"clause '{clause.id}'", clause.source,
                  clause.line)
    return [f"{label} {para}" if label else para
            for label, para in lettered(split_paragraphs(text))]


def resolve_options(clause_ids: list[str], library: Library) -> tuple[list[Clause], list[str]]:
    """The clauses to compare, and warnings (options of different protections)."""
    if not clause_ids:
        raise DrafterError("name at least one clause id to compare")
    if len(clause_ids) > MAX_OPTIONS:
        raise DrafterError(f"{len(clause_ids)} options do not fit across a page; compare at "
                           f"most {MAX_OPTIONS} at a time")
    seen: set[str] = set()
    clauses = []
    for cid in clause_ids:
        if cid in seen:
            raise DrafterError(f"clause '{cid}' is named twice")
        seen.add(cid)
        clauses.append(library.clause(cid))  # unknown id: DrafterError with did-you-mean
    warnings = []
    prots = list(dict.fromkeys(c.protection for c in clauses))
    if len(prots) > 1:
        names = ", ".join(f"'{p}'" for p in prots)
        warnings.append(f"these options belong to different protections ({names}); an "
                        "ordinance adopts one option per protection, so they are alternatives "
                        "only where they address the same question")
    return clauses, warnings


def _state_code(state: str | None) -> str | None:
    if not state:
        return None
    code = state.strip().upper()
    if code not in STATES:
        raise DrafterError(f"unknown state code '{state}'{did_you_mean(code, STATES)}; use a "
                           "two-letter postal code like TX")
    return code


def _counts(clause: Clause, findings: list[Finding], day: dt.date) -> bool | None:
    """Whether this option earns its ILRC factor point, by the engine's own rule."""
    if PROTECTIONS.get(clause.protection, ("", None))[1] is None:
        return None
    from drafter.check.engine import decisive, ilrc_scores

    top = decisive(findings)
    worst = top.verdict if top is not None else "allowed"
    no_state = SimpleNamespace(laws=[])  # the local score does not look at state law
    local, _ = ilrc_scores([clause], {clause.id: worst}, no_state, day)  # type: ignore[arg-type]
    return local > 0


def build_comparison(clause_ids: list[str], library: Library, lawbook: LawBook | None,
                     state: str | None, today: dt.date | None = None,
                     maps: bool = False) -> Comparison:
    """Everything the comparison shows, without layout (the GUI can show it too). With
    `maps` (the Word comparison), each option carries its map of the states as a PNG."""
    day = today or dt.date.today()
    code = _state_code(state)
    clauses, warnings = resolve_options(list(clause_ids), library)
    if code and lawbook is None:
        from drafter.check.laws import load_lawbook

        lawbook = load_lawbook(complete=False)
    state_name = STATES.get(code, "") if code else ""
    if code and lawbook is not None:
        state_name = lawbook.state(code).name  # a state without law data: clear error
    options: list[Option] = []
    for c in clauses:
        opt = Option(c, clause_paragraphs(c, code))
        if code and lawbook is not None:
            from drafter.check.engine import clause_verdict

            opt.findings = clause_verdict(c, code, lawbook, day)
        opt.counts_for_ilrc = _counts(c, opt.findings, day)
        if maps:
            from drafter.check.laws import load_lawbook
            from drafter.statemap import option_png

            book = lawbook if lawbook is not None else load_lawbook(complete=False)
            opt.map_png = option_png(c, book, today=day, highlight=code)
        options.append(opt)
    first = options[0]
    for opt in options[1:]:
        opt.diff = readable_diff(first.text, opt.text)
        opt.marked = similarity(first.text, opt.text) >= SIMILAR
        opt.differences = differences(first.clause, opt.clause)
    return Comparison(options, code, state_name, day, warnings, lawbook)


# Options sharing at least this share of their words are marked word by word against the
# first; below it the marks would cover most of the text and help nobody.
SIMILAR = 0.5


def differences(first: Clause, other: Clause) -> str:
    """What `other` does that `first` does not, and the reverse, from the acts each option
    restricts (the data the legal check reads): "Also covers: ...; leaves out: ..."."""
    rank = {s: i for i, s in enumerate(STRENGTHS)}
    parts = []
    a, b = set(first.acts or ()), set(other.acts or ())
    more = [ACTS[x][0] for x in ACTS if x in b - a]
    less = [ACTS[x][0] for x in ACTS if x in a - b]
    if more:
        parts.append("also covers " + "; ".join(more))
    if less:
        parts.append("leaves out " + "; ".join(less))
    ra, rb = rank.get(first.strength, 0), rank.get(other.strength, 0)
    if rb < ra:
        parts.append("goes further overall")
    elif rb > ra:
        parts.append("narrower overall")
    if not parts:
        parts.append("covers the same ground in other words")
    text = "; ".join(parts)
    return f"Compared with \u201c{first.title}\u201d: {text}."
