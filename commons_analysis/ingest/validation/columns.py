"""Rules within one table: known headers, typed columns, required values and unique keys."""

from __future__ import annotations

import numpy as np
import pandas as pd

from commons_analysis.core.errors import Problem, quote
from commons_analysis.core.messages import Message, say
from commons_analysis.ingest.reading.raw import RawTable
from commons_analysis.ingest.validation.collector import Collector
from commons_analysis.ingest.validation.values import BAD_VALUE, INTERPRETERS, parse_dates
from commons_analysis.model.schema.aliases import fold
from commons_analysis.model.schema.frames import conform, dtype
from commons_analysis.model.schema.tables import TABLES, Column


def map_headers(table: str, raw: RawTable, out: Collector) -> dict[str, str]:
    """Canonical column name for each header (English or French spelling); unknown headers are problems."""
    spec = TABLES[table]
    aliases = spec.header_aliases()
    mapping: dict[str, str] = {}
    for header in raw.frame.columns:
        canonical = aliases.get(fold(header))
        if canonical is None:
            out.add(raw.where, raw.header_line, header, unknown_column(table))
        elif canonical in mapping.values():
            out.add(
                raw.where, raw.header_line, header, say("ingest.validation.second_column", column=canonical)
            )
        else:
            mapping[header] = canonical
    for column in spec.columns:
        if column.required and column.name not in mapping.values():
            out.add(raw.where, raw.header_line, column.name, say("ingest.validation.required_column"))
    return mapping


def unknown_column(table: str) -> Message:
    """The message for a header ``table`` does not know: its columns, and their French headers.

    Each column's French spellings are joined by ``/``; a column without any shows its own name.

    >>> print(unknown_column("participation").text("fr"))
    colonne inconnue ; les colonnes de participation sont : event_id, actor_id, role, hours, paid, ballot, \
points, method ; en français : événement/id_evenement, acteur/id_acteur, rôle, heures, \
rémunéré/payé/remunere, bulletin/vote, notes, mode_de_vote/moyen
    """
    spec = TABLES[table]
    french = ["/".join(column.french) or column.name for column in spec.columns]
    return say(
        "ingest.validation.unknown_column", table=table, columns=tuple(spec.names), french=tuple(french)
    )


