"""Command-line arguments and options shared by several commands (one definition each).

The commands of :mod:`commons_analysis.cli.main` annotate their parameters with
these, so that ``--data-dir``, ``--min-cell`` or ``--lang`` mean the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from commons_analysis.core.errors import Problem
from commons_analysis.core.messages import resolve_language, say
from commons_analysis.core.settings import MAX_DRAWS, MAX_TIMEOUT, draws_problem, timeout_problem


class Language(StrEnum):
    """Languages of the messages and of the reports."""

    fr = "fr"
    en = "en"


CaseArguments = Annotated[list[str] | None, typer.Argument(help="Case ids or folders.", show_default=False)]
AllCases = Annotated[bool, typer.Option("--all", help="Every case under --data-dir.")]
DataDir = Annotated[Path, typer.Option("--data-dir", help="Folder holding one folder per case.")]
MinCell = Annotated[
    int, typer.Option("--min-cell", min=1, help="Group counts below K are suppressed (never printed).")
]
Seed = Annotated[
    int,
    typer.Option(
        "--seed", min=0, help="Seed of layouts, sampled betweenness, permutations and bootstrap resamples."
    ),
]


def _bounded_draws(option: str) -> Any:
    """A callback that refuses a number of draws out of bounds (:mod:`commons_analysis.core.settings`)."""

    def check(value: int) -> int:
        problem = draws_problem(option, value)
        if problem is not None:
            raise typer.BadParameter(problem.text(resolve_language(None)))
        return value

    return check


def _bounded_timeout(value: float) -> float:
    """Refuse a timeout that is not finite, or out of bounds (:mod:`commons_analysis.core.settings`)."""
    problem = timeout_problem(value)
    if problem is not None:
        raise typer.BadParameter(problem.text(resolve_language(None)))
    return value


Permutations = Annotated[
    int,
    typer.Option(
        "--permutations",
        callback=_bounded_draws("--permutations"),
        help="Shufflings of the sectors that test the E-I index and the assortativity (0: no test; "
        f"at most {MAX_DRAWS:,}).",
    ),
]
Bootstrap = Annotated[
    int,
    typer.Option(
        "--bootstrap",
        callback=_bounded_draws("--bootstrap"),
        help="Resamples of the participants for the 95 % intervals of the Gini, the top 10 % share, "
        f"the repeat share and the inclusion shares (0: no interval; at most {MAX_DRAWS:,}).",
    ),
]
Timeout = Annotated[
    float,
    typer.Option(
        "--timeout",
        callback=_bounded_timeout,
        help="Seconds allowed per case, its loading included (finite, 1 to "
        f"{MAX_TIMEOUT:,.0f}); with --scheduler, also the longest wait for the scheduler "
        "(10 s at most) and for a worker (60 s at most).",
    ),
]
Lang = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        help="Language of the messages (fr or en; default: LC_ALL, LC_MESSAGES or LANG starting with "
        "'fr' gives French, else English). For render, also the language of the reports (default fr).",
        show_default=False,
    ),
]


def echo(lang: str, key: str, *, err: bool = False, **values: Any) -> None:
    """Print the message ``key`` of :mod:`commons_analysis.core.messages` in ``lang``."""
    typer.echo(say(key, **values).text(lang), err=err)


def echo_problems(problems: Iterable[Problem], lang: str) -> None:
    """Print each problem on stderr in ``lang``, one a line: ``PATH:LINE: column 'COL': message``."""
    for problem in problems:
        typer.echo(problem.text(lang), err=True)


def case_arguments(cases: list[str] | None, all_cases: bool, data_dir: Path, lang: str = "en") -> list[str]:
    """The cases a command names, as given (``--all``: every case folder under ``data_dir``).

    They are resolved one by one by the command, so that one bad name does not
    hide the other cases.
    """
    from commons_analysis.core.errors import CaseError, Problem, display_path
    from commons_analysis.ingest.loading import case_folders

    if all_cases:
        found = case_folders(data_dir)
        if not found:
            raise CaseError(
                [Problem.of(display_path(data_dir), None, None, say("ingest.case.no_case_folder"))]
            )
        return [str(folder) for folder in found]
    if not cases:
        echo(lang, "cli.error", err=True, detail=say("cli.no_case"))
        raise typer.Exit(2)
    return cases
