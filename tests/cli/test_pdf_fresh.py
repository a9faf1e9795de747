"""--pdf reports success only for a PDF this run produced (issue 14): LibreOffice's exit
code is not trusted, a stale PDF is never presented as new, an incomplete one is refused.
Stand-in `soffice` scripts play each way LibreOffice can fail; one test runs the real one."""

from __future__ import annotations

import os
import stat
import sys
import textwrap
from pathlib import Path

import pytest

from drafter import cli, pdf
from drafter.errors import ExportError
from drafter.outputs import TMP_PREFIX
from helpers import DRAFT, PACK, require_soffice, run_cli

GOOD_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

FAKE = textwrap.dedent("""\
    #!{python}
    import pathlib, sys, time
    args = sys.argv[1:]
    log = pathlib.Path({log!r})
    with log.open("a") as fh:
        fh.write(" ".join(args) + "\\n")
    mode = {mode!r}
    outdir = pathlib.Path(args[args.index("--outdir") + 1])
    sources = [pathlib.Path(a) for a in args[args.index("--outdir") + 2:]]
    if mode == "sleep":
        time.sleep(60)
    for src in sources:
        if mode == "good":
            (outdir / (src.stem + ".pdf")).write_bytes({good!r})
        elif mode == "truncated":
            (outdir / (src.stem + ".pdf")).write_bytes(b"%PDF-1.4\\n1 0 obj<<")
        elif mode == "empty":
            (outdir / (src.stem + ".pdf")).write_bytes(b"")
        elif mode == "html":
            (outdir / (src.stem + ".pdf")).write_bytes(b"<html>error</html>")
        elif mode == "beside":  # writes next to the source, not into --outdir
            (src.parent / (src.stem + ".pdf")).write_bytes({good!r})
    sys.exit(1 if mode == "fail" else 0)
    """)


def _fake(tmp_path: Path, mode: str) -> tuple[Path, Path]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    log = tmp_path / "soffice.log"
    script = bin_dir / "soffice"
    script.write_text(FAKE.format(python=sys.executable, log=str(log), mode=mode,
                                  good=GOOD_PDF))
    script.chmod(0o755)
    return script, log


def _docx(tmp_path: Path, name: str = "o.docx") -> Path:
    out = tmp_path / name
    out.parent.mkdir(parents=True, exist_ok=True)
    assert cli.main(["--clauses", str(PACK), "export", str(DRAFT), "-o", str(out)]) == 0
    return out


pytestmark = pytest.mark.skipif(os.name != "posix", reason="stand-in soffice is a script")


@pytest.mark.parametrize("mode,needle", [
    ("nothing", "made no PDF"),      # exit 0, no file: the classic "profile locked" case
    ("fail", "made no PDF"),
    ("empty", "made no PDF"),
    ("truncated", "incomplete PDF"),
    ("html", "incomplete PDF"),
    ("beside", "made no PDF"),       # a PDF in the wrong place is not this run's PDF
])
def test_no_fresh_pdf_no_success(tmp_path, monkeypatch, capsys, mode, needle):
    script, _ = _fake(tmp_path, mode)
    monkeypatch.setattr(pdf, "find_soffice", lambda: str(script))
    docx_path = _docx(tmp_path)
    stale = docx_path.with_suffix(".pdf")
    if mode != "beside":
        stale.write_bytes(GOOD_PDF + b"% stale\n")
    capsys.readouterr()
    with pytest.raises(ExportError, match=needle):
        pdf.convert(docx_path)
    if mode != "beside":
        assert stale.read_bytes() == GOOD_PDF + b"% stale\n"
        with pytest.raises(ExportError, match="earlier run"):
            pdf.convert(docx_path)


