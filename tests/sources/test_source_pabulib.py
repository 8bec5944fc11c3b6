"""``commons-analysis import pabulib``: Pabulib's ``.pb`` files as budget cases.

Checked against the reference reader ``pabutools`` (same projects, costs and ballots on every bundled
file) and the format checker ``pabulib-checker`` (the bundled files are valid; each damaged file is
refused by both, for the same reason); the bundled cases are rebuilt byte for byte; the Toulouse 2022
district files are the city's ballots split by district, counted once; ``adopted`` is the published
selection (Warsaw) or greedy, recomputed here by hand (Toulouse); private proposers never reach an
output.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from commons_analysis.cli.main import app
from commons_analysis.core.errors import CaseError
from commons_analysis.ingest.loading import load_case
from commons_analysis.sources.pabulib import build
from commons_analysis.sources.pabulib.mapping import ballots_of, event_id_of
from commons_analysis.sources.pabulib.pbfile import parse_pb, read_pb
from commons_analysis.sources.pabulib.proposers import reviewed_proposers

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw" / "pabulib"
CASES = ROOT / "data" / "cases"
BUNDLED = [
    ("france-toulouse", "toulouse-budget-participatif"),
    pytest.param("poland-warszawa-2023", "warszawa-budzet-obywatelski-2023", marks=pytest.mark.slow),
]
ALL_FILES = sorted(RAW.glob("*/*.pb"))
DISTRICT_17 = (
    RAW / "france-toulouse" / "France_Toulouse_2022_17_-_Mirail-Universite_Reynerie_Bellefontaine.pb"
)
FRENCH = {"LANG": "fr_FR.UTF-8"}


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env=env)


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(autouse=True)
def _pseudonym_secret(monkeypatch):
    monkeypatch.setenv("COMMONS_ANALYSIS_SECRET", "test-pabulib-secret")


# --------------------------------------------------------------------------- bundled cases


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "case_id"), BUNDLED)
def test_import_rebuilds_the_bundled_case_byte_for_byte(tmp_path: Path, folder: str, case_id: str) -> None:
    raw = RAW / folder
    before = digest(RAW)
    result = invoke("import", "pabulib", str(raw), "--case", case_id, "--data-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    bundled, rebuilt = CASES / case_id, tmp_path / case_id
    assert sorted(p.name for p in rebuilt.iterdir()) == sorted(p.name for p in bundled.iterdir())
    for path in bundled.iterdir():
        assert (rebuilt / path.name).read_bytes() == path.read_bytes(), path.name
    assert digest(RAW) == before  # the records are only read
    again = invoke("import", "pabulib", str(raw), "--case", case_id, "--data-dir", str(tmp_path))
    assert again.exit_code == 1 and "already exists" in again.output  # never overwritten
    assert digest(rebuilt) == digest(bundled)


@pytest.mark.parametrize(("folder", "case_id"), BUNDLED)
def test_bundled_cases_are_documented_with_their_source(folder: str, case_id: str) -> None:
    case = load_case(CASES / case_id)
    meta = case.meta
    assert meta.data_status == "documented" and meta.title.fr and meta.title.en
    assert meta.summary.fr and meta.summary.en
    (source,) = meta.sources
    assert source.path == f"data/raw/pabulib/{folder}"
    assert source.commit == "88cfaba3e7692a90f3311cbcf8f08aa63fc3fbff"
    assert "Faliszewski" in source.title and "IJCAI 2023" in (source.licence or "")
    for topic in ("events", "actors", "participation", "decisions", "adopted"):
        assert meta.mapping[topic].fr and meta.mapping[topic].en, topic
    assert "nouveaux venus" in meta.mapping["actors"].fr and "newcomers" in meta.mapping["actors"].en
    size = sum(p.stat().st_size for p in (CASES / case_id).iterdir())
    assert size < 20_000_000, f"{case_id} is {size:,} bytes"


@pytest.mark.slow
def test_warsaw_case_matches_its_files() -> None:
    case = load_case(CASES / "warszawa-budzet-obywatelski-2023")
    assert len(case.budgets) == 18 and case.budgets["part_of"].isna().all()
    files = {
        pb.name: pb for pb in (read_pb(p)[0] for p in sorted((RAW / "poland-warszawa-2023").glob("*.pb")))
    }
    assert len(case.participation) == sum(len(pb.votes) for pb in files.values() if pb) == 87_138
    assert len(case.actors) == len(case.participation)  # one actor per ballot: ids reset in every file
    # adopted is the published selection, selected ≥ 1
    projects = case.projects.merge(case.decisions[["decision_id", "adopted"]], on="decision_id")
    assert (projects["adopted"] == (projects["selected"] >= 1)).all()
    bemowo = case.projects[case.projects["event_id"] == "warszawa_2023_bemowo"]
    assert int((bemowo["selected"] >= 1).sum()) == 31
    voter = case.actors.set_index("actor_id").loc["warszawa_2023_bemowo-v1"]
    assert (int(voter["age"]), voter["sex"]) == (110, "M")  # as the file says (line 97 of Bemowo)
    first = case.participation.set_index("actor_id").loc["warszawa_2023_bemowo-v1"]
    assert first["ballot"] == ("745", "1455", "1527") and first["method"] == "internet"
    labels = case.projects.set_index("decision_id").loc["warszawa_2023_bemowo-1440"]
    assert labels["category"] == ("urban greenery", "public space", "environmental protection")
    assert "seniors" in labels["beneficiaries"]


def test_toulouse_2022_district_files_are_the_city_ballots_split_and_counted_once() -> None:
    case = load_case(CASES / "toulouse-budget-participatif")
    budgets = case.budgets.set_index("event_id")
    parts = budgets[budgets["part_of"].notna()]
    assert len(parts) == 20 and set(parts["part_of"]) == {"toulouse_2022"}
    assert parts["budget"].sum() == budgets.loc["toulouse_2022", "budget"] == 8_000_000
    city = case.participation[case.participation["event_id"] == "toulouse_2022"]
    districts = case.participation[case.participation["event_id"].isin(parts.index)]
    assert len(city) == 4532 and len(districts) == 7014
    # the district voter '17-37' is the city's voter 37: the same actor, counted once
    assert set(districts["actor_id"]) <= set(city["actor_id"])
    voters = case.actors[case.actors["actor_id"].str.contains("-v")]
    assert len(voters) == 1494 + 4532 + 7260
    ballot_37 = city.set_index("actor_id").loc["toulouse_2022-v37", "ballot"]
    in_17 = districts[
        (districts["event_id"] == "toulouse_2022_17") & (districts["actor_id"] == "toulouse_2022-v37")
    ]
    projects_17 = set(case.projects.loc[case.projects["event_id"] == "toulouse_2022_17", "project_id"])
    assert in_17["ballot"].tolist() == [tuple(p for p in ballot_37 if p in projects_17)]


def greedy_by_hand(path: Path) -> set[str]:
    """Greedy as Toulouse declares it, written out plainly: approvals counted, the most supported first,
    skipping what no longer fits; ties broken by lower cost."""
    text = path.read_text(encoding="utf-8").split("\n")
    section, header, costs, support, budget = "", [], {}, {}, 0.0
    for line in text:
        if line in ("META", "PROJECTS", "VOTES"):
            section, header = line, []
            continue
        if not line:
            continue
        cells = line.split(";")
        if not header:
            header = cells
            continue
        row = dict(zip(header, cells, strict=True))
        if section == "META" and cells[0] == "budget":
            budget = float(cells[1])
        elif section == "PROJECTS":
            costs[row["project_id"]] = float(row["cost"])
            support[row["project_id"]] = 0
        elif section == "VOTES":
            for project in row["vote"].split(","):
                support[project] += 1
    chosen, left = set(), budget
    for project in sorted(costs, key=lambda p: (-support[p], costs[p])):
        if costs[project] <= left:
            chosen.add(project)
            left -= costs[project]
    return chosen


@pytest.mark.slow
def test_toulouse_adopted_is_greedy_where_nothing_is_published() -> None:
    case = load_case(CASES / "toulouse-budget-participatif")
    decisions = case.decisions.set_index("decision_id")
    assert case.projects["selected"].isna().all()  # Toulouse publishes no selection
    for path in [
        *sorted((RAW / "france-toulouse").glob("France_Toulouse_2022_*.pb")),
        RAW / "france-toulouse" / "France_Toulouse_2024.pb",
    ]:
        pb = read_pb(path)[0]
        assert pb is not None
        event = event_id_of(pb.meta)
        mine = decisions[(decisions["event_id"] == event) & decisions["adopted"]].index
        adopted = {d.removeprefix(event + "-") for d in mine}
        assert adopted == greedy_by_hand(path), path.name
    # district 17 (93 voters, 400,000 €): 2 projects, by hand from the file
    assert greedy_by_hand(DISTRICT_17) == {
        d.rpartition("-")[2]
        for d in decisions.index[decisions["adopted"] & (decisions["event_id"] == "toulouse_2022_17")]
    }
    # a city project is funded when it is in its district
    city = decisions[decisions["event_id"] == "toulouse_2022"]
    districts = decisions[decisions["event_id"].str.startswith("toulouse_2022_")]
    funded_in_districts = {d.rpartition("-")[2] for d in districts.index[districts["adopted"]]}
    assert {d.rpartition("-")[2] for d in city.index[city["adopted"]]} == funded_in_districts


# --------------------------------------------------------------------------- the reference reader


def _pabutools_view(path: Path) -> tuple[dict[str, Fraction], list[object]]:
    from pabutools.election import parse_pabulib

    instance, profile = parse_pabulib(str(path))
    costs = {p.name: Fraction(p.cost) for p in instance}
    vote_type = instance.meta["vote_type"]
    ballots: list[object] = []
    for ballot in profile:
        if vote_type == "ordinal":
            ballots.append(tuple(p.name for p in ballot))
        elif vote_type in ("cumulative", "scoring"):
            ballots.append({p.name: Fraction(v) for p, v in ballot.items()})
        else:
            ballots.append(frozenset(p.name for p in ballot))
    return costs, ballots


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.stem[:40])
def test_same_projects_costs_and_ballots_as_pabutools(path: Path) -> None:
    pb, problems = read_pb(path)
    assert problems == [] and pb is not None
    costs, ballots = _pabutools_view(path)
    mine = dict(zip(pb.projects["project_id"], pb.projects["cost"], strict=True))
    assert {p: Fraction(c) for p, c in mine.items()} == costs
    vote_type = pb.meta["vote_type"]
    ids = ballots_of(pb)
    if vote_type in ("cumulative", "scoring"):
        points = ballots_of(pb, "points")
        own: list[object] = [
            {p: Fraction(x) for p, x in zip(b, q, strict=True)} for b, q in zip(ids, points, strict=True)
        ]
    elif vote_type == "ordinal":
        own = list(ids)
    else:
        own = [frozenset(b) for b in ids]
    assert own == ballots


# --------------------------------------------------------------------------- the format checker


def _checker_errors(content: str) -> set[str]:
    from pabulib.checker import Checker

    with contextlib.redirect_stdout(io.StringIO()):
        results = Checker().process_files([content])
    (key,) = [k for k in results if k not in ("metadata", "summary")]
    return set(results[key]["results"].get("errors", {}))


@pytest.mark.slow
@pytest.mark.parametrize("path", [p for p in ALL_FILES if "Warszawa" not in p.name or "Rembertow" in p.name])
def test_bundled_files_pass_pabulib_checker(path: Path) -> None:
    assert _checker_errors(path.read_text(encoding="utf-8")) == set()


def damaged_files() -> dict[str, tuple[str, int | None, str | None, str, str]]:
    """Damage → (file text, line, column, our message's start, pabulib-checker's error type)."""
    lines = DISTRICT_17.read_text(encoding="utf-8").split("\n")
    projects_at = lines.index("PROJECTS") + 2
    votes_at = lines.index("VOTES") + 2

    def replaced(index: int, new: str) -> str:
        copy = list(lines)
        copy[index] = new
        return "\n".join(copy)

    first_vote, second_vote = lines[votes_at], lines[votes_at + 1]
    first_project = lines[projects_at]
    four = ",".join(line.split(";")[0] for line in lines[projects_at : projects_at + 4])
    voter = first_vote.split(";")[0]
    return {
        "unknown project": (
            replaced(votes_at, first_vote + ",999"),
            votes_at + 1,
            "vote",
            "unknown project '999'",
            "vote for non-existent project",
        ),
        "ballot too long": (
            replaced(votes_at, f"{voter};{four}"),
            votes_at + 1,
            "vote",
            "4 projects where max_length is 3",
            "vote length exceeded",
        ),
        "section missing": (
            "\n".join(lines[: votes_at - 2]),
            None,
            None,
            "section VOTES missing",
            "file structure error",
        ),
        "cost not a number": (
            replaced(projects_at, first_project.replace(";75000.0;", ";75 k€;")),
            projects_at + 1,
            "cost",
            "'75 k€' is not a number",
            "processing error",
        ),
        "project twice": (
            replaced(projects_at + 1, first_project),
            projects_at + 2,
            "project_id",
            f"duplicate of line {projects_at + 1}",
            "file structure error",
        ),
        "voter twice": (
            replaced(votes_at + 1, voter + ";" + second_vote.split(";")[1]),
            votes_at + 2,
            "voter_id",
            f"duplicate of line {votes_at + 1}",
            "file structure error",
        ),
        # pabulib-checker only warns on a row with one field too many ("file structure warning"); a
        # shifted row would silently move every cell, so the importer refuses it.
        "field count": (
            replaced(projects_at, first_project + ";extra"),
            projects_at + 1,
            None,
            "7 ';'-separated fields where the header has 6",
            "",
        ),
    }


@pytest.mark.parametrize("damage", list(damaged_files()))
def test_a_damaged_file_is_refused_for_the_reason_pabulib_checker_gives(tmp_path: Path, damage: str) -> None:
    text, line, column, message, checker_error = damaged_files()[damage]
    _, problems = parse_pb(text, "damaged.pb")
    said = [(p.line, p.column, p.text("en")) for p in problems]
    assert any(p.line == line and p.column == column and message in p.text("en") for p in problems), said
    if checker_error:
        assert checker_error in _checker_errors(text)
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "damaged.pb").write_text(text, encoding="utf-8")
    result = invoke(
        "import", "pabulib", str(folder), "--case", "damaged", "--data-dir", str(tmp_path / "cases")
    )
    assert result.exit_code == 1 and message in result.output
    assert not (tmp_path / "cases").exists() or list((tmp_path / "cases").iterdir()) == []


def test_every_problem_of_every_file_at_once_with_line_and_column_in_french(tmp_path: Path) -> None:
    damages = damaged_files()
    folder = tmp_path / "raw"
    folder.mkdir()
    lines = damages["unknown project"][0].split("\n")
    projects_at = lines.index("PROJECTS") + 2
    lines[projects_at] = lines[projects_at].replace(";75000.0;", ";beaucoup;")
    (folder / "a.pb").write_text("\n".join(lines), encoding="utf-8")
    (folder / "b.pb").write_bytes(
        DISTRICT_17.read_bytes().replace("Pépinière".encode(), "P\xe9pini\xe8re".encode("latin-1"))
    )
    result = invoke(
        "import", "pabulib", str(folder), "--case", "x", "--data-dir", str(tmp_path / "cases"), env=FRENCH
    )
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    a, b = folder / "a.pb", folder / "b.pb"
    votes_at = lines.index("VOTES") + 2
    assert f"{a}:{projects_at + 1}: colonne 'cost' : 'beaucoup' n'est pas un nombre" in errors
    assert f"{a}:{votes_at + 1}: colonne 'vote' : projet inconnu '999'" in errors
    offset = DISTRICT_17.read_bytes().index("Pépinière".encode()) + 1
    assert f"{b}:{projects_at + 1}: ce n'est pas du texte UTF-8 (octet {offset})" in errors
    assert not (tmp_path / "cases").exists()


def test_a_withdrawn_project_is_kept_not_an_error(tmp_path: Path) -> None:
    text = (
        "META\nkey;value\ninstance;2025\nbudget;100\nvote_type;approval\nrule;greedy\n"
        "PROJECTS\nproject_id;cost;votes\n1;60;2\n2;999999999;2\n3;50;1\n"
        "VOTES\nvoter_id;vote\n1;1,2\n2;2,1,3\n"
    )
    assert parse_pb(text, "w.pb")[1] == []
    folder = tmp_path
    (folder / "w.pb").write_text(text, encoding="utf-8")
    imported = build(folder, "w")
    projects = imported.tables["projects"].set_index("project_id")
    assert projects["withdrawn"].tolist() == [False, True, False]
    adopted = imported.tables["decisions"].set_index("decision_id")["adopted"]
    # 2 is withdrawn; 1 (60) fits, then 3 (50) no longer does: 60 + 50 > 100
    assert adopted.to_dict() == {"vote_2025-1": True, "vote_2025-2": False, "vote_2025-3": False}


# --------------------------------------------------------------------------- every vote type


def _one_file_case(tmp_path: Path, text: str) -> dict[str, pd.DataFrame]:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "v.pb").write_text(text, encoding="utf-8")
    result = invoke("import", "pabulib", str(folder), "--case", "v", "--data-dir", str(tmp_path / "cases"))
    assert result.exit_code == 0, result.output
    case = load_case(tmp_path / "cases" / "v")
    return {"participation": case.participation, "budgets": case.budgets, "decisions": case.decisions}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("vote_type", "extra", "votes", "ballot", "points"),
    [
        ("ordinal", "max_length;3\n", "voter_id;vote\n1;b,a\n", ("b", "a"), ()),
        ("scoring", "max_points;5\n", "voter_id;vote;points\n1;a,b;5,2\n", ("a", "b"), ("5", "2")),
        ("cumulative", "max_sum_points;5\n", "voter_id;vote;points\n1;b,a;3,2\n", ("b", "a"), ("3", "2")),
        ("approval", "max_length;2\n", "voter_id;vote\n1;a,b\n", ("a", "b"), ()),
    ],
)
def test_every_vote_type_keeps_order_and_points(tmp_path, vote_type, extra, votes, ballot, points) -> None:
    text = (
        f"META\nkey;value\nunit;Ville\ninstance;2025\nbudget;10\nvote_type;{vote_type}\nrule;greedy\n{extra}"
        f"PROJECTS\nproject_id;cost\na;4\nb;7\nVOTES\n{votes}"
    )
    tables = _one_file_case(tmp_path, text)
    row = tables["participation"].iloc[0]
    assert row["actor_id"] == "ville_2025-v1" and row["ballot"] == ballot and row["points"] == points
    assert tables["budgets"].iloc[0]["vote_type"] == vote_type


def test_points_beyond_the_limits_are_refused() -> None:
    text = (
        "META\nkey;value\nbudget;10\nvote_type;cumulative\nmax_points;3\nmax_sum_points;5\n"
        "PROJECTS\nproject_id;cost\na;4\nb;7\nVOTES\nvoter_id;vote;points\n1;a,b;4,2\n2;a,b;1\n3;a;x\n"
    )
    _, problems = parse_pb(text, "p.pb")
    assert [p.text("en") for p in problems] == [
        "p.pb:14: column 'points': 1 points for 2 projects",
        "p.pb:15: column 'points': 'x' is not a number",
        "p.pb:13: column 'points': points above max_points (3)",
        "p.pb:13: column 'points': 6 points in all, above max_sum_points (5)",
    ]


# --------------------------------------------------------------------------- proposers and privacy


@pytest.mark.slow
def test_every_toulouse_proposer_is_in_the_reviewed_mapping(tmp_path: Path) -> None:
    result = invoke(
        "import", "pabulib", str(RAW / "france-toulouse"), "--case", "t", "--data-dir", str(tmp_path)
    )
    assert result.exit_code == 0 and "WARNING" not in result.output
    assert "29 proposers: 16 organisations or groups, 13 private persons (pseudonymised)" in result.output
    mapping = reviewed_proposers()
    assert mapping["Mairie de Toulouse"].sector == "public"
    assert mapping["Conseil Citoyen Soupetard-La Gloire"].kind == "organisation"
    assert {m.kind for m in mapping.values()} == {"person", "organisation", "group"}


def test_an_unmapped_proposer_is_said_loudly_and_kept_private(tmp_path: Path) -> None:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "p.pb").write_text(
        "META\nkey;value\ninstance;2019\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost;proposer;name\n"
        "1;5;Jeanne Inconnue;Bancs\n2;5;Mairie de Toulouse;Arbres\nVOTES\nvoter_id;vote\n1;1\n",
        encoding="utf-8",
    )
    result = invoke("import", "pabulib", str(folder), "--case", "p", "--data-dir", str(tmp_path / "c"))
    assert result.exit_code == 0
    assert "WARNING: 1 proposers missing from the mapping file, treated as private persons" in result.output
    assert "Jeanne Inconnue" in result.output
    actors = load_case(tmp_path / "c" / "p").actors.set_index("name")
    assert actors.loc["Jeanne Inconnue", "kind"] == "person"
    assert actors.loc["Mairie de Toulouse", "sector"] == "public"


def _private_names() -> list[str]:
    return [p.name for p in reviewed_proposers().values() if p.kind == "person"]


@pytest.mark.slow
def test_no_private_proposer_reaches_indicators_or_an_export(tmp_path: Path) -> None:
    case = CASES / "toulouse-budget-participatif"
    names = _private_names()
    assert "Raymonde RENAUD" in names
    actors = (case / "actors.csv").read_text(encoding="utf-8")
    assert all(name in actors for name in names)  # in the case, as in the records
    out = tmp_path / "package"
    result = invoke("export", str(case), "--datapackage", str(out))
    assert result.exit_code == 0, result.output
    exported = "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.iterdir()))
    assert "Mairie de Toulouse" in exported and "Centre Social Bellefontaine" in exported
    for name in names:
        assert name not in exported, name
    result = invoke("indicators", str(case), "--format", "json")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)
    table = invoke("indicators", str(case), "--table", "actors")
    for name in names:
        assert name not in result.stdout and name not in table.stdout, name


def test_a_bad_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CaseError) as raised:
        build(tmp_path, "empty")
    assert "no .pb file in this folder" in str(raised.value)
