"""Bootstrap intervals: how much the participation figures of a few dozen people vary by chance.

The units over which a figure is defined are resampled with replacement, the
figure is computed on each of N resamples, and a 95 % interval ``[low, high]``
is drawn from those N values (Efron & Tibshirani 1993, *An Introduction to the
Bootstrap*; docs/design.md §Uncertainty). At the few dozen participants of the
cases the plain percentile interval covers the true Gini 84 % of the time
instead of 95 % (a skewed, biased figure), so the Gini and the top share take
the bootstrap-t interval (each resample studentized by its jackknife standard
error, :func:`studentized_interval`), and the shares the bias-corrected and
accelerated (BCa) interval (:func:`bca_interval`);
``benchmarks/bench_coverage.py`` measures the coverage of each.

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
>>> bool(0.4 < low < 0.536 < high < 0.8)  # the Gini of these counts is 0.536, biased down at n = 10
True
>>> participation_intervals([4], replicates=1000)["gini_ci"] is None
True
"""

from __future__ import annotations

from statistics import NormalDist
from typing import Any

import numpy as np

from commons_analysis.analysis.participation import records
from commons_analysis.analysis.uncertainty import BOOTSTRAP, LEVEL
from commons_analysis.model.case import Case

#: Keys of this module's random streams, so that each figure's draws depend on nothing else.
PARTICIPATION_STREAM = 1
INCLUSION_STREAM = 2

INTERVAL_KEYS = ("gini_ci", "top10_share_ci", "repeat_share_ci")
#: The figures whose interval is the bootstrap-t (:func:`studentized_interval`); the others are BCa.
STUDENTIZED = ("gini", "top10_share")


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


def bca_interval(
    replicates: Any, estimate: float, jackknife: Any, weights: Any = None, level: float = LEVEL
) -> list[float] | None:
    """Efron's bias-corrected and accelerated (BCa) interval of a figure from its bootstrap replicates.

    The percentile interval is right only when the figure's sampling
    distribution is symmetric around the true value; the Gini, the top share
    and the share of a small group are skewed and biased at a few dozen units,
    and the percentile interval then covers 82 % instead of 95 % (see
    ``benchmarks/bench_coverage.py``). BCa moves the quantiles taken: with
    z₀ = Φ⁻¹(share of replicates below the estimate, ties counted half) the
    bias correction, and a = Σ wᵢ(θ̄ − θᵢ)³ / (6 (Σ wᵢ(θ̄ − θᵢ)²)^{3/2}) the
    acceleration from the leave-one-out (jackknife) values θᵢ of weight wᵢ
    (how many units give that value), the bounds are the quantiles
    Φ(z₀ + (z₀ + z_α)/(1 − a(z₀ + z_α))) for z_α = Φ⁻¹((1 ∓ level)/2)
    (Efron 1987, *Better bootstrap confidence intervals*, JASA 82(397);
    Efron & Tibshirani 1993, ch. 14.3). Without spread in the replicates
    (every resample gives the estimate), the interval is the estimate itself.
    None without any finite replicate.

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> sample = rng.exponential(size=30)                        # the mean of 30 exponentials
    >>> boots = rng.choice(sample, size=(4000, 30)).mean(axis=1)
    >>> jack = (sample.sum() - sample) / 29
    >>> low, high = bca_interval(boots, sample.mean(), jack)
    >>> plow, phigh = percentile_interval(boots)
    >>> bool(low > plow and high > phigh)                         # shifted right, as the mean is skewed right
    True
    """
    values = np.asarray(replicates, dtype=float)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None
    if np.ptp(values) == 0 or not np.isfinite(estimate):
        return percentile_interval(values, level)
    below = (np.count_nonzero(values < estimate) + 0.5 * np.count_nonzero(values == estimate)) / values.size
    below = float(np.clip(below, 0.5 / values.size, 1 - 0.5 / values.size))
    normal = NormalDist()
    bias = normal.inv_cdf(below)
    theta = np.asarray(jackknife, dtype=float)
    weight = np.ones_like(theta) if weights is None else np.asarray(weights, dtype=float)
    deviation = np.average(theta, weights=weight) - theta
    spread = float(np.sum(weight * deviation**2))
    acceleration = float(np.sum(weight * deviation**3)) / (6 * spread**1.5) if spread > 0 else 0.0
    quantiles = []
    for tail in ((1 - level) / 2, (1 + level) / 2):
        z = bias + normal.inv_cdf(tail)
        quantiles.append(normal.cdf(bias + z / (1 - acceleration * z)))
    low, high = np.quantile(values, quantiles)
    return [float(low), float(high)]


