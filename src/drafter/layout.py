"""The ordinance as a sequence of role-tagged paragraphs: the one layout that the Word
writer prints and the redline marks up.

Each role has one paragraph format (`ROLES`); `layout` says which paragraphs an ordinance
has, in order, and what Word's numbering will call them. `OrdinanceWriter` writes them,
`drafter.redline` lines two versions of them up, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.document import Document, Run

# role -> (paragraph style, centred, keep with next)
ROLES: dict[str, tuple[str, bool, bool]] = {
    "number": ("Normal", True, False),
    "title": ("Title", False, False),
    "recital": ("Normal", False, False),
    "enacting": ("Normal", False, True),
    "heading": ("Heading 1", False, True),
    "body": ("Normal", False, False),
    "sub": ("List Number", False, False),
    "gap": ("Normal", False, False),
    "sign_label": ("Normal", False, True),
    "sign_blank": ("Normal", False, True),
    "sign_line": ("Normal", False, True),
    "sign_name": ("Normal", False, False),
    "sign_text": ("Normal", False, True),
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
    front = [_item("number", f"ORDINANCE NO. {doc.number}", bold=True),
             _item("title", doc.title)]
    front += [Item("recital", tuple(p.runs)) for p in doc.recitals]
    front.append(_item("enacting", doc.enacting, bold=True))
    sections = []
    for s in doc.sections:
        key = ("clause", s.protection or s.clause_id or s.heading) if s.clause_id else \
            (s.role, s.heading if s.role == "clause" else "")
        paras = [Item("sub", tuple(p.runs), p.number) if p.kind == "sub" else
                 Item("body", tuple(p.runs)) for p in s.paragraphs]
        heading = Item("heading", (Run(f"{s.heading}."),), s.label)
        sections.append(LaidSection(key, heading, paras))
    back = [_item("gap")]
    for p in doc.signature:
        if p.kind == "sign":
            if p.label:
                back.append(_item("sign_label", p.label))
            back += [_item("sign_blank"), _item("sign_line", "______________________________"),
                     _item("sign_name", p.text)]
        else:
            back.append(_item("sign_text", p.text))
    return front, sections, back
