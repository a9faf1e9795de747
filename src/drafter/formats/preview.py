"""The app's live preview as a list of styled paragraphs, from the one document model.

The preview is the ordinance re-laid on every edit, so it is described here as plain,
hashable paragraphs (Qt-free): the app compares the new list with the one on show and
redraws only the paragraphs that changed. Section and subsection labels are the model's;
nothing here counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from drafter.ordinance.document import Document, Paragraph

# disc: the DRAFT line and the disclaimer; num: "ORDINANCE NO. ___"; title: the long
# title; heading: "Section 5. Detainers."; edited: the note under an edited section;
# sub: a lettered subsection or a definition; sign: a signature line
Role = Literal["disc", "num", "title", "recital", "enact", "heading", "edited", "body", "sub",
               "sign"]
# a run's look: plain, a defined term, bold, italic
Look = Literal["", "term", "bold", "italic"]

LINE_BREAK = "\u2028"  # a line break inside one paragraph (the signature lines)
SIGNATURE_LINE = "_" * 30


@dataclass(frozen=True)
class Block:
    role: Role
    runs: tuple[tuple[str, Look], ...]
    highlight: bool = False  # the selected clause's heading is tinted

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


def _runs(p: Paragraph, lead: str = "") -> tuple[tuple[str, Look], ...]:
    out: list[tuple[str, Look]] = [(lead, "")] if lead else []
    for r in p.runs:
        look: Look = "term" if r.term else "bold" if r.bold else "italic" if r.italic else ""
        out.append((r.text, look))
    return tuple(out)


def preview_blocks(doc: Document, highlight_clause: str | None = None
                   ) -> tuple[list[Block], dict[int, int]]:
    """The paragraphs, and the index of each section's heading by section number (the
    preview scrolls to a section by it)."""
    blocks = [Block("disc", ((doc.header, ""),)), Block("num", ((doc.caption, ""),)),
              Block("title", ((doc.title, ""),))]
    blocks += [Block("recital", _runs(p)) for p in doc.recitals]
    blocks.append(Block("enact", ((doc.enacting, ""),)))
    starts: dict[int, int] = {}
    for s in doc.sections:
        starts[s.number] = len(blocks)
        blocks.append(Block("heading", ((f"{s.label} {s.heading}.", ""),),
                            highlight=bool(highlight_clause)
                            and s.clause_id == highlight_clause))
        if s.edited:
            blocks.append(Block("edited", (("(wording edited in this draft)", ""),)))
        for p in s.paragraphs:
            if p.number:
                blocks.append(Block("sub", _runs(p, f"{p.number} ")))
            else:
                blocks.append(Block("body", _runs(p)))
    for p in doc.signature:
        if p.kind == "sign":
            lead = (f"{p.label}{LINE_BREAK}" if p.label else "") + \
                f"{LINE_BREAK}{SIGNATURE_LINE}{LINE_BREAK}"
            blocks.append(Block("sign", _runs(p, lead)))
        else:
            blocks.append(Block("body", _runs(p)))
    blocks.append(Block("disc", ((doc.disclaimer, ""),)))
    return blocks, starts


def to_plain(blocks: list[Block]) -> str:
    """What the preview shows, as text (a test compares it with the text writer's)."""
    return "\n".join(b.text.replace(LINE_BREAK, "\n") for b in blocks)
