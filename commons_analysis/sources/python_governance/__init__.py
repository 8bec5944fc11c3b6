"""The ``python-governance`` source: Python's PEPs, 2018 governance vote, council elections and core team.

Definition
----------
:func:`build` reads the public records of ``data/raw/python-governance/``
(the header of every PEP, the governance PEPs whole, the core team log; see
its ``SOURCE.md``) and returns the case they make, in the data contract of
docs/design.md §Sources: persons and bodies of the project as actors, membership of the
core team and council terms as relations, the core team's votes as
``ballot`` events, and every PEP with a recorded resolution and every
council election as a decision. ``case.yaml`` explains each choice (key
``mapping``). The result depends on the records only: building twice gives
equal tables and metadata, and the raw files are only read.

Bad records (a PEP header without Status, without a PEP number, with an
unreadable Created date; a core team row with the wrong number of columns
or a bad date; …) raise one :class:`~commons_analysis.core.errors.CaseError`
naming every file and line at once; nothing is built.

Reference: PEP 1 (PEP process and header), PEP 13 (governance), PEPs 8000–8016, 8100–8107;
docs/design.md §Sources.

Example
-------
>>> from pathlib import Path
>>> case = build(Path("data/raw/python-governance"))                    # doctest: +SKIP
>>> case.tables["decisions"].set_index("decision_id").loc["pep-0572", "rule"]  # doctest: +SKIP
'other'
"""

from __future__ import annotations

from pathlib import Path

from commons_analysis.core.errors import CaseError
from commons_analysis.sources import ImportedCase
from commons_analysis.sources.corpus import with_evidence
from commons_analysis.sources.python_governance import texts
from commons_analysis.sources.python_governance.mapping import build_tables
from commons_analysis.sources.python_governance.meta import case_meta
from commons_analysis.sources.python_governance.records import read_records

DEFAULT_CASE_ID = "python-governance"


def build(raw_dir: Path, case_id: str = DEFAULT_CASE_ID) -> ImportedCase:
    """The case built from the records of ``raw_dir``; a :class:`CaseError` lists every bad record."""
    records = read_records(Path(raw_dir))
    built, problems = build_tables(records)
    if problems:
        raise CaseError(problems)
    imported = ImportedCase(case_meta(case_id, built.tables, built.figures), built.tables)
    return with_evidence(imported, Path(raw_dir), texts.documents(Path(raw_dir)), texts.NOTE)


__all__ = ["DEFAULT_CASE_ID", "build"]
