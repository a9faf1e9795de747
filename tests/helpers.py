"""Shared test helpers (imported by tests; not a conftest so GUI set-up stays separate)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
PACK = DATA / "pack.yaml"
DRAFT = DATA / "draft.yaml"


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None
            ) -> subprocess.CompletedProcess:
    """Run `python -m drafter` as a user would (separate process, real exit code)."""
    e = {**os.environ, **(env or {})}
    src = str(ROOT / "src")
    e["PYTHONPATH"] = src + os.pathsep + e.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, env=e, timeout=300)


def require_tool(*names: str, package: str) -> str:
    """A command-line tool the test needs: required in CI (fail), optional on a developer
    machine (skip)."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail(f"{names[0]} ({package}) is required in CI but is not installed")
    pytest.skip(f"{names[0]} ({package}) not installed")
    raise AssertionError  # unreachable


def require_soffice() -> str:
    return require_tool("soffice", "libreoffice", package="libreoffice-writer-nogui")


def require_pdftotext() -> str:
    return require_tool("pdftotext", package="poppler-utils")


def assert_one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    err = proc.stderr.strip()
    assert err, "expected an error message on stderr"
    for n in needles:
        assert n in err, (n, err)


# --- LibreOffice, once per test run -------------------------------------------------------
# Starting LibreOffice takes seconds. Tests that need a document converted (or its tracked
# changes accepted and rejected) register a builder here at import time
# (`@lo_document("name")`, `@lo_check("name")`); the session fixtures `lo_pdfs` and
# `lo_checks` (conftest.py) build every registered document and hand them all to ONE
# LibreOffice, the first time a test asks.

LO_DOCUMENTS: dict[str, Callable[[Path], None]] = {}


def lo_document(name: str) -> Callable[[Callable[[Path], None]], Callable[[Path], None]]:
    """Register a builder that writes the .docx it is given the path of."""
    def register(build: Callable[[Path], None]) -> Callable[[Path], None]:
        LO_DOCUMENTS[name] = build
        return build
    return register


LO_CHECKS: dict[str, Callable[[Path], list[str]]] = {}


def lo_check(name: str) -> Callable[[Callable[[Path], list[str]]], Callable[[Path], list[str]]]:
    """Register a builder that writes documents into the folder it is given and returns
    "MODE:FILE" items for LibreOffice (see tests/data/lo_accept_reject.py)."""
    def register(build: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
        LO_CHECKS[name] = build
        return build
    return register


def uno_python() -> str | None:
    """A Python with LibreOffice's `uno` bridge (the system one, usually)."""
    for exe in ("/usr/bin/python3", shutil.which("python3")):
        if exe and subprocess.run([exe, "-c", "import uno"], capture_output=True).returncode == 0:
            return exe
    return None


def pdf_text(pdf: Path, layout: bool = False) -> str:
    args = [require_pdftotext(), *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout
