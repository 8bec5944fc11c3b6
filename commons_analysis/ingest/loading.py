"""Loading cases from disk: ``load_case(path) -> Case`` and ``load_cases(data_dir)``.

A case folder holds ``case.yaml`` and its tables, either as CSV files
(``actors.csv``…, French file names accepted) or as one ``case.xlsx`` with one
sheet per table. Every problem of every file is collected before anything is
returned: :class:`~commons_analysis.core.errors.CaseError` lists them all.

Example
-------
>>> from pathlib import Path
>>> case = load_case(Path("data/cases/naples-asilo-filangieri"))  # doctest: +SKIP
>>> case.actors.dtypes["sector"]  # doctest: +SKIP
CategoricalDtype(categories=['commons', 'public', 'sse', 'private', 'citizen', 'other'], ordered=False, ...)
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from commons_analysis.core.errors import CaseError, Problem, display_path
from commons_analysis.core.messages import Message, say
from commons_analysis.ingest.evidence import check_evidence, check_recommendations, complete_codings
from commons_analysis.ingest.reading.delimited import read_csv_file
from commons_analysis.ingest.reading.raw import RawTable
from commons_analysis.ingest.reading.workbook import read_xlsx_tables
from commons_analysis.ingest.reading.yaml_file import read_yaml_file
from commons_analysis.ingest.validation.collector import Collector
from commons_analysis.ingest.validation.columns import check_table
from commons_analysis.ingest.validation.meta import check_meta
from commons_analysis.ingest.validation.references import check_case_tables
from commons_analysis.model.case import Case, with_default_hours
from commons_analysis.model.metadata import CaseMeta
from commons_analysis.model.schema.aliases import fold
from commons_analysis.model.schema.frames import empty_frame
from commons_analysis.model.schema.tables import TABLE_ALIASES, TABLES
from commons_analysis.model.schema.vocabularies import CASE_ID_PATTERN

#: Names Windows refuses for a file or folder, whatever the extension.
WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


#: Ids of the pages every report folder holds beside the cases' (``index.html``,
#: ``comparison.html``): a case so named would overwrite one, so no case may take them
#: (import, new-case, validate and render all refuse them).
RESERVED_CASE_IDS = frozenset({"index", "comparison"})


def case_id_message(case_id: str) -> Message | None:
    """Why ``case_id`` cannot name a case folder, or ``None`` when it can.

    >>> case_id_message("brest"), case_id_message("con").text("fr")
    (None, "'con' est un nom de fichier réservé sous Windows")
    >>> case_id_message("index").text("en")
    'index names a page of the report folder (index.html): choose another id'
    """
    if not re.fullmatch(CASE_ID_PATTERN, case_id):
        shown = case_id if len(case_id) <= 40 else case_id[:40] + "…"
        return say("ingest.case.bad_id", id=repr(shown))
    if case_id in WINDOWS_RESERVED:
        return say("ingest.case.reserved_id", id=repr(case_id))
    if case_id in RESERVED_CASE_IDS:
        return say("ingest.case.reserved_page", id=case_id)
    return None


class LoadedCases(NamedTuple):
    """Cases loaded from a data folder: the valid ones, and the errors of the others, by case id."""

    cases: dict[str, Case]
    errors: dict[str, CaseError]


def case_folders(data_dir: Path) -> list[Path]:
    """The case folders of ``data_dir`` (those holding a ``case.yaml``), sorted by name."""
    return sorted(p.parent for p in Path(data_dir).glob("*/case.yaml"))


def load_cases(data_dir: Path | str) -> LoadedCases:
    """Load every case under ``data_dir``, collecting the errors of each invalid one."""
    cases: dict[str, Case] = {}
    errors: dict[str, CaseError] = {}
    for folder in case_folders(Path(data_dir)):
        try:
            cases[folder.name] = load_case(folder)
        except CaseError as error:
            errors[folder.name] = error
    return LoadedCases(cases, errors)


def near_miss(name: str) -> str | None:
    """The table a file or sheet name seems meant for, when it names none exactly.

    >>> near_miss("Participations"), near_miss("acteurs (1)"), near_miss("notes")
    ('participation', 'actors', None)
    """
    folded = fold(name)
    for alias, table in TABLE_ALIASES.items():
        if folded.startswith(alias + "_") or folded.startswith(alias + "("):
            return table
    close = difflib.get_close_matches(folded, list(TABLE_ALIASES), n=1, cutoff=0.8)
    return TABLE_ALIASES[close[0]] if close else None


def _near_misses(names: dict[str, str], found: set[str]) -> list[Problem]:
    """A problem for each file or sheet (``where`` → its name) that looks meant for a table not found."""
    problems = []
    for where, name in names.items():
        table = near_miss(name)
        if table is not None and table not in found:
            problems.append(Problem.of(where, None, None, say("ingest.case.near_miss", table=table)))
    return problems


def _table_files(folder: Path) -> tuple[dict[str, Path], Path | None, list[Problem]]:
    """The CSV file of each table, the workbook if any, and problems of layout."""
    csvs: dict[str, Path] = {}
    problems: list[Problem] = []
    unknown: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in (".csv", ".tsv", ".txt") or path.name.startswith((".", "~$")):
            continue
        table = TABLE_ALIASES.get(fold(path.stem))
        if table is None:
            unknown[display_path(path)] = path.stem
            continue
        if table in csvs:
            second = say("ingest.case.second_file", table=table, other=csvs[table].name)
            problems.append(Problem.of(display_path(path), None, None, second))
            continue
        csvs[table] = path
    problems.extend(_near_misses(unknown, set(csvs)))
    workbook = next((p for p in sorted(folder.glob("*.xlsx")) if fold(p.stem) == "case"), None)
    if workbook is not None and csvs:
        both = say("ingest.case.workbook_and_csv", files=", ".join(p.name for p in csvs.values()))
        problems.append(Problem.of(display_path(workbook), None, None, both))
    return csvs, workbook, problems


def load_case(path: Path | str) -> Case:
    """Load and validate the case in folder ``path``; raise :class:`CaseError` with every problem."""
    folder = Path(path)
    where_folder = display_path(folder)
    if not folder.is_dir():
        raise CaseError([Problem.of(where_folder, None, None, say("ingest.case.no_folder"))])
    out = Collector()
    problem = case_id_message(folder.name)
    if problem:
        out.add(where_folder, None, None, say("ingest.case.folder_name", problem=problem))

    yaml_path = folder / "case.yaml"
    meta: CaseMeta | None = None
    # None while case.yaml is unreadable: then undeclared tags cannot be told apart.
    declared_in_file: set[str] | None = None
    yaml_lines: dict[tuple[str, ...], int] = {}
    if not yaml_path.exists() and not yaml_path.is_symlink():
        out.add(display_path(yaml_path), None, None, say("ingest.case.no_case_yaml"))
    else:
        where = display_path(yaml_path)
        try:
            data, yaml_lines = read_yaml_file(yaml_path, where, inside=folder)
            meta = check_meta(data, yaml_lines, where, folder.name, out)
            groups = data.get("inclusion_groups") if isinstance(data, dict) else ()
            if isinstance(groups, dict):
                declared_in_file = set(groups)
            elif groups in (None, ""):
                declared_in_file = set()
            # else inclusion_groups is not a mapping (its own problem): tags cannot be checked
        except CaseError as error:
            out.problems.extend(error.problems)

    csvs, workbook, layout = _table_files(folder)
    out.problems.extend(layout)
    raws: dict[str, RawTable] = {}
    # Tables that have a file or sheet, readable or not: an unreadable one is not also "missing".
    present: set[str] = set()
    actors_where = display_path(folder / "actors.csv")
    files = [yaml_path] if yaml_path.exists() else []
    if workbook is not None and not csvs:
        files.append(workbook)
        wanted = {fold(alias): table for alias, table in TABLE_ALIASES.items()}
        actors_where = display_path(workbook)
        content = read_xlsx_tables(workbook, actors_where, wanted, inside=folder)
        out.problems.extend(content.problems)
        sheets = {f"{actors_where}[{title}]": title for title in content.ignored}
        out.problems.extend(_near_misses(sheets, content.present))
        raws, present = content.tables, content.present if content.opened else set(TABLES)
    else:
        for table, csv_path in csvs.items():
            files.append(csv_path)
            present.add(table)
            try:
                raws[table] = read_csv_file(csv_path, display_path(csv_path), inside=folder)
            except CaseError as error:
                out.problems.extend(error.problems)

    if "actors" not in present:
        out.add(actors_where, None, None, say("ingest.case.no_actors"))

    tables: dict[str, pd.DataFrame] = {}
    for table, raw in raws.items():
        typed, _ = check_table(table, raw, out)
        tables[table] = typed
    if "actors" in tables:
        check_case_tables(tables, raws, declared_in_file, out, unreadable=present - set(raws))
    yaml_where = display_path(yaml_path)
    texts = check_evidence(
        tables,
        raws,
        folder,
        meta,
        out,
        yaml_where=yaml_where,
        yaml_lines=yaml_lines,
        unreadable=present - set(raws),
    )
    if meta is not None and "codings" not in present - set(raws):
        check_recommendations(meta, tables.get("codings"), yaml_where, yaml_lines, out)
    if meta is not None:
        check_period(tables, raws, meta, out)
    if out.problems or meta is None:
        raise CaseError(out.problems)
    for table in TABLES:
        tables.setdefault(table, empty_frame(table))
    tables["participation"] = with_default_hours(tables["participation"], tables["events"])
    tables["codings"] = complete_codings(tables["codings"], texts)
    files.extend(folder / str(name) for name in tables["sources"]["file"].dropna())
    return Case(meta=meta, path=folder, files=tuple(files), **tables)


#: Tables whose rows are dated, and their date column: each date lies within the case's period.
DATED_TABLES = {"events": "date", "decisions": "date"}


def check_period(
    tables: dict[str, pd.DataFrame], raws: dict[str, RawTable], meta: CaseMeta, out: Collector
) -> None:
    """Events and decisions dated within the period ``case.yaml`` declares (when it gives both ends).

    A date outside it (an event in 2099 in a case of 2002–2018) is a damaged
    record or a wrong period: either way the report's figures would be wrong.
    """
    start, end = meta.period.start, meta.period.end
    if start is None or end is None:
        return
    low, high = pd.Timestamp(start), pd.Timestamp(end)
    for table, column in DATED_TABLES.items():
        frame, raw = tables.get(table), raws.get(table)
        if frame is None or raw is None or column not in frame or len(frame) != len(raw.lines):
            continue
        dates = pd.Series(pd.to_datetime(frame[column], errors="coerce"))
        outside = (dates.notna() & ((dates < low) | (dates > high))).to_numpy(dtype=bool)
        if not outside.any():
            continue
        days = [None if pd.isna(day) else day.date().isoformat() for day in dates]

        def said(row: int, days: list[str | None] = days) -> Message:
            return say(
                "ingest.case.date_outside_period", day=days[row], start=start.isoformat(), end=end.isoformat()
            )

        out.rows(raw, outside, column, said)


def resolve_case(argument: str, data_dir: Path) -> Path:
    """The folder a command-line ``CASE`` names: an existing folder, else an id under ``data_dir``."""
    candidate = Path(argument)
    try:
        is_folder = candidate.is_dir()
    except (OSError, ValueError):  # a name too long, or with a NUL byte, is no folder
        is_folder = False
    if is_folder:
        return candidate
    problem = case_id_message(argument)
    if problem:
        raise CaseError([Problem.of(argument[:80], None, None, problem)])
    return Path(data_dir) / argument
