"""The command-line parser: each group of subcommands registers itself from its module
(`register(subparsers)`)."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from drafter import __version__
from drafter.commands import analyze, check, core, documents, gui, map

# new, clauses, export / check, states / compare, redline, packet / map / gui / analyze
COMMAND_MODULES = (core, check, documents, map, gui, analyze)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors are bad input too: exit 2
        self.print_usage(sys.stderr)
        print(f"drafter: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="drafter", description="Draft local ordinances limiting "
                     "entanglement with federal civil immigration enforcement. "
                     "A drafting aid, not legal advice.")
    parser.add_argument("--version", action="version", version=f"drafter {__version__}")
    parser.add_argument("--library", action="append", metavar="DIR",
                        help="extra clause pack folder or file (repeatable)")
    parser.add_argument("--clauses", action="append", metavar="DIR",
                        help="use this clause library instead of the shipped one (repeatable)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser
