"""``commons-analysis export CASE --datapackage OUT``: a valid Frictionless Data Package.

The ``frictionless`` validator checks the package (schemas, primary and foreign keys);
formula injection is neutralized; persons are pseudonymized unless ``show_names``;
a folder that is not a data package is never overwritten.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import frictionless
import pytest
from typer.testing import CliRunner

from commons_analysis.cli.main import app

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted(p.parent for p in (ROOT / "data" / "cases").glob("*/case.yaml"))
TABLE_NAMES = ("actors", "relations", "events", "participation", "decisions")
BUDGET_TABLES = ("budgets", "projects", "population")
BUDGET_REFERENCES = [
    ("budgets", "event_id", "events"),
    ("budgets", "part_of", "events"),
    ("projects", "event_id", "events"),
    ("projects", "decision_id", "decisions"),
]
#: A name written like an id (a voter of a budget vote is named by its id): looked up among the cells.
ID_LIKE = re.compile(r"[\w-]+")

runner = CliRunner()


@pytest.fixture(autouse=True)
def _pseudonym_secret(monkeypatch):
    """A fixed key for pseudonyms: no secret file is written by the tests."""
    monkeypatch.setenv("COMMONS_ANALYSIS_SECRET", "test-export-secret")


def export(case: Path, out: Path) -> object:
    return runner.invoke(app, ["export", str(case), "--datapackage", str(out)])


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def every_exported_text(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.iterdir()))


@pytest.fixture(params=BUNDLED or [None], ids=lambda p: p.name if p else "base-case")
def exportable_case(request, write_case) -> Path:
    """Each bundled case (data/cases/*), or the small base case while none is there."""
    return request.param or write_case()


@pytest.mark.slow
def test_export_is_a_valid_data_package(exportable_case, tmp_path):
    out = tmp_path / "package"
    result = export(exportable_case, out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("wrote ") and result.stdout.rstrip().endswith("datapackage.json")
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    # a participatory budget case also exports the budget tables it fills, a case with sources and
    # codings (issue 16) its evidence: the others their five tables
    budget_tables = [t for t in BUDGET_TABLES if (exportable_case / f"{t}.csv").exists()]
    evidence = ["sources", "codings"] if (exportable_case / "codings.csv").exists() else []
    assert [r["name"] for r in descriptor["resources"]] == [*TABLE_NAMES, *budget_tables, *evidence]
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    assert schemas["actors"]["primaryKey"] == ["actor_id"]
    assert schemas["participation"]["primaryKey"] == ["event_id", "actor_id"]
    references = {
        (table, key["fields"], key["reference"]["resource"])
        for table, schema in schemas.items()
        for key in schema.get("foreignKeys", [])
    }
    assert references == {
        ("relations", "source", "actors"),
        ("relations", "target", "actors"),
        ("participation", "event_id", "events"),
        ("participation", "actor_id", "actors"),
        ("decisions", "event_id", "events"),
        ("decisions", "initiated_by", "actors"),
        *BUDGET_REFERENCES[: 4 if budget_tables else 0],
    }
    assert "licenses" in descriptor and descriptor["name"] == exportable_case.name


def test_validator_checks_the_foreign_keys(write_case, tmp_path):
    """Tampering with a key after export makes the package invalid: the foreign keys are really checked."""
    out = tmp_path / "package"
    assert export(write_case(), out).exit_code == 0
    rows = read_rows(out / "relations.csv")
    rows[0]["source"] = "nobody"
    with (out / "relations.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    report = frictionless.validate(out / "datapackage.json")
    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


def test_formula_injection_is_neutralized(write_case, base_files, tmp_path):
    actors = base_files["actors.csv"].replace("Ville de Grasse", '"=HYPERLINK(""x"")"')
    actors = actors.replace(
        "Association Tetris,sse,organisation,,", "Association Tetris,sse,organisation,+33 4,@cmd"
    )
    events = base_files["events.csv"].replace("Atelier", "-2+3")
    case_yaml = base_files["case.yaml"].replace(
        "  unemployed:", "  '@cmd':\n    population_share: 0.1\n  unemployed:"
    )
    folder = write_case(**{"actors.csv": actors, "events.csv": events, "case.yaml": case_yaml})
    out = tmp_path / "package"
    result = export(folder, out)
    assert result.exit_code == 0, result.output
    exported = read_rows(out / "actors.csv")
    assert exported[0]["name"] == '\'=HYPERLINK("x")'
    assert exported[1]["role"] == "'+33 4"
    assert exported[1]["groups"] == "'@cmd"
    assert read_rows(out / "events.csv")[1]["title"] == "'-2+3"
    assert read_rows(out / "actors.csv")[2]["name"].startswith("P-")  # a pseudonym is not touched
    assert frictionless.validate(out / "datapackage.json").valid


PERSON_NAMES = ("Alice Martin", "Bruno Durand")


def test_persons_are_pseudonymized_when_show_names_is_false(write_case, base_files, tmp_path):
    out = tmp_path / "package"
    assert export(write_case(), out).exit_code == 0
    text = every_exported_text(out)
    for name in PERSON_NAMES:
        assert name not in text
    actors = read_rows(out / "actors.csv")
    persons = [row for row in actors if row["kind"] == "person"]
    assert len(persons) == 2 and all(row["name"].startswith("P-") for row in persons)
    assert all(row["actor_id"] == row["name"] for row in persons)  # the id is pseudonymized too
    assert [row["name"] for row in actors if row["kind"] == "organisation"] == [
        "Ville de Grasse",
        "Association Tetris",
    ]
    pseudonyms = {row["actor_id"] for row in persons}
    participants = {row["actor_id"] for row in read_rows(out / "participation.csv")}
    assert participants == pseudonyms  # consistently replaced, so the foreign keys still hold
    assert json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["commons_analysis"][
        "pseudonymized"
    ]
    assert frictionless.validate(out / "datapackage.json").valid


def test_person_names_in_free_text_are_pseudonymized(write_case, base_files, tmp_path):
    relations = base_files["relations.csv"].replace(",subvention", ",subvention signée par Alice Martin")
    events = base_files["events.csv"].replace("Atelier", "Atelier animé par Bruno Durand")
    out = tmp_path / "package"
    assert export(write_case(**{"relations.csv": relations, "events.csv": events}), out).exit_code == 0
    text = every_exported_text(out)
    for name in PERSON_NAMES:
        assert name not in text


def test_names_shown_when_the_case_opts_in(write_case, base_files, tmp_path):
    case_yaml = base_files["case.yaml"].replace("show_names: false", "show_names: true")
    out = tmp_path / "package"
    assert export(write_case(**{"case.yaml": case_yaml}), out).exit_code == 0
    names = [row["name"] for row in read_rows(out / "actors.csv")]
    assert names == ["Ville de Grasse", "Association Tetris", *PERSON_NAMES]


@pytest.mark.slow
def test_bundled_cases_export_no_person_name(tmp_path):
    if not BUNDLED:
        pytest.skip("no bundled case yet")
    from commons_analysis.ingest.loading import load_case

    for folder in BUNDLED:
        case = load_case(folder)
        if case.meta.show_names:
            continue
        out = tmp_path / folder.name
        assert export(folder, out).exit_code == 0
        text = every_exported_text(out)
        person_names = case.actors.loc[case.actors["kind"] == "person", "name"].dropna().tolist()
        assert person_names
        # 87,000 voters named by their ids: those are looked for among the cells, at once, the others
        # anywhere in the text
        cells = set(re.split(r'[,|\n"]', text))
        leaked = [
            name
            for name in person_names
            if len(name) >= 3 and (name in cells if ID_LIKE.fullmatch(name) else name in text)
        ]
        assert leaked == [], (folder.name, leaked[:3])


def test_export_refuses_to_overwrite_a_folder_that_is_not_a_package(write_case, tmp_path):
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.docx").write_bytes(b"precious")
    result = export(write_case(), out)
    assert result.exit_code == 1
    assert "not a data package" in result.stderr and "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == ["chapter1.docx"]
    assert (out / "chapter1.docx").read_bytes() == b"precious"


def test_export_refuses_to_overwrite_a_file(write_case, tmp_path):
    out = tmp_path / "notes.txt"
    out.write_text("keep", encoding="utf-8")
    result = export(write_case(), out)
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "keep"


def test_export_replaces_its_own_package_and_leaves_nothing_behind(write_case, tmp_path):
    out = tmp_path / "package"
    folder = write_case()
    assert export(folder, out).exit_code == 0
    assert export(folder, out).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["datapackage.json", *(f"{t}.csv" for t in TABLE_NAMES)]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["base-case", "package"]


def test_export_of_an_invalid_case_writes_nothing(write_case, base_files, tmp_path):
    folder = write_case(**{"actors.csv": base_files["actors.csv"].replace("public", "mairie")})
    out = tmp_path / "package"
    result = export(folder, out)
    assert result.exit_code == 1
    assert "column 'sector'" in result.stderr
    assert not out.exists()


def test_exported_tables_are_normalized(write_case, base_files, tmp_path):
    french_events = (
        "sep=;\r\nidentifiant;date;type;titre;ouvert;durée\r\ne1;01/02/2020;AG;Assemblée;oui;3,5\r\n"
    )
    french_events += "e2;15/06/2020;atelier;Atelier;non;2\r\n"
    out = tmp_path / "package"
    assert export(write_case(**{"events.csv": french_events.encode("cp1252")}), out).exit_code == 0
    assert read_rows(out / "events.csv") == [
        {
            "event_id": "e1",
            "date": "2020-02-01",
            "kind": "assembly",
            "title": "Assemblée",
            "open": "true",
            "duration_hours": "3.5",
            "eligible": "",
            "attendance": "",
        },
        {
            "event_id": "e2",
            "date": "2020-06-15",
            "kind": "working_group",
            "title": "Atelier",
            "open": "false",
            "duration_hours": "2",
            "eligible": "",
            "attendance": "",
        },
    ]
    assert (out / "events.csv").read_bytes().startswith(b"event_id,date,kind")  # UTF-8, no BOM, LF
    assert b"\r\n" not in (out / "events.csv").read_bytes()


def test_exported_folder_has_ordinary_permissions(write_case, tmp_path):
    import os

    out = tmp_path / "package"
    assert export(write_case(), out).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~umask


def test_persons_inclusion_tags_are_not_published_unless_asked(write_case, tmp_path):
    """Per-person tags would let anyone count a group the indicators suppress (2 < 5 here)."""
    case = write_case()
    out = tmp_path / "package"
    assert export(case, out).exit_code == 0
    actors = read_rows(out / "actors.csv")
    assert [row["groups"] for row in actors if row["kind"] == "person"] == ["", ""]
    meta = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["commons_analysis"]
    assert meta["person_groups"] == "removed"
    assert frictionless.validate(out / "datapackage.json").valid

    kept = tmp_path / "kept"
    result = runner.invoke(app, ["export", str(case), "--datapackage", str(kept), "--keep-person-groups"])
    assert result.exit_code == 0
    tags = sorted(row["groups"] for row in read_rows(kept / "actors.csv") if row["kind"] == "person")
    assert tags == ["qpv", "qpv|unemployed"]


def test_names_in_case_yaml_texts_and_first_names_alone_are_pseudonymized(write_case, base_files, tmp_path):
    case_yaml = (
        base_files["case.yaml"]
        .replace('"A small valid case."', '"A small case told by Alice Martin."')
        .replace('"Membership is defined."', '"Bruno keeps the list of members."')
        .replace('"Shared decisions."', '"Decisions shared, says Martin."')
    )
    events = base_files["events.csv"].replace("Atelier", "Atelier animé par Alice")
    folder = write_case(**{"case.yaml": case_yaml, "events.csv": events})
    out = tmp_path / "package"
    assert export(folder, out).exit_code == 0
    text = every_exported_text(out)
    for word in ("Alice", "Martin", "Bruno", "Durand"):
        assert word not in text, word
    assert "keeps the list of members" in text  # the rest of the evidence is kept
