"""Issue 19, items 1 and 4: every case renders in isolation, no good report is ever deleted, and no
worker or kernel outlives the command that started it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from commons_analysis.batch import processes
from commons_analysis.batch.index import index_html
from commons_analysis.batch.jobs import RenderJob
from commons_analysis.batch.render import render_cases, write_result
from commons_analysis.batch.results import RenderResult, reasons
from commons_analysis.core.settings import RenderSettings

ROOT = Path(__file__).resolve().parents[2]


def poisoned_run(job: RenderJob) -> RenderResult:
    """What a worker does with a job here: 'poison' kills its worker as the system does when memory
    runs out, 'hang' never ends, every other case succeeds. Each run is noted in ``case_path``."""
    with open(job.case_path, "a", encoding="utf-8") as runs:
        runs.write(job.case_id + "\n")
    if job.case_id == "poison":
        os.kill(os.getpid(), signal.SIGKILL)
    if job.case_id == "hang":
        time.sleep(3600)
    return RenderResult(job.case_id, True, html=f"<p>{job.case_id}</p>")


def jobs_of(names: list[str], runs: Path, timeout: float = 60) -> list[RenderJob]:
    settings = RenderSettings(lang="en", timeout=timeout)
    return [
        RenderJob(case_id=name, case_path=str(runs), notebook="n.ipynb", settings=settings) for name in names
    ]


@pytest.mark.slow
def test_a_worker_that_dies_fails_its_case_only_after_one_more_try(tmp_path: Path) -> None:
    runs = tmp_path / "runs.txt"
    results: list[RenderResult] = []
    names = ["good-a", "poison", "good-b", "good-c", "good-d"]
    processes.run_in_processes(jobs_of(names, runs), results.append, workers=2, run=poisoned_run, warm=False)

    by_case = {result.case_id: result for result in results}
    assert sorted(by_case) == sorted(names) and len(results) == len(names)
    assert [name for name, result in by_case.items() if not result.ok] == ["poison"]
    assert by_case["poison"].reason == "the render worker died"
    ran = runs.read_text(encoding="utf-8").split()
    assert ran.count("poison") == 2, "tried once more, in a fresh worker"
    assert all(ran.count(name) == 1 for name in names if name != "poison"), "the good cases ran once each"


@pytest.mark.slow
def test_a_worker_that_overruns_its_timeout_is_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(processes, "GRACE_SECONDS", 1.0)
    runs = tmp_path / "runs.txt"
    results: list[RenderResult] = []
    started = time.monotonic()
    processes.run_in_processes(
        jobs_of(["hang", "good-a"], runs, timeout=2), results.append, workers=2, run=poisoned_run, warm=False
    )
    assert time.monotonic() - started < 60
    by_case = {result.case_id: result for result in results}
    assert by_case["hang"].reason == "timed out (2 s)" and by_case["good-a"].ok


def test_a_failure_keeps_the_earlier_report_and_the_index_says_so(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    old = "<p>the good report of an earlier run</p>"
    (out / "naples.html").write_text(old, encoding="utf-8")
    (out / "naples.json").write_text(json.dumps({"case_id": "naples", "title": {"en": "Naples"}}))
    failed = RenderResult.failure(
        "naples", "en", reasons("reporting.reason.worker_died"), notebook='{"cells": []}'
    )

    write_result(failed, out)

    assert (out / "naples.html").read_text(encoding="utf-8") == old
    assert (out / "naples.failed.ipynb").is_file()
    index = index_html(out, [failed], "en")
    assert "<td>naples</td><td>the render worker died (the report of an earlier run is kept)</td>" in index
    assert 'href="naples.html"' in index


# ---------------------------------------------------------------------------
# With kernels: a poisonous case among good ones, and a command killed mid-render
# ---------------------------------------------------------------------------

NOTEBOOK_CODE = """\
import os, time
from IPython.display import display
from commons_analysis.ingest.loading import load_case
load_case(os.path.join(data_dir, case_id))  # as a report's kernel does: the one load of the case
if case_id == "sleepy":
    time.sleep(600)
