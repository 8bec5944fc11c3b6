"""Steering Council elections: PEPs 8100–8107, read from their reStructuredText.

Definition
----------
PEP 13 ("Electing the council") has the core team elect a five-person
Steering Council after each feature release: candidates are nominated,
then every active core team member may vote; the election PEP of each year
records the schedule (nomination and voting periods), the candidates, the
voter roll, and the results: "Of N eligible voters, M cast ballots", the
winners and a table of votes per candidate (approval votes received until
the 2025 term; Multi-winner Bloc STAR "Total Stars" from the 2026 term).
Each council's term "runs from when their election results are finalized
until the next council's term starts" (PEP 13, "Term").

The elections are the PEPs listed under "History of council elections" in
PEP 13. Dates are days in UTC: a deadline "December 14, 2022 AoE" (Anywhere
on Earth, UTC−12) closes on December 15 at 12:00 UTC; the day voting closed
is the latest such deadline the PEP gives (an extension of the vote, as in
2023, included).

Reference: PEP 13, "Electing the council" and "History of council elections"; PEPs 8100–8107.

Example
-------
>>> closing_day("February 4, 2019 12:00 UTC"), closing_day("December 14, 2022 AoE")
(datetime.date(2019, 2, 4), datetime.date(2022, 12, 15))
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from commons_analysis.core.errors import Problem, quote
from commons_analysis.core.messages import say
from commons_analysis.sources.python_governance.peps import MONTH_NAMES
from commons_analysis.sources.python_governance.rst import Section, bullet, grid_tables, plain, section
from commons_analysis.sources.wording import RecordError

_DAY = re.compile(
    r"(?P<month>[A-Z][a-z]+) (?P<day>\d{1,2}), (?P<year>\d{4})"
    r"(?:,?\s+(?P<time>\d{1,2}:\d{2})\s*UTC|\s+(?P<aoe>AoE))?"
)
_PERIOD = re.compile(r"voting period (?:is|was):\s*(?P<start>.+?)\s+through\s+(?P<end>.+)$", re.IGNORECASE)
_ENDS_AT = re.compile(r"^Voting ends at:\s*``(?P<end>[^`]+)``", re.MULTILINE)
_TURNOUT = re.compile(r"Of (?:the )?(?P<eligible>\d+) eligible voters, (?P<cast>\d+) cast ballots")
_WINNERS = re.compile(r"(?:vote-getters|winners) are:\s*$")
_TERM = re.compile(r"(\d{4}) Term", re.IGNORECASE)
_PEP_REF = re.compile(r":pep:`(\d+)`")
_LINK_TEXT = re.compile(r"`([^`<]+?)\s*<")
#: Table headers of the results: what the numbers count, and the voting method they belong to.
RESULT_HEADERS = {"Votes Received": "approval", "Total Stars": "star"}


@dataclass(frozen=True)
class Election:
    """One Steering Council election as its PEP records it."""

    pep: int
    title: str
    term: int
    path: str
    line: int
    vote_end: dt.date
    eligible: int
    cast: int
    method: str
    candidates: tuple[str, ...]
    winners: tuple[str, ...]
    scores: tuple[tuple[str, int], ...]
    voter_roll: tuple[str, ...]
    withdrawn: tuple[str, ...] = ()

    @property
    def event_id(self) -> str:
        """``sc-election-2020``: the election of the council of the 2020 term.

        >>> day = dt.date(2019, 12, 16)
        >>> Election(8101, "", 2020, "", 1, day, 82, 63, "approval", (), (), (), ()).event_id
        'sc-election-2020'
        """
        return f"sc-election-{self.term}"


def closing_day(text: str) -> dt.date:
    """The day (UTC) a deadline written ``Month D, YYYY HH:MM UTC`` or ``Month D, YYYY AoE`` closes.

    A deadline without a time zone is an error (:class:`RecordError`): the day it closes is not known.
    """
    match = _DAY.search(text)
    if match is None or match.group("month") not in MONTH_NAMES:
        raise RecordError(say("sources.python.no_day", text=quote(text)))
    try:
        day = dt.date(int(match.group("year")), MONTH_NAMES[match.group("month")], int(match.group("day")))
    except ValueError:  # "February 30": no such day
        raise RecordError(say("sources.python.no_day", text=quote(text))) from None
    if match.group("aoe"):
        return day + dt.timedelta(days=1)
    if match.group("time"):
        return day
    raise RecordError(say("sources.python.no_time_zone", text=quote(match.group(0))))


def election_peps(pep13: str) -> list[int]:
    """The election PEPs listed in PEP 13, section "History of council elections".

    >>> election_peps("History of council elections\\n----------------------------\\n\\n"
    ...               "* January 2019: :pep:`8100`\\n* December 2019: :pep:`8101`\\n")
    [8100, 8101]
    """
    history = section(pep13, "History of council elections", "-")
    if history is None:
        return []
    return [int(number) for _, text in history.lines for number in _PEP_REF.findall(text)]


def _candidates(candidates: Section | None) -> tuple[list[str], list[str]]:
    nominees: list[str] = []
    withdrawn: list[str] = []
    target = nominees
    for _, text in candidates.lines if candidates else ():
        if text.strip().casefold().startswith("withdrawn nominations"):
            target = withdrawn
            continue
        item = bullet(text)
        if item is None:
            continue
        link = _LINK_TEXT.search(item)
        name = link.group(1).strip() if link else plain(item).rstrip(".")
        if name.casefold() != "none":
            target.append(name)
    return nominees, withdrawn


def _voter_roll(roll: Section | None) -> list[str]:
    """The names of the literal block(s) of "Complete Voter Roll"."""
    names: list[str] = []
    in_block = False
    for _, text in roll.lines if roll else ():
        stripped = text.strip()
        if not stripped:
            continue
        if stripped.endswith("::") or stripped.startswith(".. code-block::"):
            in_block = True
            continue
        if text[0] in " \t" and in_block:
            names.append(stripped)
        else:
            in_block = False
    return names


def _winners(results: Section) -> list[str]:
    winners: list[str] = []
    collecting = False
    for _, text in results.lines:
        if _WINNERS.search(text):
            collecting = True
            continue
        if not collecting:
            continue
        item = bullet(text)
        if item is not None:
            winners.append(plain(item))
        elif text.strip() and winners:
            break
    return winners


def _scores(results: Section, path: str, problems: list[Problem]) -> tuple[str, list[tuple[str, int]]]:
    """The vote table of the results: the combined table when the election was extended, else the first."""
    tables = grid_tables(results.lines)
    combined = next((number for number, text in results.lines if plain(text).casefold() == "combined"), None)
    chosen = [table for table in tables if combined is None or table[0] > combined]
    if not chosen:
        problems.append(Problem.of(path, results.line, "Results", say("sources.python.no_vote_table")))
        return "", []
    line, rows = chosen[0]
    header = rows[0][1][1] if rows and len(rows[0][1]) == 2 else ""
    if header not in RESULT_HEADERS:
        unknown = say("sources.python.unknown_table_header", header=quote(header))
        problems.append(Problem.of(path, line, "Results", unknown))
        return "", []
    scores: list[tuple[str, int]] = []
    for row_line, row in rows[1:]:
        if len(row) != 2 or not row[1].isdigit():
            not_score = say("sources.python.not_score_row", row=quote(" | ".join(row)))
            problems.append(Problem.of(path, row_line, "Results", not_score))
            continue
        scores.append((row[0], int(row[1])))
    return RESULT_HEADERS[header], scores


def parse_election(text: str, number: int, title: str, path: str, problems: list[Problem]) -> Election | None:
    """Read the election PEP ``number``; every problem goes to ``problems``, ``None`` if any."""
    before = len(problems)
    schedule, results = section(text, "Schedule"), section(text, "Results")
    for name, found in (("Schedule", schedule), ("Results", results)):
        if found is None:
            problems.append(Problem.of(path, None, name, say("sources.python.no_section", name=name)))
    if schedule is None or results is None:
        return None

    ends: list[dt.date] = []
    period = next(((line, plain(p)) for line, p in schedule.paragraphs() if _PERIOD.search(plain(p))), None)
    if period is None:
        problems.append(Problem.of(path, schedule.line, "Schedule", say("sources.python.no_period")))
    else:
        try:
            ends.append(closing_day(_PERIOD.search(period[1]).group("end")))  # type: ignore[union-attr]
        except RecordError as error:
            problems.append(Problem.of(path, period[0], "Schedule", error.said))
    for match in _ENDS_AT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        try:
            ends.append(closing_day(match.group("end")))
        except RecordError as error:
            problems.append(Problem.of(path, line, "Voting ends at", error.said))

    turnout = next(((line, m) for line, p in results.paragraphs() if (m := _TURNOUT.search(plain(p)))), None)
    if turnout is None:
        problems.append(Problem.of(path, results.line, "Results", say("sources.python.no_turnout")))
    elif int(turnout[1].group("cast")) > int(turnout[1].group("eligible")):
        problems.append(
            Problem.of(path, turnout[0], "Results", say("sources.python.more_ballots_than_voters"))
        )

    candidates, withdrawn = _candidates(section(text, "Candidates"))
    winners = _winners(results)
    method, scores = _scores(results, path, problems)
    if not candidates:
        problems.append(Problem.of(path, None, "Candidates", say("sources.python.no_candidates")))
    if len(winners) != 5:
        winners_count = say("sources.python.winners_count", count=len(winners))
        problems.append(Problem.of(path, results.line, "Results", winners_count))
    unknown = sorted({name for name, _ in scores} - set(candidates))
    if unknown:
        not_candidates = say("sources.python.not_candidates", names=tuple(unknown))
        problems.append(Problem.of(path, results.line, "Results", not_candidates))
    if set(winners) - {name for name, _ in scores}:
        problems.append(Problem.of(path, results.line, "Results", say("sources.python.winner_without_count")))

    if len(problems) > before or turnout is None or not ends:
        return None
    term_match = _TERM.search(title)
    vote_end = max(ends)
    return Election(
        pep=number,
        title=title,
        term=int(term_match.group(1)) if term_match else vote_end.year,
        path=path,
        line=results.line,
        vote_end=vote_end,
        eligible=int(turnout[1].group("eligible")),
        cast=int(turnout[1].group("cast")),
        method=method,
        candidates=tuple(candidates),
        winners=tuple(winners),
        scores=tuple(scores),
        voter_roll=tuple(_voter_roll(section(text, "Complete Voter Roll"))),
        withdrawn=tuple(withdrawn),
    )
