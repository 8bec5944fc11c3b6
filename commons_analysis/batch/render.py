"""Batch rendering: one HTML report per case, in parallel, one failing case never stopping the others.

``commons-analysis render [CASE…|--all]`` does, for each case:

1. **validate** — :func:`~commons_analysis.ingest.loading.load_case`; an invalid case
   fails with its problems and is never executed;
2. **execute** ``notebooks/case_report.ipynb`` with the case's parameters,
   injected as papermill does (a cell tagged ``injected-parameters`` after the
   one tagged ``parameters``), in a fresh kernel driven by nbclient directly
   inside a worker process (no ``papermill`` or ``jupyter nbconvert``
   process start-ups, imports done once per worker); while a case runs, the
   worker boots the next case's kernel and imports the package in it
   (:class:`Kernels`), so that a kernel is never shared between cases and yet
   the next case starts warm;
3. **convert** the executed notebook to HTML without code cells, in a page
   that loads the shared ``plotly.min.js`` written once into the output folder;
4. **write** ``<id>.ipynb``, ``<id>.html`` and ``<id>.json`` (the index entry)
   atomically, then ``index.html`` linking every report of the folder.

Success is the execution result (no exception from the kernel, within the
per-case timeout), never what the written notebook looks like: papermill
writes a notebook that looks complete after a timeout or a killed kernel. A
case that is invalid, raises, times out or whose kernel dies is listed in the
closing summary and in the index with its reason; it gets no HTML (a report
left from an earlier run is removed, so that no stale report passes for
current), and its partial notebook is kept as ``<id>.failed.ipynb``. The
command exits 1 if any case failed.

Every file is written to a temporary file in the same folder, then moved into
place with :func:`os.replace`: a crash or a kill never leaves a half-written
report where a good one was. Identical inputs give identical reports apart
from the render date: figure ids are numbered, layouts seeded, kernels run with
``PYTHONHASHSEED=0``.

``--scheduler ADDRESS`` submits the same jobs to a Dask distributed cluster;
workers must see the data and notebook paths (a shared file system), and
send the rendered files back to this process, which writes them. (Dask
workers run each case in a fresh kernel, without a spare one.)

Measured on the four bundled cases (``benchmarks/bench_render.py``, 2 shared
cores): a shell loop of ``papermill`` then ``jupyter nbconvert`` per case
takes about 24 s; ``render --jobs 2`` about 7 s (ratio 0.29).

Example
-------
>>> atomic_write_text(Path(tempfile.mkdtemp()) / "x.txt", "done").read_text()
'done'
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import copy
import dataclasses
import html
import json
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from commons_analysis.core.defaults import DEFAULT_DATA_DIR, DEFAULT_LANG, MIN_CELL
from commons_analysis.reporting.text import t

#: The kernel every notebook runs in (``make`` installs it into the virtual environment with --sys-prefix).
KERNEL_NAME = "python3"
REPORT_NOTEBOOK = "case_report.ipynb"
#: Cells tagged so are left out of the HTML (notes for whoever edits the notebook).
REMOVE_TAG = "remove_cell"
#: Kernels that die before answering are started once more (it happens when many start at once).
KERNEL_START_ATTEMPTS = 2
#: Temporary files older than this (seconds) are the leftovers of a killed run and are removed.
STALE_TEMP_SECONDS = 3600
_TEMP_SUFFIX = ".tmp"


# ---------------------------------------------------------------------------
# Atomic writes
# ---------------------------------------------------------------------------


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder, then :func:`os.replace`.

    Readers see the old file or the new one, never a part; the temporary file is
    removed if anything fails before the move.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically (see :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def remove_stale_temporaries(folder: Path, older_than: float = STALE_TEMP_SECONDS) -> None:
    """Remove temporary files a killed run left in ``folder`` (``.*.tmp``, older than ``older_than`` s)."""
    limit = time.time() - older_than
    for leftover in Path(folder).glob(f".*{_TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < limit:
                leftover.unlink()


# ---------------------------------------------------------------------------
# Jobs and results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker needs to render one case (picklable, paths as strings)."""

    case_id: str
    case_path: str
    data_dir: str
    notebook: str
    lang: str = DEFAULT_LANG
    min_cell: int = MIN_CELL
    seed: int = 0
    timeout: float = 600.0
    #: Boot a spare kernel for a next case while this one runs (False for the last cases of a batch).
    prepare_next: bool = False

    def parameters(self) -> dict[str, Any]:
        """The parameters injected into the notebook."""
        return {
            "case_id": self.case_id,
            "data_dir": self.data_dir,
            "lang": self.lang,
            "min_cell": self.min_cell,
            "seed": self.seed,
        }


