"""Rendering the bundled cases: ``commons-analysis render --all --jobs 2`` against the obvious shell loop.

The loop runs, for each case, ``papermill`` then ``jupyter nbconvert --to html
--no-input``: two Python start-ups, their imports and a kernel start-up per
case, one case at a time. ``render`` starts its worker processes once
(imports done once per worker), drives kernels with nbclient directly, boots
the next case's kernel (with the package imported) while a case runs, and
renders cases in parallel. Target: ``render`` takes at most 0.6 of the
loop's time.

Runs alternate (loop, render, loop, render…) so that both see the same load
on a shared machine; the medians are compared.

    .venv/bin/python benchmarks/bench_render.py [--repeat 3] [--jobs 2] [--strict]
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DATA = ROOT / "data" / "cases"
NOTEBOOK = ROOT / "notebooks" / "case_report.ipynb"
TARGET = 0.6


def bundled_cases() -> list[str]:
    return sorted(folder.parent.name for folder in DATA.glob("*/case.yaml"))


def loop_script(cases: list[str], out: Path) -> str:
    """The shell loop: papermill then nbconvert, case after case."""
    q = shlex.quote
    lines = ["set -e"]
    for case in cases:
        executed = out / f"{case}.ipynb"
        lines.append(
            f"{q(str(BIN / 'papermill'))} -k python3 --cwd {q(str(NOTEBOOK.parent))} {q(str(NOTEBOOK))} "
            f"{q(str(executed))} -p case_id {q(case)} -p data_dir {q(str(DATA))} >/dev/null 2>&1"
        )
        lines.append(
            f"{q(str(BIN / 'jupyter'))} nbconvert --to html --no-input {q(str(executed))} >/dev/null 2>&1"
        )
    return "\n".join(lines)


def render_command(out: Path, jobs: int) -> list[str]:
    """``commons-analysis render`` when the CLI has it, else the same function through ``python -c``."""
    cli = BIN / "commons-analysis"
    arguments = ["--all", "--jobs", str(jobs), "--data-dir", str(DATA), "--out", str(out)]
    if cli.is_file() and subprocess.run([str(cli), "render", "--help"], capture_output=True).returncode == 0:
        return [str(cli), "render", *arguments]
    code = "import typer; from commons_analysis.batch.render import render_command; typer.run(render_command)"
    return [sys.executable, "-c", code, *arguments]


def timed(command: list[str] | str, *, shell: bool = False) -> float:
    started = time.perf_counter()
    completed = subprocess.run(command, shell=shell, cwd=ROOT, capture_output=True, text=True,
                               executable="/bin/bash" if shell else None)  # fmt: skip
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"failed ({completed.returncode}): {command}\n{completed.stderr[-2000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--strict", action="store_true", help=f"exit 1 when the ratio exceeds {TARGET}")
    options = parser.parse_args()
    cases = bundled_cases()
    if not cases:
        raise SystemExit(f"no bundled case under {DATA}")
    loop_times, render_times = [], []
    with tempfile.TemporaryDirectory(prefix="bench-render-") as folder:
        for run in range(options.repeat):
            loop_out = Path(folder) / f"loop-{run}"
            render_out = Path(folder) / f"render-{run}"
            loop_out.mkdir()
            loop_times.append(timed(loop_script(cases, loop_out), shell=True))
            render_times.append(timed(render_command(render_out, options.jobs)))
            missing = [c for c in cases if not (render_out / f"{c}.html").is_file()]
            missing += [f"loop:{c}" for c in cases if not (loop_out / f"{c}.html").is_file()]
            if missing:
                raise SystemExit(f"missing reports: {missing}")
            print(
                f"run {run + 1}: loop {loop_times[-1]:6.2f} s   render {render_times[-1]:6.2f} s", flush=True
            )
            shutil.rmtree(loop_out)
            shutil.rmtree(render_out)
    loop, render = statistics.median(loop_times), statistics.median(render_times)
    ratio = render / loop
    per_case = len(cases)
    verdict = "OK" if ratio <= TARGET else "ABOVE TARGET"
    print(f"\n{per_case} bundled cases, median of {options.repeat} runs")
    print(f"  shell loop (papermill + jupyter nbconvert): {loop:6.2f} s  ({loop / per_case:.2f} s/case)")
    name = f"commons-analysis render --jobs {options.jobs}:"
    print(f"  {name:<43} {render:6.2f} s  ({render / per_case:.2f} s/case)")
    print(f"  ratio render / loop: {ratio:.2f}  (target ≤ {TARGET})  {verdict}")
    return 1 if options.strict and ratio > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
