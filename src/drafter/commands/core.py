"""`drafter new`, `drafter clauses`, `drafter export`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import DataErrors, DrafterError, Problem, did_you_mean
from drafter.outputs import check_output
from drafter.vocab import KINDS, PROTECTIONS, STRENGTHS

if TYPE_CHECKING:
    from drafter.load.draft import Draft
    from drafter.load.library import Clause, Library

# The heavy modules (python-docx, YAML) are imported inside the commands: `drafter gui`
# builds this parser too and should not pay for them before its window appears.


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    p.add_argument("--allow-blocked", action="store_true",
                   help="export even if state law blocks a chosen clause")
    p.add_argument("--final", action="store_true",
                   help="the adoption copy: no DRAFT header and no Drafter footer line")
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


def cmd_new(args: argparse.Namespace) -> int:
    from drafter.check.laws import load_lawbook
    from drafter.check.proposal import propose
    from drafter.load.draft import ChosenClause, dumps, new_draft, refuse_unloadable, save_draft
    from drafter.load.session import library_for

    out = Path(args.out)
    if os.path.lexists(args.out) and not args.force:
        raise DrafterError("already exists; choose another name or pass --force", out)
    check_output(args.out)
    if not args.name.strip():
        raise DrafterError("--name is empty; give the jurisdiction's name, e.g. Springfield")
    draft = new_draft(args.name, args.kind, args.state)
    protections = parse_protections(args.protections)
    lib = library_for(args)
    proposal = propose(draft, lib, load_lawbook(None, only=draft.jurisdiction.state), protections,
                       args.strength)
    draft.clauses = [ChosenClause(c.id) for c in proposal.chosen]
    refuse_unloadable(dumps(draft), out, set(lib.clauses))
    save_draft(draft, out)
    print(f"wrote {out} ({len(draft.clauses)} clauses)")
    for line in proposal.notes(lib):
        print(f"  left out: {line}")
    return 0


def clause_json(c: Clause) -> dict[str, Any]:
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
    from drafter.load.session import library_for

    lib = library_for(args)
    from drafter.ordinance.render import template_problems

    problems = template_problems(lib)  # every template compiled and test-filled
    if problems:
        raise DataErrors(problems)
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
    from drafter.export import write_ordinance
    from drafter.load.session import draft_with_library
    from drafter.ordinance.assemble import assemble

    out = check_output(args.output, args.draft, args.template)
    draft, lib = draft_with_library(args.draft, args.library,
                                    getattr(args, "replace_library", False))
    if not args.allow_blocked:
        refuse_blocked(draft, lib)
    doc = assemble(draft, lib)
    template = args.template or draft.export.template
    if template and not args.template and draft.path is not None:
        template = str(draft.path.parent / template)
        check_output(args.output, template)
    write_ordinance(doc, out, template=template,
                    line_numbers=args.line_numbers or draft.export.line_numbers,
                    final=args.final)
    print(f"wrote {out}")
    if args.pdf:
        from drafter.pdf import convert_to_pdf_cli

        return convert_to_pdf_cli(out, args.draft, template)
    return 0


def refuse_blocked(draft: Draft, lib: Library) -> None:
    """A clause that state law blocks must not reach a council document by accident: name
    each one with the law that blocks it, and say how to export anyway."""
    from drafter.check.engine import check_draft
    from drafter.check.laws import load_lawbook

    report = check_draft(draft, lib, load_lawbook(None, only=draft.jurisdiction.state))
    blocked = report.by_verdict(decisive_only=True)["blocked"]
    if not blocked:
        return
    where = str(draft.path) if draft.path else None
    problems = [Problem(f"clause '{f.clause}' is blocked by state law "
                        f"({'; '.join(f.citations) or f.rule})", where) for f in blocked]
    problems.append(Problem(f"{len(blocked)} blocked clause(s): remove or replace them "
                            "(drafter check lists allowed options), or export anyway with "
                            "--allow-blocked", where))
    raise DataErrors(problems)
