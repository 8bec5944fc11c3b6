"""The kernels that execute report notebooks: one fresh kernel per notebook, the next one warm.

Each notebook runs in a kernel of its own, used for it only and stopped right
after with an immediate shutdown (the default, polite shutdown stalls about
3 s once in 10–20 runs). What a worker keeps warm between notebooks is a
*spare* kernel, started while a notebook runs and given :data:`WARM_UP_CODE`
to import, so that the next notebook skips the kernel start-up and the
imports (about 2.5 s of 3.3 s for a bundled case). Kernels talk over Unix
sockets of their own (``ipc`` transport), not TCP ports, so that kernels
started at the same moment cannot race for a port; a kernel that dies before
answering (it happens when many start at once) is started once more.

Once the last cell has run, the kernel can be asked for values (``collect``:
name → Python expression, evaluated silently as Jupyter ``user_expressions``,
nothing added to the notebook): the report's index entry comes back so
(:attr:`Execution.values`), as a value, not through the notebook's metadata.

Every wait is bounded: the start-up by :data:`STARTUP_TIMEOUT`, a notebook by
the ``timeout`` it is given, in all. A failure is an :class:`Execution` with
its reason in every language (timeout, dead kernel, error in a cell), never an exception.

Kernels run with ``PYTHONHASHSEED=0`` (reports do not differ by set order)
and with the report's display routing set to HTML only
(:func:`kernel_environment`): inside a kernel plotly would otherwise pick its
``plotly_mimetype`` renderer, which the HTML conversion drops.

Example
-------
>>> environment = kernel_environment()
>>> environment["PYTHONHASHSEED"], environment["COMMONS_ANALYSIS_OUTPUT"]
('0', 'html')
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commons_analysis.batch.results import reasons, seconds_text, shorten

#: The kernel every notebook runs in (``make`` installs it into the virtual environment with --sys-prefix).
KERNEL_NAME = "python3"
#: Kernels that die before answering are started once more (it happens when many start at once).
KERNEL_START_ATTEMPTS = 2
#: Seconds a kernel may take to answer once started, and to run :data:`WARM_UP_CODE`.
STARTUP_TIMEOUT = 60.0
#: Imported in each spare kernel while the previous notebook runs, so that the next finds them loaded.
WARM_UP_CODE = "import " + ", ".join(
    f"commons_analysis.{module}"
    for module in (
        "reporting.case_report", "analysis.indicators", "analysis.network", "analysis.participation",
        "analysis.inclusion", "analysis.decisions", "analysis.assessment", "publishing.privacy",
        "publishing.provenance",
    )
)  # fmt: skip


@dataclass
class Execution:
    """An executed notebook and, when it failed, the reason in every language (language → text).

    ``values``: what the kernel gave for each expression it was asked to ``collect``
    after the last cell (the text of its value: a string expression gives the string);
    an expression that raised is left out. ``error_name``: the exception's class name
    when a cell raised (``CaseError`` for a case that does not load).
    """

    notebook: Any
    reasons: dict[str, str] | None = None
    values: dict[str, str] = field(default_factory=dict)
    error_name: str | None = None


def kernel_environment() -> dict[str, str]:
    """The environment of a rendering kernel: figures as text/html only, a fixed hash seed."""
    from commons_analysis.reporting.blocks import OUTPUT_ENV

    environment = dict(os.environ)
    environment[OUTPUT_ENV] = "html"
    environment["PYTHONHASHSEED"] = "0"
    return environment


#: Process ids of the kernels this process started and has not stopped: each leads a process
#: group of its own (jupyter_client starts kernels in new sessions), killed whole when the
#: worker must end at once (:mod:`commons_analysis.batch.lifetime`).
RUNNING_KERNELS: set[int] = set()


@dataclass
class Kernel:
    """A started kernel and its client."""

    manager: Any
    client: Any
    pid: int | None = None

    def started(self) -> None:
        """Note the kernel's process among :data:`RUNNING_KERNELS`."""
        pid = getattr(getattr(self.manager, "provisioner", None), "pid", None)
        if isinstance(pid, int):
            self.pid = pid
            RUNNING_KERNELS.add(pid)

    async def stop(self) -> None:
        """Stop the kernel at once and remove its sockets, whatever state it is in."""
        if self.pid is not None:
            RUNNING_KERNELS.discard(self.pid)
        with contextlib.suppress(Exception):
            self.client.stop_channels()
        with contextlib.suppress(Exception):
            if self.manager.has_kernel:
                await self.manager.shutdown_kernel(now=True)
        with contextlib.suppress(Exception):
            await self.manager.cleanup_resources()