def test_stale_pdf_is_not_reported_by_the_cli(tmp_path, monkeypatch):
    script, _ = _fake(tmp_path, "nothing")
    docx_path = tmp_path / "o.docx"
    stale = docx_path.with_suffix(".pdf")
    stale.write_bytes(GOOD_PDF)
    proc = run_cli("--clauses", str(PACK), "export", str(DRAFT), "-o", str(docx_path), "--pdf",
                   env={"PATH": f"{script.parent}{os.pathsep}{os.environ['PATH']}"})
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert f"wrote {stale}" not in proc.stdout
    assert "PDF not written" in proc.stderr and "earlier run" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_fresh_pdf_is_moved_keeping_the_old_files_mode(tmp_path, monkeypatch):
    script, log = _fake(tmp_path, "good")
    monkeypatch.setattr(pdf, "find_soffice", lambda: str(script))
    docx_path = _docx(tmp_path)
    target = docx_path.with_suffix(".pdf")
    target.write_bytes(b"old")
    target.chmod(0o640)
    assert pdf.convert(docx_path) == target
    assert target.read_bytes() == GOOD_PDF
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TMP_PREFIX)]
    # LibreOffice wrote into its own fresh folder, never next to the document
    outdir = log.read_text().split("--outdir ")[1].split()[0]
    assert Path(outdir).parent != docx_path.parent and not Path(outdir).exists()


def test_read_only_pdf_is_refused_before_converting(tmp_path, monkeypatch):
    script, log = _fake(tmp_path, "good")
    monkeypatch.setattr(pdf, "find_soffice", lambda: str(script))
    docx_path = _docx(tmp_path)
    target = docx_path.with_suffix(".pdf")
    target.write_bytes(b"signed")
    target.chmod(0o444)
    try:
        with pytest.raises(ExportError, match="read-only"):
            pdf.convert(docx_path)
    finally:
        target.chmod(0o644)
    assert target.read_bytes() == b"signed"
    assert not log.exists()


def test_batches_share_one_start_unless_names_collide(tmp_path, monkeypatch):
    script, log = _fake(tmp_path, "good")
    monkeypatch.setattr(pdf, "find_soffice", lambda: str(script))
    a = _docx(tmp_path, "a.docx")
    b = _docx(tmp_path, "b.docx")
    a2 = _docx(tmp_path / "other", "a.docx")
    results = pdf.convert_many([a, b, a2])
    assert results == {a: a.with_suffix(".pdf"), b: b.with_suffix(".pdf"),
                       a2: a2.with_suffix(".pdf")}
    assert len(log.read_text().splitlines()) == 2  # a and b together, then the other a
    for p in results.values():
        assert isinstance(p, Path) and p.read_bytes() == GOOD_PDF


def test_missing_input_and_timeout(tmp_path, monkeypatch):
    script, _ = _fake(tmp_path, "sleep")
    monkeypatch.setattr(pdf, "find_soffice", lambda: str(script))
    monkeypatch.setattr(pdf, "TIMEOUT", 1)
    missing = tmp_path / "gone.docx"
    docx_path = _docx(tmp_path)
    results = pdf.convert_many([missing, docx_path])
    assert "missing" in str(results[missing])
    assert "longer than 1 s" in str(results[docx_path])
    assert not docx_path.with_suffix(".pdf").exists()


@pytest.mark.libreoffice
def test_real_libreoffice_batch(tmp_path):
    require_soffice()
    paths = [_docx(tmp_path, f"{n}.docx") for n in ("one", "two")]
    stale = paths[1].with_suffix(".pdf")
    stale.write_bytes(b"stale")
    results = pdf.convert_many(paths)
    for p in paths:
        made = results[p]
        assert isinstance(made, Path), made
        data = made.read_bytes()
        assert pdf.looks_like_pdf(data) and len(data) > 1000


def test_pdf_never_lands_on_an_input(tmp_path, monkeypatch, capsys):
    """`drafter export d.pdf -o d.docx --pdf`: the PDF would replace the draft."""
    script, log = _fake(tmp_path, "good")
    monkeypatch.setattr(pdf, "find_soffice", lambda: str(script))
    draft = tmp_path / "d.pdf"
    draft.write_bytes(DRAFT.read_bytes())
    code = cli.main(["--clauses", str(PACK), "export", str(draft), "-o",
                     str(tmp_path / "d.docx"), "--pdf"])
    err = capsys.readouterr().err
    assert code == 2 and "input files" in err, err
    assert draft.read_bytes() == DRAFT.read_bytes()
    assert not log.exists()
