"""Command-line arguments and options shared by several commands (one definition each).

The commands of :mod:`commons_analysis.cli.main` annotate their parameters with
these, so that ``--data-dir`` or ``--min-cell`` mean the same everywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

CaseArguments = Annotated[list[str] | None, typer.Argument(help="Case ids or folders.", show_default=False)]
AllCases = Annotated[bool, typer.Option("--all", help="Every case under --data-dir.")]
DataDir = Annotated[Path, typer.Option("--data-dir", help="Folder holding one folder per case.")]
MinCell = Annotated[
    int, typer.Option("--min-cell", min=1, help="Group counts below K are suppressed (never printed).")
]
Seed = Annotated[int, typer.Option("--seed", help="Seed of layouts and of sampled betweenness.")]


def case_arguments(cases: list[str] | None, all_cases: bool, data_dir: Path) -> list[str]:
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
                [Problem(display_path(data_dir), None, None, "no case folder (with a case.yaml) here")]
            )
        return [str(folder) for folder in found]
    if not cases:
        typer.echo("error: name at least one CASE, or use --all", err=True)
        raise typer.Exit(2)
    return cases
