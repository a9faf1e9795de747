"""PDF through LibreOffice headless, when it is installed.

LibreOffice is a large system package, so it is optional: without it the .docx is still
written and the user is told exactly what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from drafter.errors import ExportError

INSTALL_HINT = ("install LibreOffice to make PDFs (Debian/Ubuntu: "
                "sudo apt-get install libreoffice-writer-nogui)")
TIMEOUT = 180


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(docx_path: str | Path, out_dir: str | Path | None = None,
            fmt: str = "pdf") -> Path:
    """Convert with a private LibreOffice profile (so a running office does not block it)."""
    src = Path(docx_path).resolve()
    soffice = find_soffice()
    if soffice is None:
        raise ExportError(f"PDF not written: LibreOffice was not found; {INSTALL_HINT}", src)
    out = Path(out_dir).resolve() if out_dir else src.parent
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
               "--norestore", "--convert-to", fmt, "--outdir", str(out), str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT,
                                  env={**os.environ, "HOME": profile})
        except subprocess.TimeoutExpired:
            raise ExportError(f"PDF not written: LibreOffice took longer than {TIMEOUT} s",
                              src) from None
    target = out / (src.stem + "." + fmt.split(":")[0])
    if proc.returncode != 0 or not target.exists():
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise ExportError("PDF not written: LibreOffice failed"
                          + (f" ({detail[-1]})" if detail else ""), src)
    return target


def convert_to_pdf_cli(docx_path: Path) -> int:
    try:
        target = convert(docx_path)
    except ExportError as exc:
        print(f"drafter: {exc.problem}", file=sys.stderr)
        print(f"drafter: {docx_path} was written", file=sys.stderr)
        return 2
    print(f"wrote {target}")
    return 0
