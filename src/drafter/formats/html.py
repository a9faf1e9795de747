"""HTML layout of the document model for the app's live preview (Qt rich text subset)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.ordinance.document import Document, Paragraph

CSS = """
body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 12pt; }
h1 { font-size: 13pt; text-align: center; font-weight: bold; }
p.num { text-align: center; font-weight: bold; }
p.recital { margin-left: 0; }
p.enact { font-weight: bold; }
p.sub { margin-left: 28px; }
span.term { color: #1f3f7a; }
p.edited { color: #7a4b00; font-size: 9pt; }
p.disc { color: #555; font-size: 9pt; font-style: italic; }
"""


def _runs(p: Paragraph) -> str:
    out = []
    for r in p.runs:
        t = escape(r.text)
        if r.bold:
            t = f"<b>{t}</b>"
        if r.italic:
            t = f"<i>{t}</i>"
        if r.term:
            t = f'<span class="term">{t}</span>'
        out.append(t)
    return "".join(out)


def to_html(doc: Document, highlight_clause: str | None = None) -> str:
    h = [f"<html><head><style>{CSS}</style></head><body>",
         f'<p class="disc">{escape(doc.header)}</p>',
         f'<p class="num">{escape(doc.caption)}</p>',
         f"<h1>{escape(doc.title)}</h1>"]
    h += [f'<p class="recital">{_runs(p)}</p>' for p in doc.recitals]
    h.append(f'<p class="enact">{escape(doc.enacting)}</p>')
    for s in doc.sections:
        anchor = f' id="{escape(s.clause_id)}"' if s.clause_id else ""
        bg = ' style="background-color:#fff6d5"' if (
            highlight_clause and s.clause_id == highlight_clause) else ""
        # a bold paragraph, not <h2>: Qt's rich text ignores font-size on headings
        style = "font-weight:bold; margin-top:12px" + (
            "; background-color:#fff6d5" if bg else "")
        h.append(f'<a name="sec{s.number}"></a><p{anchor} style="{style}">'
                 f"{s.label} {escape(s.heading)}.</p>")
        if s.edited:
            h.append('<p class="edited">(wording edited in this draft)</p>')
        for p in s.paragraphs:
            if p.number:
                h.append(f'<p class="sub">{p.number} {_runs(p)}</p>')
            else:
                h.append(f"<p>{_runs(p)}</p>")
    for p in doc.signature:
        if p.kind == "sign":
            label = f"{escape(p.label)}<br>" if p.label else ""
            h.append(f"<p>{label}<br>______________________________<br>{_runs(p)}</p>")
        else:
            h.append(f"<p>{_runs(p)}</p>")
    h.append(f'<p class="disc">{escape(doc.disclaimer)}</p></body></html>')
    return "\n".join(h)
