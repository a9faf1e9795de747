"""--pdf on compare, redline and packet: a PDF through LibreOffice when it is installed;
without it, a clear message saying what to install, and the .docx is still written."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from drafter import cli, pdf
from helpers import DATA, DRAFT, PACK, require_pdftotext, require_soffice, run_cli

DRAFT_V2 = DATA / "draft_v2.yaml"
IDS = ["detainers.test_strong", "detainers.test_limited"]


def _commands(tmp_path: Path) -> dict[str, tuple[list[str], Path]]:
    out = {name: tmp_path / f"{name}.docx" for name in ("compare", "redline", "packet")}
    return {
        "compare": (["compare", *IDS, "--state", "IL", "-o", str(out["compare"])],
                    out["compare"]),
        "redline": (["redline", str(DRAFT), str(DRAFT_V2), "-o", str(out["redline"])],
                    out["redline"]),
        "packet": (["packet", str(DRAFT), "-o", str(out["packet"])], out["packet"]),
    }


EXPECTED = {"compare": "Verdict in Illinois", "redline": "ORDINANCE NO. O-2026-01",
            "packet": "MEMORANDUM"}




@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["compare", "redline", "packet"])
def test_pdf_through_libreoffice(tmp_path, name):
    require_soffice()
    args, docx_path = _commands(tmp_path)[name]
    proc = run_cli("--clauses", str(PACK), *args, "--pdf")
    assert proc.returncode == 0, proc.stderr
    pdf_path = docx_path.with_suffix(".pdf")
    assert docx_path.exists() and pdf_path.exists()
    assert f"wrote {pdf_path}" in proc.stdout
    text = subprocess.run([require_pdftotext(), str(pdf_path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert EXPECTED[name] in text
    assert "Page 1 of" in text
    assert "{{" not in text


@pytest.mark.parametrize("name", ["compare", "redline", "packet"])
def test_pdf_without_libreoffice_cli(tmp_path, name):
    """A PATH with no LibreOffice on it: the .docx is written, the message says what to
    install, exit code 2 (the PDF the user asked for is missing), no traceback."""
    empty = tmp_path / "bin"
    empty.mkdir()
    args, docx_path = _commands(tmp_path)[name]
    proc = run_cli("--clauses", str(PACK), *args, "--pdf", env={"PATH": str(empty)})
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert docx_path.exists() and not docx_path.with_suffix(".pdf").exists()
    assert f"wrote {docx_path}" in proc.stdout
    assert "LibreOffice was not found" in proc.stderr
    assert "install LibreOffice" in proc.stderr and "apt-get install" in proc.stderr
    assert f"{docx_path} was written" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_pdf_without_libreoffice_in_process(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    args, docx_path = _commands(tmp_path)["packet"]
    code = cli.main(["--clauses", str(PACK), *args, "--pdf"])
    err = capsys.readouterr().err
    assert code == 2
    assert docx_path.exists()
    assert pdf.INSTALL_HINT in err


def test_no_pdf_flag_no_libreoffice_needed(tmp_path, monkeypatch, capsys):
    def boom():
        raise AssertionError("LibreOffice must not be looked up without --pdf")

    monkeypatch.setattr(pdf, "find_soffice", boom)
    for args, docx_path in _commands(tmp_path).values():
        assert cli.main(["--clauses", str(PACK), *args]) == 0
        assert docx_path.exists()
    capsys.readouterr()


def test_every_document_command_has_pdf():
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in ("export", "compare", "redline", "packet"):
        opts = {o for a in sub.choices[name]._actions for o in a.option_strings}
        assert "--pdf" in opts, name
