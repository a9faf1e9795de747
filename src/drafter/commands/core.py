"""`drafter new`, `drafter clauses`, `drafter export`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import DrafterError, did_you_mean
from drafter.outputs import check_output, refuse_unloadable
from drafter.vocab import KINDS, PROTECTIONS, STRENGTHS

if TYPE_CHECKING:
    from drafter.library import Clause

# The heavy modules (python-docx, YAML) are imported inside the commands: `drafter gui`
# builds this parser too and should not pay for them before its window appears.


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create a draft file")
    p.add_argument("out", metavar="OUT.yaml")
    p.add_argument("--name", required=True, help="jurisdiction name, e.g. Springfield")
    p.add_argument("--kind", required=True, choices=KINDS)
    p.add_argument("--state", required=True, metavar="XX", help="two-letter postal code")
    p.add_argument("--protections", default="all",
                   help="'all' or comma-separated protection ids")
    p.add_argument("--strength", default="strongest", choices=STRENGTHS,
                   help="for each protection, the option of this strength or the nearest")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it exists")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("clauses", help="list the clause library")
    p.add_argument("--protection", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_clauses)

    p = sub.add_parser("export", help="export a draft as a Word document")
    p.add_argument("draft", metavar="DRAFT.yaml")
    p.add_argument("-o", "--output", required=True, metavar="OUT.docx")
    p.add_argument("--line-numbers", action="store_true")
    p.add_argument("--template", metavar="HOUSE.docx")
    p.add_argument("--pdf", action="store_true", help="also write a PDF (needs LibreOffice)")
    p.set_defaults(func=cmd_export)


def parse_protections(value: str) -> list[str]:
    if value.strip().lower() == "all":
        return list(PROTECTIONS)
    out = []
    for raw in value.split(","):
        pid = raw.strip()
        if not pid:
            continue
        if pid not in PROTECTIONS:
            raise DrafterError(f"unknown protection id '{pid}'{did_you_mean(pid, PROTECTIONS)}")
        if pid not in out:
            out.append(pid)
    return out


def choose_clauses(lib, protections: list[str], strength: str, kind: str) -> list[str]:
    """One option per protection, preferring options that suit the jurisdiction kind."""
    ids = []
    for pid in protections:
        opts = [c for c in lib.options(pid) if kind in c.kinds] or lib.options(pid)
        if not opts:
            continue
        want = STRENGTHS.index(strength)
        best = min(opts, key=lambda c: (abs(c.strength_rank - want), c.strength_rank))
        ids.append(best.id)
    return ids


def cmd_new(args: argparse.Namespace) -> int:
    from drafter.draft import ChosenClause, dumps, new_draft, save_draft
    from drafter.session import library_for

    out = Path(args.out)
    if os.path.lexists(args.out) and not args.force:
        raise DrafterError("already exists; choose another name or pass --force", out)
    check_output(args.out)
    if not args.name.strip():
        raise DrafterError("--name is empty; give the jurisdiction's name, e.g. Springfield")
    draft = new_draft(args.name, args.kind, args.state)
    protections = parse_protections(args.protections)
    lib = library_for(args)
    # only protections whose clauses can be filled by this kind of jurisdiction
    ids = choose_clauses(lib, protections, args.strength, args.kind)
    j = draft.jurisdiction
    for cid in ids:
        c = lib.clauses[cid]
        if all(j.agency(a) for a in c.agencies):
            draft.clauses.append(ChosenClause(cid))
    refuse_unloadable(dumps(draft), out, set(lib.clauses))
    save_draft(draft, out)
    print(f"wrote {out} ({len(draft.clauses)} clauses)")
    return 0


def clause_json(c: Clause) -> dict:
    return {
        "id": c.id, "protection": c.protection, "strength": c.strength, "title": c.title,
        "summary": c.summary, "heading": c.heading, "kinds": c.kinds, "agencies": c.agencies,
        "terms": c.terms, "findings": c.findings,
        "restricts_status_info": c.restricts_status_info,
        "reaches_private_contractors": c.reaches_private_contractors,
        "modeled_on": [{"jurisdiction": e.jurisdiction, "year": e.year,
                        "instrument": e.instrument, "citation": e.citation}
                       for e in c.modeled_on],
        "conflicts_with": c.conflicts_with, "notes": c.notes, "text": c.text,
    }


def cmd_clauses(args: argparse.Namespace) -> int:
    from drafter.session import library_for

    lib = library_for(args)
    if args.protection and args.protection not in PROTECTIONS:
        raise DrafterError(f"unknown protection id '{args.protection}'"
                           f"{did_you_mean(args.protection, PROTECTIONS)}")
    pids = [args.protection] if args.protection else list(PROTECTIONS)
    clauses = [c for pid in pids for c in lib.options(pid)]
    if args.json:
        json.dump([clause_json(c) for c in clauses], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    for pid in pids:
        prot = lib.protections[pid]
        factor = f"  [ILRC factor {prot.ilrc_factor}]" if prot.ilrc_factor else ""
        print(f"{pid} — {prot.title}{factor}")
        for c in lib.options(pid):
            print(f"  {c.id:<45} {c.strength:<9} {c.title}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from drafter.assemble import assemble
    from drafter.formats.docx_writer import write_ordinance
    from drafter.session import draft_with_library

    out = check_output(args.output, args.draft, args.template)
    draft, lib = draft_with_library(args.draft, args.library,
                                    getattr(args, "replace_library", False))
    doc = assemble(draft, lib)
    template = args.template or draft.export.template
    if template and not args.template and draft.path is not None:
        template = str(draft.path.parent / template)
        check_output(args.output, template)
    write_ordinance(doc, out, template=template,
                    line_numbers=args.line_numbers or draft.export.line_numbers)
    print(f"wrote {out}")
    if args.pdf:
        from drafter.pdf import convert_to_pdf_cli

        return convert_to_pdf_cli(out, args.draft, template)
    return 0