def check_table(
    table: str, raw: RawTable, out: Collector | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check and type one table on its own (cross-table rules are in :func:`check_case_tables`)."""
    out = out if out is not None else Collector()
    before = len(out.problems)
    spec = TABLES[table]
    mapping = map_headers(table, raw, out)
    columns: dict[str, pd.Series] = {}
    for header, name in mapping.items():
        text = pd.Series(raw.frame[header].to_numpy(dtype=object), dtype=object)
        columns[name] = _check_column(spec.column(name), text, raw, out)
    frame = pd.DataFrame(columns, index=pd.RangeIndex(len(raw.frame)))
    for key in spec.primary_key if len(spec.primary_key) == 1 else ():
        if key in frame:
            check_unique(raw, frame[[key]], key, out)
    typed = conform(table, frame)
    return typed, out.problems[before:]


def _check_column(column: Column, text: pd.Series, raw: RawTable, out: Collector) -> pd.Series:
    """Check one column and return it typed.

    Each distinct spelling is interpreted once; arrays indexed by the factorized
    codes carry the results back to every row (the last slot of each per-value
    array stands for a missing cell, code -1).
    """
    codes, uniques = pd.factorize(text)
    uniques = np.asarray(uniques, dtype=object)
    empty_unique = np.append(uniques == "", True)
    empty = empty_unique[codes]
    if column.required:
        out.rows(raw, empty, column.name, say("ingest.validation.required_value"))
    if column.type in ("id", "ids", "text", "tags", "labels"):
        kept = [None if blank else value for value, blank in zip(uniques, empty_unique, strict=False)]
        cells = np.array([*kept, None], dtype=object)
        return pd.Series(cells[codes], index=text.index, dtype=object)
    interpret, describe = INTERPRETERS[column.type]
    parsed = parse_dates(uniques) if column.type == "date" else [interpret(column, u) for u in uniques]
    bad_unique = np.append(np.array([p is BAD_VALUE for p in parsed], dtype=bool), False) & ~empty_unique
    expected = describe(column)
    out.rows(
        raw,
        bad_unique[codes],
        column.name,
        lambda row: say("ingest.validation.not_a", value=quote(text.iloc[row]), expected=expected),
    )
    known = [None if p is BAD_VALUE or empty_unique[i] else p for i, p in enumerate(parsed)] + [None]
    if column.type in ("number", "count"):
        numbers = np.array([np.nan if v is None else v for v in known], dtype=float)
        if column.minimum is not None:
            with np.errstate(invalid="ignore"):
                negative = numbers < column.minimum
            out.rows(
                raw, negative[codes], column.name, say("ingest.validation.minimum", minimum=column.minimum)
            )
        values = numbers[codes]
        if column.type == "count":
            fractional = np.isfinite(numbers) & (numbers != np.round(numbers))
            out.rows(raw, fractional[codes], column.name, say("ingest.validation.whole"))
            whole = np.where(np.isnan(values), 0, np.round(values)).astype(np.int64)
            return pd.Series(pd.arrays.IntegerArray(whole, np.isnan(values)), index=text.index)
        return pd.Series(pd.arrays.FloatingArray(values, np.isnan(values)), index=text.index)
    if column.type == "bool":
        truth = np.array([bool(v) for v in known], dtype=bool)
        missing = np.array([v is None for v in known], dtype=bool)
        return pd.Series(pd.arrays.BooleanArray(truth[codes], missing[codes]), index=text.index)
    if column.type == "date":
        moments = pd.DatetimeIndex([pd.NaT if v is None else v for v in known]).as_unit("ns").to_numpy()
        return pd.Series(moments[codes], index=text.index)
    # enumeration: the categorical built from codes, each spelling already mapped to its category
    position = {value: i for i, value in enumerate(column.enum)}
    category_codes = np.array([-1 if v is None else position[str(v)] for v in known], dtype=np.int64)
    categorical = pd.Categorical.from_codes(category_codes[codes], dtype=dtype(column))
    return pd.Series(categorical, index=text.index)


def _key(frame: pd.DataFrame) -> pd.Series:
    """Identifiers folded as people read them: case and inner spaces do not make two ids different.

    One integer per row, equal for rows whose folded values are equal in every column
    (no string is built per row: a table may hold a million pairs).
    """
    key = np.zeros(len(frame), dtype=np.int64)
    for column in frame.columns:
        codes, uniques = pd.factorize(frame[column])
        folded = [" ".join(str(u).casefold().split()) for u in uniques]
        folded_codes, folded_uniques = pd.factorize(pd.Series(folded, dtype=object))
        per_row = np.append(folded_codes, len(folded_uniques))[codes]  # a missing value: its own code
        key = pd.factorize(key * (len(folded_uniques) + 1) + per_row)[0]  # compact: never overflows
    return pd.Series(key, index=frame.index)


def check_unique(raw: RawTable, frame: pd.DataFrame, column: str, out: Collector) -> None:
    """Report every row whose key (the columns of ``frame``, all present) repeats an earlier row's."""
    present = frame.notna().all(axis=1).to_numpy()
    key = _key(frame)
    duplicated = key.duplicated(keep="first").to_numpy() & present
    if not duplicated.any():
        return
    first = pd.Series(np.arange(len(frame))).groupby(key.to_numpy()).transform("first").to_numpy()

    def message(row: int) -> Message:
        exact = frame.iloc[row].tolist() == frame.iloc[first[row]].tolist()
        key = "ingest.validation.duplicate" if exact else "ingest.validation.duplicate_folded"
        return say(key, line=int(raw.lines[first[row]]))

    out.rows(raw, duplicated, column, message)
