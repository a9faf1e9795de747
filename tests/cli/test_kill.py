"""Kills at random moments (issue 14): an export or a draft save killed (SIGKILL) over an
existing good file leaves the old file or a complete new one, never a partial one, and the
next write to that folder leaves no stray temporary file.

Each kind runs for a time budget (DRAFTER_KILL_SECONDS per kind, default 3) with a fixed
seed, in separate processes, as a user's crash would."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from drafter.formats.docx.ordinance import write_ordinance
from drafter.load.draft import dumps, load_draft, save_draft
from drafter.load.library import load_library
from drafter.ordinance.assemble import assemble
from drafter.outputs import write_atomic
from helpers import DRAFT, PACK, ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

BUDGET = float(os.environ.get("DRAFTER_KILL_SECONDS", "3"))
MIN_KILLS = 6

# A slow disk: flushing takes 300 ms, so many kills land between the temporary file's
# creation and its rename, the window the clean-up exists for.
SLOW_DISK = textwrap.dedent("""\
    import os, time
    _fsync = os.fsync
    def slow_fsync(fd):
        time.sleep(0.3)
        _fsync(fd)
    os.fsync = slow_fsync
    """)

EXPORT_LOOP = SLOW_DISK + textwrap.dedent("""\
    import sys
    from drafter.ordinance.assemble import assemble
    from drafter.load.draft import load_draft
    from drafter.formats.docx.ordinance import write_ordinance
    from drafter.load.library import load_library
    lib = load_library([sys.argv[1]])
    doc = assemble(load_draft(sys.argv[2], set(lib.clauses)), lib)
    print("ready", flush=True)
    i = 0
    while True:
        write_ordinance(doc, sys.argv[3], line_numbers=bool(i % 2))
        i += 1
    """)

SAVE_LOOP = SLOW_DISK + textwrap.dedent("""\
    import sys
    from drafter.load.draft import load_draft, save_draft
    d = load_draft(sys.argv[1])
    texts = [sys.argv[2], sys.argv[3]]
    print("ready", flush=True)
    i = 0
    while True:
        d.clauses[0].text = texts[i % 2]
        save_draft(d, sys.argv[1])
        i += 1
    """)

RAW_LOOP = textwrap.dedent("""\
    import sys
    from drafter.outputs import write_atomic
    blobs = [bytes([65]) * 8_000_000, bytes([66]) * 8_000_000]
    print("ready", flush=True)
    i = 0
    while True:
        write_atomic(sys.argv[1], blobs[i % 2])
        i += 1
    """)


def _stray(folder: Path) -> list[str]:
    """Anything but the one output: a temporary file of any naming scheme counts."""
    return [p.name for p in folder.iterdir() if p.name not in ("o.docx", "d.yaml", "big.bin")]


def _kill_loop(script: str, args: list[str], check, rng: random.Random,
               max_delay: float) -> tuple[int, int]:
    """Start the writer, kill it at a random moment, check the file; repeat within the
    budget. Returns (kills, kills that left a temporary file behind)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    kills = orphans = 0
    deadline = time.monotonic() + BUDGET
    while kills < MIN_KILLS or time.monotonic() < deadline:
        proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, cwd=ROOT)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == b"ready\n", (line, proc.stderr.read() if proc.stderr else b"")
        time.sleep(rng.uniform(0, max_delay))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
        kills += 1
        orphans += check()
    return kills, orphans


def test_killed_exports_leave_old_or_complete_file(tmp_path):
    lib = load_library([PACK])
    doc = assemble(load_draft(DRAFT, set(lib.clauses)), lib)
    versions = {write_ordinance(doc, None, line_numbers=flag) for flag in (False, True)}
    out = tmp_path / "o.docx"
    old = b"PK old good file (any complete content)"
    out.write_bytes(old)
    rng = random.Random(14)

    def check() -> int:
        data = out.read_bytes()
        assert data == old or data in versions, f"partial file: {len(data)} bytes"
        left = _stray(tmp_path)
        write_ordinance(doc, out)  # the next write cleans up after the killed one
        assert _stray(tmp_path) == []
        out.write_bytes(old)
        return bool(left)

    kills, orphans = _kill_loop(EXPORT_LOOP, [str(PACK), str(DRAFT), str(out)], check, rng,
                                0.5)
    print(f"{kills} kills, {orphans} inside a write")
    assert kills >= MIN_KILLS
    assert orphans >= 1, "no kill landed inside a write; the test proves nothing"


def test_killed_cli_export_leaves_old_or_complete_file(tmp_path):
    """The real command, killed while it starts, assembles or writes."""
    lib = load_library([PACK])
    doc = assemble(load_draft(DRAFT, set(lib.clauses)), lib)
    new = write_ordinance(doc, None)
    out = tmp_path / "o.docx"
    old = b"old"
    out.write_bytes(old)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    rng = random.Random(15)
    # how long an export takes here, so kills spread over the whole run
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "drafter", "--clauses", str(PACK), "export",
                    str(DRAFT), "-o", str(out)], check=True, capture_output=True, env=env)
    span = time.monotonic() - start
    for _ in range(MIN_KILLS):
        out.write_bytes(old)
        proc = subprocess.Popen([sys.executable, "-m", "drafter", "--clauses", str(PACK),
                                 "export", str(DRAFT), "-o", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(rng.uniform(0.5, 1.0) * span)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert out.read_bytes() in (old, new)
        write_ordinance(doc, out)
        assert _stray(tmp_path) == []


def test_killed_saves_leave_old_or_complete_draft(tmp_path):
    path = tmp_path / "d.yaml"
    d = load_draft(DRAFT)
    save_draft(d, path)
    original = path.read_text(encoding="utf-8")
    texts = ["Alpha wording of {{ jurisdiction }}. " * 20,
             "Beta wording, quite different. " * 25]
    d.clauses[0].text = texts[0]
    versions = {original, dumps(d)}
    d.clauses[0].text = texts[1]
    versions.add(dumps(d))
    rng = random.Random(16)

    def check() -> int:
        text = path.read_text(encoding="utf-8")
        assert text in versions, f"partial draft: {len(text)} characters"
        load_draft(path)  # and it opens
        left = _stray(tmp_path)
        save_draft(load_draft(path), path)
        assert _stray(tmp_path) == []
        return bool(left)

    kills, orphans = _kill_loop(SAVE_LOOP, [str(path), *texts], check, rng, 0.5)
    print(f"{kills} kills, {orphans} inside a write")
    assert kills >= MIN_KILLS
    assert orphans >= 1, "no kill landed inside a write; the test proves nothing"


def test_killed_raw_writes_are_atomic_and_cleaned(tmp_path):
    """Big writes, so most kills land between creating the temporary file and renaming
    it: the case the clean-up exists for."""
    out = tmp_path / "big.bin"
    old = b"old"
    out.write_bytes(old)
    rng = random.Random(17)
    allowed = {old, b"A" * 8_000_000, b"B" * 8_000_000}

    def check() -> int:
        assert out.read_bytes() in allowed, "partial file"
        left = _stray(tmp_path)
        write_atomic(out, old)
        assert _stray(tmp_path) == []
        return bool(left)

    kills, orphans = _kill_loop(RAW_LOOP, [str(out)], check, rng, 0.3)
    print(f"{kills} kills, {orphans} inside a write")
    assert kills >= MIN_KILLS
    assert orphans >= 1, "no kill landed inside a write; the test proves nothing"
    assert orphans >= 1, "no kill landed inside a write; the test proves nothing"
