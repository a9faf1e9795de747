"""The review before an export: every blocked and at-risk clause with its reason, and, for
a blocked one, an explicit choice to export it anyway (the CLI's `--allow-blocked`).

A clerk-ready Word file with a clause state law forbids can cost the sponsor real
standing; the app never writes one without the user having said so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from drafter.gui.style import badge_html, escape, verdict_label
from drafter.gui.verdict_card import plain_for, split_message

if TYPE_CHECKING:
    from drafter.gui.workspace import Workspace


@dataclass
class Flagged:
    clause: str
    title: str
    verdict: str
    reason: str
    todo: str


def flagged_clauses(ws: Workspace) -> list[Flagged]:
    """Blocked, then at-risk clauses of the draft, each by its decisive finding."""
    report = ws.analysis.report
    if report is None:
        return []
    plain = plain_for(ws.library, ws.checks.lawbook)
    out = []
    for cid in report.clause_ids:
        if not report.for_clause(cid):
            continue
        top = report.decisive(cid)
        if top.verdict not in ("blocked", "at_risk"):
            continue
        parts = split_message(top, plain)
        c = ws.library.clauses.get(cid)
        out.append(Flagged(cid, c.title if c is not None else cid, top.verdict, parts.head,
                           parts.todo))
    out.sort(key=lambda f: f.verdict != "blocked")
    return out


class ExportReview(QDialog):
    def __init__(self, flagged: list[Flagged], what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Review before exporting the {what}")
        self.flagged = flagged
        blocked = sum(1 for f in flagged if f.verdict == "blocked")
        risky = len(flagged) - blocked
        bits = []
        if blocked:
            bits.append(f"{blocked} clause{'s' if blocked != 1 else ''} blocked by state law")
        if risky:
            bits.append(f"{risky} at risk")
        intro = QLabel(f"<b>This draft has {' and '.join(bits)}.</b> Read why before you "
                       f"export the {escape(what)}.", self)
        intro.setWordWrap(True)
        body = QWidget(self)
        blay = QVBoxLayout(body)
        self.rows: list[QLabel] = []
        for f in flagged:
            lab = QLabel(f"<p>{badge_html(f.verdict, verdict_label(f.verdict))} "
                         f"<b>{escape(f.title)}</b><br>{escape(f.reason)}"
                         + (f"<br><i>What to do:</i> {escape(f.todo)}" if f.todo else "")
                         + "</p>", body)
            lab.setWordWrap(True)
            lab.setTextFormat(Qt.TextFormat.RichText)
            blay.addWidget(lab)
            self.rows.append(lab)
        blay.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        self.allow = QCheckBox("Export &anyway, with the blocked clauses (for example, to show "
                               "counsel or to adopt as a non-binding resolution)", self)
        self.allow.setVisible(blocked > 0)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("&Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("&Go Back", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.export_button.setEnabled(blocked == 0)
        self.allow.toggled.connect(lambda on: self.export_button.setEnabled(on or not blocked))
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(scroll, 1)
        lay.addWidget(self.allow)
        lay.addWidget(self.buttons)
        self.resize(620, 420)


def review_before_export(ws: Workspace, parent: QWidget | None, what: str) -> bool:
    """True to go on with the export: nothing flagged, or the user read the review and
    (for blocked clauses) chose to export them anyway."""
    flagged = flagged_clauses(ws)
    if not flagged:
        return True
    dialog = ExportReview(flagged, what, parent)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    blocked = any(f.verdict == "blocked" for f in flagged)
    return ok and (not blocked or dialog.allow.isChecked())


