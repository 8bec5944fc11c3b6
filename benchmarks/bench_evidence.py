"""Benchmark: the evidence of a case (issue 16) — agreement with its bootstrap, and a large coding table.

Times, median of ``--repeat``: (1) loading ``debian-votes`` with its sources and codings and computing
its ``evidence`` indicators (alpha per code and overall, 1000 bootstrap resamples); (2) ``agreement``'s
alpha and 1000-resample interval on a synthetic table of 5 coders × 2,000 units (nominal, ordinal).
Run: ``.venv/bin/python benchmarks/bench_evidence.py [--repeat 3]``. Prints figures.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

from commons_analysis.analysis.agreement import agreement
from commons_analysis.analysis.evidence import evidence_indicators
from commons_analysis.ingest.loading import load_case

ROOT = Path(__file__).resolve().parents[1]


def seconds(work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - started


def synthetic(coders: int, units: int, seed: int = 0) -> pd.DataFrame:
    """Coders who agree 80 % of the time on a 0–2 score, 10 % of cells left empty."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 3, units)
    rows = []
    for coder in range(coders):
        noisy = np.where(rng.random(units) < 0.8, truth, rng.integers(0, 3, units))
        kept = rng.random(units) >= 0.1
        rows += [(u, f"c{coder}", float(v)) for u, v, k in zip(range(units), noisy, kept, strict=True) if k]
    return pd.DataFrame(rows, columns=["unit", "coder", "value"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    folder = ROOT / "data" / "cases" / "debian-votes"
    load = [seconds(lambda: load_case(folder)) for _ in range(repeat)]
    case = load_case(folder)
    evidence = [seconds(lambda: evidence_indicators(case, bootstrap=1000)) for _ in range(repeat)]
    table = synthetic(5, 2000)
    figures = {
        "load debian-votes (with 8 texts, 49 codings)": load,
        "evidence indicators of debian-votes, 1000 resamples": evidence,
        "alpha nominal + 1000 resamples, 5 coders × 2000 units": [
            seconds(lambda: agreement(table, "nominal", bootstrap=1000)) for _ in range(repeat)
        ],
        "alpha ordinal + 1000 resamples, 5 coders × 2000 units": [
            seconds(lambda: agreement(table, "ordinal", bootstrap=1000)) for _ in range(repeat)
        ],
    }
    for name, times in figures.items():
        print(
            f"{name:<58} median {statistics.median(times):6.2f} s"
            f"  (runs: {', '.join(f'{t:.2f}' for t in times)})"
        )


if __name__ == "__main__":
    main()