@dataclass
class RenderResult:
    """What a worker sends back: success, or the reason of the failure; the files' contents."""

    case_id: str
    ok: bool
    reason: str | None = None
    notebook: str | None = None  #: executed notebook (JSON), partial after a failure
    html: str | None = None
    entry: dict[str, Any] | None = None  #: index entry (title, headline figures…)
    seconds: float = 0.0


@dataclass
class RenderSummary:
    """The outcome of a batch: results in case order, and where the index is."""

    results: list[RenderResult] = field(default_factory=list)
    index: Path | None = None

    @property
    def failed(self) -> list[RenderResult]:
        """The cases that got no report."""
        return [result for result in self.results if not result.ok]

    @property
    def ok(self) -> bool:
        """True when every case rendered."""
        return not self.failed


def default_notebook() -> Path:
    """``notebooks/case_report.ipynb`` of the project (next to the package), else of the current folder."""
    beside = Path(__file__).resolve().parent.parent / "notebooks" / REPORT_NOTEBOOK
    return beside if beside.is_file() else Path("notebooks") / REPORT_NOTEBOOK


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

    _exporter()
    _WORKER_KERNELS = Kernels()
    # Pool workers leave through os._exit, which skips atexit: a Finalize stops the spare kernel.
    multiprocessing.util.Finalize(None, _WORKER_KERNELS.close, exitpriority=10)


def render_job(job: RenderJob) -> RenderResult:
    """Validate, execute and convert one case; never raises (a failure is a result with its reason)."""
    started = time.perf_counter()
    try:
        result = _render_job(job)
    except Exception as error:  # a bug of ours must not stop the batch
        detail = f"{type(error).__name__}: {error}"
        result = RenderResult(job.case_id, False, t("reason.worker", job.lang, detail=_short(detail)))
        result.notebook = None
        traceback.print_exc(file=sys.stderr)
    result.seconds = time.perf_counter() - started
    return result


def _render_job(job: RenderJob) -> RenderResult:
    import nbformat

    from commons_analysis.core.errors import CaseError
    from commons_analysis.ingest.loading import load_case

    lang = job.lang
    try:
        case = load_case(Path(job.case_path))
    except CaseError as error:
        problems = [str(problem) for problem in error.problems]
        detail = "; ".join(problems[:5]) + (f" (+{len(problems) - 5})" if len(problems) > 5 else "")
        return RenderResult(job.case_id, False, t("reason.invalid", lang, detail=detail))
    notebook = inject_parameters(read_notebook(job.notebook), job.parameters() | {"case_id": case.id})
    cwd = Path(job.notebook).resolve().parent
    if _WORKER_KERNELS is not None and threading.current_thread() is threading.main_thread():
        outcome = _WORKER_KERNELS.run(
            notebook, timeout=job.timeout, cwd=cwd, lang=lang, prepare_next=job.prepare_next
        )
    else:  # a Dask worker thread, or a direct call: a fresh kernel, nothing kept
        outcome = execute_notebook(notebook, timeout=job.timeout, cwd=cwd, lang=lang)
    text = nbformat.writes(outcome.notebook)
    if outcome.reason is not None:
        return RenderResult(job.case_id, False, outcome.reason, notebook=text)
    entry = index_entry(outcome.notebook) or {"case_id": case.id, "title": {"fr": case.id, "en": case.id}}
    title = (entry.get("title") or {}).get(lang) or case.id
    page_html = notebook_to_html(outcome.notebook, title=str(title), lang=lang)
    return RenderResult(job.case_id, True, None, notebook=text, html=page_html, entry=entry)


def read_notebook(path: str | os.PathLike[str]) -> Any:
    """A notebook read as papermill reads it (every cell gets ``tags`` and ``papermill`` metadata)."""
    from papermill.iorw import load_notebook_node

    return load_notebook_node(str(path))


