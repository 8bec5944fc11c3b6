"""Debian's records checked against what they promise of each other, before anything is counted.

Definition
----------
A vote's records describe the same ballots several times: the tally sheet
(one line per ballot), the voters list (one line per voter), the quorum file
and the vote page (how many Developers could vote, when the vote ran). A
damaged copy shows as a disagreement, and each is refused with the file and
line (issue 19, item 2):

- **ballots against voters**: on a public tally each voter's login appears on
  exactly one ballot, and the logins are those of the voters list (a tally
  line copied over the next ballot keeps the count of ballots but changes the
  result: 118/134 became 119/133); on a secret ballot each hash appears once;
- **quorum against voters**: the Developers who could vote (quorum file, vote
  page) are at least as many as those who voted, and more than none (a
  truncated quorum file, ``Count = 1``, gave "256 of 1 entitled: 25 600 %");
- **dates within the record's span**: a vote filed under ``vote/YYYY/`` ended
  in YYYY or in the first days of YYYY + 1, not after the day of the import,
  and did not end before it started.

Reference: Debian constitution §4.2 (quorum), §A.6 (counting); the vote pages'
``<vtimeline>``; issue 19.

Example
-------
>>> from commons_analysis.sources.debian.tally import parse_tally
>>> tally = parse_tally("  Option 1--->: Yes\\nV: 1  jdoe  Jane\\nV: 1  jdoe  Jane\\n", "t_tally.txt")
>>> [str(p) for p in ballot_problems(tally, ["jdoe", "rroe"], "t_voters.txt")]
["t_tally.txt:3: column 'ranking': the voter 'jdoe' has a second ballot here (first on line 2)",
 "t_voters.txt: the voters list names 'rroe', who has no ballot on the tally sheet"]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from commons_analysis.core.errors import Problem
from commons_analysis.core.messages import say
from commons_analysis.sources.debian.tally import RANKING, Tally, read_tally

if TYPE_CHECKING:
    from commons_analysis.sources.debian.counting import VoteCount
    from commons_analysis.sources.debian.pages import VotePage
    from commons_analysis.sources.debian.voters import Voter

#: A vote ends at most this many days into the year after the folder it is filed under.
YEAR_SPILL_DAYS = 31
#: Logins named in a problem at most (a list of hundreds helps nobody).
NAMED_AT_MOST = 5
_COUNT_LINE = re.compile(r"Current\s+Developer\s+Count|With\s+\d+\s+developers", re.IGNORECASE)


def ballot_problems(tally: Tally, logins: Sequence[str], voters_path: str) -> list[Problem]:
    """Each voter (or hash) on one ballot only; on a public tally, the voters of the voters list."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    lines = tally.lines or tuple(range(1, tally.ballots + 1))
    for voter, line in zip(tally.voters, lines, strict=True):
        if voter in first:
            twice = say("sources.debian.ballot_twice", voter=repr(voter), line=first[voter])
            problems.append(Problem.of(tally.path, line, RANKING, twice))
        else:
            first[voter] = line
    if tally.secret:
        return problems
    listed = set(logins)
    for voter in sorted(set(first) - listed)[:NAMED_AT_MOST]:
        not_listed = say("sources.debian.ballot_not_listed", voter=repr(voter))
        problems.append(Problem.of(tally.path, first[voter], RANKING, not_listed))
    for login in sorted(listed - set(first))[:NAMED_AT_MOST]:
        problems.append(
            Problem.of(voters_path, None, None, say("sources.debian.voter_without_ballot", voter=repr(login)))
        )
    return problems


def count_line(path: str) -> int | None:
    """The line of ``path`` that states the developer count (None when unreadable or absent)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if _COUNT_LINE.search(line):
            return number
    return None


def quorum_problems(developers: int | None, voters: int, source: str) -> list[Problem]:
    """The Developers who could vote (as ``source`` states) are more than none, and not fewer than voted."""
    if developers is None:
        return []
    if developers >= max(voters, 1):
        return []
    fewer = say("sources.debian.fewer_developers_than_voters", developers=developers, voters=voters)
    return [Problem.of(source, count_line(source), None, fewer)]


def date_problems(
    start: dt.date | None, end: dt.date | None, folder_year: int, where: str, today: dt.date | None = None
) -> list[Problem]:
    """The voting period lies in its folder's year (a few days into the next allowed), before ``today``.

    >>> found = date_problems(None, dt.date(2099, 1, 5), 2008, "v.wml", today=dt.date(2026, 12, 5))
    >>> [problem.text("en").split(": ", 1)[1] for problem in found]
    ['the date 2099-01-05 is after the day of the import (2026-12-05)',
     'the vote ends on 2099-01-05, outside the year of its folder (2008)']
    """
    today = today or dt.date.today()
    problems: list[Problem] = []
    for day in (start, end):
        if day is not None and day > today:
            future = say("sources.debian.date_in_future", day=day.isoformat(), today=today.isoformat())
            problems.append(Problem.of(where, None, None, future))
    if (
        end is not None
        and folder_year
        and not (
            dt.date(folder_year, 1, 1)
            <= end
            <= dt.date(folder_year + 1, 1, 1) + dt.timedelta(days=YEAR_SPILL_DAYS)
        )
    ):
        outside = say("sources.debian.date_outside_year", day=end.isoformat(), year=folder_year)
        problems.append(Problem.of(where, None, None, outside))
    if start is not None and end is not None and end < start:
        backwards = say("sources.debian.ends_before_start", start=start.isoformat(), end=end.isoformat())
        problems.append(Problem.of(where, None, None, backwards))
    return problems


def record_problems(
    tally_path: Path, voters_path: Path, page: VotePage, voters: Sequence[Voter], count: VoteCount
) -> list[Problem]:
    """Every check of this module on one vote: its tally, voters list, developer count and dates."""
    from commons_analysis.sources.debian.quorum import quorum_file_candidates

    problems = ballot_problems(read_tally(tally_path), [voter.login for voter in voters], str(voters_path))
    if count.quorum_source == "file":
        candidates = quorum_file_candidates(tally_path, page.links, page.number or None)
        source = next((str(path) for path in candidates if path.is_file()), str(tally_path))
        problems += quorum_problems(count.developer_count, len(voters), source)
    elif count.quorum_source == "page":
        problems += quorum_problems(count.developer_count, len(voters), page.path)
    problems += date_problems(page.voting_start, page.voting_end, page.year, page.path)
    return problems


__all__ = ["ballot_problems", "count_line", "date_problems", "quorum_problems", "record_problems"]
