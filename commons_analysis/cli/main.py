"""The ``commons-analysis`` command line: it only wires package functions (docs/design.md §Command line).

Every problem in a user's files is printed as ``PATH:LINE: column 'COL':
message`` on stderr; no traceback ever reaches the user. Every command takes
``--lang fr|en``; without it, messages follow the environment (``LC_ALL``,
``LC_MESSAGES``, ``LANG``), else English (:mod:`commons_analysis.core.messages`).
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

from commons_analysis.analysis.uncertainty import BOOTSTRAP, PERMUTATIONS
from commons_analysis.batch.jobs import PAGE_TIMEOUT
from commons_analysis.batch.render import REPORTS_DIR
from commons_analysis.batch.results import RenderSummary
from commons_analysis.cli.options import (
    AllCases,
    Bootstrap,
    CaseArguments,
    DataDir,
    Lang,
    MinCell,
    Permutations,
    Seed,
    Timeout,
    case_arguments,
    echo,
    echo_problems,
)
from commons_analysis.cli.usage import LocalizedGroup
from commons_analysis.core.defaults import DEFAULT_DATA_DIR, DEFAULT_LANG, MIN_CELL
from commons_analysis.core.errors import CaseError, display_path
from commons_analysis.core.messages import LANGS, resolve_language, say
from commons_analysis.core.settings import RenderSettings, SettingsError

app = typer.Typer(
    name="commons-analysis",
    help="Actor networks and participation indicators for research on commons and democracy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=LocalizedGroup,
)

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(command: F) -> F:
    """Turn any error into a message on stderr and exit status 1 (2 for a bug of ours).

    Messages are in the command's ``--lang`` when it names one language, else the environment's language.
    """

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given = kwargs.get("lang")
        lang = resolve_language(given if given in LANGS else None)  # render --lang fr,en names two
        try:
            return command(*args, **kwargs)
        except CaseError as error:
            echo_problems(error.problems, lang)
            raise typer.Exit(1) from None
        except SettingsError as error:  # an option out of bounds, given through the Python face
            echo(lang, "cli.error", err=True, detail=error.said)
            raise typer.Exit(2) from None
        except OSError as error:  # files, folders, a scheduler out of reach: the user's to fix
            echo(lang, "cli.error", err=True, detail=error)
            raise typer.Exit(1) from None
        except (typer.Exit, typer.BadParameter):
            raise
        except Exception as error:  # a bug: say so plainly, without a traceback
            echo(lang, "cli.internal_error", err=True, kind=type(error).__name__, detail=error)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def summary_line(case: Any, lang: str = "en") -> str:
    """One line that says what a valid case holds."""
    counts = {table: len(case.table(table)) for table in ("actors", "relations", "events", "decisions")}
    return say("cli.validate.ok", case=case.id, records=len(case.table("participation")), **counts).text(lang)


@app.command()
@friendly_errors
def validate(
    cases: CaseArguments = None,
    all_cases: AllCases = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: Lang = None,
) -> None:
    """Check cases against every rule; print every problem at once. Exit 1 if any case is invalid."""
    from commons_analysis.ingest.loading import load_case, resolve_case

    language = resolve_language(lang)
    failed = 0
    for argument in case_arguments(cases or [], all_cases, data_dir, language):
        try:
            typer.echo(summary_line(load_case(resolve_case(argument, data_dir)), language))
        except CaseError as error:
            failed += 1
            echo_problems(error.problems, language)
            name = Path(argument).name[:64] or argument[:64]
            echo(language, "cli.validate.invalid", err=True, case=name, count=len(error.problems))
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
    permutations: Permutations = PERMUTATIONS,
    bootstrap: Bootstrap = BOOTSTRAP,
    seed: Seed = 0,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: Lang = None,
) -> None:
    """Print the indicators of a case (docs/design.md §Indicators)."""
    from commons_analysis.analysis.indicators import compute_indicators, flatten
    from commons_analysis.ingest.loading import load_case, resolve_case

    language = resolve_language(lang)
    loaded = load_case(resolve_case(case, data_dir))
    if table is not None:
        if table != "actors":
            echo(language, "cli.error", err=True, detail=say("cli.indicators.table"))
            raise typer.Exit(2)
        from commons_analysis.analysis.network import actor_table
        from commons_analysis.publishing.privacy import display_case

        frame = actor_table(display_case(loaded), seed=seed)
        sources = frame.attrs.get("betweenness_sources")
        if sources:
            echo(language, "cli.indicators.sampled", err=True, sources=sources)
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    result = compute_indicators(
        loaded, min_cell=min_cell, permutations=permutations, bootstrap=bootstrap, seed=seed
    )
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        from commons_analysis.reporting.text import format_indicator

        rows = flatten(result)
        width = max(len(key) for key in rows)
        for key, value in rows.items():  # written as the reports write them: 14 701 ; 0,015 ; −0,85
            typer.echo(f"{key:<{width}}  {format_indicator(key, value, language)}")


@app.command("new-case")
@friendly_errors
def new_case_command(
    case_id: Annotated[str, typer.Argument(metavar="ID", help="The new case id, e.g. lyon-tiers-lieu.")],
    xlsx: Annotated[
        bool, typer.Option("--xlsx", help="One case.xlsx workbook instead of CSV files.")
    ] = False,
    evidence: Annotated[
        bool, typer.Option("--evidence", help="Also sources and codings (auditions, readings) and texts/.")
    ] = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: Lang = None,
) -> None:
    """Create a ready-to-fill case folder with templates (never overwrites)."""
    from commons_analysis.ingest.templates import new_case

    folder = new_case(case_id, data_dir, xlsx=xlsx, evidence=evidence)
    echo(resolve_language(lang), "cli.new_case.created", path=display_path(folder), case=case_id)


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
    lang: Lang = None,
) -> None:
    """Publish a case as a Frictionless Data Package (persons pseudonymized unless show_names)."""
    from commons_analysis.ingest.loading import load_case, resolve_case
    from commons_analysis.publishing.export import export_datapackage

    descriptor = export_datapackage(
        load_case(resolve_case(case, data_dir)), datapackage, keep_person_groups=keep_person_groups
    )
    echo(resolve_language(lang), "cli.export.wrote", path=display_path(descriptor))


def report_languages(text: str | None) -> tuple[str, ...] | None:
    """The languages of ``render --lang``: ``fr``, ``en``, ``fr,en`` or ``all`` (None when not given)."""
    from commons_analysis.batch.languages import parse_languages

    if text is None:
        return None
    try:
        return parse_languages(text)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


RenderLangs = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Languages of the reports: fr, en, fr,en or all (default fr), each into OUT/<lang>/ with "
        "OUT/index.html listing them. With one language, also that of the messages (else LC_ALL, "
        "LC_MESSAGES or LANG starting with 'fr' gives French, else English).",
        show_default=False,
    ),
]


@app.command("render")
@friendly_errors
def render_command(
    cases: CaseArguments = None,
    all_cases: AllCases = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    out: Annotated[Path, typer.Option("--out", help="Folder of the reports.")] = REPORTS_DIR,
    lang: RenderLangs = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", min=1, help="Worker processes (default: the number of cores).")
    ] = None,
    timeout: Timeout = PAGE_TIMEOUT,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Address of a Dask distributed scheduler.")
    ] = None,
    min_cell: MinCell = MIN_CELL,
    permutations: Permutations = PERMUTATIONS,
    bootstrap: Bootstrap = BOOTSTRAP,
    seed: Seed = 0,
    notebook: Annotated[
        Path | None, typer.Option("--notebook", help="Report notebook to execute.", hidden=True)
    ] = None,
    comparison_notebook: Annotated[
        Path | None,
        typer.Option("--comparison-notebook", help="Comparison notebook to execute.", hidden=True),
    ] = None,
) -> None:
    """Render one HTML report per case into reports/<lang>/ with its index.html (with --all, its
    comparison.html too), for each language of --lang, and reports/index.html listing the languages.

    Exit 1 if any case, or the comparison, failed. What is printed (progress,
    failures, summary) is in the language of the messages; the reports are in
    French unless --lang says.
    """
    from commons_analysis.batch.render import render_languages
    from commons_analysis.reporting.text import t

    langs = report_languages(lang) or (DEFAULT_LANG,)
    # The messages: in the one language asked for, else in the environment's.
    language = resolve_language(lang if lang is not None and len(langs) == 1 else None)
    if not cases and not all_cases:
        typer.echo(t("batch.render.no_case", language), err=True)
        raise typer.Exit(2)
    settings = RenderSettings(
        data_dir=data_dir, jobs=jobs, timeout=timeout, min_cell=min_cell, seed=seed,
        permutations=permutations, bootstrap=bootstrap,
    )  # fmt: skip  # built once, carried by every job into the notebooks and their provenance
    summaries = render_languages(
        cases or [], langs=langs, out=out, settings=settings, all_cases=all_cases, scheduler=scheduler,
        notebook=notebook, comparison_notebook=comparison_notebook, message_lang=language,
    )  # fmt: skip
    failed = [not summary.ok for summary in summaries.values()]
    for report_lang, summary in summaries.items():
        _say_summary(summary, out / report_lang, language)
    if len(summaries) > 1:
        typer.echo(t("batch.render.index", language, path=out / "index.html"))
    if any(failed):
        raise typer.Exit(1)


def _say_summary(summary: RenderSummary, out: Path, language: str) -> None:
    """Print what one language's batch rendered and where, and its failures on stderr."""
    from commons_analysis.reporting.text import number, t

    rendered = len(summary.results) - len(summary.failed)
    counts = {"ok": number(rendered, language), "failed": number(len(summary.failed), language)}
    typer.echo(t("batch.render.summary", language, **counts))
    for result in summary.failed:
        reason = result.reason_in(language)
        typer.echo(t("batch.render.failure", language, case=result.case_id, reason=reason), err=True)
    comparison = summary.comparison
    if comparison is not None and comparison.ok:
        typer.echo(t("batch.render.comparison", language, path=out / f"{comparison.case_id}.html"))
    elif comparison is not None:
        title = t("reporting.comparison.title", language)
        reason = comparison.reason_in(language)
        typer.echo(t("batch.render.failure", language, case=title, reason=reason), err=True)
    if summary.index is not None:
        typer.echo(t("batch.render.index", language, path=summary.index))


