"""Core benchmarks (issue 2). Prints one JSON object; no thresholds are enforced here.

- export_process: `drafter export` of the all-protections example as a whole process,
  against pandoc turning the same ordinance (as Markdown) into .docx, in the same run.
- assemble_write: in-process assemble + Word write of that example (target <= 40 ms).
- library_load: a synthetic 5,000-clause library (target < 0.5 s): cold (caches off), first
  (caches on but empty, so the load also writes them) and warm (from the caches).

Run: python benchmarks/bench_core.py   (from the repository root)
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_library  # noqa: E402

from drafter.assemble import assemble  # noqa: E402
from drafter.export import write_ordinance  # noqa: E402
from drafter.formats.text import section_lines  # noqa: E402
from drafter.session import draft_with_library  # noqa: E402

EXAMPLE = ROOT / "examples" / "riverside-county-ca.yaml"


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def to_markdown(doc) -> str:
    out = [f"# Ordinance No. {doc.number}", "", f"**{doc.title}**", ""]
    out += [p.text + "\n" for p in doc.recitals]
    out += [f"**{doc.enacting}**", ""]
    for heading, paras in section_lines(doc):
        out += [f"## {heading}", ""]
        out += [p + "\n" for p in paras]
    for p in doc.signature:
        out += [p.label, "", "______________________________", p.text, ""]
    return "\n".join(out)


def main() -> int:
    result: dict[str, object] = {"example": str(EXAMPLE.relative_to(ROOT))}
    tmp = Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    # Run from the source tree as an installed package would run: with compiled byte-code
    # (pip writes .pyc files at install; some machines set PYTHONDONTWRITEBYTECODE).
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"),
           "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    draft, lib = draft_with_library(EXAMPLE)
    doc = assemble(draft, lib)
    result["sections"] = len(doc.sections)

    # in-process assemble + write
    write_ordinance(assemble(draft, lib))  # warm caches (templates compiled once)
    ms = median_time(lambda: write_ordinance(assemble(draft, lib)), 20) * 1000
    result["assemble_write_ms"] = round(ms, 2)
    result["assemble_write_target_ms"] = 40

    # whole process: drafter export vs pandoc on the same ordinance
    out = tmp / "o.docx"
    cmd = [sys.executable, "-m", "drafter", "export", str(EXAMPLE), "-o", str(out)]
    # warm-up: writes the byte-code and the parse cache, as any earlier run would have
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    export_s = median_time(lambda: subprocess.run(cmd, check=True, capture_output=True,
                                                  env=env), 9)
    result["export_process_s"] = round(export_s, 3)
    pandoc = shutil.which("pandoc")
    if pandoc:
        md = tmp / "o.md"
        md.write_text(to_markdown(doc), encoding="utf-8")
        pcmd = [pandoc, str(md), "-o", str(tmp / "p.docx")]
        pandoc_s = median_time(lambda: subprocess.run(pcmd, check=True, capture_output=True),
                               9)
        result["pandoc_process_s"] = round(pandoc_s, 3)
        result["export_vs_pandoc_ratio"] = round(export_s / pandoc_s, 2)
        result["export_target"] = "ratio <= 1.25"
    else:
        result["pandoc_process_s"] = None
        result["note"] = "pandoc not installed; install it to compare"

    # library load: 5,000 synthetic clauses
    from drafter.library import load_library

    libdir = write_library(tmp / "lib", 5000)
    os.environ["DRAFTER_NO_CACHE"] = "1"
    cold = median_time(lambda: load_library([libdir]), 3)
    del os.environ["DRAFTER_NO_CACHE"]
    # first load: cold, and writing the parse and library caches on the way
    firsts = []
    for i in range(3):
        os.environ["DRAFTER_CACHE"] = str(tmp / f"cache{i}")
        firsts.append(median_time(lambda: load_library([libdir]), 1))
    warm = median_time(lambda: load_library([libdir]), 5)
    result["library_5000_cold_s"] = round(cold, 3)
    result["library_5000_first_s"] = round(statistics.median(firsts), 3)
    result["library_5000_warm_s"] = round(warm, 3)
    result["library_target_s"] = 0.5
    shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
