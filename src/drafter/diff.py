"""Word-level differences between two texts: the comparison view, the comparison document
and the redline all use this one function so they always agree."""

from __future__ import annotations

import difflib
import re
from typing import Literal

Op = Literal["equal", "insert", "delete"]

_TOKEN = re.compile(r"\s+|[\w\u00C0-\uFFFF'’§.-]+|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Words with their punctuation, and the whitespace between them, as separate tokens;
    joining the tokens gives the text back exactly."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """Runs of (op, text). Joining 'equal'+'delete' gives `old`; 'equal'+'insert' gives
    `new`. Replacements come out as a delete followed by an insert."""
    a, b = tokens(old), tokens(new)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[tuple[Op, str]] = []

    def push(op: Op, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            push("equal", "".join(a[i1:i2]))
        else:
            push("delete", "".join(a[i1:i2]))
            push("insert", "".join(b[j1:j2]))
    return out