def inject_parameters(notebook: Any, parameters: Mapping[str, Any]) -> Any:
    """The notebook with an ``injected-parameters`` cell after the ``parameters`` cell (as papermill does)."""
    from papermill.parameterize import parameterize_notebook

    injected = parameterize_notebook(
        copy.deepcopy(notebook), dict(parameters), kernel_name=KERNEL_NAME, language="python"
    )
    for cell in injected.cells:  # papermill gives the new cell a random id: reports must not differ by it
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"
    return injected


@dataclass
class Execution:
    """An executed notebook and, when it failed, the reason."""

    notebook: Any
    reason: str | None = None


def kernel_environment() -> dict[str, str]:
    """The environment of a rendering kernel: figures as text/html only, a fixed hash seed."""
    from commons_analysis.reporting.report import OUTPUT_ENV

    environment = dict(os.environ)
    environment[OUTPUT_ENV] = "html"
    environment["PYTHONHASHSEED"] = "0"
    return environment


#: Imported in each spare kernel while the previous case runs, so that a case finds them loaded.
WARM_UP_CODE = "import " + ", ".join(
    f"commons_analysis.{module}"
    for module in (
        "reporting.report", "analysis.indicators", "analysis.network", "analysis.participation",
        "analysis.inclusion", "analysis.decisions", "analysis.assessment", "publishing.privacy",
        "publishing.provenance",
    )
)  # fmt: skip
STARTUP_TIMEOUT = 60.0


@dataclass
class Kernel:
    """A started kernel and its client."""

    manager: Any
    client: Any

    async def stop(self) -> None:
        """Stop the kernel at once and remove its sockets, whatever state it is in."""
        with contextlib.suppress(Exception):
            self.client.stop_channels()
        with contextlib.suppress(Exception):
            if self.manager.has_kernel:
                await self.manager.shutdown_kernel(now=True)
        with contextlib.suppress(Exception):
            await self.manager.cleanup_resources()


