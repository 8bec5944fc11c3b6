"""Paths as the pages show them: relative to the project, never a path of the machine.

Reports, the comparison and the index are published; the reasons they give
for a case left out name files (``data/cases/x/actors.csv:3: …``). Such a
path is written relative to its project root (the folder holding
``pyproject.toml``, as the provenance footer does:
:func:`~commons_analysis.publishing.provenance.project_root`); a path outside
any project relative to the parent of the data folder it was found in
(``cases/x/actors.csv``), else by its name alone.

Example
-------
>>> import pathlib, tempfile
>>> outside = pathlib.Path(tempfile.mkdtemp()) / "cases"
>>> shown_path(outside / "x" / "actors.csv", outside), shown_path(outside / "x")
('cases/x/actors.csv', 'x')
>>> from commons_analysis.core.errors import Problem
>>> str(shown_problem(Problem(str(outside / "x" / "actors.csv"), 3, "sector", "unknown"), outside))
"cases/x/actors.csv:3: column 'sector': unknown"
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from commons_analysis.core.errors import Problem


def shown_path(path: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None = None) -> str:
    """``path`` relative to its project, else to the parent of ``data_dir``, else its name (POSIX form).

    A relative ``path`` is taken from the working directory, as the process that made it did.
    """
    from commons_analysis.publishing.provenance import project_root

    resolved = Path(path).resolve()
    bases = [project_root(resolved)]
    if data_dir is not None:
        bases.append(Path(data_dir).resolve().parent)
    for base in bases:
        if base is not None and resolved.is_relative_to(base):
            return resolved.relative_to(base).as_posix() or "."
    return resolved.name or resolved.as_posix()


def shown_problem(problem: Problem, data_dir: str | os.PathLike[str] | None = None) -> Problem:
    """``problem`` with its file named by :func:`shown_path` (its message in every language kept)."""
    if not problem.path:
        return problem
    return dataclasses.replace(problem, path=shown_path(problem.path, data_dir))


__all__ = ["shown_path", "shown_problem"]
