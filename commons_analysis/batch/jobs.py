"""Rendering jobs: what to render (planned from the command's cases), and how a worker renders it.

A job is picklable (paths as strings) so that it runs alike in a worker
process (:mod:`commons_analysis.batch.processes`) or on a Dask worker
(:mod:`commons_analysis.batch.cluster`). Two kinds:

- :class:`RenderJob`, one case: **execute** ``notebooks/case_report.ipynb``
  with its parameters (its kernel loads and validates the case, once:
  :func:`~commons_analysis.reporting.case_report.open_report`), ask the kernel
  for the index entry (:data:`INDEX_ENTRY_EXPRESSION`), **convert** the result to
  a page. The worker itself never loads a case that renders; when the kernel's
  loading fails (``CaseError``), the worker loads it to give every problem, in
  every language, as the reason (an invalid case gets no page and no notebook);
- :class:`ComparisonJob`: execute ``notebooks/comparison.ipynb`` on the
  cases of the data folder, minus those left out (the cases that failed,
  named with their reason on the page), and convert it.

:func:`run_job` never raises: success is the execution's result (no error
from the kernel, within the timeout), never what the written notebook looks
like (papermill writes a notebook that looks complete after a timeout or a
killed kernel); a failure is a :class:`~commons_analysis.batch.results.RenderResult`
with its reason, in every language (:func:`~commons_analysis.batch.results.reasons`),
its files named relative to the project (:mod:`~commons_analysis.reporting.paths`).

The notebook is given its data folder relative to the notebook's own folder,
where its kernel runs (as papermill runs it), when both are in one project:
the executed ``.ipynb`` keeps the path it was given, and it then holds no path
of the machine that rendered it (``../data/cases`` for the project's cases, as
the notebook's own default). Data outside the notebook's project can only be
named by its absolute path.

Example
-------
>>> job = ComparisonJob(notebook="/data/notebooks/comparison.ipynb", left_out=(("x", "timed out"),))
>>> job.case_id, job.parameters()["left_out"]
('comparison', {'x': 'timed out'})
"""

from __future__ import annotations

import functools
import os
import sys
import threading
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from commons_analysis.batch.kernels import Execution, Kernels, execute_notebook
from commons_analysis.batch.languages import nav_html, page_nav
from commons_analysis.batch.notebooks import (
    html_exporter,
    inject_parameters,
    notebook_to_html,
    read_notebook,
)
from commons_analysis.batch.results import COMPARISON, INDEX, RenderResult, reasons, shorten
from commons_analysis.core.settings import PAGE_TIMEOUT, RenderSettings
from commons_analysis.reporting.text import t

#: Asked of a report's kernel once its last cell has run: the index entry, as JSON
#: (:meth:`~commons_analysis.reporting.case_report.CaseReport.index_entry` of the notebook's ``report``).
INDEX_ENTRY_EXPRESSION = "__import__('json').dumps(report.index_entry(), default=lambda value: value.item())"

#: Case ids that would overwrite a page of the report folder (``index.html``, ``comparison.html``).
RESERVED_NAMES = (INDEX, COMPARISON)


@dataclass(frozen=True, kw_only=True)
class NotebookJob:
    """A page's notebook and the settings of the render (picklable, paths as strings).

    ``settings`` (:class:`~commons_analysis.core.settings.RenderSettings`) is the one value the
    command line built: its :meth:`~commons_analysis.core.settings.RenderSettings.notebook_parameters`
    are what the notebook's ``parameters`` cell declares and its provenance footer lists.
    """

    notebook: str
    settings: RenderSettings = field(default_factory=RenderSettings)
    #: Boot a spare kernel for a next job while this one runs (False for the last jobs of a batch).
    prepare_next: bool = False
    #: The languages of the render, for the page's language switch (:mod:`~.languages`); none: no bar.
    langs: tuple[str, ...] = ()

    def nav(self, file_name: str) -> str:
        """The bar of links that opens the page ``file_name`` (empty without :attr:`langs`)."""
        return nav_html(page_nav(file_name, self.lang, self.langs)) if self.langs else ""

    @property
    def lang(self) -> str:
        """The language of the page."""
        return self.settings.lang

    @property
    def timeout(self) -> float:
        """Seconds the page may take, loading and kernel start-up included."""
        return self.settings.timeout

    @property
    def data_dir(self) -> str:
        """The data folder, as a string."""
        return str(self.settings.data_dir)

    def parameters(self) -> dict[str, Any]:
        """The parameters injected into the notebook (``data_dir`` relative to the notebook's folder)."""
        parameters = self.settings.notebook_parameters()
        parameters["data_dir"] = from_notebook(self.data_dir, self.notebook)
        return parameters


