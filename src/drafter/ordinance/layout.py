"""The ordinance as a sequence of role-tagged paragraphs: the one layout that the Word
writer prints and the redline marks up.

Each role has one paragraph format (`ROLES`); `layout` says which paragraphs an ordinance
has, in order, and what Word's numbering will call them. `OrdinanceWriter` writes them,
`drafter.papers.redline` lines two versions of them up, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.ordinance.document import Document, Run

# The named paragraph styles of an ordinance's parts: a clerk's house template that defines
# a style of the same name restyles that part (README, "Word output"). The long title has a
# style of its own so that a template's big "Title" never fills page 1 with it.
NUMBER_STYLE = "Ordinance Number"
TITLE_STYLE = "Long Title"
RECITAL_STYLE = "Recital"
ENACTING_STYLE = "Enacting Clause"
SIGNATURE_STYLE = "Signature Block"
ORDINANCE_STYLES = (NUMBER_STYLE, TITLE_STYLE, RECITAL_STYLE, ENACTING_STYLE, SIGNATURE_STYLE)

# role -> (paragraph style, centred, keep with next). Centring and bold live in the named
# styles, not in direct formatting, so a house template's definition wins.
ROLES: dict[str, tuple[str, bool, bool]] = {
    "number": (NUMBER_STYLE, False, True),
    "title": (TITLE_STYLE, False, False),
    "recital": (RECITAL_STYLE, False, False),
    "enacting": (ENACTING_STYLE, False, True),
    "heading": ("Heading 1", False, True),
    "body": ("Normal", False, False),
    "sub": ("List Number", False, False),
    "gap": (SIGNATURE_STYLE, False, True),
    "sign_label": (SIGNATURE_STYLE, False, True),
    "sign_blank": (SIGNATURE_STYLE, False, True),
    "sign_line": (SIGNATURE_STYLE, False, True),
    "sign_name": (SIGNATURE_STYLE, False, True),
    "sign_text": (SIGNATURE_STYLE, False, True),
}


@dataclass(frozen=True)
class Item:
    """One paragraph of the ordinance as the Word writer lays it out.

    role: number | title | recital | enacting | heading | body | sub | gap |
          sign_label | sign_blank | sign_line | sign_name | sign_text
    """

    role: str
    runs: tuple[Run, ...]
    label: str = field(default="", compare=False)  # the number Word gives it: "Section 5."
    # keep with the next paragraph or not, whatever the role says (the last section's
    # closing lines stay on the page of the signature block, whose last line ends the
    # chain); None: the role decides
    keep: bool | None = field(default=None, compare=False)

    @property
    def keep_next(self) -> bool:
        return ROLES[self.role][2] if self.keep is None else self.keep

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class LaidSection:
    key: tuple[str, str]
    heading: Item
    paras: list[Item]


def _item(role: str, text: str = "", bold: bool = False) -> Item:
    return Item(role, (Run(text, bold=bold),) if text else ())


def layout(doc: Document) -> tuple[list[Item], list[LaidSection], list[Item]]:
    """Front matter, sections and signature block, paragraph by paragraph. `key` tells the
    redline which sections of two versions are the same section."""
    front = [_item("number", doc.caption), _item("title", doc.title)]
    front += [Item("recital", tuple(p.runs)) for p in doc.recitals]
    front.append(_item("enacting", doc.enacting))
    sections = []
    for s in doc.sections:
        key = ("clause", s.protection or s.clause_id or s.heading) if s.clause_id else \
            (s.role, s.heading if s.role == "clause" else "")
        paras = [Item("sub", tuple(p.runs), p.number) if p.kind == "sub" else
                 Item("body", tuple(p.runs)) for p in s.paragraphs]
        heading = Item("heading", (Run(f"{s.heading}."),), s.label)
        sections.append(LaidSection(key, heading, paras))
    if sections and sections[-1].paras:
        # the signature block never stands alone on a page: the last section's final
        # paragraph (and with widow control its last lines) goes with it
        last = sections[-1].paras[-1]
        sections[-1].paras[-1] = Item(last.role, last.runs, last.label, keep=True)
    elif sections:
        h = sections[-1].heading
        sections[-1].heading = Item(h.role, h.runs, h.label, keep=True)
    back = [_item("gap")]
    for p in doc.signature:
        if p.kind == "sign":
            if p.label:
                back.append(_item("sign_label", p.label))
            back += [_item("sign_blank"), _item("sign_line", "______________________________"),
                     _item("sign_name", p.text)]
        else:
            back.append(_item("sign_text", p.text))
    # the chain of keep-with-next ends at the block's last line
    end = back[-1]
    back[-1] = Item(end.role, end.runs, end.label, keep=False)
    return front, sections, back
