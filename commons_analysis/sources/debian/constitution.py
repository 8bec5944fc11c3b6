"""The versions of the Debian constitution, and which one counted a vote.

Appendix A.6 of the constitution says how votes are counted. It changed
twice in ways that matter to a count (``constitution/constitution*.wml`` of
the records, versions 1.0–1.7):

- **1.0** (ratified 1998-12-02): *Concorde Vote Counting*. Options dominated
  by another (more ballots prefer the other) are discarded; an option that
  dominates all others wins; otherwise Single Transferable Vote decides among
  those left. A supermajority F:A multiplies the ballots preferring the option
  by A/F before each comparison. With a quorum, at least that many ballots
  must prefer the winner to the default option (Further Discussion; None Of
  The Above in leader elections, §5.2), else the default wins.
- **1.1** (2003-06-21, adopted by the 2003 vote on "Clone Proof SSD"), 1.2,
  1.3, 1.4, 1.5: options below the quorum R (fewer than R ballots prefer them
  to the default) are dropped; an option A is dropped unless it defeats the
  default D by its majority ratio N: V(A,D) **strictly greater** than N·V(D,A);
  then Condorcet with Cloneproof Schwartz Sequential Dropping; a remaining tie
  goes to the casting vote (the Project Leader's for the Developers, §4.2).
- **1.6** (2015-12-13) and 1.7 (2016-08-14): A defeats D by ratio N if
  V(A,D) is **greater than or equal to** N·V(D,A) and strictly greater than
  V(D,A). (In the records the 1.6 and 1.7 text is cut mid-word: "…and V(A,D)
  is strictly great".)

The default option is "Further Discussion" for General Resolutions (A.3) and
"None Of The Above" for leader elections (§5.2) in every version here.

A vote is counted under the version in force when its voting period ended.
Three versions were ratified on the very day a vote ended (1.2 on 2003-10-29,
1.3 on 2006-09-24, 1.4 on 2007-10-07): each is the result of that vote, so
it applies from the next vote on: :func:`in_force` takes the latest version
ratified *before* the day the vote ended.

Example
-------
>>> import datetime as dt
>>> in_force(dt.date(2003, 10, 29)).version, in_force(dt.date(2016, 8, 20)).version
('1.1', '1.7')
>>> in_force(dt.date(2002, 4, 16)).method
'concorde'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Method = Literal["concorde", "cssd"]
MajorityTest = Literal["greater", "at_least_and_greater"]


@dataclass(frozen=True)
class Constitution:
    """One version of the constitution, as far as counting votes is concerned."""

    version: str
    ratified: dt.date
    file: str
    method: Method
    majority_test: MajorityTest

    @property
    def method_name(self) -> str:
        """The counting method in words."""
        if self.method == "concorde":
            return "Concorde Vote Counting (Condorcet, then Single Transferable Vote)"
        return "Condorcet with Cloneproof Schwartz Sequential Dropping"


CONSTITUTIONS: tuple[Constitution, ...] = (
    Constitution("1.0", dt.date(1998, 12, 2), "constitution.1.0.wml", "concorde", "greater"),
    Constitution("1.1", dt.date(2003, 6, 21), "constitution.1.1.wml", "cssd", "greater"),
    Constitution("1.2", dt.date(2003, 10, 29), "constitution.1.2.wml", "cssd", "greater"),
    Constitution("1.3", dt.date(2006, 9, 24), "constitution.1.3.wml", "cssd", "greater"),
    Constitution("1.4", dt.date(2007, 10, 7), "constitution.1.4.wml", "cssd", "greater"),
    Constitution("1.5", dt.date(2015, 1, 9), "constitution.1.5.wml", "cssd", "greater"),
    Constitution("1.6", dt.date(2015, 12, 13), "constitution.1.6.wml", "cssd", "at_least_and_greater"),
    Constitution("1.7", dt.date(2016, 8, 14), "constitution.wml", "cssd", "at_least_and_greater"),
)
#: The version in force when the records were copied (2018-05-30).
CURRENT = CONSTITUTIONS[-1]


def in_force(voting_end: dt.date) -> Constitution:
    """The version under which a vote whose voting period ended on ``voting_end`` was counted."""
    earlier = [version for version in CONSTITUTIONS if version.ratified < voting_end]
    if not earlier:
        raise ValueError(
            f"no Debian constitution before {voting_end.isoformat()} (version 1.0 dates from 1998-12-02)"
        )
    return earlier[-1]


def by_version(version: str) -> Constitution:
    """The constitution of that version number (``"1.4"``)."""
    for constitution in CONSTITUTIONS:
        if constitution.version == version:
            return constitution
    known = ", ".join(c.version for c in CONSTITUTIONS)
    raise ValueError(f"unknown constitution version {version!r}; the versions are {known}")
