"""Problems found in a case's files, and the one error type the readers raise.

Every problem names its file, line and column, as ``PATH:LINE: column 'COL':
message`` (DESIGN.md; the header is line 1). Messages never repeat more of a
cell than needed: participants' data ends up in logs.

Example
-------
>>> str(Problem("data/cases/x/actors.csv", 3, "sector", "unknown value"))
"data/cases/x/actors.csv:3: column 'sector': unknown value"
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: At most this many characters of a cell are quoted back in a message.
QUOTE_LIMIT = 24


def quote(value: object) -> str:
    """Quote a cell for a message, cut to :data:`QUOTE_LIMIT` characters.

    >>> quote("a" * 40)
    "'aaaaaaaaaaaaaaaaaaaaaaaa…'"
    """
    text = str(value)
    if len(text) > QUOTE_LIMIT:
        text = text[:QUOTE_LIMIT] + "…"
    return repr(text)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one place of one file."""

    path: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.column:
            return f"{where}: column '{self.column}': {self.message}"
        return f"{where}: {self.message}"


class CaseError(Exception):
    """A case cannot be loaded; :attr:`problems` lists every reason at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=_reading_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _reading_order(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.path, problem.line or 0, problem.column or "", problem.message)


def display_path(path: Path | str) -> str:
    """A path as the user wrote it: relative to the working directory when inside it."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):  # outside the working directory, or no working directory any more
        return str(path)
