"""The bar shown after an export: the full path of each file written, with Open and Show
in Folder, so the user finds the file without hunting for it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from drafter.gui.style import escape


def open_url(url: QUrl) -> bool:
    """Open with the desktop (a seam the tests replace)."""
    return QDesktopServices.openUrl(url)


class ExportDoneBar(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDone")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Export finished")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("&Open", self)
        self.open_button.setAccessibleName("Open the exported file")
        self.folder_button = QPushButton("Show in &Folder", self)
        self.close_button = QPushButton("Close", self)
        self.close_button.setAccessibleName("Hide this message")
        self.open_button.clicked.connect(self.open_file)
        self.folder_button.clicked.connect(self.show_folder)
        self.close_button.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 4, 10, 4)
        lay.addWidget(self.label, 1)
        for b in (self.open_button, self.folder_button, self.close_button):
            lay.addWidget(b)
        self.paths: list[Path] = []
        self.hide()

    def show_paths(self, paths: list[Path]) -> None:
        self.paths = [Path(p).resolve() for p in paths]
        lines = "<br>".join(escape(str(p)) for p in self.paths)
        self.label.setText(f"<b>Exported:</b> {lines}")
        self.show()

    def open_file(self) -> bool:
        return bool(self.paths) and open_url(QUrl.fromLocalFile(str(self.paths[0])))

    def show_folder(self) -> bool:
        return bool(self.paths) and open_url(QUrl.fromLocalFile(str(self.paths[0].parent)))