@dataclass(frozen=True, kw_only=True)
class RenderJob(NotebookJob):
    """One case to render: its id and folder (the settings' ``data_dir`` is the folder's parent)."""

    case_id: str
    case_path: str

    def parameters(self) -> dict[str, Any]:
        """The parameters injected into the report notebook."""
        return {"case_id": self.case_id, **super().parameters()}


@dataclass(frozen=True, kw_only=True)
class ComparisonJob(NotebookJob):
    """The comparison of every case under ``data_dir`` except those ``left_out`` (case id, reason)."""

    left_out: tuple[tuple[str, str], ...] = ()

    @property
    def case_id(self) -> str:
        """The page's name: :data:`~commons_analysis.batch.results.COMPARISON`."""
        return COMPARISON

    def parameters(self) -> dict[str, Any]:
        """The parameters injected into the notebook (``left_out``: case id → why it is not compared)."""
        return {**super().parameters(), "left_out": dict(self.left_out)}


Job = RenderJob | ComparisonJob


def from_notebook(path: str, notebook: str) -> str:
    """``path`` relative to the folder of ``notebook`` (where its kernel runs) when both are in its project.

    In POSIX form; the absolute path of ``path`` when it lies outside the
    notebook's project (a relative path would still spell the machine's folders).

    >>> import pathlib, tempfile
    >>> project = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (project / "pyproject.toml").write_text("")
    >>> from_notebook(str(project / "data" / "cases"), str(project / "notebooks" / "case_report.ipynb"))
    '../data/cases'
    >>> from_notebook("/elsewhere/cases", str(project / "notebooks" / "case_report.ipynb"))
    '/elsewhere/cases'
    """
    from commons_analysis.publishing.provenance import project_root

    target, folder = Path(path).resolve(), Path(notebook).resolve().parent
    root = project_root(folder)
    if root is None or not target.is_relative_to(root):
        return str(target)
    return Path(os.path.relpath(target, folder)).as_posix()


# ---------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------


def plan_jobs(
    cases: Sequence[str], *, all_cases: bool, notebook: Path, settings: RenderSettings
) -> tuple[list[RenderJob], list[RenderResult]]:
    """The jobs to run, and the failures known before running (a case argument that names no folder).

    With ``all_cases``, the settings' ``data_dir`` without any case folder is an error
    (:class:`~commons_analysis.core.errors.CaseError`), not an empty batch. The settings'
    ``lang`` is the language of the reports (and of the failures' reasons on the pages).
    """
    from commons_analysis.core.errors import CaseError, Problem, display_path
    from commons_analysis.core.messages import say
    from commons_analysis.ingest.loading import case_folders, resolve_case
    from commons_analysis.reporting.paths import shown_path

    data_dir, lang = settings.data_dir.resolve(), settings.lang
    folders: list[tuple[str, Path]] = []
    failures: list[RenderResult] = []
    if all_cases:
        folders = [(folder.name, folder) for folder in case_folders(data_dir)]
        if not folders:
            raise CaseError(
                [Problem.of(display_path(data_dir), None, None, say("ingest.case.no_case_folder"))]
            )
    for argument in cases:
        try:
            folder = resolve_case(argument, data_dir)
        except CaseError as error:
            said = reasons("reporting.reason.invalid", detail=problems_text(error.problems, data_dir))
            failures.append(RenderResult.failure(argument, lang, said))
            continue
        if not folder.is_dir():
            said = reasons("reporting.reason.missing", detail=shown_path(folder, data_dir))
            failures.append(RenderResult.failure(argument, lang, said))
            continue
        folders.append((folder.name, folder))
    seen: set[str] = set()
    jobs = []
    for case_id, folder in folders:
        if case_id in seen:
            continue
        seen.add(case_id)
        if case_id in RESERVED_NAMES:
            detail = functools.partial(t, "reporting.reason.reserved_name", case=case_id)
            failures.append(
                RenderResult.failure(case_id, lang, reasons("reporting.reason.invalid", detail=detail))
            )
            continue
        jobs.append(
            RenderJob(
                case_id=case_id,
                case_path=str(folder.resolve()),
                notebook=str(Path(notebook).resolve()),
                settings=replace(settings, data_dir=folder.resolve().parent),
            )
        )
    return jobs, failures


