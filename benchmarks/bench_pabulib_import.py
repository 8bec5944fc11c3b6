"""Benchmark: import Warsaw's 18 district files of 2023, load the case and compute every indicator.

Target (issue 15): within 30 s and 2 GiB in all, on the 2-core machine. Each step runs as a
researcher runs it, a whole command in a fresh process (interpreter start and imports included):
``import pabulib``, ``validate`` (the loading alone), ``indicators --format json`` (every indicator,
``budgeting.instances`` included, with the default permutations and bootstrap; then with both off
as for a first look). The total is ``import`` + ``indicators`` with the defaults: the indicators
command loads the case itself, so ``load`` is part of it and is printed for information, not added
twice. Bytecode is cached as on a researcher's machine (:func:`environment`). Peak memory is
each process's maximum resident set size; CPU seconds are printed beside wall seconds. Median of
``--repeat`` (the machine is shared: quote medians).
Run: ``.venv/bin/python benchmarks/bench_pabulib_import.py [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import os
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


#: Runs the command line, then says the process's peak memory (kB on Linux) and CPU seconds on stderr.
WRAPPER = (
    "import atexit, resource, sys; "
    "usage = lambda: resource.getrusage(resource.RUSAGE_SELF); "
    "atexit.register(lambda: print('MAXRSS', usage().ru_maxrss, usage().ru_utime + usage().ru_stime, "
    "file=sys.stderr)); "
    "from commons_analysis.cli.main import app; sys.argv[0] = 'commons-analysis'; app()"
)
STEPS = ("import", "load", "indicators", "indicators (first look)")
#: What a first command compiles to bytecode (the warm-up, not timed).
WARM_UP = (
    "import commons_analysis.cli.main, commons_analysis.sources.pabulib, commons_analysis.ingest.loading, "
    "commons_analysis.analysis.indicators, commons_analysis.analysis.budgeting"
)


def environment(cache: Path) -> dict[str, str]:
    """The children's environment: bytecode cached in ``cache``, as on a researcher's machine.

    Python writes each module's bytecode on its first import; with
    ``PYTHONDONTWRITEBYTECODE`` set (as on the shared machine) every command would
    compile the whole of pandas, scipy and the package again (seconds per command),
    which no researcher's second command does. The cache stays outside the tree.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def timed(arguments: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds a whole command takes, its CPU seconds, and the peak memory (bytes) of its process.

    CPU seconds say what the command costs when the shared machine is busy (wall time then
    includes waiting for a core). Fails loudly.
    """
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *arguments],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    seconds = time.perf_counter() - started
    fields = next(line.split() for line in done.stderr.splitlines() if line.startswith("MAXRSS"))
    return seconds, float(fields[2]), int(fields[1]) * 1024


def commands(data: Path) -> dict[str, list[str]]:
    """The command line of each step, on a case imported into ``data``."""
    case = str(data / "warszawa")
    first_look = ["--permutations", "0", "--bootstrap", "0"]
    return {
        "import": ["import", "pabulib", str(RAW), "--case", "warszawa", "--data-dir", str(data)],
        "load": ["validate", case],
        "indicators": ["indicators", case, "--format", "json"],
        "indicators (first look)": ["indicators", case, "--format", "json", *first_look],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    wall: dict[str, list[float]] = {step: [] for step in STEPS}
    cpu: dict[str, list[float]] = {step: [] for step in STEPS}
    peaks = dict.fromkeys(STEPS, 0)
    cache = tempfile.TemporaryDirectory()
    env = environment(Path(cache.name))
    subprocess.run([sys.executable, "-c", WARM_UP], cwd=ROOT, check=True, env=env)
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as scratch:
            for step, arguments in commands(Path(scratch)).items():
                seconds, busy, peak = timed(arguments, env)
                wall[step].append(seconds)
                cpu[step].append(busy)
                peaks[step] = max(peaks[step], peak)
    cache.cleanup()
    size = sum(p.stat().st_size for p in RAW.glob("*.pb"))
    print(
        f"Warsaw 2023: {len(list(RAW.glob('*.pb')))} .pb files, {size:,} bytes; median of {args.repeat} runs"
    )
    for step in STEPS:
        print(
            f"{step:>26}: {statistics.median(wall[step]):6.1f} s "
            f"(CPU {statistics.median(cpu[step]):5.1f} s), peak {peaks[step] / 1024**2:5.0f} MiB"
        )
    total = sum(statistics.median(wall[step]) for step in ("import", "indicators"))
    total_cpu = sum(statistics.median(cpu[step]) for step in ("import", "indicators"))
    peak = max(peaks["import"], peaks["indicators"])
    print(
        f"{'import + load + indicators':>26}: {total:6.1f} s (CPU {total_cpu:5.1f} s), "
        f"peak {peak / 1024**2:5.0f} MiB "
        f"(target {TARGET_SECONDS:.0f} s, {TARGET_BYTES / 1024**3:.0f} GiB)"
    )


if __name__ == "__main__":
    main()
