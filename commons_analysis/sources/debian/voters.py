"""Debian voters lists (``voters.txt``, ``*_voters.txt``): who cast a ballot, by login and name.

Every vote of 2002–2018 has one, secret ballots included (the tally of a
secret ballot carries hashes; the voters list still names who voted)::

    -=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=
    Count     Debian UID 	   Name
    -=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=
        1           93sam	Steve McIntyre

The header block repeats every 50 lines or so. Names are kept with their
spacing collapsed (``Alberto   Gonzalez Iniesta`` → ``Alberto Gonzalez Iniesta``).

Example
-------
>>> text = "Count  Debian UID  Name\\n    1   jdoe\\tJane  Doe\\n    2   rroe\\tRichard Roe\\n"
>>> voters = parse_voters(text, "v.txt")
>>> [(voter.login, voter.name) for voter in voters]
[('jdoe', 'Jane Doe'), ('rroe', 'Richard Roe')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import say
from commons_analysis.sources.wording import record_text

_VOTER = re.compile(r"^\s*(\d+)\s+(\S+)\t(.*)$")
_IGNORED = re.compile(r"^\s*$|^\s*(?:-=)+-?\s*$|^\s*Count\s+Debian\s+UID", re.IGNORECASE)


@dataclass(frozen=True)
class Voter:
    """One line of a voters list: the Debian login and the name of a person who voted."""

    line: int
    login: str
    name: str


def read_voters(path: Path | str) -> list[Voter]:
    """Read a voters list (UTF-8). Raises :class:`CaseError` listing every unreadable line."""
    path = Path(path)
    return parse_voters(record_text(path), str(path))


def parse_voters(text: str, path: str) -> list[Voter]:
    """Parse the text of a voters list; ``path`` names the file in problems."""
    voters: list[Voter] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for line_number, line in enumerate(text.splitlines(), start=1):
        if _IGNORED.match(line):
            continue
        match = _VOTER.match(line)
        if match is None:
            problems.append(Problem.of(path, line_number, None, say("sources.debian.voter_line")))
            continue
        login, name = match.group(2), " ".join(match.group(3).split())
        if login in seen:
            twice = say("sources.debian.login_twice", login=repr(login), line=seen[login])
            problems.append(Problem.of(path, line_number, None, twice))
            continue
        seen[login] = line_number
        voters.append(Voter(line_number, login, name))
    if not voters and not problems:
        problems.append(Problem.of(path, None, None, say("sources.debian.no_voters")))
    if problems:
        raise CaseError(problems)
    return voters
