"""An ordinance's paragraphs grouped into sections and subsections, each paragraph with the
reference a reader would cite ("Section 3(b)", "§ 2-173-020(a)") and whether it is
operative text at all.

Only operative text establishes a protection: WHEREAS recitals, findings, purpose and
intent statements, definitions and boilerplate (title, severability, effective date) say
what a place believes or means, not what its officers must or must not do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Passage:
    text: str
    ref: str
    operative: bool
    index: int  # paragraph number in the extracted text, from 0
    offset: int = 0  # where `text` starts in that paragraph (after a heading on its line)


@dataclass
class Section:
    ref: str
    heading: str
    operative: bool
    passages: list[Passage] = field(default_factory=list)


_SECTION = re.compile(r"^(?:SECTION|Section|SEC\.|Sec\.|Sec)\s*([0-9][\w\-]*(?:\.[\w\-]+)*|"
                      r"[IVX]+|[A-Z])\.?\s*(?:[-—–:.]\s*)?(.*)$")
_PARAGRAPH_MARK = re.compile(r"^§+\s*([0-9][\w.\-]*?)\.?\s+(.*)$")
_CODE_NUMBER = re.compile(r"^(\d+(?:[.\-]\d+)+[A-Za-z]?)\.?\s+(\S.*)$")
_ARTICLE = re.compile(r"^(?:ARTICLE|Article|PART|Part)\s+([0-9IVX]+[A-Z]?)[.:]?\s*"
                      r"(?:[-—–:.]\s*)?(.*)$")
_ROMAN = re.compile(r"^([IVX]{1,5})\.\s+(.*)$")
_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(.*)$")
_CONTAINER = re.compile(r"^(?:CHAPTER|Chapter|TITLE|Title)\s+[\w.\-]+\b")
_SUB = re.compile(r"^\(([a-z]{1,2}|\d{1,2}|[ivx]{1,5}|[A-Z])\)\s*(.*)$")
_SUB_DOT = re.compile(r"^([a-z])\.\s+(.*)$")

NON_OPERATIVE_HEADING = re.compile(
    r"\b(findings?|purposes?|intent|recitals?|whereas|background|definitions?|short title|"
    r"title|severab\w*|effective date|effective|authority|legislative|preamble|"
    r"introduction|construction|conflict(s)? with|statement of (purpose|intent))\b", re.I)
_RECITAL = re.compile(r"^(whereas\b|(the )?(city |county |town |village )?(council|board|"
                      r"commission|legislature|mayor|people)[\w ,]{0,40} (hereby )?"
                      r"(finds?|declares?|recognizes?|determines?) )", re.I)
_DEFINITION = re.compile(r"^[\"“”']?[A-Z][\w ,/()'-]{1,70}[\"“”']?,? (means|shall mean|"
                         r"has the meaning|refers to|includes)\b")
_ENACTING = re.compile(r"^(now,? therefore|be it (ordained|resolved|enacted)|it is hereby "
                       r"(ordered|resolved)|the (city |county )?(council|board)[\w ]{0,40}"
                       r"(does )?(hereby )?ordains?)", re.I)


def _heading_split(rest: str) -> tuple[str, str]:
    """'Civil detainers. The Sheriff shall not ...' -> heading and body."""
    rest = rest.strip()
    m = re.match(r"^([^.]{1,90}?[^A-Z. ])\.\s+(\S.*)$", rest)
    if m and not re.search(r"\b(shall|may|must|will)\b", m.group(1)):
        return m.group(1), m.group(2)
    if len(rest) <= 90 and not re.search(r"\b(shall|may|must|will)\b", rest):
        return rest.rstrip(".:"), ""
    return "", rest


def _is_heading_text(rest: str) -> bool:
    words = rest.split()
    return bool(words) and (rest.isupper() or (len(rest) <= 70 and not rest.rstrip().endswith(
        (".", ";", ",")) and not re.search(r"\b(shall|may|must|will)\b", rest)))


def _section_start(text: str) -> tuple[str, str, str] | None:
    """(ref, heading, body) when a paragraph opens a section."""
    for rx, fmt in ((_SECTION, "Section {}"), (_PARAGRAPH_MARK, "§ {}"),
                    (_ARTICLE, "Article {}")):
        m = rx.match(text)
        if m:
            heading, body = _heading_split(m.group(2))
            return fmt.format(m.group(1).rstrip(".")), heading, body
    m = _CODE_NUMBER.match(text)
    if m:
        heading, body = _heading_split(m.group(2))
        if heading or m.group(1).count(".") + m.group(1).count("-") >= 2:
            return f"§ {m.group(1)}", heading, body  # "310.3.1 Members shall not ..."

    for rx, fmt in ((_ROMAN, "Part {}"), (_NUMBERED, "Section {}")):
        m = rx.match(text)
        if m and _is_heading_text(m.group(2)):
            return fmt.format(m.group(1)), m.group(2).strip().rstrip(".:"), ""
        if m and rx is _ROMAN:
            heading, body = _heading_split(m.group(2))
            if heading:
                return fmt.format(m.group(1)), heading, body
    return None


def _sub_label(text: str, current: list[str]) -> tuple[list[str], str] | None:
    """The subsection path after this paragraph's label: letters, then digits, then
    roman numerals, as US codes nest them; (i) after (h) is a letter."""
    m = _SUB.match(text) or _SUB_DOT.match(text) or _NUMBERED.match(text)
    if not m:
        return None
    label = m.group(1)

    if label.isdigit():
        level = 1 if not current or current[0].isdigit() else 2
    elif re.fullmatch(r"[ivx]+", label) and current and not (
            len(current) == 1 and label in ("i", "v", "x") and
            current[0] in ("h", "u", "w")):
        level = 3 if len(current) >= 2 else 2
    elif label.isupper():
        level = 4
    else:
        level = 1
    path = current[: level - 1] + [label]
    return path, m.group(2)


def split_sections(paragraphs: list[str]) -> list[Section]:
    has_recitals = any(p.upper().startswith("WHEREAS") for p in paragraphs[:200])
    sections: list[Section] = []
    current = Section("Preamble" if has_recitals else "Text", "", True)
    sections.append(current)
    sub: list[str] = []
    in_preamble = has_recitals
    for i, paragraph in enumerate(paragraphs):
        text = paragraph
        if _ENACTING.match(text):
            in_preamble = False
        start = _section_start(text)
        if start is not None:
            ref, heading, body = start
            in_preamble = False
            operative = not (heading and NON_OPERATIVE_HEADING.search(heading))
            current = Section(ref, heading, operative)
            sections.append(current)
            sub = []
            if not body:
                continue
            text = body
        elif _CONTAINER.match(text):
            continue
        got = _sub_label(text, sub)
        if got is not None:
            sub = got[0]
        ref = current.ref
        if current.ref in ("Text", "Preamble"):
            ref = f"¶ {i + 1}"
        elif sub:
            ref += "".join(f"({x})" for x in sub)
        operative = current.operative and not in_preamble and not _RECITAL.match(text) \
            and not _DEFINITION.match(got[1] if got else text)
        offset = max(0, paragraph.find(text))
        current.passages.append(Passage(text, ref, operative, i, offset))

    return [s for s in sections if s.passages or s.heading]
