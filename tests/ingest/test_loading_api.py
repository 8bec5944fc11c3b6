"""The notebook API: ``load_case`` (typed tables and metadata), ``load_cases`` (errors per case),
``Case.from_frames``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from commons_analysis.core.errors import CaseError
from commons_analysis.ingest.loading import LoadedCases, case_folders, load_case, load_cases
from commons_analysis.model.case import Case, participation_hours
from commons_analysis.model.metadata import CaseMeta
from commons_analysis.model.schema.tables import TABLES

ROOT = Path(__file__).resolve().parents[2]
TABLE_NAMES = ("actors", "relations", "events", "participation", "decisions")


def test_load_case_dtypes(write_case):
    case = load_case(write_case())
    for table in TABLE_NAMES:
        frame = case.table(table)
        assert list(frame.columns) == TABLES[table].names
        assert isinstance(frame.index, pd.RangeIndex)
        for column in TABLES[table].columns:
            dtype = frame[column.name].dtype
            if column.type == "enum":
                assert isinstance(dtype, pd.CategoricalDtype), (table, column.name)
                assert list(dtype.categories) == list(column.enum)  # every canonical value, even unused
                assert not dtype.ordered
            elif column.type == "date":
                assert dtype == np.dtype("datetime64[ns]"), (table, column.name)
            elif column.type in ("id", "text"):
                assert dtype == pd.StringDtype(), (table, column.name)
            elif column.type == "number":
                assert dtype == pd.Float64Dtype(), (table, column.name)
            elif column.type == "bool":
                assert dtype == pd.BooleanDtype(), (table, column.name)
            elif column.type == "tags":
                assert all(isinstance(tags, tuple) for tags in frame[column.name])


def test_load_case_values(write_case):
    """The base case of conftest.py, value by value."""
    case = load_case(write_case())
    assert case.actors["actor_id"].tolist() == ["a1", "a2", "p1", "p2"]
    assert case.actors["sector"].tolist() == ["public", "sse", "citizen", "commons"]
    assert case.actors["groups"].tolist() == [(), (), ("qpv",), ("qpv", "unemployed")]
    assert case.actors["role"].isna().tolist() == [False, True, False, True]
    assert case.relations["amount_eur"].tolist()[0] == 15000.0
    assert case.relations["start"].tolist()[:2] == [pd.Timestamp("2020-01-01"), pd.Timestamp("2020-03-01")]
    assert case.relations["end"].isna().tolist() == [False, True, True]
    assert case.events["date"].tolist() == [pd.Timestamp("2020-02-01"), pd.Timestamp("2020-06-15")]
    assert case.events["open"].tolist() == [True, False]
    assert case.participation["paid"].tolist() == [False, False, True]
    assert case.decisions["adopted"].tolist() == [True, False]
    assert case.decisions["date"].isna().tolist() == [True, False]


def test_load_case_defaults(write_case):
    """Defaults of docs/design.md §Tables: organisation, weight 1, open, attendee, unpaid, adopted."""
    folder = write_case(
        **{
            "actors.csv": "actor_id,name,sector,kind\na1,A,public,\np1,P,citizen,person\n",
            "relations.csv": "source,target,type,weight\na1,p1,funding,\np1,a1,membership,3\n",
            "events.csv": "event_id,date,kind,duration_hours\ne1,2020-01-01,assembly,2\n"
            "e2,2020-02-01,other,\n",
            "participation.csv": "event_id,actor_id,hours\ne1,p1,\ne2,p1,\ne1,a1,1.5\n",
            "decisions.csv": "decision_id,event_id,rule\nd1,e1,consensus\n",
            "case.yaml": "id: base-case\n",
        }
    )
    case = load_case(folder)
    assert case.actors["kind"].tolist() == ["organisation", "person"]
    assert case.actors["groups"].tolist() == [(), ()]
    assert case.relations["weight"].tolist() == [1.0, 3.0]
    assert case.relations["amount_eur"].isna().all()
    assert case.events["open"].tolist() == [True, True]
    assert case.participation["role"].tolist() == ["attendee"] * 3
    assert case.participation["paid"].tolist() == [False] * 3
    assert case.decisions["adopted"].tolist() == [True]
    # DESIGN's default for empty hours is the event's duration (missing when the event has none either)
    assert case.participation["hours"].isna().tolist() == [False, True, False]
    assert case.participation["hours"].iloc[0] == 2.0
    hours = participation_hours(case)
    assert hours.iloc[0] == 2.0 and pd.isna(hours.iloc[1]) and hours.iloc[2] == 1.5


def test_tables_absent_from_disk_are_empty_typed_frames(write_case):
    case = load_case(
        write_case(files={"case.yaml": "id: base-case\n", "actors.csv": "actor_id,name,sector\n"})
    )
    for table in ("relations", "events", "participation", "decisions"):
        frame = case.table(table)
        assert len(frame) == 0 and list(frame.columns) == TABLES[table].names
    assert isinstance(case.decisions["rule"].dtype, pd.CategoricalDtype)


def test_load_case_metadata_is_typed(write_case):
    case = load_case(write_case())
    meta = case.meta
    assert isinstance(meta, CaseMeta)
    assert case.id == meta.id == "base-case"
    assert meta.title.text("fr") == "Cas de base" and meta.title.text("en") == "Base case"
    assert (meta.period.start, meta.period.end) == (dt.date(2020, 1, 1), dt.date(2021, 12, 31))
    assert meta.perspectives == ["public_power", "distant_people"]
    assert meta.data_status == "illustrative" and meta.show_names is False
    assert meta.sources[0].accessed == dt.date(2026, 11, 29)
    assert meta.inclusion_groups["qpv"].population_share == 0.2
    assert meta.inclusion_groups["unemployed"].label.text("en") == "Unemployed"
    assert meta.assessment is not None
    assert meta.assessment.ostrom["boundaries"].score == 2
    assert meta.assessment.ostrom["congruence"].evidence == "Partly."
    assert meta.assessment.arnstein is not None
    assert (meta.assessment.arnstein.rung, meta.assessment.arnstein.level) == ("partnership", 6)


def test_load_case_provenance(write_case):
    folder = write_case()
    case = load_case(str(folder))  # a str path works as well
    assert case.path == folder
    assert sorted(p.name for p in case.files) == sorted(
        ["case.yaml", "actors.csv", "relations.csv", "events.csv", "participation.csv", "decisions.csv"]
    )


def test_load_case_missing_folder(tmp_path):
    with pytest.raises(CaseError) as raised:
        load_case(tmp_path / "nowhere")
    assert [p.message for p in raised.value.problems] == ["no such case folder"]


def test_load_case_error_lists_every_problem(write_case, base_files):
    folder = write_case(
        **{
            "actors.csv": base_files["actors.csv"].replace("public", "mairie"),
            "events.csv": base_files["events.csv"].replace("2020-06-15", "2020-06-31"),
        }
    )
    with pytest.raises(CaseError) as raised:
        load_case(folder)
    assert len(raised.value.problems) == 2
    assert str(raised.value).count("\n") == 1


# --------------------------------------------------------------------------- load_cases


def test_load_cases_collects_errors_per_case(write_case, base_files, tmp_path):
    write_case(folder="alpha", **{"case.yaml": base_files["case.yaml"].replace("base-case", "alpha")})
    write_case(folder="beta", **{"case.yaml": base_files["case.yaml"].replace("base-case", "beta")})
    write_case(
        folder="broken",
        **{
            "case.yaml": base_files["case.yaml"].replace("base-case", "broken"),
            "relations.csv": base_files["relations.csv"].replace("p1,a2", "ghost,a2"),
        },
    )
    write_case(folder="wrong-id", **{"case.yaml": base_files["case.yaml"]})  # id differs from the folder
    (tmp_path / "not-a-case").mkdir()  # no case.yaml: not a case folder
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    loaded = load_cases(tmp_path)
    assert isinstance(loaded, LoadedCases)
    assert sorted(loaded.cases) == ["alpha", "beta"]
    assert sorted(loaded.errors) == ["broken", "wrong-id"]
    assert [(Path(p.path).name, p.line, p.column) for p in loaded.errors["broken"].problems] == [
        ("relations.csv", 3, "source")
    ]
    assert loaded.errors["wrong-id"].problems[0].column == "id"
    assert loaded.cases["alpha"].id == "alpha"
    assert [p.name for p in case_folders(tmp_path)] == ["alpha", "beta", "broken", "wrong-id"]


def test_load_cases_of_an_empty_folder(tmp_path):
    assert load_cases(tmp_path) == LoadedCases({}, {})
    assert load_cases(str(tmp_path / "missing")) == LoadedCases({}, {})


@pytest.mark.slow
def test_bundled_cases_load():
    loaded = load_cases(ROOT / "data" / "cases")
    if not loaded.cases and not loaded.errors:
        pytest.skip("no bundled case yet")
    assert loaded.errors == {}, {k: str(v)[:500] for k, v in loaded.errors.items()}
    documented = {
        "debian-votes",
        "python-governance",
        "toulouse-budget-participatif",
        "warszawa-budzet-obywatelski-2023",
    }  # imported from public records (data/raw/)
    for case_id, case in loaded.cases.items():
        assert case.meta.data_status == ("documented" if case_id in documented else "illustrative")
        assert len(case.actors) > 0


# --------------------------------------------------------------------------- Case.from_frames


def test_from_frames_casts_and_fills_defaults():
    case = Case.from_frames(
        {"id": "demo", "title": {"fr": "Démo"}, "show_names": True},
        actors=pd.DataFrame(
            {"actor_id": ["a", "b"], "name": ["A", "B"], "sector": ["sse", "public"], "groups": ["x|y", None]}
        ),
        relations=pd.DataFrame(
            {"source": ["a"], "target": ["b"], "type": ["funding"], "start": ["2020-01-31"]}
        ),
        events=pd.DataFrame({"event_id": ["e"], "date": [dt.date(2021, 5, 1)], "kind": ["assembly"]}),
        participation=pd.DataFrame({"event_id": ["e"], "actor_id": ["a"]}),
    )
    assert case.id == "demo" and case.meta.show_names is True and case.meta.title.text("en") == "Démo"
    assert case.actors["kind"].tolist() == ["organisation", "organisation"]
    assert case.actors["groups"].tolist() == [("x", "y"), ()]
    assert isinstance(case.actors["sector"].dtype, pd.CategoricalDtype)
    assert case.relations["weight"].tolist() == [1.0]
    assert case.relations["start"].tolist() == [pd.Timestamp("2020-01-31")]
    assert case.relations["start"].dtype == np.dtype("datetime64[ns]")
    assert case.events["open"].tolist() == [True]
    assert case.participation["role"].tolist() == ["attendee"]
    assert case.participation["paid"].tolist() == [False]
    assert pd.isna(case.participation["hours"].iloc[0])
    assert len(case.decisions) == 0 and list(case.decisions.columns) == TABLES["decisions"].names
    assert case.path is None and case.files == ()


def test_from_frames_equals_load_case_of_the_same_rows(write_case):
    loaded = load_case(write_case())
    built = Case.from_frames(loaded.meta, **{t: loaded.table(t) for t in TABLE_NAMES})
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(built.table(table), loaded.table(table))


def test_from_frames_does_not_validate():
    actors = pd.DataFrame({"actor_id": ["a", "a"], "name": ["A", "A bis"], "sector": ["sse", "sse"]})
    assert len(Case.from_frames({"id": "demo"}, actors=actors).actors) == 2


def test_from_frames_rejects_unknown_tables_and_bad_metadata():
    actors = pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]})
    with pytest.raises(TypeError):
        Case.from_frames({"id": "demo"}, actors=actors, meetings=actors)
    with pytest.raises(ValueError):
        Case.from_frames({"id": "Not A Slug"}, actors=actors)


def test_table_accessor():
    case = Case.from_frames({"id": "demo"}, actors=pd.DataFrame({"actor_id": [], "name": [], "sector": []}))
    assert case.table("actors") is case.actors
    with pytest.raises(KeyError):
        case.table("meta")


# --------------------------------------------------------------------------- paths in messages


def test_paths_in_messages_are_relative_to_the_working_directory(
    write_case, base_files, tmp_path, monkeypatch
):
    from commons_analysis.core.errors import display_path

    folder = write_case(**{"actors.csv": base_files["actors.csv"].replace("public", "mairie")})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CaseError) as raised:
        load_case("base-case")
    assert str(raised.value).startswith("base-case/actors.csv:2: column 'sector': ")
    assert display_path(Path("/elsewhere/x.csv")) == "/elsewhere/x.csv"
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # the working directory no longer exists: paths are shown as given
    assert display_path(folder / "actors.csv") == str(folder / "actors.csv")


def test_the_empty_tables_of_two_cases_are_not_shared() -> None:
    """Empty tables are copies of one template per table: changing one case's leaves the next alone."""
    first = Case(meta=CaseMeta(id="first", title={"fr": "Premier", "en": "First"}), actors=pd.DataFrame())
    first.events.loc[0, "event_id"] = "e1"
    second = Case(meta=CaseMeta(id="second", title={"fr": "Second", "en": "Second"}), actors=pd.DataFrame())
    assert first.events["event_id"].tolist() == ["e1"]
    assert second.events.empty and list(second.events.columns) == [c.name for c in TABLES["events"].columns]