class CompareFormat(StrEnum):
    """Output formats of ``compare``."""

    csv = "csv"
    json = "json"
    table = "table"


def fixed_width_table(rows: list[list[str]]) -> str:
    """``rows`` as text columns: the first left-aligned, the others right-aligned, two spaces apart.

    >>> print(fixed_width_table([["", "brest"], ["network.actors", "72"], ["place", "Brest"]]))
                    brest
    network.actors     72
    place           Brest
    """
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]

    def line(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        return "  ".join(cells).rstrip()

    return "\n".join(line(row) for row in rows)


def comparison_table(rows: list[dict[str, Any]], lang: str) -> str:
    """The ``compare`` rows as a table to read: one line per indicator, one column per case.

    Values are written as the reports write them (percentages, a dash when undefined).
    """
    from commons_analysis.reporting.text import UNDEFINED, format_indicator

    if not rows:
        return ""
    header = [["", *(str(row["case_id"]) for row in rows)]]
    facts = [[key, *(str(row.get(key) or UNDEFINED) for row in rows)] for key in ("place", "data_status")]
    keys = [key for key in rows[0] if key not in {"case_id", "title_fr", "title_en", "place", "data_status"}]
    figures = [[key, *(format_indicator(key, row.get(key), lang) for row in rows)] for key in keys]
    return fixed_width_table(header + facts + figures) + "\n"


@app.command("compare")
@friendly_errors
def compare_command(
    cases: CaseArguments = None,
    all_cases: AllCases = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    output_format: Annotated[
        CompareFormat,
        typer.Option("--format", help="csv, json, or table (one line per indicator, one column per case)."),
    ] = CompareFormat.csv,
    min_cell: MinCell = MIN_CELL,
    permutations: Permutations = PERMUTATIONS,
    bootstrap: Bootstrap = BOOTSTRAP,
    seed: Seed = 0,
    lang: Lang = None,
) -> None:
    """One row per case with the headline indicators of each perspective, as CSV, JSON or a table on stdout.

    Invalid cases are reported on stderr (every problem) and left out; exit 1 if any.
    """
    from commons_analysis.ingest.loading import load_case, resolve_case
    from commons_analysis.reporting.compare import comparison_rows, write_rows

    language = resolve_language(lang)
    loaded, failed = [], False
    for argument in case_arguments(cases, all_cases, data_dir, language):
        try:
            loaded.append(load_case(resolve_case(argument, data_dir)))
        except CaseError as error:
            failed = True
            echo_problems(error.problems, language)
    rows = comparison_rows(
        loaded, min_cell=min_cell, permutations=permutations, bootstrap=bootstrap, seed=seed
    )
    buffer = io.StringIO()
    if output_format is CompareFormat.table:
        buffer.write(comparison_table(rows, language))
    else:
        write_rows(rows, output_format.value, buffer)
    sys.stdout.write(buffer.getvalue())
    if failed:
        raise typer.Exit(1)


@app.command("import")
@friendly_errors
def import_command(
    source: Annotated[
        str, typer.Argument(help="Kind of records: debian-vote, python-governance or pabulib.")
    ],
    raw_dir: Annotated[Path, typer.Argument(metavar="RAW_DIR", help="Folder of the public records.")],
    case_id: Annotated[
        str | None, typer.Option("--case", help="Id of the new case (default: the source's usual id).")
    ] = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: Lang = None,
) -> None:
    """Build a valid case folder from public records (never overwrites an existing case)."""
    from commons_analysis.sources import SOURCES, import_case

    language = resolve_language(lang)
    if source not in SOURCES:
        unknown = say("cli.import.unknown_source", source=repr(source), sources=sorted(SOURCES))
        echo(language, "cli.error", err=True, detail=unknown)
        raise typer.Exit(2)
    folder, summary = import_case(source, raw_dir, case_id, data_dir)
    for line in summary:  # what the import found, matched and assumed
        typer.echo(line.text(language))
    echo(language, "cli.import.created", path=display_path(folder), case=folder.name)


# The commands of evidence (agreement, import-coding, export-coding) register themselves on ``app``.
import commons_analysis.cli.evidence  # noqa: E402, F401


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover - python -m commons_analysis.cli.main
    app()
