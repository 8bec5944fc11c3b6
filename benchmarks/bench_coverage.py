"""Benchmark: how often the 95 % bootstrap intervals cover the true value (issue 18, "Intervals").

Samples of n participants (n = 20, 40, 100, 1,000) are drawn from a known
population of records per participant, shaped like the bundled cases (about a
third of the participants with one record, the others spread up to 24: the
pooled counts of Brest, Grasse, Marseille and Naples), then from a
heavier-tailed one (a few very active participants). For each sample the 95 %
interval of the Gini, the top 10 % share, the repeat share and the share of a
group (20 % of the population) is computed, by the plain percentile method and
by the BCa method (:func:`~commons_analysis.analysis.bootstrap.bca_interval`) and by the method the
package uses ("used": bootstrap-t for the Gini and the top share, BCa for the shares,
:func:`~commons_analysis.analysis.bootstrap.concentration_intervals`); the coverage is the share
of samples whose interval holds the population value.
Target: 93 % to 97 %. With S samples, the coverage's own standard error is
about √(0.95 · 0.05 / S) (1 point at S = 500).

Prints one line per size and figure: the coverage of each method.

Run: ``.venv/bin/python benchmarks/bench_coverage.py [--samples 500] [--bootstrap 1000]``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from scipy.stats import nbinom

from commons_analysis.analysis.bootstrap import (
    bca_interval,
    concentration,
    concentration_intervals,
    leave_one_out,
    percentile_interval,
    resampled_frequencies,
)

#: Records per participant → how many participants of the four illustrative cases have that many.
POOLED = {
    1: 77, 2: 7, 3: 12, 4: 10, 5: 10, 6: 11, 7: 8, 8: 4, 9: 12, 10: 5, 11: 6, 12: 2, 13: 8, 14: 6,
    15: 3, 16: 5, 17: 3, 18: 5, 19: 6, 20: 8, 21: 2, 22: 2, 23: 1, 24: 1,
}  # fmt: skip
#: Records per participant geometric on 1, 2, … (p = 0.4, Gini 0.375): the simulation of docs/indicators.md.
GEOMETRIC = {k: 0.4 * 0.6 ** (k - 1) for k in range(1, 120)}
#: A heavier tail: 1 + a negative binomial of shape 0.5 and mean 5 (a few very active participants).
HEAVY = {k + 1: float(nbinom.pmf(k, 0.5, 0.5 / 5.5)) for k in range(400)}
GROUP_SHARE = 0.2
SIZES = (20, 40, 100, 1000)
FIGURES = ("gini", "top10_share", "repeat_share")


def population_values(values: np.ndarray, probabilities: np.ndarray) -> dict[str, float]:
    """The figures of the population itself: Gini E|X − Y|/2μ, top 10 % share, P(X ≥ 2)."""
    mean = float(values @ probabilities)
    gini = float(probabilities @ np.abs(values[:, None] - values[None, :]) @ probabilities) / (2 * mean)
    above = np.cumsum(probabilities[::-1])[::-1] - probabilities  # P(X > value k)
    k = int(np.nonzero(above < 0.1)[0][0])  # the value holding the 90th percentile
    top = float(values[k + 1 :] @ probabilities[k + 1 :]) + (0.1 - above[k]) * float(values[k])
    return {"gini": gini, "top10_share": top / mean, "repeat_share": float(probabilities[values >= 2].sum())}


def covered(interval: list[float] | None, truth: float) -> bool:
    return interval is not None and interval[0] <= truth <= interval[1]


def simulate(
    n: int, samples: int, replicates: int, seed: int, population: dict[int, float]
) -> dict[str, list[float]]:
    """Coverage (percentile, BCa, the package's) of each figure at ``n`` participants over ``samples``."""
    values = np.array(sorted(population), dtype=np.int64)
    probabilities = np.array([population[v] for v in values], dtype=float)
    probabilities /= probabilities.sum()
    truth = population_values(values, probabilities)
    truth["group_share"] = GROUP_SHARE
    rng = np.random.default_rng(seed)
    hits = {name: np.zeros(3) for name in (*FIGURES, "group_share")}
    for _ in range(samples):
        frequencies = rng.multinomial(n, probabilities)
        kept = frequencies > 0
        vals, freq = values[kept], frequencies[kept]
        resampled = resampled_frequencies(freq, replicates, rng)
        boots = concentration(vals, resampled)
        observed = concentration(vals, freq[None, :])
        jack = concentration(vals, leave_one_out(freq))
        used = concentration_intervals(vals, freq, resampled)
        for name in FIGURES:
            estimate = float(observed[name][0])
            hits[name] += [
                covered(percentile_interval(boots[name]), truth[name]),
                covered(bca_interval(boots[name], estimate, jack[name], freq), truth[name]),
                covered(used[f"{name}_ci"], truth[name]),
            ]
        tagged = int(rng.binomial(n, GROUP_SHARE))
        shares = rng.binomial(n, tagged / n, size=replicates) / n
        jack_share = [(tagged - 1) / (n - 1), tagged / (n - 1)]
        share_bca = covered(bca_interval(shares, tagged / n, jack_share, [tagged, n - tagged]), GROUP_SHARE)
        hits["group_share"] += [covered(percentile_interval(shares), GROUP_SHARE), share_bca, share_bca]
    return {name: (h / samples).tolist() for name, h in hits.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=500)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"Coverage of 95 % intervals, {args.samples} samples, {args.bootstrap} resamples each")
    for title, population in (
        ("like the cases", POOLED),
        ("with a heavier tail (1 + negative binomial)", HEAVY),
    ):
        print(f"\nPopulation {title}")
        print(f"{'participants':>12}  {'figure':<14} {'percentile':>10} {'BCa':>6} {'used':>6}")
        for n in SIZES:
            started = time.perf_counter()
            coverage = simulate(n, args.samples, args.bootstrap, args.seed, population)
            for name, (plain, bca, used) in coverage.items():
                print(f"{n:>12,}  {name:<14} {plain:>10.1%} {bca:>6.1%} {used:>6.1%}")
            print(f"{'':>12}  ({time.perf_counter() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