class Kernels:
    """The kernels of one worker: a fresh kernel per case, the next one booting while a case runs.

    Each case runs in a kernel of its own, used for that case only and stopped
    right after (immediate shutdown). What a worker keeps warm between cases is
    a *spare* kernel, started when a case begins and given :data:`WARM_UP_CODE`
    to import, so that the next case skips the kernel start-up and the imports
    (about 2.5 s of 3.3 s for a bundled case). Kernels talk over Unix sockets of
    their own (``ipc`` transport), not TCP ports, so kernels started at the same
    moment cannot race for a port; a kernel that fails to start is started once
    more.
    """

    def __init__(self, warm_up_code: str | None = WARM_UP_CODE):
        self.loop = asyncio.new_event_loop()
        self.sockets = Path(tempfile.mkdtemp(prefix="ca-kernels-"))
        self.warm_up_code = warm_up_code
        self.started = 0
        self.spare: asyncio.Task[Kernel] | None = None
        self.spare_key: tuple[str, tuple[tuple[str, str], ...]] | None = None

    async def start(self, cwd: Path, environment: Mapping[str, str], warm: bool = False) -> Kernel:
        """Start a kernel in ``cwd`` and wait until it answers (and has run the warm-up, if ``warm``)."""
        from jupyter_client.manager import AsyncKernelManager

        self.started += 1
        manager = AsyncKernelManager(
            kernel_name=KERNEL_NAME,
            transport="ipc",
            ip=str(self.sockets / f"k{self.started}"),
            shutdown_wait_time=1.0,
        )
        kernel = Kernel(manager, None)
        try:
            await manager.start_kernel(env=dict(environment), cwd=str(cwd))
            kernel.client = manager.client()
            kernel.client.start_channels()
            await kernel.client.wait_for_ready(timeout=STARTUP_TIMEOUT)
            if warm and self.warm_up_code:
                reply = await kernel.client.execute_interactive(
                    self.warm_up_code, silent=True, store_history=False, timeout=STARTUP_TIMEOUT
                )
                if reply["content"]["status"] != "ok":
                    raise RuntimeError("the warm-up imports failed")
        except BaseException:
            await kernel.stop()
            raise
        return kernel

    async def acquire(self, cwd: Path, environment: Mapping[str, str]) -> Kernel:
        """The spare kernel when it suits this case, else a new one (a failed start is tried once more)."""
        key = (str(cwd), tuple(sorted(environment.items())))
        spare, self.spare = self.spare, None
        if spare is not None:
            if self.spare_key == key:
                with contextlib.suppress(Exception):
                    return await spare
            else:
                await self._discard(spare)
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            try:
                return await self.start(cwd, environment)
            except Exception:
                if attempt == KERNEL_START_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def prepare_next(self, cwd: Path, environment: Mapping[str, str]) -> None:
        """Start booting the spare kernel of the next case (it progresses while this case runs)."""
        if self.warm_up_code is None or self.spare is not None:
            return
        self.spare_key = (str(cwd), tuple(sorted(environment.items())))
        self.spare = self.loop.create_task(self.start(cwd, environment, warm=True))

    async def _discard(self, spare: asyncio.Task[Kernel]) -> None:
        spare.cancel()
        with contextlib.suppress(BaseException):
            kernel = await spare
            await kernel.stop()

    def run(
        self,
        notebook: Any,
        *,
        timeout: float,
        cwd: Path,
        lang: str = DEFAULT_LANG,
        prepare_next: bool = False,
    ) -> Execution:
        """Run every cell of ``notebook`` in a fresh kernel, ``timeout`` seconds in all; classify failures."""
        return self.loop.run_until_complete(self._run(notebook, timeout, cwd, lang, prepare_next))

    async def _run(
        self, notebook: Any, timeout: float, cwd: Path, lang: str, prepare_next: bool
    ) -> Execution:
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        environment = kernel_environment()
        deadline = self.loop.time() + timeout
        timed_out = Execution(notebook, t("reason.timeout", lang, seconds=_seconds(timeout)))
        try:
            kernel = await asyncio.wait_for(self.acquire(cwd, environment), timeout=timeout)
        except TimeoutError:
            return timed_out
        except Exception as error:
            detail = _short(f"{type(error).__name__}: {error}")
            return Execution(notebook, t("reason.kernel_start", lang, detail=detail))
        if prepare_next:
            self.prepare_next(cwd, environment)
        client = NotebookClient(
            notebook,
            km=kernel.manager,
            timeout=max(1, int(timeout) + 5),  # per cell; the whole case is bounded by the deadline below
            kernel_name=KERNEL_NAME,
            resources={"metadata": {"path": str(cwd)}},
            shutdown_kernel="immediate",
            record_timing=False,
        )
        client.kc = kernel.client
        try:
            # Not asyncio.wait_for: when the deadline cancels a running cell, nbclient may raise
            # DeadKernelError on its way out, and wait_for would report that instead of the timeout.
            task = asyncio.ensure_future(_run_cells(client))
            done, _ = await asyncio.wait({task}, timeout=max(0.0, deadline - self.loop.time()))
            if not done:
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
                return Execution(client.nb, timed_out.reason)
            task.result()
            return Execution(client.nb)
        except CellTimeoutError:
            return Execution(client.nb, timed_out.reason)
        except DeadKernelError:
            return Execution(client.nb, t("reason.dead_kernel", lang))
        except CellExecutionError as error:
            return Execution(client.nb, t("reason.error", lang, detail=_short(_error_line(error))))
        except Exception as error:
            return Execution(
                client.nb, t("reason.worker", lang, detail=_short(f"{type(error).__name__}: {error}"))
            )
        finally:
            await kernel.stop()

    def close(self) -> None:
        """Stop the spare kernel, close the event loop, remove the sockets' folder."""
        if self.loop.is_closed():
            return
        if self.spare is not None:
            self.loop.run_until_complete(self._discard(self.spare))
            self.spare = None
        self.loop.close()
        shutil.rmtree(self.sockets, ignore_errors=True)


async def _run_cells(client: Any) -> None:
    """Execute every cell with the client's kernel (nbclient's ``async_execute`` without starting one)."""
    async with client.async_setup_kernel():
        info = await client.async_wait_for_reply(client.kc.kernel_info())
        if info is not None and "language_info" in info["content"]:
            client.nb.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(client.nb.cells):
            await client.async_execute_cell(cell, index, execution_count=client.code_cells_executed + 1)


