"""Problems found in a case's files, and the one error type the readers raise.

Every problem names its file, line and column, as ``PATH:LINE: column 'COL':
message`` (docs/design.md §Validation; the header is line 1), or ``PATH:LINE: colonne 'COL' :
message`` in French. Messages never repeat more of a cell than needed:
participants' data ends up in logs.

A problem holds its message in English (:attr:`Problem.message`, what the
library API and ``str()`` give) and, when it was made from the catalogue of
:mod:`commons_analysis.core.messages`, the message as data
(:attr:`Problem.said`), which :meth:`Problem.text` writes in French too. A
plain English message (``Problem(path, line, column, "…")``) is shown as is
in both languages.

Example
-------
>>> str(Problem("data/cases/x/actors.csv", 3, "sector", "unknown value"))
"data/cases/x/actors.csv:3: column 'sector': unknown value"
>>> Problem.of("data/cases/x/actors.csv", 1, "secteur", say("ingest.validation.required_column")).text("fr")
"data/cases/x/actors.csv:1: colonne 'secteur' : colonne obligatoire manquante"
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from commons_analysis.core.messages import ENGLISH, Message, say

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
    #: The message in English.
    message: str
    #: The message as data (key and values), when it comes from the catalogue: it can then be
    #: written in French too. Not compared: it says the same as :attr:`message`.
    said: Message | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, path: str, line: int | None, column: str | None, message: str | Message) -> Problem:
        """A problem whose message is a catalogue :class:`Message` (or a plain English string)."""
        if isinstance(message, Message):
            return cls(path, line, column, message.text(ENGLISH), message)
        return cls(path, line, column, message)

    def text(self, lang: str = ENGLISH) -> str:
        """The problem as printed, in ``lang``: ``PATH:LINE: column 'COL': message``."""
        message = self.said.text(lang) if self.said is not None else self.message
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.column:
            return say("core.problem.column", where=where, column=self.column, message=message).text(lang)
        return say("core.problem.plain", where=where, message=message).text(lang)

    def __str__(self) -> str:
        return self.text(ENGLISH)


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
