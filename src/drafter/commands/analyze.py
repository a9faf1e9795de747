"""`drafter analyze`: read an existing ordinance and say what it already does."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from drafter import DISCLAIMER
from drafter.commands.options import add_law_options
from drafter.errors import DrafterError
from drafter.vocab import KINDS, PROTECTIONS, VERDICT_LABELS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("analyze", help="read an existing ordinance (.docx, .pdf, .txt, .md): "
                       "protections found, state-law check and gaps")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--state", metavar="XX", help="two-letter postal code (default: from the "
                   "text)")
    p.add_argument("--kind", choices=KINDS, help="kind of government (default: from the text)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--to-draft", metavar="OUT.yaml",
                   help="write a draft with the nearest options found")
    p.add_argument("--force", action="store_true", help="overwrite OUT.yaml if it exists")
    add_law_options(p, "check as of this date instead of today")
    p.set_defaults(func=cmd_analyze)


def cmd_analyze(args: argparse.Namespace) -> int:
    from drafter.analyze.report import analysis_json, analyze, to_draft
    from drafter.check.laws import load_lawbook
    from drafter.load.draft import save_draft
    from drafter.load.session import library_for

    out = Path(args.to_draft) if args.to_draft else None
    if out is not None and out.exists() and not args.force:
        raise DrafterError("already exists; choose another name or pass --force", out)
    lib = library_for(args)
    book = load_lawbook(args.laws, complete=False)
    a = analyze(args.file, lib, book, state=args.state, kind=args.kind, today=args.as_of)
    if out is not None:
        save_draft(to_draft(a, lib), out)
    if args.json:
        json.dump(analysis_json(a), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    where = ", ".join(x for x in (
        a.draft.jurisdiction.display_name if a.draft and a.place.name else a.place.name,
        a.place.state) if x) or "place not named in the text"
    print(f"{a.extracted.file}: {where}")
    if a.note:
        print(a.note)
    for f in a.found:
        m, c = f.match, f.clause
        print(f"\n{PROTECTIONS[m.protection][0]}: {c.id} ({c.strength}), confidence "
              f"{m.confidence:.2f}, at {', '.join(f.refs)}")
        print(textwrap.fill(f'"{m.establishing[0].quote}"', width=92, initial_indent="  ",
                            subsequent_indent="  ", max_lines=3, placeholder=' ..."'))
        if a.report is not None:
            top = a.report.decisive(c.id)
            why = textwrap.shorten(top.summary or top.message, 80)
            print(f"  {VERDICT_LABELS[top.verdict]}: {why}")
    if a.report is not None:
        print(f"\nILRC-style score (0-7): local {a.report.score_local}/7, with state law "
              f"{a.report.score_with_state}/7")
    elif not a.place.state:
        print("\nState law not checked: the text does not name its state; pass --state XX.")
    if a.gaps:
        print("\nGaps:")
        for g in a.gaps:
            tail = f" -> {g.suggested_option}" if g.suggested_option else ""
            print(textwrap.fill(g.why + tail, width=92, initial_indent="  - ",
                                subsequent_indent="    "))
    if out is not None:
        print(f"\nwrote {out} ({len(a.found)} clauses)")
    print(DISCLAIMER)
    return 0
