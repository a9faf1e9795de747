"""`drafter gui [DRAFT] [--screenshot PNG]`: the desktop app (bare `drafter` runs it too).

Qt is imported only when the command runs, so the rest of the CLI stays Qt-free.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("gui", help="open the desktop app")
    p.add_argument("draft", nargs="?", metavar="DRAFT.yaml", help="draft to open")
    p.add_argument("--screenshot", metavar="PNG",
                   help="render the main window with DRAFT to PNG and exit (works offscreen)")
    p.set_defaults(func=cmd_gui)


def _headless() -> bool:
    if sys.platform.startswith("win") or sys.platform == "darwin":
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def qt_import_problem(exc: ImportError) -> str:
    """What to install: PySide6 itself, or (PySide6 present, a system library missing) the
    operating system's Qt runtime packages. Telling someone with PySide6 installed to
    install it again leaves them stuck."""
    missing = re.search(r"(lib[\w.+-]+\.so[\w.]*): cannot open shared object file", str(exc))
    if missing:
        return (f"the desktop app cannot start: Qt needs the system library "
                f"{missing.group(1)}, which is not installed; on Debian or Ubuntu install "
                "the Qt runtime packages listed under Setup in the README (apt-get install "
                "libegl1 libgl1 libglib2.0-0 ... libxkbcommon-x11-0)")
    return (f"the desktop app needs PySide6 ({exc}); install it with "
            "'pip install PySide6-Essentials'")


def cmd_gui(args: argparse.Namespace) -> int:
    from drafter.errors import DrafterError

    if not os.environ.get("QT_QPA_PLATFORM") and _headless():
        if not getattr(args, "screenshot", None):
            # without this, Qt aborts the process with a plugin error and exit code 134
            raise DrafterError(
                "no display to open the app on (DISPLAY and WAYLAND_DISPLAY are not set); "
                "run it from a desktop session, use the command-line tools (drafter "
                "--help), or render a picture with 'drafter gui DRAFT --screenshot out.png'")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        from drafter.gui import app
    except ImportError as exc:
        raise DrafterError(qt_import_problem(exc)) from None
    # `drafter` and `drafter DRAFT.yaml` come without the parser: only `draft` is set
    extra = getattr(args, "library", None)
    replace = bool(getattr(args, "replace_library", False))
    screenshot = getattr(args, "screenshot", None)
    if screenshot:
        return app.screenshot(args.draft, screenshot, extra, replace)
    return app.run(args.draft, extra, replace)
