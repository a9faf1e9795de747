"""Loading what a command or the app needs, once, in one place."""

from __future__ import annotations

from pathlib import Path

from drafter.draft import Draft, load_draft
from drafter.library import Library, default_library_dirs, load_library


def library_from(extra: list[str] | None = None) -> Library:
    dirs = default_library_dirs() + [Path(p) for p in (extra or [])]
    return load_library(dirs)


def draft_with_library(path: str | Path, extra: list[str] | None = None
                       ) -> tuple[Draft, Library]:
    lib = library_from(extra)
    return load_draft(path, set(lib.clauses)), lib