def leave_one_out(frequencies: np.ndarray) -> np.ndarray:
    """(K × K) multiplicities of the K jackknife samples: one unit of kind k left out, on row k.

    >>> import numpy as np
    >>> leave_one_out(np.array([2, 1])).tolist()
    [[1, 1], [2, 0]]
    """
    frequencies = np.asarray(frequencies, dtype=np.int64)
    return frequencies[None, :] - np.eye(len(frequencies), dtype=np.int64)


def jackknife_se(values: np.ndarray, multiplicities: np.ndarray, name: str) -> np.ndarray:
    """Jackknife standard error of the figure ``name`` of :func:`concentration`, for each sample (row).

    se² = (n − 1)/n Σᵢ (θ₍ᵢ₎ − θ̄)² over the n units, θ₍ᵢ₎ the figure without
    unit i: units of one value give one leave-one-out figure, weighted by
    their multiplicity (Efron & Tibshirani 1993, ch. 11). Rows are done in
    blocks, so that memory stays bounded with many distinct values.

    >>> import numpy as np
    >>> float(jackknife_se(np.array([1, 2]), np.array([[2, 2]]), "repeat_share")[0])  # √(p(1 − p)/(n − 1))
    0.28867513459481287
    """
    weights = np.atleast_2d(np.asarray(multiplicities, dtype=np.int64))
    rows, kinds = weights.shape
    out = np.empty(rows)
    block = max(1, 4_000_000 // max(kinds * kinds, 1))
    eye = np.eye(kinds, dtype=np.int64)
    for start in range(0, rows, block):
        part = weights[start : start + block]
        left_out = np.maximum(part[:, None, :] - eye[None], 0).reshape(-1, kinds)
        theta = concentration(values, left_out)[name].reshape(len(part), kinds)
        theta = np.where(part > 0, theta, 0.0)
        n = part.sum(axis=1)
        mean = (part * theta).sum(axis=1) / n
        out[start : start + block] = np.sqrt((n - 1) / n * (part * (theta - mean[:, None]) ** 2).sum(axis=1))
    return out


def studentized_interval(
    replicates: Any, estimate: float, se: float, replicate_se: Any, level: float = LEVEL
) -> list[float] | None:
    """The bootstrap-t interval: [θ̂ − t*₍₁₊ₗ₎⸝₂ se, θ̂ − t*₍₁₋ₗ₎⸝₂ se], t* = (θ* − θ̂)/se* per resample.

    Each resample's figure is studentized by its own (jackknife) standard
    error, so the interval follows the skew and the bias of the figure: for
    the Gini and the top share of a few dozen participants it holds the stated
    coverage where the percentile and BCa intervals do not
    (``benchmarks/bench_coverage.py``; Efron & Tibshirani 1993, ch. 12.5; for
    inequality measures, Mills & Zandvakili 1997, *J. Appl. Econometrics*
    12(2)). Resamples with a zero standard error are left out; the bounds are
    kept within [0, 1], the range of the shares. None without a usable
    resample or when ``se`` is 0.

    >>> import numpy as np
    >>> studentized_interval(np.array([0.4, 0.5, 0.6]), 0.5, 0.1, np.array([0.1, 0.1, 0.1]), level=0.5)
    [0.45, 0.55]
    """
    values = np.asarray(replicates, dtype=float)
    spread = np.asarray(replicate_se, dtype=float)
    usable = np.isfinite(values) & np.isfinite(spread) & (spread > 0)
    if not usable.any() or not se > 0:
        return None
    t = (values[usable] - estimate) / spread[usable]
    upper_t, lower_t = np.quantile(t, [(1 + level) / 2, (1 - level) / 2])
    low, high = np.clip([estimate - upper_t * se, estimate - lower_t * se], 0.0, 1.0)
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
    :func:`~commons_analysis.analysis.concentration.gini` with ties grouped.
    The top share takes the ⌈n/10⌉ largest values; the repeat share counts
    values ≥ 2 (docs/design.md §Participation).

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
    the Gini's and the top share's interval is the 95 % bootstrap-t
    (:func:`studentized_interval`), the repeat share's the 95 % BCa interval
    (:func:`bca_interval`). All None when
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
    return concentration_intervals(values, frequencies, resampled_frequencies(frequencies, replicates, rng))


def concentration_intervals(
    values: np.ndarray, frequencies: np.ndarray, resampled: np.ndarray
) -> dict[str, Any]:
    """The intervals of :func:`participation_intervals`, from drawn resamples (multiplicities, R × K).

    ``values``: the distinct numbers of records per participant, ascending;
    ``frequencies``: how many participants have each.
    """
    samples = concentration(values, resampled)
    observed = concentration(values, frequencies[None, :])
    result: dict[str, Any] = {}
    for name in STUDENTIZED:
        se = float(jackknife_se(values, frequencies[None, :], name)[0])
        replicate_se = jackknife_se(values, resampled, name)
        result[f"{name}_ci"] = studentized_interval(samples[name], float(observed[name][0]), se, replicate_se)
    jackknife = concentration(values, leave_one_out(frequencies))
    for name in ("gini", "top10_share", "repeat_share"):
        if result.get(f"{name}_ci") is None:  # no jackknife spread (two participants): BCa
            estimate = float(observed[name][0])
            result[f"{name}_ci"] = bca_interval(samples[name], estimate, jackknife[name], frequencies)
    return {key: result[key] for key in INTERVAL_KEYS}


def case_participation_intervals(case: Case, replicates: int = BOOTSTRAP, seed: int = 0) -> dict[str, Any]:
    """:func:`participation_intervals` of the records per participant of ``case``."""
    rec = records(case)
    return participation_intervals(np.bincount(rec.actor, minlength=len(rec.actor_ids)), replicates, seed)


def share_interval(
    count: int, total: int, replicates: int = BOOTSTRAP, seed: int = 0, stream: int = 0
) -> Any:
    """95 % BCa bootstrap interval (:func:`bca_interval`) of the share ``count / total`` having a trait.

    Resampling ``total`` units with replacement, the number having the trait
    is binomial(total, count / total): drawn so, from the random stream
    ``stream`` of ``seed``. None when ``replicates`` is 0 or ``total`` < 2.

    >>> share_interval(12, 66, replicates=2000, seed=1)  # Wilson's score interval: [0.107, 0.292]
    [0.10..., 0.28...]
    """
    if replicates < 0:
        raise ValueError(f"the number of bootstrap resamples must be 0 or more, not {replicates}")
    if replicates == 0 or total < 2:
        return None
    rng = random_stream(seed, INCLUSION_STREAM, stream)
    replicated = rng.binomial(total, count / total, size=replicates) / total
    jackknife = [
        (count - 1) / (total - 1),
        count / (total - 1),
    ]  # one unit with the trait left out, one without
    return bca_interval(replicated, count / total, jackknife, [count, total - count])


__all__ = [
    "BOOTSTRAP",
    "INTERVAL_KEYS",
    "STUDENTIZED",
    "bca_interval",
    "case_participation_intervals",
    "concentration",
    "concentration_intervals",
    "jackknife_se",
    "leave_one_out",
    "participation_intervals",
    "percentile_interval",
    "random_stream",
    "resampled_frequencies",
    "share_interval",
    "studentized_interval",
]
