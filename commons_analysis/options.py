"""Command-line arguments and options shared by several commands (one definition each).

``cli.py``, ``render.py`` and ``compare.py`` annotate their parameters with
these, so that ``--data-dir`` or ``--min-cell`` mean the same everywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DEFAULT_DATA_DIR = Path("data/cases")

CaseArguments = Annotated[list[str] | None, typer.Argument(help="Case ids or folders.", show_default=False)]
AllCases = Annotated[bool, typer.Option("--all", help="Every case under --data-dir.")]
DataDir = Annotated[Path, typer.Option("--data-dir", help="Folder holding one folder per case.")]
MinCell = Annotated[
    int, typer.Option("--min-cell", min=1, help="Group counts below K are suppressed (never printed).")
]
Seed = Annotated[int, typer.Option("--seed", help="Seed of layouts and of sampled betweenness.")]
