"""Agreement between coders: Krippendorff's alpha, with a 95 % bootstrap interval over units.

α = 1 − D_o / D_e, where D_o is the disagreement observed among the values
that coders gave to the same unit, and D_e the disagreement expected by
chance from all pairable values; only units coded by two coders or more
count (Krippendorff, *Content Analysis*, 2004, ch. 11; "Computing
Krippendorff's Alpha-Reliability", 2011). The distance between two values
is that of the level: nominal (same or not), ordinal (ranks, weighted by
how many values lie between), interval (squared difference), ratio. The
computation is the maintained ``krippendorff`` package's; this module feeds
it, reads tables of (unit, coder, value), and resamples units for the
interval (units drawn with replacement, ``seed`` fixed; the 2.5th and
97.5th percentiles of the alphas that are defined).

Example
-------
Krippendorff's worked example (2011, p. 3): four observers, twelve units.

>>> import numpy as np
>>> nan = np.nan
>>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
...         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
>>> [round(alpha(data, level), 3) for level in LEVELS]
[0.743, 0.815, 0.849, 0.797]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, cast

import krippendorff
import numpy as np
import pandas as pd

#: The levels of measurement, as ``krippendorff`` names them.
LEVELS = ("nominal", "ordinal", "interval", "ratio")
#: Resamples of the 95 % interval, unless told otherwise.
AGREEMENT_BOOTSTRAP = 1000


def alpha(data: Any, level: str = "nominal", domain: Sequence[float] | None = None) -> float | None:
    """Krippendorff's alpha of a coders × units matrix (NaN: not coded); None when it is undefined.

    Undefined: fewer than two pairable values, or a single value in all of them
    (no disagreement is then possible, D_e = 0). ``domain``: the values the
    scale holds (for the ordinal distance), by default those seen.

    >>> alpha([[1, 1, 0], [1, 1, 0]]), alpha([[1, 1], [1, 1]])
    (1.0, None)
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}: use one of {', '.join(LEVELS)}")
    matrix = np.asarray(data, dtype=float)
    if matrix.ndim != 2 or matrix.size == 0:
        return None
    pairable = np.sum(~np.isnan(matrix), axis=0) >= 2
    values = matrix[:, pairable]
    seen = np.unique(values[~np.isnan(values)])
    if len(seen) < 2:
        return None
    value_domain = np.union1d(seen, np.asarray(domain, dtype=float)) if domain is not None else seen
    result = krippendorff.alpha(
        reliability_data=values, value_domain=value_domain, level_of_measurement=cast(Any, level)
    )
    return None if not np.isfinite(result) else float(result)


def bootstrap_interval(
    data: Any,
    level: str = "nominal",
    draws: int = AGREEMENT_BOOTSTRAP,
    seed: int = 0,
    domain: Sequence[float] | None = None,
) -> tuple[float, float] | None:
    """The 95 % percentile interval of alpha over ``draws`` resamples of the pairable units, or None.

    None when ``draws`` is 0, or when fewer than half the resamples give a defined alpha.

    >>> low, high = bootstrap_interval([[1, 1, 0, 0, 1], [1, 1, 0, 1, 1]], draws=200, seed=1)
    >>> -1 <= low <= high <= 1
    True
    """
    matrix = np.asarray(data, dtype=float)
    if draws <= 0 or matrix.ndim != 2:
        return None
    matrix = matrix[:, np.sum(~np.isnan(matrix), axis=0) >= 2]
    units = matrix.shape[1]
    if units < 2:
        return None
    seen = np.unique(matrix[~np.isnan(matrix)])
    full_domain = np.union1d(seen, np.asarray(domain, dtype=float)) if domain is not None else seen
    if len(full_domain) < 2:
        return None
    # Units × values counts, built once: a resample draws rows of it (what alpha reads of a unit).
    counts = np.stack([np.sum(matrix == value, axis=0) for value in full_domain], axis=1)
    rng = np.random.default_rng(seed)
    alphas = []
    for _ in range(draws):
        sample = counts[rng.integers(0, units, units)]
        if np.count_nonzero(sample.sum(axis=0)) < 2:  # one value only: alpha undefined
            continue
        value = krippendorff.alpha(
            value_counts=sample, value_domain=full_domain, level_of_measurement=cast(Any, level)
        )
        if np.isfinite(value):
            alphas.append(float(value))
    if len(alphas) < draws / 2:
        return None
    low, high = np.percentile(alphas, [2.5, 97.5])
    return float(low), float(high)


class Reliability(NamedTuple):
    """A table of codes as the matrix alpha takes: coders × units, NaN where a coder left a unit."""

    matrix: np.ndarray
    units: list[Any]
    coders: list[Any]


def reliability_matrix(table: pd.DataFrame) -> Reliability:
    """Columns ``unit``, ``coder``, ``value`` (numbers) → the coders × units matrix, both sorted.

    >>> table = pd.DataFrame({"unit": ["u1", "u1", "u2"], "coder": ["A", "B", "A"], "value": [1, 2, 3]})
    >>> reliability_matrix(table).matrix.tolist()
    [[1.0, 3.0], [2.0, nan]]
    """
    wide = table.pivot(index="coder", columns="unit", values="value").sort_index().sort_index(axis=1)
    return Reliability(wide.to_numpy(dtype=float, na_value=np.nan), list(wide.columns), list(wide.index))


def agreement(
    table: pd.DataFrame,
    level: str = "nominal",
    *,
    bootstrap: int = AGREEMENT_BOOTSTRAP,
    seed: int = 0,
    domain: Sequence[float] | None = None,
) -> dict[str, Any]:
    """Alpha of a (unit, coder, value) table: ``alpha``, ``ci95``, ``units`` (pairable), ``coders``,
    ``values``.

    ``values``: the pairable values (those of units coded twice or more), D_o and D_e's ``n``.

    >>> table = pd.DataFrame({"unit": [1, 1, 2, 2, 3, 3], "coder": list("ABABAB"),
    ...                       "value": [0, 0, 1, 1, 0, 1]})
    >>> result = agreement(table, bootstrap=0)
    >>> round(result["alpha"], 3), result["units"], result["coders"], result["ci95"]
    (0.444, 3, 2, None)
    """
    reliability = reliability_matrix(table)
    matrix = reliability.matrix
    counts = np.sum(~np.isnan(matrix), axis=0) if matrix.size else np.array([], dtype=int)
    pairable = counts >= 2
    return {
        "alpha": alpha(matrix, level, domain),
        "ci95": bootstrap_interval(matrix, level, bootstrap, seed, domain),
        "level": level,
        "units": int(pairable.sum()),
        "coders": len(reliability.coders),
        "values": int(counts[pairable].sum()),
    }


__all__ = [
    "AGREEMENT_BOOTSTRAP",
    "LEVELS",
    "Reliability",
    "agreement",
    "alpha",
    "bootstrap_interval",
    "reliability_matrix",
]
