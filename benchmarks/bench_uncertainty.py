"""Benchmark: permutation tests and bootstrap intervals at scale (issue 9, "Scale").

1. 1,000 permutations of both tests (E-I index and sector assortativity) on
   the benchmark network of ``bench_network.py`` (100,000 actors, 1,000,000
   relations, heavy-tailed degrees), against a lean numpy loop written here:
   one permutation at a time, the straightforward numpy computation of both
   statistics (shuffle the labels, compare the ends of every tie, add up the
   degrees per sector). Target: at most 2× the loop.
2. 1,000 bootstrap resamples of the participation intervals (Gini, top 10 %
   share, repeat share) on 1,000,000 participation rows (and, for
   information, the inclusion share intervals). Target: under 10 s.

Prints the wall times; the synthetic cases are generated first, not counted.

Run: ``.venv/bin/python benchmarks/bench_uncertainty.py [--permutations 1000] [--bootstrap 1000]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from synthetic import synthetic_case

from commons_analysis.analysis import network
from commons_analysis.analysis.bootstrap import case_participation_intervals
from commons_analysis.analysis.inclusion import inclusion_table
from commons_analysis.analysis.permutation import active_actors, permuted_sector_statistics


def timed(label: str, step: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``step``; print and return its wall time."""
    started = time.perf_counter()
    result = step()
    elapsed = time.perf_counter() - started
    print(f"  {label:<52} {elapsed:7.2f} s", flush=True)
    return result, elapsed


def lean_loop(
    sectors: np.ndarray, ties: np.ndarray, permutations: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Both statistics, one permutation at a time, in plain numpy (the reference of the target)."""
    labels, pairs, degree = active_actors(sectors, ties)
    first, second = np.ascontiguousarray(pairs[:, 0]), np.ascontiguousarray(pairs[:, 1])
    n_ties, n_sectors = len(pairs), int(labels.max()) + 1
    rng = np.random.default_rng(seed)
    ei, assortativity = np.empty(permutations), np.empty(permutations)
    for i in range(permutations):
        shuffled = rng.permutation(labels)
        internal = np.count_nonzero(shuffled[first] == shuffled[second])
        shares = np.bincount(shuffled, weights=degree, minlength=n_sectors) / (2 * n_ties)
        expected = shares @ shares
        ei[i] = (n_ties - 2 * internal) / n_ties
        assortativity[i] = (internal / n_ties - expected) / (1 - expected)
    return ei, assortativity


def permutations_benchmark(permutations: int) -> None:
    started = time.perf_counter()
    case = synthetic_case(100_000, 1_000_000, n_events=100, n_participation=1_000, seed=0)
    net = network.build_network(case)
    labels, _, _ = active_actors(net.sectors, net.ties)
    print(
        f"network: {net.size:,} actors, 1,000,000 relations, {len(net.ties):,} ties, {len(labels):,} actors "
        f"with a tie (generated in {time.perf_counter() - started:.1f} s, not counted)",
        flush=True,
    )
    # alternate the two in rounds, so that a change of load on the machine falls on both
    rounds, vectorized, loop = 4, 0.0, 0.0
    results: list[tuple[np.ndarray, np.ndarray]] = []
    looped: list[tuple[np.ndarray, np.ndarray]] = []
    for i in range(rounds):
        size = permutations // rounds + (i < permutations % rounds)
        rng = np.random.default_rng(i)
        result, seconds = timed(
            f"round {i + 1}: {size:,} permutations, vectorized (package)",
            lambda: permuted_sector_statistics(net.sectors, net.ties, size, rng),  # noqa: B023
        )
        results.append(result)
        vectorized += seconds
        result, seconds = timed(
            f"round {i + 1}: {size:,} permutations, lean numpy loop",
            lambda: lean_loop(net.sectors, net.ties, size, i),  # noqa: B023
        )
        looped.append(result)
        loop += seconds
    ei, r = (np.concatenate([result[k] for result in results]) for k in (0, 1))
    ei_loop, r_loop = (np.concatenate([result[k] for result in looped]) for k in (0, 1))
    print(f"  {permutations:,} permutations: package {vectorized:.2f} s "
          f"({vectorized / permutations * 1000:.1f} ms each), loop {loop:.2f} s "
          f"({loop / permutations * 1000:.1f} ms each)")  # fmt: skip
    print(f"    E-I by chance: {ei.mean():.5f} (loop {ei_loop.mean():.5f}); "
          f"assortativity: {r.mean():.6f} (loop {r_loop.mean():.6f})")  # fmt: skip
    ratio = vectorized / loop
    print(
        f"  package / loop: {ratio:.2f}; target at most 2 -> {'OK' if ratio <= 2 else 'MISSED'}", flush=True
    )


def bootstrap_benchmark(replicates: int) -> None:
    started = time.perf_counter()
    case = synthetic_case(50_000, 1_000, n_events=5_000, n_participation=1_000_000, seed=0)
    print(
        f"participation: {len(case.participation):,} rows, {case.participation['actor_id'].nunique():,} "
        f"participants (generated in {time.perf_counter() - started:.1f} s, not counted)",
        flush=True,
    )
    intervals, seconds = timed(
        f"{replicates:,} resamples, participation intervals",
        lambda: case_participation_intervals(case, replicates, seed=0),
    )
    print(f"    {intervals}")
    print(f"  target under 10 s -> {'OK' if seconds < 10 else 'MISSED'}", flush=True)
    table, _ = timed(
        f"{replicates:,} resamples, inclusion table with intervals",
        lambda: inclusion_table(case, bootstrap=replicates, seed=0),
    )
    print(table[["group", "share", "share_low", "share_high"]].to_string(index=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--permutations", type=int, default=1000)
    parser.add_argument("--bootstrap", type=int, default=1000)
    args = parser.parse_args()
    permutations_benchmark(args.permutations)
    bootstrap_benchmark(args.bootstrap)


if __name__ == "__main__":
    main()
