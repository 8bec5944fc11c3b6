"""Taguette's exports: the project (a SQLite database) and the highlights (CSV).

Taguette (https://www.taguette.org, free software) stores each document as
HTML and each highlight as offsets counted in UTF-8 bytes over the document's
text, HTML tags left out (``taguette/extract.py``). A **project export**
("Export project" → ``.sqlite3``, made by ``taguette.database.copy_project``)
holds the tables ``documents``, ``highlights``, ``tags`` and
``highlight_tags``: each document becomes a source whose text is written
plain, a blank line after each paragraph, and each (highlight, tag) a coding
whose offsets are characters of that text. A **highlights export**
("Export all highlights" → CSV, columns id, document, tag, content) has no
offsets: each row is a coding of the segment ``h<id>`` with its excerpt.

Neither says who coded (an export reassigns the project to ``admin``): the
coder is given (``--coder``).

Example
-------
>>> text, to_char = html_text("<p>Élan <b>vital</b></p><p>b</p>")
>>> text
'Élan vital\\n\\nb\\n\\n'
>>> text[to_char(6):to_char(11, True)]
'vital'
"""

from __future__ import annotations

import bisect
import csv
import io
import sqlite3
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from commons_analysis.core.errors import CaseError, Problem, display_path, quote
from commons_analysis.core.messages import say
from commons_analysis.ingest.reading.decoding import decode
from commons_analysis.sources.qda.coded import Coded, slug, text_source, unique

#: Elements after which the plain text gets a blank line (a paragraph ends).
BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "tr",
    "table",
    "ul",
    "ol",
}


