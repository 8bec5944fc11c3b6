"""Provenance of a report: what produced it, from which files, with which parameters, when.

A published figure must be traceable to the code and data it came from. The
footer of every report gives the package version, the git commit of the code
(when the package runs from a git checkout, with a flag for uncommitted
changes), the SHA-256 of every data file the case was read from, the
parameters of the rendering, and the render date (UTC). Everything but the
render date is a function of the inputs, so two renderings of the same inputs
differ only there.

Example
-------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "actors.csv").write_bytes(b"abc")
>>> sha256_file(folder / "actors.csv")
'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commons_analysis.core.version import __version__

_CHUNK = 1 << 20


def sha256_file(path: Path | str) -> str:
    """Hex SHA-256 of a file's bytes (read in 1 MiB chunks, so large tables are fine)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def git_commit(folder: Path | str | None = None) -> tuple[str | None, bool]:
    """(commit, has uncommitted changes) of the git checkout holding ``folder``; (None, False) outside git.

    ``folder`` defaults to the package's own folder: the commit is that of the
    code that computed the figures. Untracked files do not count as changes.
    """
    where = Path(folder) if folder is not None else Path(__file__).resolve().parent
    try:
        commit = subprocess.run(
            ["git", "-C", str(where), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        changes = subprocess.run(
            ["git", "-C", str(where), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None, False
    return (commit or None), bool(changes)


@dataclass(frozen=True)
class Provenance:
    """What produced a report (see the module docstring)."""

    version: str
    commit: str | None
    dirty: bool
    files: tuple[tuple[str, str], ...]  #: (path relative to the case folder, SHA-256)
    parameters: Mapping[str, Any] = field(default_factory=dict)
    rendered_at: str = ""  #: ISO 8601, UTC, to the second

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "version": self.version,
            "commit": self.commit,
            "dirty": self.dirty,
            "files": [{"path": path, "sha256": digest} for path, digest in self.files],
            "parameters": dict(self.parameters),
            "rendered_at": self.rendered_at,
        }


def data_files(files: Iterable[Path], folder: Path | None) -> tuple[tuple[str, str], ...]:
    """(name relative to ``folder``, SHA-256) of each file, sorted by name."""
    rows = []
    for path in files:
        path = Path(path)
        try:
            name = path.resolve().relative_to(folder.resolve()).as_posix() if folder else path.name
        except ValueError:
            name = path.name
        rows.append((name, sha256_file(path)))
    return tuple(sorted(rows))


def collect(case: Any, parameters: Mapping[str, Any], now: dt.datetime | None = None) -> Provenance:
    """The provenance of a report on ``case`` (a :class:`~.case.Case`) rendered with ``parameters``."""
    commit, dirty = git_commit()
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    return Provenance(
        version=__version__,
        commit=commit,
        dirty=dirty,
        files=data_files(case.files, case.path),
        parameters=dict(parameters),
        rendered_at=moment.isoformat().replace("+00:00", "Z"),
    )


__all__ = ["Provenance", "collect", "data_files", "git_commit", "sha256_file"]