entry = {"case_id": case_id, "title": {"fr": case_id, "en": case_id}, "headlines": {}}
display({"text/html": "<p>new report of " + case_id + "</p>"}, raw=True)
class Report:  # what the batch asks of a report's kernel: report.index_entry()
    def index_entry(self):
        return entry
report = Report()
"""


def small_notebook(path: Path) -> Path:
    parameters = nbformat.v4.new_code_cell('case_id = "x"\ndata_dir = "."\nlang = "fr"')
    parameters.metadata["tags"] = ["parameters"]
    notebook = nbformat.v4.new_notebook(cells=[parameters, nbformat.v4.new_code_cell(NOTEBOOK_CODE)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def small_case(data: Path, case_id: str) -> Path:
    folder = data / case_id
    folder.mkdir(parents=True)
    (folder / "case.yaml").write_text(f"id: {case_id}\ntitle: {{fr: {case_id}, en: {case_id}}}\n")
    (folder / "actors.csv").write_text("actor_id,name,sector\na,Alpha,public\nb,Beta,sse\n")
    return folder


@pytest.mark.slow
def test_a_poisonous_case_among_good_ones_keeps_every_earlier_good_report(tmp_path: Path) -> None:
    data, out = tmp_path / "cases", tmp_path / "reports"
    for case_id in ("good-a", "good-b", "poison"):
        small_case(data, case_id)
    (data / "poison" / "events.csv").symlink_to("/dev/zero")  # exhausted the memory before issue 19
    out.mkdir()
    for case_id in ("good-a", "good-b", "poison"):  # reports of an earlier run
        (out / f"{case_id}.html").write_text(f"<p>old report of {case_id}</p>")
        (out / f"{case_id}.json").write_text(json.dumps({"case_id": case_id, "title": {"en": case_id}}))

    summary = render_cases(["good-a", "good-b", "poison"], data_dir=data, out=out, lang="en", jobs=2,
                           timeout=60, notebook=small_notebook(tmp_path / "n.ipynb"))  # fmt: skip

    assert [result.case_id for result in summary.failed] == ["poison"]
    assert "outside the folder" in (summary.failed[0].reason or "")
    assert "new report of good-a" in (out / "good-a.html").read_text()
    assert "new report of good-b" in (out / "good-b.html").read_text()
    assert (out / "poison.html").read_text() == "<p>old report of poison</p>"


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def running(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running (not zombies)."""
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def kernels_among(pids: set[int]) -> set[int]:
    found = set()
    for pid in pids:
        try:
            if b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.add(pid)
        except OSError:
            continue
    return found


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_no_worker_or_kernel_outlives_the_command(tmp_path: Path, how: signal.Signals) -> None:
    data, out = tmp_path / "cases", tmp_path / "reports"
    for case_id in ("sleepy", "good-a", "good-b"):
        small_case(data, case_id)
    notebook = small_notebook(tmp_path / "n.ipynb")
    command = [sys.executable, "-m", "commons_analysis.cli.main", "render", "--all", "--data-dir", str(data),
               "--out", str(out), "--jobs", "2", "--notebook", str(notebook)]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not kernels_among(seen):  # until the sleepy kernel runs
            seen |= descendants(process.pid)
            time.sleep(0.2)
        assert kernels_among(seen), "a kernel was started"
        time.sleep(1.0)
        seen |= descendants(process.pid)
        os.kill(process.pid, how)
        process.wait(timeout=60)
        deadline = time.monotonic() + 30
        while running(seen) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not running(seen), "workers, kernels and helpers all end with the command"
    finally:
        if process.poll() is None:
            process.kill()
        for pid in running(seen):
            os.kill(pid, signal.SIGKILL)
