"""Python's governance records checked against what they promise, before a case is built from them.

Definition
----------
Each check is something the records themselves state (issue 19, item 2):

- **a core team**: PEP 13 has a core team vote on everything; a core team log
  without a single member is a truncated or emptied file, not a project
  without members (an empty ``core-team.csv`` turned 321 actors into 200
  without a word);
- **dates within the record's span**: nothing the records report (a member
  joining or leaving, an election closing) happens after the day of the import;
- **counts within what the ballots allow**: at least one eligible voter; under
  approval voting a candidate gets at most one vote per ballot cast, under
  Bloc STAR at most five stars per ballot (PEP 13; PEP 8107, "Results").

Reference: PEP 13, "The core team" and "Electing the council"; PEPs 8100–8107.

Example
-------
>>> import datetime as dt
>>> [p.text("en") for p in core_team_problems([], "core-team.csv")]
['core-team.csv: the core team log holds no member: the file is empty or truncated']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from commons_analysis.core.errors import Problem
from commons_analysis.core.messages import say
from commons_analysis.sources.python_governance.core_team import CoreMember
from commons_analysis.sources.python_governance.elections import Election

#: The most a ballot gives one candidate, by voting method: one approval, or five stars.
MOST_PER_BALLOT = {"approval": 1, "star": 5}
_UNITS = {"approval": "votes", "star": "stars"}


def core_team_problems(
    members: Sequence[CoreMember], path: str, today: dt.date | None = None
) -> list[Problem]:
    """The log has members, and none joined or left after ``today`` (default: the day of the import)."""
    if not members:
        return [Problem.of(path, None, None, say("sources.python.no_core_member"))]
    today = today or dt.date.today()
    problems = []
    for member in members:
        for column, day in (("joined", member.joined), ("left", member.left)):
            if day is not None and day > today:
                future = say("sources.python.date_in_future", day=day.isoformat(), today=today.isoformat())
                problems.append(Problem.of(path, member.line, column, future))
    return problems


def election_problems(election: Election, today: dt.date | None = None) -> list[Problem]:
    """An election closes before ``today``, has eligible voters, and no count above what its ballots allow.

    >>> day = dt.date(2019, 12, 16)
    >>> bad = Election(8101, "", 2020, "pep-8101.rst", 40, day, 82, 63, "approval", ("A",), ("A",),
    ...                (("A", 64),), ())
    >>> [p.text("en") for p in election_problems(bad)]
    ["pep-8101.rst:40: column 'Results': A has 64 votes, more than the 63 possible with 63 ballots"]
    """
    today = today or dt.date.today()
    problems = []
    if election.vote_end > today:
        future = say(
            "sources.python.date_in_future", day=election.vote_end.isoformat(), today=today.isoformat()
        )
        problems.append(Problem.of(election.path, election.line, "Schedule", future))
    if election.eligible < 1:
        problems.append(
            Problem.of(election.path, election.line, "Results",
                       say("sources.python.no_eligible_voter", eligible=election.eligible))
        )  # fmt: skip
    most = MOST_PER_BALLOT.get(election.method, 1) * election.cast
    for candidate, score in election.scores:
        if score > most:
            above = say("sources.python.score_above_ballots", candidate=candidate, score=score,
                        unit=_UNITS.get(election.method, "votes"), most=most, cast=election.cast)  # fmt: skip
            problems.append(Problem.of(election.path, election.line, "Results", above))
    return problems


__all__ = ["MOST_PER_BALLOT", "core_team_problems", "election_problems"]
