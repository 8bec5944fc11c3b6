"""Privacy: keyed pseudonyms, the per-project secret, and display_case (issue 4, point 2)."""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commons_analysis.analysis.decisions import decision_indicators
from commons_analysis.analysis.inclusion import inclusion_indicators
from commons_analysis.analysis.participation import participation_indicators
from commons_analysis.model.case import Case
from commons_analysis.publishing import privacy
from commons_analysis.publishing.privacy import (
    display_case,
    find_project_root,
    project_secret,
    pseudonym,
    pseudonymize,
)

SECRET = b"test secret, not the project's"


@pytest.fixture(autouse=True)
def no_secret_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(privacy.SECRET_ENV, raising=False)


def test_pseudonym_is_a_keyed_hmac_sha256() -> None:
    expected = "P-" + hmac.new(SECRET, b"p-marie", hashlib.sha256).hexdigest()[:6]
    assert pseudonym("p-marie", SECRET) == expected
    assert pseudonym("p-marie", SECRET) != "P-" + hashlib.sha256(b"p-marie").hexdigest()[:6]
    assert pseudonym("p-marie", SECRET) != pseudonym("p-marie", b"another secret")
    assert pseudonym("p-marie", SECRET) == pseudonym("p-marie", SECRET)  # stable
    assert len(pseudonym("p-marie", SECRET)) == len("P-3fa9c2")


def test_pseudonymize_keeps_pseudonyms_distinct() -> None:
    # 20,000 persons: about a dozen pairs share their first 6 hex digits
    values = [f"person-{i}" for i in range(20_000)]
    mapping = pseudonymize(values, SECRET)
    assert len(set(mapping.values())) == len(values)
    short = [v for v in values if len(mapping[v]) == 8]
    longer = [v for v in values if len(mapping[v]) > 8]
    assert longer, "this many values should collide on 6 digits at least once"
    assert all(mapping[v] == pseudonym(v, SECRET) for v in short)
    assert all(mapping[v].startswith(pseudonym(v, SECRET)) for v in longer)


def test_pseudonymize_avoids_taken_ids() -> None:
    taken = pseudonym("p1", SECRET)
    mapping = pseudonymize(["p1"], SECRET, taken=[taken])
    assert mapping["p1"] != taken and mapping["p1"].startswith(taken)


def test_secret_file_is_created_once_with_mode_0600(tmp_path: Path) -> None:
    first = project_secret(tmp_path)
    path = tmp_path / privacy.SECRET_FILE
    assert path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) == 64
    assert project_secret(tmp_path) == first
    assert [p.name for p in tmp_path.iterdir()] == [privacy.SECRET_FILE]  # no temporary left over


def test_secret_from_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(privacy.SECRET_ENV, "from the environment")
    assert project_secret(tmp_path) == b"from the environment"
    assert not (tmp_path / privacy.SECRET_FILE).exists()


def test_project_root_is_the_nearest_folder_with_pyproject_or_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    case_folder = project / "data" / "cases" / "brest"
    case_folder.mkdir(parents=True)
    (project / "pyproject.toml").write_text("[project]\n")
    assert find_project_root(case_folder) == project
    # A folder of test data (tests/data/strike) is not a project: only data/cases/ marks one.
    fixtures = project / "tests" / "data" / "strike"
    fixtures.mkdir(parents=True)
    assert find_project_root(fixtures) == project
    (project / "pyproject.toml").unlink()
    assert find_project_root(case_folder) == project  # a researcher's folder: data/cases/ without pyproject
    (project / "pyproject.toml").write_text("[project]\n")
    monkeypatch.chdir(case_folder)
    assert find_project_root() == project
    project_secret()
    assert (project / privacy.SECRET_FILE).is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    # Outside any project: the user's configuration folder, never the current directory.
    assert find_project_root() == tmp_path / "config" / "commons-analysis"


def test_the_secret_file_is_git_ignored() -> None:
    ignore = (Path(__file__).parents[2] / ".gitignore").read_text().split()
    assert privacy.SECRET_FILE in ignore


