"""How many random draws the uncertainty figures take when none is asked for (docs/design.md §Uncertainty).

Kept apart from :mod:`~commons_analysis.analysis.permutation` and
:mod:`~commons_analysis.analysis.bootstrap` so that the command line can show
these defaults without loading numpy.

Example
-------
>>> PERMUTATIONS, BOOTSTRAP, LEVEL
(1000, 1000, 0.95)
"""

from __future__ import annotations

#: Shufflings of the sectors for the permutation tests; 0 turns the tests off (their values are null).
PERMUTATIONS = 1000
#: Resamples of the participants for the bootstrap intervals; 0 turns the intervals off.
BOOTSTRAP = 1000
#: Coverage of the bootstrap percentile intervals.
LEVEL = 0.95

__all__ = ["BOOTSTRAP", "LEVEL", "PERMUTATIONS"]
