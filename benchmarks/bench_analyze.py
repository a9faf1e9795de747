"""How well and how fast `drafter analyze` reads existing ordinances.

Quality: the hand-written test ordinances in tests/data/analyze/ (our own words, varied
styles) against tests/data/analyze/expected.yaml. Per protection: precision and recall of
"this text establishes the protection", and how often the option found is the expected one.
Speed: the whole `drafter analyze --json` process on a 30-page ordinance (the omnibus test
ordinance's operative sections repeated with new numbers, plus procedural filler).

    python benchmarks/bench_analyze.py          # prints the table; exit 1 below the aims
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "analyze"
AIM = 0.9
PAGE_CHARS = 3000


def expected() -> dict[str, dict]:
    with open(DATA / "expected.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def quality() -> tuple[dict[str, dict[str, float]], float, list[str]]:
    from drafter.analyze.report import analyze
    from drafter.check.laws import load_lawbook
    from drafter.session import library_from
    from drafter.vocab import PROTECTIONS

    lib = library_from()
    book = load_lawbook(None, complete=False)
    tp = dict.fromkeys(PROTECTIONS, 0)
    fp = dict.fromkeys(PROTECTIONS, 0)
    fn = dict.fromkeys(PROTECTIONS, 0)
    right = total = 0
    misses: list[str] = []
    for name, want in expected().items():
        a = analyze(DATA / name, lib, book)
        got = {f.match.protection: f.clause.id for f in a.found}
        exp = want.get("protections") or {}
        for pid in PROTECTIONS:
            if pid in got and pid in exp:
                tp[pid] += 1
                total += 1
                if got[pid] == exp[pid]:
                    right += 1
                else:
                    misses.append(f"{name}: {pid} option {got[pid]}, expected {exp[pid]}")
            elif pid in got:
                fp[pid] += 1
                misses.append(f"{name}: {pid} found but not expected ({got[pid]})")
            elif pid in exp:
                fn[pid] += 1
                misses.append(f"{name}: {pid} missed (expected {exp[pid]})")
    rows = {}
    for pid in PROTECTIONS:
        p = tp[pid] / (tp[pid] + fp[pid]) if tp[pid] + fp[pid] else 1.0
        r = tp[pid] / (tp[pid] + fn[pid]) if tp[pid] + fn[pid] else 1.0
        rows[pid] = {"precision": p, "recall": r, "n": tp[pid] + fn[pid]}
    return rows, (right / total if total else 1.0), misses


def long_ordinance(pages: int = 30) -> str:
    """About `pages` pages: the omnibus ordinance's sections renumbered and repeated, with
    procedural sections between them, as a long omnibus or codified chapter would have."""
    text = (DATA / "omnibus.txt").read_text(encoding="utf-8")
    body = text.split("Section 4.", 1)[1].split("Section 19.", 1)[0]
    blocks = re.split(r"\n(?=Section \d+\.)", "Section 4." + body)
    filler = ("The Clerk shall keep the minutes of each meeting, publish the agenda at least "
              "seventy-two hours in advance, and make the adopted text available at the "
              "public library and on the official website. ") * 4
    out = ["ORDINANCE NO. 2024-90", "AN ORDINANCE OF THE CITY AND COUNTY OF ALDERGROVE, "
           "COLORADO", ""]
    n = 1
    while sum(len(x) for x in out) < pages * PAGE_CHARS:
        for b in blocks:
            out.append(re.sub(r"^Section \d+\.", f"Section {n}.", b.strip()))
            n += 1
            out.append(f"Section {n}. Administration. {filler}")
            n += 1
            out.append("")
    return "\n\n".join(out)


def speed(pages: int = 30, runs: int = 3) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        text = long_ordinance(pages)
        path.write_text(text, encoding="utf-8")
        best = float("inf")
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "drafter", "analyze", str(path), "--json"],
                           check=True, stdout=subprocess.DEVNULL)
            best = min(best, time.perf_counter() - t)
    return best, len(text) // PAGE_CHARS


def main() -> int:
    rows, option_acc, misses = quality()
    print(f"{'protection':<22} {'precision':>9} {'recall':>7} {'texts':>5}")
    for pid, r in rows.items():
        print(f"{pid:<22} {r['precision']:>9.2f} {r['recall']:>7.2f} {r['n']:>5}")
    worst_p = min(r["precision"] for r in rows.values())
    worst_r = min(r["recall"] for r in rows.values())
    print(f"lowest precision {worst_p:.2f}, lowest recall {worst_r:.2f}; "
          f"option right where found: {option_acc:.2f}")
    for m in misses:
        print(f"  miss: {m}")
    secs, pages = speed()
    print(f"whole process, {pages}-page ordinance: {secs:.2f} s (best of 3)")
    ok = worst_p >= AIM and worst_r >= AIM and secs <= 1.0
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
