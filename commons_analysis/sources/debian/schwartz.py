"""Condorcet with Cloneproof Schwartz Sequential Dropping: the count of constitution 1.1 on (A.6).

Quorum, then majority, then the Schwartz set with its weakest defeats dropped until none is left
(Schulze 2003; Tideman 2006, ch. 7).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from commons_analysis.core.messages import say
from commons_analysis.sources.debian.constitution import Constitution
from commons_analysis.sources.debian.outcome import Defeat, Drop, Outcome, ratio_text


def count_cssd(
    beats: np.ndarray,
    *,
    default: int | None,
    quorum: float | None,
    majorities: Sequence[Fraction],
    constitution: Constitution,
) -> Outcome:
    """Constitution 1.1 on (A.6): quorum, majority, Cloneproof Schwartz Sequential Dropping, casting vote."""
    size = beats.shape[0]
    dropped: list[Drop] = []
    alive = list(range(size))
    if default is not None:
        for option in range(size):
            if option == default:
                continue
            for_, against = int(beats[option, default]), int(beats[default, option])
            if quorum is not None and for_ < quorum:
                dropped.append(
                    Drop(option, "quorum", f"{for_} ballots rank it above the default, quorum {quorum:.2f}")
                )
            elif not passes_majority(for_, against, majorities[option], constitution):
                dropped.append(
                    Drop(
                        option,
                        "majority",
                        f"{for_}:{against} against the default, needs {ratio_text(majorities[option])}",
                    )
                )
        alive = [option for option in alive if option not in {drop.option for drop in dropped}]
    schwartz, dropped_defeats, remaining = schwartz_sequential_dropping(beats, alive)
    for option in alive:
        if option not in schwartz:
            by = sorted(winner for winner, loser in remaining if loser == option)
            detail = "outside the Schwartz set"
            if by:
                detail += ", defeated by option " + ", ".join(str(b + 1) for b in by)
            if dropped_defeats:
                detail += (
                    f" after {max(d.round for d in dropped_defeats)} round(s) of dropping the weakest defeats"
                )
            dropped.append(Drop(option, "schwartz", detail))
    notes = []
    if len(schwartz) > 1:
        notes.append(say("sources.debian.count.casting_vote"))
    return Outcome(
        winners=sorted(schwartz),
        dropped=sorted(dropped, key=lambda drop: drop.option),
        schwartz_set=sorted(schwartz),
        dropped_defeats=dropped_defeats,
        casting_vote_needed=len(schwartz) > 1,
        notes=notes,
    )


def passes_majority(votes_for: int, votes_against: int, ratio: Fraction, constitution: Constitution) -> bool:
    """Whether an option defeats the default by its majority ratio, as ``constitution`` words it.

    >>> from commons_analysis.sources.debian.constitution import by_version
    >>> [passes_majority(60, 20, Fraction(3), by_version(version)) for version in ("1.5", "1.6")]
    [False, True]
    """
    if constitution.majority_test == "greater":
        return votes_for > ratio * votes_against
    return votes_for >= ratio * votes_against and votes_for > votes_against


def schwartz_sequential_dropping(
    beats: np.ndarray, options: Sequence[int]
) -> tuple[list[int], list[Defeat], set[tuple[int, int]]]:
    """The Schwartz set once the weakest defeats inside it are dropped, round after round (A.6.5–8).

    Returns the final Schwartz set, the dropped defeats, and the defeats left.

    1 beats 2 (6:3), 2 beats 3 (7:2), 3 beats 1 (5:4): the weakest defeat, 3 over 1, is dropped.

    >>> cycle = np.array([[0, 6, 4], [3, 0, 7], [5, 2, 0]])
    >>> schwartz, dropped, left = schwartz_sequential_dropping(cycle, [0, 1, 2])
    >>> schwartz, [(d.winner, d.loser, d.votes_for, d.round) for d in dropped]
    ([0], [(2, 0, 5, 1)])
    """
    alive = sorted(options)
    defeats = {(a, b) for a in alive for b in alive if a != b and beats[a, b] > beats[b, a]}
    dropped: list[Defeat] = []
    round_number = 0
    while True:
        schwartz = schwartz_set(alive, defeats)
        inside = sorted((a, b) for a, b in defeats if a in schwartz and b in schwartz)
        if not inside:
            return schwartz, dropped, defeats
        round_number += 1
        strength = {(a, b): (int(beats[a, b]), -int(beats[b, a])) for a, b in inside}
        weakest = min(strength.values())
        for a, b in inside:
            if strength[(a, b)] == weakest:
                defeats.discard((a, b))
                dropped.append(Defeat(a, b, int(beats[a, b]), int(beats[b, a]), round_number))


def schwartz_set(options: Sequence[int], defeats: set[tuple[int, int]]) -> list[int]:
    """Options A such that for every B, A transitively defeats B or B does not transitively defeat A.

    >>> schwartz_set([0, 1, 2], {(0, 1), (1, 2), (2, 0)}), schwartz_set([0, 1, 2], {(0, 1), (0, 2)})
    ([0, 1, 2], [0])
    """
    reach = {a: {b for b in options if (a, b) in defeats} for a in options}
    for middle in options:  # Warshall's transitive closure
        for a in options:
            if middle in reach[a]:
                reach[a] |= reach[middle]
    return [a for a in options if all(b in reach[a] or a not in reach[b] for b in options if b != a)]
