"""Running jobs in worker processes of this machine, each case in isolation.

papermill and nbclient change the process's working folder and keep state per
process, so notebooks run in parallel *processes*, never threads. Workers are
forked from a clean server process that has imported what jobs need
(``forkserver``), then import the rest once each (:func:`~commons_analysis.batch.jobs.warm_up`),
instead of once per case as a shell loop of ``papermill`` does.

Each worker is a process of its own with its own pipe, given one job at a
time, so that what happens to a worker is known to be its job's doing
(issue 19: with a shared pool, one worker killed by the system broke the pool
and every case in it failed):

- a worker that dies (killed for memory, a crash) fails its job only; the job
  is tried once more in a fresh worker (:data:`JOB_ATTEMPTS`), the others go on;
- a worker that overruns its job's ``timeout`` by more than
  :data:`GRACE_SECONDS` (loading, conversion, a wait that nothing bounds) is
  killed, kernels included, and its job fails as timed out;
- workers end with the command (:mod:`~commons_analysis.batch.lifetime`): on
  SIGTERM, SIGINT, an error, or when the command is killed.

Example
-------
>>> from commons_analysis.batch.jobs import RenderJob
>>> jobs = [RenderJob(case_id=name, case_path=name, notebook="n.ipynb") for name in "abc"]
>>> [job.prepare_next for job in with_spare_kernels(jobs, workers=2)]
[True, False, False]
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import multiprocessing
import multiprocessing.connection
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from commons_analysis.batch.jobs import Job, run_job, warm_up
from commons_analysis.batch.results import RenderResult, reasons, seconds_text

#: A job whose worker died is given this many runs in all, each in a fresh worker.
JOB_ATTEMPTS = 2
#: Seconds a worker is given beyond its job's timeout (the page's conversion, sending it back)
#: before it is killed: the job's own timeout is enforced inside the worker.
GRACE_SECONDS = 60.0
#: Seconds a worker is given to leave on its own at the end of a batch before it is killed.
STOP_SECONDS = 5.0

Run = Callable[[Job], RenderResult]


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


def _end_kernels() -> None:
    """Kill the process groups of this worker's kernels (it must end now)."""
    from commons_analysis.batch.kernels import RUNNING_KERNELS
    from commons_analysis.batch.lifetime import kill_groups

    kill_groups(RUNNING_KERNELS)


def worker_main(connection: Any, parent: int, run: Run = run_job, warm: bool = True) -> None:
    """A worker's life: end with ``parent``, warm up, then run each job received until told to stop."""
    from commons_analysis.batch.lifetime import die_with_parent, end_on_signals, watch_parent

    die_with_parent()
    watch_parent(parent, _end_kernels)
    end_on_signals(_end_kernels)
    if warm:
        warm_up()
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        connection.send(run(job))


@dataclasses.dataclass
class _Worker:
    """A worker process, its end of the pipe, and the job it runs (None when idle)."""

    process: Any
    connection: Any
    job: Job | None = None
    deadline: float = 0.0

    def stop(self, wait: float = STOP_SECONDS) -> None:
        """Ask the worker to leave, then terminate it, then kill it; never waits more than ``wait`` s each."""
        with contextlib.suppress(OSError, ValueError):
            self.connection.send(None)
        self.process.join(wait)
        if self.process.is_alive():
            self.process.terminate()  # SIGTERM: the worker kills its kernels and leaves
            self.process.join(wait)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(wait)
        with contextlib.suppress(OSError):
            self.connection.close()


def run_in_processes(
    jobs: Sequence[Job],
    on_result: Callable[[RenderResult], None],
    *,
    workers: int,
    run: Run = run_job,
    warm: bool = True,
) -> None:
    """Run ``jobs`` in ``workers`` worker processes, calling ``on_result`` with each result as it comes.

    ``run`` is what a worker does with a job (:func:`~commons_analysis.batch.jobs.run_job`;
    any picklable function of a job); ``warm`` warms each worker up first.
    """
    context = _pool_context()
    count = max(1, min(workers, len(jobs)))
    pending = collections.deque(with_spare_kernels(jobs, count))
    attempts: Counter[str] = Counter()
    pool: list[_Worker] = []

    def start() -> _Worker:
        ours, theirs = context.Pipe()
        process = context.Process(
            target=worker_main, args=(theirs, os.getpid(), run, warm), name="commons-analysis-worker"
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        pool.append(worker)
        return worker

    def give(worker: _Worker) -> None:
        job = pending.popleft()
        worker.job, worker.deadline = job, time.monotonic() + job.timeout + GRACE_SECONDS
        with contextlib.suppress(OSError):  # died before its job: noticed by its sentinel below
            worker.connection.send(job)

    def lost(worker: _Worker, result: RenderResult | None) -> None:
        """The worker ended or was killed: its job fails, or is tried once more in a fresh worker."""
        pool.remove(worker)
        worker.stop(wait=0.5)
        job = worker.job
        assert job is not None
        if result is None:
            attempts[job.case_id] += 1
            if attempts[job.case_id] < JOB_ATTEMPTS:
                pending.appendleft(dataclasses.replace(job, prepare_next=False))
                return
            result = RenderResult.failure(job.case_id, job.lang, reasons("reporting.reason.worker_died"))
        on_result(result)

    try:
        while pending or any(worker.job is not None for worker in pool):
            for worker in pool:
                if worker.job is None and pending:
                    give(worker)
            while pending and len(pool) < count:
                give(start())
            busy = [worker for worker in pool if worker.job is not None]
            wait = max(0.0, min(worker.deadline for worker in busy) - time.monotonic())
            ready = multiprocessing.connection.wait(
                [w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=wait
            )
            for worker in busy:
                if worker.connection in ready or worker.process.sentinel in ready:
                    try:
                        result = worker.connection.recv() if worker.connection.poll() else None
                    except (EOFError, OSError):
                        result = None
                    if result is None:
                        lost(worker, None)
                        continue
                    worker.job = None
                    on_result(result)
                elif time.monotonic() > worker.deadline:
                    job = worker.job
                    assert job is not None
                    said = reasons("reporting.reason.timeout", seconds=seconds_text(job.timeout))
                    lost(worker, RenderResult.failure(job.case_id, job.lang, said))
    finally:
        for worker in pool:
            worker.stop()


@dataclasses.dataclass(frozen=True)
class ProcessExecutor:
    """The :class:`~commons_analysis.batch.executor.Executor` of worker processes of this machine.

    ``workers``: the most processes at once (``render --jobs``); ``run`` and ``warm``: as
    :func:`run_in_processes`. Nothing outlives a :meth:`map`: :meth:`close` has nothing to do.
    """

    workers: int
    run: Run = run_job
    warm: bool = True

    def map(self, jobs: Sequence[Job], on_result: Callable[[RenderResult], None]) -> None:
        """Run ``jobs`` in worker processes (:func:`run_in_processes`), each result given as it comes."""
        if jobs:
            run_in_processes(jobs, on_result, workers=self.workers, run=self.run, warm=self.warm)

    def close(self) -> None:
        """Nothing to release: the workers of a batch end with it."""


__all__ = [
    "GRACE_SECONDS",
    "JOB_ATTEMPTS",
    "ProcessExecutor",
    "run_in_processes",
    "with_spare_kernels",
    "worker_main",
]
