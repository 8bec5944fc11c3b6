"""CSV text to a raw table: the delimiter sniffed, Excel's ``sep=`` line, the line of every record."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import Message, say
from commons_analysis.ingest.reading.decoding import control_character_problems, decode
from commons_analysis.ingest.reading.files import read_file_bytes
from commons_analysis.ingest.reading.raw import RawTable

_DELIMITERS = (",", ";", "\t")


def sniff_delimiter(header_line: str) -> str:
    """The delimiter of a CSV file, from its header line: the most frequent of ``,`` ``;`` tab.

    >>> sniff_delimiter("actor_id;nom;secteur")
    ';'
    """
    counts = {d: 0 for d in _DELIMITERS}
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv_file(path: Path, where: str, *, inside: Path | None = None) -> RawTable:
    """Read a CSV file into a :class:`RawTable` (raises :class:`CaseError`); see :func:`read_file_bytes`."""
    return read_csv_text(decode(read_file_bytes(path, where, inside=inside), where), where)


def read_csv_text(text: str, where: str) -> RawTable:
    """Parse decoded CSV text into a :class:`RawTable` (raises :class:`CaseError`).

    Line numbers are the lines a text editor shows, even after a cell written
    over several lines (a quoted line break, as spreadsheets export them).
    """
    text = text.lstrip("\ufeff")
    controls = control_character_problems(text, where)
    if controls:
        raise CaseError(controls)
    first_line, rest = _split_first_line(text)
    header_line = 1
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) >= 5:
        delimiter = first_line.strip()[4]
        text = rest
        header_line = 2
        first_line = _split_first_line(text)[0]
    else:
        delimiter = sniff_delimiter(first_line)
    if not text.strip():
        raise CaseError([Problem.of(where, header_line, None, say("ingest.reading.no_header"))])
    if not first_line.strip():
        raise CaseError([Problem.of(where, header_line, None, say("ingest.reading.first_line_empty"))])
    try:
        rows = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
        record_lines = _record_lines(text, delimiter, len(rows))
    except (pd.errors.ParserError, ValueError):
        rows, record_lines = _read_with_diagnostics(text, delimiter, where, header_line)
    return raw_table(rows, where, header_line, record_lines + (header_line - 1))


def _split_first_line(text: str) -> tuple[str, str]:
    """The first line of ``text`` and the rest, whatever the line ending (LF, CRLF or a lone CR)."""
    match = re.match(r"[^\r\n]*(\r\n|\r|\n)?", text)
    end = match.end() if match else len(text)
    return text[:end].rstrip("\r\n"), text[end:]


def _record_lines(text: str, delimiter: str, records: int) -> np.ndarray:
    """The line on which each record starts (the header record is on line 1).

    Usually one record per line; a quoted cell holding line breaks spans
    several, and only then are the records walked one by one.
    """
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    physical = breaks + (0 if text.endswith(("\n", "\r")) else 1)
    if physical == records:
        return np.arange(1, records + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    starts = []
    try:
        while True:
            start = reader.line_num + 1
            next(reader)
            starts.append(start)
    except (StopIteration, csv.Error):
        pass
    if len(starts) != records:  # the two parsers disagree: fall back to one record per line
        return np.arange(1, records + 1)
    return np.asarray(starts)


def _read_with_diagnostics(
    text: str, delimiter: str, where: str, header_line: int
) -> tuple[pd.DataFrame, np.ndarray]:
    """Slow path when pandas refuses the file: find every malformed row and say where.

    A row longer than the header is a problem (a stray delimiter or a missing
    quote), except empty trailing cells that *every* row has alike: some
    programs end each line with a delimiter. One row with an extra empty cell
    is not trimmed: its cells may have shifted, and nothing is guessed.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    starts: list[int] = []
    problems: list[Problem] = []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            detail: str | Message = str(error)  # the csv module's own words: English
            if "end of data" in str(error) or "EOF" in str(error):
                detail = say("ingest.reading.unclosed_quote")
            malformed = say("ingest.reading.malformed", detail=detail)
            problems.append(Problem.of(where, start + header_line - 1, None, malformed))
            break
        rows.append(row if any(cell.strip() for cell in row) else [])
        starts.append(start)
    if not rows:
        raise CaseError(problems or [Problem.of(where, header_line, None, say("ingest.reading.no_header"))])
    width = len(rows[0])
    body_lengths = {len(row) for row in rows[1:] if row}
    trailing_alike = (
        len(body_lengths) == 1
        and min(body_lengths) > width
        and all(not "".join(row[width:]).strip() for row in rows[1:])
    )
    for row, start in zip(rows[1:], starts[1:], strict=True):
        if len(row) > width and not trailing_alike:
            message = say(
                "ingest.reading.too_many_cells", cells=len(row), width=width, delimiter=repr(delimiter)
            )
            problems.append(Problem.of(where, start + header_line - 1, None, message))
    if problems:
        raise CaseError(problems)
    padded = [row[:width] + [""] * (width - len(row)) for row in rows]
    return pd.DataFrame(padded, dtype=object), np.asarray(starts)


def raw_table(
    rows: pd.DataFrame, where: str, header_line: int, record_lines: np.ndarray | None = None
) -> RawTable:
    """Take the first row as header; drop empty rows and empty unnamed columns; strip cells.

    ``record_lines`` gives the line of every row, header included (default: consecutive lines).
    """
    rows = rows.astype(object).fillna("")
    header = [str(cell).strip() for cell in rows.iloc[0].tolist()]
    body = rows.iloc[1:]
    if record_lines is None:
        lines = np.arange(header_line + 1, header_line + 1 + len(body))
    else:
        lines = np.asarray(record_lines[1:], dtype=np.int64)
    cells = {}
    problems = []
    for position, name in enumerate(header):
        column = _strip(body.iloc[:, position])
        if not name:
            if (column != "").any():
                unnamed = say("ingest.reading.values_without_header")
                problems.append(Problem.of(where, header_line, f"#{position + 1}", unnamed))
            continue
        if name in cells:
            problems.append(Problem.of(where, header_line, name, say("ingest.reading.column_twice")))
            continue
        cells[name] = column.to_numpy(dtype=object)
    if problems:
        raise CaseError(problems)
    frame = pd.DataFrame(cells, dtype=object)
    if len(frame.columns):
        filled = (frame != "").any(axis=1).to_numpy()
        frame = frame.loc[filled].reset_index(drop=True)
        lines = lines[filled]
    return RawTable(where, frame, lines, header_line)


def _strip(column: pd.Series) -> pd.Series:
    """Cells without surrounding spaces (each distinct value stripped once)."""
    codes, uniques = pd.factorize(column.astype(object))
    stripped = np.array([str(u).strip() for u in uniques] + [""], dtype=object)
    return pd.Series(stripped[np.where(codes < 0, len(uniques), codes)], index=column.index)
