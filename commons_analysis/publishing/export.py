"""Publishing a case as open data: a Frictionless Data Package.

Normalized UTF-8 CSV files (ISO dates, ``true``/``false``, ``|``-separated
tags) and a ``datapackage.json`` with one Table Schema per table, primary and
foreign keys, the case metadata, its sources and its licence. Text cells that
a spreadsheet would run as a formula (starting with ``= + - @``) are
neutralized with a leading apostrophe (OWASP, "CSV injection"). Persons
appear under their pseudonyms unless the case opts in with ``show_names``.

Reference: Frictionless Data, *Data Package* and *Table Schema* specifications.

Example
-------
>>> package = export_datapackage(case, Path("out"))  # doctest: +SKIP
>>> frictionless.validate(package).valid  # doctest: +SKIP
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from commons_analysis.core.errors import CaseError, Problem, display_path
from commons_analysis.core.files import staged_folder
from commons_analysis.core.messages import say
from commons_analysis.core.version import __version__
from commons_analysis.model.case import Case
from commons_analysis.model.schema.tables import BUDGET_TABLES, CORE_TABLES, EVIDENCE_TABLES, TABLES, Column

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_FIELD_TYPES = {
    "id": "string",
    "text": "string",
    "tags": "string",
    "ids": "string",
    "labels": "string",
    "enum": "string",
    "date": "date",
    "number": "number",
    "count": "integer",
    "bool": "boolean",
}

_FOREIGN_KEYS = {
    "relations": [("source", "actors", "actor_id"), ("target", "actors", "actor_id")],
    "participation": [("event_id", "events", "event_id"), ("actor_id", "actors", "actor_id")],
    "decisions": [("event_id", "events", "event_id"), ("initiated_by", "actors", "actor_id")],
    "budgets": [("event_id", "events", "event_id"), ("part_of", "events", "event_id")],
    "projects": [("event_id", "events", "event_id"), ("decision_id", "decisions", "decision_id")],
}


def neutralize_formula(text: object) -> object:
    """Prefix a text a spreadsheet would run as a formula with an apostrophe.

    >>> neutralize_formula("=HYPERLINK(1)"), neutralize_formula("Brest")
    ("'=HYPERLINK(1)", 'Brest')
    """
    if isinstance(text, str) and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": _FIELD_TYPES[column.type]}
    if column.description:
        field["description"] = column.description
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.type == "bool":
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    if column.type == "date":
        field["format"] = "%Y-%m-%d"
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(table: str) -> dict[str, Any]:
    """The Table Schema of ``table`` (fields, primary key, foreign keys)."""
    spec = TABLES[table]
    schema: dict[str, Any] = {"fields": [_field(c) for c in spec.columns], "missingValues": [""]}
    if spec.primary_key:
        schema["primaryKey"] = list(spec.primary_key)
    foreign = _FOREIGN_KEYS.get(table, [])
    if foreign:
        schema["foreignKeys"] = [
            {"fields": field, "reference": {"resource": resource, "fields": key}}
            for field, resource, key in foreign
        ]
    return schema


def exported_tables(case: Case) -> list[str]:
    """The tables an export holds: every core table, and the budget and evidence tables the case fills.

    >>> from commons_analysis.model.case import Case
    >>> exported_tables(Case.from_frames({"id": "x"}, actors=pd.DataFrame({"actor_id": [], "name": []})))
    ['actors', 'relations', 'events', 'participation', 'decisions']
    """
    optional = (*BUDGET_TABLES, *EVIDENCE_TABLES)
    return [*CORE_TABLES, *(table for table in optional if len(case.table(table)))]


def normalized_table(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """A table as plain text cells ready for CSV: ISO dates, true/false, joined tags, neutralized formulas."""
    out = pd.DataFrame(index=frame.index)
    for column in TABLES[table].columns:
        values = frame[column.name]
        if column.type in ("tags", "ids", "labels"):
            text = values.map("|".join)
        elif column.type == "date":
            text = values.dt.strftime("%Y-%m-%d")
        elif column.type == "bool":
            text = values.map({True: "true", False: "false"})
        elif column.type == "number":
            text = values.astype(object).map(
                lambda v: "" if pd.isna(v) else f"{v:g}" if float(v).is_integer() else repr(float(v))
            )
        elif column.type == "count":
            text = values.astype(object).map(lambda v: "" if pd.isna(v) else str(int(v)))
        else:
            text = values.astype(object)
        text = text.astype(object).where(text.notna(), "")
        if column.type in ("id", "ids", "text", "tags", "labels"):
            text = text.map(neutralize_formula)
        out[column.name] = text
    return out


def export_datapackage(
    case: Case, out: Path | str, *, secret: bytes | None = None, keep_person_groups: bool = False
) -> Path:
    """Write ``case`` as a Data Package in folder ``out``; return the descriptor path.

    ``out`` is created, or replaced whole when it holds an earlier package.

    The folder is written beside its destination and renamed into place, so a
    failure never leaves half a package. ``commons_analysis.provenance`` records
    the software, the lock file and the SHA-256 of the case's files, without any
    path of the machine (:func:`~commons_analysis.publishing.provenance.export_record`).
    """
    from commons_analysis.publishing.privacy import publishable_case
    from commons_analysis.publishing.provenance import export_record

    out = Path(out)
    if out.exists() and (
        not out.is_dir() or (any(out.iterdir()) and not (out / "datapackage.json").exists())
    ):
        raise CaseError([Problem.of(display_path(out), None, None, say("publishing.export.not_a_package"))])
    shown = publishable_case(case, secret=secret, keep_person_groups=keep_person_groups)
    with staged_folder(out, replace=True) as staging:
        resources = []
        for table in exported_tables(shown):
            frame = normalized_table(shown.table(table), table)
            frame.to_csv(staging / f"{table}.csv", index=False, encoding="utf-8", lineterminator="\n")
            resources.append(
                {
                    "name": table,
                    "path": f"{table}.csv",
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "schema": table_schema(table),
                }
            )
        meta = shown.meta  # names scrubbed from the free texts too
        descriptor: dict[str, Any] = {
            "profile": "tabular-data-package",
            "name": meta.id,
            "title": meta.title.text("en") or meta.id,
            "description": meta.summary.text("en"),
            "licenses": [{"name": meta.licence}]
            if meta.licence
            else [{"name": "not-specified", "title": "No licence given: set 'licence' in case.yaml"}],
            "sources": [
                {k: v for k, v in {"title": s.title, "path": s.url}.items() if v} for s in meta.sources
            ],
            "keywords": ["commons", "democracy", *meta.perspectives],
            "resources": resources,
            "commons_analysis": {
                "version": __version__,
                "case": meta.model_dump(mode="json", exclude_none=True),
                "pseudonymized": not meta.show_names,
                "person_groups": "kept" if keep_person_groups else "removed",
                "provenance": export_record(case),
            },
        }
        (staging / "datapackage.json").write_text(
            json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return out / "datapackage.json"
