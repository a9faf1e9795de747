"""The `drafter` command. Each group of subcommands lives in its own module with a
`register(subparsers)` function; this file only wires them up and turns every
`DrafterError` into one line per problem on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from drafter import __version__
from drafter.errors import DrafterError

COMMAND_MODULES = (
    "drafter.commands.core",      # new, clauses, export
    "drafter.commands.check",     # check, states
    "drafter.commands.documents", # compare, redline, packet
    "drafter.commands.gui",       # gui
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors are bad input too: exit 2
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
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # A one-shot command allocates many small objects and exits; cyclic garbage collection
    # only slows it down (~5% of an export). The long-running app turns it back on.
    gc.disable()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        args = parser.parse_args(["gui", *(argv or [])])
    if args.command == "gui":
        gc.enable()
    if args.clauses:
        # --clauses replaces the shipped library; --library packs still add to it
        args.library = [*args.clauses, *(args.library or [])]
        args.replace_library = True
    try:
        return int(args.func(args) or 0)
    except DrafterError as exc:
        for problem in exc.problems:
            print(f"drafter: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