def execute_notebook(notebook: Any, *, timeout: float, cwd: Path, lang: str = DEFAULT_LANG) -> Execution:
    """Run every cell of ``notebook`` in a fresh kernel, ``timeout`` seconds in all (no spare kernel)."""
    kernels = Kernels(warm_up_code=None)
    try:
        return kernels.run(notebook, timeout=timeout, cwd=cwd, lang=lang)
    finally:
        kernels.close()


def _error_line(error: Any) -> str:
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    if ename:
        return f"{ename}: {evalue}"
    return str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def index_entry(notebook: Any) -> dict[str, Any] | None:
    """The index entry the report's provenance cell left in its output metadata (None if absent)."""
    from commons_analysis.reporting.report import METADATA_KEY

    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            found = output.get("metadata", {}).get(METADATA_KEY)
            if isinstance(found, Mapping) and "index" in found:
                return json.loads(json.dumps(found["index"]))
    return None


def _exporter() -> Any:
    """The nbconvert HTML exporter (built once per process: loading templates is not free)."""
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter

        _EXPORTER = HTMLExporter(
            template_name="basic",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
    return _EXPORTER


_EXPORTER: Any = None


def notebook_to_html(notebook: Any, *, title: str, lang: str = DEFAULT_LANG) -> str:
    """The executed notebook as a report page: outputs only, no stderr, no cells tagged ``remove_cell``."""
    from commons_analysis.reporting.report import page

    shown = copy.deepcopy(notebook)
    cells = []
    for cell in shown.cells:
        if REMOVE_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.get("cell_type") == "code":
            cell["outputs"] = [
                output
                for output in cell.get("outputs", [])
                if not (output.get("output_type") == "stream" and output.get("name") == "stderr")
            ]
        cells.append(cell)
    shown.cells = cells
    body, _ = _exporter().from_notebook_node(shown)
    return page(title, body, lang)


# ---------------------------------------------------------------------------
# The batch
# ---------------------------------------------------------------------------


def plan_jobs(
    cases: Sequence[str],
    *,
    all_cases: bool,
    data_dir: Path,
    notebook: Path,
    lang: str,
    min_cell: int,
    seed: int,
    timeout: float,
) -> tuple[list[RenderJob], list[RenderResult]]:
    """The jobs to run, and the failures known before running (a case argument that names no folder)."""
    from commons_analysis.core.errors import CaseError
    from commons_analysis.ingest.loading import case_folders, resolve_case

    data_dir = Path(data_dir).resolve()
    folders: list[tuple[str, Path]] = []
    failures: list[RenderResult] = []
    if all_cases:
        folders = [(folder.name, folder) for folder in case_folders(data_dir)]
    for argument in cases:
        try:
            folder = resolve_case(argument, data_dir)
        except CaseError as error:
            detail = "; ".join(str(p) for p in error.problems)
            failures.append(RenderResult(argument, False, t("reason.invalid", lang, detail=_short(detail))))
            continue
        if not folder.is_dir():
            failures.append(RenderResult(argument, False, t("reason.missing", lang, detail=str(folder))))
            continue
        folders.append((folder.name, folder))
    seen: set[str] = set()
    jobs = []
    for case_id, folder in folders:
        if case_id in seen:
            continue
        seen.add(case_id)
        jobs.append(
            RenderJob(
                case_id=case_id,
                case_path=str(folder.resolve()),
                data_dir=str(folder.resolve().parent),
                notebook=str(Path(notebook).resolve()),
                lang=lang,
                min_cell=min_cell,
                seed=seed,
                timeout=timeout,
            )
        )
    return jobs, failures


def _pool_context() -> Any:
    """Processes forked from a clean server process that has imported what jobs need."""
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not Linux
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        ["commons_analysis.batch.render", "nbclient", "nbconvert", "papermill.parameterize"]
    )
    return context


