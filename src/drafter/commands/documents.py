"""`drafter compare`, `drafter redline`, `drafter packet`: the documents beside the
ordinance. Each writes a .docx (and with --pdf a PDF through LibreOffice, when installed)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from drafter.commands.options import add_law_options, iso_date
from drafter.errors import DrafterError
from drafter.outputs import check_output


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("compare", help="compare clause options side by side (.docx table)")
    p.add_argument("clause_ids", nargs="+", metavar="CLAUSE_ID",
                   help="two or more clause ids (see `drafter clauses`)")
    p.add_argument("--state", metavar="XX", help="show each option's verdict in this state")
    p.add_argument("-o", "--output", required=True, metavar="OUT.docx")
    add_law_options(p, "check and date the document as of this day instead of today")
    _template_option(p)
    _pdf_option(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("redline", help="redline between two versions of a draft (.docx)")
    p.add_argument("old", metavar="OLD.yaml")
    p.add_argument("new", metavar="NEW.yaml")
    p.add_argument("-o", "--output", required=True, metavar="OUT.docx")
    p.add_argument("--style", choices=("tracked", "strike-underline"), default="tracked",
                   help="tracked: Word tracked changes to accept or reject (default); "
                        "strike-underline: a clean copy with deletions struck through and "
                        "insertions underlined")
    p.add_argument("--author", default="Drafter", metavar="NAME",
                   help="author of the tracked changes (default: Drafter)")
    p.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                   help="date of the tracked changes (default: the new draft's date)")
    p.add_argument("--line-numbers", action="store_true")
    _template_option(p)
    _pdf_option(p)
    p.set_defaults(func=cmd_redline)

    p = sub.add_parser("packet", help="staff report for the agenda packet (.docx)")
    p.add_argument("draft", metavar="DRAFT.yaml")
    p.add_argument("-o", "--output", required=True, metavar="OUT.docx")
    add_law_options(p, "date the memo and run the check as of this day instead of today")
    _template_option(p)
    _pdf_option(p)
    p.set_defaults(func=cmd_packet)


def _template_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--template", metavar="HOUSE.docx",
                   help="a house Word template (.docx or .dotx) whose styles, margins and "
                        "letterhead the document takes")


def _draft_template(args: argparse.Namespace, draft: object) -> str | None:
    """--template, else the draft's own `export.template` (relative to the draft)."""
    if args.template:
        return str(args.template)
    template = getattr(getattr(draft, "export", None), "template", None)
    path = getattr(draft, "path", None)
    if template and path is not None:
        return str(Path(path).parent / template)
    return template


def _pdf_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pdf", action="store_true",
                   help="also write a PDF next to the .docx (needs LibreOffice)")


def _finish(out: Path, pdf: bool, *inputs: str | None) -> int:
    print(f"wrote {out}")
    if pdf:
        from drafter.pdf import convert_to_pdf_cli

        return convert_to_pdf_cli(out, *inputs)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from drafter.export import write_comparison
    from drafter.load.session import library_for
    from drafter.papers.comparison import resolve_options

    out = check_output(args.output, args.template)
    if len(args.clause_ids) < 2:
        raise DrafterError("compare needs at least two clause ids, e.g. `drafter compare "
                           "detainers.judicial_warrant_only detainers.double_lock -o "
                           "compare.docx`")
    lib = library_for(args)
    _, warnings = resolve_options(args.clause_ids, lib)  # unknown ids: exit 2, did-you-mean
    for w in warnings:
        print(f"drafter: warning: {w}", file=sys.stderr)
    lawbook = None
    if args.state:
        from drafter.check.laws import load_lawbook

        lawbook = load_lawbook(args.laws, complete=False)
    write_comparison(args.clause_ids, lib, lawbook, args.state, out, today=args.as_of,
                     template=args.template)
    return _finish(out, args.pdf, args.template)


def cmd_redline(args: argparse.Namespace) -> int:
    from drafter.export import write_redline
    from drafter.load.draft import load_draft
    from drafter.load.session import library_for
    from drafter.ordinance.assemble import assemble

    out = check_output(args.output, args.old, args.new)
    lib = library_for(args)
    ids = set(lib.clauses)
    old, new = load_draft(args.old, ids), load_draft(args.new, ids)
    jo, jn = old.jurisdiction, new.jurisdiction
    if (jo.display_name, jo.state) != (jn.display_name, jn.state):
        print(f"drafter: note: the two drafts are for different jurisdictions "
              f"({jo.display_name}, {jo.state or '?'} and {jn.display_name}, "
              f"{jn.state or '?'}); the redline compares their texts as they are, and "
              "says so in its header", file=sys.stderr)
    when = None
    if args.date is not None:
        when = dt.datetime(args.date.year, args.date.month, args.date.day, 9, 0, 0)
    template = _draft_template(args, new)
    if template:
        check_output(args.output, template)
    write_redline(assemble(old, lib), assemble(new, lib), out, style=args.style,
                  author=args.author, date=when, template=template,
                  line_numbers=args.line_numbers or new.export.line_numbers)
    return _finish(out, args.pdf, args.old, args.new, template)


def cmd_packet(args: argparse.Namespace) -> int:
    from drafter.check.laws import load_lawbook
    from drafter.export import write_packet
    from drafter.load.session import draft_with_library

    out = check_output(args.output, args.draft)
    draft, lib = draft_with_library(args.draft, args.library,
                                    bool(getattr(args, "replace_library", False)))
    lawbook = load_lawbook(args.laws, only=draft.jurisdiction.state)
    template = _draft_template(args, draft)
    if template:
        check_output(args.output, template)
    write_packet(draft, lib, lawbook, out, today=args.as_of, template=template)
    return _finish(out, args.pdf, args.draft, template)