def problems_text(problems: Sequence[Any], data_dir: Path | str | None, limit: int = 5) -> Any:
    """The problems of an invalid case as one line in a given language (a function of the language).

    At most ``limit`` problems, then how many more; files named relative to the project.
    """
    from commons_analysis.reporting.paths import shown_problem

    shown = [shown_problem(problem, data_dir) for problem in problems]

    def written(lang: str) -> str:
        texts = [problem.text(lang) for problem in shown[:limit]]
        more = f" (+{len(shown) - limit})" if len(shown) > limit else ""
        return shorten("; ".join(texts) + more)

    return written


# ---------------------------------------------------------------------------
# The worker side
# ---------------------------------------------------------------------------


#: The kernels of this worker process (set by :func:`warm_up` in pool workers; None elsewhere).
_WORKER_KERNELS: Kernels | None = None


def warm_up() -> None:
    """Set up a worker process: imports every job needs, the HTML exporter, a kernel pool.

    The shell loop of CLIs pays these imports, and a kernel start-up, for every case.
    """
    global _WORKER_KERNELS
    import multiprocessing.util

    import nbclient  # noqa: F401
    import nbformat  # noqa: F401
    from papermill import parameterize  # noqa: F401

    from commons_analysis.ingest import loading  # noqa: F401

    html_exporter()
    _WORKER_KERNELS = Kernels()
    # Pool workers leave through os._exit, which skips atexit: a Finalize stops the spare kernel.
    multiprocessing.util.Finalize(None, _WORKER_KERNELS.close, exitpriority=10)


def run_job(job: Job) -> RenderResult:
    """Render one job (a case, or the comparison); never raises (a failure is a result with its reason)."""
    try:
        return _render_case(job) if isinstance(job, RenderJob) else _render_comparison(job)
    except Exception as error:  # a bug of ours must not stop the batch
        traceback.print_exc(file=sys.stderr)
        detail = shorten(f"{type(error).__name__}: {error}")
        return RenderResult.failure(job.case_id, job.lang, reasons("reporting.reason.worker", detail=detail))


def _render_case(job: RenderJob) -> RenderResult:
    """Execute one case's notebook (its kernel loads the case), convert it; index entry from its kernel."""
    lang, case_id = job.lang, job.case_id
    details: dict[str, Any] = {"case_path": job.case_path, "notebook_path": job.notebook}
    started = time.monotonic()
    outcome = _execute(job, job.parameters(), entry=True)  # --timeout covers the loading too
    executed = time.monotonic()
    seconds = {"execute": executed - started}
    if outcome.reasons is not None:
        invalid = _invalid(job) if outcome.error_name == "CaseError" else None
        seconds["total"] = time.monotonic() - started
        if invalid is not None:  # every problem, in every language; no notebook for a case that does not load
            return RenderResult.failure(case_id, lang, invalid, seconds=seconds, **details)
        text = _notebook_text(outcome)
        return RenderResult.failure(case_id, lang, outcome.reasons, notebook=text, seconds=seconds, **details)
    entry = _entry(outcome) or {"case_id": case_id, "title": {"fr": case_id, "en": case_id}}
    title = (entry.get("title") or {}).get(lang) or case_id
    page_html = notebook_to_html(
        outcome.notebook, title=str(title), lang=lang, nav=job.nav(f"{case_id}.html")
    )
    text = _notebook_text(outcome)
    seconds["convert"] = time.monotonic() - executed
    seconds["total"] = time.monotonic() - started
    return RenderResult(
        case_id, True, None, notebook=text, html=page_html, entry=entry, lang=lang, seconds=seconds, **details
    )


