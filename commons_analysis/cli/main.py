"""The ``commons-analysis`` command line: it only wires package functions (DESIGN.md, "Command line").

Every problem in a user's files is printed as ``PATH:LINE: column 'COL':
message`` on stderr; no traceback ever reaches the user.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from commons_analysis.cli.options import (
    AllCases,
    CaseArguments,
    DataDir,
    MinCell,
    Seed,
    case_arguments,
)
from commons_analysis.core.defaults import DEFAULT_DATA_DIR, MIN_CELL
from commons_analysis.core.errors import CaseError, display_path

app = typer.Typer(
    name="commons-analysis",
    help="Actor networks and participation indicators for research on commons and democracy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(command: F) -> F:
    """Turn any error into a message on stderr and exit status 1 (2 for a bug of ours)."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CaseError as error:
            for problem in error.problems:
                typer.echo(str(problem), err=True)
            raise typer.Exit(1) from None
        except OSError as error:  # files, folders, a scheduler out of reach: the user's to fix
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(1) from None
        except typer.Exit:
            raise
        except Exception as error:  # a bug: say so plainly, without a traceback
            typer.echo(
                f"internal error ({type(error).__name__}): {error}\n"
                "Please report it with the command you ran.",
                err=True,
            )
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def summary_line(case: Any) -> str:
    """One line that says what a valid case holds."""
    counts = ", ".join(
        f"{len(case.table(t)):,} {t}" for t in ("actors", "relations", "events", "participation", "decisions")
    )
    return f"ok {case.id}: {counts}"


