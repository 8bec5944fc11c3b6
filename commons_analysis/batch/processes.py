"""Running jobs in worker processes of this machine.

papermill and nbclient change the process's working folder and keep state per
process, so notebooks run in parallel *processes*, never threads. Workers are
forked from a clean server process that has imported what jobs need
(``forkserver``), then import the rest once each (:func:`~commons_analysis.batch.jobs.warm_up`),
instead of once per case as a shell loop of ``papermill`` does. A worker that
dies costs its jobs one retry in a new pool; one failing job never stops the
others.

Example
-------
>>> from commons_analysis.batch.jobs import RenderJob
>>> jobs = [RenderJob(case_id=name, case_path=name, data_dir=".", notebook="n.ipynb") for name in "abc"]
>>> [job.prepare_next for job in with_spare_kernels(jobs, workers=2)]
[True, False, False]
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import multiprocessing
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from commons_analysis.batch.jobs import Job, run_job, warm_up
from commons_analysis.batch.results import RenderResult, reasons, shorten

#: A job whose worker died is given this many runs in all.
JOB_ATTEMPTS = 2


def _pool_context() -> Any:
    """Processes forked from a clean server process that has imported what jobs need."""
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not Linux
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        ["commons_analysis.batch.jobs", "nbclient", "nbconvert", "papermill.parameterize"]
    )
    return context


def with_spare_kernels(jobs: Sequence[Job], workers: int) -> list[Job]:
    """``jobs`` where each boots a spare kernel for the next job of its worker, except the last ``workers``.

    The last jobs of a batch have no next job in their worker: a spare kernel would be wasted work.
    """
    return [dataclasses.replace(job, prepare_next=i < len(jobs) - workers) for i, job in enumerate(jobs)]


def run_in_processes(jobs: Sequence[Job], on_result: Callable[[RenderResult], None], *, workers: int) -> None:
    """Run ``jobs`` in ``workers`` worker processes, calling ``on_result`` with each result as it comes."""
    attempts: Counter[str] = Counter()
    remaining = list(jobs)
    while remaining:
        count = max(1, min(workers, len(remaining)))
        batch, remaining = with_spare_kernels(remaining, count), []
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=count, mp_context=_pool_context(), initializer=warm_up
        ) as pool:
            futures = {pool.submit(run_job, job): job for job in batch}
            for future in concurrent.futures.as_completed(futures):
                job = futures[future]
                try:
                    result = future.result()
                except concurrent.futures.process.BrokenProcessPool:
                    attempts[job.case_id] += 1
                    if attempts[job.case_id] < JOB_ATTEMPTS:
                        remaining.append(job)
                        continue
                    result = RenderResult.failure(job.case_id, job.lang, reasons("reason.worker_died"))
                except Exception as error:
                    said = reasons("reason.worker", detail=shorten(f"{type(error).__name__}: {error}"))
                    result = RenderResult.failure(job.case_id, job.lang, said)
                on_result(result)


__all__ = ["run_in_processes", "with_spare_kernels"]
