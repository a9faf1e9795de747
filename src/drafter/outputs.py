"""Writing an output file without ever destroying something the user cares about.

Every file Drafter writes (Word documents, PDFs, drafts) goes through `write_atomic`, and
every command checks its output with `check_output` before doing any work. The rules:

- an output that is one of the inputs (the same path, a symlink to it or a hard link) is
  refused, so `drafter export d.yaml -o d.yaml` cannot replace the draft with a Word file;
- a folder, FIFO, device or socket is refused, and so is a read-only file. The mode bits
  decide, not `os.access`: as root the OS lets you replace any file, but a file the user
  made read-only is one they meant to keep;
- `-o newdir/` (a trailing separator) or a missing folder is an error, not a file that
  silently takes the folder's name;
- the new content goes to a temporary file beside the target, is flushed to disk and then
  renamed over it, so a crash, a kill or a full disk leaves the old file or the complete new
  one, never a half-written one. The temporary name is never longer than the final name,
  so a long but valid name works;
- an output that is a symlink is written to its target, as editors do; an existing file
  keeps its mode (and, where we may, its owner); a new file gets the umask's default;
- temporary files left by a killed process are removed by the next write to that folder.
  On POSIX a live writer holds an advisory lock on its temporary file, so only orphans
  (whose lock died with their process) are removed; on Windows an open file cannot be
  deleted, which gives the same guarantee.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path

from drafter.errors import ExportError

if sys.platform != "win32":  # advisory locks mark a file a live process is writing
    import fcntl

TMP_PREFIX = ".~drafter-"
MIN_TMP_NAME = 32  # bytes; short final names may have temporary names up to this long

_KINDS = (
    (stat.S_ISDIR, "is a folder; give a file name such as out.docx"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file; choose a file name"),
    (stat.S_ISCHR, "is a device, not a regular file; choose a file name"),
    (stat.S_ISBLK, "is a device, not a regular file; choose a file name"),
    (stat.S_ISSOCK, "is a socket, not a regular file; choose a file name"),
)


def _fspath(path: str | os.PathLike[str]) -> str:
    return os.fspath(path)


def _ends_with_separator(raw: str) -> bool:
    seps = {os.sep, *([os.altsep] if os.altsep else [])}
    return bool(raw) and raw[-1] in seps


def _writable_by_mode(st: os.stat_result) -> bool:
    """Whether the mode bits let us write, whoever we are. Root ignores the bits in the
    kernel, so for root any write bit counts (a file with none is one meant to stay)."""
    if not hasattr(os, "geteuid"):  # Windows: the read-only attribute maps to S_IWRITE
        return bool(st.st_mode & stat.S_IWRITE)
    uid = os.geteuid()
    if uid == st.st_uid:
        return bool(st.st_mode & stat.S_IWUSR)
    if uid == 0:
        return bool(st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    if st.st_gid == os.getegid() or st.st_gid in os.getgroups():
        return bool(st.st_mode & stat.S_IWGRP)
    return bool(st.st_mode & stat.S_IWOTH)


def real_target(out: str | os.PathLike[str]) -> Path:
    """Where writing `out` really lands: a symlink's final target (as editors write
    through links), else `out` itself."""
    raw = _fspath(out)
    if os.path.islink(raw):
        return Path(os.path.realpath(raw))
    return Path(raw)


def _check_target(out: str | os.PathLike[str], shown: str) -> Path:
    """The checks that do not need the inputs; returns the path to write to."""
    raw = _fspath(out)
    if not raw:
        raise ExportError("no output file name given")
    if _ends_with_separator(raw):
        folder = raw.rstrip("/" + (os.altsep or "") + os.sep) or raw
        if os.path.isdir(raw):
            raise ExportError("is a folder; give a file name such as out.docx", shown)
        raise ExportError(f"ends with a folder separator and folder {folder} does not "
                          "exist; give a file name such as out.docx", shown)
    if os.path.islink(raw):
        try:
            os.stat(raw)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise ExportError("is a symbolic link that loops; choose a file name",
                                  shown) from None
            # a dangling link: written to its target, as editors do
    target = real_target(raw)
    try:
        st = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        st = None  # the folder check below says which
    except OSError as exc:
        raise ExportError(f"cannot use this output: {exc.strerror}", shown) from None
    if st is not None:
        for test, message in _KINDS:
            if test(st.st_mode):
                raise ExportError(message, shown)
        if not _writable_by_mode(st):
            raise ExportError("is read-only; make it writable or choose another name", shown)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        pst = os.stat(parent)
    except FileNotFoundError:
        raise ExportError(f"folder {parent} does not exist", shown) from None
    except NotADirectoryError:
        raise ExportError(f"{_nearest_file(parent)} is a file, not a folder", shown) from None
    except OSError as exc:
        raise ExportError(f"cannot use folder {parent}: {exc.strerror}", shown) from None
    if not stat.S_ISDIR(pst.st_mode):
        raise ExportError(f"{parent} is a file, not a folder", shown)
    return target


def _nearest_file(path: Path) -> Path:
    """The part of `path` that exists but is not a folder (for a clear message)."""
    for p in [path, *path.parents]:
        if p.exists() and not p.is_dir():
            return p
    return path


def _same_file(a: str, b: str) -> bool:
    try:
        if Path(a).resolve() == Path(b).resolve():
            return True
    except (OSError, RuntimeError):
        pass
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_output(out: str | os.PathLike[str],
                 *inputs: str | os.PathLike[str] | None) -> Path:
    """Refuse, before any work, an output Drafter must not write. Pass the raw string the
    user typed (a `Path` drops a trailing separator), and every input file (the draft,
    the house template, both redline drafts); `None` inputs are skipped. Returns the
    output as a `Path`, for messages and for the writer."""
    raw = _fspath(out)
    _check_target(raw, raw)
    for src in inputs:
        if src is None or not _fspath(src):
            continue
        if _same_file(raw, _fspath(src)):
            raise ExportError("is one of the input files; choose another output name", raw)
    return Path(raw)


def _tmp_name(final: str) -> str:
    """A fresh temporary name no longer (in bytes) than the final one, or than
    MIN_TMP_NAME for short names: the OS limit applies to the final name already."""
    token = os.urandom(4).hex()
    full = f"{TMP_PREFIX}{token}~{final}".encode("utf-8", "surrogateescape")
    limit = max(len(final.encode("utf-8", "surrogateescape")), MIN_TMP_NAME)
    return full[:limit].decode("utf-8", "ignore")


def _lock(fd: int, block: bool) -> bool:
    if sys.platform == "win32":  # pragma: no cover - an open file cannot be deleted there
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if block else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def clean_stale(folder: str | os.PathLike[str]) -> list[str]:
    """Remove temporary files that a killed Drafter process left in `folder`; a file a
    live process is writing stays. Returns the names removed."""
    removed: list[str] = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(TMP_PREFIX)]
    except OSError:
        return removed
    for entry in entries:
        if _remove_if_orphan(entry.path):
            removed.append(entry.name)
    return removed


def _remove_if_orphan(path: str) -> bool:
    if sys.platform == "win32":  # pragma: no cover
        try:
            os.unlink(path)
        except OSError:
            return False
        return True
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        if not _lock(fd, block=False):
            return False  # a live writer holds it
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return False
        try:
            now = os.stat(path, follow_symlinks=False)
        except OSError:
            return False
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            return False  # renamed over by a writer that finished meanwhile
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _create_tmp(folder: Path, final: str, shown: str) -> tuple[int, Path]:
    """Create and lock a fresh temporary file beside the target."""
    for _ in range(100):
        tmp = folder / _tmp_name(final)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                         | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise ExportError(f"cannot write here: {exc.strerror}", shown) from None
        _lock(fd, block=True)
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(tmp, follow_symlinks=False))
        except OSError:
            same = False
        if same:
            return fd, tmp
        os.close(fd)  # a cleaner removed it before we locked it: take another name
    raise ExportError("cannot create a temporary file here", shown)


def write_atomic(out: str | os.PathLike[str], data: bytes) -> Path:
    """Replace `out` with `data` so that, whatever happens, it holds either its old
    content or all of `data`. Checks the target as `check_output` does (without the
    inputs); returns the path actually written (a symlink's target)."""
    raw = _fspath(out)
    target = _check_target(raw, raw)
    folder = target.parent if str(target.parent) else Path(".")
    clean_stale(folder)
    try:
        old: os.stat_result | None = os.stat(target)
    except OSError:
        old = None
    fd, tmp = _create_tmp(folder, target.name, raw)
    try:
        try:
            if old is not None:
                _keep_mode(fd, old)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
            os.replace(tmp, target)
        finally:
            os.close(fd)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write file: {exc.strerror or exc}", raw) from None
        raise
    _sync_folder(folder)
    return target


def _keep_mode(fd: int, old: os.stat_result) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(old.st_mode))
    if hasattr(os, "fchown") and hasattr(os, "geteuid") and os.geteuid() == 0:
        with contextlib.suppress(OSError):
            os.fchown(fd, old.st_uid, old.st_gid)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort."""
    if os.name != "posix":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
