"""The Python core team log: ``core-team/core-team.csv`` of the developer's guide.

Definition
----------
One record per person ever made a core team member (PEP 13, "The core
team": membership "is granted by receiving at least two-thirds positive
votes in a core team vote"). The file has no header row; its five columns
are the name, the GitHub user name (empty for those who "did not make
GitHub transition"), the date joined and the date left (ISO ``YYYY-MM-DD``;
empty while still a member) and free notes. A quoted note may span lines;
a record's line is the line it starts on (the first record is line 1).

Reference: PEP 13, "The core team"; python/devguide ``core-team/core-team.csv``.

Example
-------
>>> problems = []
>>> members = parse_core_team("Guido van Rossum,gvanrossum,1989-12-25,,\\r\\n", "core-team.csv", problems)
>>> members[0].github, members[0].joined.isoformat(), members[0].left, problems
('gvanrossum', '1989-12-25', None, [])
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from commons_analysis.core.errors import CaseError, Problem, quote
from commons_analysis.core.messages import say
from commons_analysis.ingest.reading.files import read_file_bytes
from commons_analysis.sources.wording import RecordError

COLUMNS = ("name", "github", "joined", "left", "notes")
#: GitHub user names: letters, digits and single hyphens, at most 39 characters.
_GITHUB = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: "Also contributed as Nick Coghlan (prior to 2023-08-04)": another name of the same person.
_ALIAS = re.compile(r"[Aa]lso contributed as ([^(;]+?)\s*(?:\(|;|$)")


@dataclass(frozen=True)
class CoreMember:
    """One record of the core team log."""

    name: str
    github: str | None
    joined: dt.date
    left: dt.date | None
    notes: str
    line: int

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names the notes say the member contributed under.

        >>> CoreMember("Alyssa Coghlan", "ncoghlan", dt.date(2005, 10, 16), None,
        ...            "Also contributed as Nick Coghlan (prior to 2023-08-04)", 1).aliases
        ('Nick Coghlan',)
        """
        return tuple(match.strip() for match in _ALIAS.findall(self.notes))


def _iso_date(text: str) -> dt.date:
    """A ``YYYY-MM-DD`` date; else :class:`RecordError`."""
    if not _ISO.match(text):
        raise RecordError(say("sources.python.not_iso_date", text=quote(text)))
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise RecordError(say("sources.python.not_iso_date", text=quote(text))) from None


def parse_core_team(text: str, path: str, problems: list[Problem]) -> list[CoreMember]:
    """The records of the core team log; every problem goes to ``problems``.

    Checked: five columns, a name, a well-formed and unique GitHub user name
    when given, a valid date joined, a valid date left (when given) not before
    the date joined.
    """
    members: list[CoreMember] = []
    seen: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem.of(path, start, None, say("sources.python.not_csv", error=str(error))))
            break
        line, start = start, reader.line_num + 1
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            problems.append(Problem.of(path, line, None, say("sources.python.team_columns", count=len(row))))
            continue
        name, github, joined_text, left_text, notes = (cell.strip() for cell in row)
        before = len(problems)
        if not name:
            problems.append(Problem.of(path, line, "name", say("sources.python.empty")))
        if github:
            if not _GITHUB.match(github):
                not_github = say("sources.python.not_github", name=quote(github))
                problems.append(Problem.of(path, line, "github", not_github))
            elif github.casefold() in seen:
                twice = say("sources.python.github_twice", line=seen[github.casefold()])
                problems.append(Problem.of(path, line, "github", twice))
            else:
                seen[github.casefold()] = line
        joined = left = None
        try:
            joined = _iso_date(joined_text)
        except RecordError as error:
            problems.append(Problem.of(path, line, "joined", error.said))
        if left_text:
            try:
                left = _iso_date(left_text)
            except RecordError as error:
                problems.append(Problem.of(path, line, "left", error.said))
        if joined and left and left < joined:
            early = say("sources.python.left_before_joined", left=left.isoformat(), joined=joined.isoformat())
            problems.append(Problem.of(path, line, "left", early))
        if len(problems) == before and joined is not None:
            members.append(CoreMember(name, github or None, joined, left, " ".join(notes.split()), line))
    return members


def read_core_team(path: Path, shown: str, problems: list[Problem]) -> list[CoreMember]:
    """Read ``core-team.csv`` (UTF-8, a BOM allowed); problems name ``shown`` and the line."""
    try:
        data = read_file_bytes(path, shown)  # regular files only, bounded
    except CaseError as error:
        problems.extend(error.problems)
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(
            Problem.of(shown, data[: error.start].count(b"\n") + 1, None, say("sources.python.not_utf8"))
        )
        return []
    return parse_core_team(text, shown, problems)
