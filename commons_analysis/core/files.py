"""Writing files and folders whole: built beside their destination, then renamed into place.

A crash or a kill never leaves half a file or half a folder where the user
expects a whole one (readers see the old one or the new one), and nothing the
user wrote is replaced unless the caller says it may be. Temporary files and
folders are named ``.NAME.….tmp``, beside their destination.

Example
-------
>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out"
>>> with staged_folder(target) as staging:
...     _ = (staging / "a.txt").write_text("a")
>>> sorted(p.name for p in target.iterdir())
['a.txt']
>>> atomic_write_text(target / "b.txt", "done").read_text()
'done'
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from uuid import uuid4

#: Temporary files older than this many seconds are leftovers of a killed run, to remove.
STALE_TEMP_SECONDS = 3600
_TEMP_SUFFIX = ".tmp"


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def staged_folder(target: Path, *, replace: bool = False) -> Iterator[Path]:
    """Yield an empty folder beside ``target``; on success it becomes ``target``.

    With ``replace``, an existing ``target`` is swapped out only once the new
    folder is complete. The folder gets the ordinary permissions of the
    user's umask (unlike :func:`tempfile.mkdtemp`, always 0700).
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.{uuid4().hex[:8]}.tmp")
    staging.mkdir(mode=0o777 & ~_current_umask())
    try:
        yield staging
        if target.exists():
            if not replace:
                raise FileExistsError(f"{target} already exists: nothing was changed")
            old = target.with_name(f".{target.name}.{uuid4().hex[:8]}.old")
            os.rename(target, old)
            os.rename(staging, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder, then :func:`os.replace`.

    Readers see the old file or the new one, never a part; the temporary file is
    removed if anything fails before the move (even an interrupt). The file gets
    mode 0644, as an ordinary file (:func:`tempfile.mkstemp` makes it 0600).

    >>> import tempfile, pathlib
    >>> atomic_write_bytes(pathlib.Path(tempfile.mkdtemp()) / "new" / "x.bin", b"abc").read_bytes()
    b'abc'
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
    """Write ``text`` (UTF-8) to ``path`` atomically (see :func:`atomic_write_bytes`).

    >>> import tempfile, pathlib
    >>> len(atomic_write_text(pathlib.Path(tempfile.mkdtemp()) / "x.txt", "été").read_bytes())
    5
    """
    return atomic_write_bytes(path, text.encode("utf-8"))


def remove_stale_temporaries(folder: Path, older_than: float = STALE_TEMP_SECONDS) -> None:
    """Remove the temporary files a killed run left in ``folder`` (``.*.tmp``, older than ``older_than`` s).

    Younger ones may belong to a run still going on, and are kept.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / ".report.html.x1.tmp").write_text("half")
    >>> remove_stale_temporaries(folder, older_than=0.0)
    >>> list(folder.iterdir())
    []
    """
    limit = time.time() - older_than
    for leftover in Path(folder).glob(f".*{_TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if leftover.is_file() and leftover.stat().st_mtime <= limit:
                leftover.unlink()
