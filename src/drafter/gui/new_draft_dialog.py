"""File → New: a wizard that asks, in order, the place's name, its kind of government, its
state and agencies, then proposes per protection the strongest option the state does not
block (`check.proposal.propose`, as `drafter new` does), for the user to untick or change.

A newcomer gets a draft that assembles and checks at once, with nothing blocked in it
unless they choose so, and is told which protections were left out and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from drafter.gui.style import short_verdict, verdict_label
from drafter.load.draft import ChosenClause, Jurisdiction, new_draft
from drafter.vocab import AGENCIES, AGENCY_LABELS, KIND_WORDS, KINDS, STATES, STRENGTHS

if TYPE_CHECKING:
    from drafter.load.draft import Draft
    from drafter.load.library import Clause, Library

CLAUSE_ROLE = Qt.ItemDataRole.UserRole + 1


def starting_clauses(library: Library, draft: Draft, strength: str) -> list[str]:
    """One option per protection nearest to `strength` among those that fit the kind and
    agencies (used where no law data is loaded, so no verdict can be asked)."""
    from drafter.ordinance.localgov import clause_kind

    j = draft.jurisdiction
    kind = clause_kind(j.state, j.kind)
    want = STRENGTHS.index(strength)
    out = []
    for pid in library.protections:
        opts = [c for c in library.options(pid)
                if (not c.kinds or kind in c.kinds) and all(j.agency(a) for a in c.agencies)]
        if opts:
            best = min(opts, key=lambda c: (abs(c.strength_rank - want), c.strength_rank))
            out.append(best.id)
    return out


@dataclass
class Row:
    """One protection on the review page: its fitting options with their verdicts."""

    protection: str
    title: str
    options: list[tuple[Clause, str | None]]   # (option, verdict)
    chosen: str | None                          # proposed option id, None = left out


def review_rows(draft: Draft, library: Library, lawbook: Any | None
                ) -> tuple[list[Row], list[str]]:
    """The review page's rows and the notes on what was left out. With law data the
    proposal is the engine's (`propose`: strongest not blocked); without, the strongest
    option that fits."""
    from drafter.check.proposal import _fits, propose

    pids = [p for p in library.protections if library.options(p)]
    verdicts: dict[str, str | None] = {}
    if lawbook is not None:
        from drafter.check.engine import clause_verdict, decisive

        j = draft.jurisdiction
        proposal = propose(draft, library, lawbook, pids, "strongest")
        chosen = {c.protection: c.id for c in proposal.chosen}
        notes = proposal.notes(library)
        for pid in pids:
            for c in library.options(pid):
                if _fits(c, draft):
                    top = decisive(clause_verdict(c, j.state, lawbook, kind=j.kind,
                                                  savings_clause=draft.export.savings_clause))
                    verdicts[c.id] = top.verdict if top is not None else "allowed"
    else:
        ids = starting_clauses(library, draft, "strongest")
        chosen = {library.clauses[i].protection: i for i in ids}
        notes = ["State law data is not loaded: no option was checked against state law."]
    rows = []
    for pid in pids:
        fitting = [c for c in library.options(pid) if _fits(c, draft)]
        if not fitting:
            continue
        rows.append(Row(pid, library.protections[pid].title,
                        [(c, verdicts.get(c.id)) for c in fitting], chosen.get(pid)))
    return rows, notes


class PlacePage(QWizardPage):
    """Name, kind of government, state (no default: typed to find)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("Your city or county")
        self.setSubTitle("Which local government is this ordinance for?")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("e.g. Alachua, Kalamazoo, Travis")
        self.name.setAccessibleName("Name of the place")
        name_hint = QLabel("Type the place's own name only; don't type “City of” or "
                           "“County” — Drafter adds the right form for your state.", self)
        name_hint.setWordWrap(True)
        name_hint.setEnabled(False)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of government")
        self.state = QComboBox(self)
        self.state.setEditable(True)
        self.state.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.state.setAccessibleName("State")
        for code, sname in sorted(STATES.items(), key=lambda kv: kv[1]):
            self.state.addItem(f"{sname} ({code})", code)
        self.state.setCurrentIndex(-1)
        line = self.state.lineEdit()
        if line is not None:
            line.setPlaceholderText("Type to find your state")
        completer = QCompleter(self.state.model(), self.state)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.state.setCompleter(completer)
        self.kind_note = QLabel(self)
        self.kind_note.setWordWrap(True)
        self.kind_note.setEnabled(False)
        form = QFormLayout(self)
        for text, w in (("&Name:", self.name), ("", name_hint), ("&Kind of government:",
                                                                   self.kind),
                        ("&State:", self.state), ("", self.kind_note)):
            if text:
                lab = QLabel(text, self)
                lab.setBuddy(w)
                form.addRow(lab, w)
            else:
                form.addRow("", w)
        self.name.textChanged.connect(self.completeChanged)
        self.state.currentIndexChanged.connect(self._state_changed)
        self.state.editTextChanged.connect(lambda _t: self.completeChanged.emit())
        self.kind.currentIndexChanged.connect(self.completeChanged)
        self._fill_kinds(KINDS)

    def _fill_kinds(self, kinds: tuple[str, ...]) -> None:
        keep = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        for k in kinds:
            self.kind.addItem(KIND_WORDS[k], k)
        i = self.kind.findData(keep)
        self.kind.setCurrentIndex(i if i >= 0 else 0)
        self.kind.blockSignals(False)

    def state_code(self) -> str | None:
        """The chosen state, also when its name was typed and not picked."""
        text = self.state.currentText().strip().lower()
        if self.state.currentIndex() >= 0 and \
                self.state.itemText(self.state.currentIndex()).lower() == text:
            return self.state.currentData()
        for code, sname in STATES.items():
            if text in (code.lower(), sname.lower(), f"{sname} ({code})".lower()):
                return code
        return None

    def _state_changed(self) -> None:
        from drafter.ordinance.localgov import kinds_in

        code = self.state_code()
        if code:
            kinds = kinds_in(code)
            self._fill_kinds(kinds)
            words = ", ".join(KIND_WORDS[k].lower() for k in kinds)
            self.kind_note.setText(f"Kinds of local government in {STATES[code]}: {words}.")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt override)
        return bool(self.name.text().strip()) and self.state_code() is not None and \
            self.kind.currentIndex() >= 0

    def validatePage(self) -> bool:  # noqa: N802 (Qt override)
        self._state_changed()  # a typed state name refilters the kinds before going on
        return self.isComplete()


