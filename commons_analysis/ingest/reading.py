"""Reading what spreadsheets export: decode, sniff the dialect, keep every cell as text.

This module only turns files into raw tables of text with their line numbers;
:mod:`commons_analysis.ingest.validation` then checks and types them. Accepted:
UTF-8 with or without BOM, UTF-16 ("Unicode text" exports), cp1252 / latin-1;
``,`` ``;`` or tab delimiters; Excel's ``sep=;`` first line; CRLF; trailing
empty rows and columns; ``case.xlsx`` workbooks (one sheet per table).

Example
-------
>>> raw = read_csv_text("a;b\\r\\n007;x\\r\\n", "t.csv")
>>> raw.frame.to_dict("list"), raw.lines.tolist()
({'a': ['007'], 'b': ['x']}, [2])
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import Message, say

#: Largest file read by default: 200 MB, over ten times the largest case foreseen (the Warsaw
#: participatory budget's participation.csv, about 15 MB), far below what exhausts memory.
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Environment variable that sets another limit, in megabytes (``COMMONS_ANALYSIS_MAX_FILE_MB=500``).
MAX_FILE_ENV = "COMMONS_ANALYSIS_MAX_FILE_MB"
#: Characters refused in text: the C0 controls but tab, line feed and carriage return, and DEL
#: (a NUL or an escape sequence has no meaning in a table and would reach reports and exports).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_DELIMITERS = (",", ";", "\t")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
#: French accents and punctuation encoded in UTF-8 (é à ç œ « » ’ … –). In cp1252 text these
#: byte pairs read "Ã©", "Å“", "â€™": found beside invalid UTF-8, they mean mixed encodings.
_UTF8_SEQUENCE = re.compile(rb"\xc3[\x80-\xbf]|\xc5[\x92\x93]|\xe2\x80[\x90-\xbf]|\xc2[\xa0-\xbf]")


@dataclass(frozen=True)
class RawTable:
    """A table as read: text cells under the headers as written, and each row's line number."""

    where: str
    frame: pd.DataFrame
    lines: np.ndarray
    #: Line of the header row (1, or 2 after Excel's ``sep=;`` line).
    header_line: int = 1


def max_file_bytes(environment: dict[str, str] | None = None) -> int:
    """The largest file read, in bytes: :data:`MAX_FILE_ENV` (megabytes) if set, else :data:`MAX_FILE_BYTES`.

    >>> max_file_bytes({}), max_file_bytes({MAX_FILE_ENV: "15.5"})
    (209715200, 16252928)
    """
    value = (os.environ if environment is None else environment).get(MAX_FILE_ENV, "").strip()
    try:
        megabytes = float(value) if value else 0.0
    except ValueError:
        megabytes = 0.0
    if not math.isfinite(megabytes) or megabytes <= 0:
        return MAX_FILE_BYTES
    return int(megabytes * 1024 * 1024)


def _kind(mode: int) -> str:
    """What a file that is not a regular file is (named in the problem)."""
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"),
                       (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "folder")):  # fmt: skip
        if test(mode):
            return name
    return "special file"


def read_file_bytes(path: Path | str, where: str, *, inside: Path | str | None = None) -> bytes:
    """The bytes of a regular file, bounded; else :class:`CaseError` saying why (nothing of it echoed).

    Refused: what is not a regular file (a FIFO would block, ``/dev/zero``
    never ends), a file over :func:`max_file_bytes`, and, when ``inside`` is
    given, a file that resolves outside that folder (a symbolic link out of a
    case folder: its target is never read, so no line of it can be shown).
    Opened without blocking, and checked again once open (the file may have
    changed between the look and the opening).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("x")
    >>> read_file_bytes(folder / "a.csv", "a.csv", inside=folder)
    b'x'
    >>> try:
    ...     read_file_bytes("/dev/zero", "events.csv")
    ... except CaseError as error:
    ...     print(error.problems[0])
    events.csv: not a regular file (device): only regular files are read
    """
    path = Path(path)
    if inside is not None:
        folder = Path(inside).resolve()
        if not path.resolve().is_relative_to(folder):
            outside = say("ingest.reading.outside_folder", folder=folder.name)
            raise CaseError([Problem.of(where, None, None, outside)])
    limit = max_file_bytes()
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        unreadable = say("ingest.reading.unreadable", reason=error.strerror)
        raise CaseError([Problem.of(where, None, None, unreadable)]) from None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        mode, size = status.st_mode, status.st_size
        if not stat.S_ISREG(mode):
            raise CaseError(
                [Problem.of(where, None, None, say("ingest.reading.not_regular", kind=_kind(mode)))]
            )
        if size <= limit:
            data = stream.read(limit + 1)
            size = len(data)
    if size > limit:
        large = say("ingest.reading.too_large", size=size, limit=limit, variable=MAX_FILE_ENV)
        raise CaseError([Problem.of(where, None, None, large)])
    return data


def control_character_problems(text: str, where: str, first_line: int = 1) -> list[Problem]:
    """A problem for each line of ``text`` that holds a control character (NUL, ESC…), with its line.

    >>> [str(p) for p in control_character_problems("a\\nb\\x00c\\n", "t.csv")]
    ["t.csv:2: control character '\\\\x00' in the text (character 2 of the line): refused"]
    """
    problems: list[Problem] = []
    if _CONTROL.search(text) is None:
        return problems
    for number, line in enumerate(text.splitlines(), start=first_line):
        found = _CONTROL.search(line)
        if found is not None:
            said = say(
                "ingest.reading.control_character", character=repr(found.group()), position=found.start() + 1
            )
            problems.append(Problem.of(where, number, None, said))
    return problems


