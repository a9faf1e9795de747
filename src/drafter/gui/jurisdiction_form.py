"""The jurisdiction and ordinance form.

Typing is debounced (150 ms): the form then compares its values with the draft and, if they
differ, emits one `fields_edited` request the main window turns into an undoable command;
the workspace re-assembles and re-checks once. Choices (kind, state, check boxes) apply at
once. Undo reloads the form from the draft, touching only widgets whose value differs so the
cursor never jumps while the user types.

Signals:
    fields_edited(object, object, str, str): old Fields, new Fields, undo label, merge key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from drafter.gui.date_field import DateField
from drafter.gui.style import muted_hex
from drafter.vocab import AGENCY_LABELS, KIND_WORDS, KINDS, STATES

if TYPE_CHECKING:
    from drafter.gui.workspace import Fields, Workspace

DEBOUNCE_MS = 150
BODY_SUGGESTIONS = ("City Council", "Board of Supervisors", "Board of Commissioners",
                    "County Commission", "Town Board", "Board of Trustees",
                    "Board of Aldermen", "Metropolitan Council")

# Form labels with access keys. The window has only so many letters: the menus and pane
# captions take F E V X H L O P K, and q and z occur in no label, so the fields take the
# rest and the check boxes below them are reached with Tab.
AGENCY_KEYS = {"police": "Poli&ce department", "jail": "Sheriff's office / &jail",
               "probation": "Pro&bation department"}

LABELS = {
    "jurisdiction.name": "jurisdiction name", "jurisdiction.kind": "jurisdiction kind",
    "jurisdiction.state": "state", "jurisdiction.formal_name": "formal name",
    "jurisdiction.governing_body": "governing body", "jurisdiction.agencies": "agencies",
    "ordinance.number": "ordinance number", "ordinance.title": "ordinance title",
    "ordinance.short_title": "short title", "ordinance.sponsor": "sponsor",
    "ordinance.introduced": "introduction date", "ordinance.draft_date": "draft date",
    "ordinance.effective": "effective date", "export.line_numbers": "line numbering",
    "export.savings_clause": "savings clause", "export.template": "Word template",
    "ordinance.code_chapter": "code chapter", "ordinance.meeting_date": "meeting date",
    "ordinance.agenda_item": "agenda item", "ordinance.department": "department",
    "ordinance.prepared_by": "prepared by", "ordinance.reviewed_by": "reviewed by",
}


def _line(parent: QWidget, name: str, placeholder: str = "") -> QLineEdit:
    w = QLineEdit(parent)
    w.setAccessibleName(name)
    if placeholder:
        w.setPlaceholderText(placeholder)
    return w


class JurisdictionForm(QScrollArea):
    fields_edited = Signal(object, object, str, str)

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)

        inner = QWidget(self)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(inner)
        outer.setContentsMargins(2, 2, 8, 2)

        # --- jurisdiction ---
        g = QGroupBox("Jurisdiction", inner)
        f = QFormLayout(g)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = _line(g, "Jurisdiction name", "e.g. Springfield")
        self.kind = QComboBox(g)
        self.kind.setAccessibleName("Kind of jurisdiction")
        for k in KINDS:
            self.kind.addItem(KIND_WORDS[k], k)
        self.state = QComboBox(g)
        self.state.setAccessibleName("State")
        self.state.addItem("Choose a state…", "")
        for code, name in sorted(STATES.items(), key=lambda kv: kv[1]):
            self.state.addItem(f"{name} ({code})", code)
        self.formal = _line(g, "Formal name")
        self.body = QComboBox(g)
        self.body.setEditable(True)
        self.body.addItems(BODY_SUGGESTIONS)
        self.body.setAccessibleName("Governing body")
        self.body.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.agencies: dict[str, QLineEdit] = {}
        f.addRow(self._label("&Name:", self.name), self.name)
        f.addRow(self._label("Kin&d:", self.kind), self.kind)
        f.addRow(self._label("&State:", self.state), self.state)
        f.addRow(self._label("Formal na&me:", self.formal), self.formal)
        f.addRow(self._label("Governing bod&y:", self.body), self.body)
        for key in ("police", "jail", "probation"):
            w = _line(g, AGENCY_LABELS[key], "none — leave empty if there is none")
            self.agencies[key] = w
            f.addRow(self._label(AGENCY_KEYS[key] + ":", w), w)
        hint = QLabel("Clauses that direct an agency need its name here; leave an agency "
                      "empty if the jurisdiction has none.", g)
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {muted_hex()};")
        f.addRow(hint)
        outer.addWidget(g)

        # --- ordinance ---
        g = QGroupBox("Ordinance", inner)
        f = QFormLayout(g)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.number = _line(g, "Ordinance number", "e.g. O-2026-14")
        self.short_title = _line(g, "Short title", "e.g. Springfield Welcoming City Ordinance")
        self.title = _line(g, "Long title", "generated from the chosen protections")
        self.sponsor = _line(g, "Sponsor", "e.g. Council Member Ada Ruiz")
        self.introduced = DateField("Introduction date", g)
        self.draft_date = DateField("Draft date", g)
        self.effective = _line(g, "Effective date",
                               "thirty days after its final passage (or a date: 2027-01-01)")
        f.addRow(self._label("N&umber:", self.number), self.number)
        f.addRow(self._label("Short &title:", self.short_title), self.short_title)
        f.addRow(self._label("Lon&g title:", self.title), self.title)
        f.addRow(self._label("Sponso&r:", self.sponsor), self.sponsor)
        f.addRow(self._label("&Introduced:", self.introduced.check), self.introduced)
        f.addRow(self._label("Dr&aft date:", self.draft_date.check), self.draft_date)
        f.addRow(self._label("Effective &when:", self.effective), self.effective)
        outer.addWidget(g)

        # --- meeting and code: set in a dialog (no access keys left for six more rows) ---
        g = QGroupBox("Meeting and code", inner)
        row = QHBoxLayout(g)
        self.meeting_summary = QLabel(g)
        self.meeting_summary.setWordWrap(True)
        self.meeting_summary.setAccessibleName("Meeting and code details")
        self.meeting_button = QToolButton(g)
        self.meeting_button.setText("Details…")
        self.meeting_button.setAccessibleName("Edit the meeting and code details")
        self.meeting_button.setToolTip("The code chapter (adds a codification section) and "
                                       "the staff report's meeting date, agenda item, "
                                       "department and authors")
        self.meeting_button.clicked.connect(self.edit_meeting)
        row.addWidget(self.meeting_summary, 1)
        row.addWidget(self.meeting_button)
        outer.addWidget(g)

        # --- export ---
        g = QGroupBox("Word export", inner)
        f = QFormLayout(g)
        self.line_numbers = QCheckBox("Number the lines in the left margin", g)
        self.savings = QCheckBox("Add the federal-law savings clause when needed", g)
        self.savings.setToolTip("When a clause limits sharing of immigration-status "
                                "information, add a section preserving what 8 U.S.C. § 1373 "
                                "and § 1644 protect. Recommended.")
        self.template = _line(g, "Word template", "Drafter's default styles")
        self.template.setReadOnly(True)
        browse = QToolButton(g)
        browse.setText("Choose…")
        browse.setAccessibleName("Choose a Word template")
        browse.clicked.connect(self._choose_template)
        clear = QToolButton(g)
        clear.setText("Default")
        clear.setAccessibleName("Use Drafter's default styles")
        clear.clicked.connect(lambda: self._set_template(None))
        row = QHBoxLayout()
        row.addWidget(self.template, 1)
        row.addWidget(browse)
        row.addWidget(clear)
        f.addRow(self.line_numbers)
        f.addRow(self.savings)
        f.addRow("House template:", row)
        outer.addWidget(g)
        outer.addStretch(1)
        self._template_value: str | None = None

        for w in (self.name, self.formal, self.number, self.short_title, self.title,
                  self.sponsor, self.effective, *self.agencies.values()):
            w.textEdited.connect(self._schedule)
        self.body.editTextChanged.connect(self._schedule)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.state.currentIndexChanged.connect(self._on_state_changed)
        for d in (self.introduced, self.draft_date):
            d.changed.connect(self._apply_now)
        self.line_numbers.toggled.connect(self._apply_now)
        self.savings.toggled.connect(self._apply_now)
        self._kind = KINDS[0]
        self._default_body = ""
        self.load()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        lab = QLabel(text)
        lab.setBuddy(buddy)
        return lab

    # --- draft -> form -----------------------------------------------------------------

    def load(self) -> None:
        """Show the draft's values (after open, undo, redo)."""
        self._timer.stop()
        self._loading = True
        try:
            d = self.ws.draft
            j, o, e = d.jurisdiction, d.ordinance, d.export
            _set_text(self.name, j.name)
            _set_combo(self.kind, j.kind)
            self._kind = j.kind
            _set_combo(self.state, j.state)
            from drafter.ordinance.localgov import default_body, local_government

            self._default_body = default_body(j.state, j.kind)
            self.formal.setPlaceholderText(
                f"default: {local_government(j).place.formal if j.name else '…'}")
            _set_text(self.formal, j.formal_name)
            body = j.governing_body or self._default_body
            if self.body.currentText() != body:
                self.body.setEditText(body)
            for key, w in self.agencies.items():
                _set_text(w, j.agencies.get(key) or "")
            _set_text(self.number, o.number)
            _set_text(self.short_title, o.short_title)
            _set_text(self.title, o.title)
            _set_text(self.sponsor, o.sponsor)
            self.introduced.set_value(o.introduced)
            self.draft_date.set_value(o.draft_date)
            _set_text(self.effective, o.effective)
            from drafter.gui.meeting_dialog import summary

            self.meeting_summary.setText(summary(o))
            _set_check(self.line_numbers, e.line_numbers)
            _set_check(self.savings, e.savings_clause)
            self._template_value = e.template
            _set_text(self.template, e.template or "")
        finally:
            self._loading = False

    # --- form -> draft -----------------------------------------------------------------

    def values(self) -> Fields:
        f = self.ws.fields()
        j, o, e = f.jurisdiction, f.ordinance, f.export
        j.name = self.name.text().strip()
        j.kind = self.kind.currentData()
        j.state = self.state.currentData()
        j.formal_name = self.formal.text().strip()
        body = self.body.currentText().strip()
        if body != j.body:  # the form shows the effective body; keep "default" as stored
            j.governing_body = body
        j.agencies = {k: (w.text().strip() or None) for k, w in self.agencies.items()}
        o.number = self.number.text().strip()
        o.short_title = self.short_title.text().strip()
        o.title = self.title.text().strip()
        o.sponsor = self.sponsor.text().strip()
        o.introduced = self.introduced.value()
        o.draft_date = self.draft_date.value()
        o.effective = self.effective.text().strip()
        e.line_numbers = self.line_numbers.isChecked()
        e.savings_clause = self.savings.isChecked()
        e.template = self._template_value
        return f

    def flush(self) -> None:
        """Apply pending edits now (the debounce timer, or before undo/save/export)."""
        self._timer.stop()
        if self._loading:
            return
        old = self.ws.fields()
        new = self.values()
        changed = _changed_keys(old, new)
        if not changed:
            return
        key = changed[0] if len(changed) == 1 else "+".join(changed)
        label = "Edit " + (LABELS.get(changed[0], changed[0]) if len(changed) == 1
                           else "jurisdiction details")
        self.fields_edited.emit(old, new, label, key)

    def edit_meeting(self) -> None:
        """The meeting and code dialog; OK applies its values as one undoable edit."""
        from drafter.gui.meeting_dialog import MeetingDialog

        self.flush()
        dialog = MeetingDialog(self.ws.draft.ordinance, self)
        if dialog.exec() != MeetingDialog.DialogCode.Accepted:
            return
        old = self.ws.fields()
        new = old.copy()
        dialog.apply_to(new.ordinance)
        changed = _changed_keys(old, new)
        if changed:
            self.fields_edited.emit(old, new, "Edit meeting and code details",
                                    "+".join(changed))

    def _schedule(self, *_args: object) -> None:
        if not self._loading:
            self._timer.start()

    def _apply_now(self, *_args: object) -> None:
        if not self._loading:
            self.flush()

    def _on_kind_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._follow_default_body()
        self.flush()

    def _on_state_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._follow_default_body()
        self.flush()

    def _follow_default_body(self) -> None:
        """A body the user left at its default follows the state and kind (a Texas county
        has a Commissioners Court); one the user typed is kept."""
        from drafter.ordinance.localgov import default_body

        new_kind, state = self.kind.currentData(), self.state.currentData() or ""
        body = self.body.currentText().strip()
        if not body or body == self._default_body:
            self._default_body = default_body(state, new_kind)
            self._loading = True
            self.body.setEditText(self._default_body)
            self._loading = False
        self._kind = new_kind

    def _choose_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a Word template", "",
                                              "Word documents and templates (*.docx *.dotx)")
        if path:
            self._set_template(path)

    def _set_template(self, path: str | None) -> None:
        self._template_value = path
        self.template.setText(path or "")
        self.flush()


def _set_text(w: QLineEdit, value: str) -> None:
    if w.text() != value:
        w.setText(value)


def _set_combo(w: QComboBox, data: str) -> None:
    i = w.findData(data)
    if i >= 0 and i != w.currentIndex():
        w.setCurrentIndex(i)


def _set_check(w: QCheckBox, value: bool) -> None:
    if w.isChecked() != value:
        w.setChecked(value)


def _changed_keys(old: Fields, new: Fields) -> list[str]:
    out = []
    for part in ("jurisdiction", "ordinance", "export"):
        a, b = getattr(old, part), getattr(new, part)
        for name in vars(a):
            va, vb = getattr(a, name), getattr(b, name)
            if name == "agencies":
                va = {k: v for k, v in va.items() if v}
                vb = {k: v for k, v in vb.items() if v}
            if va != vb:
                out.append(f"{part}.{name}")
    return out
