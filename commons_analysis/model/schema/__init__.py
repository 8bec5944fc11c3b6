"""The data contract of a case: tables, columns, types, enumerations and aliases.

Everything that knows what a column *is* reads it from here: the reader (to
recognise French headers and values), the validator (to check and coerce),
the templates of ``new-case`` and the Table Schemas of the Data Package
export. See docs/design.md §Tables.

One module per idea: :mod:`.vocabularies` (the closed lists of values),
:mod:`.aliases` (their accepted spellings), :mod:`.tables` (tables and
columns), :mod:`.frames` (dtypes and frames that follow the contract).

Example
-------
>>> TABLES["actors"].column("sector").enum
('commons', 'public', 'sse', 'private', 'citizen', 'other')
>>> ENUM_ALIASES["sector"][fold("privé")]
'private'
"""

from __future__ import annotations

from commons_analysis.model.schema.aliases import ENUM_ALIASES, fold
from commons_analysis.model.schema.frames import conform, dtype, empty_frame
from commons_analysis.model.schema.tables import (
    BUDGET_TABLES,
    CORE_TABLES,
    EVIDENCE_TABLES,
    TABLE_ALIASES,
    TABLES,
    Column,
    ColumnType,
    Table,
)
from commons_analysis.model.schema.vocabularies import (
    ACTOR_KINDS,
    ARNSTEIN_RUNGS,
    CASE_ID_PATTERN,
    DATA_STATUSES,
    DECISION_RULES,
    DIRECTED_RELATION_TYPES,
    EVENT_KINDS,
    OSTROM_PRINCIPLES,
    PARTICIPATION_ROLES,
    PERSPECTIVES,
    RELATION_TYPES,
    SECTORS,
    SOURCE_KINDS,
    SYMMETRIC_RELATION_TYPES,
    VOTE_TYPES,
)

__all__ = [
    "ACTOR_KINDS",
    "ARNSTEIN_RUNGS",
    "BUDGET_TABLES",
    "CASE_ID_PATTERN",
    "CORE_TABLES",
    "DATA_STATUSES",
    "DECISION_RULES",
    "DIRECTED_RELATION_TYPES",
    "ENUM_ALIASES",
    "EVENT_KINDS",
    "EVIDENCE_TABLES",
    "OSTROM_PRINCIPLES",
    "PARTICIPATION_ROLES",
    "PERSPECTIVES",
    "RELATION_TYPES",
    "SECTORS",
    "SOURCE_KINDS",
    "SYMMETRIC_RELATION_TYPES",
    "TABLES",
    "TABLE_ALIASES",
    "VOTE_TYPES",
    "Column",
    "ColumnType",
    "Table",
    "conform",
    "dtype",
    "empty_frame",
    "fold",
]
