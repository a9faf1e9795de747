"""Work around a reference-counting bug of PySide6 6.12 on Python 3.11.

PySide6 6.12 (shiboken6, abi3 wheel) returns `None`, `True` and `False` to Python without
taking a new reference in several places: `Signal.emit()` (returns True), any getter that
returns a null pointer or an empty QVariant (`currentItem()`, `index.data(role)`), signals
carrying a bool (`toggled`, `triggered`, `cleanChanged`). Python 3.12+ does not notice,
because those objects are immortal there; on Python 3.11 every such call removes one
reference, and after a few thousand of them the interpreter aborts with
"Fatal Python error: none_dealloc" (or "bool_dealloc").

pyproject.toml excludes PySide6 6.12.0 (6.11.3 does not lose references; checked with
20,000 emits). This module is the guard for an environment that has 6.12.0 anyway: there
it makes the three singletons effectively immortal on Python < 3.12, as they are on 3.12+,
by adding 2**48 references to each (more than any session can lose, far from overflow, no
memory used). `tests/test_gui_cli.py` proves 20,000 emits survive either way.
"""

from __future__ import annotations

import ctypes
import logging
import sys

logger = logging.getLogger(__name__)

EXTRA_REFERENCES = 1 << 48
_state = {"applied": False}


BROKEN_VERSIONS = ("6.12.0",)


def make_singletons_immortal() -> bool:
    """Apply the fix (once, only on Python < 3.12 with a broken PySide6); True if it was
    applied now or before."""
    if sys.version_info >= (3, 12):
        return False
    try:
        from PySide6 import __version__ as pyside_version
    except ImportError:
        return False
    if pyside_version not in BROKEN_VERSIONS:
        return False
    if not _state["applied"]:
        for obj in (None, True, False):
            ctypes.c_ssize_t.from_address(id(obj)).value += EXTRA_REFERENCES
        _state["applied"] = True
        logger.debug("None/True/False made immortal (PySide6 refcount bug workaround)")
    return True


def applied() -> bool:
    return _state["applied"]


make_singletons_immortal()
