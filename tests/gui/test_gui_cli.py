"""`drafter gui --screenshot` on a headless box, and Qt staying out of the core."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import DATA, ROOT

pytestmark = pytest.mark.gui

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def headless_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["DRAFTER_STATE_DIR"] = str(tmp_path / "state")
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True,
                          text=True, env=env, timeout=180, cwd=ROOT)


def test_screenshot_works_without_a_display(tmp_path):
    draft = tmp_path / "draft.yaml"
    made = run(["new", str(draft), "--name", "Springfield", "--kind", "county",
                "--state", "IL"], headless_env(tmp_path))
    assert made.returncode == 0, made.stderr
    shot = tmp_path / "shot.png"
    proc = run(["gui", str(draft), "--screenshot", str(shot)], headless_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 20_000
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert width >= 1200 and height >= 700
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "state" / "settings.ini").exists()  # no user state touched


def test_screenshot_of_a_bad_draft_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("drafter_draft: 1\njurisdiction: {name: X, kind: township, state: IL}\n")
    proc = run(["gui", str(bad), "--screenshot", str(tmp_path / "x.png")],
               headless_env(tmp_path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "bad.yaml:2" in proc.stderr and "township" in proc.stderr
    assert not (tmp_path / "x.png").exists()


def test_core_and_cli_do_not_import_qt():
    code = ("import sys, drafter.cli, drafter.commands.gui, drafter.ordinance.assemble, "
            "drafter.check, "
            "drafter.formats.docx.ordinance, drafter.formats.preview, drafter.load.session; "
            "drafter.cli.build_parser(); "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_gui_command_is_registered():
    from drafter.cli import build_parser

    args = build_parser().parse_args(["gui", str(DATA / "draft.yaml"), "--screenshot", "x.png"])
    assert args.command == "gui" and args.screenshot == "x.png"


def test_no_display_is_a_clear_error_not_a_qt_abort(tmp_path):
    """Bare `drafter` on a machine with no display: one line, exit 2 (Qt would abort)."""
    from helpers import ROOT

    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT / "src")
    proc = subprocess.run([sys.executable, "-m", "drafter"], capture_output=True, text=True,
                          env=env, timeout=60, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "no display" in proc.stderr and "Traceback" not in proc.stderr


def test_a_missing_system_library_names_the_library_and_the_packages():
    """PySide6 installed but a Qt runtime library missing (a fresh Debian machine): the
    message says which library and where the package list is, not 'install PySide6'."""
    from drafter.commands.gui import qt_import_problem

    msg = qt_import_problem(ImportError(
        "libxcb-icccm.so.4: cannot open shared object file: No such file or directory"))
    assert "libxcb-icccm.so.4" in msg and "README" in msg and "pip install" not in msg
    plain = qt_import_problem(ImportError("No module named 'PySide6'"))
    assert "pip install PySide6-Essentials" in plain


@pytest.mark.parametrize("words", [[], [str(DATA / "draft.yaml")]])
def test_launcher_paths_start_the_app_without_the_command_line_parser(words):
    """`drafter` and `drafter DRAFT.yaml` (a desktop's launcher, "Open with") go straight
    to the app; building every subcommand's parser would only delay the window."""
    code = """
import json, sys
import drafter.gui.app as app
seen = []
app.run = lambda draft, extra, replace: seen.append([draft, extra, replace]) or 0
from drafter.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "seen": seen,
                  "parser": "drafter.commands.parser" in sys.modules}))
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code, *words], capture_output=True,
                         text=True, env=env, timeout=120, check=True).stdout
    import json

    got = json.loads(out)
    assert got == {"code": 0, "seen": [[words[0] if words else None, None, False]],
                   "parser": False}


def test_a_draft_with_options_still_goes_through_the_parser(tmp_path):
    proc = run([str(DATA / "draft.yaml"), "--no-such-option"], headless_env(tmp_path))
    assert proc.returncode == 2 and "unrecognized arguments: --no-such-option" in proc.stderr
