"""The one disk cache: YAML files already parsed, as plain data.

Every start reads the whole clause library and a state's law data; parsing that YAML, and
importing PyYAML to do it, is most of what loading costs. A file's parsed data and its
shape (lines, text as typed: see `yamlio.Located`) are plain dicts, lists, strings, numbers
and dates, so they are kept here and read back when the same bytes are read again.

What a kept entry is keyed on, so that what Drafter shows is always what its files say,
read by the code that is running: the file's bytes, Drafter's version, the Python version,
this format's number, and the size and time of the installed `yamlio.py` and PyYAML (so a
changed reader or a PyYAML upgrade never reads an old entry). Validation is never cached:
it runs on every load. Only a file that parsed without a problem is kept.

The cache is a convenience and never a source of errors: a folder that cannot be written,
an entry cut short, or one that holds anything but plain data (say, a pickle planted to
run code) is ignored, and the file is parsed again. `DRAFTER_CACHE_DIR` moves the folder
(tests use it); `DRAFTER_CACHE=off` turns the cache off.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import sys
import threading
from pathlib import Path
from typing import Any

ENV_DIR = "DRAFTER_CACHE_DIR"
ENV_SWITCH = "DRAFTER_CACHE"
FORMAT = 1  # raise when what is kept for a file changes
MAX_ENTRIES = 400  # about 24 kB each: a library, the law data, and a user's drafts
KEEP_AFTER_PRUNE = 300

# Only these classes may appear in an entry; anything else is not an entry of ours.
_ALLOWED = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "timezone"),
            ("datetime", "timedelta")}


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


@functools.cache
def folder() -> Path | None:
    """Where entries are kept, or None when the cache is off."""
    if os.environ.get(ENV_SWITCH, "").lower() in ("0", "off", "no", "false"):
        return None
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("drafter", appauthor=False)) / "parsed"


@functools.cache
def _key() -> bytes:
    """The hash key every entry's name is made with: what besides the bytes an entry
    depends on (see the module docstring)."""
    from hashlib import blake2b
    from importlib.machinery import PathFinder

    from drafter import __version__

    parts = [__version__, sys.version, str(FORMAT)]
    spec = PathFinder.find_spec("yaml")
    for origin in (Path(__file__).with_name("yamlio.py"),
                   Path(spec.origin) if spec and spec.origin else None):
        if origin is not None:
            try:
                st = os.stat(origin)
                parts.append(f"{origin}:{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                parts.append(f"{origin}:?")
    return blake2b("\n".join(parts).encode("utf-8", "surrogatepass"), digest_size=32).digest()


def _entry_path(raw: bytes) -> Path | None:
    where = folder()
    if where is None:
        return None
    from hashlib import blake2b

    digest = blake2b(raw, digest_size=20, key=_key())
    return where / f"{digest.hexdigest()}.pickle"


def lookup(raw: bytes) -> tuple[Any, Any] | None:
    """The data and shape kept for a file with these bytes, or None."""
    path = _entry_path(raw)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            kept = _PlainUnpickler(fh).load()
    except FileNotFoundError:
        return None
    except Exception:  # cut short, foreign or planted: not ours, so parse again
        _remove(path)
        return None
    if not (isinstance(kept, tuple) and len(kept) == 2):
        _remove(path)
        return None
    return kept


def store(raw: bytes, entry: tuple[Any, Any]) -> None:
    """Keep a parsed file's data and shape; a cache that cannot be written is skipped."""
    path = _entry_path(raw)
    if path is None:
        return
    # one temporary name per process and thread: two writers never share a half-written file
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            pickle.dump(entry, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # another process reading at once sees all or nothing
    except (OSError, pickle.PicklingError, RecursionError):
        _remove(tmp)
        return
    _prune(path.parent)


def _prune(where: Path) -> None:
    """Drafts saved many times each leave an entry: keep the newest few hundred."""
    try:
        entries = [e for e in os.scandir(where) if e.name.endswith(".pickle")]
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda e: e.stat().st_mtime_ns)
        for e in entries[:len(entries) - KEEP_AFTER_PRUNE]:
            _remove(Path(e.path))
    except OSError:
        return


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)
