"""Benchmark: load and validate a case of 1,000,000 participation rows, 50,000 actors, 5,000 events.

Target (issue 2): under 10 s and under 2 GiB peak on the 2-core machine.
Run: ``.venv/bin/python benchmarks/bench_loading.py [--participation N]``. Prints figures.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_case, write_case

from commons_analysis.ingest.loading import load_case


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actors", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--participation", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        case = synthetic_case(args.actors, args.relations, args.events, args.participation, seed=0)
        folder = write_case(case, Path(tmp) / "synthetic")
        print(
            f"generate + write: {time.perf_counter() - started:.1f} s "
            f"({len(case.actors):,} actors, {len(case.relations):,} relations, "
            f"{len(case.events):,} events, {len(case.participation):,} participation rows)"
        )
        del case
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        started = time.perf_counter()
        loaded = load_case(folder)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"load + validate: {elapsed:.2f} s, peak traced memory {peak / 2**30:.2f} GiB "
            f"(process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB, "
            f"{rss_before / 2**20:.2f} GiB before loading)"
        )
        print(f"loaded {len(loaded.participation):,} participation rows")
        print(f"target: < 10 s and < 2 GiB -> {'OK' if elapsed < 10 and peak < 2**31 else 'MISSED'}")


if __name__ == "__main__":
    main()
