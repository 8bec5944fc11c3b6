"""Just enough reStructuredText to read the PEPs kept whole: sections, paragraphs, lists, grid tables.

These are not a general rst parser: they read the constructs the governance
PEPs use, and keep the line of everything they return so that a message
can point at it.

Example
-------
>>> text = "Title\\n=====\\n\\nSee `PEP 13 <https://peps.python.org/pep-0013/>`__ [#a]_.\\n"
>>> [(s.title, s.line) for s in sections(text)]
[('Title', 1)]
>>> plain(sections(text)[0].paragraphs()[0][1])
'See PEP 13.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")
_LINK = re.compile(r"`([^`<]*?)\s*<[^<>`]*>`_{1,2}")
_ROLE = re.compile(r":[a-z]+:`([^`<]*?)(?:\s*<[^<>`]*>)?`")
_FOOTNOTE = re.compile(r"\s*\[#?[\w-]*\]_")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+(.*)$")


@dataclass(frozen=True)
class Section:
    """A titled section: its title, the line of the title, the underline character, and its lines."""

    title: str
    line: int
    level: str
    lines: tuple[tuple[int, str], ...]

    def paragraphs(self) -> list[tuple[int, str]]:
        """Blocks of non-blank lines joined by spaces, each with its first line number."""
        blocks: list[tuple[int, str]] = []
        current: list[str] = []
        first = 0
        for number, text in self.lines:
            if text.strip():
                if not current:
                    first = number
                current.append(text.strip())
            elif current:
                blocks.append((first, " ".join(current)))
                current = []
        if current:
            blocks.append((first, " ".join(current)))
        return blocks


def sections(text: str, level: str = "=") -> list[Section]:
    """The sections of ``text`` titled with an underline of ``level`` characters, in order.

    A section runs to the next title of the same level; subsections stay inside it.
    """
    rows = text.splitlines()
    starts: list[tuple[int, str]] = []
    for index in range(len(rows) - 1):
        title, under = rows[index].strip(), rows[index + 1]
        match = _UNDERLINE.match(under)
        underlined = bool(title and match and match.group(1) == level and len(under.strip()) >= len(title))
        if underlined and (index == 0 or not rows[index - 1].strip() or _UNDERLINE.match(rows[index - 1])):
            starts.append((index, title))
    found = []
    for position, (index, title) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(rows)
        body = tuple((number + 1, rows[number]) for number in range(index + 2, end))
        found.append(Section(title, index + 1, level, body))
    return found


def section(text: str, title: str, level: str = "=") -> Section | None:
    """The first section called ``title`` (case-insensitive), or ``None``."""
    return next((s for s in sections(text, level) if s.title.casefold() == title.casefold()), None)


def plain(text: str) -> str:
    """Text without links, roles, footnotes, ``**bold**`` and ````literal```` markers; spaces collapsed.

    >>> plain("`December 14, 2022 AoE <https://x>`_ [#note-aoe]_ and ``12:00 UTC`` **43**")
    'December 14, 2022 AoE and 12:00 UTC 43'
    """
    text = _LINK.sub(r"\1", text)
    text = _ROLE.sub(r"\1", text)
    text = _FOOTNOTE.sub("", text)
    text = text.replace("**", "").replace("``", "")
    return " ".join(text.split())


def bullet(text: str) -> str | None:
    """The text of a list item (``-``, ``*``, ``+`` or ``1.``), or ``None`` when the line is not one."""
    match = _BULLET.match(text)
    return match.group(1).strip() if match else None


def grid_tables(lines: tuple[tuple[int, str], ...]) -> list[tuple[int, list[tuple[int, list[str]]]]]:
    """The grid tables among ``lines``: (line of the table, rows), each row (its line, plain cell texts).

    >>> grid_tables(((1, "+---+---+"), (2, "| a | **3** |"), (3, "+---+---+")))
    [(1, [(2, ['a', '3'])])]
    """
    tables: list[tuple[int, list[tuple[int, list[str]]]]] = []
    rows: list[tuple[int, list[str]]] = []
    first = 0
    for number, text in (*lines, (0, "")):
        stripped = text.strip()
        if stripped.startswith("+") and stripped.endswith("+"):
            first = first or number
            continue
        if stripped.startswith("|") and stripped.endswith("|"):
            first = first or number
            rows.append((number, [plain(cell) for cell in stripped.strip("|").split("|")]))
            continue
        if first:
            tables.append((first, rows))
        rows, first = [], 0
    return tables
