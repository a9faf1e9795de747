"""The core stays Qt-free (design brief): everything outside gui/ can be scripted and
tested headless, and the CLI never pays for Qt."""

from __future__ import annotations

import ast
import subprocess
import sys

from helpers import ROOT

SRC = ROOT / "src" / "drafter"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def test_no_qt_import_outside_gui():
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.parts[0] == "gui":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in QT_MODULES:
                    offenders.append(f"{rel}:{node.lineno} imports {name}")
    assert not offenders, offenders


def test_cli_and_core_run_without_loading_qt():
    code = ("import sys, drafter.cli, drafter.assemble, drafter.check.engine, "
            "drafter.redline, drafter.packet, drafter.comparison; drafter.cli.build_parser(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            f"{QT_MODULES!r}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(ROOT / "src")}).stdout
    assert out.strip() == "[]"


def _imports(path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.lineno, node.module))
    return out


def test_domain_modules_never_import_writers():
    """The model and the documents built from it know nothing of Word, HTML or text: the
    commands (drafter.export) and the app hand them to a writer."""
    domain = ("document", "layout", "assemble", "redline", "packet", "comparison", "diff",
              "draft", "library", "render", "session")
    offenders = [f"{name}.py:{line} imports {mod}" for name in domain
                 for line, mod in _imports(SRC / f"{name}.py")
                 if mod.startswith("drafter.formats") or mod.split(".")[0] in ("docx", "lxml")]
    assert not offenders, offenders


def test_lxml_only_through_python_docx():
    """lxml is python-docx's dependency, not ours: the package's code builds Word XML with
    python-docx's element API only."""
    offenders = [f"{p.relative_to(SRC)}:{line}" for p in SRC.rglob("*.py")
                 for line, mod in _imports(p) if mod.split(".")[0] == "lxml"]
    assert not offenders, offenders
