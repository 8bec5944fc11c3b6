"""Debian tally sheets: the options of a vote and every ballot cast, as the Project Secretary published them.

A tally sheet (``tally.txt``, ``gr_*_tally.txt``, ``leaderYYYY_tally.txt``,
``vote_NNN_tally.txt``, 2002–2018) has a free-text header naming the options
in ballot order, then one line per ballot::

         Option 1--->: Amend the constitution  [needs 3:1]
       /  Option 2-->: Further Discussion
       |/
    V: 12             93sam   Steve McIntyre        (General Resolutions: login, name)
    V: 3-311-56       5983810b34693310479f3b26eda85177   (secret ballots: a hash)

The ranking has one character per option: a digit ``1``–``9`` (lower is
preferred; equal digits are equal preferences, gaps are allowed) or ``-``
(unranked). The constitution (§A.6, from version 1.1) says ranked options are
preferred to all unranked ones and unranked options are equal to one another.
A mark ``[3:1]``, ``[2:1]``, ``[needs 3:1]``, ``[3:1 majority needed]`` or
``[needs 1:1]`` after an option's title gives its majority requirement.

Bad input is never guessed around: a ballot whose length differs from the
number of options, a mark other than ``1``–``9`` or ``-``, a header without
options: :class:`~commons_analysis.core.errors.CaseError` lists every problem
of the file at once, each with its line (and the character column of a bad
mark).

Example
-------
>>> text = '''
...      Option 1--->: Yes [3:1]
...    /  Option 2-->: Further Discussion
...    |/
... V: 12        jdoe    Jane Doe
... V: -1        rroe    Richard Roe
... '''
>>> tally = parse_tally(text, "example_tally.txt")
>>> tally.options, tally.majority_marks
(('Yes [3:1]', 'Further Discussion'), (Fraction(3, 1), None))
>>> tally.voters, tally.secret
(('jdoe', 'rroe'), False)
>>> tally.beats().tolist()
[[0, 1], [1, 0]]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import say
from commons_analysis.sources.wording import record_text

#: The rank given to an unranked option (``-``): below every ranked option, equal to other unranked ones.
UNRANKED = 99

_OPTION = re.compile(r"^[\s|/]*Option\s+(\d+)\s*-*>?\s*:\s*(?P<title>.*?)\s*(?:\|+/+)?\s*$")
_MAJORITY_MARK = re.compile(
    r"\[\s*(?:needs\s+)?(\d+)\s*:\s*(\d+)(?:\s+majority\s+needed)?\s*\]", re.IGNORECASE
)
_BALLOT = re.compile(r"^V:\s*(?P<ranking>\S*)(?:\s+(?P<voter>\S+))?(?:\s+(?P<name>.*?))?\s*$")
_HASH = re.compile(r"^[0-9a-f]{32}$|^[0-9a-f]{64}$")
_RANK_MARKS = frozenset("123456789-")
#: The "column" named in problems about a ballot's ranking.
RANKING = "ranking"


@dataclass(frozen=True)
class Tally:
    """The options and ballots of one vote.

    ``ranks[b, i]`` is the rank ballot ``b`` gives option ``i`` (1 is the most
    preferred, :data:`UNRANKED` for ``-``). ``voters[b]`` is the login of the
    voter (General Resolutions) or the hash that lets a voter find their
    ballot (secret ballots, ``secret`` true); ``names[b]`` is the voter's name
    where the sheet gives it.
    """

    path: str
    options: tuple[str, ...]
    majority_marks: tuple[Fraction | None, ...]
    ranks: np.ndarray
    voters: tuple[str, ...]
    names: tuple[str | None, ...]
    secret: bool
    #: The line of each ballot in the sheet (problems about a ballot name it).
    lines: tuple[int, ...] = ()

    @property
    def ballots(self) -> int:
        """Number of ballots cast."""
        return int(self.ranks.shape[0])

    def beats(self) -> np.ndarray:
        """The beat matrix: ``beats[i, j]`` = ballots ranking option i strictly above option j."""
        return beat_matrix(self.ranks)


def beat_matrix(ranks: np.ndarray) -> np.ndarray:
    """Count, for each ordered pair of options, the ballots preferring the first to the second.

    ``ranks`` is a (ballots × options) array of ranks, lower preferred, :data:`UNRANKED`
    for unranked options. The diagonal is 0.

    >>> beat_matrix(np.array([[1, 2, UNRANKED], [2, 1, 1]])).tolist()
    [[0, 1, 1], [1, 0, 1], [1, 0, 0]]
    """
    ranks = np.asarray(ranks)
    if ranks.size == 0:
        width = ranks.shape[1] if ranks.ndim == 2 else 0
        return np.zeros((width, width), dtype=np.int64)
    preferred = ranks[:, :, None] < ranks[:, None, :]
    return preferred.sum(axis=0, dtype=np.int64)


def majority_ratio(title: str) -> Fraction | None:
    """The majority requirement marked in an option's title, ``None`` when unmarked.

    >>> majority_ratio("Choice 6: Reaffirm the current SC [needs 1:1]")
    Fraction(1, 1)
    >>> majority_ratio("Proposal A [3:1 majority needed]")
    Fraction(3, 1)
    >>> majority_ratio("Further Discussion") is None
    True
    """
    match = _MAJORITY_MARK.search(title)
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    return Fraction(first, second) if second else None


def read_tally(path: Path | str) -> Tally:
    """Read a tally sheet (UTF-8). Raises :class:`CaseError` listing every problem of the file."""
    path = Path(path)
    return parse_tally(record_text(path), str(path))


def parse_tally(text: str, path: str) -> Tally:
    """Parse the text of a tally sheet; ``path`` names the file in problems."""
    problems: list[Problem] = []
    numbered: list[tuple[int, int, str]] = []  # (line, option number, title)
    ballot_lines: list[tuple[int, int, str, str | None, str | None]] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("V:"):
            match = _BALLOT.match(line)
            assert match is not None  # the pattern accepts any line starting with "V:"
            ballot_lines.append(
                (
                    line_number,
                    match.start("ranking"),
                    match.group("ranking"),
                    match.group("voter"),
                    match.group("name"),
                )
            )
            continue
        if ballot_lines:
            if line.strip():
                problems.append(Problem.of(path, line_number, None, say("sources.debian.text_after_ballots")))
            continue
        if match := _OPTION.match(line):
            numbered.append((line_number, int(match.group(1)), match.group("title")))
    if not numbered:
        problems.append(Problem.of(path, None, None, say("sources.debian.no_options")))
    for expected, (line_number, number, _title) in enumerate(numbered, start=1):
        if number != expected:
            problems.append(
                Problem.of(
                    path,
                    line_number,
                    None,
                    say("sources.debian.option_order", number=number, expected=expected),
                )
            )
    if not ballot_lines:
        problems.append(Problem.of(path, None, None, say("sources.debian.no_ballot")))

    options = tuple(title for _line, _number, title in numbered)
    width = len(options)
    rows: list[list[int]] = []
    voters: list[str] = []
    names: list[str | None] = []
    lines: list[int] = []
    hashes = 0
    for line_number, start, ranking, voter, name in ballot_lines:
        row_problems = _check_ranking(path, line_number, start, ranking, width)
        problems.extend(row_problems)
        if voter is None:
            problems.append(Problem.of(path, line_number, None, say("sources.debian.no_voter")))
        if row_problems or voter is None:
            continue
        rows.append([UNRANKED if mark == "-" else int(mark) for mark in ranking])
        voters.append(voter)
        lines.append(line_number)
        names.append(" ".join(name.split()) if name else None)
        if _HASH.match(voter) and not name:
            hashes += 1
    if problems:
        raise CaseError(problems)
    ranks = np.array(rows, dtype=np.int64).reshape(len(rows), width)
    return Tally(
        path=path,
        options=options,
        majority_marks=tuple(majority_ratio(title) for title in options),
        ranks=ranks,
        voters=tuple(voters),
        names=tuple(names),
        secret=hashes == len(voters) and hashes > 0,
        lines=tuple(lines),
    )


def _check_ranking(path: str, line_number: int, start: int, ranking: str, width: int) -> list[Problem]:
    """Problems of one ballot's ranking (which starts at 0-based ``start`` of its line): length and marks."""
    problems = []
    if not ranking:
        return [Problem.of(path, line_number, RANKING, say("sources.debian.empty_ballot"))]
    for index, mark in enumerate(ranking):
        if mark not in _RANK_MARKS:
            unknown = say(
                "sources.debian.ballot_mark",
                character=start + index + 1,
                mark=repr(mark),
                ranking=repr(ranking),
            )
            problems.append(Problem.of(path, line_number, RANKING, unknown))
    if width and len(ranking) != width:
        length = say("sources.debian.ballot_length", ranking=repr(ranking), marks=len(ranking), width=width)
        problems.append(Problem.of(path, line_number, RANKING, length))
    return problems
