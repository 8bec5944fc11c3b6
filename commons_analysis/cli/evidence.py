"""Commands of evidence (issue 16): ``agreement``, ``import-coding``, ``export-coding``.

Registered on the one ``app`` of :mod:`commons_analysis.cli.main`; they only wire package functions.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from commons_analysis.analysis.agreement import AGREEMENT_BOOTSTRAP
from commons_analysis.cli.main import app, friendly_errors
from commons_analysis.cli.options import DataDir, Lang, Seed, echo
from commons_analysis.core.defaults import DEFAULT_DATA_DIR
from commons_analysis.core.errors import CaseError, Problem, display_path, quote
from commons_analysis.core.messages import resolve_language, say


class Level(StrEnum):
    nominal = "nominal"
    ordinal = "ordinal"
    interval = "interval"
    ratio = "ratio"


class Format(StrEnum):
    json = "json"
    table = "table"


@app.command("agreement")
@friendly_errors
def agreement_command(
    file: Annotated[
        Path, typer.Argument(metavar="FILE.csv", help="A table with columns unit, coder, value.")
    ],
    level: Annotated[
        Level, typer.Option("--level", help="nominal, ordinal, interval or ratio.")
    ] = Level.nominal,
    output_format: Annotated[Format, typer.Option("--format", help="json or table.")] = Format.json,
    bootstrap: Annotated[
        int, typer.Option("--bootstrap", min=0, help="Resamples of units for the 95 % interval (0: none).")
    ] = AGREEMENT_BOOTSTRAP,
    seed: Seed = 0,
    lang: Lang = None,
) -> None:
    """Krippendorff's alpha of a coding table, with its 95 % bootstrap interval."""
    from commons_analysis.analysis.agreement import agreement
    from commons_analysis.ingest.coding_table import read_coding_table

    table = read_coding_table(file, level.value)  # its problems: in --lang, by friendly_errors
    result = agreement(table, level.value, bootstrap=bootstrap, seed=seed)
    result["ci95"] = None if result["ci95"] is None else list(result["ci95"])
    if output_format is Format.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for key, value in result.items():
        shown = "null" if value is None else f"{value:.4g}" if isinstance(value, float) else str(value)
        if isinstance(value, list):
            shown = "[" + ", ".join(f"{v:.4g}" for v in value) + "]"
        typer.echo(f"{key:<7}  {shown}")


@app.command("import-coding")
@friendly_errors
def import_coding_command(
    case: Annotated[str, typer.Argument(help="Case id or folder to add the codings to.")],
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="Taguette project (.sqlite3) or highlights (.csv), REFI-QDA (.qdpx) or codebook (.qdc)",
        ),
    ],
    coder: Annotated[
        str | None,
        typer.Option("--coder", help="Who coded (Taguette's exports do not say): a code, not a name."),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="Kind of the new sources: audition, interview, field_note, reading_note, "
            "document, deliberation.",
        ),
    ] = "document",
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: Lang = None,
) -> None:
    """Add the sources and codings of a QDA tool's file to a case (appends; never rewrites your rows).

    A codebook (.qdc) adds nothing: its codes are printed as the ``codes:`` block to paste in case.yaml.
    """
    from commons_analysis.ingest.loading import resolve_case
    from commons_analysis.model.schema.aliases import ENUM_ALIASES, fold
    from commons_analysis.sources.qda import add_to_case, read_coding_file, read_qdc
    from commons_analysis.sources.qda.merge import undeclared_yaml

    language = resolve_language(lang)
    folder = resolve_case(case, data_dir)
    if file.suffix.lower() == ".qdc":
        codes = read_qdc(file)
        typer.echo(undeclared_yaml(sorted(codes), codes))
        return
    canonical = ENUM_ALIASES["source_kind"].get(fold(kind))
    if canonical is None:
        expected = say(
            "ingest.validation.one_of", values=tuple(dict.fromkeys(ENUM_ALIASES["source_kind"].values()))
        )
        problem = say("ingest.validation.not_a", value=quote(kind), expected=expected)
        raise CaseError([Problem.of("--kind", None, None, problem)])
    coded = read_coding_file(file, coder, canonical)
    sources, codings = add_to_case(folder, coded)
    echo(
        language,
        "cli.import_coding.done",
        case=folder.name,
        sources=sources,
        codings=codings,
        path=display_path(file),
    )


@app.command("export-coding")
@friendly_errors
def export_coding_command(
    case: Annotated[str, typer.Argument(help="Case id or folder.")],
    out: Annotated[
        Path,
        typer.Argument(metavar="OUT.qdpx", help="The REFI-QDA project to write (OUT.qdc: the codebook)."),
    ],
    data_dir: DataDir = DEFAULT_DATA_DIR,
    lang: Lang = None,
) -> None:
    """Write a case's coded texts as a REFI-QDA project (.qdpx), or its codebook (.qdc), for QDA tools."""
    from commons_analysis.ingest.evidence import read_source_text
    from commons_analysis.ingest.loading import load_case, resolve_case
    from commons_analysis.sources.qda import write_qdpx

    language = resolve_language(lang)
    loaded = load_case(resolve_case(case, data_dir))
    assert loaded.path is not None
    texts = {
        str(row.source_id): read_source_text(loaded.path / str(row.file), str(row.file))
        for row in loaded.sources.dropna(subset=["file"]).itertuples(index=False)
    }
    if out.suffix.lower() == ".qdc":  # the codebook alone, to code with it in another tool
        from commons_analysis.core.files import atomic_write_bytes
        from commons_analysis.sources.qda.refi import codebook_xml

        atomic_write_bytes(out, codebook_xml(loaded, language))
    else:
        write_qdpx(loaded, texts, out, language)
    echo(language, "cli.export_coding.done", path=display_path(out))
