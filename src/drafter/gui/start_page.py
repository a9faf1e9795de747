"""The page shown when no draft is open: start a new draft, open one, reopen a recent one,
or look at an example, named as the place it is for ("Alachua County, Florida").

A newcomer's first screen: every way in is one click, and nothing here needs the clause
library or the law data, so it appears as fast as the window does.

Signals:
    new_requested(): "New draft…".
    open_requested(): "Open…".
    path_requested(str): a recent draft to open.
    example_requested(str): an example to open as a new, untitled draft.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drafter import DISCLAIMER
from drafter.load.resources import data_dir
from drafter.vocab import STATES

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def example_place(path: Path) -> str:
    """The place an example draft is for, as people say it: "Alachua County, Florida",
    "City of Kalamazoo, Michigan". Read from the file; its name is the fallback."""
    from drafter.load.draft import load_draft

    try:
        d = load_draft(path)
        state = STATES.get(d.jurisdiction.state, d.jurisdiction.state)
        return f"{d.jurisdiction.display_name}, {state}"
    except Exception:  # noqa: BLE001 (a broken example still gets a name)
        return example_title(path.stem)


def example_title(stem: str) -> str:
    """"alachua-county-fl" -> "Alachua County, Florida", from the file name alone: for an
    example that cannot be read, and on the start page until the places' own names (which
    need the state profiles) are read after the page is first shown."""
    words = stem.replace("_", "-").split("-")
    if len(words) > 1 and words[-1].upper() in STATES:
        return f"{' '.join(w.capitalize() for w in words[:-1])}, {STATES[words[-1].upper()]}"
    return " ".join(w.capitalize() for w in words)


def example_files() -> list[Path]:
    return sorted(data_dir("examples").glob("*.yaml"))


class StartPage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    path_requested = Signal(str)
    example_requested = Signal(str)

    def __init__(self, recent: list[str], parent: QWidget | None = None,
                 name_examples: bool = True):
        """`name_examples=False`: label the examples from their file names for now and
        call `name_examples()` later (the app's first start, before the state profiles
        are read)."""
        super().__init__(parent)
        self.setObjectName("StartPage")
        title = QLabel("<h1>Drafter</h1><p>Draft a local ordinance that limits entanglement "
                       "with federal civil immigration enforcement, checked against your "
                       "state's law as you go.</p>", self)
        title.setWordWrap(True)
        self.new_button = QPushButton("&New draft…", self)
        self.new_button.setDefault(True)
        self.new_button.setToolTip("Name your city or county, pick its state, and start "
                                   "from the strongest protections your state allows")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QPushButton("&Open…", self)
        self.open_button.setToolTip("Open a draft saved earlier (.yaml)")
        self.open_button.clicked.connect(self.open_requested)

        self.recent = QListWidget(self)
        self.recent.setAccessibleName("Recent drafts")
        for p in recent:
            item = QListWidgetItem(Path(p).name)
            item.setToolTip(p)
            item.setData(PATH_ROLE, p)
            self.recent.addItem(item)
        if not recent:
            none = QListWidgetItem("No recent drafts")
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(none)
        self.recent.itemActivated.connect(self._open_recent)
        self.recent.itemClicked.connect(self._open_recent)

        self.examples = QListWidget(self)
        self.examples.setAccessibleName("Examples")
        for f in example_files():
            item = QListWidgetItem(example_title(f.stem))
            item.setToolTip(f"Open the example draft for this place as a new, untitled "
                            f"draft ({f.name})")
            item.setData(PATH_ROLE, str(f))
            self.examples.addItem(item)
        self.examples.itemActivated.connect(self._open_example)
        self.examples.itemClicked.connect(self._open_example)

        recent_label = QLabel("Open &recent", self)
        recent_label.setBuddy(self.recent)
        examples_label = QLabel("Exa&mples", self)  # Alt+X is the Export menu
        examples_label.setBuddy(self.examples)
        note = QLabel(DISCLAIMER, self)
        note.setWordWrap(True)
        note.setForegroundRole(note.foregroundRole())
        note.setEnabled(False)  # drawn in the palette's disabled (muted) text colour

        grid = QGridLayout()
        grid.addWidget(self.new_button, 0, 0)
        grid.addWidget(self.open_button, 0, 1)
        grid.addWidget(recent_label, 1, 0)
        grid.addWidget(examples_label, 1, 1)
        grid.addWidget(self.recent, 2, 0)
        grid.addWidget(self.examples, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        box = QWidget(self)
        box.setMaximumWidth(760)
        inner = QVBoxLayout(box)
        inner.addWidget(title)
        inner.addLayout(grid)
        inner.addWidget(note)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(2)
        if name_examples:
            self.name_examples()

    def name_examples(self) -> None:
        """Each example as the place names itself ("City of Kalamazoo, Michigan")."""
        for i in range(self.examples.count()):
            item = self.examples.item(i)
            text = example_place(Path(item.data(PATH_ROLE)))
            if item.text() != text:
                item.setText(text)

    def _open_recent(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path:
            self.path_requested.emit(path)

    def _open_example(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path:
            self.example_requested.emit(path)
