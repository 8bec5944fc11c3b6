"""Counting a Debian vote as the constitution in force at the time says (Appendix A.6).

From constitution 1.1 (June 2003) on, the count is (A.6):

1. **Quorum.** With a quorum R, an option other than the default that fewer
   than R ballots rank above the default option is dropped.
2. **Majority.** An option A (other than the default D) is dropped unless it
   defeats D by its majority ratio N (``[3:1]`` → 3, else 1): V(A,D) > N·V(D,A)
   (versions 1.1–1.5), or V(A,D) ≥ N·V(D,A) and V(A,D) > V(D,A) (1.6 on).
3. **Condorcet, Cloneproof Schwartz Sequential Dropping** (Schulze 2003;
   Tideman 2006, ch. 7) among the options left: A defeats B if V(A,B) >
   V(B,A); the Schwartz set is the smallest set of options none of which is
   beaten (transitively) from outside; while there are defeats inside it, the
   weakest are dropped — (A,X) is weaker than (B,Y) if V(A,X) < V(B,Y), or if
   equal and V(X,A) > V(Y,B) — and the set is built again.
4. **Casting vote.** If several options remain, the elector with the casting
   vote (the Project Leader for the Developers, §4.2) chooses: the count says
   a casting vote is needed and returns them all as ``winners``.

Under version 1.0 (the 2002 and March 2003 leader elections, and the June
2003 vote that replaced it) the count is Concorde Vote Counting: see
:func:`count_concorde`.

V(A,B) is the number of ballots ranking A strictly above B; an unranked option
is below every ranked one and equal to other unranked ones (A.6.1).

Here the vote's records are read and the count chosen; the counts themselves are
:mod:`.schwartz` (constitution 1.1 on) and :mod:`.concorde` (version 1.0), their
result an :class:`~.outcome.Outcome` (:mod:`.outcome`).

Example
-------
Three voters; option 3 is the default. Option 1 beats option 2 (2 to 1) and
both beat the default:

>>> import numpy as np
>>> from fractions import Fraction
>>> from commons_analysis.sources.debian.constitution import by_version
>>> ranks = np.array([[1, 2, 3], [1, 2, 3], [2, 1, 3]])
>>> result = count_ballots(ranks, ["A", "B", "Further Discussion"], default=2, quorum=None,
...                        majorities=[Fraction(1)] * 3, constitution=by_version("1.7"))
>>> result.winners, [drop.reason for drop in result.dropped]
([0], ['schwartz', 'schwartz'])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from commons_analysis.core.messages import Message, say
from commons_analysis.sources.debian.concorde import count_concorde
from commons_analysis.sources.debian.constitution import CURRENT, Constitution, by_version, in_force
from commons_analysis.sources.debian.outcome import Defeat, Drop, Outcome, ratio_text
from commons_analysis.sources.debian.pages import VotePage, read_vote_page
from commons_analysis.sources.debian.quorum import quorum_file_candidates, quorum_of, read_quorum
from commons_analysis.sources.debian.schwartz import count_cssd
from commons_analysis.sources.debian.tally import Tally, beat_matrix, read_tally

#: Titles of the default option: General Resolutions (A.3) and leader elections (§5.2).
DEFAULT_OPTION_TITLES = ("further discussion", "none of the above")


@dataclass(frozen=True)
class VoteCount:
    """The count of one vote.

    ``options`` are the option titles in ballot order; ``beats[i, j]`` the
    ballots ranking option i above option j; ``winners`` positions in
    ``options`` (more than one only when a casting vote is needed);
    ``dropped`` says why each other option lost. ``majorities`` is the ratio
    each option needed against the default (1 for a simple majority),
    ``quorum`` the quorum (``None`` when not checked), ``default`` the position
    of the default option (``None`` when the ballot has none).
    ``quorum_source`` is ``file`` (the quorum file), ``page`` (the developer
    count stated on the vote page), ``given`` or ``none``;
    ``majority_source`` is ``marks`` (the tally header), ``page`` (the vote
    page's statement), ``given`` or ``none`` (no requirement found: 1:1).
    ``notes`` say where each came from, and what was assumed, as messages
    of the catalogue (``note.text("fr")`` writes one in French).
    """

    path: str
    options: list[str]
    beats: np.ndarray
    winners: list[int]
    dropped: list[Drop]
    default: int | None
    majorities: list[Fraction]
    quorum: float | None
    developer_count: int | None
    quorum_source: str
    majority_source: str
    constitution: str
    method: str
    schwartz_set: list[int]
    dropped_defeats: list[Defeat]
    casting_vote_needed: bool
    ballots: int
    voting_end: dt.date | None
    notes: list[Message]

    @property
    def winner(self) -> int | None:
        """The single winner, ``None`` while a casting vote is needed."""
        return self.winners[0] if len(self.winners) == 1 else None

    @property
    def default_won(self) -> bool:
        """The default option (Further Discussion, None Of The Above) won."""
        return self.default is not None and self.winner == self.default


def default_option(options: Sequence[str]) -> int | None:
    """The position of the default option: "Further Discussion" or "None Of The Above" (last one named).

    >>> default_option(["Choice 1: Yes [3:1]", "Choice 2: Further discussion"])
    1
    >>> default_option(["Jane Doe", "None Of The Above"]), default_option(["A", "B"]) is None
    (1, True)
    """
    found = None
    for index, title in enumerate(options):
        folded = " ".join(re.sub(r"[^a-z]+", " ", title.casefold()).split())
        if any(name in folded for name in DEFAULT_OPTION_TITLES):
            found = index
    return found


def count_vote(
    tally_path: Path | str,
    *,
    page: VotePage | None = None,
    developer_count: int | None = None,
    majorities: Sequence[Fraction | int] | None = None,
    constitution: str | None = None,
) -> VoteCount:
    """Count a vote from its tally sheet, as the constitution in force at the time says.

    What the tally does not say is read beside it: the vote page that links to
    the tally (voting period, hence the constitution in force; the majority
    requirement where the tally header marks none; the developer count where
    no quorum file was kept) and the quorum file. Each may be given instead:
    ``page``, ``developer_count`` (the quorum is then 3Q = 3·√n/2),
    ``majorities`` (one ratio per option) and ``constitution`` (a version,
    ``"1.4"``). ``notes`` of the result say which source gave what.

    Raises :class:`~commons_analysis.core.errors.CaseError` for a bad tally,
    quorum file or vote page, with every problem of the file.
    """
    tally_path = Path(tally_path)
    tally = read_tally(tally_path)
    notes: list[Message] = []
    if page is None:
        page = find_vote_page(tally_path)
    voting_end = page.voting_end if page else None

    if constitution is not None:
        rules = by_version(constitution)
    elif voting_end is not None:
        rules = in_force(voting_end)
    else:
        rules = CURRENT
        notes.append(say("sources.debian.count.no_voting_end", version=rules.version))
    default = default_option(tally.options)
    if default is None:
        notes.append(say("sources.debian.count.no_default"))

    quorum, developers, quorum_source = _quorum(tally_path, page, developer_count, notes)
    ratios, majority_source = _majorities(tally, page, default, majorities, notes)
    beats = tally.beats()
    if rules.method == "concorde":
        outcome = count_concorde(tally.ranks, default=default, quorum=quorum, majorities=ratios)
    else:
        outcome = count_cssd(beats, default=default, quorum=quorum, majorities=ratios, constitution=rules)
    return VoteCount(
        path=str(tally_path),
        options=list(tally.options),
        beats=beats,
        winners=outcome.winners,
        dropped=outcome.dropped,
        default=default,
        majorities=ratios,
        quorum=quorum,
        developer_count=developers,
        quorum_source=quorum_source,
        majority_source=majority_source,
        constitution=rules.version,
        method=rules.method_name,
        schwartz_set=outcome.schwartz_set,
        dropped_defeats=outcome.dropped_defeats,
        casting_vote_needed=outcome.casting_vote_needed,
        ballots=tally.ballots,
        voting_end=voting_end,
        notes=notes + outcome.notes,
    )


def count_ballots(
    ranks: np.ndarray,
    options: Sequence[str],
    *,
    default: int | None,
    quorum: float | None,
    majorities: Sequence[Fraction],
    constitution: Constitution,
) -> Outcome:
    """Apply the rules of ``constitution`` to ballots given as a (ballots × options) rank array."""
    if len(options) != np.asarray(ranks).shape[1]:
        raise ValueError("one column of ranks per option")
    if constitution.method == "concorde":
        return count_concorde(ranks, default=default, quorum=quorum, majorities=majorities)
    return count_cssd(
        beat_matrix(ranks), default=default, quorum=quorum, majorities=majorities, constitution=constitution
    )


def find_vote_page(tally_path: Path) -> VotePage | None:
    """The vote page (``vote_*.wml`` in the same folder) that links to this tally sheet."""
    for candidate in sorted(tally_path.parent.glob("vote_*.wml")):
        page = read_vote_page(candidate)
        if page.links_to(tally_path.name):
            return page
    return None


def decision_votes(count: VoteCount) -> tuple[int | None, int | None]:
    """Votes for and against the decision a count takes, as the case's ``decisions`` table records them.

    When an option other than the default wins: the ballots preferring it to
    the default, and the ballots preferring the default to it. When the default
    wins: the same two numbers for the option the most ballots ranked above the
    default (the first in ballot order when tied). ``(None, None)`` without a
    single winner or a default option.
    """
    winner, default = count.winner, count.default
    if winner is None or default is None:
        return None, None
    if winner != default:
        return int(count.beats[winner, default]), int(count.beats[default, winner])
    others = [option for option in range(len(count.options)) if option != default]
    if not others:
        return None, None
    best = max(others, key=lambda option: (int(count.beats[option, default]), -option))
    return int(count.beats[best, default]), int(count.beats[default, best])


def _quorum(
    tally_path: Path, page: VotePage | None, developer_count: int | None, notes: list[Message]
) -> tuple[float | None, int | None, str]:
    """The quorum of a vote, the developer count it comes from and its source, with a note."""
    if developer_count is not None:
        notes.append(say("sources.debian.count.quorum_given", developers=developer_count))
        return quorum_of(developer_count), developer_count, "given"
    candidates = quorum_file_candidates(
        tally_path, page.links if page else (), page.number if page and page.number else None
    )
    for candidate in candidates:
        if candidate.is_file():
            record = read_quorum(candidate)
            notes.append(
                say(
                    "sources.debian.count.quorum_file",
                    quorum=record.quorum,
                    developers=record.developer_count,
                    file=candidate.name,
                )
            )
            if record.stated_quorum is not None and abs(record.stated_quorum - record.quorum) > 1e-6:
                notes.append(
                    say(
                        "sources.debian.count.quorum_stated", file=candidate.name, stated=record.stated_quorum
                    )
                )
            return record.quorum, record.developer_count, "file"
    if page is not None and page.developer_count is not None:
        notes.append(
            say(
                "sources.debian.count.quorum_page",
                quorum=quorum_of(page.developer_count),
                developers=page.developer_count,
                file=Path(page.path).name,
            )
        )
        return quorum_of(page.developer_count), page.developer_count, "page"
    notes.append(say("sources.debian.count.quorum_unchecked"))
    return None, None, "none"


def _majorities(
    tally: Tally,
    page: VotePage | None,
    default: int | None,
    given: Sequence[Fraction | int] | None,
    notes: list[Message],
) -> tuple[list[Fraction], str]:
    """The majority ratio of each option and its source: given, tally header marks, or the page."""
    size = len(tally.options)
    if given is not None:
        if len(given) != size:
            raise ValueError(f"{size} majority ratios expected, one per option; got {len(given)}")
        notes.append(say("sources.debian.count.majorities_given"))
        return [Fraction(ratio) for ratio in given], "given"
    if any(mark is not None for mark in tally.majority_marks):
        notes.append(say("sources.debian.count.majorities_marks"))
        return [mark if mark is not None else Fraction(1) for mark in tally.majority_marks], "marks"
    if page is not None and page.stated_majority is not None:
        if page.stated_majority != 1:
            notes.append(
                say(
                    "sources.debian.count.majority_page",
                    statement=repr(page.majority_statement),
                    ratio=ratio_text(page.stated_majority),
                )
            )
        return [Fraction(1) if option == default else page.stated_majority for option in range(size)], "page"
    return [Fraction(1)] * size, "none"
