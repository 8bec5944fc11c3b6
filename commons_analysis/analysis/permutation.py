"""Permutation tests of the sector indicators: what chance alone gives for the E-I index and assortativity.

The sectors of the actors that have at least one cooperation tie are shuffled
among them N times, the ties kept in place (docs/design.md §Uncertainty; the
test UCINET reports for the E-I index). For each statistic, m is the mean of
the N permuted values (``…_expected``: what sectors placed at random give)
and the two-sided p-value is Phipson & Smyth's (2010, *Permutation p-values
should never be zero*, Stat. Appl. Genet. Mol. Biol. 9(1)):
p = (1 + #{i : |xᵢ − m| ≥ |x_obs − m|}) / (N + 1).

Both statistics are functions of two parts of the sector mixing matrix
(:func:`~commons_analysis.analysis.mixing.sector_mixing`): its trace, twice
the number I of ties inside one sector, and its row sums, the degree sums Dₖ
of the actors of each sector. With m ties, E-I = (m − 2I)/m and Newman's
r = (I/m − Σₖ aₖ²)/(1 − Σₖ aₖ²) with aₖ = Dₖ/2m. So each permutation needs
one comparison per tie and one weighted count per actor, done for a block of
permutations at once (no Python loop over permutations or ties; blocks keep
the memory bounded).

Example
-------
>>> import numpy as np
>>> sectors = np.array([0, 0, 0, 1, 1, 1])                     # two triangles, one bridge
>>> ties = np.array([[0, 1], [0, 2], [1, 2], [3, 4], [3, 5], [4, 5], [2, 3]])
>>> result = permutation_indicators(sectors, ties, permutations=999, seed=1)
>>> round(result["ei_index_expected"], 1), round(result["ei_index_p"], 1)  # exactly: 0.2 and 2/20
(0.2, 0.1)
>>> permutation_indicators(sectors, ties, permutations=0)["ei_index_p"] is None
True
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from commons_analysis.analysis.uncertainty import PERMUTATIONS

#: Key of this module's random stream, so that its draws do not depend on the bootstrap's.
STREAM = 0
#: Bytes of the working arrays of one block of permutations.
BLOCK_BYTES = 48 * 2**20
#: Relative tolerance under which a permuted deviation counts as equal to the observed one.
TIE_TOLERANCE = 1e-9

KEYS = (
    "ei_index_p",
    "ei_index_expected",
    "ei_index_p_se",
    "sector_assortativity_p",
    "sector_assortativity_expected",
    "sector_assortativity_p_se",
)


def two_sided_p_value(observed: float, permuted: np.ndarray) -> float:
    """Phipson & Smyth's two-sided permutation p-value, deviations measured from the permuted mean.

    p = (1 + #{i : |xᵢ − m| ≥ |x_obs − m|}) / (N + 1), m = mean of the N permuted
    values xᵢ. Deviations equal up to rounding count as equal (the permuted
    values repeat: a coarse statistic ties with the observed one often). Never 0.

    >>> import numpy as np
    >>> two_sided_p_value(3.0, np.array([-1.0, 0.0, 1.0]))  # nothing as far from 0 as 3
    0.25
    >>> two_sided_p_value(0.0, np.array([-1.0, 0.0, 1.0]))
    1.0
    """
    centre = float(np.mean(permuted))
    deviation = np.abs(permuted - centre)
    threshold = abs(observed - centre)
    as_extreme = int(np.count_nonzero(deviation >= threshold - TIE_TOLERANCE * max(threshold, 1.0)))
    return (1 + as_extreme) / (len(permuted) + 1)


def monte_carlo_se(p: float, permutations: int) -> float:
    """The Monte-Carlo standard error of a permutation p-value: √(p(1 − p)/N) for N permutations.

    p is a proportion of N random shufflings, so it varies by this much from
    one seed to another (Davison & Hinkley 1997, *Bootstrap Methods and their
    Application*, §4.2.5): at N = 1,000 and p = 0.05, 0.007, enough to tell
    0.05 from 0.01 but not from 0.04.

    >>> round(monte_carlo_se(0.05, 1000), 4), monte_carlo_se(1.0, 1000)
    (0.0069, 0.0)
    """
    return math.sqrt(max(p * (1 - p), 0.0) / permutations)


def sector_statistics(internal: Any, degree_sums: Any, ties: int) -> tuple[np.ndarray, np.ndarray]:
    """E-I index and sector assortativity from I (ties inside one sector) and the degree sums per sector.

    Arrays in, arrays out: ``internal`` has shape (N,), ``degree_sums`` (N, K).
    E-I = (m − 2I)/m (Krackhardt & Stern 1988); r = (I/m − Σ aₖ²)/(1 − Σ aₖ²),
    aₖ = Dₖ/2m (Newman 2003). The same values as
    :func:`~commons_analysis.analysis.mixing.ei_index_of_mixing` and
    :func:`~commons_analysis.analysis.mixing.assortativity_of_mixing`; r is NaN
    where all tie ends are in one sector.

    >>> ei, r = sector_statistics([1], [[4, 2]], ties=3)  # a path a-a-b: 1 tie inside, ends 4 and 2
    >>> float(ei[0]), round(float(r[0]), 4)
    (0.3333333333333333, -0.5)
    """
    inside = np.asarray(internal, dtype=float)
    shares = np.asarray(degree_sums, dtype=float) / (2 * ties)
    expected = np.einsum("nk,nk->n", shares, shares)
    with np.errstate(divide="ignore", invalid="ignore"):
        assortativity = np.where(
            np.isclose(expected, 1.0), np.nan, (inside / ties - expected) / (1 - expected)
        )
    return (ties - 2 * inside) / ties, assortativity


def active_actors(sectors: np.ndarray, ties: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The actors with a tie: (their sector codes, the ties as positions among them, their degrees).

    >>> import numpy as np
    >>> labels, pairs, degree = active_actors(np.array([4, 0, 1, 1]), np.array([[1, 3], [2, 3]]))
    >>> labels.tolist(), pairs.tolist(), degree.tolist()
    ([0, 1, 1], [[0, 2], [1, 2]], [1, 1, 2])
    """
    actors, positions = np.unique(np.asarray(ties, dtype=np.int64), return_inverse=True)
    positions = positions.reshape(-1, 2)
    return np.asarray(sectors)[actors], positions, np.bincount(positions.ravel(), minlength=len(actors))


def permuted_sector_statistics(
    sectors: np.ndarray, ties: np.ndarray, permutations: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """E-I index and assortativity of ``permutations`` shufflings of the sectors among the actors with a tie.

    Returns two arrays of length ``permutations``. A block of B shufflings is
    a (B × actors) array of sector codes, each row shuffled independently
    (``rng.permuted``). Its columns are packed eight to a 64-bit word per actor
    (:func:`ties_across`), so that one gather per tie end and a few word
    operations compare eight shufflings at once; the degree sums per sector
    come from one weighted ``bincount`` of (shuffling, sector) codes.
    """
    return _permuted(*active_actors(sectors, ties), permutations, rng)


def _permuted(
    labels: np.ndarray, pairs: np.ndarray, degree: np.ndarray, permutations: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`permuted_sector_statistics` of the actors with a tie, as :func:`active_actors` gives them."""
    n_ties, n_actors = len(pairs), len(labels)
    n_sectors = int(labels.max()) + 1
    if n_sectors > 127:
        raise ValueError(f"at most 127 sectors can be shuffled, not {n_sectors}")
    labels = labels.astype(np.int8)
    first, second = np.ascontiguousarray(pairs[:, 0]), np.ascontiguousarray(pairs[:, 1])
    block = int(np.clip(BLOCK_BYTES // (2 * n_ties + 18 * n_actors), 1, max(permutations, 1)))
    block = block // 8 * 8 or block  # whole words
    internal = np.empty(permutations, dtype=np.int64)
    degree_sums = np.empty((permutations, n_sectors), dtype=float)
    weights = np.tile(degree.astype(float), block)
    for start in range(0, permutations, block):
        size = min(block, permutations - start)
        shuffled = rng.permuted(np.broadcast_to(labels, (size, n_actors)), axis=1)
        internal[start : start + size] = n_ties - ties_across(shuffled, first, second)
        codes = (np.arange(size)[:, None] * n_sectors + shuffled).ravel()
        sums = np.bincount(codes, weights=weights[: size * n_actors], minlength=size * n_sectors)
        degree_sums[start : start + size] = sums.reshape(size, n_sectors)
    return sector_statistics(internal, degree_sums, n_ties)


def ties_across(labels: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """For each row of ``labels`` (codes 0–127 per actor), the number of ties whose two ends differ.

    The rows are packed eight to a 64-bit word per actor (one byte each), so a
    tie's two ends are two word gathers for eight rows (the loop runs over
    these words: one per eight rows, each step vectorized over the ties). In x = a XOR b each
    byte is below 128 and is 0 exactly where the codes agree; adding 0x7F to
    every byte sets its high bit exactly where it is not 0, with no carry into
    the next byte. The high bits, shifted down to 1 per byte, are added up 255
    ties at a time (a byte cannot overflow), then byte by byte.

    >>> import numpy as np
    >>> labels = np.array([[0, 0, 1], [0, 1, 1]], dtype=np.int8)  # two rows, three actors
    >>> ties_across(labels, np.array([0, 1]), np.array([1, 2])).tolist()  # ties 0-1 and 1-2
    [1, 1]
    """
    rows, n_actors = labels.shape
    words = -(-rows // 8)
    by_actor = np.zeros((n_actors, 8 * words), dtype=np.uint8)
    by_actor[:, :rows] = labels.T
    packed = np.ascontiguousarray(by_actor.view(np.uint64).T)  # (words, actors)
    whole = len(first) // 255 * 255
    counts = np.empty(8 * words, dtype=np.int64)
    for word in range(words):  # eight rows at a time
        differ = packed[word][first]
        np.bitwise_xor(differ, packed[word][second], out=differ)
        np.add(differ, np.uint64(0x7F7F7F7F7F7F7F7F), out=differ)
        np.bitwise_and(differ, np.uint64(0x8080808080808080), out=differ)
        np.right_shift(differ, np.uint64(7), out=differ)
        sums = np.append(differ[:whole].reshape(-1, 255).sum(axis=1, dtype=np.uint64), differ[whole:].sum())
        counts[8 * word : 8 * word + 8] = sums.view(np.uint8).reshape(-1, 8).sum(axis=0, dtype=np.int64)
    return counts[:rows]


def permutation_indicators(
    sectors: np.ndarray, ties: np.ndarray, permutations: int = PERMUTATIONS, seed: int = 0
) -> dict[str, float | None]:
    """``…_p``, ``…_expected`` and ``…_p_se`` of ``ei_index`` and ``sector_assortativity``.

    ``…_p_se`` is the Monte-Carlo standard error of ``…_p`` (:func:`monte_carlo_se`).

    ``sectors[i]`` is the sector code of actor i, ``ties`` the cooperation
    edges (u, v). All six are None when ``permutations`` is 0, without ties,
    or when the actors with a tie are all of one sector (every permutation is
    then the observed network: there is nothing to test).
    """
    result: dict[str, float | None] = dict.fromkeys(KEYS)
    if permutations < 0:
        raise ValueError(f"permutations must be 0 or more, not {permutations}")
    ties = np.asarray(ties, dtype=np.int64).reshape(-1, 2)
    if permutations == 0 or len(ties) == 0:
        return result
    labels, pairs, degree = active_actors(sectors, ties)
    if len(np.unique(labels)) < 2:
        return result
    observed_internal = np.count_nonzero(labels[pairs[:, 0]] == labels[pairs[:, 1]])
    observed_sums = np.bincount(labels, weights=degree.astype(float), minlength=int(labels.max()) + 1)
    observed = sector_statistics([observed_internal], [observed_sums], len(pairs))
    rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(STREAM,)))
    permuted = _permuted(labels, pairs, degree, permutations, rng)
    for name, value, values in zip(("ei_index", "sector_assortativity"), observed, permuted, strict=True):
        result[f"{name}_expected"] = float(np.mean(values))
        p = two_sided_p_value(float(value[0]), values)
        result[f"{name}_p"] = p
        result[f"{name}_p_se"] = monte_carlo_se(p, permutations)
    return result


__all__ = [
    "PERMUTATIONS",
    "active_actors",
    "monte_carlo_se",
    "permutation_indicators",
    "permuted_sector_statistics",
    "sector_statistics",
    "ties_across",
    "two_sided_p_value",
]
