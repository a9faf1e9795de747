"""Recovery files: the open draft is autosaved while it has unsaved changes, and a draft
left behind by a session that ended without closing (a crash, a power cut) is offered back
on the next start.

Each running session owns `session-<token>.yaml` (the draft, written atomically),
`session-<token>.json` (where it came from, when) and a `QLockFile`. A recovery file whose
lock nobody holds belongs to a session that is gone; one whose lock is held belongs to
another Drafter still running and is left alone.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile

from drafter.errors import DrafterError
from drafter.gui.paths import recovery_dir
from drafter.load.draft import atomic_write, dumps, load_draft

if TYPE_CHECKING:
    from drafter.load.draft import Draft

logger = logging.getLogger(__name__)

DEFAULT_AUTOSAVE_MS = 10_000
STAND_IN_NAME = "Untitled"
STAND_IN_STATE = "DC"
ENV_AUTOSAVE_MS = "DRAFTER_AUTOSAVE_MS"


def autosave_interval() -> int:
    try:
        return max(100, int(os.environ.get(ENV_AUTOSAVE_MS, DEFAULT_AUTOSAVE_MS)))
    except ValueError:
        return DEFAULT_AUTOSAVE_MS


def _lock_for(folder: Path, token: str) -> QLockFile:
    lock = QLockFile(str(folder / f"session-{token}.lock"))
    lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
    return lock


class RecoveryFile:
    """This session's recovery file."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or recovery_dir()
        self.token = f"{os.getpid()}-{os.urandom(4).hex()}"
        self.draft_path = self.folder / f"session-{self.token}.yaml"
        self.meta_path = self.folder / f"session-{self.token}.json"
        self.lock = _lock_for(self.folder, self.token)
        if not self.lock.tryLock(0):
            logger.warning("cannot lock recovery file %s (error %s)", self.draft_path,
                           self.lock.error())

    def write(self, draft: Draft) -> None:
        """Save a copy of the draft; failures are logged, never shown (this runs on a
        timer, and the user's own Save reports its errors).

        A draft file needs a jurisdiction name and state; work in progress may have
        neither yet, so stand-ins are written and listed in the note, and `restore`
        blanks them again."""
        import json

        copy = deepcopy(draft)
        missing = []
        if not copy.jurisdiction.name:
            copy.jurisdiction.name = STAND_IN_NAME
            missing.append("name")
        if not copy.jurisdiction.state:
            copy.jurisdiction.state = STAND_IN_STATE
            missing.append("state")
        meta = {"original": str(draft.path) if draft.path else None,
                "name": draft.jurisdiction.name,
                "saved": dt.datetime.now().isoformat(timespec="seconds"),
                "pid": os.getpid(), "stand_ins": missing}
        try:
            atomic_write(self.draft_path, dumps(copy).encode("utf-8"))
            atomic_write(self.meta_path, json.dumps(meta, indent=1).encode("utf-8"))
        except DrafterError as exc:
            logger.error("autosave failed: %s", exc)
            return
        logger.debug("autosaved to %s", self.draft_path)

    def discard(self) -> None:
        """The draft is saved (or deliberately abandoned): no recovery needed."""
        _remove(self.draft_path, self.meta_path)

    def close(self) -> None:
        self.discard()
        self.lock.unlock()


@dataclass
class Orphan:
    """A recovery file left by a session that ended without closing."""

    draft_path: Path
    meta_path: Path
    original: Path | None
    name: str
    saved: str
    lock: QLockFile
    stand_ins: tuple[str, ...] = ()

    def describe(self) -> str:
        what = str(self.original) if self.original else (
            f"an unsaved draft for {self.name}" if self.name else "an unsaved draft")
        when = self.saved.replace("T", " at ") if self.saved else "an unknown time"
        return f"{what}, last autosaved {when}"

    def restore(self, clause_ids: set[str]) -> Draft:
        draft = load_draft(self.draft_path, clause_ids)
        draft.path = self.original
        if "name" in self.stand_ins:
            draft.jurisdiction.name = ""
        if "state" in self.stand_ins:
            draft.jurisdiction.state = ""
        return draft

    def discard(self) -> None:
        _remove(self.draft_path, self.meta_path)
        self.lock.unlock()

    def release(self) -> None:
        """Keep the file for a later start (another Drafter may offer it meanwhile)."""
        self.lock.unlock()

    def set_aside(self) -> Path:
        """A recovery file that cannot be read is renamed out of the way: still on disk for
        the user (or support) to rescue by hand, but not offered at every start again."""
        kept = self.draft_path.with_name(f"damaged-{self.draft_path.name}")
        try:
            self.draft_path.replace(kept)
        except OSError as exc:
            logger.warning("cannot set aside %s: %s", self.draft_path, exc)
            kept = self.draft_path
        _remove(self.meta_path)
        self.lock.unlock()
        return kept


def _remove(*paths: Path) -> None:
    """Delete recovery files; a failure is logged, never fatal (the user's work is safe)."""
    for p in paths:
        try:
            p.unlink(missing_ok=True)
        except OSError as exc:
            logger.warning("cannot remove %s: %s", p, exc)


def find_orphans(folder: Path | None = None) -> list[Orphan]:
    """Recovery files of sessions that are no longer running, newest first."""
    import json

    folder = folder or recovery_dir()
    out = []
    for draft_path in sorted(folder.glob("session-*.yaml")):
        token = draft_path.stem.removeprefix("session-")
        lock = _lock_for(folder, token)
        if not lock.tryLock(0):
            continue  # another Drafter is running with it
        meta_path = folder / f"session-{token}.json"
        meta: dict = {}
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            logger.warning("recovery note %s unreadable: %s", meta_path, exc)
        original = meta.get("original")
        stand_ins = tuple(str(x) for x in meta.get("stand_ins") or ())
        out.append(Orphan(draft_path, meta_path, Path(original) if original else None,
                          str(meta.get("name") or ""), str(meta.get("saved") or ""), lock,
                          stand_ins))
    out.sort(key=lambda o: o.saved, reverse=True)
    return out