class AgenciesPage(QWizardPage):
    """Which agencies exist, prefilled from the jurisdiction profiles."""

    def __init__(self, place: PlacePage, parent: QWidget | None = None):
        super().__init__(parent)
        self.place = place
        self.setTitle("Agencies")
        self.setSubTitle("Which of these agencies does your government run? Clauses that "
                         "direct an agency need its name.")
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for i, key in enumerate(AGENCIES):
            edit = QLineEdit(self)
            edit.setAccessibleName(AGENCY_LABELS[key])
            edit.setPlaceholderText("None (leave empty if there is no such agency)")
            lab = QLabel(f"&{i + 1} {AGENCY_LABELS[key]}:", self)
            lab.setBuddy(edit)
            form.addRow(lab, edit)
            self.fields[key] = edit
        self.note = QLabel("These names are a starting point from what is usual for this "
                           "kind of government in your state: please check them. Empty a "
                           "field if your government has no such agency (for example, "
                           "where the state runs the jail).", self)
        self.note.setWordWrap(True)
        form.addRow(self.note)

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        from drafter.ordinance.localgov import default_agencies

        p = self.place
        found = default_agencies(p.name.text().strip(), p.kind.currentData(),
                                 p.state_code() or "")
        for key, edit in self.fields.items():
            edit.setText(found.get(key) or "")

    def agencies(self) -> dict[str, str | None]:
        return {k: (e.text().strip() or None) for k, e in self.fields.items()}


