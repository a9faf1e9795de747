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
    code = ("import sys, drafter.cli, drafter.ordinance.assemble, drafter.check.engine, "
            "drafter.papers.redline, drafter.papers.packet, drafter.papers.comparison; "
            "drafter.cli.build_parser(); "
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
    # (analyze reads Word files people give it; reading is not writing)
    domain = [p for pkg in ("load", "ordinance", "papers", "check")
              for p in (SRC / pkg).rglob("*.py")]
    assert len(domain) > 20
    offenders = [f"{p.relative_to(SRC)}:{line} imports {mod}" for p in domain
                 for line, mod in _imports(p)
                 if mod.startswith("drafter.formats") or mod.split(".")[0] in ("docx", "lxml")]
    assert not offenders, offenders


def test_lxml_only_through_python_docx():
    """lxml is python-docx's dependency, not ours: the package's code builds Word XML with
    python-docx's element API only."""
    offenders = [f"{p.relative_to(SRC)}:{line}" for p in SRC.rglob("*.py")
                 for line, mod in _imports(p) if mod.split(".")[0] == "lxml"]
    assert not offenders, offenders


def _module_name(path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _runtime_imports(path, known: set[str]) -> set[str]:
    """Modules of drafter that `path` imports when it runs (imports under
    `if TYPE_CHECKING:` are type-only and do not count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                 and "TYPE_CHECKING" in ast.dump(node.test) for n in ast.walk(node)}
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        out |= {t for t in targets if t in known}
    return out


def test_no_import_circles_in_src():
    paths = {(_module_name(p)): p for p in SRC.rglob("*.py")}
    known = set(paths)
    graph = {m: _runtime_imports(p, known) - {m} for m, p in paths.items()}
    # a package is imported before any of its submodules: count that edge too
    for m in known:
        parent = m.rsplit(".", 1)[0]
        if parent != m and parent in known:
            graph[m].add(parent)
    circles = []
    state: dict[str, int] = {}

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                circles.append(" -> ".join(stack[stack.index(n):] + [n]))
            elif n not in state:
                visit(n, [*stack, n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not circles, circles
