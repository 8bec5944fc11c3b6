"""Writing folders whole: built beside their destination, then renamed into place.

A crash or a kill never leaves half a folder where the user expects a whole
one, and nothing the user wrote is replaced unless the caller says it may be.

Example
-------
>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out"
>>> with staged_folder(target) as staging:
...     _ = (staging / "a.txt").write_text("a")
>>> sorted(p.name for p in target.iterdir())
['a.txt']
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from uuid import uuid4


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
