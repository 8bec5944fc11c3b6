"""Benchmark: every network indicator of a synthetic case, 10k / 100k / 1M relations.

Target (issue 3): 100,000 actors and 1,000,000 relations (heavy-tailed
degrees) get all their network indicators, brokerage and sampled betweenness
included, in under 60 s and under 2 GiB peak memory on the 2-core machine,
with time growing about linearly in the number of relations.
``network_by_period`` (one network per year, 15 years), the co-participation
indicators (as many participation rows as relations, 200 per event on
average) and the networkx graph (up to 100k relations) are timed for
information, outside the target.

Each size runs in its own process, so that the process peak (max RSS) is that
size's. Per step it prints the wall time and the peak traced memory
(tracemalloc: Python and numpy allocations; igraph's C memory is only in the
RSS). Actors are one tenth of the relations.

Run: ``.venv/bin/python benchmarks/bench_network.py [--sizes 10000,100000,1000000]``.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from synthetic import synthetic_case

from commons_analysis.analysis import brokerage, graphs, mixing, network, network_periods
from commons_analysis.analysis.centrality import normalized_betweenness
from commons_analysis.analysis.coparticipation import coparticipation_indicators
from commons_analysis.model.schema.vocabularies import SECTORS

TARGET_SECONDS = 60
TARGET_BYTES = 2 * 2**30


def measure(label: str, step: Callable[[], Any]) -> tuple[Any, float, int]:
    """Run ``step``, print its time and peak traced memory, return (result, seconds, peak bytes)."""
    tracemalloc.start()
    started = time.perf_counter()
    result = step()
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  {label:<38} {elapsed:7.2f} s   peak {peak / 2**20:8.1f} MiB", flush=True)
    return result, elapsed, peak


def run_one(n_relations: int) -> None:
    """Benchmark one size in this process."""
    n_actors = max(100, n_relations // 10)
    started = time.perf_counter()
    n_events = max(10, n_relations // 200)
    case = synthetic_case(n_actors, n_relations, n_events=n_events, n_participation=n_relations, seed=0)
    print(
        f"{n_relations:,} relations, {n_actors:,} actors, {len(case.participation):,} participation rows "
        f"in {n_events:,} events "
        f"(synthetic case generated in {time.perf_counter() - started:.1f} s, not counted)",
        flush=True,
    )
    total = 0.0
    net, seconds, _ = measure("graph build (arrays)", lambda: network.build_network(case))
    total += seconds
    degree_max = int(np.bincount(net.ties.ravel()).max()) if len(net.ties) else 0
    print(f"    {len(net.ties):,} ties, {len(net.arcs):,} arcs, {len(net.conflicts):,} conflicts, "
          f"max degree {degree_max:,}")  # fmt: skip
    _, seconds, _ = measure("headline indicators", lambda: mixing.headline_indicators(net.sectors, net.ties))
    total += seconds
    result, seconds, _ = measure(
        "brokerage (counts, expected, z)",
        lambda: brokerage.brokerage(net.arcs[:, 0], net.arcs[:, 1], net.sectors, len(SECTORS)),
    )
    total += seconds
    print(f"    totals {result.totals}")
    between, seconds, _ = measure(
        "betweenness (exact or sampled)",
        lambda: normalized_betweenness(net.size, net.ties[:, 0], net.ties[:, 1], seed=0),
    )
    total += seconds
    print(f"    sources: {'exact' if between.sources is None else between.sources}")
    print(f"  {'sum of steps':<38} {total:7.2f} s")
    _, indicators_seconds, indicators_peak = measure(
        "network_indicators(case)", lambda: network.network_indicators(case)
    )
    _, table_seconds, table_peak = measure("actor_table(case)", lambda: network.actor_table(case))
    periods, _, _ = measure("network_by_period(case), years", lambda: network_periods.network_by_period(case))
    print(f"    {len(periods)} periods")
    shared, _, _ = measure("coparticipation_indicators(case)", lambda: coparticipation_indicators(case))
    print(f"    {shared['ties']:,} co-participation ties")
    if n_relations <= 100_000:
        measure("cooperation_graph(case) (networkx)", lambda: graphs.cooperation_graph(case))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    end_to_end = indicators_seconds + table_seconds
    print(f"  {'indicators + actor table, end to end':<38} {end_to_end:7.2f} s   "
          f"process max RSS {rss / 2**30:.2f} GiB (synthetic case included)")  # fmt: skip
    peak = max(indicators_peak, table_peak, rss)
    ok = end_to_end < TARGET_SECONDS and peak < TARGET_BYTES
    print(f"  per 1M relations: {end_to_end / n_relations * 1e6:.1f} s; target < 60 s and < 2 GiB -> "
          f"{'OK' if ok else 'MISSED'}", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated relation counts")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one)
        return
    for size in (int(s) for s in args.sizes.split(",")):
        subprocess.run([sys.executable, __file__, "--one", str(size)], check=True)


if __name__ == "__main__":
    main()
