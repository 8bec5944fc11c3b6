"""Worker processes and their kernels end with the command that started them.

A worker forked from the ``forkserver`` is the forkserver's child, not the
command's: when the command is killed (``kill -9``, a closed terminal), nothing
would tell the worker, which then waits for jobs for ever, its kernels with it
(issue 19: 2.6 GB of orphans after 8 minutes). So each worker

- watches the command's process (:func:`watch_parent`): a thread that wakes
  when it ends (a ``pidfd`` on Linux ≥ 5.3, else a check every second) and
  ends the worker, after killing the process groups of its kernels;
- asks the kernel to end it when its own parent dies (``PR_SET_PDEATHSIG``
  through ``prctl``, Linux only: :func:`die_with_parent`);
- ends the same way on SIGTERM and SIGINT (:func:`end_on_signals`).

Kernels also end themselves when their worker dies (ipykernel polls its parent,
``JPY_PARENT_PID``); killing their process groups first makes it immediate.

Example
-------
>>> import os
>>> alive(os.getpid()), alive(2**22 + 1)
(True, False)
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import select
import signal
import sys
import threading
from collections.abc import Callable

#: Seconds between two checks that the parent is alive, where no pidfd can wait for it.
PARENT_CHECK_SECONDS = 1.0
#: ``prctl`` option: the signal the kernel sends this process when its parent ends (linux/prctl.h).
PR_SET_PDEATHSIG = 1
#: The exit status of a worker ended because its command ended.
ORPHAN_EXIT = 143


def alive(pid: int) -> bool:
    """True while process ``pid`` exists (a zombie counts as ended for its children's sake)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def die_with_parent(sig: int = signal.SIGTERM) -> bool:
    """Ask Linux to send ``sig`` to this process when its parent ends; False where it cannot."""
    if not sys.platform.startswith("linux"):  # pragma: no cover - Linux only
        return False
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)) == 0
    return False  # pragma: no cover


def _wait_for_end(pid: int) -> None:
    """Return once process ``pid`` has ended."""
    opener = getattr(os, "pidfd_open", None)
    if opener is not None:
        try:
            descriptor = opener(pid)
        except OSError:
            descriptor = None
        if descriptor is not None:
            try:
                select.select([descriptor], [], [])
                return
            finally:
                os.close(descriptor)
    while alive(pid):  # pragma: no cover - without pidfd
        threading.Event().wait(PARENT_CHECK_SECONDS)


def watch_parent(pid: int, on_end: Callable[[], None]) -> threading.Thread:
    """Run ``on_end`` (then leave with :data:`ORPHAN_EXIT`) once process ``pid`` ends; a daemon thread."""

    def watch() -> None:
        _wait_for_end(pid)
        with contextlib.suppress(Exception):
            on_end()
        os._exit(ORPHAN_EXIT)

    thread = threading.Thread(target=watch, name="commons-analysis-parent-watch", daemon=True)
    thread.start()
    return thread


def end_on_signals(on_end: Callable[[], None]) -> None:
    """On SIGTERM or SIGINT, run ``on_end`` and leave at once (main thread only)."""

    def handler(signum: int, _frame: object) -> None:
        with contextlib.suppress(Exception):
            on_end()
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def kill_groups(leaders: set[int]) -> None:
    """SIGKILL the process groups of ``leaders`` (kernels run in sessions of their own)."""
    for leader in list(leaders):
        with contextlib.suppress(OSError):
            os.killpg(leader, signal.SIGKILL)


__all__ = [
    "ORPHAN_EXIT",
    "PARENT_CHECK_SECONDS",
    "alive",
    "die_with_parent",
    "end_on_signals",
    "kill_groups",
    "watch_parent",
]
