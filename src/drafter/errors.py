"""Error types shared by the loaders, the renderer and the writers.

Every problem a user can cause is a `DrafterError` carrying the file and line it came
from, so the CLI and the GUI can show one clear line instead of a traceback. Loaders
collect many problems into one `DataErrors` so a user fixes a file in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem in one place."""

    message: str
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line:
                where += f":{self.line}"
            where += ": "
        return where + self.message


class DrafterError(Exception):
    """A problem the user can fix; shown without a traceback."""

    def __init__(self, message: str, file: str | Path | None = None, line: int | None = None):
        self.problem = Problem(message, str(file) if file is not None else None, line)
        super().__init__(str(self.problem))

    @property
    def problems(self) -> list[Problem]:
        return [self.problem]


class DataErrors(DrafterError):
    """Several problems found while reading data; all of them are reported together."""

    def __init__(self, problems: Iterable[Problem]):
        self._problems = list(problems)
        first = self._problems[0] if self._problems else Problem("unknown error")
        Exception.__init__(self, "\n".join(str(p) for p in self._problems))
        self.problem = first

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems)


class FillInError(DrafterError):
    """A placeholder in a clause, definition or finding that the draft cannot fill.
    `clause` names the clause, when it is one, so the app can select it without reading
    the message."""

    def __init__(self, message: str, file: str | Path | None = None, line: int | None = None,
                 clause: str | None = None):
        super().__init__(message, file, line)
        self.clause = clause


class ExportError(DrafterError):
    """Writing an output file failed (path not writable, bad template, ...)."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean X?)' suffix when a close match exists, else ''."""
    import difflib  # only needed once something is wrong; keeps start-up short

    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
