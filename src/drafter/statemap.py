"""A tile-grid map of the United States: one square per state and D.C., coloured by the
verdict one clause option gets in each. Advocates ask "where could we pass this?"; a tile
grid answers it without geographic data, reads the same at any size, and gives every
state the same weight (Rhode Island is as legible as Texas).

Qt-free: the app draws the same tiles with QPainter, `drafter map` writes SVG or PNG
(Pillow), and the comparison document embeds `png_bytes` for each option compared.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as xml_escape

from drafter.vocab import STATES

if TYPE_CHECKING:
    from drafter.check.laws import LawBook
    from drafter.load.library import Clause

# (column, row) of each state's square: the common 11 x 8 tile grid (Alaska top left,
# Hawaii bottom left, Maine top right, Florida bottom right).
TILES: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (10, 0),
    "WI": (5, 1), "VT": (9, 1), "NH": (10, 1),
    "WA": (0, 2), "ID": (1, 2), "MT": (2, 2), "ND": (3, 2), "MN": (4, 2), "IL": (5, 2),
    "MI": (6, 2), "NY": (8, 2), "MA": (9, 2),
    "OR": (0, 3), "NV": (1, 3), "WY": (2, 3), "SD": (3, 3), "IA": (4, 3), "IN": (5, 3),
    "OH": (6, 3), "PA": (7, 3), "NJ": (8, 3), "CT": (9, 3), "RI": (10, 3),
    "CA": (0, 4), "UT": (1, 4), "CO": (2, 4), "NE": (3, 4), "MO": (4, 4), "KY": (5, 4),
    "WV": (6, 4), "VA": (7, 4), "MD": (8, 4), "DE": (9, 4),
    "AZ": (1, 5), "NM": (2, 5), "KS": (3, 5), "AR": (4, 5), "TN": (5, 5), "NC": (6, 5),
    "SC": (7, 5), "DC": (8, 5),
    "OK": (3, 6), "LA": (4, 6), "MS": (5, 6), "AL": (6, 6), "GA": (7, 6),
    "HI": (0, 7), "TX": (3, 7), "FL": (8, 7),
}
COLUMNS = 1 + max(c for c, _ in TILES.values())
ROWS = 1 + max(r for _, r in TILES.values())

# Map categories: the four verdicts, plus states where the option does not apply.
CATEGORIES = ("blocked", "at_risk", "allowed", "state_law", "not_applicable", "unknown")
LEGEND = {
    "blocked": "Blocked by state law",
    "at_risk": "At risk",
    "allowed": "Allowed",
    "state_law": "Already state law",
    "not_applicable": "No such government",
    "unknown": "Not checked",
}
# category -> (fill, text). Mid-tone fills with dark or white text: readable on a light
# or a dark page, and distinct for the common forms of colour blindness (red/amber differ
# in lightness; blue and green in hue and lightness).
COLORS: dict[str, tuple[str, str]] = {
    "blocked": ("#c0392b", "#ffffff"),
    "at_risk": ("#f0b429", "#1f1f1f"),
    "allowed": ("#3a9d5d", "#ffffff"),
    "state_law": ("#2f6fbf", "#ffffff"),
    "not_applicable": ("#d5d8dc", "#4a4a4a"),
    "unknown": ("#eceff1", "#4a4a4a"),
}


@dataclass(frozen=True)
class StateResult:
    """One square: the decisive verdict for the option in that state, and why."""

    state: str
    category: str
    summary: str = ""
    message: str = ""


def default_kind(clause: Clause) -> str:
    """The kind a map is drawn for when none is asked: a county where the option is
    written for counties (most are), else its first kind."""
    kinds = list(clause.kinds)
    return "county" if not kinds or "county" in kinds else kinds[0]


def results(clause: Clause, lawbook: LawBook, kind: str | None = None,
            today: dt.date | None = None) -> dict[str, StateResult]:
    """The verdict of `clause` in every state for a government of `kind`."""
    from drafter.check.engine import clause_verdict, decisive
    from drafter.ordinance.localgov import clause_kind, kind_refusal

    kind = kind or default_kind(clause)
    out: dict[str, StateResult] = {}
    for code in TILES:
        refusal = kind_refusal(code, kind)
        if refusal is not None:
            out[code] = StateResult(code, "not_applicable", refusal.split(";")[0] + ".")
            continue
        if clause.kinds and clause_kind(code, kind) not in clause.kinds:
            out[code] = StateResult(code, "not_applicable",
                                    "This option is not written for this kind of government.")
            continue
        if code not in lawbook.states:
            out[code] = StateResult(code, "unknown", "No state law data.")
            continue
        top = decisive(clause_verdict(clause, code, lawbook, today, kind=kind))
        if top is None:
            out[code] = StateResult(code, "allowed", "No state law speaks to this.")
        else:
            out[code] = StateResult(code, top.verdict, top.summary, top.message)
    return out


def counts(res: dict[str, StateResult]) -> dict[str, int]:
    out = {c: 0 for c in CATEGORIES}
    for r in res.values():
        out[r.category] += 1
    return out


# --- drawing -----------------------------------------------------------------------------

TILE = 44
GAP = 4
MARGIN = 12
LEGEND_H = 26


@dataclass(frozen=True)
class Layout:
    """Pixel geometry shared by the SVG and PNG writers (and the app's widget)."""

    tile: int = TILE
    gap: int = GAP
    margin: int = MARGIN
    title_h: int = 44

    def rect(self, code: str) -> tuple[int, int, int, int]:
        col, row = TILES[code]
        step = self.tile + self.gap
        return (self.margin + col * step, self.margin + self.title_h + row * step,
                self.tile, self.tile)

    @property
    def width(self) -> int:
        return 2 * self.margin + COLUMNS * (self.tile + self.gap) - self.gap

    @property
    def grid_bottom(self) -> int:
        return self.margin + self.title_h + ROWS * (self.tile + self.gap) - self.gap

    @property
    def height(self) -> int:
        return self.grid_bottom + self.margin + 2 * LEGEND_H


def _legend_rows(res: dict[str, StateResult]) -> list[tuple[str, str]]:
    n = counts(res)
    return [(c, f"{LEGEND[c]} ({n[c]})") for c in CATEGORIES if n[c]]


def svg(res: dict[str, StateResult], title: str, highlight: str | None = None,
        layout: Layout | None = None) -> str:
    """The map as a standalone SVG document (each square has a <title> tooltip)."""
    lay = layout or Layout()
    head, _, sub = title.partition("\n")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{lay.width}" '
             f'height="{lay.height}" viewBox="0 0 {lay.width} {lay.height}" '
             'font-family="Helvetica, Arial, sans-serif">',
             f'<rect width="{lay.width}" height="{lay.height}" fill="#ffffff"/>',
             f'<text x="{lay.margin}" y="{lay.margin + 14}" font-size="15" '
             f'font-weight="bold" fill="#1f1f1f">{xml_escape(_fit(head, 64))}</text>',
             f'<text x="{lay.margin}" y="{lay.margin + 32}" font-size="12" '
             f'fill="#444444">{xml_escape(sub)}</text>']
    for code in TILES:
        r = res.get(code, StateResult(code, "unknown"))
        fill, ink = COLORS[r.category]
        x, y, w, h = lay.rect(code)
        stroke = (' stroke="#000000" stroke-width="3"' if code == highlight else "")
        tip = f"{STATES[code]}: {LEGEND[r.category]}" + (f" — {r.summary}" if r.summary
                                                          else "")
        parts.append(f'<g><title>{xml_escape(tip)}</title>'
                     f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="3" '
                     f'fill="{fill}"{stroke}/>'
                     f'<text x="{x + w / 2:g}" y="{y + h / 2 + 5:g}" font-size="13" '
                     f'font-weight="bold" text-anchor="middle" fill="{ink}">{code}</text></g>')
    x, y = lay.margin, lay.grid_bottom + lay.margin
    for cat, label in _legend_rows(res):
        fill, _ink = COLORS[cat]
        width = 22 + 7 * len(label)
        if x + width > lay.width - lay.margin:
            x, y = lay.margin, y + LEGEND_H
        parts.append(f'<rect x="{x}" y="{y}" width="14" height="14" rx="2" fill="{fill}" '
                     'stroke="#777777" stroke-width="0.5"/>'
                     f'<text x="{x + 19}" y="{y + 12}" font-size="12" fill="#1f1f1f">'
                     f"{xml_escape(label)}</text>")
        x += width
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _fit(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at a word, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _font(size: int) -> object:
    from PIL import ImageFont

    for name in ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf", "Arial.ttf", "LiberationSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def png_bytes(res: dict[str, StateResult], title: str, highlight: str | None = None,
              scale: int = 2) -> bytes:
    """The map as PNG bytes (drawn at `scale` times the SVG's size, for print)."""
    from PIL import Image, ImageDraw

    lay = Layout(TILE * scale, GAP * scale, MARGIN * scale, 44 * scale)
    legend_h = LEGEND_H * scale
    width, height = lay.width, lay.grid_bottom + lay.margin + 2 * legend_h
    img = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(img)
    title_font, code_font, small = _font(15 * scale), _font(13 * scale), _font(12 * scale)
    head, _, sub = title.partition("\n")
    limit = 80
    while limit > 10 and draw.textlength(_fit(head, limit), font=title_font  # type: ignore[arg-type]
                                         ) > width - 2 * lay.margin:
        limit -= 4
    draw.text((lay.margin, lay.margin), _fit(head, limit), fill="#1f1f1f",
              font=title_font)  # type: ignore[arg-type]
    draw.text((lay.margin, lay.margin + 22 * scale), sub, fill="#444444",
              font=small)  # type: ignore[arg-type]
    for code in TILES:
        r = res.get(code, StateResult(code, "unknown"))
        fill, ink = COLORS[r.category]
        x, y, w, h = lay.rect(code)
        draw.rounded_rectangle((x, y, x + w, y + h), radius=3 * scale, fill=fill,
                               outline="#000000" if code == highlight else None,
                               width=3 * scale if code == highlight else 0)
        draw.text((x + w / 2, y + h / 2), code, fill=ink, font=code_font,  # type: ignore[arg-type]
                  anchor="mm")
    x, y = lay.margin, lay.grid_bottom + lay.margin
    for cat, label in _legend_rows(res):
        fill, _ink = COLORS[cat]
        tw = int(draw.textlength(label, font=small))  # type: ignore[arg-type]
        width_needed = 19 * scale + tw + 14 * scale
        if x + width_needed > width - lay.margin:
            x, y = lay.margin, y + legend_h
        draw.rounded_rectangle((x, y, x + 14 * scale, y + 14 * scale), radius=2 * scale,
                               fill=fill, outline="#777777")
        draw.text((x + 19 * scale, y + 7 * scale), label, fill="#1f1f1f", font=small,  # type: ignore[arg-type]
                  anchor="lm")
        x += width_needed
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def title_for(clause: Clause, kind: str) -> str:
    from drafter.vocab import KIND_WORDS

    return (f"{clause.title}\nVerdict under state law for a "
            f"{KIND_WORDS.get(kind, kind).lower()} government in each state")


def option_png(clause: Clause, lawbook: LawBook, kind: str | None = None,
               today: dt.date | None = None, highlight: str | None = None) -> bytes:
    """PNG bytes of one option's map (what the comparison document embeds)."""
    kind = kind or default_kind(clause)
    return png_bytes(results(clause, lawbook, kind, today), title_for(clause, kind), highlight)


def option_svg(clause: Clause, lawbook: LawBook, kind: str | None = None,
               today: dt.date | None = None, highlight: str | None = None) -> str:
    kind = kind or default_kind(clause)
    return svg(results(clause, lawbook, kind, today), title_for(clause, kind), highlight)
