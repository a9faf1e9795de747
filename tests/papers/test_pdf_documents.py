"""--pdf on compare, redline and packet: a PDF through LibreOffice when it is installed;
without it, a clear message saying what to install, and the .docx is still written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from drafter import cli, pdf
from helpers import DATA, DRAFT, PACK, lo_document, pdf_text, run_cli

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
            "packet": "STAFF REPORT"}




def _register(name: str) -> None:
    @lo_document(f"cli-{name}")
    def build(path: Path) -> None:
        args, written = _commands(path.parent / f"cli-{name}")[name]
        written.parent.mkdir(exist_ok=True)
        assert cli.main(["--clauses", str(PACK), *args]) == 0
        written.replace(path)


for _name in ("compare", "redline", "packet"):
    _register(_name)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["compare", "redline", "packet"])
def test_pdf_through_libreoffice(lo_pdfs, name):
    """What the commands write converts to PDF in LibreOffice, fields computed."""
    text = pdf_text(lo_pdfs[f"cli-{name}"])
    assert EXPECTED[name] in text
    assert "Page 1 of" in text
    assert "{{" not in text


FAKE_SOFFICE = """#!/bin/sh
# records its arguments and writes the PDF a real LibreOffice would
echo "$@" > "$(dirname "$0")/args.txt"
while [ $# -gt 0 ]; do
  case "$1" in --outdir) out="$2"; shift;; *.docx) src="$1";; esac
  shift
done
name=$(basename "$src" .docx)
printf '%%PDF-1.4 fake\n%%%%EOF\n' > "$out/$name.pdf"
"""


@pytest.mark.parametrize("name", ["compare", "redline", "packet"])
def test_pdf_option_runs_libreoffice_headless(tmp_path, name):
    """--pdf hands the written .docx to LibreOffice headless, with a private profile, and
    reports the PDF (the conversion itself is tested once, in `lo_pdfs`)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(FAKE_SOFFICE, encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    args, docx_path = _commands(tmp_path)[name]
    proc = run_cli("--clauses", str(PACK), *args, "--pdf",
                   env={"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"})
    assert proc.returncode == 0, proc.stderr
    pdf_path = docx_path.with_suffix(".pdf")
    assert f"wrote {pdf_path}" in proc.stdout and pdf_path.read_bytes().startswith(b"%PDF")
    called = (bin_dir / "args.txt").read_text(encoding="utf-8").split()
    assert "--headless" in called and called[
        called.index("--convert-to"):called.index("--convert-to") + 2] == ["--convert-to", "pdf"]
    assert any(a.startswith("-env:UserInstallation=file://") for a in called)
    assert str(docx_path) in called


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
