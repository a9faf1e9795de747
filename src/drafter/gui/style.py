"""Colours, badges and small icons shared by the views, so a verdict looks the same in the
library, the outline, the check panel, the comparison and the status bar."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap

from drafter.vocab import STRENGTHS, VERDICT_LABELS

# verdict -> (foreground, background)
VERDICT_COLORS: dict[str, tuple[str, str]] = {
    "blocked": ("#a4161a", "#fbe4e4"),
    "at_risk": ("#8a5300", "#fff1d0"),
    "state_law": ("#1b4f9c", "#e2ecfb"),
    "allowed": ("#1d6b32", "#e3f3e7"),
    "problem": ("#a4161a", "#fbe4e4"),
    "unknown": ("#5f6368", "#eceff1"),
}
SHORT_VERDICT = {"blocked": "Blocked", "at_risk": "At risk", "state_law": "State law",
                 "allowed": "Allowed", "unknown": "Not checked"}
EDITED_COLOR = "#8a5300"
MUTED = "#5f6368"


def escape(text: str) -> str:
    """HTML-escape text for rich-text labels (what html.escape does, without importing it
    at start-up)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


def verdict_label(verdict: str | None) -> str:
    return VERDICT_LABELS.get(verdict or "", "Not checked")


def short_verdict(verdict: str | None) -> str:
    return SHORT_VERDICT.get(verdict or "unknown", "Not checked")


def verdict_colors(verdict: str | None) -> tuple[str, str]:
    return VERDICT_COLORS.get(verdict or "unknown", VERDICT_COLORS["unknown"])


def strength_dots(strength: str) -> str:
    """●●●○ style meter: strongest = 4 filled."""
    n = len(STRENGTHS) - STRENGTHS.index(strength) if strength in STRENGTHS else 0
    return "●" * n + "○" * (len(STRENGTHS) - n)


def badge_html(verdict: str | None, text: str | None = None) -> str:
    fg, bg = verdict_colors(verdict)
    label = text or short_verdict(verdict)
    return (f'<span style="color:{fg}; background-color:{bg}; font-weight:600;">'
            f"&nbsp;{label}&nbsp;</span>")


@cache
def dot_icon(verdict: str | None, size: int = 12) -> QIcon:
    """A filled circle in the verdict's colour (drawn at 1x and 2x for high-DPI)."""
    fg, _ = verdict_colors(verdict)
    icon = QIcon()
    for scale in (1, 2):
        pm = QPixmap(size * scale, size * scale)
        pm.setDevicePixelRatio(scale)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(fg))
        p.drawEllipse(QRectF(1.5, 1.5, size - 3, size - 3))
        p.end()
        icon.addPixmap(pm)
    return icon


# --- colours from the palette (a dark desktop theme must stay readable) ----------------


def palette_hex(role: QPalette.ColorRole) -> str:
    """A colour of the application's current palette, for rich text and style sheets
    (built when shown, so a dark theme gets its own colours)."""
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.palette().color(role).name()


def is_dark() -> bool:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128


def muted_hex() -> str:
    """Secondary text: the palette's placeholder colour (readable on its own base)."""
    return palette_hex(QPalette.ColorRole.PlaceholderText)


def edited_hex() -> str:
    """The "wording edited" mark: amber, lighter on a dark base."""
    return "#e0a040" if is_dark() else EDITED_COLOR


def mix_hex(a: str, b: str, t: float) -> str:
    """`a` blended towards `b` by `t` (0..1)."""
    ca, cb = QColor(a), QColor(b)
    return QColor(round(ca.red() + (cb.red() - ca.red()) * t),
                  round(ca.green() + (cb.green() - ca.green()) * t),
                  round(ca.blue() + (cb.blue() - ca.blue()) * t)).name()
