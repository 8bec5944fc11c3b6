"""Rendering the bundled cases: ``commons-analysis render --all --jobs 2`` against the obvious shell loop.

The loop runs, for each case and then for the comparison of the cases,
``papermill`` then ``jupyter nbconvert --to html --no-input``: two Python
start-ups, their imports and a kernel start-up per page, one page at a time.
``render`` starts its worker processes once (imports done once per worker),
drives kernels with nbclient directly, boots the next page's kernel (with the
package imported) while a page runs, renders pages in parallel, and runs the
comparison alongside the cases. Target: ``render`` takes at most 0.6 of the
loop's time.

Measured (6 bundled cases and the comparison, 2 cores shared with other
work, median of 3): loop 53.1 s, render 15.9 s, ratio 0.30.

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
COMPARISON = ROOT / "notebooks" / "comparison.ipynb"
TARGET = 0.6


def bundled_cases() -> list[str]:
    return sorted(folder.parent.name for folder in DATA.glob("*/case.yaml"))


def loop_script(cases: list[str], out: Path) -> str:
    """The shell loop: papermill then nbconvert, case after case, then the comparison."""
    q = shlex.quote
    pages = [(NOTEBOOK, case, f"-p case_id {q(case)}") for case in cases] + [(COMPARISON, "comparison", "")]
    lines = ["set -e"]
    for notebook, name, parameters in pages:
        executed = out / f"{name}.ipynb"
        lines.append(
            f"{q(str(BIN / 'papermill'))} -k python3 --cwd {q(str(notebook.parent))} {q(str(notebook))} "
            f"{q(str(executed))} {parameters} -p data_dir {q(str(DATA))} >/dev/null 2>&1"
        )
        lines.append(
            f"{q(str(BIN / 'jupyter'))} nbconvert --to html --no-input {q(str(executed))} >/dev/null 2>&1"
        )
    return "\n".join(lines)


def render_command(out: Path, jobs: int) -> list[str]:
    """``commons-analysis render --all``: every case, and the comparison."""
    arguments = ["--all", "--jobs", str(jobs), "--data-dir", str(DATA), "--out", str(out)]
    return [str(BIN / "commons-analysis"), "render", *arguments]


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
            expected = [*cases, "comparison"]
            missing = [c for c in expected if not (render_out / "fr" / f"{c}.html").is_file()]
            missing += [f"loop:{c}" for c in expected if not (loop_out / f"{c}.html").is_file()]
            if missing:
                raise SystemExit(f"missing reports: {missing}")
            print(
                f"run {run + 1}: loop {loop_times[-1]:6.2f} s   render {render_times[-1]:6.2f} s", flush=True
            )
            shutil.rmtree(loop_out)
            shutil.rmtree(render_out)
    loop, render = statistics.median(loop_times), statistics.median(render_times)
    ratio = render / loop
    pages = len(cases) + 1
    verdict = "OK" if ratio <= TARGET else "ABOVE TARGET"
    print(f"\n{len(cases)} bundled cases and their comparison, median of {options.repeat} runs")
    print(f"  shell loop (papermill + jupyter nbconvert): {loop:6.2f} s  ({loop / pages:.2f} s/page)")
    name = f"commons-analysis render --all --jobs {options.jobs}:"
    print(f"  {name:<43} {render:6.2f} s  ({render / pages:.2f} s/page)")
    print(f"  ratio render / loop: {ratio:.2f}  (target ≤ {TARGET})  {verdict}")
    return 1 if options.strict and ratio > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())
