"""Validation: every rule of docs/design.md §Tables, every problem with its file, line and column.

Raw text tables (:mod:`commons_analysis.ingest.reading`) become typed frames here.
All checks are vectorized (a case may hold a million participation rows): a
column's distinct values are interpreted once, then mapped back to rows.
Problems of one kind in one column are listed up to :data:`MAX_LISTED` times,
then counted, so a wholly wrong column stays readable.

One module per family of rules: :mod:`.columns` (one table: headers, typed
columns, unique keys), :mod:`.references` (across tables), :mod:`.budget` (the
budget tables and their ballots), :mod:`.meta` (``case.yaml``), over
:mod:`.values` (reading a cell's text) and :mod:`.collector` (the problems found).

Example
-------
>>> import numpy as np, pandas as pd
>>> from commons_analysis.ingest.reading import RawTable
>>> raw = RawTable("actors.csv", pd.DataFrame({"actor_id": ["a"], "nom": ["A"], "secteur": ["ESS"]}),
...                np.array([2]))
>>> typed, problems = check_table("actors", raw)
>>> typed["sector"].tolist(), problems
(['sse'], [])
"""

from __future__ import annotations

from commons_analysis.ingest.validation.collector import MAX_LISTED, Collector
from commons_analysis.ingest.validation.columns import check_table, map_headers, unknown_column
from commons_analysis.ingest.validation.meta import check_meta, pydantic_message
from commons_analysis.ingest.validation.references import check_case_tables
from commons_analysis.ingest.validation.values import parse_bool, parse_date, parse_dates, parse_number

__all__ = [
    "MAX_LISTED",
    "Collector",
    "check_case_tables",
    "check_meta",
    "check_table",
    "map_headers",
    "parse_bool",
    "parse_date",
    "parse_dates",
    "parse_number",
    "pydantic_message",
    "unknown_column",
]
