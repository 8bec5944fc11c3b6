"""Debian quorum files: how many developers could vote, and the quorum derived from it.

The constitution (§4.2) sets the quorum of a General Resolution, and (§5.2)
of a leader election, at 3Q, where Q is half the square root of the number of
current Developers (not rounded). The secretary recorded the count beside the
tally, under names that changed over the years: ``gr_sec415_quorum.txt``
(2003), ``vote_001.quorum.txt`` (2004–2005), ``vote_NNN_quorum.txt``
(2006–2018)::

     Current Developer Count = 911
     Q ( sqrt(#devel) / 2 ) = 15.0913882727866
     K min(5, 3 x Q )       = 5
     Quorum  (3 x Q )       = 45.2741648183597

Example
-------
>>> record = parse_quorum(" Current Developer Count = 928\\n K ( 3 x Q ) = 45.6946386351835\\n", "q.txt")
>>> record.developer_count, round(record.quorum, 6), record.stated_quorum
(928, 45.694639, 45.6946386351835)
>>> round(quorum_of(804), 4)
42.5323
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import say
from commons_analysis.sources.wording import record_text

_COUNT = re.compile(r"Current\s+Developer\s+Count\s*=\s*(-?\d+)", re.IGNORECASE)  # a sign: refused later
_STATED = re.compile(r"\(\s*3\s*x\s*Q\s*\)\s*=\s*([0-9.]+)", re.IGNORECASE)


def quorum_of(developers: int) -> float:
    """The quorum 3Q of a vote among ``developers`` Developers: Q = √developers / 2 (§4.2)."""
    return 3 * math.sqrt(developers) / 2


@dataclass(frozen=True)
class QuorumRecord:
    """What a quorum file says: the developer count, and the quorum computed from it (3Q)."""

    path: str
    developer_count: int
    stated_quorum: float | None

    @property
    def quorum(self) -> float:
        """3Q computed from the developer count (the stated value is rounded text of the same number)."""
        return quorum_of(self.developer_count)


def read_quorum(path: Path | str) -> QuorumRecord:
    """Read a quorum file. Raises :class:`CaseError` when it gives no developer count."""
    path = Path(path)
    return parse_quorum(record_text(path), str(path))


def parse_quorum(text: str, path: str) -> QuorumRecord:
    """Parse the text of a quorum file; ``path`` names the file in problems."""
    count = _COUNT.search(text)
    if count is None:
        raise CaseError([Problem.of(path, None, None, say("sources.debian.no_developer_count"))])
    if int(count.group(1)) < 1:  # a count of Developers is positive (issue 19)
        line = text.count("\n", 0, count.start()) + 1
        not_positive = say("sources.debian.developer_count_not_positive", count=int(count.group(1)))
        raise CaseError([Problem.of(path, line, None, not_positive)])
    stated = _STATED.search(text)
    return QuorumRecord(path, int(count.group(1)), float(stated.group(1)) if stated else None)


def quorum_file_candidates(
    tally: Path, page_links: tuple[str, ...] = (), page_number: int | None = None
) -> list[Path]:
    """Where the quorum file of a tally may be, most specific first.

    ``X_tally.txt`` → ``X_quorum.txt``; then the quorum log the vote page links
    to (``vote_001.quorum.log`` is published as ``vote_001.quorum.txt``); then
    ``vote_NNN.quorum.txt`` / ``vote_NNN_quorum.txt`` of the page's number.
    """
    folder = tally.parent
    candidates = []
    if tally.name.endswith("_tally.txt"):
        candidates.append(folder / (tally.name[: -len("_tally.txt")] + "_quorum.txt"))
    for link in page_links:
        name = link.rsplit("/", 1)[-1]
        if "quorum" in name and name.endswith(".log"):
            candidates.append(folder / (name[: -len(".log")] + ".txt"))
    if page_number is not None:
        candidates += [
            folder / f"vote_{page_number:03d}.quorum.txt",
            folder / f"vote_{page_number:03d}_quorum.txt",
        ]
    return list(dict.fromkeys(candidates))
