"""Votes and support (docs/design.md §Tables): ballot events with ``eligible`` and ``attendance``,
``supported_by`` and vote counts on decisions, ``mean_turnout``, ``supported_share``, ``support_reciprocity``.

Each rule is checked with a broken file and its exact ``PATH:LINE: column``; each indicator by hand.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from commons_analysis.analysis.attendance import attendance_by_event
from commons_analysis.analysis.decisions import decision_indicators, support_arcs
from commons_analysis.analysis.participation import participation_indicators
from commons_analysis.ingest.loading import load_case
from commons_analysis.model.case import Case

EVENTS = """\
event_id,date,kind,title,open,duration_hours,eligible,attendance
e1,2020-02-01,assembly,Assemblée générale,true,3,10,
e2,2020-06-15,scrutin,Vote en ligne,false,,8,6
"""

DECISIONS = """\
decision_id,event_id,date,topic,rule,initiated_by,supported_by,adopted,votes_for,votes_against,abstentions
d1,e1,,Statuts,consensus,p1,p2 | a2,true,,,
d2,e2,,Budget,majority,a1,,false,3,4,1
"""


def located(problems: list, line: int, column: str) -> list[str]:
    """The messages of the problems at ``line`` and ``column``."""
    return [p.message for p in problems if p.line == line and p.column == column]


def test_votes_and_support_read_from_csv(write_case) -> None:
    case = load_case(write_case(**{"events.csv": EVENTS, "decisions.csv": DECISIONS}))
    events = case.events.set_index("event_id")
    assert events.loc["e2", "kind"] == "ballot"  # the French alias 'scrutin'
    assert events["eligible"].tolist() == [10, 8]
    assert str(events["eligible"].dtype) == "Int64"
    assert pd.isna(events.loc["e1", "attendance"]) and events.loc["e2", "attendance"] == 6
    decisions = case.decisions.set_index("decision_id")
    assert decisions.loc["d1", "supported_by"] == ("p2", "a2")  # spaces around '|' are trimmed
    assert decisions.loc["d2", "supported_by"] == ()
    assert (decisions.loc["d2", "votes_for"], decisions.loc["d2", "votes_against"]) == (3, 4)
    assert decisions.loc["d2", "abstentions"] == 1


@pytest.mark.parametrize(
    ("table", "line", "column", "value", "message"),
    [
        ("events.csv", 3, "eligible", "7.5", "must be a whole number"),
        ("events.csv", 3, "eligible", "-1", "must be ≥ 0"),
        ("events.csv", 3, "attendance", "beaucoup", "'beaucoup' is not a whole number"),
        ("decisions.csv", 3, "votes_for", "2.5", "must be a whole number"),
        ("decisions.csv", 2, "supported_by", "p2|zz", "unknown actor 'zz'"),
        ("decisions.csv", 2, "supported_by", "p2|p1", "the initiator cannot be among its own supporters"),
    ],
)
def test_bad_vote_cells_are_located(write_case, case_problems, table, line, column, value, message) -> None:
    files = {"events.csv": EVENTS, "decisions.csv": DECISIONS}
    rows = [row.split(",") for row in files[table].splitlines()]
    rows[line - 1][rows[0].index(column)] = value
    files[table] = "\n".join(",".join(row) for row in rows) + "\n"
    problems = case_problems(write_case(**files))
    assert message in located(problems, line, column), "\n".join(map(str, problems))


def test_attendance_below_the_named_participants_is_refused(write_case, case_problems) -> None:
    # e1 has two participation rows (p1, p2): an attendance of 1 cannot be
    events = EVENTS.replace("3,10,\n", "3,10,1\n")
    problems = case_problems(write_case(**{"events.csv": events, "decisions.csv": DECISIONS}))
    assert located(problems, 2, "attendance") == ["1 is fewer than the 2 participation rows of this event"]


def test_old_cases_without_the_new_columns_stay_valid(write_case, case_problems) -> None:
    assert case_problems(write_case()) == []


def ballot_case() -> Case:
    """Three ballots by hand: v1 4 eligible, 2 named voters; v2 10 eligible, 7 counted; v3 no eligible."""
    actors = pd.DataFrame(
        {
            "actor_id": ["a", "b", "c", "d"],
            "name": list("ABCD"),
            "sector": ["commons"] * 4,
            "kind": ["person"] * 4,
        }
    )
    events = pd.DataFrame(
        {
            "event_id": ["v1", "v2", "v3", "v4"],
            "date": ["2020-01-01", "2021-01-01", "2022-01-01", "2023-01-01"],
            "kind": ["ballot"] * 4,
            "eligible": [4, 10, None, 9],
            "attendance": [None, 7, None, None],
        }
    )
    participation = pd.DataFrame({"event_id": ["v1", "v1", "v2", "v3"], "actor_id": ["a", "b", "a", "c"]})
    # support: b and c second a (twice b); a seconds b; d proposes without support
    decisions = pd.DataFrame(
        {
            "decision_id": ["d1", "d2", "d3", "d4", "d5"],
            "date": ["2020-01-01"] * 5,
            "rule": ["majority"] * 5,
            "initiated_by": ["a", "a", "b", "d", None],
            "supported_by": ["b|c", "b", "a", None, "a"],
        }
    )
    return Case.from_frames(
        {"id": "ballots"}, actors=actors, events=events, participation=participation, decisions=decisions
    )


def test_turnout_by_hand() -> None:
    case = ballot_case()
    table = attendance_by_event(case).set_index("event_id")
    # v1: 2 named of 4; v2: 7 counted of 10; v3: no eligible; v4: nobody recorded, turnout unknown
    assert table["turnout"].tolist()[:2] == [0.5, 0.7]
    assert table["turnout"].isna().tolist() == [False, False, True, True]
    assert participation_indicators(case)["mean_turnout"] == pytest.approx((0.5 + 0.7) / 2)


def test_no_eligible_gives_no_turnout() -> None:
    case = ballot_case()
    events = case.events.assign(eligible=pd.array([None] * 4, dtype="Int64"))
    case = Case.from_frames(case.meta, actors=case.actors, events=events, participation=case.participation)
    assert participation_indicators(case)["mean_turnout"] is None


def test_support_network_by_hand() -> None:
    case = ballot_case()
    arcs = support_arcs(case)
    assert list(zip(arcs["supporter"], arcs["initiator"], arcs["decisions"], strict=True)) == [
        ("a", "b", 1),
        ("b", "a", 2),
        ("c", "a", 1),
    ]
    result = decision_indicators(case)
    # 4 decisions with a known initiator (d5 has none), 3 of them with a supporter (d4 has none)
    assert result["supported_share"] == pytest.approx(3 / 4)
    # pairs a→b, b→a, c→a: a→b and b→a are reciprocated
    assert result["support_reciprocity"] == pytest.approx(2 / 3)


def test_support_without_decisions_is_undefined() -> None:
    case = Case.from_frames(
        {"id": "x"}, actors=pd.DataFrame({"actor_id": ["a"], "name": ["A"], "sector": ["sse"]})
    )
    result = decision_indicators(case)
    assert result["supported_share"] is None and result["support_reciprocity"] is None
    assert support_arcs(case).empty


def test_template_and_export_know_the_new_columns(tmp_path: Path) -> None:
    from commons_analysis.ingest.templates import new_case
    from commons_analysis.publishing.export import table_schema

    folder = new_case("votes", tmp_path)
    assert (folder / "events.csv").read_text().strip().endswith("eligible,attendance")
    assert "supported_by" in (folder / "decisions.csv").read_text()
    fields = {f["name"]: f for f in table_schema("decisions")["fields"]}
    assert fields["votes_for"]["type"] == "integer" and fields["supported_by"]["type"] == "string"


def test_every_case_yaml_key_is_in_the_new_case_template() -> None:
    """README's promise: every key of case.yaml is shown, commented, in the template of new-case."""
    import re

    from commons_analysis.ingest.templates import case_yaml_template
    from commons_analysis.model.metadata import CaseMeta, Source

    template = case_yaml_template("x")
    written = set(re.findall(r"^#?\s*-?\s*\{?(\w+):", template, flags=re.MULTILINE))
    written |= set(re.findall(r"[{,]\s*(\w+):", template))
    assert set(CaseMeta.model_fields) <= written, set(CaseMeta.model_fields) - written
    assert set(Source.model_fields) <= written, set(Source.model_fields) - written
