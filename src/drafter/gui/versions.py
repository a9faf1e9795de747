"""Every save keeps a version of the draft in the app's data folder, so "Redline against
an earlier version" offers a list instead of asking for a copy saved by hand.

    <state dir>/versions/<hash of the draft's path>/<UTC time>.yaml

Kept out of the draft's own folder (a council's shared drive stays tidy), bounded per
draft, and a save that changed nothing keeps no new version.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drafter.gui.paths import state_dir

logger = logging.getLogger(__name__)

MAX_VERSIONS = 50
_STAMP = "%Y%m%dT%H%M%S%f"


@dataclass(frozen=True)
class Version:
    path: Path
    saved: dt.datetime  # local time

    def label(self) -> str:
        return f"Saved {self.saved:%Y-%m-%d %H:%M:%S}"


def versions_dir(draft_path: Path) -> Path:
    key = hashlib.sha256(str(Path(draft_path).resolve()).encode("utf-8")).hexdigest()[:20]
    return state_dir() / "versions" / key


def list_versions(draft_path: Path) -> list[Version]:
    """The kept versions of a draft, newest first."""
    folder = versions_dir(draft_path)
    out = []
    for f in folder.glob("*.yaml") if folder.is_dir() else []:
        try:
            when = dt.datetime.strptime(f.stem, _STAMP).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
        out.append(Version(f, when.astimezone().replace(tzinfo=None)))
    out.sort(key=lambda v: v.path.name, reverse=True)
    return out


def keep_version(draft_path: Path) -> Path | None:
    """Copy the saved draft into its versions folder (unless it equals the newest kept
    version) and drop the oldest beyond MAX_VERSIONS. Never fails the save: a problem is
    logged."""
    try:
        data = Path(draft_path).read_bytes()
        folder = versions_dir(draft_path)
        folder.mkdir(parents=True, exist_ok=True)
        kept = list_versions(draft_path)
        if kept and kept[0].path.read_bytes() == data:
            return None
        stamp = dt.datetime.now(dt.UTC).strftime(_STAMP)
        target = folder / f"{stamp}.yaml"
        target.write_bytes(data)
        (folder / "draft-path.txt").write_text(str(Path(draft_path).resolve()),
                                               encoding="utf-8")
        for old in list_versions(draft_path)[MAX_VERSIONS:]:
            old.path.unlink(missing_ok=True)
        return target
    except OSError as exc:
        logger.warning("could not keep a version of %s: %s", draft_path, exc)
        return None


class VersionDialog(QDialog):
    """Pick an earlier version, or choose a file instead."""

    CHOOSE_FILE = 2

    def __init__(self, versions: list[Version], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Redline Against an Earlier Version")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Earlier versions")
        for v in versions:
            item = QListWidgetItem(v.label())
            item.setData(Qt.ItemDataRole.UserRole, str(v.path))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _i: self.accept())
        label = QLabel("&Earlier versions of this draft (kept at every save):", self)
        label.setBuddy(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Redline")
        other = buttons.addButton("Choose a &File…", QDialogButtonBox.ButtonRole.ActionRole)
        other.clicked.connect(lambda: self.done(self.CHOOSE_FILE))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        lay.addWidget(self.list, 1)
        lay.addWidget(buttons)
        self.resize(460, 360)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
