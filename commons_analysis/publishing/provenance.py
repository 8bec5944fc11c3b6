"""Provenance of a report or an export: what produced it, from which files, with which parameters, when.

A published figure must be traceable to the code and data it came from. The
footer of every report gives the package version, the git commit of the code
(when the package runs from a git checkout, with a flag for uncommitted
changes), the software that computed and drew it (Python and the versions of
:data:`PACKAGES`, read from the installed distributions' metadata) and the
SHA-256 of the lock file that pinned them, the SHA-256 of every data file the
case was read from, the parameters of the rendering, and the render date
(UTC). Everything but the render date is a function of the inputs, so two
renderings of the same inputs, on two machines installed from the same lock
file, differ only there.

No path of the machine is recorded: data files are named relative to the case
folder, and a path parameter (``data_dir``) relative to its project, the
nearest folder above it holding a ``pyproject.toml`` (:func:`project_path`); a
folder outside any project is named by its own name alone.

Reference: The Turing Way Community, *The Turing Way: a handbook for
reproducible data science*, chapter "Reproducible environments" (2022).

Example
-------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "actors.csv").write_bytes(b"abc")
>>> sha256_file(folder / "actors.csv")
'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
>>> _ = (folder / "pyproject.toml").write_text("")
>>> (folder / "data" / "cases").mkdir(parents=True)
>>> project_path(folder / "data" / "cases"), project_path(pathlib.Path("/"))
('data/cases', '/')
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import os
import platform
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commons_analysis.core.version import __version__

_CHUNK = 1 << 20

#: The distributions that compute or draw what a report shows, as named in ``pyproject.toml``.
PACKAGES = (
    "pandas",
    "numpy",
    "scipy",
    "networkx",
    "igraph",
    "plotly",
    "pydantic",
    "pyyaml",
    "openpyxl",
    "frictionless",
    "papermill",
    "nbclient",
    "nbformat",
    "nbconvert",
    "jinja2",
    "ipykernel",
)
#: Lock files, in order of preference: the first found at the project's root is recorded.
LOCK_FILES = ("uv.lock", "pylock.toml", "requirements.lock", "requirements.txt")
#: What marks a project's root folder.
PROJECT_MARKER = "pyproject.toml"
#: Parameters that name a folder or a file: recorded relative to their project (:func:`project_path`).
PATH_PARAMETERS = ("data_dir", "out", "notebook")


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


def project_root(path: Path | str) -> Path | None:
    """The nearest folder at or above ``path`` that holds a ``pyproject.toml`` (None outside any project)."""
    resolved = Path(path).resolve()
    for folder in (resolved, *resolved.parents):
        if (folder / PROJECT_MARKER).is_file():
            return folder
    return None


def project_path(path: Path | str) -> str:
    """``path`` as the same on every machine: relative to its project root, in POSIX form.

    A path outside any project is named by its last part only (the folder's name):
    what lies above it is the machine's, not the project's. The project root itself is ``.``.
    """
    resolved = Path(path).resolve()
    root = project_root(resolved)
    if root is None:
        return resolved.name or resolved.as_posix()
    return resolved.relative_to(root).as_posix()


def portable_parameters(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters with every path made machine-independent (:func:`project_path`).

    A path is a :class:`~pathlib.Path`, a parameter of :data:`PATH_PARAMETERS`, or any absolute
    path written as text: no absolute path of a machine is ever recorded.
    """
    portable = {}
    for key, value in parameters.items():
        is_path = isinstance(value, os.PathLike) or (
            isinstance(value, str) and (key in PATH_PARAMETERS or os.path.isabs(value))
        )
        portable[key] = project_path(value) if is_path else value
    return portable


def package_versions(names: Iterable[str] = PACKAGES) -> tuple[tuple[str, str | None], ...]:
    """(distribution, installed version, or None when not installed) for each name, in order.

    Read from the distributions' metadata (:mod:`importlib.metadata`): nothing is imported.

    >>> dict(package_versions(["pyyaml", "no-such-distribution"]))["no-such-distribution"] is None
    True
    """
    versions: list[tuple[str, str | None]] = []
    for name in names:
        try:
            versions.append((name, importlib.metadata.version(name)))
        except importlib.metadata.PackageNotFoundError:
            versions.append((name, None))
    return tuple(versions)


def lock_file(root: Path | None = None) -> tuple[str, str] | None:
    """(name relative to the project root, SHA-256) of the project's lock file; None without one.

    ``root`` defaults to the project of the running code (the checkout the package was installed
    from, editable as ``make`` and ``environment.yml`` install it); see :data:`LOCK_FILES`.
    """
    root = root if root is not None else project_root(Path(__file__).resolve().parent)
    if root is None:
        return None
    candidates = [root / name for name in LOCK_FILES]
    candidates += sorted(root.glob("requirements*.txt"))
    found = next((path for path in candidates if path.is_file()), None)
    return None if found is None else (found.relative_to(root).as_posix(), sha256_file(found))


@dataclass(frozen=True)
class Software:
    """The software that computed and drew a result: Python, :data:`PACKAGES`, the lock file."""

    python: str
    packages: tuple[tuple[str, str | None], ...]
    #: (lock file relative to the project root, its SHA-256), or None when there is no lock file.
    lock: tuple[str, str] | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (``lock`` is null without a lock file)."""
        return {
            "python": self.python,
            "packages": dict(self.packages),
            "lock": None if self.lock is None else {"path": self.lock[0], "sha256": self.lock[1]},
        }


def software(root: Path | None = None) -> Software:
    """The running software (see :class:`Software`; ``root``: the project whose lock file counts)."""
    return Software(platform.python_version(), package_versions(), lock_file(root))


@dataclass(frozen=True)
class Provenance:
    """What produced a report (see the module docstring)."""

    version: str
    commit: str | None
    dirty: bool
    files: tuple[tuple[str, str], ...]  #: (path relative to the case folder, SHA-256)
    parameters: Mapping[str, Any] = field(default_factory=dict)
    rendered_at: str = ""  #: ISO 8601, UTC, to the second
    software: Software | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "version": self.version,
            "commit": self.commit,
            "dirty": self.dirty,
            **(self.software.as_dict() if self.software else {"python": None, "packages": {}, "lock": None}),
            "files": [{"path": path, "sha256": digest} for path, digest in self.files],
            "parameters": dict(self.parameters),
            "rendered_at": self.rendered_at,
        }

    def software_rows(self) -> list[tuple[str, str | None]]:
        """(software, version) rows as the report shows them: Python first, then :data:`PACKAGES`."""
        if self.software is None:
            return []
        return [("python", self.software.python), *self.software.packages]


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
    """The provenance of a report on ``case`` (a :class:`~.case.Case`) rendered with ``parameters``.

    Paths among the parameters are recorded relative to their project (:func:`portable_parameters`).
    """
    commit, dirty = git_commit()
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    return Provenance(
        version=__version__,
        commit=commit,
        dirty=dirty,
        files=data_files(case.files, case.path),
        parameters=portable_parameters(parameters),
        rendered_at=moment.isoformat().replace("+00:00", "Z"),
        software=software(),
    )


def export_record(case: Any) -> dict[str, Any]:
    """What an export records of its making: :func:`collect` without parameters nor date (JSON-ready).

    An export of the same case by the same software is then the same, byte for byte.
    """
    record = collect(case, {}).as_dict()
    return {key: value for key, value in record.items() if key not in ("parameters", "rendered_at")}


__all__ = [
    "LOCK_FILES",
    "PACKAGES",
    "Provenance",
    "Software",
    "collect",
    "data_files",
    "export_record",
    "git_commit",
    "lock_file",
    "package_versions",
    "portable_parameters",
    "project_path",
    "project_root",
    "sha256_file",
    "software",
]
