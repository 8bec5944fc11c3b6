"""Reading a table of codes for ``commons-analysis agreement``: columns unit, coder, value (French too).

Any coding table will do — one row per value a coder gave a unit — from a
spreadsheet as :mod:`commons_analysis.ingest.reading` accepts it. An empty value
is a unit the coder left. Values are numbers for the ordinal, interval and
ratio levels; any text for the nominal level (each distinct text a category).
Every problem is reported at once, with its line and column.

Example
-------
>>> from commons_analysis.ingest.reading import read_csv_text
>>> raw = read_csv_text("unité;codeur;valeur\\nu1;A;2\\nu1;B;1,0\\nu2;A;\\n", "t.csv")
>>> coding_table(raw, "ordinal").to_dict("list")
{'unit': ['u1', 'u1'], 'coder': ['A', 'B'], 'value': [2.0, 1.0]}
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from commons_analysis.core.errors import CaseError, display_path, quote
from commons_analysis.core.messages import say
from commons_analysis.ingest.reading.delimited import read_csv_file
from commons_analysis.ingest.reading.raw import RawTable
from commons_analysis.ingest.validation.collector import Collector
from commons_analysis.ingest.validation.values import parse_number
from commons_analysis.model.schema.aliases import fold

#: Folded header → column.
HEADERS = {
    "unit": "unit",
    "unite": "unit",
    "unité": "unit",
    "passage": "unit",
    "coder": "coder",
    "codeur": "coder",
    "codeuse": "coder",
    "observer": "coder",
    "observateur": "coder",
    "value": "value",
    "valeur": "value",
    "code": "value",
    "score": "value",
}


def coding_table(raw: RawTable, level: str) -> pd.DataFrame:
    """The (unit, coder, value) rows of ``raw``; CaseError listing every problem."""
    out = Collector()
    mapping = {header: HEADERS[fold(header)] for header in raw.frame.columns if fold(header) in HEADERS}
    if sorted(set(mapping.values())) != ["coder", "unit", "value"]:
        out.add(raw.where, raw.header_line, None, say("ingest.agreement.columns"))
        raise CaseError(out.problems)
    frame = raw.frame.rename(columns=mapping)[["unit", "coder", "value"]]
    rows: list[tuple[str, str, object]] = []
    first_line: dict[tuple[str, str], int] = {}
    for position, (unit, coder, value) in enumerate(frame.itertuples(index=False)):
        line = int(raw.lines[position])
        for column, cell in (("unit", unit), ("coder", coder)):
            if cell == "":
                out.add(raw.where, line, column, say("ingest.validation.required_value"))
        if value == "" or unit == "" or coder == "":
            continue
        parsed: object = value
        if level != "nominal":
            parsed = parse_number(value)
            if not isinstance(parsed, float):
                out.add(
                    raw.where,
                    line,
                    "value",
                    say("ingest.agreement.not_a_number", value=quote(value), level=level),
                )
                continue
        if (unit, coder) in first_line:
            out.add(
                raw.where, line, "value", say("ingest.agreement.duplicate", line=first_line[(unit, coder)])
            )
            continue
        first_line[(unit, coder)] = line
        rows.append((unit, coder, parsed))
    if out.problems:
        raise CaseError(out.problems)
    table = pd.DataFrame(rows, columns=["unit", "coder", "value"])
    if level == "nominal":  # categories as numbers, in order of first appearance
        table["value"] = pd.factorize(table["value"])[0].astype(float)
    return table


def read_coding_table(path: Path, level: str) -> pd.DataFrame:
    """:func:`coding_table` of a CSV file."""
    return coding_table(read_csv_file(path, display_path(path)), level)


__all__ = ["HEADERS", "coding_table", "read_coding_table"]
