"""One test per validation rule of docs/design.md §Tables, each with a deliberately broken file.

Every test starts from the small valid case of ``conftest.py`` (``write_case``), breaks
one cell, and asserts the exact ``PATH:LINE: column 'COL'`` of the problem (the
header is line 1; for ``case.yaml``, the YAML line).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from commons_analysis.cli.main import app
from commons_analysis.core.errors import CaseError, Problem
from commons_analysis.ingest.loading import load_case

# --------------------------------------------------------------------------- helpers


def edit(text: str, line: int, column: str, value: str) -> str:
    """The CSV ``text`` with the cell at ``line`` (header = 1) under ``column`` set to ``value``."""
    rows = [row.split(",") for row in text.splitlines()]
    rows[line - 1][rows[0].index(column)] = value
    return "\n".join(",".join(row) for row in rows) + "\n"


def drop_column(text: str, column: str) -> str:
    """The CSV ``text`` without ``column``."""
    rows = [row.split(",") for row in text.splitlines()]
    position = rows[0].index(column)
    return "\n".join(",".join(cell for i, cell in enumerate(row) if i != position) for row in rows) + "\n"


def where(problems: list[Problem]) -> list[tuple[str, int | None, str | None]]:
    """``(file name, line, column)`` of each problem, in reading order."""
    return [(Path(p.path).name, p.line, p.column) for p in problems]


def only(problems: list[Problem]) -> Problem:
    """The one problem reported (fails with all of them listed otherwise)."""
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def assert_located(problem: Problem, folder: Path, file: str, line: int, column: str) -> None:
    """The problem reads ``FOLDER/FILE:LINE: column 'COLUMN': …``."""
    assert str(problem).startswith(f"{folder / file}:{line}: column '{column}': "), str(problem)


# --------------------------------------------------------------------------- the base case


def test_base_case_is_valid(write_case, case_problems, base_files):
    folder = write_case()
    assert case_problems(folder) == []
    case = load_case(folder)
    assert (len(case.actors), len(case.relations), len(case.events)) == (4, 3, 2)
    assert (len(case.participation), len(case.decisions)) == (3, 2)


# --------------------------------------------------------------------------- required columns and values

REQUIRED_COLUMNS = [
    ("actors.csv", "actor_id"),
    ("actors.csv", "name"),
    ("actors.csv", "sector"),
    ("relations.csv", "source"),
    ("relations.csv", "target"),
    ("relations.csv", "type"),
    ("events.csv", "event_id"),
    ("events.csv", "date"),
    ("events.csv", "kind"),
    ("participation.csv", "event_id"),
    ("participation.csv", "actor_id"),
    ("decisions.csv", "decision_id"),
    ("decisions.csv", "rule"),
]


@pytest.mark.parametrize(("file", "column"), REQUIRED_COLUMNS)
def test_required_column_missing(write_case, case_problems, base_files, file, column):
    folder = write_case(**{file: drop_column(base_files[file], column)})
    problems = case_problems(folder)
    missing = [p for p in problems if p.message == "required column is missing"]
    assert where(missing) == [(file, 1, column)]
    assert str(missing[0]) == f"{folder / file}:1: column '{column}': required column is missing"


def test_required_column_missing_is_the_only_problem(write_case, case_problems, base_files):
    folder = write_case(**{"actors.csv": drop_column(base_files["actors.csv"], "name")})
    assert where(case_problems(folder)) == [("actors.csv", 1, "name")]


@pytest.mark.parametrize(
    ("file", "line", "column"),
    [
        ("actors.csv", 3, "name"),
        ("actors.csv", 2, "sector"),
        ("relations.csv", 4, "type"),
        ("events.csv", 3, "date"),
        ("events.csv", 2, "kind"),
        ("decisions.csv", 3, "rule"),
    ],
)
def test_required_value_empty(write_case, case_problems, base_files, file, line, column):
    folder = write_case(**{file: edit(base_files[file], line, column, "")})
    problem = only(case_problems(folder))
    assert_located(problem, folder, file, line, column)
    assert problem.message == "a value is required"


def test_required_id_empty_also_breaks_the_keys_to_it(write_case, case_problems, base_files):
    # a2 is referenced by relations lines 2-4: an empty id is one problem in actors, and the keys fail.
    folder = write_case(**{"actors.csv": edit(base_files["actors.csv"], 3, "actor_id", "")})
    problems = case_problems(folder)
    assert ("actors.csv", 3, "actor_id") in where(problems)
    assert [p.message for p in problems if Path(p.path).name == "actors.csv"] == ["a value is required"]


# --------------------------------------------------------------------------- types


def test_id_type_keeps_text_as_written(write_case, base_files):
    actors = edit(base_files["actors.csv"], 2, "actor_id", "007")
    actors = edit(actors, 3, "actor_id", "1.50")
    relations = edit(edit(base_files["relations.csv"], 2, "source", "007"), 2, "target", "1.50")
    relations = edit(edit(relations, 3, "target", "1.50"), 4, "source", "1.50")
    decisions = edit(base_files["decisions.csv"], 3, "initiated_by", "007")
    case = load_case(
        write_case(**{"actors.csv": actors, "relations.csv": relations, "decisions.csv": decisions})
    )
    assert case.actors["actor_id"].tolist()[:2] == ["007", "1.50"]
    assert str(case.actors["actor_id"].dtype) == "string"
    assert case.relations["source"].tolist() == ["007", "p1", "1.50"]
    assert case.decisions["initiated_by"].tolist() == ["p1", "007"]


def test_text_type_is_never_interpreted(write_case, base_files):
    actors = edit(base_files["actors.csv"], 2, "name", "1,5e3")  # the comma splits nothing: quoted below
    actors = actors.replace("1,5e3", '"1,5e3"')
    actors = edit(actors, 3, "role", "non")
    case = load_case(write_case(**{"actors.csv": actors}))
    assert case.actors["name"].iloc[0] == "1,5e3"
    assert case.actors["role"].iloc[1] == "non"


@pytest.mark.parametrize(
    ("file", "line", "column", "bad"),
    [
        ("actors.csv", 4, "sector", "citizens-ish"),
        ("actors.csv", 2, "kind", "municipality"),
        ("relations.csv", 3, "type", "friendship"),
        ("events.csv", 3, "kind", "party"),
        ("participation.csv", 4, "role", "chair"),
        ("decisions.csv", 2, "rule", "unanimity"),
    ],
)
def test_enum_unknown_value(write_case, case_problems, base_files, file, line, column, bad):
    folder = write_case(**{file: edit(base_files[file], line, column, bad)})
    problem = only(case_problems(folder))
    assert_located(problem, folder, file, line, column)
    assert problem.message.startswith(f"'{bad}' is not one of ")


def test_enum_message_lists_the_canonical_values(write_case, case_problems, base_files):
    folder = write_case(**{"actors.csv": edit(base_files["actors.csv"], 4, "sector", "citoyenz")})
    assert only(case_problems(folder)).message == (
        "'citoyenz' is not one of commons, public, sse, private, citizen, other"
    )


@pytest.mark.parametrize(
    ("file", "line", "column", "written", "canonical"),
    [
        ("actors.csv", 2, "sector", "Puissance publique", "public"),
        ("actors.csv", 3, "sector", "ESS", "sse"),
        ("actors.csv", 3, "sector", "Économie sociale et solidaire", "sse"),
        ("actors.csv", 2, "sector", "privé", "private"),
        ("actors.csv", 2, "sector", "PRIVE", "private"),
        ("actors.csv", 4, "sector", "Habitante", "citizen"),
        ("actors.csv", 5, "sector", "commun", "commons"),
        ("actors.csv", 5, "sector", "autre", "other"),
        ("actors.csv", 4, "kind", "Personne", "person"),
        ("actors.csv", 3, "kind", "collectif", "group"),
        ("relations.csv", 2, "type", "Financement", "funding"),
        ("relations.csv", 3, "type", "adhésion", "membership"),
        ("relations.csv", 4, "type", "co-construction", "co_construction"),
        ("relations.csv", 4, "type", "Conflit", "conflict"),
        ("relations.csv", 4, "type", "en nature", "in_kind"),
        ("events.csv", 2, "kind", "Assemblée", "assembly"),
        ("events.csv", 2, "kind", "assemblee generale", "assembly"),
        ("events.csv", 3, "kind", "groupe de travail", "working_group"),
        ("events.csv", 3, "kind", "Réunion publique", "public_meeting"),
        ("participation.csv", 2, "role", "Animatrice", "facilitator"),
        ("participation.csv", 3, "role", "organisateur", "organiser"),
        ("decisions.csv", 2, "rule", "Majorité", "majority"),
        ("decisions.csv", 2, "rule", "tirage au sort", "sortition"),
        ("decisions.csv", 3, "rule", "Autorité publique", "public_authority"),
        ("decisions.csv", 2, "rule", "CONSENSUS", "consensus"),
    ],
)
def test_enum_french_aliases_and_any_case_are_accepted(
    write_case, base_files, file, line, column, written, canonical
):
    case = load_case(write_case(**{file: edit(base_files[file], line, column, written)}))
    table = case.table(file.removesuffix(".csv"))
    assert table[column].iloc[line - 2] == canonical
    assert isinstance(table[column].dtype, pd.CategoricalDtype)


@pytest.mark.parametrize(
    ("file", "line", "column", "bad"),
    [
        ("events.csv", 2, "date", "2020-13-01"),
        ("events.csv", 2, "date", "31/02/2020"),
        ("events.csv", 3, "date", "15 juin 2020"),
        ("events.csv", 3, "date", "2020/06/15"),
        ("relations.csv", 2, "start", "01-01-2020"),
        ("relations.csv", 3, "start", "demain"),
        ("relations.csv", 2, "end", "2020-12-32"),
        ("decisions.csv", 3, "date", "09/2020"),
    ],
)
def test_date_unparsable(write_case, case_problems, base_files, file, line, column, bad):
    folder = write_case(**{file: edit(base_files[file], line, column, bad)})
    problem = only(case_problems(folder))
    assert_located(problem, folder, file, line, column)
    assert problem.message == f"'{bad}' is not a date (YYYY-MM-DD or DD/MM/YYYY)"


def test_date_both_spellings_accepted(write_case, base_files):
    events = edit(edit(base_files["events.csv"], 2, "date", "01/02/2020"), 3, "date", "2020-06-15")
    case = load_case(write_case(**{"events.csv": events}))
    assert case.events["date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-02-01", "2020-06-15"]
    assert str(case.events["date"].dtype) == "datetime64[ns]"


@pytest.mark.parametrize(
    ("file", "line", "column", "bad"),
    [
        ("relations.csv", 2, "amount_eur", "quinze mille"),
        ("relations.csv", 2, "weight", "1.2.3"),
        ("relations.csv", 4, "weight", "12%"),
        ("events.csv", 2, "duration_hours", "3h"),
        ("participation.csv", 2, "hours", "trois"),
        ("participation.csv", 4, "hours", "inf"),
    ],
)
def test_number_unparsable(write_case, case_problems, base_files, file, line, column, bad):
    folder = write_case(**{file: edit(base_files[file], line, column, bad)})
    problem = only(case_problems(folder))
    assert_located(problem, folder, file, line, column)
    assert problem.message == f"'{bad}' is not a number"


@pytest.mark.parametrize(
    ("file", "line", "column", "bad"),
    [
        ("events.csv", 2, "open", "peut-être"),
        ("events.csv", 3, "open", "ouvert"),
        ("participation.csv", 3, "paid", "2"),
        ("decisions.csv", 2, "adopted", "adoptée"),
    ],
)
def test_bool_unparsable(write_case, case_problems, base_files, file, line, column, bad):
    folder = write_case(**{file: edit(base_files[file], line, column, bad)})
    problem = only(case_problems(folder))
    assert_located(problem, folder, file, line, column)
    assert problem.message == f"'{bad}' is not true/false (oui/non)"


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("true", True),
        ("FALSE", False),
        ("oui", True),
        ("Non", False),
        ("vrai", True),
        ("faux", False),
        ("yes", True),
        ("no", False),
        ("1", True),
        ("0", False),
    ],
)
def test_bool_spellings_accepted(write_case, base_files, written, value):
    case = load_case(write_case(**{"events.csv": edit(base_files["events.csv"], 3, "open", written)}))
    assert case.events["open"].iloc[1] == value
    assert str(case.events["open"].dtype) == "boolean"


# --------------------------------------------------------------------------- uniqueness


@pytest.mark.parametrize(
    ("file", "column", "row", "twin_line", "how"),
    [
        ("actors.csv", "actor_id", "a2,Doublon,sse,,,", 3, ""),
        ("actors.csv", "actor_id", "A2,Doublon,sse,,,", 3, " (differs only by case or spaces)"),
        ("actors.csv", "actor_id", "  a2  ,Doublon,sse,,,", 3, ""),
        ("events.csv", "event_id", "E2,2020-07-01,other,,,", 3, " (differs only by case or spaces)"),
        ("decisions.csv", "decision_id", "d1,,2020-10-01,,majority,,", 2, ""),
    ],
)
def test_unique_ids(write_case, case_problems, base_files, file, column, row, twin_line, how):
    folder = write_case(**{file: base_files[file] + row + "\n"})
    problem = only(case_problems(folder))
    line = base_files[file].count("\n") + 1
    assert_located(problem, folder, file, line, column)
    assert problem.message == f"duplicate of line {twin_line}{how}"


def test_unique_ids_differing_by_inner_spaces(write_case, case_problems, base_files):
    actors = (
        base_files["actors.csv"] + "Jean Paul,Jean-Paul,citizen,person,,\njean  paul,JP,citizen,person,,\n"
    )
    folder = write_case(**{"actors.csv": actors})
    problem = only(case_problems(folder))
    assert_located(problem, folder, "actors.csv", 7, "actor_id")
    assert problem.message == "duplicate of line 6 (differs only by case or spaces)"


def test_participation_pairs_unique(write_case, case_problems, base_files):
    folder = write_case(**{"participation.csv": base_files["participation.csv"] + "e2,p1,speaker,1,false\n"})
    problem = only(case_problems(folder))
    assert_located(problem, folder, "participation.csv", 5, "actor_id")
    assert problem.message == "duplicate of line 4"


def test_participation_same_actor_at_two_events_is_fine(write_case, case_problems, base_files):
    folder = write_case(**{"participation.csv": base_files["participation.csv"] + "e2,p2,speaker,1,false\n"})
    assert case_problems(folder) == []


# --------------------------------------------------------------------------- foreign keys


@pytest.mark.parametrize(
    ("file", "line", "column", "what"),
    [
        ("relations.csv", 2, "source", "actor"),
        ("relations.csv", 3, "target", "actor"),
        ("participation.csv", 3, "event_id", "event"),
        ("participation.csv", 4, "actor_id", "actor"),
        ("decisions.csv", 2, "event_id", "event"),
        ("decisions.csv", 3, "initiated_by", "actor"),
    ],
)
def test_foreign_keys(write_case, case_problems, base_files, file, line, column, what):
    folder = write_case(**{file: edit(base_files[file], line, column, "ghost")})
    problem = only(case_problems(folder))
    assert_located(problem, folder, file, line, column)
    assert problem.message == f"unknown {what} 'ghost'"


def test_foreign_key_hint_for_a_case_slip(write_case, case_problems, base_files):
    folder = write_case(**{"relations.csv": edit(base_files["relations.csv"], 4, "target", "P2")})
    problem = only(case_problems(folder))
    assert_located(problem, folder, "relations.csv", 4, "target")
    assert problem.message == "unknown actor 'P2' (did you mean 'p2'?)"


def test_foreign_keys_without_an_events_file(write_case, case_problems):
    folder = write_case(**{"events.csv": None})
    assert where(case_problems(folder)) == [
        ("decisions.csv", 2, "event_id"),
        ("participation.csv", 2, "event_id"),
        ("participation.csv", 3, "event_id"),
        ("participation.csv", 4, "event_id"),
    ]


# --------------------------------------------------------------------------- row rules


def test_source_differs_from_target(write_case, case_problems, base_files):
    folder = write_case(**{"relations.csv": edit(base_files["relations.csv"], 3, "target", "p1")})
    problem = only(case_problems(folder))
    assert_located(problem, folder, "relations.csv", 3, "target")
    assert "source = target" in problem.message


def test_end_not_before_start(write_case, case_problems, base_files):
    folder = write_case(**{"relations.csv": edit(base_files["relations.csv"], 2, "end", "31/12/2019")})
    problem = only(case_problems(folder))
    assert_located(problem, folder, "relations.csv", 2, "end")
    assert problem.message == "end is before start"


def test_end_equal_to_start_is_fine(write_case, case_problems, base_files):
    folder = write_case(**{"relations.csv": edit(base_files["relations.csv"], 2, "end", "2020-01-01")})
    assert case_problems(folder) == []


@pytest.mark.parametrize(
    ("file", "line", "column"),
    [
        ("relations.csv", 4, "weight"),
        ("relations.csv", 2, "amount_eur"),
        ("events.csv", 3, "duration_hours"),
        ("participation.csv", 2, "hours"),
    ],
)
def test_numbers_not_negative(write_case, case_problems, base_files, file, line, column):
    folder = write_case(**{file: edit(base_files[file], line, column, '"-1,5"')})
    problem = only(case_problems(folder))
    assert_located(problem, folder, file, line, column)
    assert problem.message == "must be ≥ 0"


def test_zero_is_not_negative(write_case, case_problems, base_files):
    folder = write_case(**{"relations.csv": edit(base_files["relations.csv"], 2, "amount_eur", "0")})
    assert case_problems(folder) == []


def test_decision_date_required_without_event(write_case, case_problems, base_files):
    folder = write_case(**{"decisions.csv": edit(base_files["decisions.csv"], 3, "date", "")})
    problem = only(case_problems(folder))
    assert_located(problem, folder, "decisions.csv", 3, "date")
    assert problem.message == "a date is required when there is no event_id"


def test_undeclared_group_tag(write_case, case_problems, base_files):
    folder = write_case(**{"actors.csv": edit(base_files["actors.csv"], 5, "groups", "qpv|migrants")})
    problem = only(case_problems(folder))
    assert_located(problem, folder, "actors.csv", 5, "groups")
    assert problem.message == "group 'migrants' is not declared in case.yaml inclusion_groups"


# --------------------------------------------------------------------------- case.yaml


def yaml_problem(write_case, case_problems, base_files, old: str, new: str) -> tuple[Path, Problem]:
    assert old in base_files["case.yaml"], old
    folder = write_case(**{"case.yaml": base_files["case.yaml"].replace(old, new)})
    return folder, only(case_problems(folder))


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "message"),
    [
        (
            "id: base-case",
            "id: other-case",
            1,
            "id",
            "id 'other-case' differs from the folder name 'base-case'",
        ),
        ("id: base-case", "id: Base_Case", 1, "id", "not a case id"),
        ("distant_people]", "distant_people, far_people]", 7, "perspectives.2", "must be 'public_power'"),
        ("data_status: illustrative", "data_status: measured", 8, "data_status", "must be 'illustrative'"),
        (
            "population_share: 0.2",
            "population_share: 1.5",
            16,
            "inclusion_groups.qpv.population_share",
            "must be less than or equal to 1",
        ),
        (
            "population_share: 0.1",
            "population_share: -0.1",
            19,
            "inclusion_groups.unemployed.population_share",
            "must be greater than or equal to 0",
        ),
        (
            "{score: 2,",
            "{score: 3,",
            22,
            "assessment.ostrom.boundaries.score",
            "must be less than or equal to 2",
        ),
        (
            "{score: 1,",
            "{score: -1,",
            23,
            "assessment.ostrom.congruence.score",
            "must be greater than or equal to 0",
        ),
        (
            "{score: 1,",
            "{score: beaucoup,",
            23,
            "assessment.ostrom.congruence.score",
            "must be a valid integer",
        ),
        ("    boundaries:", "    boundary:", 22, "assessment.ostrom.boundary", "must be 'boundaries'"),
        ("rung: partnership", "rung: tokenism", 24, "assessment.arnstein.rung", "must be 'manipulation'"),
        ("end: 2021-12-31", "end: 2021-13-31", 5, "period.end", "must be a valid date"),
        ("end: 2021-12-31", "end: 31/12/2019", 5, "period", "end is before start"),
        ("accessed: 2026-11-29", "accessed: hier", 12, "sources.0.accessed", "must be a valid date"),
        ("show_names: false", "show_names: peut-être", 9, "show_names", "must be a valid boolean"),
        ("place: Grasse", "place: Grasse\ncolour: blue", 4, "colour", "unknown key"),
    ],
)
def test_case_yaml_rules(write_case, case_problems, base_files, old, new, line, column, message):
    folder, problem = yaml_problem(write_case, case_problems, base_files, old, new)
    assert_located(problem, folder, "case.yaml", line, column)
    assert problem.message.startswith(message), problem.message


def test_case_yaml_id_required(write_case, case_problems, base_files):
    _, problem = yaml_problem(write_case, case_problems, base_files, "id: base-case\n", "")
    assert (problem.line, problem.column, problem.message) == (1, "id", "required")


def test_case_yaml_dates_in_both_spellings(write_case, base_files):
    text = base_files["case.yaml"].replace(
        "{start: 2020-01-01, end: 2021-12-31}", "{start: 01/01/2020, end: 2021-12-31}"
    )
    case = load_case(write_case(**{"case.yaml": text}))
    assert (case.meta.period.start.isoformat(), case.meta.period.end.isoformat()) == (
        "2020-01-01",
        "2021-12-31",
    )


def test_case_yaml_population_share_decimal_comma(write_case, base_files):
    text = base_files["case.yaml"].replace("population_share: 0.2", "population_share: '0,25'")
    case = load_case(write_case(**{"case.yaml": text}))
    assert case.meta.inclusion_groups["qpv"].population_share == 0.25


def test_case_yaml_syntax_error_line(write_case, case_problems, base_files):
    folder, problem = yaml_problem(
        write_case, case_problems, base_files, "place: Grasse", "place: Grasse: Nice"
    )
    assert str(problem) == f"{folder / 'case.yaml'}:3: YAML syntax: mapping values are not allowed here"


def test_case_yaml_duplicate_key(write_case, case_problems, base_files):
    folder, problem = yaml_problem(
        write_case, case_problems, base_files, "country: FR", "country: FR\nplace: Nice"
    )
    assert str(problem) == f"{folder / 'case.yaml'}:5: column 'place': key appears twice"


def test_case_yaml_not_a_mapping(write_case, case_problems):
    folder = write_case(**{"case.yaml": "- just\n- a list\n"})
    problem = only(case_problems(folder))
    assert (Path(problem.path).name, problem.line) == ("case.yaml", 1)
    assert "mapping" in problem.message


def test_case_yaml_missing(write_case, case_problems):
    folder = write_case(**{"case.yaml": None})
    problem = only(case_problems(folder))
    assert str(problem).startswith(f"{folder / 'case.yaml'}: case.yaml is missing")


def test_case_yaml_minimal_is_enough(write_case):
    actors = "actor_id,name,sector\na1,A,public\n"
    case = load_case(write_case(files={"case.yaml": "id: base-case\n", "actors.csv": actors}))
    assert case.meta.show_names is False
    assert case.meta.data_status == "illustrative"
    assert len(case.events) == 0


def test_folder_name_must_be_a_case_id(write_case, case_problems):
    folder = write_case(folder="Base_Case", **{"case.yaml": "id: base-case\n"})
    problems = case_problems(folder)
    assert any(p.path == str(folder) and "not a case id" in p.message for p in problems)


# --------------------------------------------------------------------------- everything at once


def test_all_errors_reported_at_once_across_files(write_case, base_files):
    folder = write_case(
        **{
            "case.yaml": base_files["case.yaml"].replace(
                "data_status: illustrative", "data_status: measured"
            ),
            "actors.csv": edit(base_files["actors.csv"], 2, "sector", "mairie"),
            "relations.csv": edit(base_files["relations.csv"], 3, "weight", "-2"),
            "events.csv": edit(base_files["events.csv"], 3, "date", "2020-02-30"),
            "participation.csv": edit(base_files["participation.csv"], 3, "paid", "peut-être"),
            "decisions.csv": edit(base_files["decisions.csv"], 2, "rule", "vote"),
        }
    )
    with pytest.raises(CaseError) as raised:
        load_case(folder)
    assert where(raised.value.problems) == [
        ("actors.csv", 2, "sector"),
        ("case.yaml", 8, "data_status"),
        ("decisions.csv", 2, "rule"),
        ("events.csv", 3, "date"),
        ("participation.csv", 3, "paid"),
        ("relations.csv", 3, "weight"),
    ]
    assert str(raised.value).splitlines() == [str(p) for p in raised.value.problems]


def test_many_bad_rows_are_counted_not_listed(write_case, case_problems, base_files):
    rows = "".join(f"x{i},Nom {i},mairie,,,\n" for i in range(30))
    folder = write_case(**{"actors.csv": base_files["actors.csv"] + rows})
    problems = case_problems(folder)
    assert len(problems) == 21
    assert [p.line for p in problems[:20]] == list(range(6, 26))
    assert problems[20].line == 26
    assert problems[20].message.startswith("… and 10 more rows with the same problem")


def test_messages_never_echo_a_whole_cell(write_case, case_problems, base_files):
    secret = "Madame Unetelle, 12 rue des Lilas, sans emploi depuis 2019"
    folder = write_case(
        **{"actors.csv": edit(base_files["actors.csv"], 4, "sector", secret.replace(",", ""))}
    )
    message = only(case_problems(folder)).message
    assert "Lilas" not in message and "2019" not in message


# --------------------------------------------------------------------------- the validate command

runner = CliRunner()


def test_cli_validate_valid_case(write_case):
    folder = write_case()
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "ok base-case: 4 actors, 3 relations, 2 events, 3 participation, 2 decisions\n"
    assert result.stderr == ""


def test_cli_validate_one_summary_line_per_case(write_case, tmp_path, base_files):
    write_case()
    write_case(
        folder="second-case", **{"case.yaml": base_files["case.yaml"].replace("base-case", "second-case")}
    )
    result = runner.invoke(app, ["validate", "--all", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["ok base-case", "ok second-case"]


def test_cli_validate_invalid_case(write_case, base_files):
    folder = write_case(
        **{
            "actors.csv": edit(base_files["actors.csv"], 2, "sector", "mairie"),
            "events.csv": edit(base_files["events.csv"], 3, "date", "2020-02-30"),
        }
    )
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{folder / 'actors.csv'}:2: column 'sector': ")
    assert lines[1].startswith(f"{folder / 'events.csv'}:3: column 'date': ")
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_validate_reports_valid_and_invalid_cases_together(write_case, tmp_path, base_files):
    write_case()
    write_case(
        folder="broken",
        **{
            "case.yaml": base_files["case.yaml"].replace("base-case", "broken"),
            "actors.csv": b"\x00\x01\x02",
        },
    )
    result = runner.invoke(app, ["validate", "--all", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout.startswith("ok base-case:")
    assert "actors.csv: binary file" in result.stderr


@pytest.mark.parametrize("argument", ["../x", "/abs", "CON", "con", "a" * 300, "no-such-case"])
def test_cli_validate_bad_case_names_without_traceback(tmp_path, argument):
    result = runner.invoke(app, ["validate", argument, "--data-dir", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.stderr.strip()


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "commons-analysis"
    return [str(script)] if script.exists() else [sys.executable, "-m", "commons_analysis.cli.main"]


@pytest.mark.slow
def test_cli_validate_subprocess_exit_codes(write_case, base_files, tmp_path):
    valid = write_case()
    broken = write_case(
        folder="broken",
        **{
            "case.yaml": base_files["case.yaml"].replace("base-case", "broken"),
            "relations.csv": edit(base_files["relations.csv"], 3, "target", "p1"),
            "events.csv": b"\xff\xfe\x00\xd8",
        },
    )
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    ok = subprocess.run(
        [*_cli(), "validate", str(valid)], capture_output=True, text=True, env=env, timeout=120
    )
    assert (ok.returncode, ok.stderr) == (0, "")
    assert ok.stdout.splitlines() == [
        "ok base-case: 4 actors, 3 relations, 2 events, 3 participation, 2 decisions"
    ]
    bad = subprocess.run(
        [*_cli(), "validate", str(broken)], capture_output=True, text=True, env=env, timeout=120
    )
    assert bad.returncode == 1
    assert bad.stdout == ""
    assert f"{broken / 'relations.csv'}:3: column 'target': " in bad.stderr
    assert f"{broken / 'events.csv'}" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_cli_validate_a_bad_name_does_not_hide_the_other_cases(write_case):
    folder = write_case()
    result = runner.invoke(app, ["validate", str(folder), "../x"])
    assert result.exit_code == 1
    assert result.stdout.startswith("ok base-case:")
    assert "'../x' is not a case id" in result.stderr