class Kernels:
    """The kernels of one worker: a fresh kernel per notebook, the next one booting while one runs.

    ``warm_up_code`` is what a spare kernel imports; None keeps no spare kernel.
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
            kernel.started()
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
        """The spare kernel when it suits this notebook, else a new one (a failed start is tried again)."""
        spare, self.spare = self.spare, None
        if spare is not None:
            if self.spare_key == _kernel_key(cwd, environment):
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
        """Start booting the spare kernel of the next notebook (it progresses while this one runs)."""
        if self.warm_up_code is None or self.spare is not None:
            return
        self.spare_key = _kernel_key(cwd, environment)
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
        prepare_next: bool = False,
        named_timeout: float | None = None,
        collect: Mapping[str, str] | None = None,
    ) -> Execution:
        """Run every cell of ``notebook`` in a fresh kernel, ``timeout`` seconds in all; classify failures.

        ``named_timeout``: the timeout a timed-out run names (default ``timeout``; the whole job's
        when ``timeout`` is what its loading left). ``collect``: name → expression evaluated in the
        kernel after the last cell (:attr:`Execution.values`), within the same ``timeout``.
        """
        named = timeout if named_timeout is None else named_timeout
        run = self._run(notebook, timeout, cwd, prepare_next, named, dict(collect or {}))
        return self.loop.run_until_complete(run)

    async def _run(
        self,
        notebook: Any,
        timeout: float,
        cwd: Path,
        prepare_next: bool,
        named: float,
        collect: dict[str, str],
    ) -> Execution:
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        environment = kernel_environment()
        deadline = self.loop.time() + timeout
        timed_out = Execution(notebook, reasons("reporting.reason.timeout", seconds=seconds_text(named)))
        try:
            kernel = await asyncio.wait_for(self.acquire(cwd, environment), timeout=timeout)
        except TimeoutError:
            return timed_out
        except Exception as error:
            detail = shorten(f"{type(error).__name__}: {error}")
            return Execution(notebook, reasons("reporting.reason.kernel_start", detail=detail))
        if prepare_next:
            self.prepare_next(cwd, environment)
        client = NotebookClient(
            notebook,
            km=kernel.manager,
            timeout=max(1, int(timeout) + 5),  # per cell; the whole notebook is bounded by the deadline below
            kernel_name=KERNEL_NAME,
            resources={"metadata": {"path": str(cwd)}},
            shutdown_kernel="immediate",
            record_timing=False,
        )
        client.kc = kernel.client
        try:
            # Not asyncio.wait_for: when the deadline cancels a running cell, nbclient may raise
            # DeadKernelError on its way out, and wait_for would report that instead of the timeout.
            values: dict[str, str] = {}
            task = asyncio.ensure_future(_run_cells(client, collect, values))
            done, _ = await asyncio.wait({task}, timeout=max(0.0, deadline - self.loop.time()))
            if not done:
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
                return Execution(client.nb, timed_out.reasons)
            task.result()
            return Execution(client.nb, values=values)
        except CellTimeoutError:
            return Execution(client.nb, timed_out.reasons)
        except DeadKernelError:
            return Execution(client.nb, reasons("reporting.reason.dead_kernel"))
        except CellExecutionError as error:
            said = reasons("reporting.reason.error", detail=shorten(_error_line(error)))
            return Execution(client.nb, said, error_name=getattr(error, "ename", None))
        except Exception as error:
            detail = shorten(f"{type(error).__name__}: {error}")
            return Execution(client.nb, reasons("reporting.reason.worker", detail=detail))
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


def _kernel_key(cwd: Path, environment: Mapping[str, str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """What a spare kernel must have been started with to run a notebook: its folder and environment."""
    return str(cwd), tuple(sorted(environment.items()))


async def _run_cells(client: Any, collect: Mapping[str, str], values: dict[str, str]) -> None:
    """Execute every cell with the client's kernel (nbclient's ``async_execute`` without starting one).

    Then evaluate the ``collect`` expressions silently (no output, no execution count: the
    notebook is left as the cells made it) and put the text of each value into ``values``.
    """
    async with client.async_setup_kernel():
        info = await client.async_wait_for_reply(client.kc.kernel_info())
        if info is not None and "language_info" in info["content"]:
            client.nb.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(client.nb.cells):
            await client.async_execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
        if collect:
            msg_id = client.kc.execute("", silent=True, store_history=False, user_expressions=dict(collect))
            reply = await client.async_wait_for_reply(msg_id)
            found = (reply or {}).get("content", {}).get("user_expressions", {})
            for name, value in found.items():
                if value.get("status") == "ok":
                    values[name] = _literal(value.get("data", {}).get("text/plain", ""))


def _literal(text: str) -> str:
    """The value a kernel shows as ``text``: a string's own text, else ``text`` as shown.

    >>> _literal("'{\\"a\\": 1}'"), _literal("42")
    ('{"a": 1}', '42')
    """
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def execute_notebook(
    notebook: Any,
    *,
    timeout: float,
    cwd: Path,
    named_timeout: float | None = None,
    collect: Mapping[str, str] | None = None,
) -> Execution:
    """Run every cell of ``notebook`` in a fresh kernel, ``timeout`` seconds in all (no spare kernel)."""
    kernels = Kernels(warm_up_code=None)
    try:
        return kernels.run(notebook, timeout=timeout, cwd=cwd, named_timeout=named_timeout, collect=collect)
    finally:
        kernels.close()


def _error_line(error: Any) -> str:
    """The last line of a cell's error: ``ename: evalue`` when nbclient gives them."""
    ename, evalue = getattr(error, "ename", None), getattr(error, "evalue", None)
    if ename:
        return f"{ename}: {evalue}"
    return str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__


__all__ = [
    "KERNEL_NAME",
    "RUNNING_KERNELS",
    "WARM_UP_CODE",
    "Execution",
    "Kernel",
    "Kernels",
    "execute_notebook",
    "kernel_environment",
]
