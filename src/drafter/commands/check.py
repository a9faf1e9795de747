"""`drafter check` and `drafter states`."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from drafter import DISCLAIMER
from drafter.commands.options import add_law_options
from drafter.errors import DrafterError
from drafter.vocab import VERDICT_LABELS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("check", help="check a draft's clauses against state and federal law")
    p.add_argument("draft", metavar="DRAFT.yaml")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--details", action="store_true",
                   help="also show each finding's rule id and the law data's research notes")
    add_law_options(p, "check as of this date instead of today")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("states", help="list the states with their posture and law data")
    p.add_argument("--json", action="store_true")
    add_law_options(p)
    p.set_defaults(func=cmd_states)


def _short(text: str, width: int) -> str:
    return textwrap.shorten(text, width=width, placeholder="...")


def cmd_check(args: argparse.Namespace) -> int:
    # imported here: every `drafter` start-up pays for module imports, and export needs none
    from drafter.check.engine import check_draft, report_json
    from drafter.check.laws import load_lawbook
    from drafter.load.session import draft_with_library

    draft, lib = draft_with_library(args.draft, args.library,
                                    bool(getattr(args, "replace_library", False)))
    # Only the draft's own state is needed: a missing file for another state must not stop
    # the check (the law-data tests enforce completeness); a missing file for this state is
    # reported by name by LawBook.state().
    book = load_lawbook(args.laws, complete=False, only=draft.jurisdiction.state)
    report = check_draft(draft, lib, book, args.as_of)
    if args.json:
        json.dump(report_json(report), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    reviewed = report.last_reviewed.isoformat() if report.last_reviewed else "unknown"
    print(f"{report.jurisdiction} — {report.state_name} ({report.state}), state posture: "
          f"{report.posture.replace('_', ' ')}; checked as of {report.checked_on}; "
          f"{report.state_name} law data last reviewed {reviewed}")
    if report.stale:
        print(f"Note: {report.stale}")
    if not report.findings:
        print("No clauses chosen.")
    details = bool(getattr(args, "details", False))
    for cid in report.clause_ids:
        found = report.for_clause(cid)
        if not found:
            continue
        top = report.decisive(cid)
        print()
        print(f"{cid}: {VERDICT_LABELS[top.verdict]}"
              + (f"  [{top.rule}]" if details else ""))
        print(textwrap.fill(top.message, width=92, initial_indent="  ",
                            subsequent_indent="  "))
        if details and top.notes:
            print(textwrap.fill(f"Research notes: {top.notes}", width=92,
                                initial_indent="  ", subsequent_indent="  "))
        pressure = report.pressure_for(cid)
        if pressure is not None:
            # apart from the verdict: a funding and litigation risk, never a legal block
            print("  " + _short(f"federal pressure (not a verdict): {pressure.summary}", 90)
                  + (f"  [{', '.join(pressure.actions)}]" if details else ""))
            if details:
                print(textwrap.fill(pressure.message, width=92, initial_indent="    ",
                                    subsequent_indent="    "))
        for f in found:
            if f is top:
                continue
            label = VERDICT_LABELS[f.verdict].lower()
            if not f.decides:
                label = "note"
            print("  " + _short(f"also, {label}: {f.summary or f.message}", 90)
                  + (f"  [{f.rule}]" if details else ""))
    counts = report.by_verdict(decisive_only=True)
    summary = ", ".join(f"{len(v)} {VERDICT_LABELS[k].lower()}" for k, v in counts.items()
                        if v)
    if summary:
        print(f"\nClauses: {summary}. `drafter check --details` adds rule ids; "
              "`--json` has every finding in full.")
    print(f"ILRC-style score (0-7): local {report.score_local}/7, with state law "
          f"{report.score_with_state}/7; federal pressure: "
          f"{report.pressure_level or 'none found'} (funding and litigation risk, "
          "apart from the verdicts)")
    print(DISCLAIMER)
    return 0


def cmd_states(args: argparse.Namespace) -> int:
    from drafter.check.engine import states_json
    from drafter.check.laws import load_lawbook

    book = load_lawbook(args.laws, complete=args.laws is None)
    rows = states_json(book)
    if args.json:
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if not rows:
        raise DrafterError("no state law files found", book.folder)
    w = max(len(r["name"]) for r in rows)
    print(f"code  {'name':<{w}}  {'posture':<20}  laws  last reviewed")
    for r in rows:
        print(f"{r['code']:<4}  {r['name']:<{w}}  {r['posture']:<20}  {r['laws']:>4}  "
              f"{r['last_reviewed'] or 'unknown'}")
    print(DISCLAIMER)
    return 0
