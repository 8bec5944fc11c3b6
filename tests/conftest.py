"""Shared fixtures of the test suite. Helpers may APPEND fixtures here; never rewrite others' fixtures.

Foundation fixtures (reading, validation, loading tests):

- ``base_files``: the files of a small valid case, ``{file name: text}``, every line known;
- ``write_case(files=None, folder="base-case", **replacements)``: write a case folder under
  ``tmp_path`` from ``base_files`` with some files replaced (``None`` deletes one);
- ``case_writers``: writers of one case as clean CSV, French Excel CSV and ``case.xlsx``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

#: A test run on a real file larger than this, or a case folder larger than LARGE_FOLDER, is marked
#: ``slow``: ``make test`` runs it; ``make test-fast`` (under a minute) keeps the small files.
LARGE_FILE = 50_000
LARGE_FOLDER = 1_000_000


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.glob("*") if p.is_file()) if path.is_dir() else 0


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` every test parametrized with a large real file or case folder."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        paths = [v for v in (callspec.params.values() if callspec else ()) if isinstance(v, Path)]
        if any(_size(p) > (LARGE_FILE if p.is_file() else LARGE_FOLDER) for p in paths):
            item.add_marker(pytest.mark.slow)


# ---------------------------------------------------------------------------
# A small valid case. Line numbers count the header as line 1, as docs/design.md §Validation says:
# actors.csv line 2 is a1, line 5 is p2; events line 2 is e1, etc.
# ---------------------------------------------------------------------------

BASE_CASE_YAML = """\
id: base-case
title: {fr: "Cas de base", en: "Base case"}
place: Grasse
country: FR
period: {start: 2020-01-01, end: 2021-12-31}
legal_form: SCIC
perspectives: [public_power, distant_people]
data_status: illustrative
show_names: false
summary: {fr: "Un petit cas valide.", en: "A small valid case."}
sources:
  - {title: "Seed text", url: "https://example.org/seed", accessed: 2026-11-29}
inclusion_groups:
  qpv:
    label: {fr: "Quartiers prioritaires", en: "Priority neighbourhoods"}
    population_share: 0.2
  unemployed:
    label: {fr: "Sans emploi", en: "Unemployed"}
    population_share: 0.1
assessment:
  ostrom:
    boundaries: {score: 2, evidence: "Membership is defined."}
    congruence: {score: 1, evidence: "Partly."}
  arnstein: {rung: partnership, evidence: "Shared decisions."}
