"""Benchmark: participation, inclusion and decision indicators on 1,000,000 participation rows.

50,000 actors, 5,000 events, 1,000,000 participation rows (issue 4, point 5):
target under 10 s and under 2 GiB peak, loading from CSV included, on the
2-core machine. The case is generated and written by a child process, so the
measuring process holds only what loading and the indicators need.

Prints, per step, the wall time and the peak resident memory of the process
during the step (Linux: the peak is reset before each step through
``/proc/self/clear_refs``), then the totals.

Run: ``.venv/bin/python benchmarks/bench_participation.py [--participation N] [--tables]``
(``--tables`` also times the tidy frames of the notebooks and ``privacy.display_case``).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

GiB = 2**30


def _reset_peak() -> bool:
    """Reset the process's peak RSS (Linux ≥ 4.0); False when not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_bytes() -> int:
    """Peak RSS since the last reset (VmHWM), else since the start of the process."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _step(name: str, action: Callable[[], Any], timings: list[tuple[str, float, int]]) -> Any:
    _reset_peak()
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    peak = _peak_bytes()
    timings.append((name, elapsed, peak))
    print(f"  {name:<34} {elapsed:7.2f} s   peak RSS {peak / GiB:5.2f} GiB", flush=True)
    return result


def write_synthetic(folder: Path, args: argparse.Namespace) -> None:
    from synthetic import synthetic_case, write_case

    case = synthetic_case(args.actors, args.relations, args.events, args.participation, seed=0)
    write_case(case, folder)
    print(
        f"wrote {len(case.actors):,} actors, {len(case.relations):,} relations, "
        f"{len(case.events):,} events, {len(case.participation):,} participation rows, "
        f"{len(case.decisions):,} decisions",
        flush=True,
    )


def measure(folder: Path, tables: bool) -> None:
    from commons_analysis.analysis import (
        assessment,
        attendance,
        decisions,
        inclusion,
        meeting_practices,
        participation,
    )
    from commons_analysis.ingest.loading import load_case
    from commons_analysis.publishing import privacy

    timings: list[tuple[str, float, int]] = []
    print("indicators (the `participation`, `inclusion`, `decisions`, `assessment` parts):")
    case = _step("load_case (read + validate)", lambda: load_case(folder), timings)
    _step("participation_indicators", lambda: participation.participation_indicators(case), timings)
    _step("inclusion_indicators", lambda: inclusion.inclusion_indicators(case), timings)
    _step("decision_indicators", lambda: decisions.decision_indicators(case), timings)
    _step("assessment_indicators", lambda: assessment.assessment_indicators(case), timings)
    total = sum(t for _, t, _ in timings)
    peak = max(p for _, _, p in timings)
    print(f"  {'TOTAL (loading included)':<34} {total:7.2f} s   peak RSS {peak / GiB:5.2f} GiB")
    print(f"  target < 10 s and < 2 GiB: {'OK' if total < 10 and peak < 2 * GiB else 'MISSED'}")
    if not tables:
        return
    print("tidy frames for the notebooks, and display_case:")
    frames: list[tuple[str, float, int]] = []
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("lorenz_curve", lambda: participation.lorenz_curve(case)),
        ("attendance_by_event", lambda: attendance.attendance_by_event(case)),
        ("participation_by_year", lambda: attendance.participation_by_year(case)),
        ("hours_by_role", lambda: meeting_practices.hours_by_role(case)),
        ("facilitator_rotation", lambda: meeting_practices.facilitator_rotation(case)),
        ("inclusion_table", lambda: inclusion.inclusion_table(case)),
        ("inclusion_by_year", lambda: inclusion.inclusion_by_year(case)),
        (
            "decisions_by_rule/sector/year",
            lambda: (
                decisions.decisions_by_rule(case),
                decisions.decisions_by_sector(case),
                decisions.decisions_by_year(case),
            ),
        ),
        (
            "ostrom_table + arnstein_summary",
            lambda: (assessment.ostrom_table(case), assessment.arnstein_summary(case)),
        ),
        ("display_case (pseudonyms)", lambda: privacy.display_case(case, b"benchmark secret")),
    ]
    for name, action in steps:
        _step(name, action, frames)
    print(
        f"  {'TOTAL of these':<34} {sum(t for _, t, _ in frames):7.2f} s   "
        f"peak RSS {max(p for _, _, p in frames) / GiB:5.2f} GiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--actors", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=5_000)
    parser.add_argument("--relations", type=int, default=200_000)
    parser.add_argument("--participation", type=int, default=1_000_000)
    parser.add_argument("--tables", action="store_true", help="also time the tidy frames of the notebooks")
    parser.add_argument("--write-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_only:
        write_synthetic(args.write_only, args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "synthetic"
        started = time.perf_counter()
        command = [
            sys.executable,
            __file__,
            "--write-only",
            str(folder),
            "--actors",
            str(args.actors),
            "--events",
            str(args.events),
            "--relations",
            str(args.relations),
            "--participation",
            str(args.participation),
        ]
        subprocess.run(command, check=True)
        print(
            f"generated and written in a child process in {time.perf_counter() - started:.1f} s (not counted)"
        )
        measure(folder, args.tables)


if __name__ == "__main__":
    main()