def people_case(show_names: bool = False) -> Case:
    return Case.from_frames(
        {"id": "people", "show_names": show_names, "inclusion_groups": {"qpv": {"population_share": 0.2}}},
        actors=pd.DataFrame(
            {
                "actor_id": ["marie-dupont", "jean", "ville", "asso"],
                "name": ["Marie Dupont", "Jean Martin", "Ville de Brest", "Association Tiriad"],
                "sector": ["citizen", "citizen", "public", "commons"],
                "kind": ["person", "person", "organisation", "group"],
                "groups": ["qpv", "qpv", "", ""],
            }
        ),
        relations=pd.DataFrame(
            {
                "source": ["marie-dupont", "ville", "jean"],
                "target": ["asso", "asso", "marie-dupont"],
                "type": ["membership", "funding", "partnership"],
                "note": ["Marie Dupont préside", "subvention 2020", "voisins depuis 2010 (marie-dupont)"],
            }
        ),
        events=pd.DataFrame(
            {
                "event_id": ["e1", "e2"],
                "date": ["2020-01-01", "2020-02-01"],
                "kind": ["assembly", "working_group"],
                "title": ["AG", "Atelier animé par jean martin"],
            }
        ),
        participation=pd.DataFrame(
            {
                "event_id": ["e1", "e1", "e2", "e2"],
                "actor_id": ["marie-dupont", "ville", "jean", "marie-dupont"],
            }
        ),
        decisions=pd.DataFrame(
            {
                "decision_id": ["d1", "d2"],
                "event_id": ["e1", "e2"],
                "rule": ["consensus"] * 2,
                "initiated_by": ["marie-dupont", "ville"],
                "topic": ["Budget", "Proposé par Jean"],
            }
        ),
    )


def all_text(case: Case) -> str:
    return "\n".join(
        case.table(name).to_csv() for name in ("actors", "relations", "events", "participation", "decisions")
    )


def test_display_case_replaces_persons_everywhere_consistently() -> None:
    case = people_case()
    shown = display_case(case, SECRET)
    marie, jean = pseudonym("marie-dupont", SECRET), pseudonym("jean", SECRET)
    assert shown.actors["actor_id"].tolist() == [marie, jean, "ville", "asso"]
    assert shown.actors["name"].tolist() == [marie, jean, "Ville de Brest", "Association Tiriad"]
    assert shown.relations["source"].tolist() == [marie, "ville", jean]
    assert shown.relations["target"].tolist() == ["asso", "asso", marie]
    assert shown.participation["actor_id"].tolist() == [marie, "ville", jean, marie]
    assert shown.decisions["initiated_by"].tolist() == [marie, "ville"]
    # issue 19: a note on a relation to or from a person is withheld, not only scrubbed of names
    notes = shown.relations["note"].tolist()
    assert pd.isna(notes[0]) and notes[1] == "subvention 2020" and pd.isna(notes[2])
    assert shown.events["title"].tolist() == ["AG", f"Atelier animé par {jean}"]
    text = all_text(shown).casefold()
    for secret_word in ("marie", "dupont", "jean martin"):
        assert secret_word not in text
    # the input case is not modified
    assert case.actors["name"].tolist()[0] == "Marie Dupont"


def test_display_case_keeps_the_indicators() -> None:
    case = people_case()
    shown = display_case(case, SECRET)
    assert participation_indicators(shown) == participation_indicators(case)
    assert decision_indicators(shown) == decision_indicators(case)
    assert inclusion_indicators(shown, min_cell=1) == inclusion_indicators(case, min_cell=1)


def test_names_stay_when_the_case_opts_in() -> None:
    case = people_case(show_names=True)
    assert display_case(case, SECRET) is case


def test_display_case_uses_the_project_secret_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(privacy.SECRET_ENV, "env secret")
    shown = display_case(people_case())
    assert shown.actors["actor_id"].iloc[0] == pseudonym("marie-dupont", b"env secret")


# ---------------------------------------------------------------------------
# Property: no output contains a person's name when names are not opted in.
# ---------------------------------------------------------------------------

# Names from letters that occur in no column name, enum value or pseudonym of the outputs.
NAME = st.text(alphabet="QXZJWKVY", min_size=6, max_size=12).map(lambda s: "Q" + s.capitalize())


@st.composite
def named_cases(draw: st.DrawFn) -> Case:
    n = draw(st.integers(1, 12))
    # the index keeps one name from being a part of another ("Qkk2X" is not inside "Qkkk12X")
    names = [f"{name}{i}X" for i, name in enumerate(draw(st.lists(NAME, min_size=n, max_size=n)))]
    kinds = draw(st.lists(st.sampled_from(["person", "person", "organisation"]), min_size=n, max_size=n))
    events = [f"e{i}" for i in range(draw(st.integers(1, 5)))]
    pairs = draw(st.sets(st.tuples(st.sampled_from(events), st.integers(0, n - 1)), min_size=1, max_size=40))
    groups = draw(st.lists(st.sampled_from(["qpv", ""]), min_size=n, max_size=n))
    tables = {
        "actors": pd.DataFrame(
            {
                "actor_id": [name.lower() for name in names],
                "name": names,
                "sector": "citizen",
                "kind": kinds,
                "groups": groups,
            }
        ),
        "events": pd.DataFrame(
            {
                "event_id": events,
                "kind": "assembly",
                "date": pd.date_range("2020-01-01", periods=len(events), freq="90D"),
                "title": [f"Atelier de {names[0]}"] * len(events),
            }
        ),
        "participation": pd.DataFrame(
            {
                "event_id": [e for e, _ in sorted(pairs)],
                "actor_id": [names[a].lower() for _, a in sorted(pairs)],
            }
        ),
        "decisions": pd.DataFrame(
            {
                "decision_id": ["d1"],
                "event_id": [events[0]],
                "rule": ["consensus"],
                "initiated_by": [names[0].lower()],
                "topic": [f"Proposition {names[0]}"],
            }
        ),
    }
    if n > 1:
        tables["relations"] = pd.DataFrame(
            {
                "source": [names[0].lower()],
                "target": [names[-1].lower()],
                "type": ["partnership"],
                "note": [f"avec {names[0]} et {names[-1]}"],
            }
        )
    return Case.from_frames({"id": "named", "inclusion_groups": {"qpv": {"population_share": 0.3}}}, **tables)


