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


def _push(out: list[tuple[Op, str]], op: Op, text: str) -> None:
    """Append a run, merging it into the last one when the operation is the same."""
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1] = (op, out[-1][1] + text)
    else:
        out.append((op, text))


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """Runs of (op, text). Joining 'equal'+'delete' gives `old`; 'equal'+'insert' gives
    `new`. Replacements come out as a delete followed by an insert."""
    a, b = tokens(old), tokens(new)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[tuple[Op, str]] = []

    def push(op: Op, text: str) -> None:
        _push(out, op, text)

    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            push("equal", "".join(a[i1:i2]))
        else:
            push("delete", "".join(a[i1:i2]))
            push("insert", "".join(b[j1:j2]))
    return out


# A sentence: up to and including a full stop, semicolon or colon that ends a clause (one
# followed by white space or the end), with the white space after it. Sentences joined
# give the text back exactly.
_SENTENCE = re.compile(r".+?(?:[.;:](?=\s|$)|$)\s*", re.S)

# Below this share of surviving words a rewritten sentence reads better as the old sentence
# struck and the new one inserted than as interleaved words.
KEEP_WORDS = 0.6


def sentences(text: str) -> list[str]:
    return [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0)]


def similarity(old: str, new: str) -> float:
    """The share of words the two texts have in common, in order (0..1)."""
    a = [t for t in tokens(old) if not t.isspace()]
    b = [t for t in tokens(new) if not t.isspace()]
    if not a and not b:
        return 1.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return 2.0 * sum(m.size for m in sm.get_matching_blocks()) / (len(a) + len(b))


def readable_diff(old: str, new: str, keep: float = KEEP_WORDS) -> list[tuple[Op, str]]:
    """Like `word_diff`, but sentence by sentence: a sentence that keeps most of its words
    is marked word by word; a rewritten one comes out whole, deleted then inserted, so a
    reader sees the old sentence and the new one instead of a salad of both. Joining
    'equal'+'delete' still gives `old` and 'equal'+'insert' gives `new`."""
    a, b = sentences(old), sentences(new)
    out: list[tuple[Op, str]] = []

    def push(op: Op, text: str) -> None:
        _push(out, op, text)

    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            push("equal", "".join(a[i1:i2]))
            continue
        j = j1
        for s_old in a[i1:i2]:
            best, best_j = 0.0, -1
            for k in range(j, j2):
                r = similarity(s_old, b[k])
                if r > best:
                    best, best_j = r, k
            if best_j < 0 or best < keep:
                push("delete", s_old)
                continue
            for s_new in b[j:best_j]:
                push("insert", s_new)
            for op, text in word_diff(s_old, b[best_j]):
                push(op, text)
            j = best_j + 1
        for s_new in b[j:j2]:
            push("insert", s_new)
    return out
