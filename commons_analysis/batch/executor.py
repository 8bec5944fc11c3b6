"""The one interface that runs rendering jobs, on this machine or on a Dask cluster.

:func:`~commons_analysis.batch.render.render_cases` takes an :class:`Executor`
and does not know where the jobs run: the same code path renders with
:class:`~commons_analysis.batch.processes.ProcessExecutor` (worker processes of
this machine, ``render --jobs N``) and with
:class:`~commons_analysis.batch.cluster.DaskExecutor` (``render --scheduler ADDRESS``).

Every executor keeps the batch's promises:

- each job runs :func:`~commons_analysis.batch.jobs.run_job` in a *process* of
  its own, never in a thread of the caller (papermill and nbclient change the
  process's working folder);
- :meth:`Executor.map` gives every job exactly one
  :class:`~commons_analysis.batch.results.RenderResult`, a failure included
  (a worker that dies, a job that overruns): one failing case never stops the others;
- results come as they are done, not in the jobs' order; the caller writes each page then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from commons_analysis.batch.jobs import Job
    from commons_analysis.batch.results import RenderResult

#: What an executor calls with each result, as it comes.
OnResult = Callable[["RenderResult"], None]


@runtime_checkable
class Executor(Protocol):
    """Runs rendering jobs somewhere, giving back one result per job (see the module docstring)."""

    def map(self, jobs: Sequence[Job], on_result: OnResult) -> None:
        """Run ``jobs``, calling ``on_result`` with each job's result as it comes; return when all came."""

    def close(self) -> None:
        """Release what the executor holds (a cluster's client); its jobs have all given their results."""


__all__ = ["Executor", "OnResult"]