def _invalid(job: RenderJob) -> dict[str, str] | None:
    """Why the case of ``job`` does not load, every problem in every language (None if it loads after all).

    Called only when the kernel's loading raised ``CaseError``: the one load of the case in the worker.
    """
    from commons_analysis.core.errors import CaseError
    from commons_analysis.ingest.loading import load_case

    try:
        load_case(Path(job.case_path))
    except CaseError as error:
        return reasons("reporting.reason.invalid", detail=problems_text(error.problems, job.data_dir))
    return None


def _entry(outcome: Execution) -> dict[str, Any] | None:
    """The index entry the kernel gave (:data:`INDEX_ENTRY_EXPRESSION`), None when it gave none."""
    import json

    try:
        entry = json.loads(outcome.values.get("entry", ""))
    except ValueError:
        return None
    return entry if isinstance(entry, dict) else None


def _render_comparison(job: ComparisonJob) -> RenderResult:
    """Execute and convert the comparison of the cases."""
    details: dict[str, Any] = {"notebook_path": job.notebook}
    started = time.monotonic()
    outcome = _execute(job, job.parameters())
    text = _notebook_text(outcome)
    if outcome.reasons is not None:
        seconds = {"execute": time.monotonic() - started, "total": time.monotonic() - started}
        return RenderResult.failure(
            job.case_id, job.lang, outcome.reasons, notebook=text, seconds=seconds, **details
        )
    executed = time.monotonic()
    title = t("reporting.comparison.title", job.lang)
    page_html = notebook_to_html(
        outcome.notebook, title=title, lang=job.lang, nav=job.nav(f"{COMPARISON}.html")
    )
    seconds = {"execute": executed - started, "convert": time.monotonic() - executed}
    seconds["total"] = time.monotonic() - started
    return RenderResult(
        job.case_id, True, None, notebook=text, html=page_html, lang=job.lang, seconds=seconds, **details
    )


def _execute(
    job: Job, parameters: dict[str, Any], timeout: float | None = None, entry: bool = False
) -> Execution:
    """Run the job's notebook with ``parameters``: in this worker's kernels, else in a fresh kernel.

    ``timeout``: the seconds left of the job's (default: all of them); ``entry``: ask the
    kernel for the report's index entry once the last cell has run (``values["entry"]``).
    """
    notebook = inject_parameters(read_notebook(job.notebook), parameters)
    cwd = Path(job.notebook).resolve().parent
    seconds = job.timeout if timeout is None else timeout
    collect = {"entry": INDEX_ENTRY_EXPRESSION} if entry else None
    if _WORKER_KERNELS is not None and threading.current_thread() is threading.main_thread():
        return _WORKER_KERNELS.run(
            notebook,
            timeout=seconds,
            cwd=cwd,
            prepare_next=job.prepare_next,
            named_timeout=job.timeout,
            collect=collect,
        )
    # a Dask worker thread, or a direct call: a fresh kernel, nothing kept
    return execute_notebook(notebook, timeout=seconds, cwd=cwd, named_timeout=job.timeout, collect=collect)


def _notebook_text(outcome: Execution) -> str:
    import nbformat

    return str(nbformat.writes(outcome.notebook))


__all__ = [
    "PAGE_TIMEOUT",
    "ComparisonJob",
    "Job",
    "NotebookJob",
    "RenderJob",
    "from_notebook",
    "plan_jobs",
    "problems_text",
    "run_job",
    "warm_up",
]