"""

BASE_ACTORS = """\
actor_id,name,sector,kind,role,groups
a1,Ville de Grasse,public,organisation,commune,
a2,Association Tetris,sse,organisation,,
p1,Alice Martin,citizen,person,habitante,qpv
p2,Bruno Durand,commons,person,,qpv|unemployed
"""

BASE_RELATIONS = """\
source,target,type,weight,amount_eur,start,end,note
a1,a2,funding,1,15000,2020-01-01,2020-12-31,subvention
p1,a2,membership,,,2020-03-01,,
a2,p2,partnership,2,,,,
"""

BASE_EVENTS = """\
event_id,date,kind,title,open,duration_hours
e1,2020-02-01,assembly,Assemblée générale,true,3
e2,2020-06-15,working_group,Atelier,false,2
"""

BASE_PARTICIPATION = """\
event_id,actor_id,role,hours,paid
e1,p1,facilitator,3,false
e1,p2,attendee,,false
e2,p1,attendee,2,true
"""

BASE_DECISIONS = """\
decision_id,event_id,date,topic,rule,initiated_by,adopted
d1,e1,,Statuts,consensus,p1,true
d2,,2020-09-01,Budget,public_authority,a1,false
"""

BASE_FILES: dict[str, str] = {
    "case.yaml": BASE_CASE_YAML,
    "actors.csv": BASE_ACTORS,
    "relations.csv": BASE_RELATIONS,
    "events.csv": BASE_EVENTS,
    "participation.csv": BASE_PARTICIPATION,
    "decisions.csv": BASE_DECISIONS,
}


@pytest.fixture
def base_files() -> dict[str, str]:
    """The files of the small valid case (a fresh copy: tests may change it)."""
    return dict(BASE_FILES)


@pytest.fixture
def write_case(tmp_path: Path) -> Callable[..., Path]:
    """Write a case folder under ``tmp_path`` from the base files, some replaced.

    ``write_case(**{"actors.csv": text})`` replaces a file; ``None`` leaves it out;
    ``files=`` gives the whole set; ``folder=`` names the folder (default ``base-case``).
    Text is written as UTF-8 unless bytes are given.
    """

    def write(
        files: dict[str, str | bytes | None] | None = None,
        folder: str = "base-case",
        **replacements: str | bytes | None,
    ) -> Path:
        chosen: dict[str, str | bytes | None] = dict(BASE_FILES if files is None else files)
        chosen.update(replacements)
        target = tmp_path / folder
        target.mkdir(parents=True, exist_ok=True)
        for name, content in chosen.items():
            if content is None:
                continue
            if isinstance(content, bytes):
                (target / name).write_bytes(content)
            else:
                (target / name).write_text(content, encoding="utf-8", newline="")
        return target

    return write


# ---------------------------------------------------------------------------
# One case, three spellings: clean CSV, French Excel CSV, case.xlsx.
# A case is given as canonical Python values: {table: DataFrame} with str ids/texts/enums,
# datetime.date dates, float numbers, bool booleans, "|"-joined groups, None for empty.
# ---------------------------------------------------------------------------

#: French spellings written by the French export (chosen by hand from docs/design.md §Case folder's aliases).
FRENCH_HEADERS: dict[str, dict[str, str]] = {
    "actors": {
        "actor_id": "identifiant",
        "name": "nom",
        "sector": "secteur",
        "kind": "nature",
        "role": "rôle",
        "groups": "groupes",
    },
    "relations": {
        "source": "de",
        "target": "vers",
        "type": "type",
        "weight": "poids",
        "amount_eur": "montant",
        "start": "début",
        "end": "fin",
        "note": "remarque",
    },
    "events": {
        "event_id": "identifiant",
        "date": "date",
        "kind": "type",
        "title": "titre",
        "open": "ouvert",
        "duration_hours": "durée",
        "eligible": "inscrits",
        "attendance": "votants",
    },
    "participation": {
        "event_id": "événement",
        "actor_id": "acteur",
        "role": "rôle",
        "hours": "heures",
        "paid": "rémunéré",
        "ballot": "bulletin",
        "points": "notes",
        "method": "mode_de_vote",
    },
    "decisions": {
        "decision_id": "identifiant",
        "event_id": "événement",
        "date": "date",
        "topic": "sujet",
        "rule": "règle",
        "initiated_by": "initiative",
        "supported_by": "soutenu par",
        "adopted": "adoptée",
        "votes_for": "pour",
        "votes_against": "contre",
        "abstentions": "abstentions",
        "date_precision": "précision_date",
    },
}
FRENCH_VALUES: dict[str, dict[str, str]] = {
    "sector": {
        "commons": "Commun",
        "public": "Public",
        "sse": "ESS",
        "private": "Privé",
        "citizen": "Citoyen",
        "other": "Autre",
    },
    "actor_kind": {"person": "Personne", "organisation": "Structure", "group": "Collectif"},
    "relation_type": {
        "membership": "Adhésion",
        "governance": "Gouvernance",
        "funding": "Financement",
        "in_kind": "En nature",
        "contract": "Contrat",
        "partnership": "Partenariat",
        "co_construction": "Co-construction",
        "conflict": "Conflit",
    },
    "event_kind": {
        "assembly": "Assemblée",
        "working_group": "Groupe de travail",
        "public_meeting": "Réunion publique",
        "council": "Conseil",
        "work_day": "Chantier",
        "training": "Formation",
        "ballot": "Scrutin",
        "other": "Autre",
    },
    "participation_role": {
        "attendee": "Participant",
        "facilitator": "Animatrice",
        "speaker": "Intervenant",
        "organiser": "Organisatrice",
    },
    "rule": {
        "consensus": "Consensus",
        "majority": "Majorité",
        "supermajority": "Majorité qualifiée",
        "sortition": "Tirage au sort",
        "public_authority": "Autorité publique",
        "delegated": "Délégation",
        "participatory_budget": "Budget participatif",
        "other": "Autre",
    },
    "date_precision": {"day": "Jour", "month": "Mois", "year": "Année", "approximate": "Approximative"},
}
#: Which French value list each enumerated column uses.
FRENCH_ENUM_OF = {
    ("actors", "sector"): "sector",
    ("actors", "kind"): "actor_kind",
    ("relations", "type"): "relation_type",
    ("events", "kind"): "event_kind",
    ("participation", "role"): "participation_role",
    ("decisions", "rule"): "rule",
    ("decisions", "date_precision"): "date_precision",
}
COLUMN_TYPES: dict[str, dict[str, str]] = {
    "actors": {
        "actor_id": "id",
        "name": "text",
        "sector": "enum",
        "kind": "enum",
        "role": "text",
        "groups": "tags",
    },
    "relations": {
        "source": "id",
        "target": "id",
        "type": "enum",
        "weight": "number",
        "amount_eur": "number",
        "start": "date",
        "end": "date",
        "note": "text",
    },
    "events": {
        "event_id": "id",
        "date": "date",
        "kind": "enum",
        "title": "text",
        "open": "bool",
        "duration_hours": "number",
        "eligible": "count",
        "attendance": "count",
    },
    "participation": {
        "event_id": "id",
        "actor_id": "id",
        "role": "enum",
        "hours": "number",
        "paid": "bool",
        "ballot": "labels",
        "points": "labels",
        "method": "text",
    },
    "decisions": {
        "decision_id": "id",
        "event_id": "id",
        "date": "date",
        "topic": "text",
        "rule": "enum",
        "initiated_by": "id",
        "supported_by": "ids",
        "adopted": "bool",
        "votes_for": "count",
        "votes_against": "count",
        "abstentions": "count",
        "date_precision": "enum",
    },
}


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _clean_cell(kind: str, value: object) -> str:
    if _empty(value):
        return ""
    if kind == "date":
        return value.isoformat()  # type: ignore[union-attr]
    if kind == "bool":
        return "true" if value else "false"
    if kind == "number":
        return repr(float(value))  # type: ignore[arg-type]
    if kind == "count":
        return str(int(value))  # type: ignore[call-overload]
    return str(value)


def _french_cell(table: str, column: str, kind: str, value: object) -> str:
    if _empty(value):
        return ""
    if kind == "date":
        return value.strftime("%d/%m/%Y")  # type: ignore[union-attr]
    if kind == "bool":
        return "oui" if value else "non"
    if kind == "number":
        number = float(value)  # type: ignore[arg-type]
        text = repr(number).replace(".", ",")
        if text.endswith(",0"):
            text = text[:-2]
        if number >= 1000 and "e" not in text:
            whole, _, decimals = text.partition(",")
            groups = []
            while whole:
                groups.insert(0, whole[-3:])
                whole = whole[:-3]
            text = "\u00a0".join(groups) + ("," + decimals if decimals else "")
        return text
    if kind == "enum":
        return FRENCH_VALUES[FRENCH_ENUM_OF[(table, column)]][str(value)]
    if kind == "count":
        return f"{int(value):,}".replace(",", "\u00a0")  # type: ignore[call-overload]
    if kind == "ids":
        return " | ".join(str(value).split("|"))  # spaces around the bars, as people type them
    return str(value)


def _csv_line(cells: list[str], delimiter: str) -> str:
    quoted = []
    for cell in cells:
        if any(ch in cell for ch in (delimiter, '"', "\n", "\r")) or cell != cell.strip():
            cell = '"' + cell.replace('"', '""') + '"'
        quoted.append(cell)
    return delimiter.join(quoted)


def write_clean_csv(folder: Path, case_yaml: str, tables: dict[str, pd.DataFrame]) -> Path:
    """The case as clean CSV: UTF-8, ``,``, canonical headers and values, ISO dates, LF."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.yaml").write_text(case_yaml, encoding="utf-8")
    for table, frame in tables.items():
        types = COLUMN_TYPES[table]
        lines = [_csv_line(list(frame.columns), ",")]
        for row in frame.itertuples(index=False):
            cells = [_clean_cell(types[c], v) for c, v in zip(frame.columns, row, strict=True)]
            lines.append(_csv_line(cells, ","))
        (folder / f"{table}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    return folder


def write_french_csv(folder: Path, case_yaml: str, tables: dict[str, pd.DataFrame]) -> Path:
    """The case as French Excel saves it: cp1252, ``sep=;`` line, ``;``, CRLF, French headers and
    values, decimal comma, NBSP thousands, ``DD/MM/YYYY``, ``oui``/``non``; file names in French."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.yaml").write_text(case_yaml, encoding="utf-8")
    file_names = {
        "actors": "acteurs",
        "relations": "liens",
        "events": "événements",
        "participation": "participation",
        "decisions": "decisions",
    }
    for table, frame in tables.items():
        types = COLUMN_TYPES[table]
        lines = ["sep=;", _csv_line([FRENCH_HEADERS[table][c] for c in frame.columns], ";")]
        for row in frame.itertuples(index=False):
            cells = [_french_cell(table, c, types[c], v) for c, v in zip(frame.columns, row, strict=True)]
            lines.append(_csv_line(cells, ";"))
        (folder / f"{file_names[table]}.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return folder


def write_case_xlsx(folder: Path, case_yaml: str, tables: dict[str, pd.DataFrame]) -> Path:
    """The case as one ``case.xlsx``: one sheet per table, native cell types (numbers, dates, booleans)."""
    from openpyxl import Workbook

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.yaml").write_text(case_yaml, encoding="utf-8")
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table, frame in tables.items():
        sheet = workbook.create_sheet(table)
        types = COLUMN_TYPES[table]
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            cells: list[object] = []
            for column, value in zip(frame.columns, row, strict=True):
                kind = types[column]
                if _empty(value):
                    cells.append(None)
                elif kind == "date":
                    cells.append(dt.datetime.combine(value, dt.time()))  # type: ignore[arg-type]
                elif kind in ("number", "bool"):
                    cells.append(value)
                elif kind == "count":
                    cells.append(int(value))  # type: ignore[call-overload]
                else:
                    cells.append(str(value))
            sheet.append(cells)
        for column_cells in sheet.iter_cols(min_row=2):
            for cell in column_cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text: 007 is not 7
    workbook.save(folder / "case.xlsx")
    return folder


@pytest.fixture(scope="session")
def case_writers() -> SimpleNamespace:
    """Writers of one case in three spellings (see :func:`write_clean_csv` and siblings)."""
    return SimpleNamespace(
        clean_csv=write_clean_csv,
        french_csv=write_french_csv,
        xlsx=write_case_xlsx,
        french_headers=FRENCH_HEADERS,
        french_values=FRENCH_VALUES,
        column_types=COLUMN_TYPES,
        base_files=BASE_FILES,
    )


@pytest.fixture(scope="session")
def case_problems() -> Callable[[Path], list]:
    """``case_problems(folder)``: the problems :func:`load_case` reports for a case ([] when valid)."""
    from commons_analysis.core.errors import CaseError
    from commons_analysis.ingest.loading import load_case

    def problems(folder: Path) -> list:
        try:
            load_case(folder)
        except CaseError as error:
            return list(error.problems)
        return []

    return problems


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in an English locale: the command line speaks the environment's language
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), and a French developer's machine must not change what
    the tests read. Tests of French messages set the variables, or pass ``--lang fr``."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
