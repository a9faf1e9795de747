"""Command-line options several commands share, declared once."""

from __future__ import annotations

import argparse
import datetime as dt


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-11-21: '{value}'") from None


def add_law_options(p: argparse.ArgumentParser, as_of_help: str | None = None) -> None:
    """--laws (another copy of the law data) and, with `as_of_help`, --as-of."""
    p.add_argument("--laws", metavar="DIR", help="law data folder (default: the shipped one)")
    if as_of_help:
        p.add_argument("--as-of", metavar="YYYY-MM-DD", type=iso_date, help=as_of_help)
