"""``case.xlsx`` workbooks: one sheet per table, every cell as the text a CSV export would hold."""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import say
from commons_analysis.ingest.reading.decoding import control_character_problems
from commons_analysis.ingest.reading.delimited import raw_table
from commons_analysis.ingest.reading.files import read_file_bytes
from commons_analysis.ingest.reading.raw import RawTable


def xlsx_cell_text(value: object) -> str:
    """A workbook cell as the text a CSV export would hold.

    >>> xlsx_cell_text(7.0), xlsx_cell_text(dt.datetime(2020, 1, 31)), xlsx_cell_text(True)
    ('7', '2020-01-31', 'true')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


class WorkbookContent(NamedTuple):
    """What :func:`read_xlsx_tables` found: readable tables, problems, and every table with a sheet."""

    tables: dict[str, RawTable]
    problems: list[Problem]
    #: Tables that have a sheet, readable or not (a hidden or broken sheet is not a missing one).
    present: set[str]
    #: False when the file could not be opened as a workbook at all.
    opened: bool
    #: Titles of the sheets that name no table (read by nobody).
    ignored: tuple[str, ...] = ()


#: What a spreadsheet shows in a cell whose formula fails.
_EXCEL_ERRORS = {
    "#NULL!",
    "#DIV/0!",
    "#VALUE!",
    "#REF!",
    "#NAME?",
    "#NUM!",
    "#N/A",
    "#GETTING_DATA",
    "#SPILL!",
    "#CALC!",
}


def read_xlsx_tables(
    path: Path, where: str, wanted: dict[str, str], *, inside: Path | None = None
) -> WorkbookContent:
    """Read every sheet of a ``case.xlsx`` that names a table, keeping going past problems.

    Hidden sheets and formulas without a computed value are problems: what the
    researcher does not see, or what was never computed, is not read. A sheet
    with problems still yields its table when it can, so that the rest of the
    case is checked too.
    """
    from openpyxl import load_workbook  # imported here: only workbooks need it

    from commons_analysis.model.schema.aliases import fold

    try:
        data = read_file_bytes(path, where, inside=inside)
    except CaseError as error:
        return WorkbookContent({}, error.problems, set(), opened=False)
    try:
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many types for a damaged file
        problem = Problem.of(
            where, None, None, say("ingest.reading.workbook_unopened", error=type(error).__name__)
        )
        return WorkbookContent({}, [problem], set(), opened=False)
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    sheet_of: dict[str, str] = {}
    ignored: list[str] = []
    try:
        for sheet in values.worksheets:
            table = wanted.get(fold(sheet.title))
            if table is None:
                ignored.append(sheet.title)
                continue
            sheet_where = f"{where}[{sheet.title}]"
            if table in sheet_of:
                second = say("ingest.reading.second_sheet", table=table, sheet=sheet_of[table])
                problems.append(Problem.of(sheet_where, None, None, second))
                continue
            sheet_of[table] = sheet.title
            if sheet.sheet_state != "visible":
                problems.append(Problem.of(sheet_where, None, None, say("ingest.reading.hidden_sheet")))
                continue
            value_rows = [[xlsx_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            problems.extend(
                control_character_problems("\n".join("\t".join(row) for row in value_rows), sheet_where)
            )
            formula_rows = formulas[sheet.title].iter_rows(values_only=True)
            header_row = value_rows[0] if value_rows else []
            for line, (row, raw) in enumerate(zip(value_rows, formula_rows, strict=False), start=1):
                for position, (text, formula) in enumerate(zip(row, raw, strict=False)):
                    if not (isinstance(formula, str) and formula.startswith("=")):
                        continue
                    if text == "":
                        message = say("ingest.reading.formula_uncomputed")
                    elif text in _EXCEL_ERRORS:
                        message = say("ingest.reading.formula_error", error=text)
                    else:
                        continue
                    header = header_row[position] if position < len(header_row) else ""
                    problems.append(Problem.of(sheet_where, line, header or f"#{position + 1}", message))
            if not value_rows or not any(value_rows[0]):
                problems.append(Problem.of(sheet_where, 1, None, say("ingest.reading.no_header")))
                continue
            width = max(len(r) for r in value_rows)
            frame = pd.DataFrame([r + [""] * (width - len(r)) for r in value_rows], dtype=object)
            try:
                tables[table] = raw_table(frame, sheet_where, 1)
            except CaseError as error:
                problems.extend(error.problems)
    finally:
        values.close()
        formulas.close()
    return WorkbookContent(tables, problems, set(sheet_of), opened=True, ignored=tuple(ignored))
