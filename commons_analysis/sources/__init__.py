"""Cases from public records: one importer per kind of record (docs/design.md §Sources).

An importer reads the records of ``data/raw/<source>/`` (never modifying
them) and returns an :class:`ImportedCase`: the content of ``case.yaml`` and
the tables of the data contract. :func:`import_case` writes it as a case
folder, the same bytes every time, validated before it appears, and never
over an existing case. Every number of the report is then computed by the
same code as for a hand-made case.

May import: ``core``, ``model``, ``ingest``, ``analysis`` (an importer may count a vote by its rule).

Example
-------
>>> import pandas as pd
>>> imported = ImportedCase({"id": "tiny", "data_status": "documented"},
...     {"actors": pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["commons"]})})
>>> sorted(case_files(imported))
['actors.csv', 'case.yaml']
>>> case_files(imported)["actors.csv"].decode()
'actor_id,name,sector\\na,A,commons\\n'
"""

from __future__ import annotations

import importlib
import io
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
import yaml

from commons_analysis.core.defaults import DEFAULT_DATA_DIR
from commons_analysis.core.errors import CaseError, Problem, display_path
from commons_analysis.core.files import staged_folder
from commons_analysis.core.messages import Message, say
from commons_analysis.model.schema.tables import TABLES

#: Source name → (module that reads it, the id of the case it builds by default).
SOURCES: dict[str, tuple[str, str]] = {
    "debian-vote": ("commons_analysis.sources.debian", "debian-votes"),
    "python-governance": ("commons_analysis.sources.python_governance", "python-governance"),
    "pabulib": ("commons_analysis.sources.pabulib", "pabulib"),
}

HEADER = (
    "# Built from public records by `commons-analysis import {source} {raw}`: do not edit by hand,\n"
    "# change the importer and import again. / Construit à partir d'archives publiques par cette\n"
    "# commande : ne pas modifier à la main, modifier l'importateur et importer à nouveau.\n"
)


@dataclass(frozen=True)
class ImportedCase:
    """A case built from public records, before it is written.

    ``meta`` is the content of ``case.yaml`` (key order kept); ``tables`` maps
    a table name to a frame with the canonical columns of docs/design.md §Tables;
    ``summary`` says what the import found, matched and assumed, one message
    of the catalogue per line, to be written in the user's language (for the
    user, not written to the case).
    """

    meta: Mapping[str, Any]
    tables: Mapping[str, pd.DataFrame]
    summary: tuple[Message, ...] = ()
    #: Other files of the case folder, by relative path (the texts of its sources: ``texts/…``).
    files: Mapping[str, bytes] = field(default_factory=dict)


class Imported(NamedTuple):
    """A case written by :func:`import_case`: its folder, and what the import found (lines of messages)."""

    folder: Path
    summary: tuple[Message, ...]


def importer(source: str) -> Callable[[Path, str], ImportedCase]:
    """The ``build(raw_dir, case_id)`` function of ``source``; an unknown source is a ``ValueError``."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; the sources are: {', '.join(sorted(SOURCES))}")
    module = importlib.import_module(SOURCES[source][0])
    build: Callable[[Path, str], ImportedCase] = module.build
    return build


def table_csv(name: str, frame: pd.DataFrame) -> bytes:
    """One table as UTF-8 CSV: canonical column order, ``\\n`` line ends, whole numbers without ``.0``."""
    order = [column for column in TABLES[name].names if column in frame.columns]
    unknown = [column for column in frame.columns if column not in order]
    if unknown:
        raise ValueError(f"{name}: columns not in the data contract: {unknown}")
    frame = frame[order].copy()
    for column in order:
        if pd.api.types.is_float_dtype(frame[column]) and (frame[column].dropna() % 1 == 0).all():
            frame[column] = frame[column].astype("Int64")
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


class _PlainDumper(yaml.SafeDumper):
    """A YAML dumper that writes a value twice rather than an anchor and an alias (``&id001``)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def case_yaml(meta: Mapping[str, Any], header: str = "") -> bytes:
    """``case.yaml`` as UTF-8 text, keys in the given order (a deterministic dump, no YAML aliases)."""
    body = yaml.dump(
        dict(meta),
        Dumper=_PlainDumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return (header + body).encode("utf-8")


def case_files(imported: ImportedCase, header: str = "") -> dict[str, bytes]:
    """The files of the case folder: ``case.yaml`` and one CSV per table given (an empty one too)."""
    files = {"case.yaml": case_yaml(imported.meta, header)}
    for name, frame in imported.tables.items():
        files[f"{name}.csv"] = table_csv(name, frame)
    files.update(imported.files)
    return files


def raw_path(raw_dir: Path) -> str:
    """How the records folder is named in a case: ``data/raw/…`` inside a project, else its own name.

    >>> raw_path(Path("/home/me/project/data/raw/pabulib/france-toulouse")), raw_path(Path("/tmp/votes"))
    ('data/raw/pabulib/france-toulouse', 'votes')
    """
    parts = Path(raw_dir).absolute().parts
    for index in range(len(parts) - 2, 0, -1):
        if parts[index - 1 : index + 1] == ("data", "raw"):
            return "/".join(parts[index - 1 :])
    return Path(raw_dir).name


def import_case(
    source: str,
    raw_dir: Path | str,
    case_id: str | None = None,
    data_dir: Path | str = DEFAULT_DATA_DIR,
) -> Imported:
    """Build the case of ``source`` from ``raw_dir`` and write it to ``data_dir/case_id``.

    The folder appears whole or not at all: it is checked with the same
    validation as a hand-made case before it is moved into place. A bad case
    id, a missing records folder, an existing case (never overwritten) and bad
    records raise :class:`~commons_analysis.core.errors.CaseError` naming file
    and line.
    """
    from commons_analysis.ingest.loading import case_id_message, load_case

    build = importer(source)
    case_id = case_id or SOURCES[source][1]
    problem = case_id_message(case_id)
    if problem:
        raise CaseError([Problem.of(case_id[:80], None, None, problem)])
    raw_dir, target = Path(raw_dir), Path(data_dir) / case_id
    if not raw_dir.is_dir():
        raise CaseError([Problem.of(display_path(raw_dir), None, None, say("sources.no_raw_folder"))])
    if target.exists():
        raise CaseError([Problem.of(display_path(target), None, None, say("sources.exists"))])
    imported = build(raw_dir, case_id)
    header = HEADER.format(source=source, raw=f"{raw_path(raw_dir)} --case {case_id}")
    files = case_files(imported, header)
    with tempfile.TemporaryDirectory() as scratch:
        check = Path(scratch) / case_id
        check.mkdir()
        for name, data in files.items():
            (check / name).parent.mkdir(parents=True, exist_ok=True)
            (check / name).write_bytes(data)
        load_case(check)  # a case the importer got wrong is refused here, before anything is written
        with staged_folder(target) as staging:
            for name in files:
                (staging / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(check / name, staging / name)
    return Imported(target, imported.summary)


__all__ = [
    "SOURCES",
    "Imported",
    "ImportedCase",
    "case_files",
    "case_yaml",
    "import_case",
    "importer",
    "raw_path",
    "table_csv",
]
