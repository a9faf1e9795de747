"""The one place the app tells the user something went wrong, or asks before losing work.

Every message is a short sentence saying what failed, an informative line saying where and
why, and (collapsed) details. Every message is logged in the same call. Core errors
(`DrafterError`) list their problems with file and line; anything unexpected is shown the
same way, with the technical details collapsed, and never as a bare traceback.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import TYPE_CHECKING, Literal

from PySide6.QtWidgets import QApplication

from drafter.errors import DrafterError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

logger = logging.getLogger(__name__)

APP_TITLE = "Drafter"
MAX_INFO_PROBLEMS = 6

Choice = Literal["save", "discard", "cancel"]


def describe(exc: BaseException) -> tuple[str, str]:
    """(informative text, details) for an exception, suitable for a dialog."""
    if isinstance(exc, DrafterError):
        lines = [str(p) for p in exc.problems]
        info = "\n".join(lines[:MAX_INFO_PROBLEMS])
        if len(lines) > MAX_INFO_PROBLEMS:
            info += f"\n… and {len(lines) - MAX_INFO_PROBLEMS} more (see details)"
        return info, "\n".join(lines)
    if isinstance(exc, OSError):
        where = f"\nPath: {exc.filename}" if exc.filename else ""
        return f"Reason: {exc.strerror or exc}{where}", _trace(exc)
    return f"{type(exc).__name__}: {exc}", _trace(exc)


def _trace(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def _exec(box: QMessageBox) -> QMessageBox.StandardButton:
    from PySide6.QtWidgets import QMessageBox

    result = box.exec()
    clicked = box.clickedButton()
    if clicked is not None:
        return box.standardButton(clicked)
    try:
        return QMessageBox.StandardButton(result)
    except ValueError:
        return QMessageBox.StandardButton.Cancel


def show_error(parent: QWidget | None, text: str, info: str = "", details: str = "",
               exc: BaseException | None = None) -> None:
    """Show the error dialog: `text` (what failed), `info` (where/why), collapsed details."""
    if exc is not None:
        e_info, e_details = describe(exc)
        info = f"{info}\n{e_info}".strip() if info else e_info
        details = details or e_details
    from PySide6.QtWidgets import QMessageBox

    if exc is not None and not isinstance(exc, DrafterError | OSError):
        logger.error("%s %s", text, info, exc_info=(type(exc), exc, exc.__traceback__))
    else:
        logger.error("%s %s", text, info.replace("\n", " | "))
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(APP_TITLE)
    box.setText(text)
    if info:
        box.setInformativeText(info)
    if details and details.strip() != info.strip():
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAccessibleName("Error")
    _exec(box)


def show_info(parent: QWidget | None, text: str, info: str = "") -> None:
    from PySide6.QtWidgets import QMessageBox

    logger.info("%s %s", text, info)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(APP_TITLE)
    box.setText(text)
    if info:
        box.setInformativeText(info)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _exec(box)


def ask(parent: QWidget | None, text: str, info: str = "", yes: str = "Yes",
        no: str = "No") -> bool:
    """A yes/no question; the safe answer (no) is the default."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_TITLE)
    box.setText(text)
    if info:
        box.setInformativeText(info)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(yes)
    box.button(QMessageBox.StandardButton.No).setText(no)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return _exec(box) == QMessageBox.StandardButton.Yes


RecoveryChoice = Literal["restore", "delete", "later"]


def ask_restore(parent: QWidget | None, text: str, info: str) -> RecoveryChoice:
    """Restore / Delete / Not Now for a draft left by a crash. Restore is the default (the
    user's work comes back with Enter); Escape and closing the box keep the file."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_TITLE)
    box.setText(text)
    box.setInformativeText(info)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText("Restore")
    box.button(QMessageBox.StandardButton.Discard).setText("Delete")
    box.button(QMessageBox.StandardButton.Cancel).setText("Not Now")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    answer = _exec(box)
    if answer == QMessageBox.StandardButton.Yes:
        return "restore"
    if answer == QMessageBox.StandardButton.Discard:
        return "delete"
    return "later"


def ask_unsaved(parent: QWidget | None, name: str) -> Choice:
    """Save / Don't Save / Cancel before work would be lost."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_TITLE)
    box.setText(f"Save changes to “{name}” before closing?")
    box.setInformativeText("Your changes will be lost if you don't save them.")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Discard).setText("Don't Save")
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = _exec(box)
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def _excepthook(kind: type[BaseException], exc: BaseException,
                tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    exc.__traceback__ = tb
    if QApplication.instance() is None:
        logger.critical("unexpected error", exc_info=(kind, exc, tb))
        return
    if isinstance(exc, DrafterError):
        show_error(QApplication.activeWindow(), "Drafter could not do that.", exc=exc)
        return
    show_error(QApplication.activeWindow(), "Drafter hit an unexpected problem.",
               "Your draft is still open; save it under a new name to be safe. "
               "The details below help the developers fix this.", exc=exc)


def install_excepthook() -> None:
    """Route uncaught exceptions from slots into the error dialog (and the log)."""
    sys.excepthook = _excepthook
