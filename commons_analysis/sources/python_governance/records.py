"""Read every record of ``data/raw/python-governance/`` at once, or say everything that is wrong with them.

The folder holds ``peps-headers/`` (the header of every PEP),
``peps-governance/`` (PEPs 1, 8, 10, 13, 8000–8016 and 8100–8107 whole) and
``core-team.csv``. Reading never modifies a file; it collects the problems
of all files and raises one :class:`~commons_analysis.core.errors.CaseError`
listing them, so nothing is built from bad records.

Reference: PEP 1 (headers), PEP 13 (governance in force and its history), PEP 8001, PEPs 8100–8107.

Example
-------
>>> import tempfile, pathlib
>>> try:
...     read_records(pathlib.Path(tempfile.mkdtemp()))
... except CaseError as error:
...     print(len(error.problems))
3
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from commons_analysis.core.errors import CaseError, Problem, display_path
from commons_analysis.core.messages import say
from commons_analysis.sources.python_governance import governance_vote
from commons_analysis.sources.python_governance.checks import core_team_problems, election_problems
from commons_analysis.sources.python_governance.core_team import CoreMember, read_core_team
from commons_analysis.sources.python_governance.elections import Election, election_peps, parse_election
from commons_analysis.sources.python_governance.peps import MONTH_NAMES, Pep, read_peps
from commons_analysis.sources.python_governance.rst import plain

HEADERS_DIR = "peps-headers"
GOVERNANCE_DIR = "peps-governance"
CORE_TEAM_FILE = "core-team.csv"
GOVERNANCE_PEP = 13
_BDFL = re.compile(
    r"started by (?P<name>[^,]+), who served as its Benevolent Dictator for Life \(BDFL\) "
    r"from inception until (?P<month>[A-Z][a-z]+) (?P<year>\d{4})"
)


@dataclass(frozen=True)
class VoteOutcome:
    """What a governance proposal of the 2018 vote says of itself: accepted or rejected, on which day."""

    pep: int
    accepted: bool
    day: dt.date
    path: str
    line: int


@dataclass(frozen=True)
class Records:
    """Everything read from the raw folder, checked."""

    peps: dict[int, Pep]
    core_team: tuple[CoreMember, ...]
    elections: tuple[Election, ...]
    bdfl: str
    bdfl_until: tuple[int, int]
    vote_window: tuple[dt.date, dt.date]
    vote_outcomes: tuple[VoteOutcome, ...]
    governance_peps: tuple[int, ...]


def read_records(raw_dir: Path) -> Records:
    """Read and check every record of ``raw_dir``; a :class:`CaseError` lists every problem found."""
    problems: list[Problem] = []
    headers_dir, governance_dir, team_file = (
        raw_dir / HEADERS_DIR,
        raw_dir / GOVERNANCE_DIR,
        raw_dir / CORE_TEAM_FILE,
    )
    for path in (headers_dir, governance_dir):
        if not path.is_dir():
            problems.append(Problem.of(display_path(path), None, None, say("sources.python.no_folder")))
    if not team_file.is_file():
        problems.append(Problem.of(display_path(team_file), None, None, say("sources.python.no_file")))
    if problems:
        raise CaseError(problems)

    peps, _ = read_peps(headers_dir, display_path(headers_dir), problems)
    whole, texts = read_peps(governance_dir, display_path(governance_dir), problems)
    for number, pep in whole.items():
        if number not in peps:
            no_header = say("sources.python.no_header_file", number=number, folder=HEADERS_DIR)
            problems.append(Problem.of(pep.path, 1, None, no_header))
        elif peps[number].fields != pep.fields:
            differing = sorted(
                k
                for k in {*pep.fields, *peps[number].fields}
                if pep.fields.get(k) != peps[number].fields.get(k)
            )
            differs = say("sources.python.differs", other=peps[number].path)
            problems.append(Problem.of(pep.path, pep.lines.get(differing[0], 1), differing[0], differs))
    core_team = read_core_team(team_file, display_path(team_file), problems)

    bdfl, bdfl_until, numbers = "", (0, 0), []
    pep13 = whole.get(GOVERNANCE_PEP)
    if pep13 is None:
        missing = say("sources.python.missing_pep", number=GOVERNANCE_PEP, file="pep-0013.rst")
        problems.append(Problem.of(display_path(governance_dir), None, None, missing))
    else:
        match = _BDFL.search(plain(texts[GOVERNANCE_PEP]))
        if match is None or match.group("month") not in MONTH_NAMES:
            problems.append(Problem.of(pep13.path, None, "History", say("sources.python.no_bdfl")))
        else:
            bdfl, bdfl_until = (
                match.group("name").strip(),
                (int(match.group("year")), MONTH_NAMES[match.group("month")]),
            )
        numbers = election_peps(texts[GOVERNANCE_PEP])
        if not numbers:
            no_election = say("sources.python.no_election_listed")
            problems.append(Problem.of(pep13.path, None, "History of council elections", no_election))

    elections: list[Election] = []
    for number in numbers:
        if number not in whole:
            absent = say("sources.python.pep_not_in_folder", number=number, folder=GOVERNANCE_DIR)
            problems.append(Problem.of(pep13.path if pep13 else "", None, None, absent))
            continue
        election = parse_election(texts[number], number, whole[number].title, whole[number].path, problems)
        if election is not None:
            elections.append(election)

    window: tuple[dt.date, dt.date] | None = None
    process = whole.get(governance_vote.PROCESS_PEP)
    if process is None:
        missing = say("sources.python.missing_pep", number=governance_vote.PROCESS_PEP, file="pep-8001.rst")
        problems.append(Problem.of(display_path(governance_dir), None, None, missing))
    else:
        window = governance_vote.voting_window(texts[governance_vote.PROCESS_PEP])
        if window is None:
            problems.append(Problem.of(process.path, None, None, say("sources.python.no_window")))
    outcomes: list[VoteOutcome] = []
    for number, pep in sorted(whole.items()):
        found = governance_vote.outcome(texts[number])
        if found is None:
            continue
        state, day, line = found
        accepted = state == "accepted"
        if (pep.status in ("Accepted", "Final")) != accepted:
            said = say(
                "sources.python.said_accepted" if accepted else "sources.python.said_rejected",
                status=pep.status,
            )
            problems.append(Problem.of(pep.path, line, "Status", said))
        outcomes.append(VoteOutcome(number, accepted, day, pep.path, line))

    problems += core_team_problems(core_team, display_path(team_file))  # what the records promise
    for election in elections:
        problems += election_problems(election)
    if problems:
        raise CaseError(problems)
    assert window is not None
    return Records(
        peps=peps,
        core_team=tuple(core_team),
        elections=tuple(sorted(elections, key=lambda e: e.vote_end)),
        bdfl=bdfl,
        bdfl_until=bdfl_until,
        vote_window=window,
        vote_outcomes=tuple(outcomes),
        governance_peps=tuple(sorted(whole)),
    )
