"""How the importers word what they report: bad records and summaries as messages of the catalogue.

Definition
----------
An importer speaks the user's language (issue 11, item 4): each problem of a
record is a :class:`~commons_analysis.core.messages.Message` of the catalogue
(keys ``sources.…``), put into words only when printed, and so is each line
of an import's summary. Helpers for that:

- :class:`RecordError`: the ``ValueError`` a parser of one value (a date, a
  name) raises; it carries its message, which the caller puts into a
  :class:`~commons_analysis.core.errors.Problem` with the file, line and column;
- :func:`joined`: several messages as one, separated as a sentence lists
  them, each part written in the language of the whole;
- :func:`decoded`: bytes as UTF-8 text, or the problem naming the line and byte that are not;
- :func:`record_text`: the text of a record file, or the problem that it is not UTF-8.

Reference: :mod:`commons_analysis.core.messages`; docs/design.md §Tables
(``PATH:LINE: column 'COL': message``).

Example
-------
>>> parts = [say("sources.debian.leaders"), say("sources.debian.seconders")]
>>> joined(parts).text("en"), joined(parts, ";").text("fr")
('leaders, seconders', 'responsables élus ; soutiens')
>>> str(RecordError(say("sources.python.no_author")))
'no author named'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import Message, say

#: The separators :func:`joined` knows, and the message of the catalogue that writes each.
SEPARATORS = {",": "sources.joined.comma", ";": "sources.joined.semicolon"}


class RecordError(ValueError):
    """A value of a record that cannot be read; :attr:`said` says why, as a message of the catalogue.

    ``str()`` gives the message in English, as for any ``ValueError``.
    """

    def __init__(self, said: Message):
        super().__init__(said.text())
        self.said = said


def joined(parts: Sequence[Message], separator: str = ",") -> Message:
    """One message made of ``parts`` in order, separated by ``separator`` (``,`` or ``;``).

    Split in halves rather than chained, so that a long list nests only log₂(n)
    deep when it is written. At least one part is needed.

    >>> persons = [say("sources.debian.summary.person", role=say("sources.debian.seconder"), actor=n)
    ...            for n in ("a", "b", "c")]
    >>> joined(persons, ";").text("en")
    'seconder a; seconder b; seconder c'
    """
    if not parts:
        raise ValueError("joined() needs at least one message")
    if len(parts) == 1:
        return parts[0]
    middle = len(parts) // 2
    return say(
        SEPARATORS[separator], first=joined(parts[:middle], separator), rest=joined(parts[middle:], separator)
    )


def decoded(data: bytes, shown: str, encoding: str = "utf-8") -> str:
    """``data`` as text (``utf-8``; ``utf-8-sig`` also allows a BOM); else a :class:`CaseError` naming
    ``shown``, the line and the byte that is not UTF-8.

    >>> try:
    ...     decoded(b"ok\\n\\xe9t\\xe9", "notes.txt")
    ... except CaseError as error:
    ...     print(error.problems[0])
    notes.txt:2: not UTF-8 text (byte 3)
    """
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        not_utf8 = say("sources.not_utf8_byte", byte=error.start)
        raise CaseError([Problem.of(shown, line, None, not_utf8)]) from None


def record_text(path: Path | str) -> str:
    """The text of a record file in UTF-8; else a :class:`CaseError` naming the file, line and byte."""
    from commons_analysis.ingest.reading.files import read_file_bytes  # regular files only, bounded

    text = decoded(read_file_bytes(Path(path), str(path)), str(path))
    return text.replace("\r\n", "\n").replace("\r", "\n")  # line ends as text mode reads them


__all__ = ["SEPARATORS", "RecordError", "decoded", "joined", "record_text"]
