"""Reading a file's bytes: regular files only, inside the case's folder, up to a size limit."""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import say

#: Largest file read by default: 200 MB, over ten times the largest case foreseen (the Warsaw
#: participatory budget's participation.csv, about 15 MB), far below what exhausts memory.
MAX_FILE_BYTES = 200 * 1024 * 1024


#: Environment variable that sets another limit, in megabytes (``COMMONS_ANALYSIS_MAX_FILE_MB=500``).
MAX_FILE_ENV = "COMMONS_ANALYSIS_MAX_FILE_MB"


def max_file_bytes(environment: dict[str, str] | None = None) -> int:
    """The largest file read, in bytes: :data:`MAX_FILE_ENV` (megabytes) if set, else :data:`MAX_FILE_BYTES`.

    >>> max_file_bytes({}), max_file_bytes({MAX_FILE_ENV: "15.5"})
    (209715200, 16252928)
    """
    value = (os.environ if environment is None else environment).get(MAX_FILE_ENV, "").strip()
    try:
        megabytes = float(value) if value else 0.0
    except ValueError:
        megabytes = 0.0
    if not math.isfinite(megabytes) or megabytes <= 0:
        return MAX_FILE_BYTES
    return int(megabytes * 1024 * 1024)


def _kind(mode: int) -> str:
    """What a file that is not a regular file is (named in the problem)."""
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"),
                       (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "folder")):  # fmt: skip
        if test(mode):
            return name
    return "special file"


def read_file_bytes(path: Path | str, where: str, *, inside: Path | str | None = None) -> bytes:
    """The bytes of a regular file, bounded; else :class:`CaseError` saying why (nothing of it echoed).

    Refused: what is not a regular file (a FIFO would block, ``/dev/zero``
    never ends), a file over :func:`max_file_bytes`, and, when ``inside`` is
    given, a file that resolves outside that folder (a symbolic link out of a
    case folder: its target is never read, so no line of it can be shown).
    Opened without blocking, and checked again once open (the file may have
    changed between the look and the opening).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("x")
    >>> read_file_bytes(folder / "a.csv", "a.csv", inside=folder)
    b'x'
    >>> try:
    ...     read_file_bytes("/dev/zero", "events.csv")
    ... except CaseError as error:
    ...     print(error.problems[0])
    events.csv: not a regular file (device): only regular files are read
    """
    path = Path(path)
    if inside is not None:
        folder = Path(inside).resolve()
        if not path.resolve().is_relative_to(folder):
            outside = say("ingest.reading.outside_folder", folder=folder.name)
            raise CaseError([Problem.of(where, None, None, outside)])
    limit = max_file_bytes()
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        unreadable = say("ingest.reading.unreadable", reason=error.strerror)
        raise CaseError([Problem.of(where, None, None, unreadable)]) from None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        mode, size = status.st_mode, status.st_size
        if not stat.S_ISREG(mode):
            raise CaseError(
                [Problem.of(where, None, None, say("ingest.reading.not_regular", kind=_kind(mode)))]
            )
        if size <= limit:
            data = stream.read(limit + 1)
            size = len(data)
    if size > limit:
        large = say("ingest.reading.too_large", size=size, limit=limit, variable=MAX_FILE_ENV)
        raise CaseError([Problem.of(where, None, None, large)])
    return data
