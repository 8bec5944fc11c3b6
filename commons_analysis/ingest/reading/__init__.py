"""Reading what spreadsheets export: decode, sniff the dialect, keep every cell as text.

This package only turns files into raw tables of text with their line numbers;
:mod:`commons_analysis.ingest.validation` then checks and types them. Accepted:
UTF-8 with or without BOM, UTF-16 ("Unicode text" exports), cp1252 / latin-1;
``,`` ``;`` or tab delimiters; Excel's ``sep=;`` first line; CRLF; trailing
empty rows and columns; ``case.xlsx`` workbooks (one sheet per table).

One module per step or format: :mod:`.files` (a file's bytes, bounded),
:mod:`.decoding` (bytes to text), :mod:`.delimited` (CSV text),
:mod:`.workbook` (``case.xlsx``), :mod:`.yaml_file` (``case.yaml``), all
returning the :class:`RawTable` of :mod:`.raw`.

Example
-------
>>> raw = read_csv_text("a;b\\r\\n007;x\\r\\n", "t.csv")
>>> raw.frame.to_dict("list"), raw.lines.tolist()
({'a': ['007'], 'b': ['x']}, [2])
"""

from __future__ import annotations

from commons_analysis.ingest.reading.decoding import control_character_problems, decode
from commons_analysis.ingest.reading.delimited import read_csv_file, read_csv_text, sniff_delimiter
from commons_analysis.ingest.reading.files import (
    MAX_FILE_BYTES,
    MAX_FILE_ENV,
    max_file_bytes,
    read_file_bytes,
)
from commons_analysis.ingest.reading.raw import RawTable
from commons_analysis.ingest.reading.workbook import WorkbookContent, read_xlsx_tables, xlsx_cell_text
from commons_analysis.ingest.reading.yaml_file import read_yaml_file

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_FILE_ENV",
    "RawTable",
    "WorkbookContent",
    "control_character_problems",
    "decode",
    "max_file_bytes",
    "read_csv_file",
    "read_csv_text",
    "read_file_bytes",
    "read_xlsx_tables",
    "read_yaml_file",
    "sniff_delimiter",
    "xlsx_cell_text",
]
