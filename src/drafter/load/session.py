"""Loading what a command or the app needs, once, in one place."""

from __future__ import annotations

from pathlib import Path

from drafter.load.draft import Draft, load_draft
from drafter.load.library import Library, default_library_dirs, load_library


def library_from(extra: list[str] | None = None, replace: bool = False) -> Library:
    """The shipped library plus any packs; `replace` drops the shipped one."""
    dirs = [] if replace else default_library_dirs()
    dirs += [Path(p) for p in (extra or [])]
    return load_library(dirs)


def library_for(args: object) -> Library:
    """The library a CLI invocation asked for (--library adds, --clauses replaces)."""
    return library_from(getattr(args, "library", None),
                        bool(getattr(args, "replace_library", False)))


def draft_with_library(path: str | Path, extra: list[str] | None = None,
                       replace: bool = False) -> tuple[Draft, Library]:
    lib = library_from(extra, replace)
    return load_draft(path, set(lib.clauses)), lib
