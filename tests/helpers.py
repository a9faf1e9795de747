"""Shared test helpers (imported by tests; not a conftest so GUI set-up stays separate)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


def require_soffice() -> str:
    """LibreOffice is required in CI (fail), optional on a developer machine (skip)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is required in CI but is not installed")
    pytest.skip("LibreOffice not installed")
    raise AssertionError  # unreachable


def assert_one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    err = proc.stderr.strip()
    assert err, "expected an error message on stderr"
    for n in needles:
        assert n in err, (n, err)
