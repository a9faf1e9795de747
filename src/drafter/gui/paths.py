"""Where the app keeps its own state: settings, recovery files and the log.

`DRAFTER_STATE_DIR` overrides the platform location so tests (and portable installs) never
touch the user's real home folder.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

logger = logging.getLogger(__name__)

ENV_STATE_DIR = "DRAFTER_STATE_DIR"
ORGANIZATION = "Drafter"
APPLICATION = "Drafter"


def state_dir() -> Path:
    """The app's state folder, created on first use."""
    override = os.environ.get(ENV_STATE_DIR)
    if override:
        path = Path(override)
    else:
        loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        path = Path(loc) if loc else Path.home() / ".drafter"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        logger.warning("cannot create state folder %s: %s", path, exc)
    return path


def recovery_dir() -> Path:
    path = state_dir() / "recovery"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        logger.warning("cannot create recovery folder %s: %s", path, exc)
    return path


def settings() -> QSettings:
    """UI state only (geometry, splitters, recent files, hints); never draft content."""
    return QSettings(str(state_dir() / "settings.ini"), QSettings.Format.IniFormat)
