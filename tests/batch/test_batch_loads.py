"""A render loads each case once, in its report's kernel; the batch's processes never load a valid case.

Issue 17: the worker loaded each case to validate it, then the notebook's kernel loaded it again.
Now the kernel's load (``open_report``) is the only one; a case that does not load is loaded once
more by the worker, only to give every problem as the reason. The loads are counted on both
sides: here with a patched :func:`~commons_analysis.ingest.loading.load_case`, in the kernels
with a ``sitecustomize`` that wraps it and writes each load to a file. The jobs run with an
:class:`~commons_analysis.batch.executor.Executor` of this test, in this process, so that both
counters see them (pool workers are forked from a server started before the patch).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from commons_analysis.batch.executor import Executor
from commons_analysis.batch.jobs import Job, run_job
from commons_analysis.batch.render import render_cases
from commons_analysis.batch.results import RenderResult
from commons_analysis.ingest import loading

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_CASE = ROOT / "tests" / "data" / "render-cases" / "hostile-names"

SITECUSTOMIZE = """\
import os

if os.environ.get("CA_TEST_LOADS"):
    from commons_analysis.ingest import loading

    _original = loading.load_case

    def load_case(folder, *args, **kwargs):
        with open(os.environ["CA_TEST_LOADS"], "a", encoding="utf-8") as out:
            out.write(os.path.basename(os.path.normpath(str(folder))) + "\\n")
        return _original(folder, *args, **kwargs)

    loading.load_case = load_case
"""


class InThisProcess:
    """An executor that runs each job here, one after the other (each in a fresh kernel)."""

    def map(self, jobs: Sequence[Job], on_result: Callable[[RenderResult], None]) -> None:
        for job in jobs:
            on_result(run_job(job))

    def close(self) -> None:
        pass


def test_each_case_is_loaded_once_per_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "cases"
    shutil.copytree(HOSTILE_CASE, data / "hostile-names")
    broken = data / "broken"
    broken.mkdir(parents=True)
    (broken / "case.yaml").write_text("id: broken\ntitle: {fr: Cassé, en: Broken}\n", encoding="utf-8")
    (broken / "actors.csv").write_text("actor_id,name,sector\na,Alpha,nowhere\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    kernel_loads = tmp_path / "kernel-loads.txt"
    monkeypatch.setenv("PYTHONPATH", str(site))
    monkeypatch.setenv("CA_TEST_LOADS", str(kernel_loads))
    here: list[str] = []
    original = loading.load_case

    def counted(folder: Path, *args: object, **kwargs: object) -> object:
        here.append(Path(folder).name)
        return original(folder, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "load_case", counted)
    executor = InThisProcess()
    assert isinstance(executor, Executor)
    out = tmp_path / "reports"

    summary = render_cases(
        ["hostile-names", "broken"], data_dir=data, out=out, lang="en", timeout=300,
        permutations=0, bootstrap=0, executor=executor, progress=False,
    )  # fmt: skip

    assert sorted(kernel_loads.read_text(encoding="utf-8").split()) == ["broken", "hostile-names"]
    assert here == ["broken"]  # only to say why it is invalid
    results = {result.case_id: result for result in summary.results}
    assert results["hostile-names"].ok and results["hostile-names"].status == "ok"
    assert results["hostile-names"].seconds["total"] > 0
    entry = json.loads((out / "hostile-names.json").read_text(encoding="utf-8"))
    assert entry == results["hostile-names"].entry and entry["case_id"] == "hostile-names"
    assert "headlines" in entry
    failed = results["broken"]
    assert failed.reason is not None and failed.reason.startswith("invalid case: ")
    assert "actors.csv:2" in failed.reason
    assert not (out / "broken.html").exists() and not (out / "broken.failed.ipynb").exists()
