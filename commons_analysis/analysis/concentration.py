"""Concentration of participation: ratios, the Gini coefficient, the share of the most active.

Is participation held by a few people? The Gini coefficient and the top
share read the records per participant (docs/design.md §Participation);
:func:`~commons_analysis.analysis.participation.lorenz_curve` draws them.
Undefined values (a division by zero, no data) are ``None``, never 0.

Example
-------
>>> gini([1, 1, 1, 1]), top_share([5, 1, 1, 1, 1, 1, 1, 1, 1, 1]), ratio(1, 0)
(0.0, 0.35714285714285715, None)
"""

from __future__ import annotations

from typing import Any

import numpy as np


def ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator`` as a Python float, or ``None`` when the denominator is 0.

    >>> ratio(1, 4), ratio(3, 0)
    (0.25, None)
    """
    if denominator == 0:
        return None
    return float(numerator) / float(denominator)


def gini(values: Any) -> float | None:
    """Gini coefficient G = ΣᵢΣⱼ|xᵢ − xⱼ| / (2n²x̄) of non-negative values.

    Computed in O(n log n) with the sorted-values identity
    ΣᵢΣⱼ|xᵢ − xⱼ| = 2 Σᵢ (2i − n − 1) x₍ᵢ₎ (x sorted ascending, i = 1..n),
    hence G = Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σx). Integer inputs are summed exactly,
    so equal values give exactly 0. ``None`` when there are no values or they
    sum to 0. Reference: Gini (1912); Damgaard & Weiner (2000), *Ecology* 81(4).

    >>> gini([1, 1, 1]), gini([0, 0, 3]), gini([1, 3])
    (0.0, 0.6666666666666666, 0.25)
    >>> gini([]) is None
    True
    """
    x = np.sort(np.asarray(values).ravel())
    n = x.size
    if n == 0:
        return None
    weights = 2 * np.arange(1, n + 1, dtype=np.int64) - n - 1
    if np.issubdtype(x.dtype, np.integer):
        total = int(x.sum())
        if total <= 0:
            return None
        if n * total < 2**62:  # exact integer arithmetic, no rounding
            return float(int((weights * x.astype(np.int64)).sum()) / (n * total))
    x = x.astype(float)
    total_f = float(x.sum())
    if total_f <= 0:
        return None
    return max(0.0, float((weights * x).sum() / (n * total_f)))


def top_share(counts: Any, fraction_tenths: int = 1) -> float | None:
    """Share of the total held by the ⌈fraction·n⌉ largest values (fraction = tenths / 10).

    The number of values kept is computed in integers, ⌈n/10⌉ = (n + 9) // 10,
    because 0.1·n in floating point rounds up wrongly (0.1·30 = 3.0000000000000004).

    >>> top_share([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 10])  # n = 11: the top 2 hold 11 of 20
    0.55
    """
    x = np.asarray(counts).ravel()
    n = x.size
    total = x.sum()
    if n == 0 or total == 0:
        return None
    keep = -(-n * fraction_tenths // 10)
    top = np.partition(x, n - keep)[n - keep :]
    return ratio(top.sum(), total)


__all__ = [
    "gini",
    "ratio",
    "top_share",
]
