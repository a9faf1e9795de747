"""Where the clause library, law data, templates and examples live.

From a source checkout they are the top-level folders of the repository; after
`pip install .` the build copies them into `drafter/data`. `DRAFTER_DATA` overrides both
(useful for a clause pack under test).
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # src/drafter


def data_dir(name: str) -> Path:
    """The folder `name` (clauses, laws, templates, examples) wherever it was installed."""
    override = os.environ.get("DRAFTER_DATA")
    candidates = []
    if override:
        candidates.append(Path(override) / name)
    candidates.append(_PACKAGE / "data" / name)
    candidates.append(_PACKAGE.parent.parent / name)  # src/drafter -> repository root
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[-1]