def every_output(case: Case) -> str:
    from commons_analysis.analysis import (
        assessment,
        attendance,
        decisions,
        inclusion,
        meeting_practices,
        participation,
    )

    parts: list[object] = [
        participation.participation_indicators(case),
        participation.lorenz_curve(case),
        attendance.attendance_by_event(case),
        attendance.participation_by_year(case),
        meeting_practices.hours_by_role(case),
        meeting_practices.facilitator_rotation(case),
        inclusion.inclusion_indicators(case, min_cell=1),
        inclusion.inclusion_table(case, min_cell=1),
        inclusion.inclusion_by_year(case, min_cell=1),
        decisions.decision_indicators(case),
        decisions.decisions_by_rule(case),
        decisions.decisions_by_sector(case),
        decisions.decisions_by_year(case),
        assessment.assessment_indicators(case),
        assessment.ostrom_table(case),
        assessment.arnstein_summary(case),
        all_text(case),
    ]
    return "\n".join(p.to_csv() if isinstance(p, pd.DataFrame) else str(p) for p in parts)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(named_cases())
def test_no_output_contains_a_persons_name(case: Case) -> None:
    persons = case.actors[case.actors["kind"] == "person"]
    organisations = case.actors[case.actors["kind"] != "person"]
    shown = display_case(case, SECRET)
    printed = every_output(shown).casefold()
    for name, actor_id in zip(persons["name"], persons["actor_id"], strict=True):
        assert name.casefold() not in printed
        assert actor_id not in printed
    for name in organisations["name"]:
        assert name in all_text(shown)  # organisations keep their names


def test_environment_secret_is_not_written_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(privacy.SECRET_ENV, "s3cret")
    monkeypatch.chdir(tmp_path)
    display_case(people_case())
    assert os.listdir(tmp_path) == []


def test_supporters_and_the_mapping_are_pseudonymized_and_common_words_stay() -> None:
    # a Debian login that is a French word ("des") must not turn every "des" of a text into a pseudonym
    case = Case.from_frames(
        {
            "id": "votes",
            "summary": {"fr": "Les votes des développeurs, proposés par Jean Martin"},
            "mapping": {"matching": {"en": "jmartin seconded des; the logins of the voters lists"}},
        },
        actors=pd.DataFrame(
            {
                "actor_id": ["jmartin", "des", "debian"],
                "name": ["Jean Martin", "Dana Esposito", "Debian"],
                "sector": ["commons"] * 3,
                "kind": ["person", "person", "organisation"],
            }
        ),
        decisions=pd.DataFrame(
            {
                "decision_id": ["gr1"],
                "date": ["2020-01-01"],
                "rule": ["majority"],
                "initiated_by": ["jmartin"],
                "supported_by": ["des"],
            }
        ),
    )
    shown = display_case(case, SECRET)
    jean, dana = pseudonym("jmartin", SECRET), pseudonym("des", SECRET)
    assert shown.decisions["initiated_by"].tolist() == [jean]
    assert shown.decisions["supported_by"].tolist() == [(dana,)]
    assert shown.meta.summary.fr == f"Les votes des développeurs, proposés par {jean}"
    assert shown.meta.mapping["matching"].en == f"{jean} seconded des; the logins of the voters lists"


def test_the_comparison_shows_titles_and_places_without_persons_names() -> None:
    from commons_analysis.reporting.compare import comparison_rows
    from commons_analysis.reporting.comparison_report import ComparisonReport

    meta = {"id": "chez-marie", "title": {"fr": "Atelier chez Marie Dupont"}, "place": "Chez Marie Dupont"}
    case = Case.from_frames(meta, actors=people_case().actors)
    row = comparison_rows([case], permutations=0, bootstrap=0)[0]
    report = ComparisonReport([case], permutations=0, bootstrap=0)
    shown = " ".join(
        [row["title_fr"], str(row["place"]), report.heading().data.to_csv(), *report.case_labels.values()]
    )
    assert "Marie" not in shown and "Dupont" not in shown
    assert "Atelier chez P-" in row["title_fr"]
