"""The `drafter` command. Each group of subcommands lives in its own module with a
`register(subparsers)` function (`commands/parser.py` wires them up); this file turns every
`DrafterError` into one line per problem on stderr and exit code 2, never a traceback.

`drafter` and `drafter DRAFT.yaml` are what a desktop's launcher and "Open with" run: they
start the app without importing or building the command-line parser (every subcommand
and option), which the window would otherwise wait for."""

from __future__ import annotations

import gc
import io
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from drafter.errors import DrafterError

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    from drafter.commands.parser import build_parser

    return build_parser()


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
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or (len(words) == 1 and _opens_a_file(words)):
        import argparse  # PySide6 imports it anyway; the parser is what is skipped

        from drafter.commands.gui import cmd_gui

        gc.enable()
        return _run(cmd_gui, argparse.Namespace(draft=words[0] if words else None))
    parser = build_parser()
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
    return _run(args.func, args)


def _run(command: Callable[[Any], int | None], args: Any) -> int:
    try:
        return int(command(args) or 0)
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
