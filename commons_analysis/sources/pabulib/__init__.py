"""The ``pabulib`` source: participatory budgeting votes, ballot by ballot, from Pabulib's ``.pb`` files.

Definition
----------
:func:`build` reads every ``.pb`` file of a folder (:mod:`.pbfile`), maps
them to the case tables of a budget vote (:mod:`.mapping`: events, budgets,
projects, decisions, actors, participation; proposers through the reviewed
mapping of :mod:`.proposers`) and writes ``case.yaml`` (:mod:`.meta`).
Bad files raise one :class:`~commons_analysis.core.errors.CaseError` listing
every problem of every file, with its line and column; nothing is built.

Reference: Faliszewski et al., "Participatory Budgeting: Data, Tools, and
Analysis", IJCAI 2023 (Pabulib); BUDGET_CONTRACT.md.

Example
-------
>>> from pathlib import Path
>>> imported = build(Path("data/raw/pabulib/france-toulouse"), "toulouse")  # doctest: +SKIP
>>> len(imported.tables["budgets"])  # doctest: +SKIP
23
"""

from __future__ import annotations

from pathlib import Path

from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.core.messages import say
from commons_analysis.sources import ImportedCase
from commons_analysis.sources.pabulib.mapping import case_tables
from commons_analysis.sources.pabulib.meta import case_meta
from commons_analysis.sources.pabulib.pbfile import PbFile, read_pb


def read_folder(raw_dir: Path) -> list[PbFile]:
    """Every ``.pb`` file of ``raw_dir``, sorted by name; every problem of every file at once."""
    paths = sorted(p for p in Path(raw_dir).iterdir() if p.suffix.lower() == ".pb" and p.is_file())
    if not paths:
        raise CaseError([Problem.of(str(raw_dir), None, None, say("sources.pabulib.no_pb_files"))])
    files: list[PbFile] = []
    problems: list[Problem] = []
    for path in paths:
        pb, found = read_pb(path)
        problems.extend(found)
        if pb is not None:
            files.append(pb)
    if problems:
        raise CaseError(problems)
    return files


def build(raw_dir: Path | str, case_id: str = "pabulib") -> ImportedCase:
    """The case of the ``.pb`` files of ``raw_dir`` (see the module)."""
    raw_dir = Path(raw_dir)
    files = read_folder(raw_dir)
    tables, said, problems = case_tables(files)
    if problems:
        raise CaseError(problems)
    return ImportedCase(case_meta(case_id, raw_dir, tables), tables, tuple(said))


__all__ = ["build", "read_folder"]