class ReviewPage(QWizardPage):
    """Per protection the proposed option, which the user can untick or change."""

    def __init__(self, wizard: NewDraftDialog, parent: QWidget | None = None):
        super().__init__(parent)
        self.wiz = wizard
        self.setTitle("Protections to start with")
        self.setSubTitle("For each protection, the strongest option your state's law does "
                         "not block. Untick one to leave it out, or pick another option.")
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Protection", "Option", "Verdict"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Proposed protections")
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.header().resizeSection(0, self.fontMetrics().horizontalAdvance("M") * 22)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName("Protections left out")
        lay = QVBoxLayout(self)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.notes)
        self.combos: dict[str, QComboBox] = {}
        self.rows: list[Row] = []

    def initializePage(self) -> None:  # noqa: N802 (Qt override)
        draft = self.wiz.base_draft()
        if self.wiz.library is None:
            return
        self.rows, notes = review_rows(draft, self.wiz.library, self.wiz.lawbook)
        self.tree.clear()
        self.combos.clear()
        for row in self.rows:
            item = QTreeWidgetItem([row.title, "", ""])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if row.chosen
                               else Qt.CheckState.Unchecked)
            item.setData(0, CLAUSE_ROLE, row.protection)
            self.tree.addTopLevelItem(item)
            combo = QComboBox(self.tree)
            combo.setAccessibleName(f"Option for {row.title}")
            item.setToolTip(0, row.title)
            for c, verdict in row.options:
                combo.addItem(f"{c.title} ({c.strength}; {short_verdict(verdict).lower()})",
                              c.id)
                combo.setItemData(combo.count() - 1, verdict_label(verdict),
                                  Qt.ItemDataRole.ToolTipRole)
            pick = row.chosen or row.options[0][0].id
            combo.setCurrentIndex(combo.findData(pick))
            combo.setToolTip(combo.currentText())
            combo.currentIndexChanged.connect(lambda _i, it=item, r=row, cb=combo:
                                              self._changed(it, r, cb))
            self.tree.setItemWidget(item, 1, combo)
            self.combos[row.protection] = combo
            self._changed(item, row, combo)
        self.notes.setText("<b>Left out:</b><br>" + "<br>".join(_escape(n) for n in notes)
                           if notes else "")
        self.notes.setVisible(bool(notes))

    def _changed(self, item: QTreeWidgetItem, row: Row, combo: QComboBox) -> None:
        cid = combo.currentData()
        verdict = dict((c.id, v) for c, v in row.options).get(cid)
        combo.setToolTip(combo.currentText())
        item.setText(2, short_verdict(verdict))
        item.setToolTip(2, verdict_label(verdict))

    def chosen_ids(self) -> list[str]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.checkState(0) == Qt.CheckState.Checked:
                out.append(self.combos[item.data(0, CLAUSE_ROLE)].currentData())
        return out

    def set_checked(self, protection: str, on: bool) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.data(0, CLAUSE_ROLE) == protection:
                item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def _escape(text: str) -> str:
    from drafter.gui.style import escape

    return escape(text)


class NewDraftDialog(QWizard):
    def __init__(self, parent: QWidget | None = None, library: Library | None = None,
                 lawbook: Any | None = None):
        super().__init__(parent)
        self.setWindowTitle("New Draft")
        self.library = library
        self.lawbook = lawbook
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.place = PlacePage(self)
        self.agencies_page = AgenciesPage(self.place, self)
        self.review = ReviewPage(self, self)
        self.addPage(self.place)
        self.addPage(self.agencies_page)
        if library is not None:
            self.addPage(self.review)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.resize(720, 520)

    # shortcuts the tests and the file controller use
    @property
    def name(self) -> QLineEdit:
        return self.place.name

    @property
    def kind(self) -> QComboBox:
        return self.place.kind

    @property
    def state(self) -> QComboBox:
        return self.place.state

    def base_draft(self) -> Draft:
        """The draft from the first two pages, without clauses."""
        p = self.place
        d = new_draft(p.name.text().strip(), p.kind.currentData(), p.state_code() or "")
        j: Jurisdiction = d.jurisdiction
        if self.agencies_page.fields:
            j.agencies = self.agencies_page.agencies()
        return d

    def draft(self, library: Library | None = None) -> Draft:
        d = self.base_draft()
        if self.library is not None:
            if not self.review.rows:
                self.review.initializePage()
            d.clauses = [ChosenClause(c) for c in self.review.chosen_ids()]
        return d
