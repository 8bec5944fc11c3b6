"""Concorde Vote Counting: the count of constitution 1.0 (the 2002 and early 2003 votes).

Dominated options are dropped, then a single transferable vote among the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from commons_analysis.core.messages import Message, say
from commons_analysis.sources.debian.outcome import Drop, Outcome, distinct_notes
from commons_analysis.sources.debian.tally import UNRANKED, beat_matrix


def count_concorde(
    ranks: np.ndarray,
    *,
    default: int | None,
    quorum: float | None,
    majorities: Sequence[Fraction],
) -> Outcome:
    """Constitution 1.0 (A.6, "Concorde Vote Counting"): Condorcet, then Single Transferable Vote.

    Option A dominates B if more ballots prefer A to B than B to A, the ballots
    preferring an option that needs a supermajority F:A being multiplied by
    A/F first. Dominated options are discarded; if one option is left it wins,
    otherwise STV decides among those left (an option with more than half the
    first preferences wins, else the one with fewest is eliminated). With a
    quorum, at least that many ballots must prefer the winner to the default
    option — counting the actual ballots, not the reduced ones — else the
    default wins.

    Where version 1.0 is silent, this count assumes (and says so in ``notes``):
    when every option is dominated (a Condorcet cycle), STV decides among all
    of them; a ballot ranking several remaining options first splits its
    first preference equally among them; options tied for fewest first
    preferences are eliminated together, and when all remaining options tie,
    the casting vote decides.
    """
    ranks = np.asarray(ranks)
    size = ranks.shape[1]
    beats = beat_matrix(ranks)
    notes: list[Message] = []
    dropped: list[Drop] = []

    def weighted(a: int, b: int) -> Fraction:
        return Fraction(int(beats[a, b])) / majorities[a]

    dominators = {
        b: [a for a in range(size) if a != b and weighted(a, b) > weighted(b, a)] for b in range(size)
    }
    undominated = [option for option in range(size) if not dominators[option]]
    for option in range(size):
        if dominators[option]:
            by = ", ".join(str(a + 1) for a in dominators[option])
            dropped.append(Drop(option, "dominated", f"dominated by option {by}"))
    if not undominated:
        notes.append(say("sources.debian.count.cycle"))
        undominated = list(range(size))
        dropped = []
    winners = undominated
    if len(undominated) > 1:
        winners, eliminated, stv_notes = single_transferable_vote(ranks, undominated, majorities)
        dropped += eliminated
        notes += stv_notes
    if quorum is not None and default is not None and len(winners) == 1 and winners[0] != default:
        winner = winners[0]
        if int(beats[winner, default]) < quorum:
            dropped.append(
                Drop(
                    winner,
                    "quorum",
                    f"{int(beats[winner, default])} ballots prefer it to the default, quorum {quorum:.2f}",
                )
            )
            winners = [default]
            notes.append(say("sources.debian.count.quorum_default_wins"))
    return Outcome(
        winners=sorted(winners),
        dropped=sorted(
            (drop for drop in dropped if drop.option not in winners), key=lambda drop: drop.option
        ),
        schwartz_set=[],
        dropped_defeats=[],
        casting_vote_needed=len(winners) > 1,
        notes=notes,
    )


def single_transferable_vote(
    ranks: np.ndarray, candidates: Sequence[int], majorities: Sequence[Fraction]
) -> tuple[list[int], list[Drop], list[Message]]:
    """STV among ``candidates`` as constitution 1.0 describes it; returns winners, eliminations, notes.

    >>> ranks = np.array([[1, 2, 3]] * 2 + [[2, 1, 3]] * 2 + [[3, 2, 1]])
    >>> winners, eliminated, notes = single_transferable_vote(ranks, [0, 1, 2], [Fraction(1)] * 3)
    >>> winners, [(d.option, d.reason) for d in eliminated]
    ([1], [(2, 'stv')])
    """
    remaining = list(candidates)
    eliminated: list[Drop] = []
    notes: list[Message] = []
    round_number = 0
    while True:
        round_number += 1
        firsts = {option: Fraction(0) for option in remaining}
        for row in np.asarray(ranks)[:, remaining]:
            best = int(row.min())
            if best >= UNRANKED:
                continue  # exhausted: ranks none of the remaining options
            top = [remaining[i] for i, rank in enumerate(row) if rank == best]
            for option in top:
                firsts[option] += Fraction(1, len(top))
        if any(share.denominator != 1 for share in firsts.values()):
            notes.append(say("sources.debian.count.stv_split"))
        scaled = {option: firsts[option] / majorities[option] for option in remaining}
        total = sum(scaled.values(), Fraction(0))
        leaders = [option for option in remaining if scaled[option] > total / 2]
        if leaders or len(remaining) == 1:
            return (leaders or remaining), eliminated, distinct_notes(notes)
        fewest = min(scaled.values())
        losers = [option for option in remaining if scaled[option] == fewest]
        if len(losers) == len(remaining):
            notes.append(say("sources.debian.count.stv_all_tie"))
            return remaining, eliminated, distinct_notes(notes)
        if len(losers) > 1:
            notes.append(say("sources.debian.count.stv_tied_out"))
        for option in losers:
            eliminated.append(
                Drop(
                    option,
                    "stv",
                    f"fewest first preferences ({float(scaled[option]):g}) in STV round {round_number}",
                )
            )
        remaining = [option for option in remaining if option not in losers]