class _TextCollector(HTMLParser):
    """Text chunks of an HTML document, with where each starts in Taguette's byte count and in ours."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.datas: list[str] = []
        self.byte_starts: list[int] = []
        self.char_starts: list[int] = []
        self.bytes = 0
        self.chars = 0

    def handle_data(self, data: str) -> None:
        self.byte_starts.append(self.bytes)
        self.char_starts.append(self.chars)
        self.parts.append(data)
        self.datas.append(data)
        self.bytes += len(data.encode("utf-8"))
        self.chars += len(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS and not "".join(self.parts[-2:]).endswith("\n\n"):
            self.parts.append("\n\n")  # ours only: Taguette's offsets do not count it
            self.chars += 2


def html_text(document: str) -> tuple[str, Callable[[int, bool], int]]:
    """The plain text of a Taguette document and the map from Taguette's byte offsets to its characters.

    The map takes ``end=True`` for a passage's end: an offset where a chunk starts then closes the
    chunk before (and its passage does not swallow the blank line we added).
    """
    collector = _TextCollector()
    collector.feed(document)
    collector.close()
    byte_starts, char_starts, datas = collector.byte_starts, collector.char_starts, collector.datas

    def to_char(offset: int, end: bool = False) -> int:
        if not byte_starts:
            return 0
        find = bisect.bisect_left if end else bisect.bisect_right
        i = max(0, find(byte_starts, offset) - 1)
        inside = datas[i].encode("utf-8")[: offset - byte_starts[i]]
        return char_starts[i] + len(inside.decode("utf-8", errors="ignore"))

    return "".join(collector.parts), to_char


def read_taguette_project(path: Path, coder: str | None, kind: str = "document") -> Coded:
    """The documents, tags and highlights of a Taguette project export (``.sqlite3``)."""
    where = display_path(path)
    if not coder:
        raise CaseError([Problem.of(where, None, None, say("sources.qda.no_coder"))])
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {
                row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            for table in ("documents", "highlights", "tags", "highlight_tags"):
                if table not in tables:
                    raise CaseError(
                        [Problem.of(where, None, None, say("sources.qda.not_taguette", table=table))]
                    )
            documents = connection.execute(
                "SELECT id, name, description, contents FROM documents ORDER BY id"
            ).fetchall()
            tags = dict(connection.execute("SELECT id, path FROM tags").fetchall())
            descriptions = dict(connection.execute("SELECT path, description FROM tags").fetchall())
            highlights = connection.execute(
                "SELECT h.id, h.document_id, h.start_offset, h.end_offset, t.tag_id FROM highlights h "
                "JOIN highlight_tags t ON t.highlight_id = h.id "
                "ORDER BY h.document_id, h.start_offset, h.id, t.tag_id"
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise CaseError(
            [Problem.of(where, None, None, say("sources.qda.unreadable", reason=str(error)))]
        ) from error
    sources, codings, texts = [], [], {}
    ids: dict[int, str] = {}
    maps: dict[int, Callable[[int, bool], int]] = {}
    problems = []
    for document_id, name, description, contents in documents:
        source_id = unique(slug(name), set(ids.values()))
        ids[document_id] = source_id
        text, to_char = html_text(contents)
        texts[source_id], maps[document_id] = text, to_char
        sources.append(text_source(source_id, kind, name, description))
    for highlight_id, document_id, start, end, tag_id in highlights:
        if document_id not in ids:
            continue
        to_char, text = maps[document_id], texts[ids[document_id]]
        first, last = to_char(start, False), to_char(end, True)
        if last > len(text) or first >= last:
            message = say("sources.qda.offsets_outside", start=start, end=end, length=len(text))
            problems.append(Problem.of(f"{where}[highlights]", None, f"id {highlight_id}", message))
            continue
        codings.append(
            {
                "coding_id": None,
                "source_id": ids[document_id],
                "start": first,
                "end": last,
                "excerpt": text[first:last],
                "code": tags[tag_id],
                "coder": coder,
                "memo": None,
                "segment": None,
                "value": None,
            }
        )
    if problems:
        raise CaseError(problems)
    return Coded.of(sources, codings, texts, {p: d or "" for p, d in descriptions.items()})


def read_taguette_highlights(path: Path, coder: str | None, kind: str = "document") -> Coded:
    """A Taguette highlights export (CSV: id, document, tag, content): codings of segments ``h<id>``."""
    where = display_path(path)
    if not coder:
        raise CaseError([Problem.of(where, None, None, say("sources.qda.no_coder"))])
    text = decode(path.read_bytes(), where).removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    problems = [
        Problem.of(where, 1, column, say("sources.qda.missing_column"))
        for column in ("id", "document", "tag", "content")
        if column not in header
    ]
    if problems:
        raise CaseError(problems)
    position = {column: header.index(column) for column in ("id", "document", "tag", "content")}
    sources: dict[str, dict[str, object]] = {}
    codings = []
    for row in reader:
        line = reader.line_num
        cells = {column: (row[i] if i < len(row) else "") for column, i in position.items()}
        for column in ("id", "document"):
            if not cells[column].strip():
                problems.append(Problem.of(where, line, column, say("sources.qda.empty_cell")))
        if not cells["id"].strip().isdigit() and cells["id"].strip():
            problems.append(
                Problem.of(where, line, "id", say("sources.qda.bad_integer", value=quote(cells["id"])))
            )
            continue
        if not cells["tag"].strip():  # a highlight without a tag codes nothing
            continue
        if not cells["id"].strip() or not cells["document"].strip():
            continue
        source_id = slug(cells["document"])
        sources.setdefault(
            source_id,
            {
                "source_id": source_id,
                "kind": kind,
                "title": cells["document"],
                "reference": f"Taguette: {cells['document']}",
            },
        )
        codings.append(
            {
                "coding_id": None,
                "source_id": source_id,
                "segment": f"h{cells['id'].strip()}",
                "excerpt": cells["content"],
                "code": cells["tag"].strip(),
                "coder": coder,
            }
        )
    if problems:
        raise CaseError(problems)
    return Coded.of(list(sources.values()), codings, {}, {})


__all__ = ["html_text", "read_taguette_highlights", "read_taguette_project"]
