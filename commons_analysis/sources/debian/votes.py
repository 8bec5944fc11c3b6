"""The votes as read from the records: tally, voters list, quorum file and vote page of each."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import say
from commons_analysis.sources.debian.checks import record_problems
from commons_analysis.sources.debian.counting import VoteCount, count_vote
from commons_analysis.sources.debian.pages import VotePage, read_vote_page
from commons_analysis.sources.debian.voters import Voter, read_voters

#: The commit of ``l/debian-webwml`` the records were copied from, and its date.
COMMIT = "80cd9461d384c50e61f7c585e566ce9d00c113fc"


COMMIT_DATE = dt.date(2018, 5, 30)


RAW_PATH = "data/raw/debian-vote"


PROJECT, SPI, CTTE = "debian", "spi", "debian-ctte"


#: Constitution 1.0, ratified 1998-12-02, already names SPI (§9) and the Technical Committee (§6).
CONSTITUTION_1_0 = dt.date(1998, 12, 2)


GR_PREFIX = re.compile(r"^\s*General\s+Resolution\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Vote:
    """One counted vote: its page, who voted, and the count (``count.path`` is its tally sheet)."""

    event_id: str
    page: VotePage
    voters: list[Voter]
    count: VoteCount

    @property
    def date(self) -> dt.date:
        """The last day of the voting period."""
        assert self.page.voting_end is not None
        return self.page.voting_end


def read_votes(raw_dir: Path) -> list[Vote]:
    """Every vote of ``raw_dir/vote`` that has a tally sheet, counted; all problems at once."""
    vote_dir = raw_dir / "vote"
    if not vote_dir.is_dir():
        raise CaseError([Problem.of(str(vote_dir), None, None, say("sources.debian.no_vote_folder"))])
    problems: list[Problem] = []
    votes: list[Vote] = []
    for folder in sorted(path for path in vote_dir.iterdir() if path.is_dir()):
        tallies = sorted(folder.glob("*tally.txt"))
        if not tallies:
            continue
        pages = []
        for page_path in sorted(folder.glob("vote_*.wml")):
            try:
                pages.append(read_vote_page(page_path))
            except CaseError as error:
                problems += error.problems
        for tally in tallies:
            try:
                votes.append(_read_vote(tally, pages))
            except CaseError as error:
                problems += error.problems
    if problems:
        raise CaseError(problems)
    if not votes:
        raise CaseError([Problem.of(str(vote_dir), None, None, say("sources.debian.no_tally"))])
    return sorted(votes, key=lambda vote: (vote.date, vote.event_id))


def _read_vote(tally: Path, pages: list[VotePage]) -> Vote:
    linking = [page for page in pages if page.links_to(tally.name)]
    if len(linking) != 1:
        found = say("sources.debian.several_pages" if linking else "sources.debian.no_page")
        raise CaseError([Problem.of(str(tally), None, None, found)])
    page = linking[0]
    problems = []
    if page.voting_end is None:
        problems.append(Problem.of(page.path, None, None, say("sources.debian.no_voting_end")))
    elif page.voting_end <= CONSTITUTION_1_0:  # no rules to count it by (constitution.in_force)
        too_early = say("sources.debian.before_constitution", end=page.voting_end.isoformat())
        problems.append(Problem.of(page.path, None, None, too_early))
    voters_name = tally.name.replace("tally", "voters")
    voters_path = tally.parent / voters_name
    if not voters_path.is_file():
        problems.append(
            Problem.of(str(tally), None, None, say("sources.debian.no_voters_list", name=voters_name))
        )
    if problems:
        raise CaseError(problems)
    voters = read_voters(voters_path)
    count = count_vote(tally, page=page)
    if len(voters) != count.ballots:
        differ = say(
            "sources.debian.voters_ballots", voters=len(voters), ballots=count.ballots, tally=tally.name
        )
        raise CaseError([Problem.of(str(voters_path), None, None, differ)])
    problems = record_problems(tally, voters_path, page, voters, count)
    if problems:
        raise CaseError(problems)
    return Vote(f"vote-{page.year}-{page.number:03d}", page, voters, count)
