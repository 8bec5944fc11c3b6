"""A case's evidence from records: governance texts as sources, and their codings (issue 16).

An importer of public records (Debian, Python) adds the texts it was given as
**sources** of its case — each copied unchanged into the case's ``texts/`` —
and the codings of ``<raw>/evidence/codings.csv``, written by the project
(not a public record: see that folder's ``README.md``). That file gives, per
row, the source, the segment (a section of the text), the coder, the code,
its value, the excerpt as it reads in the text (line breaks aside) and a memo;
the importer finds the excerpt in the text and writes its offsets, so a
coding always points at the exact characters it quotes. An excerpt that is
not in its text, or a source that is not among the texts, is a problem of that
file and line. ``<raw>/evidence/recommendations.yaml``, if present, holds the
recommendations drawn from those codings (``case.yaml``, ``recommendations``).

Example
-------
>>> locate("a  free\\noperating system", "Create a free operating system.")
(7, 30)
>>> locate("absent words", "Create a free operating system.") is None
True
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from commons_analysis.core.errors import CaseError, Problem, display_path, quote
from commons_analysis.core.messages import say
from commons_analysis.ingest.evidence import read_source_text
from commons_analysis.sources import ImportedCase

#: The folder of a source's records that holds the project's codings of its texts.
EVIDENCE_DIR = "evidence"
#: Columns of ``evidence/codings.csv``.
CODING_FILE_COLUMNS = ("source_id", "segment", "coder", "code", "value", "excerpt", "memo")


@dataclass(frozen=True)
class Document:
    """A text of the records that becomes a source: its id, path under the records, title, date, link."""

    source_id: str
    path: str
    title: str
    date: dt.date | None
    url: str


def locate(excerpt: str, text: str) -> tuple[int, int] | None:
    """Where ``excerpt`` first stands in ``text``, spaces and line breaks aside: (start, end), or None."""
    words = excerpt.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return None if match is None else (match.start(), match.end())


def _texts(raw_dir: Path, documents: Sequence[Document]) -> dict[str, tuple[str, bytes]]:
    """Each document's decoded text and bytes, by source id."""
    texts = {}
    for document in documents:
        path = raw_dir / document.path
        data = path.read_bytes()
        texts[document.source_id] = (read_source_text(path, display_path(path)), data)
    return texts


def _codings(path: Path, texts: dict[str, tuple[str, bytes]]) -> pd.DataFrame:
    """The codings of ``evidence/codings.csv`` with their offsets in the texts; every problem at once."""
    where = display_path(path)
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    missing = [c for c in CODING_FILE_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CaseError([Problem.of(where, 1, c, say("ingest.validation.required_column")) for c in missing])
    rows, problems = [], []
    for number, row in enumerate(reader, start=1):
        line = reader.line_num
        source = row["source_id"]
        if source not in texts:
            problems.append(
                Problem.of(
                    where, line, "source_id", say("ingest.evidence.unknown_source", value=quote(source))
                )
            )
            continue
        text = texts[source][0]
        found = locate(row["excerpt"], text)
        if found is None:
            message = say("sources.evidence.not_found", value=quote(row["excerpt"]), source=quote(source))
            problems.append(Problem.of(where, line, "excerpt", message))
            continue
        start, end = found
        rows.append(
            {
                "coding_id": f"c{number:03d}",
                "source_id": source,
                "start": start,
                "end": end,
                "segment": row["segment"] or None,
                "excerpt": text[start:end],
                "code": row["code"],
                "coder": row["coder"],
                "value": float(row["value"]) if row["value"].strip() else None,
                "memo": row["memo"] or None,
            }
        )
    if problems:
        raise CaseError(problems)
    return pd.DataFrame(rows)


def text_file(document: Document) -> str:
    """Where the case keeps a document's text: ``texts/<its file name>``."""
    return f"texts/{Path(document.path).name}"


def with_evidence(
    imported: ImportedCase, raw_dir: Path, documents: Sequence[Document], note: dict[str, str]
) -> ImportedCase:
    """``imported`` with the documents as sources (texts copied), the codings of ``evidence/``, and in
    ``case.yaml`` ``evidence_status: illustrative``, the mapping's ``evidence`` entry (``note``) and the
    recommendations. Without an ``evidence/codings.csv``, ``imported`` unchanged.
    """
    folder = Path(raw_dir) / EVIDENCE_DIR
    if not (folder / "codings.csv").is_file():
        return imported
    texts = _texts(Path(raw_dir), documents)
    sources = pd.DataFrame(
        {
            "source_id": [d.source_id for d in documents],
            "kind": "document",
            "title": [d.title for d in documents],
            "date": [d.date.isoformat() if d.date else None for d in documents],
            "language": "en",
            "consent": True,  # published texts under open licences: they may be quoted
            "file": [text_file(d) for d in documents],
            "reference": [d.url for d in documents],
        }
    )
    codings = _codings(folder / "codings.csv", texts)
    meta: dict[str, Any] = dict(imported.meta)
    mapping = dict(meta.get("mapping") or {})
    mapping["evidence"] = note
    meta["mapping"] = mapping
    meta["evidence_status"] = "illustrative"
    recommendations = folder / "recommendations.yaml"
    if recommendations.is_file():
        meta["recommendations"] = yaml.safe_load(recommendations.read_text(encoding="utf-8"))[
            "recommendations"
        ]
    files = {text_file(d): texts[d.source_id][1] for d in documents}
    tables = {**imported.tables, "sources": sources, "codings": codings}
    return dataclasses.replace(imported, meta=meta, tables=tables, files={**imported.files, **files})


__all__ = ["CODING_FILE_COLUMNS", "EVIDENCE_DIR", "Document", "locate", "text_file", "with_evidence"]
