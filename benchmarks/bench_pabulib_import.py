"""Benchmark: import Warsaw's 18 district files of 2023, load the case and compute every indicator.

Target (issue 15): within 30 s and 2 GiB in all, on the 2-core machine. Each step runs as a
researcher runs it, a whole command in a fresh process (interpreter start and imports included):
``import pabulib``, ``validate`` (the loading), ``indicators --format json`` (every indicator,
``budgeting.instances`` included, permutations and bootstrap off as for a first look, then with the
defaults). Peak memory is each process's maximum resident set size. Median of ``--repeat``.
Run: ``.venv/bin/python benchmarks/bench_pabulib_import.py [--repeat 1]``. Prints figures.
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
RAW = ROOT / "data" / "raw" / "pabulib" / "poland-warszawa-2023"
TARGET_SECONDS = 30.0
TARGET_BYTES = 2 * 1024**3


#: Runs the command line, then says the process's peak memory (kB on Linux) on stderr.
WRAPPER = (
    "import atexit, resource, sys; "
    "atexit.register(lambda: print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
    "file=sys.stderr)); "
    "from commons_analysis.cli.main import app; sys.argv[0] = 'commons-analysis'; app()"
)


def timed(arguments: list[str]) -> tuple[float, int]:
    """Seconds a whole command takes and the peak memory (bytes) of its process; fails loudly."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *arguments], cwd=ROOT, check=True, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("MAXRSS"))
    return seconds, peak * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    steps: dict[str, list[float]] = {"import": [], "load": [], "indicators": [], "indicators (defaults)": []}
    peaks: dict[str, int] = {}
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as scratch:
            data = Path(scratch)
            case = str(data / "warszawa")
            commands = {
                "import": ["import", "pabulib", str(RAW), "--case", "warszawa", "--data-dir", str(data)],
                "load": ["validate", case],
                "indicators": [
                    "indicators",
                    case,
                    "--format",
                    "json",
                    "--permutations",
                    "0",
                    "--bootstrap",
                    "0",
                ],
                "indicators (defaults)": ["indicators", case, "--format", "json"],
            }
            for step, arguments in commands.items():
                seconds, peak = timed(arguments)
                steps[step].append(seconds)
                peaks[step] = max(peaks.get(step, 0), peak)
    size = sum(p.stat().st_size for p in RAW.glob("*.pb"))
    print(f"Warsaw 2023: {len(list(RAW.glob('*.pb')))} .pb files, {size:,} bytes")
    for step, seconds in steps.items():
        print(f"{step:>24}: {statistics.median(seconds):6.1f} s, peak {peaks[step] / 1024**2:7.0f} MiB")
    first_look = sum(statistics.median(steps[s]) for s in ("import", "load", "indicators"))
    print(
        f"{'import + load + indicators':>24}: {first_look:6.1f} s (target {TARGET_SECONDS:.0f} s), "
        f"peak {max(peaks.values()) / 1024**2:.0f} MiB (target {TARGET_BYTES / 1024**3:.0f} GiB)"
    )


if __name__ == "__main__":
    main()
