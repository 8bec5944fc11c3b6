"""Benchmark: import all Debian records (43 tallies, 14,701 ballots) and render the case's report.

Target (issue 8): each under 15 s on the 2-core machine. Both are timed as a researcher runs them,
whole commands in a fresh process (interpreter start and imports included), median of ``--repeat``.
Run: ``.venv/bin/python benchmarks/bench_import.py [--repeat 3]``. Prints figures.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMAND = [sys.executable, "-m", "commons_analysis.cli.main"]
TARGET_SECONDS = 15.0


def timed(arguments: list[str]) -> float:
    """Seconds a whole command takes; fails loudly if the command fails."""
    started = time.perf_counter()
    subprocess.run([*COMMAND, *arguments], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    imports, renders = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as scratch:
            cases, reports = Path(scratch) / "cases", Path(scratch) / "reports"
            raw = str(ROOT / "data" / "raw" / "debian-vote")
            imports.append(timed(["import", "debian-vote", raw, "--data-dir", str(cases)]))
            renders.append(
                timed(
                    ["render", "debian-votes", "--data-dir", str(cases), "--out", str(reports), "--jobs", "1"]
                )
            )
            html = (reports / "fr" / "debian-votes.html").stat().st_size
    for name, times in (
        ("import debian-vote (43 tallies, 14,701 ballots)", imports),
        ("render debian-votes", renders),
    ):
        median = statistics.median(times)
        verdict = "OK" if median < TARGET_SECONDS else "MISSED"
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"{name}: median {median:.2f} s (runs: {runs}); target < {TARGET_SECONDS:.0f} s -> {verdict}")
    print(f"report size: {html / 1024:.0f} KiB (plotly.js shared, not counted)")


if __name__ == "__main__":
    main()