def decode(data: bytes, where: str) -> str:
    """Decode a text file as spreadsheets write it, or raise :class:`CaseError` saying why not.

    >>> decode("é;x".encode("cp1252"), "t.csv")
    'é;x'
    """
    if not data.strip():
        raise CaseError([Problem.of(where, None, None, say("ingest.reading.empty"))])
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        raise CaseError([Problem.of(where, None, None, say("ingest.reading.workbook_not_csv"))])
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _strict(data, encoding, where)
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:4:2] != b"\x00\x00":
        return _strict(data, "utf-16-le", where)
    if b"\x00" in data:
        if len(data) - len(data.translate(None, _CONTROL_BYTES)) > len(data) // 100:  # not text at all
            raise CaseError([Problem.of(where, None, None, say("ingest.reading.binary"))])
        # a stray NUL in text: each line that holds one (the text is decoded as spreadsheets write it)
        text = data.decode("utf-8", errors="replace")
        raise CaseError(control_character_problems(text, where))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _UTF8_SEQUENCE.search(data):  # accents in UTF-8 elsewhere: decoding as cp1252 would garble them
            line = data[: error.start].count(b"\n") + 1
            message = say("ingest.reading.mixed_encodings", byte=f"{data[error.start]:02x}")
            raise CaseError([Problem.of(where, line, None, message)]) from None
    return _strict(data, "cp1252", where)


def _strict(data: bytes, encoding: str, where: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = say("ingest.reading.undecodable", byte=f"{data[error.start]:02x}", encoding=encoding)
        raise CaseError([Problem.of(where, line, None, message)]) from None


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
    return _raw_table(rows, where, header_line, record_lines + (header_line - 1))


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


def _raw_table(
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

    from commons_analysis.model.schema import fold

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
                tables[table] = _raw_table(frame, sheet_where, 1)
            except CaseError as error:
                problems.extend(error.problems)
    finally:
        values.close()
        formulas.close()
    return WorkbookContent(tables, problems, set(sheet_of), opened=True, ignored=tuple(ignored))


#: Plain (unquoted) YAML scalars that mean "no value".
_YAML_NULLS = {"", "~", "null", "Null", "NULL"}
#: Deepest nesting of lists and mappings read from YAML (case.yaml needs four levels).
_YAML_MAX_DEPTH = 16


def read_yaml_file(
    path: Path, where: str, *, inside: Path | None = None
) -> tuple[object, dict[tuple[str, ...], int]]:
    """Read YAML safely with every scalar kept as text, and the line of every key.

    YAML 1.1 guesses types (``06000`` octal, ``no`` false): here nothing is
    guessed; :mod:`commons_analysis.model.metadata` coerces through its schema.
    Returns the data and a map from key path to line.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.yaml"
    >>> _ = p.write_text("id: x\\nplace: no\\nzip: 06000\\n")
    >>> read_yaml_file(p, "c.yaml")[0]
    {'id': 'x', 'place': 'no', 'zip': '06000'}
    """
    import yaml  # imported here: only case.yaml needs it

    text = decode(read_file_bytes(path, where, inside=inside), where)
    controls = control_character_problems(text, where)
    if controls:
        raise CaseError(controls)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or say(
            "ingest.reading.yaml_invalid"
        )  # PyYAML's words: English
        raise CaseError(
            [Problem.of(where, line, None, say("ingest.reading.yaml_syntax", reason=reason))]
        ) from None
    except RecursionError:
        raise CaseError([Problem.of(where, None, None, say("ingest.reading.yaml_too_deep"))]) from None
    lines: dict[tuple[str, ...], int] = {}
    problems: list[Problem] = []
    # An alias (*name) repeats a whole subtree: refused for collections, so that a small
    # file cannot expand into billions of values or loop on itself.
    converted: set[int] = set()

    def convert(node: yaml.Node, path: tuple[str, ...]) -> object:
        line = node.start_mark.line + 1
        lines.setdefault(path, line)
        if isinstance(node, yaml.CollectionNode):
            if id(node) in converted:  # the line of the alias's key, not of its anchor
                alias = say("ingest.reading.yaml_alias")
                problems.append(Problem.of(where, lines[path], ".".join(path) or None, alias))
                return None
            converted.add(id(node))
            if len(path) > _YAML_MAX_DEPTH:
                problems.append(Problem.of(where, line, ".".join(path), say("ingest.reading.yaml_too_deep")))
                return None
        if isinstance(node, yaml.MappingNode):
            result: dict[str, object] = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    not_text = say("ingest.reading.yaml_key_not_text")
                    problems.append(Problem.of(where, key_line, ".".join(path) or None, not_text))
                    continue
                key = str(key_node.value)
                if key in result:
                    twice = say("ingest.reading.yaml_key_twice")
                    problems.append(Problem.of(where, key_line, ".".join((*path, key)), twice))
                lines[(*path, key)] = key_line
                result[key] = convert(value_node, (*path, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, (*path, str(i))) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.style is None and node.value in _YAML_NULLS:
            return None
        if isinstance(node.value, str) and _CONTROL.search(node.value):  # an escape such as "\\0"
            found = _CONTROL.search(node.value)
            assert found is not None
            escaped = say(
                "ingest.reading.control_character", character=repr(found.group()), position=found.start() + 1
            )
            problems.append(Problem.of(where, line, ".".join(path) or None, escaped))
            return None
        return node.value

    document = convert(root, ()) if root is not None else None
    if problems:
        raise CaseError(problems)
    return document, lines