def run_in_processes(
    jobs: Sequence[RenderJob], workers: int, on_result: Callable[[RenderResult], None]
) -> None:
    """Run ``jobs`` in ``workers`` worker processes; a worker that dies costs its cases one retry."""
    attempts: Counter[str] = Counter()
    remaining = list(jobs)
    while remaining:
        batch, remaining = remaining, []
        count = max(1, min(workers, len(batch)))
        # Each worker boots a spare kernel for its next case, except during the last cases.
        batch = [dataclasses.replace(job, prepare_next=i < len(batch) - count) for i, job in enumerate(batch)]
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=count, mp_context=_pool_context(), initializer=warm_up
        ) as pool:
            futures = {pool.submit(render_job, job): job for job in batch}
            for future in concurrent.futures.as_completed(futures):
                job = futures[future]
                try:
                    result = future.result()
                except concurrent.futures.process.BrokenProcessPool:
                    attempts[job.case_id] += 1
                    if attempts[job.case_id] < 2:
                        remaining.append(job)
                        continue
                    result = RenderResult(
                        job.case_id, False, t("reason.worker", job.lang, detail="worker died")
                    )
                except Exception as error:
                    detail = _short(f"{type(error).__name__}: {error}")
                    result = RenderResult(job.case_id, False, t("reason.worker", job.lang, detail=detail))
                on_result(result)


def run_on_dask(jobs: Sequence[RenderJob], address: str, on_result: Callable[[RenderResult], None]) -> None:
    """Submit ``jobs`` to the Dask distributed scheduler at ``address``; results come back here."""
    from distributed import Client, as_completed

    with Client(address) as client:
        futures = {
            client.submit(render_job, job, pure=False, key=f"render-{job.case_id}-{os.getpid()}-{i}"): job
            for i, job in enumerate(jobs)
        }
        for future in as_completed(list(futures)):
            job = futures[future]
            try:
                result = future.result()
            except Exception as error:
                detail = _short(f"{type(error).__name__}: {error}")
                result = RenderResult(job.case_id, False, t("reason.worker", job.lang, detail=detail))
            on_result(result)


def write_result(result: RenderResult, out: Path) -> None:
    """Write a case's files atomically; on failure remove its old report, keep the partial notebook."""
    stem = out / result.case_id
    if result.ok and result.html is not None:
        atomic_write_text(stem.with_suffix(".ipynb"), result.notebook or "")
        atomic_write_text(
            out / f"{result.case_id}.json", json.dumps(result.entry, ensure_ascii=False, indent=1)
        )
        atomic_write_text(stem.with_suffix(".html"), result.html)
        with contextlib.suppress(FileNotFoundError):
            (out / f"{result.case_id}.failed.ipynb").unlink()
        return
    for name in (f"{result.case_id}.html", f"{result.case_id}.json", f"{result.case_id}.ipynb"):
        with contextlib.suppress(FileNotFoundError):
            (out / name).unlink()
    if result.notebook:
        atomic_write_text(out / f"{result.case_id}.failed.ipynb", result.notebook)


def write_plotly_js(out: Path) -> Path:
    """Write plotly.js once into the report folder (every report loads it from there, offline)."""
    from plotly.offline import get_plotlyjs

    from commons_analysis.reporting.report import PLOTLY_JS

    target = out / PLOTLY_JS
    data = get_plotlyjs().encode("utf-8")
    if not target.is_file() or target.stat().st_size != len(data) or target.read_bytes() != data:
        atomic_write_bytes(target, data)
    return target


