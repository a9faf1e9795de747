"""The `drafter` command. Each group of subcommands lives in its own module with a
`register(subparsers)` function; this file only wires them up and turns every
`DrafterError` into one line per problem on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import argparse
import gc
import io
import sys
from collections.abc import Sequence
from typing import NoReturn

from drafter import __version__
from drafter.commands import analyze, check, core, documents, gui, map
from drafter.errors import DrafterError

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


def _opens_a_file(argv: Sequence[str]) -> bool:
    """`drafter DRAFT.yaml` opens the app with that draft, as a desktop's "Open with"
    does; every other first word is a subcommand or an option."""
    return bool(argv) and not argv[0].startswith("-") and \
        argv[0].lower().endswith((".yaml", ".yml"))


def main(argv: Sequence[str] | None = None) -> int:
    # A one-shot command allocates many small objects and exits; cyclic garbage collection
    # only slows it down (~5% of an export). The long-running app turns it back on.
    gc.disable()
    for stream in (sys.stdout, sys.stderr):  # a console or pipe that is not UTF-8 (a
        if isinstance(stream, io.TextIOWrapper):  # Windows code page) shows "\u2014"
            stream.reconfigure(errors="backslashreplace")  # for what it cannot encode
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    if _opens_a_file(words):
        words = ["gui", *words]
    args = parser.parse_args(words)
    if not args.command:
        args = parser.parse_args(["gui", *words])
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
