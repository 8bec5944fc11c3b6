"""Running jobs on a Dask distributed cluster (``render --scheduler ADDRESS``), every wait bounded.

Workers must see the data and notebook paths (a shared file system); they send
the rendered files back to this process, which writes them. Each job runs in a
fresh kernel, without a spare one.

Nothing waits forever. Before anything is written, :func:`connect` asks the
scheduler who it is and how many workers it has: a scheduler out of reach,
or something else listening at that address, is reported within
:data:`SCHEDULER_CONNECT_SECONDS`; a scheduler without any worker within
:data:`WORKER_WAIT_SECONDS` (both at most the per-case timeout), each with what
to do about it (:class:`SchedulerError`, in the language of the messages).
While jobs run, a cluster that sends no result for a job's timeout plus
:data:`RESULT_MARGIN_SECONDS` (its workers gone, say) fails the jobs still waiting, with the reason.

Example
-------
>>> print(no_worker_message("tcp://10.0.0.5:8786", 60.0))
no worker connected to the scheduler at tcp://10.0.0.5:8786 after 60 s:
start one with `dask worker tcp://10.0.0.5:8786`
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import os
import time
from collections.abc import Callable, Sequence
from typing import Any

from commons_analysis.batch.jobs import Job, run_job
from commons_analysis.batch.results import RenderResult, reasons, seconds_text, shorten
from commons_analysis.core.messages import ENGLISH
from commons_analysis.reporting.text import t

#: Longest wait (seconds) for the scheduler to answer.
SCHEDULER_CONNECT_SECONDS = 10.0
#: Longest wait (seconds) for a first worker to connect to the scheduler.
WORKER_WAIT_SECONDS = 60.0
#: Beyond a job's timeout, the time a worker may take to load the case and convert the notebook.
RESULT_MARGIN_SECONDS = 60.0
#: How often (seconds) the scheduler is asked again while no worker is connected.
_POLL_SECONDS = 0.25


class SchedulerError(OSError):
    """The Dask scheduler cannot run the jobs: out of reach, not a scheduler, or without any worker.

    An :class:`OSError`, as a folder out of reach: the command line shows it as the user's to fix.
    """


def no_worker_message(address: str, seconds: float, lang: str = ENGLISH) -> str:
    """What to say, and to do, when no worker is connected to the scheduler (in ``lang``)."""
    return t("batch.scheduler.no_worker", lang, address=address, seconds=seconds_text(seconds))


def unreachable_message(address: str, seconds: float, error: BaseException, lang: str = ENGLISH) -> str:
    """What to say, and to check, when the scheduler does not answer (in ``lang``).

    >>> print(unreachable_message("tcp://127.0.0.1:1", 10.0, TimeoutError()))
    no Dask scheduler answered at tcp://127.0.0.1:1 within 10 s:
    check the address, and start one there with `dask scheduler` (TimeoutError)
    """
    detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    written = {"address": address, "seconds": seconds_text(seconds), "detail": shorten(detail, 200)}
    return t("batch.scheduler.unreachable", lang, **written)


def count_workers(address: str, seconds: float) -> int:
    """The number of workers connected to the scheduler at ``address``, asking it for ``seconds`` at most.

    Raises whatever the attempt met (:class:`OSError`, :class:`TimeoutError`,
    :class:`ValueError` for an address that is none…).
    """
    from distributed.core import rpc

    async def ask() -> int:
        async with rpc(address, timeout=seconds) as scheduler:
            identity = await scheduler.identity()
        return len(identity.get("workers") or {})

    def run() -> int:
        return asyncio.run(asyncio.wait_for(ask(), seconds))

    # In a thread of its own: the caller may be running an event loop already (a notebook).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(run).result()


def connect(address: str, *, timeout: float, lang: str = ENGLISH) -> Any:
    """A Dask client of the scheduler at ``address``, once at least one worker is connected to it.

    Waits at most ``min(timeout, SCHEDULER_CONNECT_SECONDS)`` for the scheduler
    to answer and ``min(timeout, WORKER_WAIT_SECONDS)`` for a worker; raises
    :class:`SchedulerError` saying what to fix, in ``lang``.
    """
    from distributed import Client

    reach = min(timeout, SCHEDULER_CONNECT_SECONDS)
    patience = min(timeout, WORKER_WAIT_SECONDS)
    deadline = time.monotonic() + patience
    while True:
        try:
            workers = count_workers(address, reach)
        except Exception as error:  # out of reach, no address, something else listening: the user's to fix
            raise SchedulerError(unreachable_message(address, reach, error, lang)) from None
        if workers:
            break
        if time.monotonic() >= deadline:
            raise SchedulerError(no_worker_message(address, patience, lang))
        time.sleep(_POLL_SECONDS)
    try:
        return Client(address, timeout=reach, set_as_default=False)
    except Exception as error:
        raise SchedulerError(unreachable_message(address, reach, error, lang)) from None


def run_on_cluster(
    client: Any, jobs: Sequence[Job], on_result: Callable[[RenderResult], None], *, address: str
) -> None:
    """Submit ``jobs`` to the cluster of ``client``, calling ``on_result`` with each result as it comes.

    When no result comes for a job's timeout plus :data:`RESULT_MARGIN_SECONDS`,
    the jobs still waiting are cancelled and fail with the reason.
    """
    from distributed import as_completed

    pending = {
        client.submit(run_job, job, pure=False, key=f"render-{job.case_id}-{os.getpid()}-{i}"): job
        for i, job in enumerate(jobs)
    }
    silence = max((job.timeout for job in jobs), default=0.0) + RESULT_MARGIN_SECONDS
    while pending:
        try:
            future = next(as_completed(list(pending), loop=client.loop, timeout=silence))
        except TimeoutError:
            said = reasons("reporting.reason.worker", detail=_silence_reason(address, silence))
            client.cancel(list(pending))
            for job in pending.values():
                on_result(RenderResult.failure(job.case_id, job.lang, said))
            return
        job = pending.pop(future)
        try:
            result = future.result(timeout=silence)
        except Exception as error:  # the worker died, or the result could not come back
            detail = shorten(f"{type(error).__name__}: {error}")
            result = RenderResult.failure(
                job.case_id, job.lang, reasons("reporting.reason.worker", detail=detail)
            )
        on_result(result)


class DaskExecutor:
    """The :class:`~commons_analysis.batch.executor.Executor` of a Dask cluster (``render --scheduler``).

    Made by :meth:`connect`, which checks the scheduler before anything is written;
    :meth:`close` closes the client.
    """

    def __init__(self, client: Any, address: str):
        self.client = client
        self.address = address

    @classmethod
    def connect(cls, address: str, *, timeout: float, lang: str = ENGLISH) -> DaskExecutor:
        """An executor on the scheduler at ``address`` once a worker is connected (:func:`connect`)."""
        return cls(connect(address, timeout=timeout, lang=lang), address)

    def map(self, jobs: Sequence[Job], on_result: Callable[[RenderResult], None]) -> None:
        """Run ``jobs`` on the cluster (:func:`run_on_cluster`), each result given as it comes."""
        if jobs:
            run_on_cluster(self.client, jobs, on_result, address=self.address)

    def close(self) -> None:
        """Close the client of the scheduler."""
        self.client.close()


def _silence_reason(address: str, seconds: float) -> Callable[[str], str]:
    """Why the cluster sent nothing for ``seconds`` (no worker left, or workers that do not answer).

    A function of the language, that writes the reason in it.
    """
    try:
        workers = count_workers(address, SCHEDULER_CONNECT_SECONDS)
    except Exception as error:
        return functools.partial(unreachable_message, address, SCHEDULER_CONNECT_SECONDS, error)
    if not workers:
        return functools.partial(no_worker_message, address, seconds)
    return functools.partial(
        t, "batch.scheduler.silent", workers=workers, address=address, seconds=seconds_text(seconds)
    )


__all__ = [
    "DaskExecutor",
    "SchedulerError",
    "connect",
    "count_workers",
    "no_worker_message",
    "run_on_cluster",
]
