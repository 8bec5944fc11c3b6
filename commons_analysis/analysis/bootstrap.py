"""Bootstrap intervals: how much the participation figures of a few dozen people vary by chance.

The units over which a figure is defined are resampled with replacement, the
figure is computed on each of N resamples, and the 95 % percentile interval
``[low, high]`` of those N values is reported (Efron & Tibshirani 1993, *An
Introduction to the Bootstrap*, ch. 13; DESIGN.md, "Uncertainty").

* ``participation.gini``, ``top10_share`` and ``repeat_share`` are figures of
  the records per *participant* (every actor with a record, organisations
  included, as DESIGN defines them): the participants are resampled, each
  with its number of records. These figures depend only on how many
  participants have each number of records, so a resample is drawn as the
  multinomial counts of the distinct numbers of records (probabilities: their
  frequencies) — the same distribution as drawing participants one by one,
  in (N × distinct numbers) instead of (N × participants).
* ``inclusion.g.share`` is over *participating persons*: resampling them, the
  number tagged g is binomial (persons, share). It is drawn so, group by
  group, from a stream of its own: the interval of a printed group depends
  on its count, the number of persons and the seed only, never on a hidden
  group.

Intervals are ``None`` when N is 0 or there are fewer than two units (one
person resampled is always the same person: the interval would say nothing).

Example
-------
>>> counts = [1, 1, 1, 2, 2, 3, 5, 8, 13, 20]
>>> intervals = participation_intervals(counts, replicates=2000, seed=1)
>>> low, high = intervals["gini_ci"]
>>> bool(0.3 < low < 0.536 < high < 0.7)  # the Gini of these counts is 0.536
True
>>> participation_intervals([4], replicates=1000)["gini_ci"] is None
True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from commons_analysis.analysis.participation import records
from commons_analysis.analysis.uncertainty import BOOTSTRAP, LEVEL
from commons_analysis.model.case import Case

#: Keys of this module's random streams, so that each figure's draws depend on nothing else.
PARTICIPATION_STREAM = 1
INCLUSION_STREAM = 2

INTERVAL_KEYS = ("gini_ci", "top10_share_ci", "repeat_share_ci")


def random_stream(seed: int, *key: int) -> np.random.Generator:
    """An independent generator for one use of ``seed`` (a ``SeedSequence`` spawn key).

    >>> float(random_stream(0, 1).random()) == float(random_stream(0, 1).random())
    True
    """
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=key))


def percentile_interval(replicates: Any, level: float = LEVEL) -> list[float] | None:
    """The ``[low, high]`` quantiles (1 ∓ level)/2 of the bootstrap replicates; None without any.

    >>> [round(bound, 9) for bound in percentile_interval(range(101))]
    [2.5, 97.5]
    """
    values = np.asarray(replicates, dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None
    low, high = np.quantile(values, [(1 - level) / 2, (1 + level) / 2])
    return [float(low), float(high)]


def resampled_frequencies(frequencies: np.ndarray, replicates: int, rng: np.random.Generator) -> np.ndarray:
    """(replicates × K) multinomial draws: how many of n resampled units fall in each of K kinds.

    ``frequencies[k]`` units of kind k, n = their sum; each row sums to n.
    """
    frequencies = np.asarray(frequencies, dtype=np.int64)
    total = int(frequencies.sum())
    return rng.multinomial(total, frequencies / total, size=replicates)


def concentration(values: np.ndarray, multiplicities: np.ndarray) -> dict[str, np.ndarray]:
    """Gini, top-10 % share and repeat share of samples given as multiplicities of sorted distinct values.

    ``values`` (K,) ascending and positive; ``multiplicities`` (N, K), row i
    being sample i (value k taken ``multiplicities[i, k]`` times, n per row).
    With C the cumulative multiplicities, the Gini ΣᵢΣⱼ|xᵢ − xⱼ| / (2n²x̄) is
    Σₖ wₖ vₖ (2Cₖ − wₖ − n) / (n Σₖ wₖ vₖ) — the sorted-values formula of
    :func:`~commons_analysis.analysis.participation.gini` with ties grouped.
    The top share takes the ⌈n/10⌉ largest values; the repeat share counts
    values ≥ 2 (DESIGN.md, "Participation").

    >>> import numpy as np
    >>> result = concentration(np.array([1, 3]), np.array([[1, 1], [2, 0]]))  # samples {1, 3}, {1, 1}
    >>> result["gini"].tolist(), result["top10_share"].tolist(), result["repeat_share"].tolist()
    ([0.25, 0.0], [0.75, 0.5], [0.5, 0.0])
    """
    weights = np.atleast_2d(np.asarray(multiplicities, dtype=np.int64))
    values = np.asarray(values, dtype=np.int64)
    n = weights.sum(axis=1)
    mass = weights * values
    total = mass.sum(axis=1)
    cumulative = np.cumsum(weights, axis=1)
    spread = (mass * (2 * cumulative - weights - n[:, None])).sum(axis=1)
    keep = -(-n // 10)
    above = n[:, None] - cumulative  # units with a larger value than value k
    taken = np.clip(keep[:, None] - above, 0, weights)
    return {
        "gini": spread / (n * total),
        "top10_share": (taken * values).sum(axis=1) / total,
        "repeat_share": weights[:, values >= 2].sum(axis=1) / n,
    }


def participation_intervals(counts: Any, replicates: int = BOOTSTRAP, seed: int = 0) -> dict[str, Any]:
    """``gini_ci``, ``top10_share_ci``, ``repeat_share_ci`` of the records per participant ``counts``.

    The participants are resampled with replacement ``replicates`` times;
    each interval is the 95 % percentile interval. All None when
    ``replicates`` is 0 or there are fewer than two participants.
    """
    if replicates < 0:
        raise ValueError(f"the number of bootstrap resamples must be 0 or more, not {replicates}")
    counts = np.asarray(counts, dtype=np.int64).ravel()
    counts = counts[counts > 0]
    if replicates == 0 or counts.size < 2:
        return dict.fromkeys(INTERVAL_KEYS)
    values, frequencies = np.unique(counts, return_counts=True)
    rng = random_stream(seed, PARTICIPATION_STREAM)
    samples = concentration(values, resampled_frequencies(frequencies, replicates, rng))
    return {
        f"{name}_ci": percentile_interval(samples[name]) for name in ("gini", "top10_share", "repeat_share")
    }


def case_participation_intervals(case: Case, replicates: int = BOOTSTRAP, seed: int = 0) -> dict[str, Any]:
    """:func:`participation_intervals` of the records per participant of ``case``."""
    rec = records(case)
    return participation_intervals(np.bincount(rec.actor, minlength=len(rec.actor_ids)), replicates, seed)


def share_interval(
    count: int, total: int, replicates: int = BOOTSTRAP, seed: int = 0, stream: int = 0
) -> Any:
    """95 % percentile bootstrap interval of the share ``count / total`` of units having a trait.

    Resampling ``total`` units with replacement, the number having the trait
    is binomial(total, count / total): drawn so, from the random stream
    ``stream`` of ``seed``. None when ``replicates`` is 0 or ``total`` < 2.

    >>> share_interval(12, 66, replicates=2000, seed=1)  # about 0.18 ± 1.96·√(0.18·0.82/66)
    [0.09..., 0.28...]
    """
    if replicates < 0:
        raise ValueError(f"the number of bootstrap resamples must be 0 or more, not {replicates}")
    if replicates == 0 or total < 2:
        return None
    rng = random_stream(seed, INCLUSION_STREAM, stream)
    return percentile_interval(rng.binomial(total, count / total, size=replicates) / total)


__all__ = [
    "BOOTSTRAP",
    "INTERVAL_KEYS",
    "case_participation_intervals",
    "concentration",
    "participation_intervals",
    "percentile_interval",
    "random_stream",
    "resampled_frequencies",
    "share_interval",
]
