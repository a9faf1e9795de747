"""Output to a console or pipe that is not UTF-8 (a Windows code page, LANG=C) never
crashes (issue 14): characters it cannot show are escaped, everything else is unchanged."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers import ROOT

EXAMPLE = ROOT / "examples" / "alachua-county-fl.yaml"


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python -m drafter`, its output decoded in the console's own encoding."""
    e = {**os.environ, **env, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True,
                          cwd=ROOT, env=e, timeout=300)
    enc = env.get("PYTHONIOENCODING", "ascii")
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode(enc), proc.stderr.decode(enc))


@pytest.mark.parametrize("args,encoding", [
    (["check", str(EXAMPLE)], "ascii"),
    (["clauses"], "ascii"),
    (["clauses", "--json"], "ascii"),
    (["states"], "ascii"),
    (["check", str(EXAMPLE)], "cp1252"),
    (["clauses", "--json"], "latin-1"),
])
def test_non_utf8_output_never_crashes(args, encoding):
    proc = run_cli(*args, env={"PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"})
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert "UnicodeEncodeError" not in proc.stderr
    assert proc.returncode in (0, 1), proc.stderr  # check: 1 = something is blocked
    assert proc.stdout.strip()
    if encoding == "ascii" and args == ["clauses"]:
        assert "\\u2014" in proc.stdout  # the em dash, escaped rather than lost


def test_lang_c_errors_on_stderr_never_crash(tmp_path):
    """An error message naming a file with non-ASCII characters, on an ASCII console."""
    bad = tmp_path / "bröken—draft.yaml"
    bad.write_text("drafter_draft: 1\njurisdiction: {name: Zürich, kind: city, state: ZZ}\n",
                   encoding="utf-8")
    proc = run_cli("check", str(bad), env={"PYTHONIOENCODING": "ascii", "LANG": "C",
                                           "LC_ALL": "C", "PYTHONUTF8": "0"})
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "unknown state code" in proc.stderr
