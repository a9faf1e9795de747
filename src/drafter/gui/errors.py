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
    from PySide6.QtWidgets import QWidget

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


def _box(parent: QWidget | None, icon: str, text: str, info: str = "",
         buttons: tuple[tuple[str, str], ...] = (("Ok", ""),), default: str = "",
         escape: str = "", details: str = "") -> str:
    """Show a message box; returns the name of the standard button chosen ("Cancel" when
    the box was closed otherwise). `buttons` are (standard button name, own label)."""
    from PySide6.QtWidgets import QMessageBox

    SB = QMessageBox.StandardButton
    box = QMessageBox(parent)
    box.setIcon(getattr(QMessageBox.Icon, icon))
    if icon == "Critical":
        box.setAccessibleName("Error")
    box.setWindowTitle(APP_TITLE)
    box.setText(text)
    if info:
        box.setInformativeText(info)
    if details and details.strip() != info.strip():
        box.setDetailedText(details)
    chosen = SB.NoButton
    for name, _label in buttons:
        chosen |= getattr(SB, name)
    box.setStandardButtons(chosen)
    for name, label in buttons:
        if label:
            box.button(getattr(SB, name)).setText(label)
    if default:
        box.setDefaultButton(getattr(SB, default))
    if escape:
        box.setEscapeButton(getattr(SB, escape))
    result = box.exec()
    clicked = box.clickedButton()
    answer = box.standardButton(clicked) if clicked is not None else result
    try:
        return SB(answer).name or "Cancel"
    except ValueError:
        return "Cancel"


def show_error(parent: QWidget | None, text: str, info: str = "", details: str = "",
               exc: BaseException | None = None) -> None:
    """Show the error dialog: `text` (what failed), `info` (where/why), collapsed details."""
    if exc is not None:
        e_info, e_details = describe(exc)
        info = f"{info}\n{e_info}".strip() if info else e_info
        details = details or e_details
    if exc is not None and not isinstance(exc, DrafterError | OSError):
        logger.error("%s %s", text, info, exc_info=(type(exc), exc, exc.__traceback__))
    else:
        logger.error("%s %s", text, info.replace("\n", " | "))
    _box(parent, "Critical", text, info, details=details)


def show_info(parent: QWidget | None, text: str, info: str = "") -> None:
    logger.info("%s %s", text, info)
    _box(parent, "Information", text, info)


def ask(parent: QWidget | None, text: str, info: str = "", yes: str = "Yes",
        no: str = "No") -> bool:
    """A yes/no question; the safe answer (no) is the default."""
    return _box(parent, "Question", text, info, (("Yes", yes), ("No", no)),
                default="No") == "Yes"


RecoveryChoice = Literal["restore", "delete", "later"]


def ask_restore(parent: QWidget | None, text: str, info: str) -> RecoveryChoice:
    """Restore / Delete / Not Now for a draft left by a crash. Restore is the default (the
    user's work comes back with Enter); Escape and closing the box keep the file."""
    answer = _box(parent, "Question", text, info,
                  (("Yes", "Restore"), ("Discard", "Delete"), ("Cancel", "Not Now")),
                  default="Yes", escape="Cancel")
    choices: dict[str, RecoveryChoice] = {"Yes": "restore", "Discard": "delete"}
    return choices.get(answer, "later")


def ask_unsaved(parent: QWidget | None, name: str) -> Choice:
    """Save / Don't Save / Cancel before work would be lost."""
    answer = _box(parent, "Warning", f"Save changes to “{name}” before closing?",
                  "Your changes will be lost if you don't save them.",
                  (("Save", ""), ("Discard", "Don't Save"), ("Cancel", "")), default="Save")
    choices: dict[str, Choice] = {"Save": "save", "Discard": "discard"}
    return choices.get(answer, "cancel")


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
