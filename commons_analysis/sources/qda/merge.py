"""Adding what a qualitative-analysis tool coded to a case: ``commons-analysis import-coding``.

The case's own files are never rewritten: new sources and codings are
**appended** to ``sources.csv`` and ``codings.csv`` (created with the canonical
headers when absent; an existing file keeps its delimiter, headers and rows),
and each new source's text is written to ``texts/<source_id>.txt``, never over
a different file. Everything is checked first, every problem at once: codes
neither in the codebook nor in ``case.yaml`` (with the YAML to declare them),
a source id already used for another text, a coder who already coded that
source. The case as it would be is then validated in a scratch copy; only a
valid result is written.

Example
-------
>>> appended_line({"a": "x;y", "b": None}, ["b", "a"], ";")
';"x;y"\\n'
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import yaml

from commons_analysis.core.errors import CaseError, Problem, display_path, quote
from commons_analysis.core.files import atomic_write_bytes
from commons_analysis.core.messages import say
from commons_analysis.ingest.loading import load_case
from commons_analysis.ingest.reading.delimited import sniff_delimiter
from commons_analysis.model.codebook import case_codebook
from commons_analysis.model.schema.aliases import fold
from commons_analysis.model.schema.tables import TABLES
from commons_analysis.sources.qda.coded import Coded


def appended_line(row: Mapping[str, object], headers: Sequence[str], delimiter: str) -> str:
    """One CSV line of ``row`` under ``headers`` (empty cells for missing values)."""
    buffer = io.StringIO()
    cells = [
        ""
        if row.get(h) is None or (not isinstance(row.get(h), str) and pd.isna(row.get(h)))
        else _cell(row[h])
        for h in headers
    ]
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _append(path: Path, table: str, rows: list[dict[str, object]]) -> bytes:
    """The bytes of ``path`` with ``rows`` appended in its own dialect (else a new file, canonical header)."""
    if not path.exists():
        names = TABLES[table].names
        return (",".join(names) + "\n" + "".join(appended_line(r, names, ",") for r in rows)).encode("utf-8")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CaseError(
            [
                Problem.of(
                    display_path(path),
                    None,
                    None,
                    say("sources.qda.csv_appended", table=table, columns=("utf-8",)),
                )
            ]
        ) from None
    header_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    delimiter = sniff_delimiter(header_line)
    headers = next(csv.reader([header_line], delimiter=delimiter)) if header_line else []
    aliases = TABLES[table].header_aliases()
    canonical = {h: aliases.get(fold(h)) for h in headers}
    needed = sorted(
        {
            k
            for r in rows
            for k, v in r.items()
            if v is not None and not (not isinstance(v, str) and pd.isna(v))
        }
    )
    missing = [c for c in needed if c not in canonical.values()]
    if missing:
        raise CaseError(
            [
                Problem.of(
                    display_path(path),
                    1,
                    None,
                    say("sources.qda.csv_appended", table=table, columns=tuple(missing)),
                )
            ]
        )
    lines = "".join(
        appended_line({h: r.get(c) for h, c in canonical.items() if c}, headers, delimiter) for r in rows
    )
    separator = "" if text.endswith("\n") or not text else "\n"
    return (text + separator + lines).encode("utf-8")


def undeclared_yaml(codes: Sequence[str], descriptions: Mapping[str, str]) -> str:
    """The ``codes:`` block of ``case.yaml`` that declares ``codes``."""
    block = {
        "codes": {
            code: {"label": {"fr": descriptions.get(code) or code, "en": descriptions.get(code) or code}}
            for code in codes
        }
    }
    return yaml.safe_dump(block, allow_unicode=True, sort_keys=False).rstrip()


def add_to_case(folder: Path, coded: Coded) -> tuple[int, int]:
    """Append ``coded`` to the case in ``folder`` (module docstring): (sources added, codings added)."""
    case = load_case(folder)
    where = display_path(folder)
    problems: list[Problem] = []
    book = case_codebook(case.meta)
    unknown = sorted(set(coded.codings["code"].dropna().astype(str)) - set(book))
    if unknown:
        message = say(
            "sources.qda.undeclared_codes", codes=tuple(unknown), yaml=undeclared_yaml(unknown, coded.codes)
        )
        problems.append(Problem.of(display_path(folder / "case.yaml"), None, None, message))
    existing = case.sources.set_index("source_id")
    new_sources = []
    for row in coded.sources.to_dict("records"):
        source_id = str(row["source_id"])
        if source_id in existing.index:
            file = existing.loc[source_id, "file"]
            old = (folder / str(file)).read_text(encoding="utf-8-sig") if not pd.isna(file) else None
            if source_id in coded.texts and old is not None and old != coded.texts[source_id]:
                problems.append(
                    Problem.of(where, None, None, say("sources.qda.source_clash", value=quote(source_id)))
                )
            continue
        text_path = folder / "texts" / f"{source_id}.txt"
        if (
            source_id in coded.texts
            and text_path.exists()
            and text_path.read_text(encoding="utf-8") != coded.texts[source_id]
        ):
            problems.append(
                Problem.of(
                    display_path(text_path),
                    None,
                    None,
                    say("sources.qda.source_clash", value=quote(source_id)),
                )
            )
        new_sources.append(row)
    done = set(zip(case.codings["coder"].astype(str), case.codings["source_id"].astype(str), strict=True))
    for coder, source in sorted(
        set(zip(coded.codings["coder"].astype(str), coded.codings["source_id"].astype(str), strict=True))
        & done
    ):
        problems.append(
            Problem.of(
                where, None, None, say("sources.qda.already_coded", coder=quote(coder), value=quote(source))
            )
        )
    if problems:
        raise CaseError(problems)
    codings = coded.codings.to_dict("records")
    taken = set(case.codings["coding_id"].dropna().astype(str))
    number = len(taken) + 1
    for row in codings:
        if row.get("coding_id") is None or pd.isna(row["coding_id"]) or str(row["coding_id"]) in taken:
            while f"c{number}" in taken:
                number += 1
            row["coding_id"] = f"c{number}"
        taken.add(str(row["coding_id"]))
    files = {
        "sources.csv": _append(_table_path(folder, "sources"), "sources", new_sources),
        "codings.csv": _append(_table_path(folder, "codings"), "codings", codings),
    }
    texts = {
        f"texts/{r['source_id']}.txt": coded.texts[str(r["source_id"])].encode("utf-8")
        for r in new_sources
        if str(r["source_id"]) in coded.texts
    }
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / folder.name
        shutil.copytree(folder, trial)
        for name, data in {
            **texts,
            **{_table_path(folder, t).name: files[f"{t}.csv"] for t in ("sources", "codings")},
        }.items():
            (trial / name).parent.mkdir(parents=True, exist_ok=True)
            (trial / name).write_bytes(data)
        load_case(trial)  # what would be written is a valid case, or nothing is written
    for name, data in texts.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(folder / name, data)
    for table in ("sources", "codings"):
        atomic_write_bytes(_table_path(folder, table), files[f"{table}.csv"])
    return len(new_sources), len(codings)


def _table_path(folder: Path, table: str) -> Path:
    """The file of ``table`` in ``folder`` under any of its accepted names, else ``<table>.csv``."""
    names = {fold(table), *(fold(n) for n in TABLES[table].french)}
    for path in sorted(folder.glob("*.csv")):
        if fold(path.stem) in names:
            return path
    return folder / f"{table}.csv"


def read_coding_file(path: Path, coder: str | None = None, kind: str = "document") -> Coded:
    """Read any supported file by its extension: Taguette project (``.sqlite3``, ``.sqlite``, ``.db``) or
    highlights (``.csv``), REFI-QDA project (``.qdpx``)."""
    from commons_analysis.sources.qda.refi import read_qdpx
    from commons_analysis.sources.qda.taguette import read_taguette_highlights, read_taguette_project

    suffix = path.suffix.lower()
    if suffix in (".sqlite3", ".sqlite", ".db"):
        return read_taguette_project(path, coder, kind)
    if suffix == ".csv":
        return read_taguette_highlights(path, coder, kind)
    if suffix == ".qdpx":
        return read_qdpx(path, kind)
    raise CaseError(
        [
            Problem.of(
                display_path(path), None, None, say("sources.qda.format", value=quote(suffix or path.name))
            )
        ]
    )


__all__ = ["add_to_case", "appended_line", "read_coding_file", "undeclared_yaml"]