def index_html(out: Path, failures: Iterable[RenderResult], lang: str = DEFAULT_LANG) -> str:
    """The index page: every report of the folder (its ``<id>.json``) with headline figures, then failures."""
    from commons_analysis.reporting.compare import INDEX_HEADLINES, format_indicator
    from commons_analysis.reporting.report import page
    from commons_analysis.reporting.text import indicator_label

    entries = []
    for sidecar in sorted(out.glob("*.json")):
        report = sidecar.with_suffix(".html")
        if not report.is_file():
            continue
        try:
            entry = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(entry, dict):
            entries.append((report.name, entry))
    esc = html.escape
    header = [
        t("column.case", lang),
        t("column.place", lang),
        t("column.period", lang),
        t("column.data_status", lang),
    ]
    header += [indicator_label(key, lang) for key in INDEX_HEADLINES]
    head = "".join(f"<th>{esc(name)}</th>" for name in header[:4])
    head += "".join(f'<th class="num">{esc(name)}</th>' for name in header[4:])
    rows = []
    for file_name, entry in entries:
        titles = entry.get("title") or {}
        title = titles.get(lang) or titles.get("fr") or titles.get("en") or entry.get("case_id") or file_name
        period = entry.get("period") or [None, None]
        period_text = " – ".join(str(p)[:4] for p in period if p) or "—"
        status = entry.get("data_status")
        status_text = (
            t("index.illustrative", lang) if status == "illustrative" else t("index.documented", lang)
        )
        headlines = entry.get("headlines") or {}
        cells = [
            f'<td><a href="{esc(quote(file_name))}">{esc(str(title))}</a>'
            f'<br><small>{esc(str(entry.get("case_id", "")))}</small></td>',
            f"<td>{esc(str(entry.get('place') or '—'))}</td>",
            f"<td>{esc(period_text)}</td>",
            f'<td><span class="ca-status">{esc(status_text)}</span></td>' if status == "illustrative"
            else f"<td>{esc(status_text)}</td>",
        ]  # fmt: skip
        cells += [
            f'<td class="num">{esc(format_indicator(key, headlines.get(key), lang))}</td>'
            for key in INDEX_HEADLINES
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    body = [
        f'<h1 class="ca-title">{esc(t("index.title", lang))}</h1>',
        f"<p>{esc(t('index.intro', lang))}</p>",
    ]
    if rows:
        table_body = "".join(rows)
        body.append(f'<table class="ca-table ca-index"><thead><tr>{head}</tr></thead>')
        body.append(f"<tbody>{table_body}</tbody></table>")
    else:
        body.append(f'<p class="ca-note">{esc(t("index.empty", lang))}</p>')
    failed = sorted(failures, key=lambda r: r.case_id)
    if failed:
        items = "".join(f"<tr><td>{esc(r.case_id)}</td><td>{esc(r.reason or '')}</td></tr>" for r in failed)
        body.append(
            f'<h2>{esc(t("index.failed", lang))}</h2><table class="ca-table ca-failed"><thead><tr>'
            f"<th>{esc(t('column.case', lang))}</th><th>{esc(t('column.reason', lang))}</th></tr></thead>"
            f"<tbody>{items}</tbody></table>"
        )
    return page(t("index.title", lang), "\n".join(body), lang, plotly_js=None)


def render_cases(
    cases: Sequence[str] = (),
    *,
    all_cases: bool = False,
    data_dir: Path | str = DEFAULT_DATA_DIR,
    out: Path | str = Path("reports"),
    lang: str = DEFAULT_LANG,
    jobs: int | None = None,
    timeout: float = 600.0,
    scheduler: str | None = None,
    min_cell: int = MIN_CELL,
    seed: int = 0,
    notebook: Path | str | None = None,
    progress: bool | None = None,
) -> RenderSummary:
    """Render cases to ``out`` (see the module docstring); the Python face of ``commons-analysis render``."""
    from tqdm import tqdm

    t("report.title", lang)  # an unknown language fails here, not in every worker
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)
    notebook = Path(notebook) if notebook is not None else default_notebook()
    if not notebook.is_file():
        raise FileNotFoundError(f"report notebook not found: {notebook}")
    planned, failures = plan_jobs(
        list(cases), all_cases=all_cases, data_dir=Path(data_dir), notebook=notebook, lang=lang,
        min_cell=min_cell, seed=seed, timeout=timeout,
    )  # fmt: skip
    summary = RenderSummary(results=list(failures))
    write_plotly_js(out)
    bar = tqdm(total=len(planned), desc=t("render.progress", lang), unit="case", disable=progress is False
               or (progress is None and not sys.stderr.isatty()), file=sys.stderr)  # fmt: skip

    def on_result(result: RenderResult) -> None:
        write_result(result, out)
        summary.results.append(result)
        bar.set_postfix_str(result.case_id, refresh=False)
        bar.update(1)

    try:
        if planned:
            if scheduler:
                run_on_dask(planned, scheduler, on_result)
            else:
                run_in_processes(planned, jobs or os.cpu_count() or 1, on_result)
    finally:
        bar.close()
        summary.results.sort(key=lambda r: r.case_id)
        summary.index = atomic_write_text(out / "index.html", index_html(out, summary.failed, lang))
    return summary


__all__ = [
    "RenderJob",
    "RenderResult",
    "RenderSummary",
    "atomic_write_bytes",
    "atomic_write_text",
    "execute_notebook",
    "index_html",
    "inject_parameters",
    "notebook_to_html",
    "render_cases",
    "render_job",
]
