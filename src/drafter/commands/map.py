"""`drafter map OPTION_ID -o MAP.png|MAP.svg [--kind K]`: one option's verdict in every
state as a tile-grid map, for advocates' handouts and slides."""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.commands.options import add_law_options
from drafter.errors import DrafterError, did_you_mean
from drafter.vocab import KINDS, STATES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("map", help="map one clause option's verdict in every state "
                       "(.png or .svg)")
    p.add_argument("option", metavar="OPTION_ID", help="a clause id (see `drafter clauses`)")
    p.add_argument("-o", "--output", required=True, metavar="MAP.png|MAP.svg")
    p.add_argument("--kind", choices=KINDS, help="kind of government (default: county "
                   "where the option is written for counties)")
    p.add_argument("--highlight", metavar="XX", help="outline this state")
    add_law_options(p, "check as of this date instead of today")
    p.set_defaults(func=cmd_map)


def cmd_map(args: argparse.Namespace) -> int:
    from drafter import statemap
    from drafter.check.laws import load_lawbook
    from drafter.load.draft import atomic_write
    from drafter.load.session import library_for

    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise DrafterError(f"the map is written as .png or .svg, not '{out.suffix or out.name}'")
    highlight = args.highlight.upper() if args.highlight else None
    if highlight is not None and highlight not in STATES:
        raise DrafterError(f"unknown state '{args.highlight}'")
    lib = library_for(args)
    clause = lib.clauses.get(args.option)
    if clause is None:
        raise DrafterError(f"unknown clause option '{args.option}'"
                           + did_you_mean(args.option, list(lib.clauses)))
    book = load_lawbook(args.laws, complete=False)
    if suffix == ".svg":
        data = statemap.option_svg(clause, book, args.kind, args.as_of,
                                   highlight).encode("utf-8")
    else:
        data = statemap.option_png(clause, book, args.kind, args.as_of, highlight)
    try:
        atomic_write(out, data)
    except OSError as exc:
        raise DrafterError(f"cannot write the map: {exc.strerror or exc}", out) from None
    print(f"Wrote {out}")
    return 0
