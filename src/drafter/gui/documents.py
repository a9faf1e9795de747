"""The documents beyond the ordinance itself (redline, council packet, comparison table),
written by core modules that may not be installed in every build.

Each writer is imported when used; `available()` tells the menus whether to enable the
action and, if not, what to say in its tooltip. The functions here run in a worker thread:
they take plain data and return the bytes written.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from drafter.document import Document
    from drafter.draft import Draft
    from drafter.library import Library

logger = logging.getLogger(__name__)

WRITERS = {
    "redline": ("drafter.export", "write_redline"),
    "packet": ("drafter.export", "write_packet"),
    "comparison": ("drafter.export", "write_comparison"),
}


def _writer(name: str) -> Any:
    module, func = WRITERS[name]
    return getattr(importlib.import_module(module), func)


def available(name: str) -> tuple[bool, str]:
    """(True, "") when the writer can be used, else (False, why) for a tooltip."""
    try:
        _writer(name)
    except (ImportError, AttributeError) as exc:
        logger.info("%s writer unavailable: %s", name, exc)
        return False, f"Not available in this version of Drafter ({exc})."
    return True, ""


def write_redline(old_doc: Document, new_doc: Document, path: str | Path, author: str,
                  date: dt.datetime | None = None) -> bytes:
    """Tracked changes from an earlier version of the draft to the current one."""
    return _writer("redline")(old_doc, new_doc, path, style="tracked", author=author,
                              date=date or dt.datetime.now().replace(microsecond=0))


def write_packet(draft: Draft, library: Library, lawbook: Any, path: str | Path,
                 today: dt.date | None = None) -> bytes:
    """The council packet: memo, the ordinance's effect, findings and sources."""
    return _writer("packet")(draft, library, lawbook, path, today=today)


def write_comparison(clause_ids: list[str], library: Library, lawbook: Any, state: str,
                     path: str | Path) -> bytes:
    """The comparison table of options of one protection."""
    return _writer("comparison")(clause_ids, library, lawbook, state, path)
