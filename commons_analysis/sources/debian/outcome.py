"""What a count returns: the options dropped and why, the defeats dropped, the winners."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from commons_analysis.core.messages import Message


@dataclass(frozen=True)
class Drop:
    """Why an option did not win.

    ``reason`` is ``quorum`` (too few ballots rank it above the default),
    ``majority`` (it does not defeat the default by its majority ratio),
    ``schwartz`` (outside the Schwartz set once the weakest defeats are
    dropped), or, under constitution 1.0, ``dominated`` (another option
    dominates it) or ``stv`` (eliminated by Single Transferable Vote).
    """

    option: int
    reason: str
    detail: str


@dataclass(frozen=True)
class Defeat:
    """A pairwise defeat dropped by Schwartz Sequential Dropping, in ``round`` (1, 2, …)."""

    winner: int
    loser: int
    votes_for: int
    votes_against: int
    round: int


@dataclass(frozen=True)
class Outcome:
    """What the rules decide from a beat matrix: winners, and why the others lost."""

    winners: list[int]
    dropped: list[Drop]
    schwartz_set: list[int]
    dropped_defeats: list[Defeat]
    casting_vote_needed: bool
    notes: list[Message] = field(default_factory=list)


def distinct_notes(notes: list[Message]) -> list[Message]:
    """Each note once, in the order of their English text (the order the report has always printed)."""
    return sorted(dict.fromkeys(notes), key=lambda note: note.text())


def ratio_text(ratio: Fraction) -> str:
    """A majority ratio as Debian writes it (``3:1``)."""
    return f"{ratio.numerator}:{ratio.denominator}"
