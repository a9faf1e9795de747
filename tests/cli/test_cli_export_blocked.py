"""A clause that state law blocks never reaches a Word file by accident."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter import cli
from helpers import ROOT

FLORIDA = ROOT / "examples" / "alachua-county-fl.yaml"


def test_export_with_a_blocked_clause_exits_2_naming_clause_and_law(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.docx"
    assert cli.main(["export", str(FLORIDA), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert not out.exists()
    lines = err.strip().splitlines()
    assert all(line.startswith(f"drafter: {FLORIDA}: ") for line in lines)
    assert any("is blocked by state law (Fla. Stat." in line for line in lines)
    assert "--allow-blocked" in lines[-1]
    assert "Traceback" not in err


def test_allow_blocked_exports_anyway(tmp_path: Path) -> None:
    out = tmp_path / "o.docx"
    assert cli.main(["export", str(FLORIDA), "-o", str(out), "--allow-blocked"]) == 0
    assert out.read_bytes()[:2] == b"PK"


def test_a_draft_without_blocked_clauses_exports_without_the_flag(tmp_path: Path) -> None:
    out = tmp_path / "o.docx"
    draft = ROOT / "examples" / "riverside-county-ca.yaml"
    assert cli.main(["export", str(draft), "-o", str(out)]) == 0