@app.command()
@friendly_errors
def validate(
    cases: CaseArguments = None,
    all_cases: AllCases = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Check cases against every rule; print every problem at once. Exit 1 if any case is invalid."""
    from commons_analysis.ingest.loading import load_case, resolve_case

    failed = 0
    for argument in case_arguments(cases or [], all_cases, data_dir):
        try:
            typer.echo(summary_line(load_case(resolve_case(argument, data_dir))))
        except CaseError as error:
            failed += 1
            for problem in error.problems:
                typer.echo(str(problem), err=True)
            name = Path(argument).name[:64] or argument[:64]
            typer.echo(f"invalid {name}: {len(error.problems)} problem(s)", err=True)
    if failed:
        raise typer.Exit(1)


class OutputFormat(StrEnum):
    json = "json"
    table = "table"


@app.command()
@friendly_errors
def indicators(
    case: Annotated[str, typer.Argument(help="Case id or folder.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="json or table.")
    ] = OutputFormat.json,
    min_cell: MinCell = MIN_CELL,
    table: Annotated[
        str | None, typer.Option("--table", help="Write a per-item table as CSV instead: 'actors'.")
    ] = None,
    seed: Seed = 0,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Print the indicators of a case (DESIGN.md, "Indicators")."""
    from commons_analysis.analysis.indicators import compute_indicators, flatten
    from commons_analysis.ingest.loading import load_case, resolve_case

    loaded = load_case(resolve_case(case, data_dir))
    if table is not None:
        if table != "actors":
            typer.echo("error: --table takes 'actors'", err=True)
            raise typer.Exit(2)
        from commons_analysis.analysis.network import actor_table
        from commons_analysis.publishing.privacy import display_case

        frame = actor_table(display_case(loaded), seed=seed)
        sources = frame.attrs.get("betweenness_sources")
        if sources:
            typer.echo(f"note: betweenness is an estimate from {sources} sampled sources", err=True)
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    result = compute_indicators(loaded, min_cell=min_cell, seed=seed)
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        rows = flatten(result)
        width = max(len(key) for key in rows)
        for key, value in rows.items():
            shown = "null" if value is None else f"{value:.4g}" if isinstance(value, float) else value
            typer.echo(f"{key:<{width}}  {shown}")


@app.command("new-case")
@friendly_errors
def new_case_command(
    case_id: Annotated[str, typer.Argument(metavar="ID", help="The new case id, e.g. lyon-tiers-lieu.")],
    xlsx: Annotated[
        bool, typer.Option("--xlsx", help="One case.xlsx workbook instead of CSV files.")
    ] = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Create a ready-to-fill case folder with templates (never overwrites)."""
    from commons_analysis.ingest.templates import new_case

    folder = new_case(case_id, data_dir, xlsx=xlsx)
    typer.echo(
        f"created {display_path(folder)}: fill case.yaml and the tables, then run "
        f"`commons-analysis validate {case_id}`"
    )


@app.command()
@friendly_errors
def export(
    case: Annotated[str, typer.Argument(help="Case id or folder.")],
    datapackage: Annotated[Path, typer.Option("--datapackage", help="Output folder of the Data Package.")],
    keep_person_groups: Annotated[
        bool,
        typer.Option(
            "--keep-person-groups",
            help="Publish each person's inclusion tags (they let small groups be counted).",
        ),
    ] = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Publish a case as a Frictionless Data Package (persons pseudonymized unless show_names)."""
    from commons_analysis.ingest.loading import load_case, resolve_case
    from commons_analysis.publishing.export import export_datapackage

    descriptor = export_datapackage(
        load_case(resolve_case(case, data_dir)), datapackage, keep_person_groups=keep_person_groups
    )
    typer.echo(f"wrote {display_path(descriptor)}")


class Lang(StrEnum):
    """Languages of the reports."""

    fr = "fr"
    en = "en"


@app.command("render")
@friendly_errors
def render_command(
    cases: CaseArguments = None,
    all_cases: AllCases = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    out: Annotated[Path, typer.Option("--out", help="Folder of the reports.")] = Path("reports"),
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the reports.")] = Lang.fr,
    jobs: Annotated[
        int | None, typer.Option("--jobs", min=1, help="Worker processes (default: the number of cores).")
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Seconds allowed per case.")] = 600.0,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Address of a Dask distributed scheduler.")
    ] = None,
    min_cell: MinCell = MIN_CELL,
    seed: Seed = 0,
    notebook: Annotated[
        Path | None, typer.Option("--notebook", help="Report notebook to execute.", hidden=True)
    ] = None,
) -> None:
    """Render one HTML report per case, and reports/index.html; exit 1 if any case failed."""
    from commons_analysis.batch.render import render_cases
    from commons_analysis.reporting.text import t

    language = lang.value
    if not cases and not all_cases:
        typer.echo(t("render.no_case", language), err=True)
        raise typer.Exit(2)
    summary = render_cases(
        cases or [], all_cases=all_cases, data_dir=data_dir, out=out, lang=language, jobs=jobs,
        timeout=timeout, scheduler=scheduler, min_cell=min_cell, seed=seed, notebook=notebook,
    )  # fmt: skip
    rendered = len(summary.results) - len(summary.failed)
    typer.echo(t("render.summary", language, ok=rendered, failed=len(summary.failed)))
    for result in summary.failed:
        typer.echo(t("render.failure", language, case=result.case_id, reason=result.reason), err=True)
    if summary.index is not None:
        typer.echo(t("render.index", language, path=summary.index))
    if summary.failed:
        raise typer.Exit(1)


class CompareFormat(StrEnum):
    """Output formats of ``compare``."""

    csv = "csv"
    json = "json"


@app.command("compare")
@friendly_errors
def compare_command(
    cases: CaseArguments = None,
    all_cases: AllCases = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    output_format: Annotated[
        CompareFormat, typer.Option("--format", help="csv or json.")
    ] = CompareFormat.csv,
    min_cell: MinCell = MIN_CELL,
    seed: Seed = 0,
) -> None:
    """One row per case with the headline indicators of each perspective, as CSV or JSON on stdout.

    Invalid cases are reported on stderr (every problem) and left out; exit 1 if any.
    """
    from commons_analysis.ingest.loading import load_case, resolve_case
    from commons_analysis.reporting.compare import comparison_rows, write_rows

    loaded, failed = [], False
    for argument in case_arguments(cases, all_cases, data_dir):
        try:
            loaded.append(load_case(resolve_case(argument, data_dir)))
        except CaseError as error:
            failed = True
            for problem in error.problems:
                typer.echo(str(problem), err=True)
    rows = comparison_rows(loaded, min_cell=min_cell, seed=seed)
    buffer = io.StringIO()
    write_rows(rows, output_format.value, buffer)
    sys.stdout.write(buffer.getvalue())
    if failed:
        raise typer.Exit(1)


@app.command("import")
@friendly_errors
def import_command(
    source: Annotated[str, typer.Argument(help="Kind of records: debian-vote or python-governance.")],
    raw_dir: Annotated[Path, typer.Argument(metavar="RAW_DIR", help="Folder of the public records.")],
    case_id: Annotated[
        str | None, typer.Option("--case", help="Id of the new case (default: the source's usual id).")
    ] = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Build a valid case folder from public records (never overwrites an existing case)."""
    from commons_analysis.sources import SOURCES, import_case

    if source not in SOURCES:
        typer.echo(
            f"error: unknown source {source!r}; the sources are: {', '.join(sorted(SOURCES))}", err=True
        )
        raise typer.Exit(2)
    folder, summary = import_case(source, raw_dir, case_id, data_dir)
    if summary:
        typer.echo(summary)
    typer.echo(f"created {display_path(folder)}: check it with `commons-analysis validate {folder.name}`")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover - python -m commons_analysis.cli.main
    app()
