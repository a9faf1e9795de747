"""PDF through LibreOffice headless, when it is installed.

LibreOffice is a large system package, so it is optional: without it the .docx is still
written and the user is told exactly what to install.

Success is reported only for a PDF this run produced. LibreOffice exits 0 when it could not
convert (another instance holding the profile, an unreadable file) and leaves whatever PDF
was there before, so its exit code and "a PDF exists" prove nothing. Each conversion goes to
a fresh temporary folder; only a non-empty, complete PDF found there is moved next to the
.docx (through `drafter.outputs.write_atomic`: the old PDF or the new one, never half).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from drafter.errors import ExportError
from drafter.outputs import check_output, write_atomic

INSTALL_HINT = ("install LibreOffice to make PDFs (Debian/Ubuntu: "
                "sudo apt-get install libreoffice-writer-nogui)")
TIMEOUT = 180


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def looks_like_pdf(data: bytes) -> bool:
    """A complete PDF: the header at the start, the end-of-file marker near the end (a
    conversion killed half-way has the first, not the second)."""
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]


def _run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run LibreOffice in its own process group, so a timeout ends soffice.bin too, not
    just the `soffice` shell wrapper."""
    popen_kw: dict[str, object] = {}
    if os.name == "posix":
        popen_kw["start_new_session"] = True
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          errors="replace", env=env, **popen_kw) as proc:  # type: ignore[call-overload]
        try:
            out, err = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            if os.name == "posix":
                with contextlib.suppress(OSError):
                    os.killpg(proc.pid, signal.SIGKILL)
            proc.kill()
            proc.communicate()
            raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _batches(sources: list[Path]) -> list[list[Path]]:
    """LibreOffice names each output after its input's stem in one folder: two inputs with
    the same stem go to different runs."""
    batches: list[list[Path]] = []
    for src in sources:
        for batch in batches:
            if all(s.stem != src.stem for s in batch):
                batch.append(src)
                break
        else:
            batches.append([src])
    return batches


def convert_many(docx_paths: Sequence[str | Path], out_dir: str | Path | None = None,
                 protect: Sequence[str | Path | None] = ()) -> dict[Path, Path | ExportError]:
    """Convert several documents with as few LibreOffice starts as possible (it takes
    seconds to start). Returns, for each input (resolved), the PDF written or the error.
    A PDF that would land on a `protect`ed file (the command's inputs) is refused."""
    sources = [Path(p).resolve() for p in docx_paths]
    results: dict[Path, Path | ExportError] = {}
    soffice = find_soffice()
    if soffice is None:
        for src in sources:
            results[src] = ExportError(
                f"PDF not written: LibreOffice was not found; {INSTALL_HINT}", src)
        return results
    targets: dict[Path, Path] = {}
    todo: list[Path] = []
    for src in sources:
        target = (Path(out_dir).resolve() if out_dir else src.parent) / (src.stem + ".pdf")
        try:
            check_output(target, src, *protect)
            if not src.is_file():
                raise ExportError("PDF not written: the document to convert is missing", src)
        except ExportError as exc:
            results[src] = exc
            continue
        targets[src] = target
        todo.append(src)
    for batch in _batches(todo):
        results.update(_convert_batch(soffice, batch, targets))
    return results


def _convert_batch(soffice: str, batch: list[Path], targets: dict[Path, Path]
                   ) -> dict[Path, Path | ExportError]:
    results: dict[Path, Path | ExportError] = {}
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as work:
        profile = Path(work) / "profile"
        fresh = Path(work) / "out"
        fresh.mkdir()
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(fresh),
               *(str(s) for s in batch)]
        try:
            proc = _run(cmd, {**os.environ, "HOME": str(profile)})
        except subprocess.TimeoutExpired:
            for src in batch:
                results[src] = ExportError(
                    f"PDF not written: LibreOffice took longer than {TIMEOUT} s", src)
            return results
        except OSError as exc:
            for src in batch:
                results[src] = ExportError(
                    f"PDF not written: LibreOffice could not start ({exc.strerror})", src)
            return results
        detail = (proc.stderr or proc.stdout or "").strip().splitlines()
        for src in batch:
            made = fresh / (src.stem + ".pdf")
            try:
                data = made.read_bytes()
            except OSError:
                data = b""
            target = targets[src]
            if not looks_like_pdf(data):
                why = "LibreOffice made no PDF" if not data else \
                    "LibreOffice made an incomplete PDF"
                if detail:
                    why += f" ({detail[-1]})"
                if target.exists():
                    why += f"; the existing {target.name} is from an earlier run and " \
                           "was left as it was"
                results[src] = ExportError(f"PDF not written: {why}", src)
                continue
            try:
                write_atomic(target, data)
            except ExportError as exc:
                results[src] = ExportError(f"PDF not written: {exc.problem.message}", target)
                continue
            results[src] = target
    return results


def convert(docx_path: str | Path, out_dir: str | Path | None = None,
            protect: Sequence[str | Path | None] = ()) -> Path:
    """Convert one document; the PDF lands next to it (or in `out_dir`). Raises
    ExportError unless a new, complete PDF was written."""
    src = Path(docx_path).resolve()
    result = convert_many([src], out_dir, protect)[src]
    if isinstance(result, ExportError):
        raise result
    return result


def convert_to_pdf_cli(docx_path: Path, *protect: str | Path | None) -> int:
    try:
        target = convert(docx_path, protect=protect)
    except ExportError as exc:
        print(f"drafter: {exc.problem}", file=sys.stderr)
        print(f"drafter: {docx_path} was written", file=sys.stderr)
        return 2
    print(f"wrote {target}")
    return 0
